// The students' side of homework (docs/api.md, "Homework"): no instructor key, only the assignment's
// link and, once a device has started, the attempt token the server gave it. The token is kept on the
// device (localStorage); the server keeps a hash of it. The name is only a display name: two devices
// under one name are two attempts, and neither can read or change the other's.
import { createHash, randomBytes } from 'node:crypto';
import express from 'express';
import * as v from 'valibot';
import { homeworkRefusals as en } from '../../shared/i18n/en/homework';
import { errorSentence, nameRuleIn } from '../../shared/i18n/errors';
import { homeworkRefusals as fr } from '../../shared/i18n/fr/homework';
import type { Language } from '../../shared/i18n/language';
import type { Failure } from '../../shared/protocol/errors';
import {
  ATTEMPT_TOKEN_PATTERN,
  STUDENT_ID_MAX_CHARS,
  StartAttemptSchema,
  TRIES_PER_ROUND,
} from '../../shared/protocol/homework';
import { normalizeNickname } from '../../shared/protocol/nickname';
import { AnswerSubmitSchema, parsePayload } from '../../shared/protocol/schemas';
import {
  type AssignmentRecord,
  type AttemptRecord,
  advancePlay,
  answerRound,
  homeworkView,
  infoOf,
  isFinished,
  isPastDue,
  NO_TRIES,
  type NoRetry,
  newGame,
  type Play,
  playOf,
  retryRound,
  settle,
  showRound,
  storedGame,
} from '../homework/attempt';
import type { Budgets } from '../limits/budgets';
import type { LimitEvents } from '../limits/events';
import { requestLanguage, tooMany } from '../limits/http';
import type { LibraryQuotas } from '../limits/quotas';
import type { RoomState } from '../room/state';
import type { LibraryStore } from '../store/library-sqlite';
import { problem, sentStoreUnavailable } from './problem';

/** What a student sends is a name, an id, an answer: a few hundred bytes. */
export const HOMEWORK_BODY_LIMIT = '2kb';
/** Saves of one attempt that met another save first are tried again this many times. */
const SAVE_TRIES = 3;

export interface HomeworkDeps {
  library: LibraryStore;
  now(): number;
  newId(): string;
  quotas: LibraryQuotas;
  events: LimitEvents;
  budgets: Budgets;
  addressOf(req: express.Request): string;
  /** Whether an error of the library says the database cannot be reached (then 503, try again). */
  storeUnavailable?(error: unknown): boolean;
  storeRetryAfterS?: number;
  /** The most tries of one round when retries are allowed (TRIES_PER_ROUND by default). */
  triesPerRound?: number;
}

/** Which round a retry or a "show me the answer" is about. */
const RoundSchema = v.object({
  round: v.pipe(
    v.number('round must be a number.'),
    v.integer('round must be a whole number.'),
    v.minValue(0, 'round counts from 0.'),
  ),
});

export const hashToken = (token: string) =>
  createHash('sha256').update(`overshoot-attempt:${token}`).digest('base64url');

const newToken = () => randomBytes(24).toString('base64url');

function tokenOf(req: express.Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  const token = match?.[1];
  return token !== undefined && ATTEMPT_TOKEN_PATTERN.test(token) ? token : undefined;
}

const REFUSALS: Record<Language, typeof en> = { en, fr };

/** The student's language (the page's): every refusal below is written in it. */
const languageOf = requestLanguage;
const wordsOf = (req: express.Request) => REFUSALS[languageOf(req)];

/** The HTTP status of a refusal by the rules of a game (server/room/reduce.ts). */
const statusOf = (f: Failure) =>
  f.error === 'WRONG_ANSWER_TYPE' || f.error === 'NAME_INVALID' || f.error === 'BAD_PAYLOAD' ? 400 : 409;

/** A refusal by the rules of a game (or of homework: ../homework/attempt.ts), in the student's language. */
function refuseByRules(req: express.Request, res: express.Response, f: Failure) {
  const message =
    f.error === 'WRONG_PHASE' ? wordsOf(req).wrongPhase : errorSentence(languageOf(req), f.error, f.message);
  problem(res, statusOf(f), f.error, message);
}

type Ctx = { assignment: AssignmentRecord };
type IdRequest = express.Request<{ id: string }>;

