// Re-homing on a cluster (docs/protocol.md, "Re-homing"): where a game's sockets connect, what
// `moved` says, and how long a client waits before each try. One schedule for the apps
// (client/net/connection.ts) and the benchmark's phones (bench/cluster-room.ts), so that what the
// benchmark measures is what the apps do. Pure: the caller brings the random numbers and the timers.

/** The Socket.IO path of a node: the reverse proxy sends /n/<id>/… to node <id>, unchanged. */
export const socketPathOf = (node: string | null): string =>
  node === null ? '/socket.io' : `/n/${node}/socket.io`;

/** The node a Socket.IO path belongs to, null for the default path (any node answers there). */
export function nodeOfPath(path: string): string | null {
  const found = /^\/n\/([a-z0-9-]+)\/socket\.io$/.exec(path);
  return found ? found[1]! : null;
}

/**
 * The payload of `moved`. A node handing its games over (SIGTERM) names the node it gave each to,
 * which has taken it already: the client goes there without asking. Empty when the node does not
 * know (it found the game had moved): the client asks `GET /api/rooms/:code/home`.
 */
export interface MovedTo {
  node?: string;
  path?: string;
}

/**
 * Told `moved` with a new home, 300 phones connect there over this long rather than all in the
 * same millisecond: the planned move of a rolling deploy, where the new home is already up.
 */
export const MOVED_SPREAD_MS = 300;

/**
 * Cluster nodes ping their sockets this often (one server sends ping every 5 s), so that a client
 * hears its node at least this often while it is alive.
 */
export const CLUSTER_PING_INTERVAL_MS = 1_000;

/**
 * A client on a node's path that has heard nothing from it, not even a ping, for this long asks
 * where its game lives, without leaving its socket: a paused node (SIGSTOP, a long GC) loses its
 * games to another within its lease, and its clients would otherwise learn it only when it wakes.
 * On a slow network the answer names the same node and nothing changes.
 */
export const SILENT_HOME_MS = 2_000;

/**
 * Whether a node has been silent long enough to ask where the game lives: `quietMs` since the last
 * packet, `pingGapMs` between the node's last two pings (CLUSTER_PING_INTERVAL_MS until the first
 * ping of a connection shows it). Twice that gap at least, so that a node that pings every 5 s (one
 * process, an older node) is not asked about between two pings once its gap is known.
 */
export const isSilent = (quietMs: number, pingGapMs: number): boolean =>
  quietMs > Math.max(SILENT_HOME_MS, 2 * pingGapMs);

/** Why the client waits before its next try. */
export type RehomeStep =
  /** `moved` named the new home. */
  | { kind: 'moved' }
  /**
   * The last lookup still named the node the client lost: its lease has not run out yet, and the
   * game gets a new home as soon as it does. `times`: how many lookups in a row said so.
   */
  | { kind: 'still-there'; times: number }
  /**
   * Anything else: the first try after a drop, an acknowledgement timeout or `moved` without a
   * home (`failures` 0), then each lookup without an answer, node refusing the socket, resume
   * refused for a moment.
   */
  | { kind: 'failed'; failures: number };

/** The longest wait, ms: a client never waits longer than this between two tries. */
const LONGEST_WAIT_MS = 3_000;
/**
 * After this many lookups in a row still naming a node that does not take the client's socket, that
 * node is not one whose lease is about to run out (a lease is seconds): back to the doubling.
 */
const STILL_THERE_TRIES = 16;

/**
 * The wait before the next try, ms. The cluster contract's clients double the wait after every
 * failure (100–600 ms, capped at 3 s); after a kill -9 that schedule landed most phones' fourth or
 * fifth try well past the dead node's lease. So a lookup that still names the lost node is asked
 * again 250–500 ms later without doubling (docs/deploy.md, "Re-home backoff").
 */
export function rehomeWaitMs(step: RehomeStep, random: () => number): number {
  if (step.kind === 'moved') return random() * MOVED_SPREAD_MS;
  if (step.kind === 'still-there' && step.times < STILL_THERE_TRIES) return 250 + random() * 250;
  const failures = step.kind === 'failed' ? step.failures : STILL_THERE_TRIES;
  return Math.min(LONGEST_WAIT_MS, (100 + random() * 500) * 2 ** failures);
}
