// The game rules as a pure state machine: (state, command, now) -> state | error.
// No I/O, no timers, no randomness: ids and secrets arrive inside commands, time arrives as `now`.

import { generateTwin } from '../../shared/engine/twin';
import type { Confidence } from '../../shared/protocol/confidence';
import type { DeckRound } from '../../shared/protocol/deck';
import { ERROR_MESSAGES, type ErrorCode, type Failure, fail } from '../../shared/protocol/errors';
import type { AnswerReceipt } from '../../shared/protocol/events';
import { normalizeNickname } from '../../shared/protocol/nickname';
import { DECK_ROUNDS_MAX } from '../../shared/protocol/schemas';
import { type AnswerValue, DISCUSSION_EXTEND_MS, DISCUSSION_MS } from '../../shared/protocol/views';
import { answerOf, answersArray, forEachAnswer, noAnswers, withAnswer } from './answers';
import type { Fact } from './facts';
import { type Judge, kindOf } from './kinds';
import { keepRanking, pointsFor } from './scoring';
import {
  type Actor,
  assertNever,
  type CloseReason,
  type Command,
  type FirstVote,
  MAX_PLAYERS,
  type Phase,
  type Player,
  type RecordedAnswer,
  type RoomState,
  type RoundResult,
  type ScoredAnswer,
} from './state';

/**
 * A change the reducer accepted: the new state, the facts of the change in the order they happened
 * (what the store writes and what says who hears of it), and what the command's caller needs (`X`).
 * An accepted command that changes nothing returns the same state and no facts.
 */
export type Reduced<X extends object = Record<never, never>> =
  | ({ ok: true; state: RoomState; facts: Fact[] } & X)
  | Failure;
export type ReduceResult = Reduced<{ receipt?: AnswerReceipt; playerId?: number }>;

type Step = { state: RoomState; facts: Fact[] };
const unchanged = (state: RoomState) => ({ ok: true as const, state, facts: [] });

const refuse = (error: ErrorCode, message?: string): Failure => fail(error, message ?? ERROR_MESSAGES[error]);

function next(state: RoomState, patch: Partial<RoomState>): RoomState {
  return { ...state, ...patch, version: state.version + 1 };
}

export function reduce(state: RoomState, command: Command, now: number): ReduceResult {
  switch (command.type) {
    case 'join':
      return join(state, command.nickname, command.secret, now, command.device ?? null);
    case 'presence':
      return presence(state, command.playerId, command.connected, now);
    case 'answer':
      return answer(state, command.playerId, command.round, command.choice, now, command.confidence);
    case 'deadline':
      return deadline(state, command.round, now);
    case 'start':
      return hostOnly(command.by) ?? start(state, command.round, now);
    case 'reveal':
      return hostOnly(command.by) ?? reveal(state, command.round, now);
    case 'leaderboard':
      return hostOnly(command.by) ?? leaderboard(state, command.round);
    case 'discuss':
      return hostOnly(command.by) ?? discuss(state, command.round, now);
    case 'discussion-extend':
      return hostOnly(command.by) ?? extendDiscussion(state, command.round);
    case 'discussion-end':
      return hostOnly(command.by) ?? endDiscussion(state, command.round, now);
    case 'twin':
      return hostOnly(command.by) ?? twin(state, command.round, command.seed, now);
    case 'end':
      return hostOnly(command.by) ?? end(state, now);
    case 'kick':
      return hostOnly(command.by) ?? kick(state, command.playerId, now);
    case 'unkick':
      return hostOnly(command.by) ?? unkick(state, command.playerId);
    case 'lock':
      return hostOnly(command.by) ?? lock(state, command.locked);
    case 'resume':
      return resume(state, command.downSince, now);
    default:
      return assertNever(command);
  }
}

function lock(state: RoomState, locked: boolean): Reduced {
  if (state.locked === locked) return unchanged(state);
  return { ok: true, state: next(state, { locked }), facts: [{ type: 'lock-changed', locked }] };
}

