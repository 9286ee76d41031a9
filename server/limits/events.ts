// Every refusal by a limit is counted (GET /metrics) and logged, but logged once per offender, limit
// and minute: a flood of refusals must not become a flood of log lines (a disk and CPU cost of its own).

/** Between two log lines about the same offender and limit. */
export const LOG_EVERY_MS = 60_000;
/**
 * Offenders remembered for the log's once-a-minute rule; past it the oldest are forgotten, so a flood
 * from many addresses costs bounded memory (and at worst a few more log lines).
 */
const REMEMBERED_OFFENDERS_MAX = 10_000;

export interface LimitEvents {
  /** A request refused by `limit` (e.g. `api`, `bodyTooLarge`, `quotaDecks`) from `offender`. */
  refused(limit: string, offender: string, detail?: string): void;
  /** Refusals so far, by limit. */
  counts(): Record<string, number>;
}

export function createLimitEvents(log: (message: string) => void, now: () => number = Date.now): LimitEvents {
  const counts = new Map<string, number>();
  const lastLogged = new Map<string, number>();
  return {
    refused(limit, offender, detail) {
      counts.set(limit, (counts.get(limit) ?? 0) + 1);
      const id = `${limit} ${offender}`;
      const at = now();
      const last = lastLogged.get(id);
      if (last !== undefined && at - last < LOG_EVERY_MS) return;
      // Re-inserting moves the entry to the end, so the Map's order is oldest-logged first.
      lastLogged.delete(id);
      lastLogged.set(id, at);
      if (lastLogged.size > REMEMBERED_OFFENDERS_MAX) {
        const oldest = lastLogged.keys().next();
        if (!oldest.done) lastLogged.delete(oldest.value);
      }
      log(
        `limit ${limit}: refused ${offender}${detail ? ` (${detail})` : ''}; further refusals of it counted silently for a minute`,
      );
    },
    counts: () => Object.fromEntries(counts),
  };
}
