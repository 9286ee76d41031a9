// Generated rounds and decks. A round must never be ambiguous: its deciding ratio sits well inside
// one band, away from 1 and 2; every eigen-direction of a 2-D start carries at least 30 % of the
// start distance (no hidden instability); and the default drawing of the run shows the behaviour.
// Everything is drawn from one seeded stream, so a seed always gives the same round.
import { eigenComponents } from './cost-model';
import { createRng, type Rng } from './rng';
import { simulate } from './simulate';
import {
  ANSWERS,
  type Answer,
  type BowlCost,
  type CostKind,
  type DeckOptions,
  type Difficulty,
  type LinregCost,
  type RoundOptions,
  type Scenario,
  type Simulation,
} from './types';

/**
 * Where r = α·λ_max (s = α(θ₀² + b) for the quartic) of a generated round must lie: at least
 * BOUNDARY_MARGIN (15 %) from r = 1 and from r = 2, so no round is decided by a hair.
 */
export const ROUND_BANDS = {
  converges: [0.2, 0.85],
  zigzag: [1.15, 1.7],
  diverges: [2.3, 3.0],
} as const satisfies Record<Answer, readonly [number, number]>;

/** The ratio aimed at before α is rounded to a nice number: inner parts of the bands. */
const TARGET_BANDS = {
  converges: [0.3, 0.75],
  zigzag: [1.25, 1.6],
  diverges: [2.4, 2.9],
} as const satisfies Record<Answer, readonly [number, number]>;

/** How far a generated round's ratio stays from each boundary, relative to it: |r − b| ≥ 0.15·b. */
export const BOUNDARY_MARGIN = 0.15;

/** The ratio's distance from the nearer boundary (r = 1 or r = 2), as a share of that boundary. */
export const boundaryMargin = (r: number): number => Math.min(Math.abs(r - 1), Math.abs(r - 2) / 2);

/** Smallest |eigen-component| of a 2-D start, as a share of its distance to the minimum. */
export const MIN_COMPONENT_SHARE = 0.3;

export const KINDS_BY_DIFFICULTY = {
  easy: ['quadratic'],
  medium: ['quadratic', 'bowl'],
  hard: ['bowl', 'linreg', 'quartic'],
} as const satisfies Record<Difficulty, readonly CostKind[]>;

export const DECK_ROUNDS_LIMIT = 50;

/** α values are m·10ᵏ with one of these mantissas: one or two significant digits. */
const NICE_MANTISSAS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8];
const MAX_ATTEMPTS = 200;

/** At most two significant digits: 0.25, 0.05, 1.5, 12, not 0.123. */
export function isNiceAlpha(alpha: number): boolean {
  return alpha > 0 && Number(alpha.toPrecision(2)) === alpha;
}

/** An integer or a number with one decimal. */
export function isNiceParameter(x: number): boolean {
  return Number.isFinite(x) && Math.round(x * 10) / 10 === x;
}

const inBand = (r: number, [lo, hi]: readonly [number, number]): boolean => r >= lo && r <= hi;
const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The nice α nearest (in ratio) to `target / curvature` whose r = α·curvature stays in the band. */
export function niceAlphaFor(targetRatio: number, curvature: number, band: readonly [number, number]) {
  const raw = targetRatio / curvature;
  const decade = Math.floor(Math.log10(raw));
  let best: number | undefined;
  for (let k = decade - 1; k <= decade + 1; k++) {
    for (const m of NICE_MANTISSAS) {
      const alpha = Number((m * 10 ** k).toPrecision(2));
      if (!inBand(alpha * curvature, band)) continue;
      if (best === undefined || Math.abs(Math.log(alpha / raw)) < Math.abs(Math.log(best / raw)))
        best = alpha;
    }
  }
  return best;
}

export interface Draft {
  cost: Scenario['cost'];
  start: number[];
  /** λ_max, or θ₀² + b for the quartic: r = α·curvature. */
  curvature: number;
}

function draftQuadratic(rng: Rng, difficulty: Difficulty): Draft {
  // Easy: curvatures whose products with nice α are mental arithmetic. Medium and hard: very steep
  // or very shallow parabolas, where the same α means opposite things.
  const a = rng.pick(
    difficulty === 'easy' ? [1, 2, 3, 4, 5, 6, 8, 10] : [0.2, 0.4, 0.5, 15, 20, 25, 40, 50, 100],
  );
  const c = rng.int(difficulty === 'easy' ? -3 : -5, difficulty === 'easy' ? 3 : 5);
  const offset = rng.pick([-1, 1]) * rng.int(2, 6);
  return { cost: { kind: 'quadratic', a, c }, start: [c + offset], curvature: a };
}

function draftQuartic(rng: Rng): Draft {
  const b = rng.pick([0.5, 1, 2, 3]);
  const theta0 = rng.pick([-1, 1]) * rng.pick([1, 1.5, 2, 2.5, 3]);
  return { cost: { kind: 'quartic', b }, start: [theta0], curvature: theta0 * theta0 + b };
}

