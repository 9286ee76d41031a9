// Work that is heavy but not urgent, one piece per turn of the event loop. Each piece runs in the
// loop's check phase, after the I/O that arrived meanwhile (a class's answers) has been handled, so a
// burst of them costs others the longest piece, not their sum.

export interface Turns {
  /** Resolves at the caller's turn: after every piece queued before it, each on a turn of its own. */
  next(): Promise<void>;
  /** Pieces waiting for their turn. */
  waiting(): number;
}

export function createTurns(): Turns {
  const queue: Array<() => void> = [];
  let scheduled = false;
  const runOne = () => {
    // The piece runs in the microtasks right after this callback; the next one, a turn later.
    queue.shift()?.();
    if (queue.length > 0) setImmediate(runOne);
    else scheduled = false;
  };
  return {
    next: () =>
      new Promise<void>((resolve) => {
        queue.push(resolve);
        if (!scheduled) {
          scheduled = true;
          setImmediate(runOne);
        }
      }),
    waiting: () => queue.length,
  };
}
