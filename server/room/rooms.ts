// The room shell: holds each room's current state, feeds commands to the pure reducer, saves every
// change before anyone is told about it, and arms the one deadline timer a room needs.
import { randomBytes, randomInt } from 'node:crypto';
import type { Deck } from '../../shared/protocol/deck';
import { type Failure, fail } from '../../shared/protocol/errors';
import type { Settings } from '../../shared/protocol/views';
import type { Clock, TimerHandle } from './clock';
import { type ReduceResult, reduce } from './reduce';
import type { Command, RoomState } from './state';

/** Persistence behind a small interface, so another database could stand in later. */
export interface RoomStore {
  /** Rooms to resume at startup. */
  loadRooms(): RoomState[];
  /** Called with every change, before any client is told; `command` says what caused it. */
  saveRoom(next: RoomState, prev: RoomState | null, command: Command | null): void;
}

export function createMemoryStore(): RoomStore & { rooms: Map<string, RoomState> } {
  const rooms = new Map<string, RoomState>();
  return {
    rooms,
    loadRooms: () => [...rooms.values()],
    saveRoom: (next) => void rooms.set(next.code, next),
  };
}

export interface RandomSource {
  /** A six-digit room code. */
  roomCode(): string;
  /** An unguessable secret, URL-safe. */
  secret(): string;
}

export const cryptoRandom: RandomSource = {
  // 100000–999999: a leading zero is easy to drop when typing a code off a projector.
  roomCode: () => String(randomInt(100_000, 1_000_000)),
  secret: () => randomBytes(18).toString('base64url'),
};

export interface RoomChange {
  prev: RoomState;
  next: RoomState;
  command: Command;
}

interface Live {
  state: RoomState;
  timer: { round: number; deadlineAt: number; handle: TimerHandle } | null;
  secrets: Map<string, number>;
  /** Open sockets per player: presence only flips when the last one closes. */
  sockets: Map<number, number>;
  /** Client request id of each join, so a join retried after a lost acknowledgement is the same join. */
  joins: Map<string, number>;
}

export interface RoomManager {
  create(deck: Deck, settings: Settings): RoomState;
  get(code: string): RoomState | undefined;
  dispatch(code: string, command: Command): ReduceResult;
  playerBySecret(code: string, secret: string): number | undefined;
  rememberJoin(code: string, requestId: string, playerId: number): void;
  recallJoin(code: string, requestId: string): number | undefined;
  /** Socket bookkeeping for presence: true when this was the player's first open socket. */
  attach(code: string, playerId: number): void;
  detach(code: string, playerId: number): void;
  onChange(listener: (change: RoomChange) => void): void;
  codes(): string[];
  close(): void;
}

export function createRoomManager(deps: {
  clock: Clock;
  store: RoomStore;
  random?: RandomSource;
}): RoomManager {
  const { clock, store } = deps;
  const random = deps.random ?? cryptoRandom;
  const rooms = new Map<string, Live>();
  const listeners: Array<(change: RoomChange) => void> = [];

  function arm(code: string, live: Live) {
    const { phase } = live.state;
    const wanted = phase.kind === 'question' ? { round: phase.round, deadlineAt: phase.deadlineAt } : null;
    if (
      live.timer &&
      wanted &&
      live.timer.round === wanted.round &&
      live.timer.deadlineAt === wanted.deadlineAt
    )
      return;
    live.timer?.handle.cancel();
    live.timer = null;
    if (!wanted) return;
    const handle = clock.at(wanted.deadlineAt, () => {
      live.timer = null;
      dispatch(code, { type: 'deadline', round: wanted.round });
    });
    live.timer = { ...wanted, handle };
  }

  function register(state: RoomState): Live {
    const live: Live = { state, timer: null, secrets: new Map(), sockets: new Map(), joins: new Map() };
    for (const p of state.players) live.secrets.set(p.secret, p.id);
    rooms.set(state.code, live);
    arm(state.code, live);
    return live;
  }

  function dispatch(code: string, command: Command): ReduceResult {
    const live = rooms.get(code);
    if (!live) return fail('ROOM_NOT_FOUND');
    const prev = live.state;
    const result = reduce(prev, command, clock.now());
    if (!result.ok || result.state === prev) return result;
    store.saveRoom(result.state, prev, command);
    live.state = result.state;
    if (command.type === 'join' && result.playerId !== undefined)
      live.secrets.set(command.secret, result.playerId);
    arm(code, live);
    for (const listener of listeners) listener({ prev, next: result.state, command });
    return result;
  }

  for (const state of store.loadRooms()) {
    // Presence is about sockets, and no socket survived the restart: everyone starts disconnected.
    register({ ...state, players: state.players.map((p) => (p.connected ? { ...p, connected: false } : p)) });
  }
  // A question whose deadline passed while the server was down closes now.
  for (const [code, live] of rooms) {
    const { phase } = live.state;
    if (phase.kind === 'question' && phase.deadlineAt <= clock.now())
      dispatch(code, { type: 'deadline', round: phase.round });
  }

  return {
    create(deck, settings) {
      let code = random.roomCode();
      while (rooms.has(code)) code = random.roomCode();
      const state: RoomState = {
        code,
        hostSecret: random.secret(),
        createdAt: clock.now(),
        settings,
        deck,
        locked: false,
        players: [],
        results: [],
        version: 1,
        phase: { kind: 'lobby' },
      };
      store.saveRoom(state, null, null);
      register(state);
      return state;
    },
    get: (code) => rooms.get(code)?.state,
    dispatch,
    playerBySecret: (code, secret) => rooms.get(code)?.secrets.get(secret),
    rememberJoin: (code, requestId, playerId) => void rooms.get(code)?.joins.set(requestId, playerId),
    recallJoin: (code, requestId) => rooms.get(code)?.joins.get(requestId),
    attach(code, playerId) {
      const live = rooms.get(code);
      if (!live) return;
      const count = (live.sockets.get(playerId) ?? 0) + 1;
      live.sockets.set(playerId, count);
      if (count === 1) dispatch(code, { type: 'presence', playerId, connected: true });
    },
    detach(code, playerId) {
      const live = rooms.get(code);
      if (!live) return;
      const count = (live.sockets.get(playerId) ?? 1) - 1;
      if (count > 0) {
        live.sockets.set(playerId, count);
        return;
      }
      live.sockets.delete(playerId);
      dispatch(code, { type: 'presence', playerId, connected: false });
    },
    onChange: (listener) => void listeners.push(listener),
    codes: () => [...rooms.keys()],
    close() {
      for (const live of rooms.values()) live.timer?.handle.cancel();
    },
  };
}

export type { Failure };
