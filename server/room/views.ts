// Projections of the room to each audience. The player projection is the only door through which
// a player learns anything, so it is where "no verdict before the reveal" is kept.
import {
  type Deck,
  type DeckRound,
  type DeckRoundOf,
  laterRoundOnSameCost,
} from '../../shared/protocol/deck';
import { PROTOCOL_VERSION, type RoundType } from '../../shared/protocol/schemas';
import type {
  AnswerValue,
  Distribution,
  HostPhase,
  HostProgress,
  HostRevealOf,
  HostView,
  PlayerPhase,
  PlayerRevealOf,
  PlayerView,
  QuestionInfo,
  RankEntry,
  Task,
} from '../../shared/protocol/views';
import { answerOf } from './answers';
import { type AskedAt, kindOf } from './kinds';
import { memo } from './kinds/kind';
import { distributionOf } from './kinds/predict';
import { activePlayers, couldAnswer, twinRefusal } from './reduce';
import { rank } from './scoring';
import {
  assertNever,
  type FirstVote,
  type Phase,
  type RecordedAnswer,
  type RoomState,
  type RoundResult,
  reportIdOf,
} from './state';

export const TOP_COUNT = 5;
export const PODIUM_COUNT = 3;

function top(state: RoomState, count: number): RankEntry[] {
  const { order, rankOf } = rank(state.players);
  return order
    .slice(0, count)
    .map((p) => ({ id: p.id, nickname: p.nickname, score: p.score, rank: rankOf[p.id]! }));
}

function roundOf(state: RoomState, round: number): DeckRound {
  const r = state.deck.rounds[round];
  if (!r) throw new Error(`Round ${round} is not in the deck`);
  return r;
}

/** V1: the question as both audiences see it, with nothing that decides the verdict. */
export function taskOf(state: RoomState, round: number): Task {
  const r = roundOf(state, round);
  return kindOf(r).task(r, { code: state.code, round });
}

/**
 * A closed vote's answers from players still in the game (a round's result, or a first vote, PI1),
 * and how many who could answer did not.
 */
function givenAnswers<A extends RecordedAnswer>(
  state: RoomState,
  vote: { answers: ReadonlyArray<A | null>; eligible: number },
): { given: A[]; none: number } {
  const given = state.players
    .filter((p) => !p.kicked)
    .map((p) => vote.answers[p.id])
    .filter((a) => a !== null && a !== undefined);
  return { given, none: Math.max(0, vote.eligible - given.length) };
}

/** The projector's reveal: the task and the kind's detail, of one kind together. */
function hostReveal<T extends RoundType>(
  round: DeckRoundOf<T>,
  at: AskedAt,
  state: RoomState,
  result: RoundResult,
): HostRevealOf<T> {
  const kind = kindOf(round);
  const { given, none } = givenAnswers(state, result);
  return { type: round.type, task: kind.task(round, at), detail: kind.detail(round, given, none) };
}

/** Per round, the later round its reveal must not spoil: worked out once per deck, not per player view. */
const heldFor = memo((deck: Deck) => deck.rounds.map((_, round) => laterRoundOnSameCost(deck, round)));

/** A student's reveal: the task and their verdict, of one kind together. */
function playerReveal<T extends RoundType>(
  round: DeckRoundOf<T>,
  at: AskedAt,
  answer: AnswerValue | null,
): PlayerRevealOf<T> {
  const kind = kindOf(round);
  return { type: round.type, task: kind.task(round, at), verdict: kind.verdict(round, answer) };
}

/** Students the host counts as "M" in "N of M answered": connected now, or already answered. */
function eligibleNow(state: RoomState): number {
  const { phase } = state;
  if (phase.kind !== 'question') return 0;
  return state.players.reduce((n, p) => n + (couldAnswer(p, answerOf(phase.answers, p.id)) ? 1 : 0), 0);
}

export function toHostProgress(state: RoomState): HostProgress | null {
  const { phase } = state;
  if (phase.kind !== 'question') return null;
  return { version: state.version, round: phase.round, answered: phase.answered, total: eligibleNow(state) };
}

