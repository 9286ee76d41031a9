// The room shell: holds each room's current state, feeds commands to the pure reducer, saves every
// change before anyone is told about it, and arms the one deadline timer a room needs.
//
// Group commit: a command changes the room in memory at once (the next command sees it), and its
// change joins a batch that is saved in one transaction a moment later (COMMIT_WINDOW_MS), with
// every other change made meanwhile. Only then are the acknowledgements given (afterCommit) and the
// views sent. A class answering at once costs a few commits instead of one per answer; a save that
// fails puts the rooms back as they were and every acknowledgement of the batch says INTERNAL.
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Deck } from '../../shared/protocol/deck';
import { type Failure, fail } from '../../shared/protocol/errors';
import type { Settings } from '../../shared/protocol/views';
import type { Clock, Defer, TimerHandle } from './clock';
import { type ReduceResult, reduce } from './reduce';
import type { Command, RoomState } from './state';

/** What a store gives back: the room, and the client request id of each join that had one. */
export interface StoredRoom {
  state: RoomState;
  joins: Array<[requestId: string, playerId: number]>;
}

/** What caused a change, beyond the command: kept with it so a restart remembers it too. */
export interface SaveContext {
  /** The join's client request id: a join retried after a lost acknowledgement is the same join. */
  requestId?: string;
}

/** Persistence behind a small interface, so another database could stand in later. */
export interface RoomStore {
  /** Games not finished, to resume at startup. */
  loadRooms(): StoredRoom[];
  /** Any saved game, finished ones included (they are loaded on demand after leaving memory). */
  loadRoom(code: string): StoredRoom | undefined;
  /**
   * Called with every change, before any client is told or acknowledged, and must have made it
   * durable when it returns (throw otherwise: the change is then refused). `prev` is null for a new
   * room; `command` says what caused the change.
   */
  saveRoom(next: RoomState, prev: RoomState | null, command: Command | null, context?: SaveContext): void;
  /** Runs `fn` (several saveRoom calls) as one transaction: all of them are saved, or none. */
  transaction?(fn: () => void): void;
}

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
    saveRoom: (next, _prev, command, context) => {
      rooms.set(next.code, next);
      if (command?.type === 'join' && context?.requestId !== undefined) {
        const list = joins.get(next.code) ?? [];
        list.push([context.requestId, next.players.length - 1]);
        joins.set(next.code, list);
      }
    },
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

/** Compares secrets in constant time: how long a refusal takes says nothing of how close a guess was. */
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface RoomChange {
  prev: RoomState;
  next: RoomState;
  command: Command;
}

/**
 * After a restart, how long players who were connected when the server stopped count as connected
 * while their phones reconnect. Without it the first student back who had answered would find
 * everyone else "disconnected", and the open question would close as if all had answered.
 */
export const RECONNECT_GRACE_MS = 15_000;
/** How long a finished game stays in memory once nobody is connected to it; it stays in the store. */
export const EVICT_AFTER_MS = 10 * 60_000;
/** When saving a deadline's close fails (a full disk), how long before trying again. */
const RETRY_MS = 1_000;
/**
 * How long a batch gathers changes before it is saved, in wall time (not the game clock). A class
 * answering over a few seconds sends an answer every millisecond or so: a 2 ms window makes a few
 * answers share a commit, and costs an acknowledgement at most those 2 ms.
 */
export const COMMIT_WINDOW_MS = 2;
/**
 * A batch is saved at once when it holds this many changes. Each change keeps two states until it is
 * saved, and a state of a 2,000-student question holds a 2,000-entry answers array: an unbounded
 * batch during a burst kept megabytes alive and made every young-generation GC copy them.
 */
export const MAX_BATCH = 64;

interface Live {
  /** The latest state, with the changes of the batch not saved yet. */
  state: RoomState;
  /** The latest state saved: what clients may be told. */
  committed: RoomState;
  timer: { round: number; deadlineAt: number; handle: TimerHandle } | null;
  graceTimer: TimerHandle | null;
  evictTimer: TimerHandle | null;
  secrets: Map<string, number>;
  /** Open sockets per player: presence only flips when the last one closes. */
  sockets: Map<number, number>;
  /** Client request id of each join, so a join retried after a lost acknowledgement is the same join. */
  joins: Map<string, number>;
}

