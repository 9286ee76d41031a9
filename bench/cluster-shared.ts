// What the cluster benchmark's orchestrator (bench/cluster.ts) and its room processes
// (bench/cluster-room.ts) say to each other, and the logs a room process hands back.
import type { Sample } from './cluster-sampler';

/** A node of the cluster as the simulated phones reach it: on loopback, without a proxy. */
export interface NodeAddress {
  id: string;
  port: number;
}

export interface RoomOptions {
  /** Which room of the run this process plays (0, 1, 2): names its players. */
  index: number;
  players: number;
  nodes: NodeAddress[];
  /** The node the room is made on (GET /api/home on it names it, unless it is draining). */
  createOn: string;
  secondsPerQuestion: number;
  /** Answers are spread uniformly over this share of the window, from the question's opening. */
  answerShare: number;
  seed: number;
  /**
   * 'lease-aware': the apps' schedule (shared/protocol/rehome.ts): straight to the home `moved`
   * names, a lookup that still names the node just lost asked again 250-500 ms later without
   * doubling, and a silent node's home looked up. 'contract': the cluster contract as first written,
   * every failed attempt doubles the wait, `moved` always means a lookup, no watch on silence.
   */
  rehome: 'contract' | 'lease-aware';
}

/** One acknowledgement of an answer, as a phone received it. */
export interface AckEntry {
  player: number;
  playerId: number;
  round: number;
  choice: string;
  elapsedMs: number;
  /** The node whose socket carried the acknowledgement. */
  node: string;
  at: number;
}

/** One socket of a phone: which node, when its resume (or join) completed, when it was lost and why. */
export interface Segment {
  player: number;
  node: string;
  readyAt: number;
  lostAt?: number;
  reason?: string;
  /**
   * How this socket was reached, for where a re-home's time goes: the previous socket lost
   * (`lostAt` of the one before), the home lookup that named this node answered, the phone began
   * opening this socket (after its wait: `moved`'s spread, or the backoff), the socket connected
   * (TCP, WebSocket and Socket.IO handshakes), then `readyAt` (its resume's full view). `lookupAt` is
   * absent when `moved` named the home. `attempts`: lookups and connections tried.
   */
  lookupAt?: number;
  dialAt?: number;
  connectAt?: number;
  attempts?: number;
}

export interface RoomLog {
  code: string;
  /** The room's first home. */
  home: string;
  joined: number;
  joinMs: number[];
  acks: AckEntry[];
  segments: Segment[];
  /** Refusals and failures by code (STORE_UNAVAILABLE, ROUND_CLOSED, connect errors, ...). */
  errors: Record<string, number>;
  /** Phones that saw the round's reveal. */
  revealed: number;
  /** Answers sent but never acknowledged by the end (refused for good, or still waiting). */
  unacked: number;
  /** The room process's own loop delay and CPU (bench/cluster-sampler.ts): the phones' side of a move. */
  samples: Sample[];
  /**
   * How much later than at its opening the host last saw the question's deadline, ms: a home that
   * died gives the time it had none back (R5), so a round may rightly close after the run's plan.
   */
  deadlineMovedMs: number;
}

/** Orchestrator -> room process. */
export type RoomCommand = { type: 'join' } | { type: 'start' } | { type: 'finish'; waitUntil: number };

/** Room process -> orchestrator. */
export type RoomReport =
  | { type: 'created'; code: string; home: string }
  | { type: 'joined'; joined: number }
  | { type: 'question'; openedAt: number; deadlineAt: number }
  | { type: 'log'; log: RoomLog }
  | { type: 'failed'; error: string };

/** A small seeded generator (mulberry32), so a seed replays the same answer times and choices. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