/** H1: only the host may steer the game. */
function hostOnly(by: Actor): Failure | null {
  return by.role === 'host' ? null : refuse('NOT_HOST');
}

/**
 * R2: who could answer a question, the "M" of "N of M answered" and the base of the share
 * correct: a player still in the game who is connected or has answered.
 */
export function couldAnswer(p: Player, answer: RecordedAnswer | null | undefined): boolean {
  return !p.kicked && (p.connected || Boolean(answer));
}

export function activePlayers(state: RoomState): Player[] {
  return state.players.filter((p) => !p.kicked);
}

export function join(
  state: RoomState,
  rawNickname: string,
  secret: string,
  now: number,
  device: string | null = null,
): Reduced<{ playerId: number }> {
  if (state.phase.kind === 'podium') return refuse('GAME_OVER');
  // J5: a kicked player's browser stays out of this game, under whatever name it tries next.
  if (device !== null && state.players.some((p) => p.kicked && p.device === device)) return refuse('KICKED');
  const checked = normalizeNickname(rawNickname);
  // J5: the same name from the same browser, while that player is away (their kick undone, or their
  // session lost), is that player coming back with their score, even into a locked room.
  if (device !== null && checked.ok) {
    const own = state.players.find(
      (p) => p.key === checked.key && p.device === device && !p.kicked && !p.connected,
    );
    if (own) return { ...unchanged(state), playerId: own.id };
  }
  if (state.locked) return refuse('ROOM_LOCKED');
  if (activePlayers(state).length >= MAX_PLAYERS) return refuse('ROOM_FULL');
  if (!checked.ok) return refuse('NAME_INVALID', checked.reason);
  // A kicked player's name stays taken, so a removed nickname cannot simply walk back in.
  if (state.players.some((p) => p.key === checked.key)) return refuse('NAME_TAKEN');
  const player: Player = {
    id: state.players.length,
    nickname: checked.nickname,
    key: checked.key,
    secret,
    joinedAt: now,
    score: 0,
    streak: 0,
    answerMs: 0,
    connected: true,
    kicked: false,
    device,
  };
  return {
    ok: true,
    state: next(state, { players: [...state.players, player] }),
    facts: [{ type: 'player-joined', player }],
    playerId: player.id,
  };
}

function withPlayer(
  state: RoomState,
  id: number,
  patch: Partial<Player>,
  reason: 'presence' | 'kick' | 'unkick',
): Step {
  const players = state.players.slice();
  const player: Player = { ...players[id]!, ...patch };
  players[id] = player;
  if (reason === 'presence') keepRanking(state.players, players);
  return { state: next(state, { players }), facts: [{ type: 'player-changed', player, reason }] };
}

function presence(state: RoomState, playerId: number, connected: boolean, now: number): Reduced {
  const player = state.players[playerId];
  if (!player) return refuse('UNKNOWN_PLAYER');
  if (player.kicked) return refuse('KICKED');
  if (player.connected === connected) return unchanged(state);
  return { ok: true, ...closeIfAllAnswered(withPlayer(state, playerId, { connected }, 'presence'), now) };
}

function kick(state: RoomState, playerId: number, now: number): Reduced {
  const player = state.players[playerId];
  if (!player) return refuse('UNKNOWN_PLAYER');
  if (player.kicked) return unchanged(state);
  return {
    ok: true,
    ...closeIfAllAnswered(withPlayer(state, playerId, { kicked: true, connected: false }, 'kick'), now),
  };
}

/**
 * H3: the host undoes a kick, in any phase before the podium. The player is back on the roster with
 * their name and score, away until their phone joins again (J5); rounds they missed count as missed.
 */
function unkick(state: RoomState, playerId: number): Reduced {
  const player = state.players[playerId];
  if (!player) return refuse('UNKNOWN_PLAYER');
  if (state.phase.kind === 'podium') return refuse('GAME_OVER');
  if (!player.kicked) return unchanged(state);
  if (activePlayers(state).length >= MAX_PLAYERS) return refuse('ROOM_FULL');
  return { ok: true, ...withPlayer(state, playerId, { kicked: false, connected: false }, 'unkick') };
}

