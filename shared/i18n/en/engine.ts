// The engine's explanations (shared/engine/simulate.ts returns their id and facts), written out.
// Each is checked against the maths over generated rounds (test/engine/explanations.test.ts): a
// translation must say the same thing with the same numbers. Numbers go through the engine's
// formatters, which write them as the language does (shared/engine/format.ts, common.decimal).
import { formatAlpha, formatNumber, formatPoint, formatRatio } from '../../engine/format';
import type { LineFacts, Outcome, QuarticFacts, ValleyFacts } from '../../engine/types';

const fmt = (x: number): string => formatNumber(x);
const fmtCurvature = (x: number): string => formatNumber(x, 4);
/** "×0.996" style factor, printed so that it never reads as 0 or 1 when it is not. */
const fmtFactor = (f: number): string => formatRatio(f, [0, 1]);

/** "about 1,700 steps": two significant digits from 100 up, the count itself below. */
export function aboutSteps(n: number): string {
  const rounded = n < 100 ? n : Number(n.toPrecision(2));
  const grouped = String(rounded).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped} step${rounded === 1 ? '' : 's'}`;
}

/**
 * "is multiplied by 0.996 each step (0.4 % closer; about 1,700 steps to get 1,000× closer)", or for a
 * factor above 1 "is multiplied by 1.5 each step (+50 %)". `steps` is the engine's count to 1/1000.
 */
function multiplied(label: string, factor: number, steps?: number | null): string {
  const printed = `${label} = ${fmtFactor(factor)}`;
  if (factor > 1) return `is multiplied by ${printed} each step (+${formatNumber((factor - 1) * 100, 2)} %)`;
  const count =
    steps !== undefined && steps !== null ? `; about ${aboutSteps(steps)} to get 1,000× closer` : '';
  return `is multiplied by ${printed} each step (${formatNumber((1 - factor) * 100, 2)} % closer${count})`;
}

const VERDICT_CLAUSES: Record<Outcome, string> = {
  converges: 'is at most 1 and gradient descent would converge',
  zigzag: 'is between 1 and 2 and gradient descent would zig-zag',
  oscillates: 'is exactly 2 and gradient descent would bounce for ever',
  diverges: 'is above 2 and gradient descent would diverge',
};

const HIDDEN_CLAUSES: Record<Outcome, string> = {
  converges: 'is at most 1, so gradient descent converges',
  zigzag: 'is between 1 and 2, so gradient descent zig-zags',
  oscillates: 'is exactly 2, so gradient descent bounces for ever',
  diverges: 'is above 2, so gradient descent diverges',
};

const atMinimum = (decided: string, outcome: Outcome) =>
  `θ₀ is already the minimum, so the gradient is 0 and no step moves; from any other start, ${decided} ${VERDICT_CLAUSES[outcome]}.`;

function pace(f: ValleyFacts): string {
  const { by, factor } = f.pace;
  if (by === 'distance') return `The distance ${multiplied('|1 − α·λ|', factor, f.steps)}.`;
  return by === 'steep'
    ? `Pace: the steep direction ${multiplied('|1 − α·λ_max|', factor, f.steps)}.`
    : `Pace: the slow direction ${multiplied('1 − α·λ_min', factor, f.steps)}.`;
}

/** A list of numbers or points as a sentence reads it: "1.5, 0.3, …". */
const list = (items: readonly string[], more: boolean): string => `${items.join(', ')}${more ? ', …' : ''}`;

export const engine = {
  line(f: LineFacts): string {
    const decided = `α·J″ = ${formatAlpha(f.alpha)} × ${fmtCurvature(f.curvature)} = ${formatRatio(f.ratio)}`;
    const factor = Math.abs(1 - f.ratio);
    if (f.atMinimum) return atMinimum(decided, f.outcome);
    switch (f.outcome) {
      case 'converges':
        return f.ratio === 1
          ? `${decided} exactly: the first step lands on the minimum θ = ${formatPoint([f.minimum])} and stays there.`
          : `${decided} is below 1: every step moves toward the minimum without passing it, and the distance ${multiplied('1 − α·J″', factor, f.steps)}.`;
      case 'zigzag':
        return `${decided} is between 1 and 2: every step overshoots the minimum yet lands closer; the distance ${multiplied('|1 − α·J″|', factor, f.steps)}.`;
      case 'oscillates':
        return `${decided} exactly: every step jumps to the mirror point on the other side of the minimum, so θ bounces between ${fmt(f.start)} and ${fmt(2 * f.minimum - f.start)} for ever.`;
      case 'diverges':
        return `${decided} is above 2: every step overshoots the minimum and lands further away; the distance ${multiplied('|1 − α·J″|', factor)}.`;
    }
  },

  valley(f: ValleyFacts): string {
    const decided = `α·λ_max = ${formatAlpha(f.alpha)} × ${fmtCurvature(f.curvature)} = ${formatRatio(f.ratio)}`;
    if (f.atMinimum) return atMinimum(decided, f.outcome);
    if (f.hidden)
      return `${decided} ${HIDDEN_CLAUSES[f.outcome]} from almost every start, but this start has no component along the steep direction, so this run never shows it.`;
    switch (f.outcome) {
      case 'converges':
        if (f.ratio === 1)
          return f.round
            ? `${decided} exactly: the first step lands on the minimum.`
            : `${decided} exactly: the first step wipes out the steep direction, then θ slides along the valley floor to the minimum. ${pace(f)}`;
        return `${decided} is below 1: θ never crosses the valley floor. ${pace(f)}`;
      case 'zigzag':
        return `${decided} is between 1 and 2: every step crosses the valley floor yet lands closer. ${pace(f)}`;
      case 'oscillates':
        return `${decided} exactly: in the steep direction every step jumps to the mirror point across the valley, so θ bounces across it for ever.`;
      case 'diverges': {
        const grows = multiplied('|1 − α·λ_max|', Math.abs(1 - f.ratio));
        if (f.closerSteps === 0)
          return `${decided} is above 2: every step crosses the valley floor in the steep direction and lands further away; the steep direction ${grows}.`;
        const first = f.closerSteps === 1 ? 'the first step gets' : `the first ${f.closerSteps} steps get`;
        return `${decided} is above 2: the steep direction ${grows}, crossing the valley floor each time. Yet ${first} closer, as the start lies mostly along the gentle direction, which shrinks; the steep direction soon wins and θ ends up ever further away.`;
      }
    }
  },

  quartic(f: QuarticFacts): string {
    if (f.theta0 === 0)
      return 'θ₀ = 0 is already the minimum: the slope there is 0, so gradient descent never moves.';
    // The rule just taught is α × J″ (3θ₀² + b here): the factor of one step is another number, and
    // the sentence says where it comes from before using it.
    const why = 'One step multiplies θ by 1 − α(θ² + b): the slope θ³ + bθ divided by the distance θ.';
    const decided = `From θ₀ = ${fmt(f.theta0)}, α(θ₀² + b) = ${formatAlpha(f.alpha)} × (${fmtCurvature(f.theta0 * f.theta0)} + ${fmtCurvature(f.b)}) = ${formatRatio(f.ratio)}`;
    const only = 'This holds from this start only: θ₀² is part of the factor.';
    switch (f.outcome) {
      case 'converges':
        return f.ratio === 1
          ? `${why} ${decided} exactly: the first step lands on the minimum θ = 0 and stays there. ${only}`
          : `${why} ${decided} is below 1: the first step moves toward 0 without passing it, and closer in the slope is gentler, so θ slides into the minimum. ${only}`;
      case 'zigzag': {
        const path =
          f.crossings === 1
            ? 'so θ overshoots only once, then slides into the minimum'
            : f.crossings !== null
              ? `so θ overshoots ${f.crossings} times, less each time, then slides into the minimum`
              : 'so θ zig-zags into the minimum';
        return `${why} ${decided} is between 1 and 2: the first step overshoots 0 but lands closer, where the slope is gentler, ${path}. ${only}`;
      }
      case 'oscillates':
        return `${why} ${decided} exactly: θ jumps from ${fmt(f.theta0)} to ${fmt(-f.theta0)} and back for ever. ${only}`;
      case 'diverges':
        return `${why} ${decided} is above 2: the first step lands further out, where the slope is steeper, so every step overshoots more and θ runs away. ${only}`;
    }
  },
  /** The plots of a run, its distance and its steep component: they come with the reveal. */
  plots: {
    /** A run that left the frame: the first step outside it. */
    offChart: (step: number) => `step ${step} is off the chart`,
    offChartAt: (step: number, theta: string) => `step ${step}: θ = ${theta}, off the chart`,
    /** `plot`: common.plot's curveAria or contoursAria; `visited`: the run's first points, `more` when it goes on. */
    visits: (plot: string, visited: readonly string[], more: boolean) =>
      `${plot}; gradient descent visits ${list(visited, more)}`,
    distanceAria: (distances: readonly string[], more: boolean) =>
      `Distance to the minimum per step, log scale: ${list(distances, more)}`,
    steepAria: (components: readonly string[], more: boolean) =>
      `Steep component per step: ${list(components, more)}`,
  },
};
