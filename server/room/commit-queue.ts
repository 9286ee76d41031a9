// Group commit: a command changes its room in memory at once (the next command sees it), and its
// change joins a batch that is saved in one transaction a moment later (COMMIT_WINDOW_MS), with every
// other change made meanwhile. Only then are the acknowledgements given (afterCommit) and the
// listeners told. A class answering at once costs a few commits instead of one per answer; a save
// that fails hands the batch back to be undone and every acknowledgement of it says INTERNAL.
//
// A store may save asynchronously (PostgreSQL): then one batch is in flight at a time, and the
// changes made meanwhile wait for it, since they were made on top of it: if it fails, they are
// undone with it. A synchronous store (SQLite) saves within flush(), as it always did.
import type { Defer } from './clock';
import type { Fact } from './facts';
import type { RoomState } from './state';
import type { MaybePromise, RoomStore, SaveContext } from './store';

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
   * Runs `then(true)` once every change pushed so far is saved (at once if none is waiting), or
   * `then(false)` if saving them failed and they were undone. Callbacks run in the order given.
   */
  afterCommit(then: (saved: boolean) => void): void;
  /** Whether changes are waiting to be saved. */
  busy(): boolean;
  /** Saves what is waiting now; with an asynchronous store, the Promise settles once all of it is. */
  flush(): MaybePromise<void>;
}

export function createCommitQueue(deps: {
  store: RoomStore;
  /** Schedules the flush, COMMIT_WINDOW_MS of wall time after the batch's first change. */
  defer: Defer;
  log(message: string, error?: unknown): void;
  /** Told of every saved change, in order, after the acknowledgements of its batch. */
  onSaved(change: PendingChange): void;
}): CommitQueue {
  const { store } = deps;
  const transaction = store.transaction?.bind(store) ?? ((fn: () => MaybePromise<void>) => fn());
  let pending: PendingChange[] = [];
  let waiting: Array<(saved: boolean) => void> = [];
  let scheduled = false;
  /** The batch being saved by an asynchronous store, with the callbacks waiting for it. */
  let inFlight: { then: Array<(saved: boolean) => void>; done: Promise<void> } | null = null;

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

  function failed(batch: readonly PendingChange[], then: Array<(saved: boolean) => void>, error: unknown) {
    deps.log(`saving ${batch.length} change(s) failed; they are undone`, error);
    for (const c of [...batch].reverse()) c.undo();
    for (const t of then) t(false);
  }

  function succeeded(batch: readonly PendingChange[], then: Array<(saved: boolean) => void>) {
    for (const c of batch) c.saved();
    // Acknowledgements first: they are small, and the batch may hold a close whose views go to the
    // whole class.
    for (const t of then) t(true);
    for (const c of batch) if (!c.created) deps.onSaved(c);
  }

  function flush(): MaybePromise<void> {
    scheduled = false;
    if (inFlight) return inFlight.done.then(() => flush());
    const batch = pending;
    const then = waiting;
    pending = [];
    waiting = [];
    if (batch.length === 0) {
      for (const t of then) t(true);
      return;
    }
    let result: MaybePromise<void>;
    try {
      result = saveAll(batch);
    } catch (error) {
      failed(batch, then, error);
      return;
    }
    if (!(result instanceof Promise)) {
      succeeded(batch, then);
      return;
    }
    const done = result.then(
      () => {
        inFlight = null;
        succeeded(batch, then);
        if (pending.length > 0 || waiting.length > 0) return flush();
      },
      (error: unknown) => {
        inFlight = null;
        // The changes made meanwhile were made on top of the lost ones: they go with them.
        const later = pending;
        const laterThen = waiting;
        pending = [];
        waiting = [];
        failed([...batch, ...later], [...then, ...laterThen], error);
      },
    );
    inFlight = { then, done };
    return done;
  }

  return {
    push(change) {
      pending.push(change);
      if (inFlight) return;
      if (pending.length >= MAX_BATCH) void flush();
      else if (!scheduled) {
        scheduled = true;
        deps.defer(() => void flush(), COMMIT_WINDOW_MS);
      }
    },
    afterCommit(then) {
      if (pending.length > 0 || waiting.length > 0) waiting.push(then);
      else if (inFlight) inFlight.then.push(then);
      else then(true);
    },
    busy: () => pending.length > 0 || inFlight !== null,
    flush,
  };
}