/**
 * R5: a question open when the server stopped gets back the time it was unavailable: from the last
 * moment the server is known to have been up (the store's heartbeat, or later the question's opening,
 * its last answer or its last resume) to now. The deadline moves by that much and answers given from
 * now on are timed without it. The fact is saved, and `resumedAt` bounds the next count, so a second
 * restart never counts the same downtime twice.
 */
function resume(state: RoomState, downSince: number | null, now: number): Reduced {
  const { phase } = state;
  if (phase.kind !== 'question' || downSince === null) return unchanged(state);
  let upAt = Math.max(downSince, phase.openedAt, phase.resumedAt ?? downSince);
  forEachAnswer(phase.answers, (a) => {
    if (a.at > upAt) upAt = a.at;
  });
  // A question whose time had run out while the server was still up closes as it would have.
  if (upAt >= phase.deadlineAt) return unchanged(state);
  const downMs = now - upAt;
  if (downMs <= 0) return unchanged(state);
  const resumed: Phase = {
    ...phase,
    deadlineAt: phase.deadlineAt + downMs,
    pausedMs: phase.pausedMs + downMs,
    resumedAt: now,
  };
  return {
    ok: true,
    state: next(state, { phase: resumed }),
    facts: [{ type: 'question-resumed', phase: resumed, downMs }],
  };
}

function durationFor(state: RoomState, round: number): number {
  return (state.deck.rounds[round]?.seconds ?? state.settings.secondsPerQuestion) * 1000;
}

/** R1: lobby -> round 0; reveal or leaderboard of round k -> round k + 1. */
function start(state: RoomState, round: number, now: number): Reduced {
  const { phase } = state;
  let expected: number;
  if (phase.kind === 'lobby') expected = 0;
  else if (phase.kind === 'reveal' || phase.kind === 'leaderboard') expected = phase.round + 1;
  else return refuse('WRONG_PHASE');
  if (round !== expected) return refuse('WRONG_ROUND');
  if (round >= state.deck.rounds.length)
    return refuse('WRONG_ROUND', 'There are no more rounds: end the game.');
  if (activePlayers(state).length === 0) return refuse('NO_PLAYERS');
  return { ok: true, ...toPhase(state, openQuestion(state, round, durationFor(state, round), now)) };
}

/** A question opening now with no answer yet: a round's first time, or its second vote (PI3). */
function openQuestion(
  state: RoomState,
  round: number,
  durationMs: number,
  now: number,
): Extract<Phase, { kind: 'question' }> {
  return {
    kind: 'question',
    round,
    openedAt: now,
    deadlineAt: now + durationMs,
    durationMs,
    pausedMs: 0,
    resumedAt: null,
    answers: noAnswers(state.players.length),
    answered: 0,
  };
}

function toPhase(state: RoomState, phase: Phase): Step {
  return { state: next(state, { phase }), facts: [{ type: 'phase-changed', phase }] };
}

