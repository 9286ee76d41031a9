// Two more kinds of round on the same costs. "Largest α that still converges": the target is the
// divergence threshold α* = 2/λ_max (2/(θ₀² + b) for the quartic, from this start). "Which α is
// fastest?": the α whose run first gets within 10⁻³ of the start distance, decided by simulation.
import { quadraticFormOf } from './cost-model';
import { draft, hasBalancedStart, isNiceAlpha, KINDS_BY_DIFFICULTY, niceAlphaFor } from './generate';
import { HALF_TARGET_FACTOR, isHalfTargetGuess } from './half-target';
import { RACE_RUN_STEPS, raceRunSteps } from './race-steps';
import { createRng } from './rng';
import { MAX_STEPS_LIMIT, simulate, snapRatio } from './simulate';
import type { Cost, CostKind, Difficulty, Simulation } from './types';
import { assertAlphas, assertProblem } from './validate';

/** A cost and a start, without α: what the new kinds of round ask about. */
export { HALF_TARGET_FACTOR, isHalfTargetGuess, RACE_RUN_STEPS, raceRunSteps };

export interface Problem {
  cost: Cost;
  start: number[];
}

/** α* for this cost and start: at α* the run bounces for ever, above it diverges. */
export function targetAlpha(problem: Problem): number {
  assertProblem('targetAlpha', problem);
  const { cost, start } = problem;
  if (cost.kind === 'quartic') {
    const theta0 = start[0] ?? 0;
    return 2 / (theta0 * theta0 + cost.b);
  }
  const form = quadraticFormOf(cost);
  const lambdaMax = form?.values[form.values.length - 1] ?? Number.NaN;
  return 2 / lambdaMax;
}

export const MAX_ALPHA_POINTS = 1000;
/** A guess this many decades below α* (a factor √10 ≈ 3.16) or further scores nothing. */
export const MAX_ALPHA_WINDOW_DECADES = 0.5;
/** The answer slider spans α* ÷ 30 to 30·α*: a factor 900, three decades minus a little. */
export const MAX_ALPHA_SPAN = 30;

/**
 * Points for a guess of α*: with δ = log₁₀(guess/α*), a guess below α* earns 1000 × max(0, 1 − |δ|/0.5),
 * rounded; a guess at or above α* earns 0, because gradient descent does not converge there, and so
 * does a guess near α* / 2 (isHalfTargetGuess), where overshooting starts rather than convergence ends.
 */
export function maxAlphaPoints(guess: number, target: number): number {
  if (!(Number.isFinite(guess) && guess > 0 && target > 0)) return 0;
  // α·λ_max within rounding of 2 is the bounce, not a convergence.
  if (snapRatio((2 * guess) / target) >= 2) return 0;
  if (isHalfTargetGuess(guess, target)) return 0;
  const delta = Math.log10(guess / target);
  return Math.round(MAX_ALPHA_POINTS * Math.max(0, 1 - Math.abs(delta) / MAX_ALPHA_WINDOW_DECADES));
}

/**
 * The slider's range for a round: as wide as α* ÷ 30 to 30·α*, but slid along the log axis by
 * `shift` decades (|shift| ≤ 0.5, drawn per round from the room's seed) so that the middle of the
 * slider never gives α* away. α* stays at least a factor 30/√10 ≈ 9.5 inside either end.
 */
export function maxAlphaRange(target: number, shift: number): { min: number; max: number } {
  const factor = 10 ** Math.max(-0.5, Math.min(0.5, shift));
  return { min: (target / MAX_ALPHA_SPAN) * factor, max: target * MAX_ALPHA_SPAN * factor };
}

/** "Fastest" means first within this fraction of the start distance. */
export const FASTEST_FRACTION = 1e-3;
/** A generated "fastest" round's winner needs at most 1/1.25 of the runner-up's iterations. */
export const FASTEST_MIN_LEAD = 1.25;

/**
 * Iterations until |θₖ − θ*| ≤ fraction × |θ₀ − θ*|; Infinity for a run that never gets there
 * (diverges, bounces, or takes more than `cap` steps). 0 for a start on the minimum.
 */
export function iterationsToReach(
  problem: Problem & { alpha: number },
  fraction = FASTEST_FRACTION,
  cap = MAX_STEPS_LIMIT,
): number {
  const sim = simulate(problem, { maxSteps: cap });
  if (sim.outcome === 'diverges' || sim.outcome === 'oscillates') return Number.POSITIVE_INFINITY;
  const d0 = sim.distances[0] ?? 0;
  const k = sim.distances.findIndex((d) => d <= fraction * d0);
  return k < 0 ? Number.POSITIVE_INFINITY : k;
}

export interface Race {
  /** Iterations to 10⁻³ of the start distance, per option (Infinity: never). */
  iterations: number[];
  /** Index of the fastest option, or null when the fastest is tied or none gets there. */
  winner: number | null;
  /** Runner-up's iterations over the winner's (Infinity if only one gets there); 1 on a tie. */
  lead: number;
}

