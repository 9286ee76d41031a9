// The small HTTP API for instructors' decks and reports (docs/api.md). Every route needs the
// instructor's key and only ever sees that instructor's rows.
import express from 'express';
import type { DeckFile } from '../../shared/protocol/deck';
import { parseDeck } from '../../shared/protocol/deck';
import { AssignSchema } from '../../shared/protocol/homework';
import { parsePayload } from '../../shared/protocol/schemas';
import type { AssignmentRecord } from '../homework/attempt';
import { assignmentCsv, buildAssignmentReport } from '../homework/report';
import type { Budgets } from '../limits/budgets';
import type { LimitEvents } from '../limits/events';
import { tooMany } from '../limits/http';
import { DEFAULT_QUOTAS, type LibraryQuotas, type QuotaName, quotaMessage } from '../limits/quotas';
import type { GradebookSource } from '../reports/gradebook';
import { DOCUMENT_WORDS, type DocumentWords, documentLanguage } from '../reports/words';
import type { DeckText, LibraryStore, Saved } from '../store/library-sqlite';
import { checkDeck, type DeckCheck } from './deck-check';
import { checkDeckBody } from './deck-checker';
import { keyFromAuthorization, ownerOf } from './instructor';
import { fileName, problem, sentStoreUnavailable } from './problem';

/**
 * The largest body a deck needs. The largest deck the editor can make, 100 regression rounds of 500
 * points with every number at a double's full precision (-123456.78901234567), is 1.88 MB as the
 * editor sends it and 2.99 MB as the file "Download" writes (indented), which an import sends as is.
 * Bodies over this are refused (413) from their Content-Length, or as they stream, before parsing.
 */
export const API_BODY_LIMIT_BYTES = 3 * 1024 * 1024;
export const API_BODY_LIMIT = '3 MB';

/** An assignment's settings: a few hundred bytes. */
const ASSIGN_BODY_LIMIT = '4kb';

/** The most reports one gradebook may combine: a course's games over a year, with room to spare. */
export const GRADEBOOK_MAX_REPORTS = 50;

export interface ApiDeps {
  library: LibraryStore;
  now(): number;
  newId(): string;
  /** The report of a game as CSV, or undefined when the report has none (see server/reports). */
  reportCsv(body: unknown, words: DocumentWords): string;
  /** A saved report as the current version serves it (a version 1 report gets its misconceptions). */
  upgradeReport(body: unknown): unknown;
  /** M5: the follow-up deck of a saved report, or null when it names no misconception. */
  followUpDeck(body: unknown, words: DocumentWords): DeckFile | null;
  /** The warm-up deck of saved report `id` (server/reports/warmup.ts); null when no round tests an idea. */
  warmupDeck(body: unknown, id: string, words: DocumentWords): DeckFile | null;
  /** The report id a saved report was the warm-up of, if any. */
  warmupOf(body: unknown): string | null;
  /** A served report with its "Since last time" (original: the saved original, null if not yours). */
  withSinceLastTime(report: unknown, original: unknown | null): unknown;
  /**
   * A saved report's part of a gradebook (with its rounds for a gradebook of that game alone), and
   * the gradebook's CSV (server/reports/gradebook.ts).
   */
  gradebookSource(body: unknown, perRound: boolean, words: DocumentWords): GradebookSource;
  gradebookCsv(sources: GradebookSource[], words: DocumentWords): string;
  budgets: Budgets;
  events: LimitEvents;
  /** The same figures the library enforces, to name them in refusals. */
  quotas?: LibraryQuotas;
  addressOf(req: express.Request): string;
  /** Whether an error of the library says the database cannot be reached (then 503, try again). */
  storeUnavailable?(error: unknown): boolean;
  /** The Retry-After of that 503, s. */
  storeRetryAfterS?: number;
}

type Locals = { owner: string };
type IdRequest = express.Request<{ id: string }>;

const CLOSE_BRACE = Buffer.from('}');

/**
 * The report ids of `?reports=a,b` (or `?reports=a&reports=b`), in order, each once. Commas never
 * occur in an id (they are base64url).
 */
function reportIds(query: unknown): string[] {
  const given = Array.isArray(query) ? query : [query];
  const ids = given
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(','))
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return [...new Set(ids)];
}

/** An id as a refusal names it: a long one is cut, so a refusal stays a sentence. */
const shownId = (id: string) => (id.length > 40 ? `${id.slice(0, 40)}…` : id);

