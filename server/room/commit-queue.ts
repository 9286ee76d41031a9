// Group commit: a command changes its room in memory at once (the next command sees it), and its
// change joins a batch that is saved in one transaction a moment later (COMMIT_WINDOW_MS, or
// BUSY_COMMIT_WINDOW_MS while a class keeps answering), with every other change made meanwhile. Only
// then are the acknowledgements given (afterCommit) and the listeners told. A class answering at
// once costs a few commits instead of one per answer; a save that fails hands the batch back to be
// undone and every acknowledgement of it says INTERNAL.
//
// A store may save asynchronously (PostgreSQL): then one batch is in flight at a time, and the
// changes made meanwhile wait for it, since they were made on top of it: if it fails, they are
// undone with it. A synchronous store (SQLite) saves within flush(), as it always did.
//
// A save that fails because the store cannot be reached (StoreHealth: PostgreSQL stopped or
// restarting) undoes nothing: the changes are held, in order, and saved again every STORE_RETRY_MS
// until the store answers. Meanwhile each acknowledgement says "held" at once, not saved: the client
// sends its request again later (an answer resent is the same answer, A2), and gets its reply once
// the change is saved. So an answer given in time keeps its time, a deadline that passes meanwhile
// closes its round once, after the answers given before it, and nothing acknowledged is lost. Only a
// room whose creation was never saved goes (its host was told nothing and asks again).
import type { Defer } from './clock';
import type { Fact } from './facts';
import type { RoomState } from './state';
import type { MaybePromise, RoomStore, SaveContext } from './store';
import type { StoreHealth } from './store-health';

/**
 * How long a batch gathers changes before it is saved, in wall time (not the game clock). A class
 * answering over a few seconds sends an answer every millisecond or so: a 2 ms window makes a few
 * answers share a commit, and costs an acknowledgement at most those 2 ms.
 */
export const COMMIT_WINDOW_MS = 2;
/**
 * While changes keep coming (the previous batch went to the store less than BUSY_WITHIN_MS before
 * this batch's first change), a batch gathers for this long instead. 2,000 students answering over
 * 3 s send one answer every 1.5 ms: a 2 ms window gave a commit to every answer or two, each commit
 * rewriting the same pages of the database (80 µs each, and the checkpointer copying them again),
 * 12 % of the server's CPU in a round. A class of 100 answers every 30 ms or so and keeps the 2 ms.
 */
export const BUSY_COMMIT_WINDOW_MS = 6;
export const BUSY_WITHIN_MS = 10;
/**
 * A batch is saved at once when it holds this many changes. Each change keeps two states until it is
 * saved, and each state of a burst held its own 2,000-entry answers array (before answers.ts shared
 * them): an unbounded batch kept megabytes alive and made every young-generation GC copy them.
 */
export const MAX_BATCH = 64;
/** While the store cannot be reached, how often the held changes are offered to it again (wall time). */
export const STORE_RETRY_MS = 500;
/**
 * The most changes held for a store that cannot be reached. Past it the room shell takes no new
 * command (STORE_UNAVAILABLE, nothing changed) until the store is back. Each change keeps two
 * states: 5,000 is 2,000 students answering, a class of 300 through ten questions, or hours of a
 * class's phones dropping and coming back, a few tens of MB.
 */
export const MAX_HELD = 5_000;

/**
 * How a change's save ended, for its acknowledgement: saved; or not saved, then `held` when the
 * store could not be reached (the change stays and is saved once it can: say "try again in a
 * moment"), else undone.
 */
export type AfterCommit = (saved: boolean, held: boolean) => void;

/** One change waiting for its batch; `saved` and `undo` are its room's. */
export interface PendingChange {
  prev: RoomState;
  next: RoomState;
  facts: readonly Fact[];
  context: SaveContext | undefined;
  /** A new room, saved whole (createRoom) rather than as facts; listeners are not told of it. */
  created?: boolean;
  saved(): void;
  undo(): void;
}