/** What both audiences see of an open question. */
function questionInfo(state: RoomState, phase: Extract<Phase, { kind: 'question' }>): QuestionInfo {
  const { round, openedAt, deadlineAt, durationMs } = phase;
  const info: QuestionInfo = { round, task: taskOf(state, round), openedAt, deadlineAt, durationMs };
  if (phase.first) return { ...info, secondVote: true };
  return phase.twinOf === undefined ? info : { ...info, twinOf: phase.twinOf };
}

/** PI1: a first vote's counts per option, from players still in the game. */
function firstVoteCounts(state: RoomState, first: FirstVote): Distribution {
  const { given, none } = givenAnswers(state, first);
  return distributionOf(given, none);
}

/**
 * PI1: the host's main action after a first vote: a discussion when the share correct is within the
 * game's band. Only this flag leaves the server, never the share or the right option (V1).
 */
function mainAction(state: RoomState, round: number, first: FirstVote): 'discuss' | 'reveal' {
  const band = state.settings.peerInstruction;
  const r = roundOf(state, round);
  const { scored, grade } = kindOf(r).judge(r);
  if (!band || !scored || first.eligible === 0) return 'reveal';
  const correct = givenAnswers(state, first).given.filter((a) => grade(a.choice).correct).length;
  const share = (100 * correct) / first.eligible;
  return share >= band.low && share <= band.high ? 'discuss' : 'reveal';
}

function hostPhase(state: RoomState): HostPhase {
  const { phase } = state;
  switch (phase.kind) {
    case 'lobby':
      return { kind: 'lobby' };
    case 'question':
      return {
        kind: 'question',
        ...questionInfo(state, phase),
        answered: phase.answered,
        total: eligibleNow(state),
      };
    case 'votes':
      return {
        kind: 'votes',
        round: phase.round,
        task: taskOf(state, phase.round),
        distribution: firstVoteCounts(state, phase.first),
        total: phase.first.eligible,
        main: mainAction(state, phase.round, phase.first),
      };
    case 'discussion':
      return {
        kind: 'discussion',
        round: phase.round,
        task: taskOf(state, phase.round),
        distribution: firstVoteCounts(state, phase.first),
        total: phase.first.eligible,
        startedAt: phase.startedAt,
        endsAt: phase.endsAt,
      };
    case 'reveal': {
      const result = state.results[phase.round]!;
      const correct = state.players.reduce(
        (n, p) => n + (!p.kicked && result.answers[p.id]?.correct ? 1 : 0),
        0,
      );
      return {
        kind: 'reveal',
        round: phase.round,
        ...hostReveal(roundOf(state, phase.round), { code: state.code, round: phase.round }, state, result),
        total: result.eligible,
        correct,
        scored: result.scored,
        top: top(state, TOP_COUNT),
        thresholdsHeldFor: heldFor(state.deck)[phase.round] ?? null,
        ...(result.firstVote ? { firstVote: firstVoteCounts(state, result.firstVote) } : {}),
        ...(twinRefusal(state, phase.round) === null ? { twinAvailable: true as const } : {}),
        ...(result.twinOf === undefined ? {} : { twinOf: result.twinOf }),
      };
    }
    case 'leaderboard':
      return { kind: 'leaderboard', round: phase.round, top: top(state, TOP_COUNT) };
    case 'podium':
      return {
        kind: 'podium',
        standings: top(state, state.players.length),
        endedEarly: phase.endedEarly,
        roundsPlayed: state.results.length,
        reportId: reportIdOf(state),
      };
    default:
      return assertNever(phase);
  }
}

/**
 * A room's states are never changed in place, so the host view of one state is built once: a big
 * room's view (2,500 players: the roster, the standings) costs milliseconds, and every host socket
 * that resumes or is sent the room's newest view shares it. Only the server's clock is the caller's.
 */
const hostViews = new WeakMap<RoomState, { joinUrl: string; view: HostView }>();

