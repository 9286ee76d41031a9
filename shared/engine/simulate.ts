// Gradient descent θ' = θ − α∇J(θ), its trajectory and the verdict. For the quadratic kinds the
// verdict comes from the exact rule on r = α·λ_max, never from watching a finite run; for the
// quartic it comes from the run itself.
import { componentsIn, type QuadraticForm, quadraticFormOf } from './cost-model';
import { formatNumber, formatPoint, formatRatio } from './format';
import type { Outcome, QuarticCost, Scenario, SimulateOptions, Simulation, Step } from './types';

/** Steps drawn by default: enough for r = 0.2 to get visibly close and r = 2.2 to visibly escape. */
export const DEFAULT_MAX_STEPS = 40;
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

function clampSteps(maxSteps: number | undefined): number {
  if (maxSteps === undefined || Number.isNaN(maxSteps)) return DEFAULT_MAX_STEPS;
  return Math.min(MAX_STEPS_LIMIT, Math.max(0, Math.floor(maxSteps)));
}

function assertRunnable(scenario: Scenario, dimension: number): void {
  if (!(Number.isFinite(scenario.alpha) && scenario.alpha > 0))
    throw new RangeError('simulate: alpha must be finite and > 0; parse the scenario first');
  if (scenario.start.length !== dimension || !scenario.start.every(Number.isFinite))
    throw new RangeError(`simulate: start must have ${dimension} finite numbers; parse the scenario first`);
}

const isAllFinite = (xs: readonly number[]): boolean => xs.every(Number.isFinite);

function hasConverged(distance: number, startDistance: number): boolean {
  return distance <= CONVERGED_RELATIVE * startDistance;
}