export interface CommitQueue {
  push(change: PendingChange): void;
  /**
   * Runs `then(true, false)` once every change pushed so far is saved (at once if none is waiting),
   * or `then(false, false)` if saving them failed and they were undone. While the store cannot be
   * reached, runs `then(false, true)` at once: the changes are held and saved when it answers.
   * Callbacks run in the order given.
   */
  afterCommit(then: AfterCommit): void;
  /** Whether changes are waiting to be saved. */
  busy(): boolean;
  /** Whether MAX_HELD changes wait for a store that cannot be reached: take no new command. */
  full(): boolean;
  /**
   * Starts saving the batch waiting now, unless it is empty, a batch is in flight (it waits behind
   * that one anyway) or the store cannot be reached (it is held).
   */
  saveWaiting(): void;
  /** Saves what is waiting now; with an asynchronous store, the Promise settles once all of it is. */
  flush(): MaybePromise<void>;
  /** Saves what is waiting, once, and tries no more after it (the server is stopping). */
  close(): MaybePromise<void>;
}

export function createCommitQueue(deps: {
  store: RoomStore;
  /** Schedules the flush, COMMIT_WINDOW_MS of wall time after the batch's first change. */
  defer: Defer;
  log(message: string, error?: unknown): void;
  /** Told of every saved change, in order, after the acknowledgements of its batch. */
  onSaved(change: PendingChange): void;
  /** Tells an outage (hold, retry) from a failed write (undo); without it every failure undoes. */
  health?: StoreHealth;
  /** MAX_HELD; tests lower it. */
  maxHeld?: number;
  /** Wall time in ms, which tells a class that keeps answering; without it every batch waits COMMIT_WINDOW_MS. */
  wallNow?: () => number;
  /**
   * Cluster mode: another node is the home of room `code` now. Called before any acknowledgement of
   * the batch: the room must leave (and its sockets be told to move) so that none reaches them.
   */
  onMoved?(code: string): void;
}): CommitQueue {
  const { store, health } = deps;
  const transaction = store.transaction?.bind(store) ?? ((fn: () => MaybePromise<void>) => fn());
  let pending: PendingChange[] = [];
  let waiting: AfterCommit[] = [];
  let scheduled = false;
  /** The batch being saved by an asynchronous store, with the callbacks waiting for it. */
  let inFlight: { then: AfterCommit[]; done: Promise<void> } | null = null;
  /** A retry of held changes is scheduled. */
  let retrying = false;
  let closed = false;
  /** The store cannot be reached: changes are held, and acknowledgements say so at once. */
  const down = () => health?.downSince() != null;
  const { wallNow } = deps;
  /** When the last batch went to the store (wall time): changes coming soon after are a busy class. */
  let lastSaveAt = Number.NEGATIVE_INFINITY;

  const write = (c: PendingChange) =>
    c.created ? store.createRoom(c.next) : store.saveChange(c.next, c.facts, c.context);

  function saveAll(batch: readonly PendingChange[]): MaybePromise<void> {
    return transaction(() => {
      let chain: Promise<void> | null = null;
      for (const c of batch) {
        if (chain) chain = chain.then(() => write(c));
        else {
          const result = write(c);
          if (result instanceof Promise) chain = result;
        }
      }
      return chain ?? undefined;
    });
  }

  function failed(batch: readonly PendingChange[], then: AfterCommit[], error: unknown) {
    deps.log(`saving ${batch.length} change(s) failed; they are undone`, error);
    for (const c of [...batch].reverse()) c.undo();
    for (const t of then) t(false, false);
  }

  function succeeded(batch: readonly PendingChange[], then: AfterCommit[]) {
    for (const c of batch) c.saved();
    // Acknowledgements first: they are small, and the batch may hold a close whose views go to the
    // whole class.
    for (const t of then) t(true, false);
    for (const c of batch) if (!c.created) deps.onSaved(c);
  }

  /** Offers the held changes to the store again in a moment, unless that is already planned. */
  function retry() {
    if (retrying || closed || pending.length === 0) return;
    retrying = true;
    deps.defer(() => {
      retrying = false;
      if (!closed) void flush();
    }, STORE_RETRY_MS);
  }

  /** The store could not be reached: `batch` (in order) waits for it, but for rooms never saved. */
  function hold(batch: readonly PendingChange[], then: AfterCommit[]) {
    // A room whose creation is not saved goes, with whatever was done to it since: its host got no
    // code and asks again. Every other room keeps its changes.
    const unborn = new Set(batch.filter((c) => c.created).map((c) => c.next.code));
    const gone = batch.filter((c) => unborn.has(c.next.code));
    for (const c of gone.reverse()) c.undo();
    pending = [...batch.filter((c) => !unborn.has(c.next.code)), ...pending];
    for (const t of then) t(false, true);
    retry();
  }

  function flush(): MaybePromise<void> {
    scheduled = false;
    if (inFlight) return inFlight.done.then(() => flush());
    const batch = pending;
    const then = waiting;
    pending = [];
    waiting = [];
    if (batch.length === 0) {
      for (const t of then) t(true, false);
      return;
    }
    let result: MaybePromise<void>;
    if (wallNow) lastSaveAt = wallNow();
    try {
      result = saveAll(batch);
    } catch (error) {
      if (health?.failed(error)) hold(batch, then);
      else failed(batch, then, error);
      return;
    }
    if (!(result instanceof Promise)) {
      health?.answered();
      succeeded(batch, then);
      return;
    }
    const done = result.then(
      () => {
        inFlight = null;
        health?.answered();
        succeeded(batch, then);
        if (pending.length > 0 || waiting.length > 0) return flush();
      },
      (error: unknown) => {
        inFlight = null;
        // The changes made meanwhile were made on top of the lost ones: they share their fate.
        const later = pending;
        const laterThen = waiting;
        pending = [];
        waiting = [];
        const moved = store.movedRoom?.(error) ?? null;
        if (moved !== null) {
          // The room is another node's: its changes go with it, unsaved and unacknowledged (its
          // sockets are closed first); the other rooms' changes are saved again at once.
          deps.onMoved?.(moved);
          const kept = [...batch, ...later].filter((c) => c.next.code !== moved);
          pending = [...kept, ...pending];
          waiting = [...then, ...laterThen, ...waiting];
          return flush();
        }
        if (health?.failed(error)) hold([...batch, ...later], [...then, ...laterThen]);
        else failed([...batch, ...later], [...then, ...laterThen], error);
      },
    );
    inFlight = { then, done };
    return done;
  }

  // Back from an outage (the heartbeat got through): the held changes go now, not at the next retry.
  health?.onBack(() => {
    if (!inFlight && pending.length > 0 && !closed) void flush();
  });

  return {
    push(change) {
      pending.push(change);
      if (inFlight) return;
      // The store is away: the change joins the held ones, offered to it at the next retry.
      if (down()) retry();
      else if (pending.length >= MAX_BATCH) void flush();
      else if (!scheduled) {
        scheduled = true;
        const busy = wallNow !== undefined && wallNow() - lastSaveAt < BUSY_WITHIN_MS;
        deps.defer(() => void flush(), busy ? BUSY_COMMIT_WINDOW_MS : COMMIT_WINDOW_MS);
      }
    },
    afterCommit(then) {
      const unsaved = pending.length > 0 || waiting.length > 0 || inFlight !== null;
      // Not after the next attempt: with a store that does not answer at all, that could take longer
      // than a client waits for an acknowledgement.
      if (unsaved && down()) then(false, true);
      else if (pending.length > 0 || waiting.length > 0) waiting.push(then);
      else if (inFlight) inFlight.then.push(then);
      else then(true, false);
    },
    saveWaiting() {
      if (pending.length > 0 && !inFlight && !down()) void flush();
    },
    busy: () => pending.length > 0 || inFlight !== null,
    full: () => pending.length >= (deps.maxHeld ?? MAX_HELD) && down(),
    flush,
    close() {
      closed = true;
      return flush();
    },
  };
}
