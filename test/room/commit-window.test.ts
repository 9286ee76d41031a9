// The group commit's window: a change that comes alone is saved COMMIT_WINDOW_MS after it; changes
// that keep coming (a big class answering over a few seconds) gather for BUSY_COMMIT_WINDOW_MS, so
// that fewer commits rewrite the same pages. Either way nothing is acknowledged before it is saved.
// The queue's wall clock and its timer are the test's: no test here waits for real time.
import { describe, expect, it } from 'vitest';
import {
  BUSY_COMMIT_WINDOW_MS,
  BUSY_WITHIN_MS,
  COMMIT_WINDOW_MS,
  createCommitQueue,
  type PendingChange,
} from '../../server/room/commit-queue';
import { createMemoryStore } from '../../server/room/memory-store';
import type { RoomState } from '../../server/room/state';
import { makeRoom } from './helpers';

function setUp() {
  const store = createMemoryStore();
  let wall = 1_000;
  /** The windows asked for, and the flushes waiting for them. */
  const windows: number[] = [];
  const timers: Array<() => void> = [];
  let commits = 0;
  const queue = createCommitQueue({
    store: {
      ...store,
      transaction: (fn) => {
        commits++;
        return fn();
      },
    },
    defer: (fn, ms) => {
      windows.push(ms);
      timers.push(fn);
    },
    log: () => {},
    onSaved: () => {},
    wallNow: () => wall,
  });
  let state: RoomState = makeRoom();
  /** A change of the room (its lock flips), pushed, and when it was acknowledged as saved. */
  const change = () => {
    const prev = state;
    const next: RoomState = { ...prev, locked: !prev.locked, version: prev.version + 1 };
    state = next;
    const c: PendingChange = {
      prev,
      next,
      facts: [{ type: 'lock-changed', locked: next.locked }],
      context: undefined,
      saved() {},
      undo() {},
    };
    queue.push(c);
    const acked = { saved: null as boolean | null, savedVersion: 0 };
    queue.afterCommit((saved) => {
      acked.saved = saved;
      acked.savedVersion = store.rooms.get(next.code)?.version ?? 0;
    });
    return { acked, version: next.version };
  };
  /** The window elapses: the flush it scheduled runs. */
  const elapse = () => {
    for (const fn of timers.splice(0)) fn();
  };
  return {
    change,
    elapse,
    windows,
    commits: () => commits,
    advance: (ms: number) => {
      wall += ms;
    },
  };
}

describe('the group commit window', () => {
  it('saves a change that comes alone after the short window', () => {
    const t = setUp();
    const first = t.change();
    expect(t.windows).toEqual([COMMIT_WINDOW_MS]);
    expect(first.acked.saved).toBeNull();
    t.elapse();
    expect(first.acked).toEqual({ saved: true, savedVersion: first.version });
    // Long after that commit, a change is alone again.
    t.advance(BUSY_WITHIN_MS + 1);
    t.change();
    expect(t.windows).toEqual([COMMIT_WINDOW_MS, COMMIT_WINDOW_MS]);
  });

  it('gathers changes that keep coming for the longer window, and acknowledges none before it is saved', () => {
    const t = setUp();
    t.change();
    t.advance(COMMIT_WINDOW_MS);
    t.elapse();
    expect(t.commits()).toBe(1);
    // Answers keep arriving every 1.5 ms: the next batch waits the busy window, and holds them all.
    const next = [];
    t.advance(1.5);
    next.push(t.change());
    expect(t.windows.at(-1)).toBe(BUSY_COMMIT_WINDOW_MS);
    for (let i = 0; i < 3; i++) {
      t.advance(1.5);
      next.push(t.change());
    }
    expect(next.every((c) => c.acked.saved === null)).toBe(true);
    t.elapse();
    expect(t.commits()).toBe(2);
    const last = next.at(-1)!;
    for (const c of next) expect(c.acked).toEqual({ saved: true, savedVersion: last.version });
  });
});
