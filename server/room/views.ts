// Projections of the room to each audience. The player projection is the only door through which
// a player learns anything, so it is where "no verdict before the reveal" is kept.
import { simulate } from '../../shared/engine/index';
import type { Scenario, Simulation } from '../../shared/engine/types';
import { PROTOCOL_VERSION } from '../../shared/protocol/schemas';
import type {
  Distribution,
  HostPhase,
  HostProgress,
  HostView,
  PlayerPhase,
  PlayerView,
  RankEntry,
} from '../../shared/protocol/views';
import { activePlayers } from './reduce';
import { rank } from './scoring';
import { assertNever, type RoomState } from './state';

export const TOP_COUNT = 5;
export const PODIUM_COUNT = 3;

const simulations = new WeakMap<Scenario, Simulation>();
/** Scenarios are immutable once in a deck, so one simulation per scenario object serves every view. */
export function simulationOf(scenario: Scenario): Simulation {
  let sim = simulations.get(scenario);
  if (!sim) {
    sim = simulate(scenario);
    simulations.set(scenario, sim);
  }
  return sim;
}

function top(state: RoomState, count: number): RankEntry[] {
  const { order, rankOf } = rank(state.players);
  return order
    .slice(0, count)
    .map((p) => ({ id: p.id, nickname: p.nickname, score: p.score, rank: rankOf[p.id]! }));
}

function scenarioOf(state: RoomState, round: number): Scenario {
  return state.deck.rounds[round]!.scenario;
}

/** Students the host counts as "M" in "N of M answered": connected now, or already answered. */
function eligibleNow(state: RoomState): number {
  const { phase } = state;
  if (phase.kind !== 'question') return 0;
  return state.players.reduce((n, p) => n + (!p.kicked && (p.connected || phase.answers[p.id]) ? 1 : 0), 0);
}

export function toHostProgress(state: RoomState): HostProgress | null {
  const { phase } = state;
  if (phase.kind !== 'question') return null;
  return { version: state.version, round: phase.round, answered: phase.answered, total: eligibleNow(state) };
}

function hostPhase(state: RoomState): HostPhase {
  const { phase } = state;
  switch (phase.kind) {
    case 'lobby':
      return { kind: 'lobby' };
    case 'question':
      return {
        kind: 'question',
        round: phase.round,
        scenario: scenarioOf(state, phase.round),
        openedAt: phase.openedAt,
        deadlineAt: phase.deadlineAt,
        durationMs: phase.durationMs,
        answered: phase.answered,
        total: eligibleNow(state),
      };
    case 'reveal': {
      const result = state.results[phase.round]!;
      const distribution: Distribution = { converges: 0, zigzag: 0, diverges: 0, none: 0 };
      let correct = 0;
      for (const p of state.players) {
        if (p.kicked) continue;
        const a = result.answers[p.id];
        if (a) {
          distribution[a.choice]++;
          if (a.correct) correct++;
        }
      }
      distribution.none = Math.max(
        0,
        result.eligible - distribution.converges - distribution.zigzag - distribution.diverges,
      );
      const scenario = scenarioOf(state, phase.round);
      return {
        kind: 'reveal',
        round: phase.round,
        scenario,
        simulation: simulationOf(scenario),
        distribution,
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
        round: phase.round,
        scenario: scenarioOf(state, phase.round),
        openedAt: phase.openedAt,
        deadlineAt: phase.deadlineAt,
        durationMs: phase.durationMs,
        answer: phase.answers[playerId]?.choice ?? null,
      };
    case 'reveal': {
      const result = state.results[phase.round]!;
      const mine = result.answers[playerId] ?? null;
      const scenario = scenarioOf(state, phase.round);
      const sim = simulationOf(scenario);
      return {
        kind: 'reveal',
        round: phase.round,
        scenario,
        outcome: result.outcome,
        explanation: sim.explanation,
        answer: mine?.choice ?? null,
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
