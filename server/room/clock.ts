// Time is a dependency: only the room shell schedules, and only through what it is given: a Clock
// for game time (deadlines, each room's through its own RoomClock), a Defer for wall time (the group
// commit). The real ones are in
// server/clock.ts; tests use the manual clock to move game time without faking the global timers
// that real sockets rely on.

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** ms since the epoch */
  now(): number;
  /** Runs `fn` once `now()` has reached `at` (an absolute time, ms since the epoch). */
  at(at: number, fn: () => void): TimerHandle;
}

/** Runs `fn` after `ms` of wall time: short waits that are not game time and no test moves. */
export type Defer = (fn: () => void, ms: number) => void;

export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, running every timer that falls due, in order. */
  advance(ms: number): void;
  set(now: number): void;
  /** Timers armed and not yet fired or cancelled: what a test that looks for leaks counts. */
  pending(): number;
}

export function createManualClock(start = Date.UTC(2026, 0, 1, 9, 0, 0)): ManualClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const runDue = () => {
    for (;;) {
      let dueId = -1;
      let dueAt = Number.POSITIVE_INFINITY;
      for (const [id, t] of timers) if (t.at <= now && t.at < dueAt) [dueId, dueAt] = [id, t.at];
      if (dueId < 0) return;
      const timer = timers.get(dueId)!;
      timers.delete(dueId);
      timer.fn();
    }
  };
  return {
    now: () => now,
    at(at, fn) {
      const id = seq++;
      timers.set(id, { at, fn });
      return { cancel: () => timers.delete(id) };
    },
    advance(ms) {
      now += ms;
      runDue();
    },
    set(value) {
      now = value;
      runDue();
    },
    pending: () => timers.size,
  };
}

/**
 * A room's own clock: every timer the room arms goes through it, and dispose() cancels whatever is
 * still armed, so no timer outlives its room.
 */
export interface RoomClock extends Clock {
  dispose(): void;
  /** Timers armed and not yet fired or cancelled. */
  pending(): number;
}

export function createRoomClock(clock: Clock): RoomClock {
  const armed = new Set<TimerHandle>();
  return {
    now: () => clock.now(),
    at(at, fn) {
      const handle: TimerHandle = {
        cancel() {
          armed.delete(handle);
          inner.cancel();
        },
      };
      const inner = clock.at(at, () => {
        armed.delete(handle);
        fn();
      });
      armed.add(handle);
      return handle;
    },
    dispose() {
      for (const handle of [...armed]) handle.cancel();
    },
    pending: () => armed.size,
  };
}
