// A student's homework attempt is a one-player game driven through the room's own reducer: the same
// checks of an answer, the same engine verdict and scoring, the same player views. Pure: time comes
// in as `now`; the API (server/api/homework.ts) loads and saves the records around these functions.
import type { Deck } from '../../shared/protocol/deck';
import type { Failure } from '../../shared/protocol/errors';
import type { HomeworkInfo, HomeworkSettings, HomeworkView } from '../../shared/protocol/homework';
import type { AnswerValue, PlayerRevealPhase } from '../../shared/protocol/views';
import { reduce } from '../room/reduce';
import type { RoomState } from '../room/state';
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

/** An attempt's game as stored: its deck is the assignment's, not kept in every attempt. */
export type StoredGame = Omit<RoomState, 'deck'>;

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
  return { ...attempt.game, deck: homeworkDeck(assignment.deck) };
}

export function storedGame(state: RoomState): StoredGame {
  const { deck: _deck, ...game } = state;
  return game;
}

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
  state: RoomState,
  now: number,
  canRetry: boolean,
): HomeworkView {
  const view = toPlayerView(state, ME, now);
  // Past the due date nothing more can be answered: what was kept for the end is shown now.
  const finished = isFinished(state) || isPastDue(assignment.settings, now);
  const held = assignment.settings.reveal === 'end' && !finished;
  let recorded: HomeworkView['recorded'] = null;
  if (held) {
    view.me = { ...view.me, score: 0, streak: 0, rank: 1 };
    if (state.phase.kind === 'reveal') {
      const { round } = state.phase;
      const answer = state.results[round]?.answers[ME]?.choice ?? null;
      recorded = { round, answer };
      view.phase = { kind: 'votes', round, answer };
    }
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
    canRetry,
  };
}
