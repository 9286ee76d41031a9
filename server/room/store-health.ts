// Whether the store can be reached: an outage of the database (PostgreSQL stopped, restarting, the
// network to it cut) is told apart from a write that is wrong, so that the room shell keeps what it
// could not save and tries again instead of undoing it, and every refusal meanwhile says "try again
// in a moment" rather than "something went wrong". Every user of the store reports to one of these:
// the commit queue, the heartbeat, the HTTP API, loads of rooms.

export interface StoreHealth {
  /** Since when the store cannot be reached (ms, the clock given), or null while it answers. */
  downSince(): number | null;
  /**
   * A failed call to the store: true if it says the store cannot be reached (an outage begins, or
   * goes on), false for any other failure. That one ends no outage: the caller may not know the
   * error came from the store at all (a handler's bug); the next call that succeeds does.
   */
  failed(error: unknown): boolean;
  /** A call to the store that succeeded (or that the store itself refused): it answers. */
  answered(): void;
  /** Called when the store comes back, after an outage. */
  onBack(listener: () => void): void;
  /** Outages since the start, and the longest, for /metrics. */
  counts(): { outages: number; longestMs: number };
}

export function createStoreHealth(deps: {
  /** The store's word on an error: does it mean the store cannot be reached? Absent: never. */
  unavailable?: ((error: unknown) => boolean) | undefined;
  now(): number;
  log(message: string, error?: unknown): void;
}): StoreHealth {
  let since: number | null = null;
  let outages = 0;
  let longestMs = 0;
  const back: Array<() => void> = [];
  return {
    downSince: () => since,
    failed(error) {
      if (!deps.unavailable?.(error)) return false;
      if (since === null) {
        since = deps.now();
        outages++;
        // Once per outage: a database away for minutes must not write a line per write attempted.
        deps.log(
          'the database cannot be reached; changes are kept in memory and saved when it answers again',
          error,
        );
      }
      return true;
    },
    answered() {
      if (since === null) return;
      const ms = deps.now() - since;
      since = null;
      longestMs = Math.max(longestMs, ms);
      deps.log(`the database answers again, after ${(ms / 1000).toFixed(1)} s`);
      for (const listener of back) listener();
    },
    onBack: (listener) => void back.push(listener),
    counts: () => ({ outages, longestMs }),
  };
}