export function answer(
  state: RoomState,
  playerId: number,
  round: number,
  choice: RecordedAnswer['choice'],
  now: number,
  confidence?: Confidence,
): Reduced<{ receipt: AnswerReceipt }> {
  const player = state.players[playerId];
  if (!player) return refuse('UNKNOWN_PLAYER');
  if (player.kicked) return refuse('KICKED');
  // C1: a game scored by confidence needs the level with the answer; the others never record one,
  // so a level sent to them changes nothing.
  const level = state.settings.scoreBy === 'confidence' ? confidence : undefined;
  if (state.settings.scoreBy === 'confidence' && level === undefined)
    return refuse(
      'WRONG_ANSWER_TYPE',
      'This game scores by confidence: say how sure you are (guessing, fairly-sure or sure) with your answer.',
    );
  const { phase } = state;
  const isOpen = phase.kind === 'question' && phase.round === round;
  const earlier = isOpen
    ? answerOf(phase.answers, playerId)
    : (phase.kind === 'votes' || phase.kind === 'discussion') && phase.round === round
      ? phase.first.answers[playerId]
      : state.results[round]?.answers[playerId];
  // A2: a resent identical answer (a retry after a lost acknowledgement) gets the original receipt back.
  if (earlier) {
    if (earlier.choice === choice && earlier.confidence === level)
      return { ...unchanged(state), receipt: receiptOf(round, earlier) };
    return refuse('ALREADY_ANSWERED');
  }
  if (!isOpen) return refuse(hasOpened(state, round) ? 'ROUND_CLOSED' : 'WRONG_ROUND');
  // A4: the server's clock decides; a timer that has not fired yet does not keep a question open.
  if (now > phase.deadlineAt) return refuse('ROUND_CLOSED');
  const refusal = checkChoice(state.deck.rounds[round]!, choice);
  if (refusal) return refusal;
  // R5: time the server was down is not the student's.
  const elapsedMs = Math.min(phase.durationMs, Math.max(0, now - phase.openedAt - phase.pausedMs));
  const given: RecordedAnswer =
    level === undefined ? { choice, at: now, elapsedMs } : { choice, at: now, elapsedMs, confidence: level };
  const answers = withAnswer(phase.answers, playerId, given);
  const recorded: Step = {
    state: next(state, { phase: { ...phase, answers, answered: phase.answered + 1 } }),
    facts: [{ type: 'answer-recorded', round, playerId, answer: given }],
  };
  return { ok: true, ...closeIfAllAnswered(recorded, now), receipt: receiptOf(round, given) };
}

function receiptOf(round: number, given: RecordedAnswer): AnswerReceipt {
  const receipt = { round, choice: given.choice, elapsedMs: given.elapsedMs };
  return given.confidence === undefined ? receipt : { ...receipt, confidence: given.confidence };
}

/** Whether round `round` has been asked already (it may be closed since). */
function hasOpened(state: RoomState, round: number): boolean {
  const { phase } = state;
  switch (phase.kind) {
    case 'lobby':
      return false;
    case 'podium':
      return true;
    case 'question':
    case 'votes':
    case 'discussion':
    case 'reveal':
    case 'leaderboard':
      return round <= phase.round;
    default:
      return assertNever(phase);
  }
}

/** K1: each kind says which answers it takes (a prediction an outcome, the others a learning rate). */
function checkChoice(round: DeckRound, choice: AnswerValue): Failure | null {
  const message = kindOf(round).refusal(round, choice);
  return message === null ? null : refuse('WRONG_ANSWER_TYPE', message);
}

/**
 * Players still in the game and connected, per players array (states are never changed in place).
 * The array changes with joins and presence, not with answers: a burst of 2,000 answers counts it once.
 */
const connectedCounts = new WeakMap<Player[], number>();
function connectedCount(players: Player[]): number {
  let n = connectedCounts.get(players);
  if (n === undefined) {
    n = 0;
    for (const p of players) if (!p.kicked && p.connected) n++;
    connectedCounts.set(players, n);
  }
  return n;
}

/** R2: the round closes early once every connected player has answered (and someone has). */
function closeIfAllAnswered(step: Step, now: number): Step {
  const { phase } = step.state;
  if (phase.kind !== 'question' || phase.answered === 0) return step;
  // Fewer answers than connected players: one of them has not answered, whoever answered. Without
  // this, every answer of a burst scanned the class, O(n²) over the burst.
  if (phase.answered < connectedCount(step.state.players)) return step;
  const waiting = step.state.players.some((p) => !p.kicked && p.connected && !answerOf(phase.answers, p.id));
  if (waiting) return step;
  const closed = close(step.state, now, 'all-answered');
  return { state: closed.state, facts: [...step.facts, ...closed.facts] };
}

/** R3: a deadline from an earlier round, or one that has not passed yet, changes nothing. */
function deadline(state: RoomState, round: number, now: number): Reduced {
  const { phase } = state;
  // PI3: the discussion's time is up; the second vote opens.
  if (phase.kind === 'discussion' && phase.round === round && now >= phase.endsAt)
    return { ok: true, ...secondVote(state, phase, now) };
  if (phase.kind !== 'question' || phase.round !== round || now < phase.deadlineAt) return unchanged(state);
  return { ok: true, ...close(state, now, 'deadline') };
}

