// Gradient descent θ' = θ − α∇J(θ), its trajectory and the verdict. For the quadratic kinds the
// verdict comes from the exact rule on r = α·λ_max, never from watching a finite run; for the
// quartic it comes from the run itself.
import { type QuadraticForm, quadraticFormOf } from './cost-model';
import { formatAlpha, formatNumber, formatPoint, formatRatio } from './format';
import {
  clampSteps,
  outcomeOfRatio,
  quarticFactor,
  runQuadraticForm,
  runQuartic,
  snapRatio,
} from './trajectory';
import type { Outcome, QuarticCost, Scenario, SimulateOptions, Simulation } from './types';
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
const fmtCurvature = (x: number): string => formatNumber(x, 4);

function explainLine(f: QuadraticFacts): string {
  const decided = `α·a = ${formatAlpha(f.alpha)} × ${fmtCurvature(f.lambdaMax)} = ${formatRatio(f.ratio)}`;
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
  const decided = `α·λ_max = ${formatAlpha(f.alpha)} × ${fmtCurvature(f.lambdaMax)} = ${formatRatio(f.ratio)}`;
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
    ratioLabel: 'α(θ₀² + b)',
    eigenvalues: [b],
    thresholds: { zigzagFrom: 1 / curvature, divergeFrom: 2 / curvature, fastest: 1 / curvature },
  };
}

function explainQuartic(alpha: number, theta0: number, b: number, s: number, outcome: Outcome): string {
  if (theta0 === 0)
    return 'θ₀ = 0 is already the minimum: the slope there is 0, so gradient descent never moves.';
  const decided = `α(θ₀² + b) = ${formatAlpha(alpha)} × (${fmtCurvature(theta0 * theta0)} + ${fmtCurvature(b)}) = ${formatRatio(s)}`;
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
