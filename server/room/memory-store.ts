// A RoomStore that keeps the latest state of each room in memory: for tests, and for a server started
// without a data directory.

import type { RoomState } from './state';
import type { RoomStore, StoredRoom } from './store';

export function createMemoryStore(): RoomStore & { rooms: Map<string, RoomState> } {
  const rooms = new Map<string, RoomState>();
  const joins = new Map<string, Array<[string, number]>>();
  const stored = (state: RoomState): StoredRoom => ({ state, joins: [...(joins.get(state.code) ?? [])] });
  return {
    rooms,
    loadRooms: () => [...rooms.values()].filter((s) => s.phase.kind !== 'podium').map(stored),
    loadRoom: (code) => {
      const state = rooms.get(code);
      return state && stored(state);
    },
    createRoom: (state) => void rooms.set(state.code, state),
    saveChange: (state, facts, context) => {
      rooms.set(state.code, state);
      if (context?.requestId === undefined) return;
      for (const fact of facts)
        if (fact.type === 'player-joined') {
          const list = joins.get(state.code) ?? [];
          list.push([context.requestId, fact.player.id]);
          joins.set(state.code, list);
        }
    },
  };
}