/** R2, PI1: the host closes an open vote, or reveals a first vote instead of discussing it. */
function reveal(state: RoomState, round: number, now: number): Reduced {
  const { phase } = state;
  if (phase.kind !== 'question' && phase.kind !== 'votes' && phase.kind !== 'discussion')
    return refuse('WRONG_PHASE');
  if (phase.round !== round) return refuse('WRONG_ROUND');
  if (phase.kind === 'question') return { ok: true, ...close(state, now, 'host') };
  return { ok: true, ...scoreFirstVote(state, phase.first, round, now, 'host') };
}

/** PI2: the host turns a closed first vote into a discussion. */
function discuss(state: RoomState, round: number, now: number): Reduced {
  const { phase } = state;
  if (phase.kind !== 'votes') return refuse('WRONG_PHASE');
  if (phase.round !== round) return refuse('WRONG_ROUND');
  return {
    ok: true,
    ...toPhase(state, {
      kind: 'discussion',
      round,
      first: phase.first,
      startedAt: now,
      endsAt: now + DISCUSSION_MS,
    }),
  };
}

/** PI2: "+30 s" moves the discussion's end. */
function extendDiscussion(state: RoomState, round: number): Reduced {
  const { phase } = state;
  if (phase.kind !== 'discussion') return refuse('WRONG_PHASE');
  if (phase.round !== round) return refuse('WRONG_ROUND');
  return { ok: true, ...toPhase(state, { ...phase, endsAt: phase.endsAt + DISCUSSION_EXTEND_MS }) };
}

/** PI3: the host ends the discussion early. */
function endDiscussion(state: RoomState, round: number, now: number): Reduced {
  const { phase } = state;
  if (phase.kind !== 'discussion') return refuse('WRONG_PHASE');
  if (phase.round !== round) return refuse('WRONG_ROUND');
  return { ok: true, ...secondVote(state, phase, now) };
}

/** PI3: the same question opens again, as long as the first time, with no answer yet. */
function secondVote(state: RoomState, phase: Extract<Phase, { kind: 'discussion' }>, now: number): Step {
  return toPhase(state, {
    ...openQuestion(state, phase.round, phase.first.durationMs, now),
    first: phase.first,
  });
}

/** PI9: the round whose twin `round` already is, if it has one: a twin's result, or its open question. */
function twinAskedFor(state: RoomState, round: number): number | null {
  const { phase } = state;
  if (phase.kind === 'question' && phase.twinOf === round) return phase.round;
  const result = state.results.find((r) => r.twinOf === round);
  return result ? result.round : null;
}

const NO_TWIN = 'This round has no twin: it is the exact r = 2 bounce, with no answer to ask again.';

/**
 * PI9: why round `round` cannot have its twin now, or null when it can: the host is in the reveal of
 * a prediction with an answer (not the exact r = 2 bounce) that went to a second vote, which has no
 * twin yet, and the game has room for one more round. The projector's button asks the same.
 */
export function twinRefusal(state: RoomState, round: number): Failure | null {
  const asked = twinAskedFor(state, round);
  if (asked !== null)
    return refuse('WRONG_PHASE', `Round ${round + 1} already had its twin: round ${asked + 1}.`);
  const { phase } = state;
  if (phase.kind !== 'reveal') return refuse('WRONG_PHASE', 'A twin is asked from the reveal of its round.');
  if (phase.round !== round) return refuse('WRONG_ROUND');
  const result = state.results[round];
  if (state.deck.rounds[round]?.type !== 'predict' || !result?.firstVote)
    return refuse('WRONG_PHASE', 'Only a prediction round that went to a second vote has a twin.');
  if (!result.scored) return refuse('WRONG_PHASE', NO_TWIN);
  if (state.deck.rounds.length >= DECK_ROUNDS_MAX)
    return refuse(
      'WRONG_ROUND',
      `A game has at most ${DECK_ROUNDS_MAX} rounds: this one has no room for a twin.`,
    );
  if (activePlayers(state).length === 0) return refuse('NO_PLAYERS');
  return null;
}

