// Reveals a run one step at a time: slowly at first, while each step can be followed and talked
// over, then faster, so even a 40-step run finishes in about seven seconds. With reduced motion
// asked for, the whole run shows at once. The component using it is keyed by round, so a new
// round starts again from the first point.
import { useEffect, useMemo, useState } from 'preact/hooks';

import { stepDelayMs } from './reveal-timing';

export { stepDelayMs };

export interface StepAnimation {
  /** Index of the last step shown. */
  shown: number;
  done: boolean;
  replay(): void;
  finish(): void;
}

/**
 * `delayOf(k)` is the wait before step k appears, ms; by default slow then faster (stepDelayMs).
 * A race of several runs passes an even pace instead, so that hundreds of steps fit in seconds.
 */
export function useStepAnimation(
  last: number,
  reduced: boolean,
  delayOf: (k: number) => number = stepDelayMs,
): StepAnimation {
  // Each step is due at a fixed time after the start, not a delay after the step before: a page
  // slow to draw (hundreds of steps) skips steps rather than pushing every later one back, so the
  // run ends when the phones, which wait for it (reveal-timing.ts), expect it to.
  const [startedAt, setStartedAt] = useState(() => performance.now());
  const [step, setStep] = useState(0);
  const shown = reduced ? last : Math.min(step, last);
  const dueAt = useMemo(() => {
    const offsets = [0];
    for (let k = 1; k <= last; k++) offsets.push((offsets[k - 1] ?? 0) + delayOf(k));
    return offsets;
  }, [last, delayOf]);

  useEffect(() => {
    if (shown >= last) return;
    const due = (k: number) => startedAt + (dueAt[k] ?? 0);
    const timer = setTimeout(
      () => {
        const now = performance.now();
        let k = shown + 1;
        while (k < last && due(k + 1) <= now) k++;
        setStep(k);
      },
      Math.max(0, due(shown + 1) - performance.now()),
    );
    return () => clearTimeout(timer);
  }, [shown, last, startedAt, dueAt]);

  return {
    shown,
    done: shown >= last,
    replay: () => {
      setStartedAt(performance.now());
      setStep(0);
    },
    finish: () => setStep(last),
  };
}
