// How fast a run on a quadratic-form cost gets closer or escapes, computed in eigen-coordinates
// where step k is zᵢ·fᵢᵏ exactly (fᵢ = 1 − α·λᵢ): the explanations quote these numbers, the reveal
// draws enough steps to see them, and both must agree with the engine's own runs.
import { quadraticFormOf } from './cost-model';
import { DEFAULT_MAX_STEPS, runQuadraticForm } from './trajectory';
import type { Scenario } from './types';
import { assertScenario } from './validate';

/** "1,000× closer": the fraction of the start distance the explanations count steps to. */
export const PACE_FRACTION = 1e-3;

/** |θₖ − θ*| / |θ₀ − θ*| after k steps. */
function relativeDistance(components: readonly number[], factors: readonly number[], k: number): number {
  const d0 = Math.hypot(...components);
  const dk = Math.hypot(...components.map((z, i) => z * Math.abs(factors[i] ?? 1) ** k));
  return dk / d0;
}

/**
 * The first k with distance ≤ fraction × start distance, for a run whose every |fᵢ| < 1 (the
 * distance then never grows, so a bisection finds it); Infinity when some direction does not shrink.
 */
export function stepsToShrink(
  components: readonly number[],
  factors: readonly number[],
  fraction = PACE_FRACTION,
): number {
  const live = factors.filter((_, i) => (components[i] ?? 0) !== 0).map(Math.abs);
  if (live.length === 0) return 0;
  const slowest = Math.max(...live);
  if (slowest >= 1) return Number.POSITIVE_INFINITY;
  if (slowest === 0) return 1;
  // Every live direction shrinks at least as fast as the slowest: an upper bound.
  let hi = Math.ceil(Math.log(fraction) / Math.log(slowest));
  if (hi > Number.MAX_SAFE_INTEGER) {
    // Past 2^53 a double no longer holds every integer and `mid + 1` below stops moving (a factor
    // of 1 − 1.1e-16 needs about 6e16 steps): search over real k instead, to a precision far finer
    // than the two significant digits the sentence prints.
    let below = 0;
    while (hi - below > hi * 1e-9) {
      const mid = (below + hi) / 2;
      if (relativeDistance(components, factors, mid) <= fraction) hi = mid;
      else below = mid;
    }
    return Math.ceil(hi);
  }
  let lo = 0;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (relativeDistance(components, factors, mid) <= fraction) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * For a run that escapes: how many first steps still get closer (the squared distance Σ zᵢ²fᵢ²ᵏ is
 * convex in k, so it falls, then rises for good), and the first k at least `factor` times the start
 * distance away.
 */
export function escapeOf(
  components: readonly number[],
  factors: readonly number[],
  factor = 10,
): { closerSteps: number; stepsToGrow: number } {
  let closerSteps = 0;
  while (
    closerSteps < 100_000 &&
    relativeDistance(components, factors, closerSteps + 1) <
      relativeDistance(components, factors, closerSteps)
  )
    closerSteps++;
  let stepsToGrow = closerSteps;
  while (stepsToGrow < 100_000 && relativeDistance(components, factors, stepsToGrow) < factor) stepsToGrow++;
  return { closerSteps, stepsToGrow };
}

/**
 * Steps a run needs: to 1/1000 of the start distance when it converges, and for the reveal's
 * drawing, enough to see it: 10× closer or 10× further, at least the default 40, at most
 * REVEAL_MAX_STEPS. A slow run (r = 0.004) then shows its approach instead of a flat line.
 */
export const REVEAL_MAX_STEPS = 600;

export function revealSteps(scenario: Scenario): number {
  assertScenario('revealSteps', scenario);
  const { cost, alpha } = scenario;
  if (cost.kind === 'quartic') return DEFAULT_MAX_STEPS;
  const form = quadraticFormOf(cost);
  if (form === undefined) return DEFAULT_MAX_STEPS;
  const { ratios, startComponents } = runQuadraticForm({ ...scenario, alpha }, form, 0);
  const factors = ratios.map((r) => 1 - r);
  const live = factors.filter((_, i) => startComponents[i] !== 0).map(Math.abs);
  if (live.length === 0) return DEFAULT_MAX_STEPS;
  const needed =
    Math.max(...live) < 1
      ? stepsToShrink(startComponents, factors, 0.1)
      : Math.max(...live) > 1
        ? escapeOf(startComponents, factors, 10).stepsToGrow
        : DEFAULT_MAX_STEPS;
  return Math.min(REVEAL_MAX_STEPS, Math.max(DEFAULT_MAX_STEPS, needed));
}
