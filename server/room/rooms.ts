// The registry: which rooms are in memory (code -> room), loading a room from the store on demand and
// evicting it, and announcing each eviction so that whoever keeps something per room (the transport's
// audiences and throttles) lets it go. A room can leave memory at any time nothing of it is unsaved:
// its state lives in the store, and the next request for its code loads it again.
import type { Deck } from '../../shared/protocol/deck';
import { type Failure, fail } from '../../shared/protocol/errors';
import type { AnswerReceipt } from '../../shared/protocol/events';
import type { AnswerValue, Settings } from '../../shared/protocol/views';
import type { Clock, Defer } from './clock';
import { createCommitQueue } from './commit-queue';
import { affectedBy } from './facts';
import type { RandomSource } from './random';
import type { Reduced } from './reduce';
import { createRoom, type Room, type RoomChange } from './room';
import type { Command, RoomState } from './state';
import type { RoomStore, StoredRoom } from './store';

export { COMMIT_WINDOW_MS, MAX_BATCH } from './commit-queue';
export type { RandomSource } from './random';
export type { RoomChange } from './room';
export type { RoomStore, SaveContext, StoredRoom } from './store';

/**
 * After a restart, how long players who were connected when the server stopped count as connected
 * while their phones reconnect. Without it the first student back who had answered would find
 * everyone else "disconnected", and the open question would close as if all had answered.
 */
export const RECONNECT_GRACE_MS = 15_000;
/** How long a finished game stays in memory once nobody is connected to it; it stays in the store. */
export const EVICT_AFTER_MS = 10 * 60_000;

export interface RoomManager {
  /** A new room in the lobby; `owner` is the instructor its report is saved for. */
  create(deck: Deck, settings: Settings, owner?: string | null): RoomState;
  /** The room's current state; a game that left memory is loaded from the store. */
  get(code: string): RoomState | undefined;
  /** The room's latest saved state: the one to show clients. */
  committed(code: string): RoomState | undefined;
  /** Applies a command now; its change is saved with the current batch. Tell no client before afterCommit. */
  dispatch(code: string, command: Command): Reduced;
  /** J1: a new player in room `code`; `requestId` makes a retried join the same join. */
  join(
    code: string,
    nickname: string,
    secret: string,
    requestId?: string,
    device?: string,
  ): Failure | { ok: true; playerId: number };
  /** A1–A3: a player's answer, and the receipt to acknowledge it with. */
  answer(
    code: string,
    playerId: number,
    round: number,
    choice: AnswerValue,
  ): Failure | ({ ok: true } & AnswerReceipt);
  /**
   * Runs `then(true)` once every change dispatched so far is saved (at once if none is waiting), or
   * `then(false)` if saving them failed and they were undone. Callbacks run in the order given.
   */
  afterCommit(then: (saved: boolean) => void): void;
  /** J2/H2: the player a secret belongs to; a kicked player is refused, with the reason. */
  identifyPlayer(code: string, secret: string): { ok: true; playerId: number } | Failure;
  /** J3/H1: the room, if `secret` is its host's. */
  identifyHost(code: string, secret: string): { ok: true; state: RoomState } | Failure;
  /** The player a join with this request id made, refused if kicked since; null for one never seen. */
  recallJoin(code: string, requestId: string): { ok: true; playerId: number } | Failure | null;
  /** Socket bookkeeping for presence: the first open socket of a player marks them connected. */
  attach(code: string, playerId: number): void;
  detach(code: string, playerId: number): void;
  /** A host socket on the room: the room stays in memory while one is open. */
  attachHost(code: string): void;
  detachHost(code: string): void;
  /** Called for every saved change, in order, after its batch was saved. */
  onChange(listener: (change: RoomChange) => void): void;
  /** Called when a room leaves memory, once its timers are cancelled. */
  onEvict(listener: (code: string) => void): void;
  /** Takes a room out of memory now, unless a change of it is still unsaved; true if it left. */
  evict(code: string): boolean;
  /** Rooms in memory. */
  codes(): string[];
  /** Rooms in memory and the timers they hold, for tests that look for leaks. */
  stats(): { rooms: number; timers: number };
  /** Saves what is waiting and stops every timer. */
  close(): void;
}

