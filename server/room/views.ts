// Projections of the room to each audience. The player projection is the only door through which
// a player learns anything, so it is where "no verdict before the reveal" is kept.
import { maxAlphaRange } from '../../shared/engine/round-kinds';
import { sweepAlpha } from '../../shared/engine/simulate';
import type { Outcome } from '../../shared/engine/types';
import { type DeckRound, problemOf } from '../../shared/protocol/deck';
import { PROTOCOL_VERSION } from '../../shared/protocol/schemas';
import type {
  AnswerValue,
  Distribution,
  HostPhase,
  HostProgress,
  HostView,
  PlayerPhase,
  PlayerView,
  QuestionInfo,
  RankEntry,
  RevealDetail,
  Task,
  Verdict,
} from '../../shared/protocol/views';
import { activePlayers, couldAnswer } from './reduce';
import { rank } from './scoring';
import { assertNever, type Phase, type RoomState, type RoundResult, reportIdOf } from './state';
import { raceOf, rangeShift, simulationOf, targetOf } from './verdicts';

export const TOP_COUNT = 5;
export const PODIUM_COUNT = 3;

function top(state: RoomState, count: number): RankEntry[] {
  const { order, rankOf } = rank(state.players);
  return order
    .slice(0, count)
    .map((p) => ({ id: p.id, nickname: p.nickname, score: p.score, rank: rankOf[p.id]! }));
}

/** JSON has no Infinity: a run that never arrives is sent as null, said so in the type. */
const finiteOrNull = (n: number): number | null => (Number.isFinite(n) ? n : null);

function roundOf(state: RoomState, round: number): DeckRound {
  return state.deck.rounds[round]!;
}

/** V1: the question as both audiences see it, with nothing that decides the verdict. */
export function taskOf(state: RoomState, round: number): Task {
  const r = roundOf(state, round);
  switch (r.type) {
    case 'predict':
      return { type: 'predict', scenario: r.scenario };
    case 'max-alpha':
      return {
        type: 'max-alpha',
        problem: r.problem,
        range: maxAlphaRange(targetOf(r), rangeShift(state.code, round)),
      };
    case 'fastest':
      return { type: 'fastest', problem: r.problem, alphas: r.alphas };
    default:
      return assertNever(r);
  }
}

function revealDetail(state: RoomState, result: RoundResult): RevealDetail {
  const r = roundOf(state, result.round);
  const given = state.players
    .filter((p) => !p.kicked)
    .map((p) => result.answers[p.id])
    .filter((a) => a !== null && a !== undefined);
  const none = Math.max(0, result.eligible - given.length);
  switch (r.type) {
    case 'predict': {
      const distribution: Distribution = { converges: 0, zigzag: 0, diverges: 0, none };
      for (const a of given) if (typeof a.choice === 'string') distribution[a.choice]++;
      return { type: 'predict', simulation: simulationOf(r.scenario), distribution };
    }
    case 'max-alpha': {
      const sorted = given
        .filter((a): a is typeof a & { choice: number } => typeof a.choice === 'number')
        .sort((a, b) => a.choice - b.choice);
      const outcomes = sweepAlpha(
        { ...r.problem, alpha: 1 },
        sorted.map((a) => a.choice),
      );
      return {
        type: 'max-alpha',
        target: targetOf(r),
        guesses: sorted.map((a, i) => ({ alpha: a.choice, outcome: outcomes[i]!, points: a.points })),
        none,
      };
    }
    case 'fastest': {
      const { race, simulations } = raceOf(r);
      const counts = r.alphas.map((alpha) => given.filter((a) => a.choice === alpha).length);
      return {
        type: 'fastest',
        race: {
          iterations: race.iterations.map(finiteOrNull),
          winner: race.winner,
          lead: finiteOrNull(race.lead),
        },
        simulations,
        counts,
        none,
      };
    }
    default:
      return assertNever(r);
  }
}

function verdictFor(state: RoomState, result: RoundResult, answer: AnswerValue | null): Verdict {
  const r = roundOf(state, result.round);
  switch (r.type) {
    case 'predict': {
      const sim = simulationOf(r.scenario);
      return { type: 'predict', outcome: sim.outcome, explanation: sim.explanation };
    }
    case 'max-alpha': {
      const outcomeAtGuess: Outcome | null =
        typeof answer === 'number' ? sweepAlpha({ ...problemOf(r), alpha: 1 }, [answer])[0]! : null;
      return { type: 'max-alpha', target: targetOf(r), outcomeAtGuess };
    }
    case 'fastest': {
      const { race, winner } = raceOf(r);
      return { type: 'fastest', winner, iterations: race.iterations.map(finiteOrNull) };
    }
    default:
      return assertNever(r);
  }
}

/** Students the host counts as "M" in "N of M answered": connected now, or already answered. */
function eligibleNow(state: RoomState): number {
  const { phase } = state;
  if (phase.kind !== 'question') return 0;
  return state.players.reduce((n, p) => n + (couldAnswer(p, phase.answers[p.id]) ? 1 : 0), 0);
}

export function toHostProgress(state: RoomState): HostProgress | null {
  const { phase } = state;
  if (phase.kind !== 'question') return null;
  return { version: state.version, round: phase.round, answered: phase.answered, total: eligibleNow(state) };
}

/** What both audiences see of an open question. */
function questionInfo(state: RoomState, phase: Extract<Phase, { kind: 'question' }>): QuestionInfo {
  const { round, openedAt, deadlineAt, durationMs } = phase;
  return { round, task: taskOf(state, round), openedAt, deadlineAt, durationMs };
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
    case 'reveal': {
      const result = state.results[phase.round]!;
      const correct = state.players.reduce(
        (n, p) => n + (!p.kicked && result.answers[p.id]?.correct ? 1 : 0),
        0,
      );
      return {
        kind: 'reveal',
        round: phase.round,
        task: taskOf(state, phase.round),
        detail: revealDetail(state, result),
        total: result.eligible,
        correct,
        scored: result.scored,
        top: top(state, TOP_COUNT),
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

export function toHostView(state: RoomState, now: number, joinUrl: string): HostView {
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
    case 'question':
      // Only the question: the scenario, never the simulation, outcome or explanation.
      return {
        kind: 'question',
        ...questionInfo(state, phase),
        answer: phase.answers[playerId]?.choice ?? null,
      };
    case 'reveal': {
      const result = state.results[phase.round]!;
      const mine = result.answers[playerId] ?? null;
      const answer = mine?.choice ?? null;
      return {
        kind: 'reveal',
        round: phase.round,
        task: taskOf(state, phase.round),
        verdict: verdictFor(state, result, answer),
        answer,
        correct: mine?.correct ?? false,
        scored: result.scored,
        points: mine?.points ?? 0,
        streakBonus: mine?.streakBonus ?? 0,
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
