// The registry: which rooms are in memory (code -> room), loading a room from the store on demand and
// evicting it, and announcing each eviction so that whoever keeps something per room (the transport's
// audiences and throttles) lets it go. A room can leave memory at any time nothing of it is unsaved:
// its state lives in the store, and the next request for its code loads it again.
import type { Confidence } from '../../shared/protocol/confidence';
import type { Deck } from '../../shared/protocol/deck';
import { type Failure, fail, storeUnavailable } from '../../shared/protocol/errors';
import type { AnswerReceipt } from '../../shared/protocol/events';
import type { AnswerValue, Settings } from '../../shared/protocol/views';
import type { Clock, Defer, TimerHandle } from './clock';
import { type AfterCommit, createCommitQueue } from './commit-queue';
import { affectedBy } from './facts';
import type { RandomSource } from './random';
import type { Reduced } from './reduce';
import { createRoom, type Room, type RoomChange } from './room';
import type { Command, RoomState } from './state';
import type { MaybePromise, RoomHomes, RoomStore, StoredRoom } from './store';
import { createStoreHealth, type StoreHealth } from './store-health';

export type { AfterCommit } from './commit-queue';
export { COMMIT_WINDOW_MS, MAX_BATCH, MAX_HELD, STORE_RETRY_MS } from './commit-queue';
export type { RandomSource } from './random';
export type { RoomChange } from './room';
export type { RoomStore, SaveContext, StoredRoom } from './store';
export type { StoreHealth } from './store-health';

/**
 * After a restart, how long players who were connected when the server stopped count as connected
 * while their phones reconnect. Without it the first student back who had answered would find
 * everyone else "disconnected", and the open question would close as if all had answered.
 */
export const RECONNECT_GRACE_MS = 15_000;
/** How long a finished game stays in memory once nobody is connected to it; it stays in the store. */
export const EVICT_AFTER_MS = 10 * 60_000;
/**
 * How long a game that is not finished stays in memory once nothing happens in it and nobody has a
 * socket open on it (ROOM_IDLE_MS). It stays in the store and comes back on demand, so this only
 * bounds memory: half an hour is longer than any pause an honest class takes with nobody connected,
 * and an open question never leaves before its deadline.
 */
export const ROOM_IDLE_MS = 30 * 60_000;
/**
 * The most rooms held in memory (ROOMS_IN_MEMORY_MAX). A new room makes way by evicting the least
 * recently used room nobody is connected to; 2,000 games at once is far beyond an honest server's
 * load (a school's busiest hour is tens), and each costs tens of KB.
 */
export const MAX_ROOMS_IN_MEMORY = 2_000;
/** How long a game not finished stays on disk after its last step (ROOM_RETENTION_DAYS). */
export const ROOM_RETENTION_MS = 7 * 24 * 3_600_000;

/**
 * The most games one sweep deletes: a backlog (after a flood) is deleted in steps, so that no step
 * holds the event loop for long; the caller runs the next step soon after.
 */
export const SWEEP_BATCH = 200;

/** Rooms that left memory or the disk since the start, by why (counted at GET /metrics). */
export interface RoomCounts {
  /** Left memory after ROOM_IDLE_MS of nothing (or EVICT_AFTER_MS at the podium). */
  expired: number;
  /** Left memory to make way for another room, the registry being full. */
  displaced: number;
  /** Deleted from the store: not finished, and untouched for the retention period. */
  deleted: number;
}

