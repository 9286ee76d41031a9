// Reveals a run one step at a time: slowly at first, while each step can be followed and talked
// over, then faster, so even a 40-step run finishes in about seven seconds. With reduced motion
// asked for, the whole run shows at once. The component using it is keyed by round, so a new
// round starts again from the first point.
import { useEffect, useState } from 'preact/hooks';

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
  const [step, setStep] = useState(0);
  const shown = reduced ? last : Math.min(step, last);

  useEffect(() => {
    if (shown >= last) return;
    const timer = setTimeout(() => setStep((s) => s + 1), delayOf(shown + 1));
    return () => clearTimeout(timer);
  }, [shown, last, delayOf]);

  return {
    shown,
    done: shown >= last,
    replay: () => setStep(0),
    finish: () => setStep(last),
  };
}