/**
 * PI9: the twin (the engine's, from the seed) joins the deck right after its round and opens at once
 * as a question of the round's length. Later rounds move up one; none of them has been asked yet.
 */
function twin(state: RoomState, round: number, seed: number, now: number): Reduced {
  const refusal = twinRefusal(state, round);
  if (refusal) return refusal;
  const original = state.deck.rounds[round];
  const scenario = original?.type === 'predict' ? generateTwin(original.scenario, seed) : null;
  if (!original || scenario === null) return refuse('WRONG_PHASE', NO_TWIN);
  const deckRound: DeckRound = {
    type: 'predict',
    scenario,
    ...(original.seconds === undefined ? {} : { seconds: original.seconds }),
  };
  const at = round + 1;
  const rounds = [...state.deck.rounds.slice(0, at), deckRound, ...state.deck.rounds.slice(at)];
  const withTwin: RoomState = { ...state, deck: { ...state.deck, rounds } };
  const opened: Phase = { ...openQuestion(withTwin, at, durationFor(withTwin, at), now), twinOf: round };
  return {
    ok: true,
    state: next(withTwin, { phase: opened }),
    facts: [
      { type: 'round-added', round: at, deckRound },
      { type: 'phase-changed', phase: opened },
    ],
  };
}

function leaderboard(state: RoomState, round: number): Reduced {
  const { phase } = state;
  if (phase.kind !== 'reveal') return refuse('WRONG_PHASE');
  if (phase.round !== round) return refuse('WRONG_ROUND');
  return { ok: true, ...toPhase(state, { kind: 'leaderboard', round }) };
}

/** R4: ending closes and scores an open question first, so no answer already given is lost. */
function end(state: RoomState, now: number): Reduced {
  if (state.phase.kind === 'podium') return refuse('GAME_OVER');
  const { phase } = state;
  const closed: Step =
    phase.kind === 'question'
      ? close(state, now, 'game-ended')
      : phase.kind === 'votes' || phase.kind === 'discussion'
        ? scoreFirstVote(state, phase.first, phase.round, now, 'game-ended')
        : { state, facts: [] };
  const endedEarly = closed.state.results.length < closed.state.deck.rounds.length;
  const ended = toPhase(closed.state, { kind: 'podium', endedAt: now, endedEarly });
  return { ok: true, state: ended.state, facts: [...closed.facts, ...ended.facts] };
}

/** The engine's verdict on a round, as the scoring needs it: each kind judges its own (K1–K3). */
function judge(round: DeckRound): Judge {
  return kindOf(round).judge(round);
}

/**
 * Written out field by field: a spread makes an object several times larger, and a finished game
 * keeps one per student per round for its whole life.
 */
function scoredAnswer(
  given: RecordedAnswer,
  correct: boolean,
  points: number,
  streakBonus: number,
): ScoredAnswer {
  const { choice, at, elapsedMs, confidence } = given;
  return confidence === undefined
    ? { choice, at, elapsedMs, correct, points, streakBonus }
    : { choice, at, elapsedMs, confidence, correct, points, streakBonus };
}

/**
 * PI1: a prediction's first vote closes to the class's votes, unscored, when the game asks for it;
 * a game ended meanwhile scores it at once (R4).
 */
function wantsVotes(state: RoomState, phase: Extract<Phase, { kind: 'question' }>, closedBy: CloseReason) {
  return (
    phase.first === undefined &&
    // PI9: a twin is answered alone: it reveals as it closes.
    phase.twinOf === undefined &&
    state.settings.peerInstruction !== undefined &&
    closedBy !== 'game-ended' &&
    state.deck.rounds[phase.round]?.type === 'predict'
  );
}

