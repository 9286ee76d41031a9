// A RoomStore that keeps the latest state of each room in memory: for tests, and for a server started
// without a data directory.

import type { RoomState } from './state';
import type { StoredRoom, SyncRoomStore } from './store';

/**
 * `now` stamps each save for retention (deleteUnfinished); without it a room's age counts from its
 * creation (its createdAt), which is all a test of anything else needs.
 */
export function createMemoryStore(now?: () => number): SyncRoomStore & { rooms: Map<string, RoomState> } {
  const rooms = new Map<string, RoomState>();
  const joins = new Map<string, Array<[string, number]>>();
  const savedAt = new Map<string, number>();
  const stamp = (state: RoomState) => savedAt.set(state.code, now?.() ?? state.createdAt);
  const stored = (state: RoomState): StoredRoom => ({ state, joins: [...(joins.get(state.code) ?? [])] });
  return {
    rooms,
    loadRooms: () => [...rooms.values()].filter((s) => s.phase.kind !== 'podium').map(stored),
    loadRoom: (code) => {
      const state = rooms.get(code);
      return state && stored(state);
    },
    createRoom: (state) => {
      rooms.set(state.code, state);
      stamp(state);
    },
    saveChange: (state, facts, context) => {
      rooms.set(state.code, state);
      stamp(state);
      if (context?.requestId === undefined) return;
      for (const fact of facts)
        if (fact.type === 'player-joined') {
          const list = joins.get(state.code) ?? [];
          list.push([context.requestId, fact.player.id]);
          joins.set(state.code, list);
        }
    },
    deleteUnfinished(before, keep, limit = Number.POSITIVE_INFINITY) {
      const deleted: string[] = [];
      for (const [code, state] of rooms) {
        if (deleted.length >= limit) break;
        if (state.phase.kind === 'podium' || keep.has(code)) continue;
        if ((savedAt.get(code) ?? state.createdAt) >= before) continue;
        rooms.delete(code);
        joins.delete(code);
        savedAt.delete(code);
        deleted.push(code);
      }
      return deleted;
    },
  };
}