/**
 * Runs gradient descent and classifies it. The scenario must be valid (see parseScenario); an
 * invalid one is a bug and throws a RangeError.
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): Simulation {
  const maxSteps = clampSteps(options.maxSteps);
  const { cost } = scenario;
  if (cost.kind === 'quartic') return simulateQuartic(scenario, cost, maxSteps);
  const form = quadraticFormOf(cost);
  if (form === undefined) throw new RangeError('simulate: unknown cost kind');
  return simulateQuadraticForm(scenario, form, maxSteps);
}

function simulateQuadraticForm(scenario: Scenario, form: QuadraticForm, maxSteps: number): Simulation {
  assertRunnable(scenario, form.dimension);
  const { alpha, start } = scenario;
  const lambdaMin = form.values[0] ?? Number.NaN;
  const lambdaMax = form.values[form.values.length - 1] ?? Number.NaN;
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

  const ratio = snapRatio(alpha * lambdaMax);
  const outcome = outcomeOfRatio(ratio);
  // What this very start can show: only the directions it has a component along take part.
  const isAtMinimum = startComponents.every((zi) => zi === 0);
  const shownRatio = Math.max(0, ...ratios.filter((_, i) => startComponents[i] !== 0));
  const isHidden = !isAtMinimum && outcomeOfRatio(shownRatio) !== outcome;

  const facts = {
    alpha,
    lambdaMin,
    lambdaMax,
    ratio,
    outcome,
    isAtMinimum,
    isHidden,
    start,
    minimum: form.minimum,
  };
  return {
    outcome,
    steps,
    distances,
    explanation: form.dimension === 1 ? explainLine(facts) : explainValley(facts),
    minimum: [...form.minimum],
    minimumCost: form.minimumCost,
    dimension: form.dimension,
    ratio,
    ratioLabel: form.dimension === 1 ? 'α·a' : 'α·λ_max',
    eigenvalues: [...form.values],
    thresholds: {
      zigzagFrom: 1 / lambdaMax,
      divergeFrom: 2 / lambdaMax,
      fastest: 2 / (lambdaMin + lambdaMax),
    },
  };
}

interface QuadraticFacts {
  alpha: number;
  lambdaMin: number;
  lambdaMax: number;
  ratio: number;
  outcome: Outcome;
  isAtMinimum: boolean;
  isHidden: boolean;
  start: readonly number[];
  minimum: readonly number[];
}

const fmt = (x: number): string => formatNumber(x);
// Inputs keep more digits than results: α = 1.001 must not print as "1" next to r = 2.002.
const fmtAlpha = (x: number): string => formatNumber(x, 6);
const fmtCurvature = (x: number): string => formatNumber(x, 4);

function explainLine(f: QuadraticFacts): string {
  const decided = `α·a = ${fmtAlpha(f.alpha)} × ${fmtCurvature(f.lambdaMax)} = ${formatRatio(f.ratio)}`;
  const shrink = formatRatio(Math.abs(1 - f.ratio), [0, 1]);
  if (f.isAtMinimum)
    return `θ₀ is already the minimum, so the gradient is 0 and no step moves; from any other start, ${decided} ${verdictClause(f.outcome)}.`;
  switch (f.outcome) {
    case 'converges':
      return f.ratio === 1
        ? `${decided} exactly: the first step lands on the minimum θ = ${formatPoint(f.minimum)} and stays there.`
        : `${decided} is below 1: every step moves toward the minimum without passing it, and the distance shrinks by 1 − α·a = ${shrink} each step.`;
    case 'zigzag':
      return `${decided} is between 1 and 2: every step overshoots the minimum and the distance shrinks by |1 − α·a| = ${shrink}.`;
    case 'oscillates': {
      const mirror = 2 * (f.minimum[0] ?? 0) - (f.start[0] ?? 0);
      return `${decided} exactly: every step jumps to the mirror point on the other side of the minimum, so θ bounces between ${fmt(f.start[0] ?? 0)} and ${fmt(mirror)} for ever.`;
    }
    case 'diverges':
      return `${decided} is above 2: every step overshoots the minimum and lands further away, so the distance grows by |1 − α·a| = ${shrink} each step.`;
  }
}

function verdictClause(outcome: Outcome): string {
  switch (outcome) {
    case 'converges':
      return 'is at most 1 and gradient descent would converge';
    case 'zigzag':
      return 'is between 1 and 2 and gradient descent would zig-zag';
    case 'oscillates':
      return 'is exactly 2 and gradient descent would bounce for ever';
    case 'diverges':
      return 'is above 2 and gradient descent would diverge';
  }
}

function hiddenClause(outcome: Outcome): string {
  switch (outcome) {
    case 'converges':
      return 'is at most 1, so gradient descent converges';
    case 'zigzag':
      return 'is between 1 and 2, so gradient descent zig-zags';
    case 'oscillates':
      return 'is exactly 2, so gradient descent bounces for ever';
    case 'diverges':
      return 'is above 2, so gradient descent diverges';
  }
}

function explainValley(f: QuadraticFacts): string {
  const decided = `α·λ_max = ${fmtAlpha(f.alpha)} × ${fmtCurvature(f.lambdaMax)} = ${formatRatio(f.ratio)}`;
  const steepFactor = formatRatio(Math.abs(1 - f.ratio), [0, 1]);
  if (f.isAtMinimum)
    return `θ₀ is already the minimum, so the gradient is 0 and no step moves; from any other start, ${decided} ${verdictClause(f.outcome)}.`;
  if (f.isHidden)
    return `${decided} ${hiddenClause(f.outcome)} from almost every start, but this start has no component along the steep direction, so this run never shows it.`;
  switch (f.outcome) {
    case 'converges': {
      const slowest = formatRatio(1 - f.alpha * f.lambdaMin, [0, 1]);
      if (f.ratio === 1)
        return f.lambdaMin === f.lambdaMax
          ? `${decided} exactly: the first step lands on the minimum.`
          : `${decided} exactly: the first step wipes out the steep direction, then θ slides along the valley floor to the minimum.`;
      return `${decided} is below 1: θ heads down into the valley without crossing its floor, and the slowest direction shrinks by 1 − α·λ_min = ${slowest} per step.`;
    }
    case 'zigzag':
      return `${decided} is between 1 and 2: every step crosses the valley floor in the steep direction yet lands closer, shrinking that direction by |1 − α·λ_max| = ${steepFactor}.`;
    case 'oscillates':
      return `${decided} exactly: in the steep direction every step jumps to the mirror point across the valley, so θ bounces across it for ever.`;
    case 'diverges':
      return `${decided} is above 2: every step crosses the valley floor in the steep direction and lands higher up the other side, growing by |1 − α·λ_max| = ${steepFactor} each step.`;
  }
}

/**
 * The multiplier of one quartic step, θ' = θ·(1 − s) with s = α(θ² + b), exactly 0 at s = 1 (lands
 * on the minimum) and exactly −1 at s = 2 (the bounce θ → −θ).
 */