/** Students who could answer a vote, counted as at its close. */
function eligibleFor(state: RoomState, answers: ReadonlyArray<RecordedAnswer | null>): number {
  return state.players.reduce((n, p) => n + (couldAnswer(p, answers[p.id]) ? 1 : 0), 0);
}

/** Closes the open question: the engine decides the verdict, then every answer is scored. */
function close(state: RoomState, now: number, closedBy: CloseReason): Step {
  const phase = state.phase as Extract<Phase, { kind: 'question' }>;
  const given = answersArray(phase.answers);
  if (wantsVotes(state, phase, closedBy)) {
    const first: FirstVote = {
      openedAt: phase.openedAt,
      closedAt: now,
      durationMs: phase.durationMs,
      closedBy,
      answers: given,
      eligible: eligibleFor(state, given),
    };
    const votes: Phase = { kind: 'votes', round: phase.round, first };
    return {
      state: next(state, { phase: votes }),
      facts: [
        { type: 'first-vote-closed', round: phase.round, first },
        { type: 'phase-changed', phase: votes },
      ],
    };
  }
  const { first } = phase;
  if (!first) return score(state, now, closedBy, phase, given, undefined);
  // PI4: the second vote scores; whoever did not vote again keeps their first vote.
  const counted = state.players.map((p) => given[p.id] ?? first.answers[p.id] ?? null);
  return score(state, now, closedBy, phase, counted, first);
}

/** PI1: the host reveals a first vote without a second one: it scores as a round closed then. */
function scoreFirstVote(
  state: RoomState,
  first: FirstVote,
  round: number,
  now: number,
  closedBy: CloseReason,
): Step {
  return score(state, now, closedBy, { round, ...first }, first.answers, undefined);
}

/** Scores the answers that count: the engine decides the verdict, then every answer is scored. */
function score(
  state: RoomState,
  now: number,
  closedBy: CloseReason,
  phase: { round: number; openedAt: number; durationMs: number; twinOf?: number },
  counted: ReadonlyArray<RecordedAnswer | null>,
  firstVote: FirstVote | undefined,
): Step {
  const { scored, grade } = judge(state.deck.rounds[phase.round]!);
  const answers: Array<ScoredAnswer | null> = new Array(state.players.length).fill(null);
  let eligible = 0;
  const players = state.players.map((p): Player => {
    const given = counted[p.id] ?? null;
    if (couldAnswer(p, given)) eligible++;
    if (p.kicked) return p;
    if (!scored) {
      if (given) answers[p.id] = scoredAnswer(given, false, 0, 0);
      return p;
    }
    const { correct, base } = given ? grade(given.choice) : { correct: false };
    const { points, streakBonus } = pointsFor({
      correct,
      elapsedMs: given?.elapsedMs ?? phase.durationMs,
      durationMs: phase.durationMs,
      speedPoints: state.settings.speedPoints,
      streakBefore: p.streak,
      ...(base === undefined ? {} : { base }),
      ...(given?.confidence === undefined ? {} : { confidence: given.confidence }),
    });
    if (given) answers[p.id] = scoredAnswer(given, correct, points, streakBonus);
    return {
      ...p,
      score: p.score + points,
      streak: correct ? p.streak + 1 : 0,
      answerMs: p.answerMs + (given?.elapsedMs ?? phase.durationMs),
    };
  });
  const result: RoundResult = {
    round: phase.round,
    scored,
    openedAt: phase.openedAt,
    closedAt: now,
    durationMs: phase.durationMs,
    closedBy,
    answers,
    eligible,
    ...(firstVote ? { firstVote } : {}),
    ...(phase.twinOf === undefined ? {} : { twinOf: phase.twinOf }),
  };
  const revealed: Phase = { kind: 'reveal', round: phase.round };
  return {
    state: next(state, { players, results: [...state.results, result], phase: revealed }),
    facts: [
      // The players the close scored: every one it rebuilt above (none when nobody could be right).
      { type: 'round-closed', result, players: players.filter((p, i) => p !== state.players[i]) },
      { type: 'phase-changed', phase: revealed },
    ],
  };
}
