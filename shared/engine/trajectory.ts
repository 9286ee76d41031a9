// Gradient descent θ' = θ − α∇J(θ), step by step: the trajectory alone, without the verdict and
// its explanation. simulate() builds on it; a phone that only draws a run imports just this.
import { componentsIn, type QuadraticForm, quadraticFormOf } from './cost-model';
import type { Outcome, QuarticCost, Scenario, SimulateOptions, Step } from './types';
import { assertScenario } from './validate';

/** Steps drawn by default: enough for r = 0.2 to get visibly close and r = 2.2 to visibly escape. */
export const DEFAULT_MAX_STEPS = 40;

/**
 * The deciding ratio's name as the reveal and the phone's explorer write it: the 1-D sentences name
 * the curvature J″ (shown under the formula), never the coefficient a.
 */
export const RATIO_LABELS = {
  line: 'α·J″',
  valley: 'α·λ_max',
  quartic: 'α(θ₀² + b)',
} as const;

export const quadraticRatioLabel = (dimension: number): string =>
  dimension === 1 ? RATIO_LABELS.line : RATIO_LABELS.valley;
export const MAX_STEPS_LIMIT = 10_000;
/**
 * Relative tolerance under which r counts as exactly 1 or 2: α·a with α = 0.1, a = 20 may round to
 * 2 ± 4e-16, and the class must read the boundary the instructor wrote.
 */
export const BOUNDARY_TOLERANCE = 1e-12;
/**
 * A run has converged once its distance is at most this fraction of the start distance (0 included:
 * a start on the minimum, or r = 1, stops at once). Relative only, so a start 1e-13 away from the
 * minimum of a diverging cost still shows the divergence.
 */
const CONVERGED_RELATIVE = 1e-9;
/** A run has escaped once its distance exceeds this multiple of the start distance. */
const ESCAPED_RELATIVE = 1e6;
/**
 * Eigen-components below this fraction of the start distance are rounding noise from the rotation
 * (cos 90° is not 0 in floating point): they count as 0, so a start on the valley floor stays there.
 */
const NOISE_RELATIVE = 1e-10;

/** r, with values within BOUNDARY_TOLERANCE of 1 or 2 replaced by exactly 1 or 2. */
export function snapRatio(r: number): number {
  if (Math.abs(r - 1) <= BOUNDARY_TOLERANCE) return 1;
  if (Math.abs(r - 2) <= 2 * BOUNDARY_TOLERANCE) return 2;
  return r;
}

/** The rule of DESIGN.md for r = α·λ_max on a quadratic, or for s = α(θ₀² + b) on the first quartic step. */
export function outcomeOfRatio(r: number): Outcome {
  const snapped = snapRatio(r);
  if (snapped <= 1) return 'converges';
  if (snapped < 2) return 'zigzag';
  if (snapped === 2) return 'oscillates';
  return 'diverges';
}

export function clampSteps(maxSteps: number | undefined): number {
  if (maxSteps === undefined || Number.isNaN(maxSteps)) return DEFAULT_MAX_STEPS;
  return Math.min(MAX_STEPS_LIMIT, Math.max(0, Math.floor(maxSteps)));
}

const isAllFinite = (xs: readonly number[]): boolean => xs.every(Number.isFinite);

function hasConverged(distance: number, startDistance: number): boolean {
  return distance <= CONVERGED_RELATIVE * startDistance;
}

/** A run: the steps (start first) and each step's distance to the minimum. */
export interface Run {
  steps: Step[];
  distances: number[];
}

export interface QuadraticRun extends Run {
  /** α·λᵢ per eigen-direction, snapped at 1 and 2. */
  ratios: number[];
  /** The start's eigen-components, with rounding noise set to 0. */
  startComponents: number[];
}