/** The words of the documents a request makes (deck titles, CSVs): `?lang=`, else English (docs/api.md). */
const wordsOf = (req: express.Request): DocumentWords => DOCUMENT_WORDS[documentLanguage(req.query)];

/** Lets the event loop serve games between two big reports' bodies. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createApiRouter(deps: ApiDeps): express.Router {
  const { library, budgets, events } = deps;
  const quotas = deps.quotas ?? DEFAULT_QUOTAS;
  const router = express.Router();

  router.use((req, res, next) => {
    const key = keyFromAuthorization(req.get('authorization'));
    if (!key) {
      problem(
        res,
        401,
        'UNAUTHORIZED',
        'This needs your instructor key: open /host in the browser you teach from.',
      );
      return;
    }
    (res.locals as Locals).owner = ownerOf(key);
    next();
  });

  const ownerOfRes = (res: express.Response) => (res.locals as Locals).owner;

  /**
   * Deck writes spend the key's and the address's budgets (in requests and in KB of body), a key
   * storing its first deck spends one of the address's new keys, and a save that no room is left for
   * is refused: all before the body is read, so a refused flood costs no parsing.
   */
  const writeBudget =
    (opts: { adds: boolean }): express.RequestHandler =>
    async (req, res, next) => {
      const owner = ownerOfRes(res);
      const address = deps.addressOf(req);
      // Without a Content-Length the body is charged as the largest one allowed.
      const declared = Number(req.get('content-length') ?? API_BODY_LIMIT_BYTES);
      const kb = Math.ceil(Math.min(API_BODY_LIMIT_BYTES, Number.isFinite(declared) ? declared : 0) / 1024);
      const spends = [
        budgets.consume('deckWrite', owner),
        budgets.consume('deckWriteAddress', address),
        budgets.consume('deckBytes', address, Math.max(1, kb)),
      ];
      if (opts.adds && !(await library.isKnown(owner))) spends.push(budgets.consume('keyCreate', address));
      const refused = (await Promise.all(spends)).flatMap((s) => (s.ok ? [] : [s.retryAfterMs]));
      if (refused.length > 0) return tooMany(budgets, res, Math.max(...refused), 'deck saves');
      const full = opts.adds ? await library.quotaReached(owner) : undefined;
      if (full) return refuseQuota(req, res, full);
      next();
    };

  /**
   * The body read as bytes (`limit` counts them as they stream in, whatever Content-Length claims),
   * then checked (deck-checker.ts): a big body on a worker thread, so that the shape scan, JSON.parse,
   * the deck's validation and its serialisation never hold the event loop; a hostile body stops at
   * the scan.
   */
  const rawBody = express.raw({ type: 'application/json', limit: API_BODY_LIMIT_BYTES });
  async function deckFromBody(req: express.Request, res: express.Response): Promise<DeckText | undefined> {
    // The body is read once: a big one is handed to the checker's thread, not copied.
    const checked: DeckCheck = Buffer.isBuffer(req.body)
      ? await checkDeckBody(req.body, { transfer: true })
      : checkDeck(undefined);
    if (checked.ok) return { title: checked.title, rounds: checked.rounds, json: checked.json };
    if (checked.error === 'SERVER_BUSY') {
      res.set('Retry-After', '2');
      problem(res, 503, 'SERVER_BUSY', checked.message);
      return undefined;
    }
    if (checked.error === 'BAD_JSON') {
      if (checked.shape) events.refused('bodyTooComplex', deps.addressOf(req), checked.shape);
      problem(res, 400, 'BAD_JSON', checked.message);
      return undefined;
    }
    const { round, field, rule } = checked;
    problem(res, 400, 'BAD_DECK', checked.message, {
      ...(round === undefined ? {} : { round }),
      ...(field ? { field } : {}),
      rule,
    });
    return undefined;
  }

  function refuseQuota(req: express.Request, res: express.Response, quota: QuotaName): void {
    events.refused(quota, `${deps.addressOf(req)} key ${ownerOfRes(res).slice(0, 8)}`);
    problem(res, quota === 'libraryBytes' ? 507 : 403, 'QUOTA_EXCEEDED', quotaMessage(quota, quotas), {
      quota,
    });
  }

  /** Answers a save: the deck, or the quota it would pass. */
  function sendSaved(req: express.Request, res: express.Response, saved: Saved, status: number): void {
    if (saved.ok) {
      // The StoredDeck, quoting the stored JSON's bytes rather than serialising a big deck a second
      // time or encoding its text again (res.json's own Content-Type, charset included). Written as
      // its three parts: res.send would copy them into one buffer and hash all of it for an ETag
      // (2-3 ms of the event loop for a 0.8 MB deck), for an answer no client asks again.
      const head = Buffer.from(`${JSON.stringify(saved.deck).slice(0, -1)},"deck":`);
      res
        .status(status)
        .set('Content-Type', 'application/json; charset=utf-8')
        .set('Content-Length', String(head.byteLength + saved.json.byteLength + CLOSE_BRACE.byteLength));
      res.write(head);
      res.write(saved.json);
      res.end(CLOSE_BRACE);
      return;
    }
    refuseQuota(req, res, saved.quota);
  }

  router.get('/decks', async (_req, res) => {
    res.json({ decks: await library.listDecks(ownerOfRes(res)) });
  });
  router.post('/decks', writeBudget({ adds: true }), rawBody, async (req, res) => {
    const deck = await deckFromBody(req, res);
    if (!deck) return;
    sendSaved(req, res, await library.createDeck(ownerOfRes(res), deps.newId(), deck, deps.now()), 201);
  });
  router.get('/decks/:id', async (req, res) => {
    const deck = await library.getDeck(ownerOfRes(res), req.params.id);
    if (!deck) return problem(res, 404, 'NOT_FOUND', 'You have no deck with that id.');
    res.json(deck);
  });
  router.get('/decks/:id/file', async (req, res) => {
    const deck = await library.getDeck(ownerOfRes(res), req.params.id);
    if (!deck) return problem(res, 404, 'NOT_FOUND', 'You have no deck with that id.');
    res.attachment(fileName(deck.title, 'json'));
    res.type('application/json').send(`${JSON.stringify(deck.deck, null, 2)}\n`);
  });
  router.put('/decks/:id', writeBudget({ adds: false }), rawBody, async (req: IdRequest, res) => {
    const deck = await deckFromBody(req, res);
    if (!deck) return;
    const saved = await library.updateDeck(ownerOfRes(res), req.params.id, deck, deps.now());
    if (!saved) return problem(res, 404, 'NOT_FOUND', 'You have no deck with that id.');
    sendSaved(req, res, saved, 200);
  });
  router.post('/decks/:id/duplicate', writeBudget({ adds: true }), async (req: IdRequest, res) => {
    const owner = ownerOfRes(res);
    const deck = await library.getDeck(owner, req.params.id);
    if (!deck) return problem(res, 404, 'NOT_FOUND', 'You have no deck with that id.');
    const title = wordsOf(req).copyTitle(deck.title).slice(0, 100);
    sendSaved(
      req,
      res,
      await library.createDeck(owner, deps.newId(), { ...deck.deck, title }, deps.now()),
      201,
    );
  });
  router.delete('/decks/:id', async (req, res) => {
    if (!(await library.deleteDeck(ownerOfRes(res), req.params.id)))
      return problem(res, 404, 'NOT_FOUND', 'You have no deck with that id.');
    res.status(204).end();
  });

  router.get('/reports', async (_req, res) => {
    res.json({ reports: await library.listReports(ownerOfRes(res)) });
  });
  router.get('/reports/:id', async (req, res) => {
    const report = await library.getReport(ownerOfRes(res), req.params.id);
    if (!report) return problem(res, 404, 'NOT_FOUND', 'You have no report with that id.');
    const of = deps.warmupOf(report.body);
    if (of === null) return res.json(deps.upgradeReport(report.body));
    // Only this instructor's own reports: another's reads as missing, as everywhere in the API.
    const original = of === req.params.id ? undefined : await library.getReport(ownerOfRes(res), of);
    // A warm-up made from a homework assignment compares with that assignment's report as it is now.
    const originalBody = original?.body ?? (await assignmentReport(ownerOfRes(res), of)) ?? null;
    res.json(deps.withSinceLastTime(deps.upgradeReport(report.body), originalBody));
  });
  router.get('/reports/:id/csv', async (req, res) => {
    const report = await library.getReport(ownerOfRes(res), req.params.id);
    if (!report) return problem(res, 404, 'NOT_FOUND', 'You have no report with that id.');
    res.attachment(fileName(`${report.title} ${report.code}`, 'csv'));
    res.type('text/csv; charset=utf-8').send(deps.reportCsv(report.body, wordsOf(req)));
  });
  /**
   * The gradebook of one or more of your reports (docs/api.md). Which ids are not yours is known
   * from the list before any body is read; the bodies are then read one at a time, each reduced to
   * its part of the sheet before the next.
   */
  router.get('/gradebook.csv', async (req, res) => {
    const owner = ownerOfRes(res);
    const ids = reportIds(req.query.reports);
    if (ids.length === 0)
      return problem(
        res,
        400,
        'NO_REPORTS',
        'Name the games to put in the gradebook: ?reports= and their report ids, separated by commas.',
      );
    if (ids.length > GRADEBOOK_MAX_REPORTS)
      return problem(
        res,
        400,
        'TOO_MANY_REPORTS',
        `A gradebook can combine at most ${GRADEBOOK_MAX_REPORTS} games; this asks for ${ids.length}.`,
        { max: GRADEBOOK_MAX_REPORTS },
      );
    const mine = new Set((await library.listReports(owner)).map((r) => r.id));
    const assigned = new Set((await library.listAssignments(owner)).map((a) => a.id));
    const missing = ids.filter((id) => !mine.has(id) && !assigned.has(id));
    const refuseMissing = (unknown: string[]) =>
      problem(
        res,
        404,
        'NOT_FOUND',
        unknown.length === 1
          ? `You have no report with the id ${shownId(unknown[0]!)}.`
          : `You have no reports with the ids ${unknown.map(shownId).join(', ')}.`,
        { reports: unknown.map(shownId) },
      );
    if (missing.length > 0) return refuseMissing(missing);
    const words = wordsOf(req);
    const sources: GradebookSource[] = [];
    const games: Array<{ title: string; code: string }> = [];
    for (const id of ids) {
      if (sources.length > 0) await nextTurn();
      if (assigned.has(id)) {
        const report = await assignmentReport(owner, id);
        if (!report) return refuseMissing([id]);
        sources.push(deps.gradebookSource(report, ids.length === 1, words));
        games.push({ title: report.title, code: 'homework' });
        continue;
      }
      const report = await library.getReport(owner, id);
      // Deleted since the list was read.
      if (!report) return refuseMissing([id]);
      sources.push(deps.gradebookSource(report.body, ids.length === 1, words));
      games.push({ title: report.title, code: report.code });
    }
    const [only] = games;
    res.attachment(
      games.length === 1 && only
        ? fileName(`${only.title} ${only.code} gradebook`, 'csv')
        : `gradebook-${games.length}-games.csv`,
    );
    res.type('text/csv; charset=utf-8').send(deps.gradebookCsv(sources, words));
  });
  /**
   * Saves a deck made from one of your reports (its follow-up, its warm-up), or refuses with 409 and
   * `why` when the report gives nothing to make it from.
   */
  const deckFromReport =
    (
      make: (body: unknown, id: string, words: DocumentWords) => DeckFile | null,
      why: { code: string; message: string },
    ) =>
    async (req: IdRequest, res: express.Response) => {
      const owner = ownerOfRes(res);
      const report = await library.getReport(owner, req.params.id);
      if (!report) return problem(res, 404, 'NOT_FOUND', 'You have no report with that id.');
      const deck = make(report.body, req.params.id, wordsOf(req));
      if (!deck) return problem(res, 409, why.code, why.message);
      sendSaved(req, res, await library.createDeck(owner, deps.newId(), deck, deps.now()), 201);
    };
  router.post(
    '/reports/:id/follow-up',
    writeBudget({ adds: true }),
    deckFromReport((body, _id, words) => deps.followUpDeck(body, words), {
      code: 'NO_MISCONCEPTIONS',
      message: 'This report names no misconception the class holds: there is nothing to follow up.',
    }),
  );
  router.post(
    '/reports/:id/warm-up',
    writeBudget({ adds: true }),
    deckFromReport((body, id, words) => deps.warmupDeck(body, id, words), {
      code: 'NOTHING_TO_WARM_UP',
      message: 'No scored round of this game tests an idea the warm-up could aim at.',
    }),
  );
  /** An assignment's report as of now; undefined when the owner has no such assignment. */
  async function assignmentReport(owner: string, id: string) {
    const assignment = await library.getAssignment(owner, id);
    const attempts = assignment && (await library.listAttempts(owner, id));
    return assignment && attempts && buildAssignmentReport(assignment, attempts, deps.now());
  }
  const noAssignment = (res: express.Response) =>
    problem(res, 404, 'NOT_FOUND', 'You have no homework assignment with that id.');

  router.get('/assignments', async (_req, res) => {
    res.json({ assignments: await library.listAssignments(ownerOfRes(res)) });
  });
  router.post(
    '/assignments',
    writeBudget({ adds: false }),
    express.json({ limit: ASSIGN_BODY_LIMIT }),
    async (req, res) => {
      const owner = ownerOfRes(res);
      const body = parsePayload(AssignSchema, req.body);
      if (!body.ok) return problem(res, 400, 'BAD_PAYLOAD', body.message);
      const { deckId, ...settings } = body.value;
      const now = deps.now();
      if (settings.dueAt !== null && settings.dueAt <= now)
        return problem(res, 400, 'BAD_PAYLOAD', 'dueAt: the due date must be in the future.');
      const stored = await library.getDeck(owner, deckId);
      if (!stored) return problem(res, 404, 'DECK_NOT_FOUND', 'That deck is not among your saved decks.');
      const parsed = parseDeck(stored.deck);
      if (!parsed.ok) return problem(res, 409, 'BAD_DECK', parsed.error, { rule: parsed.rule });
      const assignment: AssignmentRecord = {
        id: deps.newId(),
        owner,
        deckId,
        title: parsed.deck.title,
        createdAt: now,
        settings,
        deck: parsed.deck,
      };
      const created = await library.createAssignment(assignment);
      if (!created.ok) return refuseQuota(req, res, created.quota);
      const summary = (await library.listAssignments(owner)).find((a) => a.id === assignment.id);
      res.status(201).json(summary);
    },
  );
  router.get('/assignments/:id', async (req, res) => {
    const report = await assignmentReport(ownerOfRes(res), req.params.id);
    if (!report) return noAssignment(res);
    res.json(report);
  });
  router.get('/assignments/:id/csv', async (req, res) => {
    const report = await assignmentReport(ownerOfRes(res), req.params.id);
    if (!report) return noAssignment(res);
    res.attachment(fileName(`${report.title} homework`, 'csv'));
    res.type('text/csv; charset=utf-8').send(assignmentCsv(report, wordsOf(req)));
  });
  router.post('/assignments/:id/warm-up', writeBudget({ adds: true }), async (req: IdRequest, res) => {
    const owner = ownerOfRes(res);
    const report = await assignmentReport(owner, req.params.id);
    if (!report) return noAssignment(res);
    const deck = deps.warmupDeck(report, req.params.id, wordsOf(req));
    if (!deck)
      return problem(
        res,
        409,
        'NOTHING_TO_WARM_UP',
        'No scored round of this homework tests an idea the warm-up could aim at.',
      );
    sendSaved(req, res, await library.createDeck(owner, deps.newId(), deck, deps.now()), 201);
  });
  router.delete('/assignments/:id', async (req, res) => {
    if (!(await library.deleteAssignment(ownerOfRes(res), req.params.id))) return noAssignment(res);
    res.status(204).end();
  });

  router.delete('/reports/:id', async (req, res) => {
    if (!(await library.deleteReport(ownerOfRes(res), req.params.id)))
      return problem(res, 404, 'NOT_FOUND', 'You have no report with that id.');
    res.status(204).end();
  });

  router.use((_req, res) => problem(res, 404, 'NOT_FOUND', 'No such API route.'));
  // Express hands body-parser failures here: bad JSON and oversized bodies are the client's, not ours.
  // So does every route whose call to the library failed: a database that cannot be reached is a
  // 503 to try again shortly (nothing was saved), not a 500.
  router.use(
    (
      error: { status?: number; type?: string },
      req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      if (sentStoreUnavailable(error, res, deps)) return;
      if (error.type === 'entity.parse.failed')
        return problem(res, 400, 'BAD_JSON', 'That file is not valid JSON.');
      if (error.type === 'entity.too.large') {
        events.refused('bodyTooLarge', deps.addressOf(req));
        return problem(
          res,
          413,
          'TOO_LARGE',
          req.path.startsWith('/assignments')
            ? `An assignment's settings may be at most ${ASSIGN_BODY_LIMIT}.`
            : `A deck file may be at most ${API_BODY_LIMIT}.`,
        );
      }
      problem(
        res,
        error.status && error.status < 500 ? error.status : 500,
        'INTERNAL',
        'Something went wrong on the server.',
      );
    },
  );
  return router;
}
