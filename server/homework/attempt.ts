// A student's homework attempt is a one-player game driven through the room's own reducer: the same
// checks of an answer, the same engine verdict and scoring, the same player views. Pure: time comes
// in as `now`; the API (server/api/homework.ts) loads and saves the records around these functions.
import type { Deck } from '../../shared/protocol/deck';
import type { Failure } from '../../shared/protocol/errors';
import type { HomeworkInfo, HomeworkSettings, HomeworkView } from '../../shared/protocol/homework';
import type { AnswerValue, PlayerRevealPhase } from '../../shared/protocol/views';
import { reduce } from '../room/reduce';
import type { Player, RoomState } from '../room/state';
import { toPlayerView } from '../room/views';

/**
 * An untimed question stays open this long: a student may leave it open for a week and come back
 * (the due date, not this, is what ends homework). Its answer's time is still measured.
 */
export const UNTIMED_MS = 365 * 24 * 3_600_000;
/** The one player of an attempt's game. */
const ME = 0;
const SERVER = { role: 'host' } as const;
/** An attempt's games are never on a projector: this stands where a room code would. */
export const HOMEWORK_CODE = 'homework';

export interface AssignmentRecord {
  id: string;
  owner: string;
  deckId: string;
  title: string;
  createdAt: number;
  settings: HomeworkSettings;
  /** The deck as it was when assigned: later edits of the deck do not change the homework. */
  deck: Deck;
}

/**
 * A round tried again (README "Homework"): the last try counts, as the game's own result for the
 * round; what came before is counted here, with what a retry needs to start the round afresh.
 */
export interface RoundTries {
  /** Per round (by index), how many times it was tried again: its tries are this plus one. */
  retried: number[];
  /** The student as the current round opened: a retry starts the round again from there. */
  before: Player | null;
  /** Rounds whose answer the student asked to see while tries were left (reveal "each"): no more tries. */
  shown: number[];
}

export const NO_TRIES: RoundTries = { retried: [], before: null, shown: [] };

/** An attempt's game as stored: its deck is the assignment's, not kept in every attempt. */
export type StoredGame = Omit<RoomState, 'deck'> & { tries?: RoundTries };

/** An attempt's game and its rounds' tries, as the API changes them. */
export interface Play {
  state: RoomState;
  tries: RoundTries;
}

export interface AttemptRecord {
  id: string;
  assignmentId: string;
  /** The hash of the device's token: the token itself is only ever on the device. */
  token: string;
  try: number;
  nickname: string;
  studentId: string | null;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
  game: StoredGame;
}

/** The deck an attempt plays: the assignment's timer (or none) in place of each round's own seconds. */
export function homeworkDeck(deck: Deck): Deck {
  return { ...deck, rounds: deck.rounds.map(({ seconds: _seconds, ...round }) => round) };
}

export function gameOf(assignment: AssignmentRecord, attempt: AttemptRecord): RoomState {
  const { tries: _tries, ...game } = attempt.game;
  return { ...game, deck: homeworkDeck(assignment.deck) };
}

export function playOf(assignment: AssignmentRecord, attempt: AttemptRecord): Play {
  return { state: gameOf(assignment, attempt), tries: attempt.game.tries ?? NO_TRIES };
}

export function storedGame(state: RoomState, tries: RoundTries = NO_TRIES): StoredGame {
  const { deck: _deck, ...game } = state;
  return tries === NO_TRIES ? game : { ...game, tries };
}

/** Each closed round's number of tries (1 when it was not tried again). */
export const triesOf = (state: RoomState, tries: RoundTries): number[] =>
  state.results.map((_, round) => (tries.retried[round] ?? 0) + 1);

export function isPastDue(settings: HomeworkSettings, now: number): boolean {
  return settings.dueAt !== null && now > settings.dueAt;
}

export function infoOf(a: AssignmentRecord, now: number): HomeworkInfo {
  return {
    id: a.id,
    title: a.deck.title,
    rounds: a.deck.rounds.length,
    ...a.settings,
    closed: isPastDue(a.settings, now),
  };
}

