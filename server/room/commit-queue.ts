// Group commit: a command changes its room in memory at once (the next command sees it), and its
// change joins a batch that is saved in one transaction a moment later (COMMIT_WINDOW_MS), with every
// other change made meanwhile. Only then are the acknowledgements given (afterCommit) and the
// listeners told. A class answering at once costs a few commits instead of one per answer; a save
// that fails hands the batch back to be undone and every acknowledgement of it says INTERNAL.
import type { Defer } from './clock';
import type { Fact } from './facts';
import type { RoomState } from './state';
import type { RoomStore, SaveContext } from './store';

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
  /** Saves what is waiting now. */
  flush(): void;
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
  const transaction = store.transaction?.bind(store) ?? ((fn: () => void) => fn());
  let pending: PendingChange[] = [];
  let waiting: Array<(saved: boolean) => void> = [];
  let scheduled = false;

  function flush() {
    scheduled = false;
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
        for (const c of batch) store.saveChange(c.next, c.facts, c.context);
      });
    } catch (error) {
      deps.log(`saving ${batch.length} change(s) failed; they are undone`, error);
      for (const c of [...batch].reverse()) c.undo();
      for (const t of then) t(false);
      return;
    }
    for (const c of batch) c.saved();
    // Acknowledgements first: they are small, and the batch may hold a close whose views go to the
    // whole class.
    for (const t of then) t(true);
    for (const c of batch) deps.onSaved(c);
  }

  return {
    push(change) {
      pending.push(change);
      if (pending.length >= MAX_BATCH) flush();
      else if (!scheduled) {
        scheduled = true;
        deps.defer(flush, COMMIT_WINDOW_MS);
      }
    },
    afterCommit(then) {
      if (pending.length === 0 && waiting.length === 0) then(true);
      else waiting.push(then);
    },
    busy: () => pending.length > 0,
    flush,
  };
}