function draftBowl(rng: Rng, difficulty: Difficulty): Draft {
  const isHard = difficulty === 'hard';
  const lambdaMin = isHard ? rng.pick([0.5, 1, 2]) : rng.int(1, 4);
  const lambdaMax = round1(lambdaMin * (isHard ? rng.pick([4, 5, 6, 8, 10]) : rng.int(2, 5)));
  const angle = isHard ? rng.pick([15, 20, 30, 40, 45, 60, 120, 135, 150, -30, -45, -60]) : rng.pick([0, 90]);
  const eigenvalues: [number, number] = rng.next() < 0.5 ? [lambdaMin, lambdaMax] : [lambdaMax, lambdaMin];
  const center: [number, number] = [rng.int(-3, 3), rng.int(-3, 3)];
  const start = [center[0] + rng.int(-5, 5), center[1] + rng.int(-5, 5)];
  const cost: BowlCost = { kind: 'bowl', eigenvalues, angle, center };
  return { cost, start, curvature: lambdaMax };
}

function draftLinreg(rng: Rng): Draft {
  const m = rng.int(5, 12);
  const intercept = rng.int(-3, 3);
  const slope = rng.pick([-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2]);
  // x kept near 0 so the valley is not too elongated: its floor must be walked visibly in 40 steps.
  const x = Array.from({ length: m }, () => rng.int(-3, 5)).sort((p, q) => p - q);
  const y = x.map((xi) => round1(intercept + slope * xi + rng.int(-10, 10) / 10));
  const cost: LinregCost = { kind: 'linreg', x, y };
  const start = [intercept + rng.int(-4, 4), slope + rng.int(-4, 4)].map(round1);
  const meanX = x.reduce((s, v) => s + v, 0) / m;
  const meanX2 = x.reduce((s, v) => s + v * v, 0) / m;
  // λ_max of [[1, x̄], [x̄, mean x²]]; simulate recomputes it, this only sizes α.
  const curvature = (1 + meanX2) / 2 + Math.hypot((1 - meanX2) / 2, meanX);
  return { cost, start, curvature };
}

/** A cost and a start for the difficulty, with λ_max (θ₀² + b for the quartic): α is chosen after. */
export function draft(rng: Rng, kind: CostKind, difficulty: Difficulty): Draft {
  switch (kind) {
    case 'quadratic':
      return draftQuadratic(rng, difficulty);
    case 'quartic':
      return draftQuartic(rng);
    case 'bowl':
      return draftBowl(rng, difficulty);
    case 'linreg':
      return draftLinreg(rng);
  }
}

/** The 30 % rule for 2-D starts (1-D starts only need to be off the minimum). */
export function hasBalancedStart(scenario: Scenario): boolean {
  const z = eigenComponents(scenario.cost, scenario.start);
  const distance = Math.hypot(...z);
  if (!(distance > 0)) return false;
  return z.length === 1 || z.every((zi) => Math.abs(zi) >= MIN_COMPONENT_SHARE * distance);
}

/** Whether the default drawing shows the outcome: a visible approach, or a visible escape. */
export function isVisible(simulation: Simulation, outcome: Answer): boolean {
  const { distances } = simulation;
  const first = distances[0] ?? 0;
  const last = distances[distances.length - 1] ?? 0;
  if (outcome === 'diverges') return last >= 10 * first;
  if (last > 0.5 * first) return false;
  return outcome === 'zigzag' || distances.every((d, i) => i === 0 || d <= (distances[i - 1] ?? 0));
}

/** Every check a generated round must pass; the tests hold generateRound to the same list. */
export function isFairRound(scenario: Scenario, outcome: Answer): boolean {
  const simulation = simulate(scenario);
  return (
    simulation.outcome === outcome &&
    inBand(simulation.ratio, ROUND_BANDS[outcome]) &&
    boundaryMargin(simulation.ratio) >= BOUNDARY_MARGIN - 1e-12 &&
    isNiceAlpha(scenario.alpha) &&
    hasBalancedStart(scenario) &&
    isVisible(simulation, outcome)
  );
}

/** Known fair rounds, one per kind and outcome, used only if MAX_ATTEMPTS drafts all fail. */
export const FALLBACK_ROUNDS: Record<CostKind, Record<Answer, Scenario>> = (() => {
  const quadratic: Scenario['cost'] = { kind: 'quadratic', a: 2, c: 1 };
  const quartic: Scenario['cost'] = { kind: 'quartic', b: 1 };
  const bowl: Scenario['cost'] = { kind: 'bowl', eigenvalues: [1, 4], angle: 0, center: [0, 0] };
  // y = 1 + x exactly: θ* = (1, 1), H = diag(1, 2).
  const linreg: Scenario['cost'] = { kind: 'linreg', x: [-2, -1, 0, 1, 2], y: [-1, 0, 1, 2, 3] };
  const rounds = (cost: Scenario['cost'], start: number[], alphas: [number, number, number]) => ({
    converges: { cost, start, alpha: alphas[0] },
    zigzag: { cost, start, alpha: alphas[1] },
    diverges: { cost, start, alpha: alphas[2] },
  });
  return {
    // r = 2α: 0.5, 1.6, 2.4
    quadratic: rounds(quadratic, [5], [0.25, 0.8, 1.2]),
    // s = α(2² + 1) = 5α: 0.5, 1.5, 2.5
    quartic: rounds(quartic, [2], [0.1, 0.3, 0.5]),
    // λ_max = 4: 0.48, 1.6, 2.4
    bowl: rounds(bowl, [3, 4], [0.12, 0.4, 0.6]),
    // λ_max = 2: 0.5, 1.6, 2.4
    linreg: rounds(linreg, [4, -3], [0.25, 0.8, 1.2]),
  };
})();