export interface RoomManager {
  /** A new room in the lobby; `owner` is the instructor its report is saved for. */
  create(deck: Deck, settings: Settings, owner?: string | null): RoomState;
  /** The room's current state; a game that left memory is loaded from the store. */
  get(code: string): RoomState | undefined;
  /**
   * Brings a game that left memory back from an asynchronous store (PostgreSQL), so that get() and
   * the rest find it; settles at once for a room in memory or a synchronous store. Settles with a
   * refusal when the store could not be read (STORE_UNAVAILABLE while it cannot be reached): the
   * game is not "not found".
   */
  ready(code: string): Promise<Failure | undefined> | undefined;
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
    confidence?: Confidence,
  ): Failure | ({ ok: true } & AnswerReceipt);
  /**
   * Runs `then(true, false)` once every change dispatched so far is saved (at once if none is
   * waiting), or `then(false, false)` if saving them failed and they were undone. While the store
   * cannot be reached, `then(false, true)` at once: the changes are held, and saved once it answers.
   */
  afterCommit(then: AfterCommit): void;
  /** Whether the store can be reached, as the last call to it found; every user of the store tells it. */
  readonly health: StoreHealth;
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
  /**
   * Cluster mode: called when a room leaves this node because another is its home now, before its
   * eviction is announced: its sockets are told to move (to `home`, when this node gave it there).
   */
  onMoved(listener: (code: string, home: string | null) => void): void;
  /**
   * Cluster mode: the room has another home now (or this node gave it up): it leaves memory at once,
   * whatever of it is unsaved (that can no longer be saved here). `home`: the node this node handed
   * it to, if it did (its clients go straight there), else null.
   */
  drop(code: string, home?: string | null): void;
  /**
   * Cluster mode, SIGTERM: where the hand-over is giving each room, before the database says so. A
   * save that fails its fence from then on (the hand-over's update came first) tells its room's
   * sockets that home rather than leave them to look it up.
   */
  expectMoves(plan: ReadonlyMap<string, string>): void;
  /**
   * Cluster mode: makes this node the room's home if no live node is (and loads it), as ready() does;
   * says which node is its home, null for this one, or the refusal.
   */
  adopt(code: string): Promise<{ home: string | null } | Failure>;
  /** Saves what is waiting now (the commit queue's batch), without stopping anything. */
  flush(): MaybePromise<void>;
  /** Takes a room out of memory now, unless a change of it is still unsaved; true if it left. */
  evict(code: string): boolean;
  /**
   * Whether memory holds MAX_ROOMS_IN_MEMORY rooms and each has a socket open or a change unsaved:
   * then no room can make way, and a new game is refused (SERVER_BUSY) rather than let an existing
   * one go deaf.
   */
  full(): boolean;
  /**
   * Deletes from the store the games not finished whose last step is older than the retention
   * period and that are not in memory, at most SWEEP_BATCH of them (call again while it returns
   * that many); returns their codes.
   */
  sweep(): MaybePromise<string[]>;
  /** Rooms that left memory or the store since the start, by why. */
  counts(): RoomCounts;
  /** Rooms in memory. */
  codes(): string[];
  /** Rooms in memory and the timers they hold, for tests that look for leaks. */
  stats(): { rooms: number; timers: number };
  /** Saves what is waiting and stops every timer. */
  close(): MaybePromise<void>;
}

/** A command refused, changing nothing, while too many changes wait for the store (MAX_HELD). */
const storeAway = (): Failure => storeUnavailable();