export interface RoomManager {
  /** A new room in the lobby; `owner` is the instructor its report is saved for. */
  create(deck: Deck, settings: Settings, owner?: string | null): RoomState;
  /** The room's current state; a finished game that left memory is loaded from the store. */
  get(code: string): RoomState | undefined;
  /** The room's latest saved state: the one to show clients. */
  committed(code: string): RoomState | undefined;
  /**
   * Applies a command now; its change is saved with the current batch. Tell clients nothing about
   * it before afterCommit.
   */
  dispatch(code: string, command: Command, context?: SaveContext): ReduceResult;
  /**
   * Runs `then(true)` once every change dispatched so far is saved (at once if none is waiting), or
   * `then(false)` if saving them failed and they were undone. Callbacks run in the order given.
   */
  afterCommit(then: (saved: boolean) => void): void;
  /** J2/H2: the player a secret belongs to; a kicked player is refused, with the reason. */
  identifyPlayer(code: string, secret: string): { ok: true; playerId: number } | Failure;
  /** J3/H1: the room, if `secret` is its host's. */
  identifyHost(code: string, secret: string): { ok: true; state: RoomState } | Failure;
  /**
   * The player a join with this client request id made (a retry after a lost acknowledgement),
   * refused if kicked since; null for a request id never seen.
   */
  recallJoin(code: string, requestId: string): { ok: true; playerId: number } | Failure | null;
  /** Socket bookkeeping for presence: the first open socket of a player marks them connected. */
  attach(code: string, playerId: number): void;
  detach(code: string, playerId: number): void;
  /** Called for every saved change, in order, after its batch was saved. */
  onChange(listener: (change: RoomChange) => void): void;
  /** Rooms in memory. */
  codes(): string[];
  /** Saves what is waiting and stops every timer. */
  close(): void;
}

interface PendingChange {
  live: Live;
  code: string;
  prev: RoomState;
  next: RoomState;
  command: Command;
  context: SaveContext | undefined;
}