/** Steps a quadratic-form cost (quadratic, bowl, linreg) in eigen-coordinates; the scenario is valid. */
export function runQuadraticForm(scenario: Scenario, form: QuadraticForm, maxSteps: number): QuadraticRun {
  const { alpha, start } = scenario;
  const ratios = form.values.map((lambda) => snapRatio(alpha * lambda));
  // In eigen-coordinates one step is zᵢ ← (1 − α·λᵢ)·zᵢ: the same θ − α∇J, but r = 1 lands exactly
  // on θ* and r = 2 bounces exactly, which the θ form only does up to rounding.
  const factors = ratios.map((r) => 1 - r);
  const rawComponents = componentsIn(form, start);
  const startDistance = Math.hypot(...start.map((t, i) => t - (form.minimum[i] ?? 0)));
  const startComponents = rawComponents.map((zi) =>
    Math.abs(zi) <= NOISE_RELATIVE * startDistance ? 0 : zi,
  );
  let z = startComponents;
  const costOf = (components: readonly number[]): number =>
    form.minimumCost + components.reduce((sum, zi, i) => sum + ((form.values[i] ?? 0) * zi * zi) / 2, 0);

  const steps: Step[] = [{ theta: [...start], cost: costOf(rawComponents) }];
  const distances = [startDistance];
  for (let k = 1; k <= maxSteps; k++) {
    if (hasConverged(distances[distances.length - 1] ?? 0, startDistance)) break;
    z = z.map((zi, i) => zi * (factors[i] ?? 1));
    const theta = form.minimum.map((m, j) =>
      form.vectors.reduce((sum, v, i) => sum + (v[j] ?? 0) * (z[i] ?? 0), m),
    );
    const stepCost = costOf(z);
    const distance = Math.hypot(...z);
    if (!isAllFinite(theta) || !Number.isFinite(stepCost) || !Number.isFinite(distance)) break;
    steps.push({ theta, cost: stepCost });
    distances.push(distance);
    if (distance > ESCAPED_RELATIVE * startDistance) break;
  }

  return { steps, distances, ratios, startComponents };
}

/**
 * The multiplier of one quartic step, θ' = θ·(1 − s) with s = α(θ² + b), exactly 0 at s = 1 (lands
 * on the minimum) and exactly −1 at s = 2 (the bounce θ → −θ).
 */
export function quarticFactor(theta: number, b: number, alpha: number): number {
  return 1 - snapRatio(alpha * (theta * theta + b));
}

function quarticStep(theta: number, b: number, alpha: number): number {
  const factor = quarticFactor(theta, b, alpha);
  return factor === 0 ? 0 : theta * factor;
}

/** Steps the quartic from its valid start. */
export function runQuartic(scenario: Scenario, cost: QuarticCost, maxSteps: number): Run {
  const { alpha } = scenario;
  const { b } = cost;
  const theta0 = scenario.start[0] ?? 0;
  const costOf = (t: number): number => (t * t * t * t) / 4 + (b * t * t) / 2;
  const startDistance = Math.abs(theta0);

  const steps: Step[] = [{ theta: [theta0], cost: costOf(theta0) }];
  const distances = [startDistance];
  let theta = theta0;
  for (let k = 1; k <= maxSteps; k++) {
    if (hasConverged(Math.abs(theta), startDistance)) break;
    theta = quarticStep(theta, b, alpha);
    const stepCost = costOf(theta);
    if (!Number.isFinite(theta) || !Number.isFinite(stepCost)) break;
    steps.push({ theta: [theta], cost: stepCost });
    distances.push(Math.abs(theta));
    if (Math.abs(theta) > ESCAPED_RELATIVE * startDistance) break;
  }

  return { steps, distances };
}

/**
 * The run of a scenario, up to `maxSteps` steps (40 by default), without classifying it. A scenario
 * parseScenario would refuse throws an InvalidScenarioError naming the field.
 */
export function trajectory(scenario: Scenario, options: SimulateOptions = {}): Run {
  assertScenario('trajectory', scenario);
  return trajectoryOfChecked(scenario, options);
}

/**
 * trajectory() without the check, for a scenario already checked: the phone draws the scenario of a
 * reveal the server sent, which came from a parsed deck and which the server's own simulate checked.
 * The player page's 30 KB budget has no room for the checker a second time (about 1 KB gzipped).
 */
export function trajectoryOfChecked(scenario: Scenario, options: SimulateOptions = {}): Run {
  const maxSteps = clampSteps(options.maxSteps);
  const { cost } = scenario;
  if (cost.kind === 'quartic') return runQuartic(scenario, cost, maxSteps);
  const form = quadraticFormOf(cost);
  if (form === undefined) throw new RangeError('trajectory: unknown cost kind');
  return runQuadraticForm(scenario, form, maxSteps);
}