/** The race between the options; an invalid problem or α throws an InvalidScenarioError. */
export function raceAlphas(problem: Problem, alphas: readonly number[]): Race {
  assertProblem('raceAlphas', problem);
  assertAlphas('raceAlphas', alphas);
  const iterations = alphas.map((alpha) => iterationsToReach({ ...problem, alpha }));
  const order = iterations.map((n, i) => [n, i] as const).sort((p, q) => p[0] - q[0]);
  const [first, second] = order;
  if (!first || !Number.isFinite(first[0])) return { iterations, winner: null, lead: 1 };
  const runnerUp = second?.[0] ?? Number.POSITIVE_INFINITY;
  if (runnerUp === first[0]) return { iterations, winner: null, lead: 1 };
  return {
    iterations,
    winner: first[1],
    lead: first[0] === 0 ? Number.POSITIVE_INFINITY : runnerUp / first[0],
  };
}

/**
 * r and 2 − r shrink the distance by the same |1 − r| each step: offered together they tie in 1-D,
 * so a fair round never offers both. The first such pair of indices, or null.
 */
export function mirrorPair(ratios: readonly number[]): [number, number] | null {
  for (let i = 0; i < ratios.length; i++)
    for (let j = i + 1; j < ratios.length; j++)
      if (Math.abs((ratios[i] ?? 0) + (ratios[j] ?? 0) - 2) < 0.05) return [i, j];
  return null;
}

export function hasMirrorPair(ratios: readonly number[]): boolean {
  return mirrorPair(ratios) !== null;
}

/** A watchable race: the winner arrives within this many steps. */
export const FASTEST_MAX_WINNER_STEPS = 200;

/**
 * One run per option, long enough to see the winner arrive and the others still on their way:
 * what a race's reveal (and the editor's preview of it) draws.
 */
export function raceRuns(problem: Problem, alphas: readonly number[], race: Race): Simulation[] {
  const steps = raceRunSteps(race.winner === null ? null : (race.iterations[race.winner] ?? null));
  return alphas.map((alpha) => simulate({ ...problem, alpha }, { maxSteps: steps }));
}

function curvatureOf(problem: Problem): number {
  return 2 / targetAlpha(problem);
}

/** The checks every generated "fastest" round passes; the tests hold the generator to them. */
export function isFairRace(problem: Problem, alphas: readonly number[]): boolean {
  const curvature = curvatureOf(problem);
  const race = raceAlphas(problem, alphas);
  const distinct = new Set(alphas).size === alphas.length;
  return (
    distinct &&
    alphas.length >= 3 &&
    alphas.length <= 4 &&
    alphas.every(isNiceAlpha) &&
    !hasMirrorPair(alphas.map((a) => a * curvature)) &&
    race.winner !== null &&
    race.lead >= FASTEST_MIN_LEAD &&
    (race.iterations[race.winner] ?? Number.POSITIVE_INFINITY) <= FASTEST_MAX_WINNER_STEPS
  );
}

export const MAX_ALPHA_KINDS = KINDS_BY_DIFFICULTY;
/** Long, flat regression valleys make races of thousands of steps: the fastest kind leaves them out. */
export const FASTEST_KINDS = {
  easy: ['quadratic'],
  medium: ['quadratic', 'bowl'],
  hard: ['bowl', 'quartic'],
} as const satisfies Record<Difficulty, readonly CostKind[]>;

const MAX_ATTEMPTS = 200;

/** A "largest α" round: a cost and a start, with a 2-D start that shows both directions. */
export function generateMaxAlphaRound(seed: number, options: { difficulty: Difficulty }): Problem {
  const rng = createRng(seed);
  const kind = rng.pick(MAX_ALPHA_KINDS[options.difficulty]);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { cost, start } = draft(rng, kind, options.difficulty);
    if (hasBalancedStart({ cost, start, alpha: 1 })) return { cost, start };
  }
  return { cost: { kind: 'quadratic', a: 4, c: 1 }, start: [4] };
}

/** Ratios offered in a race: the slow and safe, the near-optimal, the overshooting, the diverging. */
const RACE_RATIOS = [0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0, 1.1, 1.3, 1.5, 1.7, 1.9, 2.3, 2.6];

/** A "which α is fastest?" round: three or four nice α, one clear winner, never r with 2 − r. */
export function generateFastestRound(
  seed: number,
  options: { difficulty: Difficulty },
): Problem & { alphas: number[] } {
  const rng = createRng(seed);
  const kind = rng.pick(FASTEST_KINDS[options.difficulty]);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { cost, start, curvature } = draft(rng, kind, options.difficulty);
    if (!hasBalancedStart({ cost, start, alpha: 1 })) continue;
    const count = rng.int(3, 4);
    const ratios = rng.shuffle(RACE_RATIOS).slice(0, count);
    const alphas = ratios
      .map((r) => niceAlphaFor(r, curvature, [r * 0.9, r * 1.1]))
      .filter((a): a is number => a !== undefined);
    if (alphas.length !== count) continue;
    const problem = { cost, start };
    if (isFairRace(problem, alphas)) return { ...problem, alphas };
  }
  // r = 0.5, 1 and 1.6 on a = 2: 10, 1 and 14 iterations.
  return { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alphas: [0.25, 0.5, 0.8] };
}