/** A new attempt's game, its student joined and the first question not yet open; or why not. */
export function newGame(assignment: AssignmentRecord, nickname: string, now: number): RoomState | Failure {
  const lobby: RoomState = {
    code: HOMEWORK_CODE,
    hostSecret: '',
    owner: assignment.owner,
    createdAt: now,
    settings: {
      secondsPerQuestion:
        assignment.settings.timerSeconds === null ? UNTIMED_MS / 1000 : assignment.settings.timerSeconds,
      // No race against classmates at home: a right answer is worth the same however long it took.
      speedPoints: false,
      scoreBy: 'speed',
    },
    deck: homeworkDeck(assignment.deck),
    locked: false,
    players: [],
    results: [],
    version: 1,
    phase: { kind: 'lobby' },
  };
  const joined = reduce(lobby, { type: 'join', nickname, secret: '' }, now);
  return joined.ok ? joined.state : joined;
}

/** A timed question whose time ran out while the student was away closes (unanswered) as it would have. */
export function settle(state: RoomState, now: number): RoomState {
  const { phase } = state;
  if (phase.kind !== 'question' || now < phase.deadlineAt) return state;
  const closed = reduce(state, { type: 'deadline', round: phase.round }, now);
  return closed.ok ? closed.state : state;
}

/** "Next": the first question, the next one after a reveal, or the end after the last. */
export function advance(state: RoomState, now: number): RoomState | Failure {
  const settled = settle(state, now);
  const { phase } = settled;
  const round = phase.kind === 'lobby' ? 0 : phase.kind === 'reveal' ? phase.round + 1 : null;
  if (round === null) {
    // Already where "Next" leads (a resent press): nothing changes.
    if (phase.kind === 'question' || phase.kind === 'podium') return settled;
    return {
      ok: false,
      error: 'WRONG_PHASE',
      message: 'That is not possible at this point of the homework.',
    };
  }
  const command =
    round < settled.deck.rounds.length
      ? ({ type: 'start', by: SERVER, round } as const)
      : ({ type: 'end', by: SERVER } as const);
  const moved = reduce(settled, command, now);
  return moved.ok ? moved.state : moved;
}

/**
 * An answer, checked and scored by the reducer: the only player has answered, so the round closes and
 * is judged at once. A resent identical answer changes nothing.
 */
export function answerRound(
  state: RoomState,
  round: number,
  choice: AnswerValue,
  now: number,
): RoomState | Failure {
  const answered = reduce(settle(state, now), { type: 'answer', playerId: ME, round, choice }, now);
  return answered.ok ? answered.state : answered;
}

export const isFinished = (state: RoomState) => state.phase.kind === 'podium';

/** "Next" on a play: a round that opens keeps the student as they were, for a retry of it. */
export function advancePlay(play: Play, now: number): Play | Failure {
  const moved = advance(play.state, now);
  if ('ok' in moved) return moved;
  if (moved === play.state) return play;
  const opened = moved.phase.kind === 'question' && play.state.phase.kind !== 'question';
  return { state: moved, tries: opened ? { ...play.tries, before: play.state.players[ME]! } : play.tries };
}

/**
 * Why round `round` may not be tried again now, or null when it may: retries allowed, the round just
 * closed and still the current one, tries left, and its answer not seen. With reveal "each" a right
 * answer (or a round nobody could win) was shown at once, so only a wrong or missing one may be tried
 * again; with reveal "end" any answer may, so that the offer says nothing of the verdict.
 */
export type NoRetry = { error: string; why: 'noRetries' | 'notAnswered' | 'revealed' | 'triesUsed' };
export function whyNoRetry(
  play: Play,
  settings: HomeworkSettings,
  maxTries: number,
  round: number,
): NoRetry | null {
  const { state, tries } = play;
  if (!settings.retries) return { error: 'NO_RETRIES', why: 'noRetries' };
  const { phase } = state;
  if (phase.kind !== 'reveal' || phase.round !== round) return { error: 'NOT_ANSWERED', why: 'notAnswered' };
  if ((tries.retried[round] ?? 0) + 1 >= maxTries) return { error: 'TRIES_USED', why: 'triesUsed' };
  const result = state.results[round];
  const seen =
    tries.shown.includes(round) ||
    (settings.reveal === 'each' && (!result?.scored || result.answers[ME]?.correct === true));
  return seen ? { error: 'REVEALED', why: 'revealed' } : null;
}

