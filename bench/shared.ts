// What the load benchmark's processes share: the deck both servers play, the messages between the
// orchestrator and its children, and a percentile.
import type { ChildProcess } from 'node:child_process';
import { BUILTIN_DECK } from '../shared/engine/index';
import type { Scenario } from '../shared/engine/types';

/** Eight rounds of every cost (quadratic, bowl, quartic, and the lecture's 50-point linreg). */
const ROUND_INDEXES = [0, 4, 7, 9, 1, 5, 8, 10];
export const BENCH_SCENARIOS: Scenario[] = ROUND_INDEXES.map(
  (i) => BUILTIN_DECK.rounds[i % BUILTIN_DECK.rounds.length]!,
);
export const BENCH_TITLE = 'Benchmark';
/**
 * The deck file (docs/scenarios.md) of `rounds` prediction rounds: the benchmark's eight, repeated.
 * A long deck (the soak's) leaves out the 50-point linreg rounds, so that host:create stays under
 * the 16 KB a message may weigh.
 */
export const benchDeckFile = (rounds: number) => {
  const pool =
    rounds <= BENCH_SCENARIOS.length
      ? BENCH_SCENARIOS
      : BENCH_SCENARIOS.filter((s) => s.cost.kind !== 'linreg');
  return { title: BENCH_TITLE, rounds: Array.from({ length: rounds }, (_, i) => pool[i % pool.length]!) };
};
/** Long enough that no question closes by its deadline during a run. */
export const BENCH_SECONDS = 120;
/** In the "spread" pattern, answers arrive uniformly over this window. */
export const SPREAD_MS = 3_000;

/** Orchestrator -> server child. */
export type ServerCommand = { type: 'heap' } | { type: 'mark' } | { type: 'usage' } | { type: 'evict' };
/** Server child -> orchestrator. */
export type ServerReply =
  | { type: 'ready'; port: number }
  | { type: 'heap'; heapUsed: number; rss: number }
  | { type: 'marked' }
  /** After evicting every room in memory: how many went, and what per-room state is left. */
  | { type: 'evicted'; evicted: number; left: Record<string, number> }
  | {
      type: 'usage';
      cpuMs: number;
      loopDelayMaxMs: number;
      heapUsed: number;
      counters: Record<string, number>;
    };

export interface LoadOptions {
  url: string;
  players: number;
  /** Rounds recorded: all played (benchmark), or as many as durationS allows (soak, at most 99). A warm-up round comes first. */
  rounds: number;
  /** Soak: play rounds for this long, reporting every windowS. */
  durationS?: number;
  windowS?: number;
  /** 'alternate': all at once on odd rounds, spread over 3 s on even ones (round 0 warms up). */
  pattern: 'alternate' | 'spread';
  /**
   * After the last round, report 'played' and wait for 'finish' before ending the game and closing
   * the sockets: the orchestrator reads the server's CPU over the rounds alone, not the class leaving.
   */
  pauseAfterRounds?: boolean;
}

export interface LoadResult {
  joinS: number;
  acks: number[];
  /** One per reveal broadcast: from the server's first emit to the last student's receipt, ms. */
  fanouts: number[];
  /** Fan-out of the other broadcasts (question, leaderboard), for the curious. */
  otherFanouts: number[];
  expected: number;
  received: number;
  errors: Record<string, number>;
  rounds: number;
}

/** Load generator child -> orchestrator. */
export type LoadReport =
  | { type: 'joined'; joinS: number }
  | { type: 'played' }
  | { type: 'window'; atS: number; acks: number; ackP99: number; rounds: number }
  | { type: 'result'; result: LoadResult };
/** Orchestrator -> load generator child. */
export type LoadCommand = { type: 'play' } | { type: 'finish' };

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Wall-clock ms with sub-ms precision, on the same clock as Date.now() in every process. */
export const nowMs = (): number => performance.timeOrigin + performance.now();

/**
 * Asks a child process to stop (by default: its IPC channel closes, and it exits by itself) and kills
 * it by pid if it is still there 3 s later.
 */
export function stopChild(
  child: ChildProcess,
  askToStop: () => void = () => {
    if (child.connected) child.disconnect();
  },
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, 3_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    askToStop();
  });
}