export function toHostView(state: RoomState, now: number, joinUrl: string): HostView {
  let built = hostViews.get(state);
  if (built?.joinUrl !== joinUrl) {
    built = { joinUrl, view: buildHostView(state, now, joinUrl) };
    hostViews.set(state, built);
  }
  return built.view.serverNow === now ? built.view : { ...built.view, serverNow: now };
}

function buildHostView(state: RoomState, now: number, joinUrl: string): HostView {
  const active = activePlayers(state);
  return {
    protocol: PROTOCOL_VERSION,
    role: 'host',
    version: state.version,
    serverNow: now,
    code: state.code,
    roundCount: state.deck.rounds.length,
    locked: state.locked,
    settings: state.settings,
    deckTitle: state.deck.title,
    joinUrl,
    players: active.map((p) => ({ id: p.id, nickname: p.nickname, connected: p.connected, score: p.score })),
    kicked: state.players
      .filter((p) => p.kicked)
      .map((p) => ({ id: p.id, nickname: p.nickname, score: p.score })),
    playerCount: active.length,
    connectedCount: active.reduce((n, p) => n + (p.connected ? 1 : 0), 0),
    phase: hostPhase(state),
  };
}

function playerPhase(state: RoomState, playerId: number): PlayerPhase {
  const { phase } = state;
  if (state.players[playerId]?.kicked) return { kind: 'kicked' };
  switch (phase.kind) {
    case 'lobby':
      return { kind: 'lobby' };
    case 'question': {
      // Only the question: the scenario, never the simulation, outcome or explanation.
      const given = answerOf(phase.answers, playerId);
      // PI3: on a second vote, the player's own first answer, never another's.
      const first = phase.first?.answers[playerId];
      return {
        kind: 'question',
        ...questionInfo(state, phase),
        answer: given?.choice ?? null,
        ...(given?.confidence === undefined ? {} : { confidence: given.confidence }),
        ...(first ? { firstAnswer: first.choice } : {}),
      };
    }
    case 'votes':
      return { kind: 'votes', round: phase.round, answer: phase.first.answers[playerId]?.choice ?? null };
    case 'discussion':
      return {
        kind: 'discussion',
        round: phase.round,
        answer: phase.first.answers[playerId]?.choice ?? null,
        endsAt: phase.endsAt,
      };
    case 'reveal': {
      const result = state.results[phase.round]!;
      const mine = result.answers[playerId] ?? null;
      const answer = mine?.choice ?? null;
      return {
        kind: 'reveal',
        round: phase.round,
        ...playerReveal(roundOf(state, phase.round), { code: state.code, round: phase.round }, answer),
        answer,
        closedAt: result.closedAt,
        correct: mine?.correct ?? false,
        scored: result.scored,
        points: mine?.points ?? 0,
        streakBonus: mine?.streakBonus ?? 0,
        thresholdsHeldFor: heldFor(state.deck)[phase.round] ?? null,
        ...(mine?.confidence === undefined ? {} : { confidence: mine.confidence }),
      };
    }
    case 'leaderboard':
      return { kind: 'leaderboard', round: phase.round, playerCount: rank(state.players).order.length };
    case 'podium':
      return {
        kind: 'podium',
        podium: top(state, PODIUM_COUNT),
        playerCount: rank(state.players).order.length,
      };
    default:
      return assertNever(phase);
  }
}

export function toPlayerView(state: RoomState, playerId: number, now: number): PlayerView {
  const p = state.players[playerId]!;
  return {
    protocol: PROTOCOL_VERSION,
    role: 'player',
    scoreBy: state.settings.scoreBy ?? 'speed',
    version: state.version,
    serverNow: now,
    code: state.code,
    roundCount: state.deck.rounds.length,
    me: {
      id: p.id,
      nickname: p.nickname,
      score: p.score,
      streak: p.streak,
      rank: rank(state.players).rankOf[p.id]!,
    },
    phase: playerPhase(state, playerId),
  };
}
