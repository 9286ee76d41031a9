// Gradient descent θ' = θ − α∇J(θ), its trajectory and the verdict. For the quadratic kinds the
// verdict comes from the exact rule on r = α·λ_max, never from watching a finite run; for the
// quartic it comes from the run itself.
import { type QuadraticForm, quadraticFormOf } from './cost-model';
import { escapeOf, stepsToShrink } from './pace';
import {
  clampSteps,
  MAX_STEPS_LIMIT,
  outcomeOfRatio,
  quadraticRatioLabel,
  quarticFactor,
  RATIO_LABELS,
  runQuadraticForm,
  runQuartic,
  snapRatio,
} from './trajectory';
import type {
  Explanation,
  Outcome,
  QuarticCost,
  Scenario,
  SimulateOptions,
  Simulation,
  ValleyFacts,
} from './types';
import { assertAlphas, assertScenario } from './validate';

export {
  BOUNDARY_TOLERANCE,
  DEFAULT_MAX_STEPS,
  MAX_STEPS_LIMIT,
  outcomeOfRatio,
  snapRatio,
} from './trajectory';

/**
 * Runs gradient descent and classifies it. The scenario must be valid (see parseScenario, except
 * that α may be anywhere in (0, ENGINE_MAX_ALPHA]); an invalid one is a bug in the caller and throws an
 * InvalidScenarioError (a RangeError) naming the field, e.g. "simulate: cost.a must be a number
 * greater than 0".
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): Simulation {
  assertScenario('simulate', scenario);
  const maxSteps = clampSteps(options.maxSteps);
  const { cost } = scenario;
  if (cost.kind === 'quartic') return simulateQuartic(scenario, cost, maxSteps);
  const form = quadraticFormOf(cost);
  if (form === undefined) throw new RangeError('simulate: unknown cost kind');
  return simulateQuadraticForm(scenario, form, maxSteps);
}

function simulateQuadraticForm(scenario: Scenario, form: QuadraticForm, maxSteps: number): Simulation {
  const { alpha, start } = scenario;
  const lambdaMin = form.values[0] ?? Number.NaN;
  const lambdaMax = form.values[form.values.length - 1] ?? Number.NaN;
  const { steps, distances, ratios, startComponents } = runQuadraticForm(scenario, form, maxSteps);
  const ratio = snapRatio(alpha * lambdaMax);
  const outcome = outcomeOfRatio(ratio);
  // What this very start can show: only the directions it has a component along take part.
  const isAtMinimum = startComponents.every((zi) => zi === 0);
  const shownRatio = Math.max(0, ...ratios.filter((_, i) => startComponents[i] !== 0));
  const isHidden = !isAtMinimum && outcomeOfRatio(shownRatio) !== outcome;

  const facts: QuadraticFacts = {
    alpha,
    lambdaMin,
    lambdaMax,
    ratio,
    outcome,
    isAtMinimum,
    isHidden,
    start,
    minimum: form.minimum,
    components: startComponents,
    factors: ratios.map((r) => 1 - r),
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
    ratioLabel: quadraticRatioLabel(form.dimension),
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
  /** The start's eigen-components (ascending λ), rounding noise set to 0. */
  components: readonly number[];
  /** 1 − α·λᵢ per eigen-direction. */
  factors: readonly number[];
}

/** Infinity does not survive JSON: a count the run never reaches travels as null. */
const finiteOrNull = (n: number): number | null => (Number.isFinite(n) ? n : null);

function explainLine(f: QuadraticFacts): Explanation {
  return {
    id: 'line',
    params: {
      alpha: f.alpha,
      outcome: f.outcome,
      ratio: f.ratio,
      curvature: f.lambdaMax,
      atMinimum: f.isAtMinimum,
      steps: finiteOrNull(stepsToShrink(f.components, f.factors)),
      start: f.start[0] ?? 0,
      minimum: f.minimum[0] ?? 0,
    },
  };
}

/**
 * The direction that sets the pace of a converging 2-D run: of those the start has a component
 * along, the one whose factor is largest in size.
 */
function paceOf(f: QuadraticFacts): ValleyFacts['pace'] {
  const [slow = 0, steep = 0] = f.factors;
  const hasSlow = (f.components[0] ?? 0) !== 0;
  const hasSteep = (f.components[1] ?? 0) !== 0;
  if (f.lambdaMin === f.lambdaMax) return { by: 'distance', factor: Math.abs(steep) };
  const steepWins = !hasSlow || (hasSteep && Math.abs(steep) > Math.abs(slow));
  return steepWins ? { by: 'steep', factor: Math.abs(steep) } : { by: 'slow', factor: Math.abs(slow) };
}

function explainValley(f: QuadraticFacts): Explanation {
  return {
    id: 'valley',
    params: {
      alpha: f.alpha,
      outcome: f.outcome,
      ratio: f.ratio,
      curvature: f.lambdaMax,
      atMinimum: f.isAtMinimum,
      steps: finiteOrNull(stepsToShrink(f.components, f.factors)),
      round: f.lambdaMin === f.lambdaMax,
      hidden: f.isHidden,
      pace: paceOf(f),
      closerSteps: f.outcome === 'diverges' ? escapeOf(f.components, f.factors).closerSteps : 0,
    },
  };
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
  const { alpha } = scenario;
  const { b } = cost;
  const theta0 = scenario.start[0] ?? 0;
  const { steps, distances } = runQuartic(scenario, cost, maxSteps);
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
    ratioLabel: RATIO_LABELS.quartic,
    eigenvalues: [b],
    thresholds: { zigzagFrom: 1 / curvature, divergeFrom: 2 / curvature, fastest: 1 / curvature },
  };
}

/**
 * How often θ crosses 0 on a quartic zig-zag (1 < s < 2): s = α(θ² + b) falls as |θ| shrinks, and once
 * below 1 the run slides in without crossing again. Infinity when α·b ≥ 1: near 0 every step
 * still overshoots.
 */
export function quarticCrossings(theta0: number, b: number, alpha: number): number {
  if (snapRatio(alpha * b) >= 1) return Number.POSITIVE_INFINITY;
  let theta = theta0;
  let crossings = 0;
  for (let k = 0; k < MAX_STEPS_LIMIT && theta !== 0; k++) {
    const factor = quarticFactor(theta, b, alpha);
    if (factor >= 0) break;
    crossings++;
    theta *= factor;
  }
  return crossings;
}

function explainQuartic(alpha: number, theta0: number, b: number, s: number, outcome: Outcome): Explanation {
  const crossings = outcome === 'zigzag' ? finiteOrNull(quarticCrossings(theta0, b, alpha)) : null;
  return { id: 'quartic', params: { alpha, outcome, theta0, b, ratio: s, crossings } };
}

/**
 * The outcome for each α, same verdicts as simulate() but without trajectories: the rule on
 * α·λ_max for the quadratic kinds, the first quartic step for the quartic. Each α must be > 0.
 */
export function sweepAlpha(scenario: Scenario, alphas: readonly number[]): Outcome[] {
  assertScenario('sweepAlpha', scenario);
  assertAlphas('sweepAlpha', alphas, 'alphas', Number.POSITIVE_INFINITY);
  const { cost } = scenario;
  if (cost.kind === 'quartic') {
    const theta0 = scenario.start[0] ?? 0;
    return alphas.map((alpha) => quarticOutcome(theta0, cost.b, alpha));
  }
  const form = quadraticFormOf(cost);
  const lambdaMax = form?.values[form.values.length - 1] ?? Number.NaN;
  return alphas.map((alpha) => outcomeOfRatio(alpha * lambdaMax));
}