export function createHomeworkRouter(deps: HomeworkDeps): express.Router {
  const { library } = deps;
  const router = express.Router();
  const json = express.json({ limit: HOMEWORK_BODY_LIMIT });

  const maxTries = deps.triesPerRound ?? TRIES_PER_ROUND;

  /** Why a round may not be tried again, in the student's language. */
  function refuseRetry(req: express.Request, res: express.Response, no: NoRetry): void {
    const words = wordsOf(req);
    const message = no.why === 'triesUsed' ? words.triesUsed(maxTries) : words[no.why];
    problem(res, no.why === 'noRetries' ? 403 : 409, no.error, message, {
      ...(no.why === 'triesUsed' ? { max: maxTries } : {}),
    });
  }

  function refusePastDue(req: express.Request, res: express.Response, a: AssignmentRecord): void {
    const words = wordsOf(req);
    problem(res, 403, 'PAST_DUE', words.pastDue(words.dueText(a.settings.dueAt ?? 0)), {
      dueAt: a.settings.dueAt,
    });
  }

  /** The assignment the link names, or a 404 sent. */
  async function assignmentOf(req: IdRequest, res: express.Response): Promise<AssignmentRecord | undefined> {
    const found = await library.findAssignment(req.params.id);
    if (!found) problem(res, 404, 'NOT_FOUND', wordsOf(req).notFound);
    return found;
  }

  /** The device's attempt at the assignment, or a 401/404 sent. */
  async function attemptOf(
    req: IdRequest,
    res: express.Response,
  ): Promise<(Ctx & { attempt: AttemptRecord }) | undefined> {
    const token = tokenOf(req);
    if (!token) {
      problem(res, 401, 'NO_TOKEN', wordsOf(req).noToken);
      return undefined;
    }
    const assignment = await assignmentOf(req, res);
    if (!assignment) return undefined;
    const attempt = await library.findAttempt(assignment.id, hashToken(token));
    if (!attempt) {
      problem(res, 404, 'NO_ATTEMPT', wordsOf(req).noAttempt);
      return undefined;
    }
    return { assignment, attempt };
  }

  /** The attempt with its game replaced, saved at once; null when another save of it came first. */
  async function save(attempt: AttemptRecord, before: Play, after: Play, now: number) {
    if (after === before) return attempt;
    const next: AttemptRecord = {
      ...attempt,
      updatedAt: now,
      finishedAt: attempt.finishedAt ?? (isFinished(after.state) ? now : null),
      // A change of the tries alone (an answer shown) moves the version on too, so that two tabs'
      // saves still meet.
      game: storedGame(
        after.state === before.state ? { ...after.state, version: before.state.version + 1 } : after.state,
        after.tries,
      ),
    };
    return (await library.saveAttempt(next, before.state.version)) ? next : null;
  }

  /**
   * Applies `change` to the device's attempt and saves it before answering: what a student submits is
   * on disk when they see it taken. A save that met another (two tabs) is done again on the new state.
   */
  const step =
    (
      change: (
        play: Play,
        now: number,
        req: express.Request,
        assignment: AssignmentRecord,
      ) => Play | Failure | NoRetry,
      /** Whether the change needs the due date not to have passed (it takes or opens an answer). */
      due: (state: RoomState) => boolean,
    ) =>
    async (req: IdRequest, res: express.Response) => {
      for (let tries = 0; tries < SAVE_TRIES; tries++) {
        const found = await attemptOf(req, res);
        if (!found) return;
        const { assignment, attempt } = found;
        const now = deps.now();
        const before = playOf(assignment, attempt);
        if (isPastDue(assignment.settings, now) && due(before.state))
          return refusePastDue(req, res, assignment);
        const after = change(before, now, req, assignment);
        if ('why' in after) return refuseRetry(req, res, after);
        if ('ok' in after) return refuseByRules(req, res, after);
        const saved = await save(attempt, before, after, now);
        if (saved) return res.json(homeworkView(assignment, saved, playOf(assignment, saved), now, maxTries));
      }
      problem(res, 409, 'BUSY', wordsOf(req).busy);
    };

  router.get('/:id', async (req: IdRequest, res) => {
    const assignment = await assignmentOf(req, res);
    if (assignment) res.json(infoOf(assignment, deps.now()));
  });

  /** The first sitting of a device: a new attempt and its token. */
  async function start(req: IdRequest, res: express.Response) {
    const assignment = await assignmentOf(req, res);
    if (!assignment) return;
    const now = deps.now();
    if (isPastDue(assignment.settings, now)) return refusePastDue(req, res, assignment);
    const spent = await deps.budgets.consume('attemptCreate', deps.addressOf(req));
    if (!spent.ok) return tooMany(deps.budgets, res, spent.retryAfterMs, 'homework starts');
    const words = wordsOf(req);
    const given: unknown = (req.body as { studentId?: unknown } | undefined)?.studentId;
    // The one field a person can get wrong by typing: said in their language, not the schema's.
    if (typeof given === 'string' && given.length > STUDENT_ID_MAX_CHARS)
      return problem(res, 400, 'BAD_PAYLOAD', words.studentIdTooLong(STUDENT_ID_MAX_CHARS));
    // A name's own rules before the schema's, in the student's language: a name pasted hundreds of
    // characters long is too long, not a request the server does not understand.
    const typed: unknown = (req.body as { nickname?: unknown } | undefined)?.nickname;
    const name = normalizeNickname(typeof typed === 'string' ? typed : '');
    if (!name.ok && typeof typed === 'string')
      return problem(res, 400, 'NAME_INVALID', nameRuleIn(languageOf(req), name.rule));
    const body = parsePayload(StartAttemptSchema, req.body);
    // Only a nickname that is not text is left: the schema names it.
    if (!body.ok || !name.ok) return problem(res, 400, 'BAD_PAYLOAD', body.ok ? '' : body.message);
    const id = body.value.studentId?.normalize('NFKC').trim() ?? '';
    if (assignment.settings.askStudentId && id === '')
      return problem(res, 400, 'STUDENT_ID_REQUIRED', words.studentIdRequired);
    if (/[\p{Cc}\p{Co}\p{Cs}]/u.test(id)) return problem(res, 400, 'BAD_PAYLOAD', words.studentIdUnreadable);
    const token = newToken();
    const nickname = name.nickname;
    const game = newGame(assignment, nickname, now);
    if ('ok' in game) return refuseByRules(req, res, game);
    const attempt: AttemptRecord = {
      id: deps.newId(),
      assignmentId: assignment.id,
      token: hashToken(token),
      try: 1,
      nickname,
      studentId: assignment.settings.askStudentId ? id : null,
      startedAt: now,
      updatedAt: now,
      finishedAt: null,
      game: storedGame(game),
    };
    const created = await library.createAttempt(attempt);
    if (!created.ok) {
      if ('conflict' in created) return problem(res, 409, 'ALREADY_STARTED', wordsOf(req).alreadyStarted);
      deps.events.refused(created.quota, `${deps.addressOf(req)} homework ${assignment.id.slice(0, 8)}`);
      // The one quota a student can meet; its sentence is in their language.
      const message = wordsOf(req).attemptsFull(deps.quotas.attemptsPerAssignment);
      return problem(res, 403, 'QUOTA_EXCEEDED', message, { quota: created.quota });
    }
    res.status(201).json({
      token,
      homework: homeworkView(assignment, attempt, { state: game, tries: NO_TRIES }, now, maxTries),
    });
  }

  router.post('/:id/attempts', json, start);

  /** Where the device stopped: a timed question whose time ran out meanwhile has closed (and is saved so). */
  router.get(
    '/:id/attempt',
    step(
      (play, now) => {
        const state = settle(play.state, now);
        return state === play.state ? play : { ...play, state };
      },
      () => false,
    ),
  );
  router.post(
    '/:id/attempt/next',
    // After the last answer, "Next" only ends the attempt (and shows its reveals): allowed after the due date.
    step(
      (play, now) => advancePlay(play, now),
      (state) => !(state.phase.kind === 'reveal' && state.phase.round + 1 >= state.deck.rounds.length),
    ),
  );
  router.post(
    '/:id/attempt/answer',
    json,
    step(
      (play, now, req) => {
        const body = parsePayload(v.omit(AnswerSubmitSchema, ['confidence']), req.body);
        if (!body.ok) return { ok: false, error: 'BAD_PAYLOAD', message: body.message };
        const state = answerRound(play.state, body.value.round, body.value.choice, now);
        return 'ok' in state ? state : { ...play, state };
      },
      () => true,
    ),
  );
  /** The round just answered, asked again (README "Homework": a retry of a round). */
  router.post(
    '/:id/attempt/retry',
    json,
    step(
      (play, now, req, assignment) => {
        const body = parsePayload(RoundSchema, req.body);
        if (!body.ok) return { ok: false, error: 'BAD_PAYLOAD', message: body.message };
        return retryRound(play, assignment.settings, maxTries, body.value.round, now);
      },
      () => true,
    ),
  );
  /** With reveal "each": the answer of a round the student stops trying. */
  router.post(
    '/:id/attempt/show',
    json,
    step(
      (play, _now, req) => {
        const body = parsePayload(RoundSchema, req.body);
        if (!body.ok) return { ok: false, error: 'BAD_PAYLOAD', message: body.message };
        return showRound(play, body.value.round);
      },
      () => false,
    ),
  );

  router.use((req, res) => problem(res, 404, 'NOT_FOUND', wordsOf(req).noRoute));
  router.use(
    (
      error: { type?: string; status?: number },
      req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      if (sentStoreUnavailable(error, res, deps)) return;
      const words = wordsOf(req);
      if (error.type === 'entity.parse.failed') return problem(res, 400, 'BAD_JSON', words.badJson);
      if (error.type === 'entity.too.large')
        return problem(res, 413, 'TOO_LARGE', words.tooLarge(HOMEWORK_BODY_LIMIT));
      problem(res, 500, 'INTERNAL', words.internal);
    },
  );
  return router;
}