export function createRoomManager(deps: {
  clock: Clock;
  /** Schedules the group commit's flush, COMMIT_WINDOW_MS of wall time after its first change. */
  defer: Defer;
  store: RoomStore;
  random: RandomSource;
  log?: (message: string, error?: unknown) => void;
  reconnectGraceMs?: number;
  evictAfterMs?: number;
}): RoomManager {
  const { clock, store } = deps;
  const { random } = deps;
  const log = deps.log ?? ((message, error) => console.error(message, error ?? ''));
  const graceMs = deps.reconnectGraceMs ?? RECONNECT_GRACE_MS;
  const evictAfterMs = deps.evictAfterMs ?? EVICT_AFTER_MS;
  const rooms = new Map<string, Room>();
  const listeners: Array<(change: RoomChange) => void> = [];
  const evictListeners: Array<(code: string) => void> = [];

  const queue = createCommitQueue({
    store,
    defer: deps.defer,
    log,
    onSaved(c) {
      const change: RoomChange = {
        code: c.next.code,
        prev: c.prev,
        next: c.next,
        facts: c.facts,
        affected: affectedBy(c.facts),
      };
      for (const listener of listeners) listener(change);
      // A finished game leaves memory once nobody has looked at it for a while.
      if (c.next.phase.kind === 'podium' && c.prev.phase.kind !== 'podium') {
        const room = rooms.get(change.code);
        if (room) scheduleEviction(room);
      }
    },
  });

  function scheduleEviction(room: Room) {
    room.at(clock.now() + evictAfterMs, () => {
      if (room.watched() || !evict(room.code)) scheduleEviction(room);
    });
  }

  function evict(code: string): boolean {
    const room = rooms.get(code);
    if (!room) return false;
    if (room.unsaved()) return false;
    rooms.delete(code);
    room.dispose();
    for (const listener of evictListeners) listener(code);
    return true;
  }

  function register(stored: StoredRoom, restored: boolean): Room {
    const room = createRoom(stored, { clock, queue, graceMs: restored ? graceMs : null });
    rooms.set(stored.state.code, room);
    if (stored.state.phase.kind === 'podium') scheduleEviction(room);
    return room;
  }

  function find(code: string): Room | undefined {
    const room = rooms.get(code);
    if (room) return room;
    let stored: StoredRoom | undefined;
    try {
      stored = store.loadRoom(code);
    } catch (error) {
      log(`loading room ${code} failed`, error);
      return undefined;
    }
    return stored && register(stored, true);
  }

  for (const stored of store.loadRooms()) register(stored, true);
  // R5: an open question gets back the time the server was down; one whose time had run out before
  // the server stopped closes now.
  const downSince = store.lastAlive?.() ?? null;
  for (const room of rooms.values()) {
    if (room.state().phase.kind !== 'question') continue;
    room.dispatch({ type: 'resume', downSince });
    const { phase } = room.state();
    if (phase.kind === 'question' && phase.deadlineAt <= clock.now())
      room.dispatch({ type: 'deadline', round: phase.round });
  }

  return {
    create(deck, settings, owner = null) {
      let code = random.roomCode();
      // A finished game keeps its code in the store, readable by its host.
      while (rooms.has(code) || store.loadRoom(code)) code = random.roomCode();
      const state: RoomState = {
        code,
        hostSecret: random.secret(),
        owner,
        createdAt: clock.now(),
        settings,
        deck,
        locked: false,
        players: [],
        results: [],
        version: 1,
        phase: { kind: 'lobby' },
      };
      store.createRoom(state);
      register({ state, joins: [] }, false);
      return state;
    },
    get: (code) => find(code)?.state(),
    committed: (code) => find(code)?.committed(),
    dispatch: (code, command) => find(code)?.dispatch(command) ?? fail('ROOM_NOT_FOUND'),
    join: (code, nickname, secret, requestId, device) =>
      find(code)?.join(nickname, secret, requestId, device) ?? fail('ROOM_NOT_FOUND'),
    answer: (code, playerId, round, choice) =>
      find(code)?.answer(playerId, round, choice) ?? fail('ROOM_NOT_FOUND'),
    afterCommit: (then) => queue.afterCommit(then),
    identifyPlayer: (code, secret) => find(code)?.identifyPlayer(secret) ?? fail('ROOM_NOT_FOUND'),
    identifyHost(code, secret) {
      const room = find(code);
      if (!room) return fail('ROOM_NOT_FOUND');
      return room.isHost(secret) ? { ok: true, state: room.state() } : fail('NOT_HOST');
    },
    recallJoin: (code, requestId) => find(code)?.recallJoin(requestId) ?? null,
    attach: (code, playerId) => find(code)?.attach(playerId),
    // A socket closing does not bring a room that left memory back.
    detach: (code, playerId) => rooms.get(code)?.detach(playerId),
    attachHost: (code) => find(code)?.attachHost(),
    detachHost: (code) => rooms.get(code)?.detachHost(),
    onChange: (listener) => void listeners.push(listener),
    onEvict: (listener) => void evictListeners.push(listener),
    evict,
    codes: () => [...rooms.keys()],
    stats() {
      let timers = 0;
      for (const room of rooms.values()) timers += room.timers();
      return { rooms: rooms.size, timers };
    },
    close() {
      queue.flush();
      for (const room of rooms.values()) room.dispose();
    },
  };
}