export function createRoomManager(deps: {
  clock: Clock;
  /** Schedules the group commit's flush, COMMIT_WINDOW_MS of wall time after its first change. */
  defer: Defer;
  store: RoomStore;
  random?: RandomSource;
  log?: (message: string, error?: unknown) => void;
  reconnectGraceMs?: number;
  evictAfterMs?: number;
}): RoomManager {
  const { clock, store } = deps;
  const random = deps.random ?? cryptoRandom;
  const log = deps.log ?? ((message, error) => console.error(message, error ?? ''));
  const graceMs = deps.reconnectGraceMs ?? RECONNECT_GRACE_MS;
  const evictAfterMs = deps.evictAfterMs ?? EVICT_AFTER_MS;
  const rooms = new Map<string, Live>();
  const listeners: Array<(change: RoomChange) => void> = [];

  function arm(code: string, live: Live) {
    const { phase } = live.state;
    if (phase.kind === 'podium' && !live.evictTimer) armEviction(code, live);
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
    const fire = () => {
      live.timer = null;
      dispatch(code, { type: 'deadline', round: wanted.round });
    };
    live.timer = { ...wanted, handle: clock.at(wanted.deadlineAt, fire) };
  }

  function armEviction(code: string, live: Live) {
    live.evictTimer = clock.at(clock.now() + evictAfterMs, () => {
      live.evictTimer = null;
      if (rooms.get(code) !== live) return;
      if (live.sockets.size > 0) armEviction(code, live);
      else {
        live.timer?.handle.cancel();
        live.graceTimer?.cancel();
        rooms.delete(code);
      }
    });
  }

  function register(state: RoomState, joins: Iterable<[string, number]> = []): Live {
    const live: Live = {
      state,
      committed: state,
      timer: null,
      graceTimer: null,
      evictTimer: null,
      secrets: new Map(),
      sockets: new Map(),
      joins: new Map(joins),
    };
    for (const p of state.players) live.secrets.set(p.secret, p.id);
    rooms.set(state.code, live);
    arm(state.code, live);
    return live;
  }

  /** A room from the store: no socket survived the restart, so presence is settled after a grace period. */
  function restore(stored: StoredRoom): Live {
    const live = register(stored.state, stored.joins);
    if (stored.state.players.some((p) => p.connected && !p.kicked))
      live.graceTimer = clock.at(clock.now() + graceMs, () => {
        live.graceTimer = null;
        if (rooms.get(stored.state.code) !== live) return;
        for (const p of live.state.players)
          if (p.connected && !p.kicked && !live.sockets.has(p.id))
            dispatch(stored.state.code, { type: 'presence', playerId: p.id, connected: false });
      });
    return live;
  }

  function find(code: string): Live | undefined {
    const live = rooms.get(code);
    if (live) return live;
    let stored: StoredRoom | undefined;
    try {
      stored = store.loadRoom(code);
    } catch (error) {
      log(`loading room ${code} failed`, error);
      return undefined;
    }
    return stored && restore(stored);
  }

  /** A known player comes back unless kicked (H2); an unknown one is for the caller to name. */
  function admit(live: Live, playerId: number | undefined): { ok: true; playerId: number } | Failure | null {
    if (playerId === undefined) return null;
    return live.state.players[playerId]?.kicked ? fail('KICKED') : { ok: true, playerId };
  }

  let pending: PendingChange[] = [];
  let waiting: Array<(saved: boolean) => void> = [];
  let flushScheduled = false;
  const transaction = store.transaction?.bind(store) ?? ((fn: () => void) => fn());

  function dispatch(code: string, command: Command, context?: SaveContext): ReduceResult {
    const live = find(code);
    if (!live) return fail('ROOM_NOT_FOUND');
    const prev = live.state;
    const result = reduce(prev, command, clock.now());
    if (!result.ok || result.state === prev) return result;
    live.state = result.state;
    if (command.type === 'join' && result.playerId !== undefined) {
      live.secrets.set(command.secret, result.playerId);
      if (context?.requestId !== undefined) live.joins.set(context.requestId, result.playerId);
    }
    pending.push({ live, code, prev, next: result.state, command, context });
    if (pending.length >= MAX_BATCH) flush();
    else if (!flushScheduled) {
      flushScheduled = true;
      deps.defer(flush, COMMIT_WINDOW_MS);
    }
    arm(code, live);
    return result;
  }

  /** Saves the batch in one transaction, then tells the listeners and the acknowledgements. */
  function flush() {
    flushScheduled = false;
    const batch = pending;
    const then = waiting;
    pending = [];
    waiting = [];
    if (batch.length === 0) {
      for (const t of then) t(true);
      return;
    }
    try {
      transaction(() => {
        for (const c of batch) store.saveRoom(c.next, c.prev, c.command, c.context);
      });
    } catch (error) {
      log(`saving ${batch.length} change(s) failed; they are undone`, error);
      undo(batch);
      for (const t of then) t(false);
      return;
    }
    for (const c of batch) c.live.committed = c.next;
    // Acknowledgements first: they are small, and the batch may hold a close whose views go to the
    // whole class.
    for (const t of then) t(true);
    for (const c of batch)
      for (const listener of listeners) listener({ prev: c.prev, next: c.next, command: c.command });
  }

  /** Puts each room of a failed batch back to its state before the batch. */
  function undo(batch: PendingChange[]) {
    for (const c of [...batch].reverse()) {
      c.live.state = c.prev;
      if (c.command.type === 'join') {
        c.live.secrets.delete(c.command.secret);
        if (c.context?.requestId !== undefined) c.live.joins.delete(c.context.requestId);
      }
    }
    for (const live of new Set(batch.map((c) => c.live))) {
      const { phase } = live.state;
      const code = live.state.code;
      // A deadline whose close could not be saved is tried again a moment later, not at once.
      if (phase.kind === 'question' && phase.deadlineAt <= clock.now()) {
        live.timer?.handle.cancel();
        const round = phase.round;
        live.timer = {
          round,
          deadlineAt: phase.deadlineAt,
          handle: clock.at(clock.now() + RETRY_MS, () => {
            live.timer = null;
            dispatch(code, { type: 'deadline', round });
          }),
        };
      } else arm(code, live);
    }
  }

  for (const stored of store.loadRooms()) restore(stored);
  // A question whose deadline passed while the server was down closes now.
  for (const [code, live] of rooms) {
    const { phase } = live.state;
    if (phase.kind === 'question' && phase.deadlineAt <= clock.now())
      dispatch(code, { type: 'deadline', round: phase.round });
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
      store.saveRoom(state, null, null);
      register(state);
      return state;
    },
    get: (code) => find(code)?.state,
    committed: (code) => find(code)?.committed,
    dispatch,
    afterCommit(then) {
      if (pending.length === 0 && waiting.length === 0) then(true);
      else waiting.push(then);
    },
    identifyPlayer(code, secret) {
      const live = find(code);
      if (!live) return fail('ROOM_NOT_FOUND');
      return admit(live, live.secrets.get(secret)) ?? fail('UNKNOWN_PLAYER');
    },
    identifyHost(code, secret) {
      const live = find(code);
      if (!live) return fail('ROOM_NOT_FOUND');
      return sameSecret(live.state.hostSecret, secret) ? { ok: true, state: live.state } : fail('NOT_HOST');
    },
    recallJoin(code, requestId) {
      const live = find(code);
      return live ? admit(live, live.joins.get(requestId)) : null;
    },
    attach(code, playerId) {
      const live = find(code);
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
      flush();
      for (const live of rooms.values()) {
        live.timer?.handle.cancel();
        live.graceTimer?.cancel();
        live.evictTimer?.cancel();
      }
    },
  };
}

export type { Failure };