function quarticFactor(theta: number, b: number, alpha: number): number {
  return 1 - snapRatio(alpha * (theta * theta + b));
}

function quarticStep(theta: number, b: number, alpha: number): number {
  const factor = quarticFactor(theta, b, alpha);
  return factor === 0 ? 0 : theta * factor;
}

/**
 * The quartic verdict, read from the first step of the run: its multiplier 1 − s rather than θ₁
 * itself, so that a θ₁ underflowing to 0 cannot hide a crossing. The first step's verdict is final:
 * a step that shrinks |θ| lowers s for the next one and a step that grows |θ| raises it, so a first
 * step that lands closer leads to 0 and one that lands further runs away.
 */
function quarticOutcome(theta0: number, b: number, alpha: number): Outcome {
  if (theta0 === 0) return 'converges';
  const factor = quarticFactor(theta0, b, alpha);
  if (factor === -1) return 'oscillates';
  if (Math.abs(factor) > 1) return 'diverges';
  return factor >= 0 ? 'converges' : 'zigzag';
}

function simulateQuartic(scenario: Scenario, cost: QuarticCost, maxSteps: number): Simulation {
  assertRunnable(scenario, 1);
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

  const curvature = theta0 * theta0 + b;
  const ratio = snapRatio(alpha * curvature);
  const outcome = quarticOutcome(theta0, b, alpha);
  return {
    outcome,
    steps,
    distances,
    explanation: explainQuartic(alpha, theta0, b, ratio, outcome),
    minimum: [0],
    minimumCost: 0,
    dimension: 1,
    ratio,
    ratioLabel: 'α(θ₀² + b)',
    eigenvalues: [b],
    thresholds: { zigzagFrom: 1 / curvature, divergeFrom: 2 / curvature, fastest: 1 / curvature },
  };
}

function explainQuartic(alpha: number, theta0: number, b: number, s: number, outcome: Outcome): string {
  if (theta0 === 0)
    return 'θ₀ = 0 is already the minimum: the slope there is 0, so gradient descent never moves.';
  const decided = `α(θ₀² + b) = ${fmtAlpha(alpha)} × (${fmtCurvature(theta0 * theta0)} + ${fmtCurvature(b)}) = ${formatRatio(s)}`;
  switch (outcome) {
    case 'converges':
      return s === 1
        ? `${decided} exactly: the first step lands on the minimum θ = 0 and stays there.`
        : `${decided} is below 1: the first step moves toward 0 without passing it, and closer in the slope is gentler, so θ slides into the minimum.`;
    case 'zigzag':
      return `${decided} is between 1 and 2: the first step overshoots 0 but lands closer, where the slope is gentler, so θ zig-zags into the minimum.`;
    case 'oscillates':
      return `${decided} exactly: θ jumps from ${fmt(theta0)} to ${fmt(-theta0)} and back for ever.`;
    case 'diverges':
      return `${decided} is above 2: the first step lands further out, where the slope is steeper, so every step overshoots more and θ runs away.`;
  }
}

/**
 * The outcome for each α, same verdicts as simulate() but without trajectories: the rule on
 * α·λ_max for the quadratic kinds, the first quartic step for the quartic. Each α must be > 0.
 */
export function sweepAlpha(scenario: Scenario, alphas: readonly number[]): Outcome[] {
  const { cost } = scenario;
  const invalid = alphas.find((a) => !(Number.isFinite(a) && a > 0));
  if (invalid !== undefined)
    throw new RangeError(`sweepAlpha: every alpha must be finite and > 0, got ${invalid}`);
  if (cost.kind === 'quartic') {
    const theta0 = scenario.start[0] ?? 0;
    return alphas.map((alpha) => quarticOutcome(theta0, cost.b, alpha));
  }
  const form = quadraticFormOf(cost);
  const lambdaMax = form?.values[form.values.length - 1] ?? Number.NaN;
  return alphas.map((alpha) => outcomeOfRatio(alpha * lambdaMax));
}
