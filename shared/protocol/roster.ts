// The host's roster travels apart from its view (`host:roster`), as changes against what that socket
// was last sent: a class of 2,500 is ~160 KB of roster, and the projector's view is re-sent up to ten
// times a second while students come and go. A socket's first roster message is whole, unless the
// socket resumed on a fresh connection: then it is the changes from the roster of the acknowledgement.
import type { RosterEntry } from './views';

export interface RosterUpdate {
  /** The room version the roster is as of. */
  version: number;
  /** True: `upsert` is the whole roster (replace what you have). False: apply the changes. */
  full: boolean;
  /** Players who are new or changed (nickname, connection, score), in the roster's order (by id). */
  upsert: RosterEntry[];
  /** Ids of players who left the roster (kicked). */
  removed: number[];
}

const same = (a: RosterEntry, b: RosterEntry) =>
  a.id === b.id && a.nickname === b.nickname && a.connected === b.connected && a.score === b.score;

/**
 * What turns `prev` (the roster a client has, or null for none) into `next`; null when nothing
 * changed. Both are in id order, as the views list players.
 */
export function diffRoster(
  prev: readonly RosterEntry[] | null,
  next: readonly RosterEntry[],
  version: number,
): RosterUpdate | null {
  if (prev === null) return { version, full: true, upsert: [...next], removed: [] };
  const before = new Map(prev.map((p) => [p.id, p]));
  const upsert: RosterEntry[] = [];
  for (const p of next) {
    const old = before.get(p.id);
    if (!old || !same(old, p)) upsert.push(p);
    before.delete(p.id);
  }
  const removed = [...before.keys()];
  if (upsert.length === 0 && removed.length === 0) return null;
  return { version, full: false, upsert, removed };
}

/** The roster after `update`, in id order. */
export function applyRoster(prev: readonly RosterEntry[], update: RosterUpdate): RosterEntry[] {
  if (update.full) return [...update.upsert].sort((a, b) => a.id - b.id);
  const byId = new Map(prev.map((p) => [p.id, p]));
  for (const id of update.removed) byId.delete(id);
  for (const p of update.upsert) byId.set(p.id, p);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