/**
 * Round `round` asked again: its result so far set aside (counted in `tries`), the student's score,
 * streak and time back to what they were when it first opened, and the question open afresh. A resent
 * retry of a round already open again changes nothing.
 */
export function retryRound(
  play: Play,
  settings: HomeworkSettings,
  maxTries: number,
  round: number,
  now: number,
): Play | Failure | NoRetry {
  const settled = { ...play, state: settle(play.state, now) };
  const { phase } = settled.state;
  if (phase.kind === 'question' && phase.round === round && (play.tries.retried[round] ?? 0) > 0) return play;
  const why = whyNoRetry(settled, settings, maxTries, round);
  if (why) return why;
  const { state, tries } = settled;
  const rewound: RoomState = {
    ...state,
    results: state.results.slice(0, round),
    players: [tries.before ?? state.players[ME]!],
    phase: round === 0 ? { kind: 'lobby' } : { kind: 'reveal', round: round - 1 },
  };
  const opened = reduce(rewound, { type: 'start', by: SERVER, round }, now);
  if (!opened.ok) return opened;
  const retried = [...tries.retried];
  retried[round] = (retried[round] ?? 0) + 1;
  return { state: opened.state, tries: { ...tries, retried } };
}

/** With reveal "each": the student gives up trying round `round` again and sees its answer. */
export function showRound(play: Play, round: number): Play | Failure {
  const { phase } = play.state;
  if (phase.kind !== 'reveal' || phase.round !== round)
    return { ok: false, error: 'WRONG_ROUND', message: 'That question is not the one open now.' };
  if (play.tries.shown.includes(round)) return play;
  return { ...play, tries: { ...play.tries, shown: [...play.tries.shown, round] } };
}

/** Round `round`'s reveal for the student, as the live player's reveal screen shows it. */
function revealOf(state: RoomState, round: number, now: number): PlayerRevealPhase {
  const view = toPlayerView({ ...state, phase: { kind: 'reveal', round } }, ME, now);
  // Every round is answered by now: no later round's answer is left to give away.
  return { ...(view.phase as PlayerRevealPhase), thresholdsHeldFor: null };
}

/**
 * The student's view. With reveal "end", nothing that depends on the verdict leaves the server
 * before the attempt is finished (or the due date has passed): a closed round shows as `recorded`,
 * and the score stays 0.
 */
export function homeworkView(
  assignment: AssignmentRecord,
  attempt: AttemptRecord,
  play: Play,
  now: number,
  maxTries: number,
): HomeworkView {
  const { state } = play;
  const { settings } = assignment;
  const view = toPlayerView(state, ME, now);
  // Past the due date nothing more can be answered: what was kept for the end is shown now.
  const finished = isFinished(state) || isPastDue(settings, now);
  const held = settings.reveal === 'end' && !finished;
  const round = state.phase.kind === 'reveal' ? state.phase.round : null;
  const retry =
    round !== null && !finished && whyNoRetry(play, settings, maxTries, round) === null
      ? { round, left: maxTries - ((play.tries.retried[round] ?? 0) + 1) }
      : null;
  let recorded: HomeworkView['recorded'] = null;
  if (held) view.me = { ...view.me, score: 0, streak: 0, rank: 1 };
  // Reveal "end", or reveal "each" after a wrong answer while tries are left: the answer without its outcome.
  if (round !== null && (held || (retry !== null && settings.reveal === 'each'))) {
    const answer = state.results[round]?.answers[ME]?.choice ?? null;
    recorded = { round, answer };
    view.phase = { kind: 'votes', round, answer };
  }
  return {
    info: infoOf(assignment, now),
    attempt: {
      nickname: attempt.nickname,
      studentId: attempt.studentId,
      try: attempt.try,
      startedAt: attempt.startedAt,
      finishedAt: attempt.finishedAt,
    },
    recorded,
    view,
    reveals: finished ? state.results.map((r) => revealOf(state, r.round, now)) : [],
    retry,
    tries: triesOf(state, play.tries),
  };
}