/** Fallbacks are shared constants: callers get their own copy to keep. */
const copyScenario = (s: Scenario): Scenario => JSON.parse(JSON.stringify(s)) as Scenario;

/**
 * One round, deterministic from its seed. The wanted outcome and the cost kind are drawn from the
 * seed when not given.
 */
export function generateRound(seed: number, options: RoundOptions): Scenario {
  const rng = createRng(seed);
  const outcome = options.outcome ?? rng.pick(ANSWERS);
  const kind = options.kind ?? rng.pick(KINDS_BY_DIFFICULTY[options.difficulty]);
  return roundFrom(rng, options.difficulty, kind, outcome);
}

function roundFrom(rng: Rng, difficulty: Difficulty, kind: CostKind, outcome: Answer): Scenario {
  const [lo, hi] = TARGET_BANDS[outcome];
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { cost, start, curvature } = draft(rng, kind, difficulty);
    const alpha = niceAlphaFor(rng.float(lo, hi), curvature, ROUND_BANDS[outcome]);
    if (alpha === undefined) continue;
    const scenario: Scenario = { cost, start, alpha };
    if (isFairRound(scenario, outcome)) return scenario;
  }
  return copyScenario(FALLBACK_ROUNDS[kind][outcome]);
}

/**
 * The order of outcomes in a deck: counts differ by at most one and no outcome comes three times in
 * a row. Built position by position, each choice kept only if the rest can still be placed.
 */
export function arrangeOutcomes(rng: Rng, rounds: number): Answer[] {
  const base = Math.floor(rounds / 3);
  const extra = rng.shuffle(ANSWERS).slice(0, rounds - 3 * base);
  const remaining = new Map<Answer, number>(ANSWERS.map((a) => [a, base + (extra.includes(a) ? 1 : 0)]));
  const order: Answer[] = [];
  for (let i = 0; i < rounds; i++) {
    const choice = rng.shuffle(ANSWERS).find((candidate) => {
      if ((remaining.get(candidate) ?? 0) === 0) return false;
      if (order.length >= 2 && order[i - 1] === candidate && order[i - 2] === candidate) return false;
      remaining.set(candidate, (remaining.get(candidate) ?? 0) - 1);
      const isPlaceable = canComplete(remaining, candidate, runLength([...order, candidate]));
      remaining.set(candidate, (remaining.get(candidate) ?? 0) + 1);
      return isPlaceable;
    });
    if (choice === undefined) break;
    remaining.set(choice, (remaining.get(choice) ?? 0) - 1);
    order.push(choice);
  }
  if (order.length === rounds) return order;
  // Unreachable with balanced counts; a cyclic order is always valid.
  const cycle = rng.shuffle(ANSWERS);
  return Array.from({ length: rounds }, (_, i) => cycle[i % 3] as Answer);
}

function runLength(order: readonly Answer[]): number {
  let n = 0;
  for (let i = order.length - 1; i >= 0 && order[i] === order[order.length - 1]; i--) n++;
  return n;
}

/**
 * Whether the remaining counts can follow a run of `run` × `last` without three in a row: the n
 * copies of an outcome need n ≤ 2·(others + 1) slots, minus the run it would extend.
 */
function canComplete(remaining: ReadonlyMap<Answer, number>, last: Answer, run: number): boolean {
  const total = [...remaining.values()].reduce((s, n) => s + n, 0);
  return ANSWERS.every((answer) => {
    const n = remaining.get(answer) ?? 0;
    const others = total - n;
    return n <= 2 * (others + 1) - (answer === last ? run : 0);
  });
}

/**
 * A deck of `rounds` rounds (1 to 50), deterministic from its seed: outcomes balanced and never three
 * alike in a row, cost kinds cycling through the difficulty's kinds in a shuffled order.
 */
export function generateDeck(seed: number, options: DeckOptions): Scenario[] {
  const { difficulty, rounds } = options;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > DECK_ROUNDS_LIMIT)
    throw new RangeError(`generateDeck: rounds must be an integer from 1 to ${DECK_ROUNDS_LIMIT}`);
  const rng = createRng(seed);
  const outcomes = arrangeOutcomes(rng, rounds);
  const kinds = rng.shuffle(KINDS_BY_DIFFICULTY[difficulty]);
  return outcomes.map((outcome, i) =>
    roundFrom(createRng(rng.int(0, 0xffffffff)), difficulty, kinds[i % kinds.length] ?? 'quadratic', outcome),
  );
}