export function createRoomManager(deps: {
  clock: Clock;
  /** Schedules the group commit's flush, COMMIT_WINDOW_MS of wall time after its first change. */
  defer: Defer;
  /** Wall time in ms: a batch gathers longer while changes keep coming (commit-queue.ts). */
  wallNow?: () => number;
  store: RoomStore;
  random: RandomSource;
  log?: (message: string, error?: unknown) => void;
  reconnectGraceMs?: number;
  evictAfterMs?: number;
  /** ROOM_IDLE_MS: a room not finished, with nobody connected, leaves memory after this long idle. */
  idleMs?: number;
  /** ROOMS_IN_MEMORY_MAX. */
  maxRooms?: number;
  /** ROOM_RETENTION_DAYS, in ms: games not finished are deleted from the store this long after their last step. */
  retentionMs?: number;
  /** Shared with the store's other users (the heartbeat, the HTTP API); made from the store's own word if absent. */
  health?: StoreHealth;
  /** MAX_HELD: the most changes held for a store that cannot be reached; tests lower it. */
  maxHeld?: number;
  /** Cluster mode (NODE_ID): rooms are loaded only once claimed, and every write is fenced. */
  homes?: RoomHomes | null;
}): RoomManager {
  const { clock, store } = deps;
  const { random } = deps;
  const log = deps.log ?? ((message, error) => console.error(message, error ?? ''));
  const graceMs = deps.reconnectGraceMs ?? RECONNECT_GRACE_MS;
  const evictAfterMs = deps.evictAfterMs ?? EVICT_AFTER_MS;
  const idleMs = deps.idleMs ?? ROOM_IDLE_MS;
  const maxRooms = deps.maxRooms ?? MAX_ROOMS_IN_MEMORY;
  const retentionMs = deps.retentionMs ?? ROOM_RETENTION_MS;
  const rooms = new Map<string, Room>();
  /** When each room in memory was last used (a change saved, a socket gone, a request for it). */
  const usedAt = new Map<string, number>();
  /** Set by close(): from then on sockets closing change no room. */
  let closed = false;
  /** Each room's one expiry timer. */
  const expiry = new Map<string, TimerHandle>();
  const counts: RoomCounts = { expired: 0, displaced: 0, deleted: 0 };
  const listeners: Array<(change: RoomChange) => void> = [];
  const evictListeners: Array<(code: string) => void> = [];
  const movedListeners: Array<(code: string, home: string | null) => void> = [];
  let plannedHomes: ReadonlyMap<string, string> = new Map();
  const homes = deps.homes ?? null;
  const health =
    deps.health ??
    createStoreHealth({ unavailable: store.unavailable?.bind(store), now: () => clock.now(), log });

  const queue = createCommitQueue({
    store,
    defer: deps.defer,
    log,
    health,
    maxHeld: deps.maxHeld,
    ...(deps.wallNow ? { wallNow: deps.wallNow } : {}),
    onMoved: (code) => drop(code, plannedHomes.get(code) ?? null),
    onSaved(c) {
      const change: RoomChange = {
        code: c.next.code,
        prev: c.prev,
        next: c.next,
        facts: c.facts,
        affected: affectedBy(c.facts),
      };
      const room = rooms.get(change.code);
      if (room) {
        usedAt.set(change.code, clock.now());
        // A new phase may expire sooner (a finished game, a question's deadline gone).
        if (c.next.phase.kind !== c.prev.phase.kind) expireAt(room, expiresAt(room));
      }
      for (const listener of listeners) listener(change);
    },
  });

  /**
   * When the room may leave memory if nothing happens meanwhile: a finished game EVICT_AFTER_MS
   * after its last use, any other ROOM_IDLE_MS after it, and an open question not before its deadline.
   */
  function expiresAt(room: Room): number {
    const { phase } = room.state();
    const since = usedAt.get(room.code) ?? clock.now();
    const at = since + (phase.kind === 'podium' ? evictAfterMs : idleMs);
    if (phase.kind === 'discussion') return Math.max(at, phase.endsAt);
    return phase.kind === 'question' ? Math.max(at, phase.deadlineAt) : at;
  }

  /**
   * One timer per room, checked lazily: when it fires early (the room was used since) it is armed
   * again for the new time, so a room busy with answers costs no timer work per answer.
   */
  function expireAt(room: Room, at: number) {
    expiry.get(room.code)?.cancel();
    const handle = room.at(at, () => {
      const due = expiresAt(room);
      if (due > clock.now()) expireAt(room, due);
      // Someone is connected (a host's projector on a lobby): the room is not idle, and leaving
      // memory would leave their sockets deaf. Looked at again a period later. Nor does a room leave
      // while the store cannot be reached: it could not be read back until it answers again.
      else if (room.watched() || health.downSince() !== null || !evict(room.code))
        expireAt(room, clock.now() + Math.min(idleMs, evictAfterMs));
      else counts.expired++;
    });
    expiry.set(room.code, handle);
  }

  /** New rooms whose creation is not saved yet: they stay in memory until it is. */
  const creating = new Set<string>();

  function evict(code: string): boolean {
    const room = rooms.get(code);
    if (!room) return false;
    if (room.unsaved() || creating.has(code)) return false;
    rooms.delete(code);
    usedAt.delete(code);
    expiry.delete(code);
    room.dispose();
    for (const listener of evictListeners) listener(code);
    return true;
  }

  function drop(code: string, home: string | null = null) {
    const room = rooms.get(code);
    if (!room) return;
    rooms.delete(code);
    usedAt.delete(code);
    expiry.delete(code);
    creating.delete(code);
    room.dispose();
    for (const listener of movedListeners) listener(code, home);
    for (const listener of evictListeners) listener(code);
  }

  /** The least recently used room that may leave memory: nobody connected, nothing unsaved. */
  function leastRecentlyUsed(): Room | undefined {
    let oldest: Room | undefined;
    let oldestAt = Number.POSITIVE_INFINITY;
    for (const room of rooms.values()) {
      const at = usedAt.get(room.code) ?? 0;
      if (at < oldestAt && !room.watched() && !room.unsaved() && !creating.has(room.code))
        [oldest, oldestAt] = [room, at];
    }
    return oldest;
  }

  /**
   * Makes way for one more room when memory is full. A room reloaded on demand is let in even when
   * no room can make way (someone connected is asking for their own game); a new one is not (full()).
   */
  function makeWay() {
    while (rooms.size >= maxRooms) {
      const room = leastRecentlyUsed();
      if (!room || !evict(room.code)) return;
      counts.displaced++;
    }
  }

  function register(stored: StoredRoom, restored: boolean): Room {
    makeWay();
    const room = createRoom(stored, { clock, queue, graceMs: restored ? graceMs : null });
    rooms.set(stored.state.code, room);
    usedAt.set(room.code, clock.now());
    expireAt(room, expiresAt(room));
    return room;
  }

  function sweep(): MaybePromise<string[]> {
    const failed = (error: unknown) => {
      if (!health.failed(error)) log('deleting old unfinished games failed', error);
      return [];
    };
    const counted = (deleted: string[]) => {
      counts.deleted += deleted.length;
      return deleted;
    };
    // Deleting can wait for a store that cannot be reached (the next sweep is ten minutes away).
    if (health.downSince() !== null) return [];
    try {
      const deleted =
        store.deleteUnfinished?.(clock.now() - retentionMs, new Set(rooms.keys()), SWEEP_BATCH) ?? [];
      return deleted instanceof Promise ? deleted.then(counted, failed) : counted(deleted);
    } catch (error) {
      return failed(error);
    }
  }

  /** The refusal for a room the store could not be asked for: logged unless the store is away. */
  function loadFailed(code: string, error: unknown): Failure {
    if (health.failed(error)) return storeUnavailable();
    log(`loading room ${code} failed`, error);
    return fail('INTERNAL');
  }

  /** The store's answer for a room, or null when the store threw (logged). */
  function load(code: string): MaybePromise<StoredRoom | undefined> | null {
    try {
      return store.loadRoom(code);
    } catch (error) {
      loadFailed(code, error);
      return null;
    }
  }

  function find(code: string): Room | undefined {
    const room = rooms.get(code);
    if (room) {
      usedAt.set(code, clock.now());
      return room;
    }
    const stored = load(code);
    if (stored === null) return undefined;
    // An asynchronous store's rooms come back through ready(), which the transport awaits first.
    if (stored instanceof Promise) {
      stored.catch(() => undefined);
      return undefined;
    }
    return stored && register(stored, true);
  }

  /** Undefined when there is nothing to wait for: the room is in memory, or the store answered at once. */
  function ready(code: string): Promise<Failure | undefined> | undefined {
    if (rooms.has(code)) return undefined;
    // Cluster mode: a room not in memory is loaded only once this node is its home.
    if (homes)
      return adopt(code).then((r) => ('home' in r ? (r.home === null ? undefined : fail('MOVED')) : r));
    const stored = load(code);
    if (stored === null) return undefined;
    const registered = (found: StoredRoom | undefined) => {
      // Another event may have brought it back meanwhile: that one is the room.
      if (found && !rooms.has(code)) register(found, true);
    };
    if (!(stored instanceof Promise)) {
      registered(stored);
      return undefined;
    }
    return stored.then(
      (found) => {
        health.answered();
        registered(found);
        return undefined;
      },
      (error: unknown) => loadFailed(code, error),
    );
  }

  function taken(code: string): boolean {
    if (rooms.has(code)) return true;
    if (store.hasRoom) return store.hasRoom(code);
    const stored = store.loadRoom(code);
    if (stored instanceof Promise)
      throw new Error('A store that loads asynchronously must implement hasRoom.');
    return stored !== undefined;
  }

  // Games abandoned long ago are not worth loading (an asynchronous store's sweep runs later, on its
  // timer: its rooms were read when it opened).
  for (;;) {
    const deleted = sweep();
    if (deleted instanceof Promise || deleted.length < SWEEP_BATCH) break;
  }
  /**
   * R5: an open question gets back the time its server was down (since `downSince`); one whose time
   * had run out before the server stopped closes now. The same for a room claimed from a dead node.
   */
  function restore(room: Room, downSince: number | null) {
    const before = room.state().phase;
    // PI6: a discussion keeps its absolute end; one that ended while the server was down opens the
    // second vote now.
    if (before.kind === 'discussion' && before.endsAt <= clock.now())
      room.dispatch({ type: 'deadline', round: before.round });
    if (room.state().phase.kind !== 'question') return;
    room.dispatch({ type: 'resume', downSince });
    const { phase } = room.state();
    if (phase.kind === 'question' && phase.deadlineAt <= clock.now())
      room.dispatch({ type: 'deadline', round: phase.round });
  }

  for (const stored of store.loadRooms()) register(stored, true);
  const downSince = store.lastAlive?.() ?? null;
  for (const room of rooms.values()) restore(room, downSince);

  /** Claims under way, so that two requests for one room claim and load it once. */
  const adopting = new Map<string, Promise<{ home: string | null } | Failure>>();
  function adopt(code: string): Promise<{ home: string | null } | Failure> {
    if (!homes || rooms.has(code)) return Promise.resolve({ home: null });
    const already = adopting.get(code);
    if (already) return already;
    const claimed = (async (): Promise<{ home: string | null } | Failure> => {
      try {
        const answer = await homes.claim(code);
        if (answer.kind === 'none') return fail('ROOM_NOT_FOUND');
        if (answer.kind === 'elsewhere') return { home: answer.node };
        const stored = await store.loadRoom(code);
        health.answered();
        if (!stored) return fail('ROOM_NOT_FOUND');
        if (!rooms.has(code)) {
          const room = register(stored, true);
          // A room claimed from a dead home gets back the time it had none; one let go gets none.
          restore(room, answer.claimed ? answer.downSince : null);
        }
        return { home: null };
      } catch (error) {
        return loadFailed(code, error);
      } finally {
        adopting.delete(code);
      }
    })();
    adopting.set(code, claimed);
    return claimed;
  }

  return {
    create(deck, settings, owner = null) {
      let code = random.roomCode();
      // A finished game keeps its code in the store, readable by its host.
      while (taken(code)) code = random.roomCode();
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
      if (!store.asynchronous) {
        const created = store.createRoom(state);
        if (created instanceof Promise)
          throw new Error('A store whose createRoom is asynchronous must say so.');
        register({ state, joins: [] }, false);
        return state;
      }
      const room = register({ state, joins: [] }, false);
      // Saved with the next batch, before any change of it: the host's acknowledgement waits for it.
      creating.add(code);
      queue.push({
        prev: state,
        next: state,
        facts: [],
        context: undefined,
        created: true,
        saved: () => creating.delete(code),
        undo() {
          creating.delete(code);
          if (rooms.get(code) !== room) return;
          rooms.delete(code);
          usedAt.delete(code);
          expiry.delete(code);
          room.dispose();
          for (const listener of evictListeners) listener(code);
        },
      });
      return state;
    },
    get: (code) => find(code)?.state(),
    ready,
    committed: (code) => find(code)?.committed(),
    dispatch: (code, command) =>
      queue.full() ? storeAway() : (find(code)?.dispatch(command) ?? fail('ROOM_NOT_FOUND')),
    join(code, nickname, secret, requestId, device) {
      if (queue.full()) return storeAway();
      return find(code)?.join(nickname, secret, requestId, device) ?? fail('ROOM_NOT_FOUND');
    },
    answer(code, playerId, round, choice, confidence) {
      if (queue.full()) return storeAway();
      return find(code)?.answer(playerId, round, choice, confidence) ?? fail('ROOM_NOT_FOUND');
    },
    afterCommit: (then) => queue.afterCommit(then),
    health,
    identifyPlayer: (code, secret) => find(code)?.identifyPlayer(secret) ?? fail('ROOM_NOT_FOUND'),
    identifyHost(code, secret) {
      const room = find(code);
      if (!room) return fail('ROOM_NOT_FOUND');
      return room.isHost(secret) ? { ok: true, state: room.state() } : fail('NOT_HOST');
    },
    recallJoin: (code, requestId) => find(code)?.recallJoin(requestId) ?? null,
    attach: (code, playerId) => find(code)?.attach(playerId),
    // A socket closing does not bring a room that left memory back; its room's idle time starts now.
    detach(code, playerId) {
      if (closed || !rooms.has(code)) return;
      usedAt.set(code, clock.now());
      rooms.get(code)?.detach(playerId);
    },
    attachHost: (code) => find(code)?.attachHost(),
    detachHost(code) {
      if (closed || !rooms.has(code)) return;
      usedAt.set(code, clock.now());
      rooms.get(code)?.detachHost();
    },
    onChange: (listener) => void listeners.push(listener),
    onEvict: (listener) => void evictListeners.push(listener),
    onMoved: (listener) => void movedListeners.push(listener),
    drop,
    expectMoves(plan) {
      plannedHomes = plan;
    },
    adopt,
    flush: () => queue.flush(),
    evict,
    full() {
      if (rooms.size < maxRooms) return false;
      return leastRecentlyUsed() === undefined;
    },
    sweep,
    counts: () => ({ ...counts }),
    codes: () => [...rooms.keys()],
    stats() {
      let timers = 0;
      for (const room of rooms.values()) timers += room.timers();
      return { rooms: rooms.size, timers };
    },
    close() {
      // The server's own sockets close after this: those are not students leaving, and marking them
      // gone would close an open question whose other students had all answered (R2) at every stop.
      closed = true;
      const dispose = () => {
        for (const room of rooms.values()) room.dispose();
      };
      const flushed = queue.close();
      if (flushed instanceof Promise) return flushed.then(dispose);
      dispose();
      return undefined;
    },
  };
}
