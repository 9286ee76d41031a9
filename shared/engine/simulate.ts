// Gradient descent θ' = θ − α∇J(θ), its trajectory and the verdict. For the quadratic kinds the
// verdict comes from the exact rule on r = α·λ_max, never from watching a finite run; for the
// quartic it comes from the run itself.
import { type QuadraticForm, quadraticFormOf } from './cost-model';
import { formatAlpha, formatNumber, formatPoint, formatRatio } from './format';
import { escapeOf, multipliedText, stepsToShrink } from './pace';
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

const fmt = (x: number): string => formatNumber(x);
const fmtCurvature = (x: number): string => formatNumber(x, 4);

function explainLine(f: QuadraticFacts): string {
  const decided = `α·J″ = ${formatAlpha(f.alpha)} × ${fmtCurvature(f.lambdaMax)} = ${formatRatio(f.ratio)}`;
  const factor = Math.abs(1 - f.ratio);
  const steps = stepsToShrink(f.components, f.factors);
  if (f.isAtMinimum)
    return `θ₀ is already the minimum, so the gradient is 0 and no step moves; from any other start, ${decided} ${verdictClause(f.outcome)}.`;
  switch (f.outcome) {
    case 'converges':
      return f.ratio === 1
        ? `${decided} exactly: the first step lands on the minimum θ = ${formatPoint(f.minimum)} and stays there.`
        : `${decided} is below 1: every step moves toward the minimum without passing it, and the distance ${multipliedText('1 − α·J″', factor, steps)}.`;
    case 'zigzag':
      return `${decided} is between 1 and 2: every step overshoots the minimum yet lands closer; the distance ${multipliedText('|1 − α·J″|', factor, steps)}.`;
    case 'oscillates': {
      const mirror = 2 * (f.minimum[0] ?? 0) - (f.start[0] ?? 0);
      return `${decided} exactly: every step jumps to the mirror point on the other side of the minimum, so θ bounces between ${fmt(f.start[0] ?? 0)} and ${fmt(mirror)} for ever.`;
    }
    case 'diverges':
      return `${decided} is above 2: every step overshoots the minimum and lands further away; the distance ${multipliedText('|1 − α·J″|', factor)}.`;
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

/**
 * The direction that sets the pace of a converging 2-D run: of those the start has a component
 * along, the one whose factor is largest in size. Its name and factor as the sentence writes them.
 */
function paceOf(f: QuadraticFacts): { name: string; label: string; factor: number } {
  const [slow = 0, steep = 0] = f.factors;
  const hasSlow = (f.components[0] ?? 0) !== 0;
  const hasSteep = (f.components[1] ?? 0) !== 0;
  if (f.lambdaMin === f.lambdaMax)
    return { name: 'the distance', label: `|1 − α·λ|`, factor: Math.abs(steep) };
  const steepWins = !hasSlow || (hasSteep && Math.abs(steep) > Math.abs(slow));
  return steepWins
    ? { name: 'the steep direction', label: '|1 − α·λ_max|', factor: Math.abs(steep) }
    : { name: 'the slow direction', label: '1 − α·λ_min', factor: Math.abs(slow) };
}

function paceSentence(f: QuadraticFacts): string {
  const pace = paceOf(f);
  const steps = stepsToShrink(f.components, f.factors);
  return pace.name === 'the distance'
    ? `The distance ${multipliedText(pace.label, pace.factor, steps)}.`
    : `Pace: ${pace.name} ${multipliedText(pace.label, pace.factor, steps)}.`;
}

function explainValley(f: QuadraticFacts): string {
  const decided = `α·λ_max = ${formatAlpha(f.alpha)} × ${fmtCurvature(f.lambdaMax)} = ${formatRatio(f.ratio)}`;
  const steepFactor = Math.abs(1 - f.ratio);
  if (f.isAtMinimum)
    return `θ₀ is already the minimum, so the gradient is 0 and no step moves; from any other start, ${decided} ${verdictClause(f.outcome)}.`;
  if (f.isHidden)
    return `${decided} ${hiddenClause(f.outcome)} from almost every start, but this start has no component along the steep direction, so this run never shows it.`;
  switch (f.outcome) {
    case 'converges':
      if (f.ratio === 1)
        return f.lambdaMin === f.lambdaMax
          ? `${decided} exactly: the first step lands on the minimum.`
          : `${decided} exactly: the first step wipes out the steep direction, then θ slides along the valley floor to the minimum. ${paceSentence(f)}`;
      return `${decided} is below 1: θ never crosses the valley floor. ${paceSentence(f)}`;
    case 'zigzag':
      return `${decided} is between 1 and 2: every step crosses the valley floor yet lands closer. ${paceSentence(f)}`;
    case 'oscillates':
      return `${decided} exactly: in the steep direction every step jumps to the mirror point across the valley, so θ bounces across it for ever.`;
    case 'diverges': {
      const grows = multipliedText('|1 − α·λ_max|', steepFactor);
      const { closerSteps } = escapeOf(f.components, f.factors);
      if (closerSteps === 0)
        return `${decided} is above 2: every step crosses the valley floor in the steep direction and lands further away; the steep direction ${grows}.`;
      const first = closerSteps === 1 ? 'the first step gets' : `the first ${closerSteps} steps get`;
      return `${decided} is above 2: the steep direction ${grows}, crossing the valley floor each time. Yet ${first} closer, as the start lies mostly along the gentle direction, which shrinks; the steep direction soon wins and θ ends up ever further away.`;
    }
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

function explainQuartic(alpha: number, theta0: number, b: number, s: number, outcome: Outcome): string {
  if (theta0 === 0)
    return 'θ₀ = 0 is already the minimum: the slope there is 0, so gradient descent never moves.';
  // The rule just taught is α × J″ (3θ₀² + b here): the factor of one step is another number, and
  // the sentence says where it comes from before using it.
  const why = 'One step multiplies θ by 1 − α(θ² + b): the slope θ³ + bθ divided by the distance θ.';
  const decided = `From θ₀ = ${fmt(theta0)}, α(θ₀² + b) = ${formatAlpha(alpha)} × (${fmtCurvature(theta0 * theta0)} + ${fmtCurvature(b)}) = ${formatRatio(s)}`;
  const only = 'This holds from this start only: θ₀² is part of the factor.';
  switch (outcome) {
    case 'converges':
      return s === 1
        ? `${why} ${decided} exactly: the first step lands on the minimum θ = 0 and stays there. ${only}`
        : `${why} ${decided} is below 1: the first step moves toward 0 without passing it, and closer in the slope is gentler, so θ slides into the minimum. ${only}`;
    case 'zigzag': {
      const crossings = quarticCrossings(theta0, b, alpha);
      const path =
        crossings === 1
          ? 'so θ overshoots only once, then slides into the minimum'
          : Number.isFinite(crossings)
            ? `so θ overshoots ${crossings} times, less each time, then slides into the minimum`
            : 'so θ zig-zags into the minimum';
      return `${why} ${decided} is between 1 and 2: the first step overshoots 0 but lands closer, where the slope is gentler, ${path}. ${only}`;
    }
    case 'oscillates':
      return `${why} ${decided} exactly: θ jumps from ${fmt(theta0)} to ${fmt(-theta0)} and back for ever. ${only}`;
    case 'diverges':
      return `${why} ${decided} is above 2: the first step lands further out, where the slope is steeper, so every step overshoots more and θ runs away. ${only}`;
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
