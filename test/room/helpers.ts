// Scenario builders for the room's rule tests: makeRoom(), withPlayers(n), and `step` that applies
// a command and fails the test loudly if the reducer refused it.

import { reduce } from '../../server/room/reduce';
import type { Command, RoomState } from '../../server/room/state';
import type { SyncRoomStore } from '../../server/room/store';
import type { Scenario } from '../../shared/engine/types';
import { CONVERGES, DIVERGES, ZIGZAG } from '../helpers/scenarios';

export const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);
export const ROUND_MS = 30_000;
export const HOST = { role: 'host' } as const;

export function makeRoom(
  opts: { rounds?: Scenario[]; seconds?: number; speedPoints?: boolean } = {},
): RoomState {
  const rounds = opts.rounds ?? [ZIGZAG, DIVERGES, CONVERGES];
  return {
    code: '123456',
    hostSecret: 'host-secret-host-secret',
    owner: null,
    createdAt: T0,
    settings: { secondsPerQuestion: opts.seconds ?? ROUND_MS / 1000, speedPoints: opts.speedPoints ?? true },
    deck: { title: 'Test deck', rounds: rounds.map((scenario) => ({ type: 'predict', scenario })) },
    locked: false,
    players: [],
    results: [],
    version: 1,
    phase: { kind: 'lobby' },
  };
}

export function step(state: RoomState, command: Command, now = T0): RoomState {
  const result = reduce(state, command, now);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.error} (${result.message})`);
  return result.state;
}

/**
 * Plays commands from `start`, saving each change in `store` as it is made (one save per command, as
 * a commit queue of batches of one would): `play.state` is the latest state.
 */
export function playSaving(store: Pick<SyncRoomStore, 'saveChange'>, start: RoomState) {
  let state = start;
  return {
    get state() {
      return state;
    },
    apply(command: Command, now = T0): void {
      const result = reduce(state, command, now);
      if (!result.ok) throw new Error(`${command.type} refused: ${result.error} (${result.message})`);
      store.saveChange(result.state, result.facts);
      state = result.state;
    },
  };
}

export function withPlayers(state: RoomState, n: number, now = T0): RoomState {
  let s = state;
  for (let i = 0; i < n; i++)
    s = step(s, { type: 'join', nickname: `Player ${i + 1}`, secret: `secret-${i}-padding-xx` }, now);
  return s;
}

/** A room with n players and round `round` open since `openedAt`. */
export function openRound(n: number, opts: Parameters<typeof makeRoom>[0] = {}, openedAt = T0): RoomState {
  return step(withPlayers(makeRoom(opts), n), { type: 'start', by: HOST, round: 0 }, openedAt);
}
