import type { Scenario } from '../../shared/engine/types';

// J(θ) = 2/2 (θ − 1)², start 5, so r = α·a = 2α.
const parabola = (alpha: number): Scenario => ({
  cost: { kind: 'quadratic', a: 2, c: 1 },
  start: [5],
  alpha,
});

/** r = 0.4: monotone approach. */
export const CONVERGES = parabola(0.2);
/** r = 1.6: overshoots, distance × 0.6 per step. */
export const ZIGZAG = parabola(0.8);
/** r = 2.4: distance × 1.4 per step. */
export const DIVERGES = parabola(1.2);
/** r = 2 exactly: 5 → −3 → 5 → … for ever. */
export const OSCILLATES = parabola(1);
