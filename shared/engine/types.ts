// The engine's public data types. Plain JSON shapes: a Scenario is also the format in which
// instructors write and share decks (docs/scenarios.md), and every type here crosses the wire.
import type { Rule } from '../i18n/rules';

/** J(θ) = a/2 (θ − c)², a > 0 */
export interface QuadraticCost {
  kind: 'quadratic';
  a: number;
  c: number;
}

/** J(θ) = θ⁴/4 + b θ²/2, b > 0: the minimum is at 0 and the start decides the outcome. */
export interface QuarticCost {
  kind: 'quartic';
  b: number;
}

/**
 * J(θ) = ½ (θ − center)ᵀ H (θ − center), H = R(angle) diag(λ₁, λ₂) R(angle)ᵀ.
 * `angle` in degrees, eigenvalues > 0 in either order.
 */
export interface BowlCost {
  kind: 'bowl';
  eigenvalues: [number, number];
  angle: number;
  center: [number, number];
}

/** J(θ₀, θ₁) = 1/(2m) Σ (θ₀ + θ₁ xᵢ − yᵢ)²: the lecture's cost, with the ½. 2 to 500 points. */
export interface LinregCost {
  kind: 'linreg';
  x: number[];
  y: number[];
}

export type Cost = QuadraticCost | QuarticCost | BowlCost | LinregCost;
export type CostKind = Cost['kind'];

export interface Scenario {
  cost: Cost;
  /** θ at iteration 0: one number for quadratic and quartic, two for bowl and linreg. */
  start: number[];
  /** The learning rate α > 0. */
  alpha: number;
}

/** What gradient descent does. `oscillates` is only the exact r = 2 bounce; students never pick it. */
export type Outcome = 'converges' | 'zigzag' | 'diverges' | 'oscillates';
/** The three answers students choose from. */
export type Answer = 'converges' | 'zigzag' | 'diverges';
export const ANSWERS = ['converges', 'zigzag', 'diverges'] as const satisfies readonly Answer[];

export interface Step {
  theta: number[];
  cost: number;
}

export type Difficulty = 'easy' | 'medium' | 'hard';
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const satisfies readonly Difficulty[];

/** The engine's verdict on one scenario and the trajectory that shows it. */
export interface Simulation {
  outcome: Outcome;
  /** steps[0] is the start; every number finite. A diverging run stops before overflow. */
  steps: Step[];
  /** |θₖ − θ*| (Euclidean) for every step, same length as `steps`. */
  distances: number[];
  /**
   * Why, as a message id and the numbers that decide the outcome: each app writes it in its
   * language (shared/i18n/en/engine.ts and its translations), numbers formatted for that language.
   */
  explanation: Explanation;
  /** θ*, the minimiser, and J(θ*). */
  minimum: number[];
  minimumCost: number;
  dimension: 1 | 2;
  /**
   * The number that decides: r = α·λ_max for the quadratic kinds (λ_max = a in 1-D),
   * s = α(θ₀² + b) for the quartic.
   */
  ratio: number;
  /** How `ratio` is written for people: "α·J″" (J″ = a), "α·λ_max" or "α(θ₀² + b)". */
  ratioLabel: string;
  /** Hessian eigenvalues, ascending (quadratic kinds; for the quartic, J''(0) = b alone). */
  eigenvalues: number[];
  /**
   * α thresholds for this cost and start: above `zigzagFrom` steps overshoot, above `divergeFrom`
   * they diverge. 1/λ_max and 2/λ_max for the quadratic kinds, 1/(θ₀² + b) and 2/(θ₀² + b) for the
   * quartic. `fastest` is 2/(λ_min + λ_max) for quadratics (1/λ for 1-D).
   */
  thresholds: { zigzagFrom: number; divergeFrom: number; fastest?: number };
}

/** Hessian eigenvalues, ascending, with unit eigenvectors: `vectors[i]` belongs to `values[i]`. */
export interface HessianEigen {
  values: number[];
  vectors: number[][];
}

export interface SimulateOptions {
  /** Gradient steps drawn at most (the start is not a step); 40 by default. */
  maxSteps?: number;
}

export type ScenarioParse =
  | { ok: true; scenario: Scenario }
  /** `rule`: the broken rule's id and parameters, to say it in another language (shared/i18n/rules.ts). */
  | { ok: false; error: string; field: string; rule: Rule };

export interface RoundOptions {
  difficulty: Difficulty;
  /** The outcome the round must show; drawn from the seed when absent. */
  outcome?: Answer;
  /** The cost kind; drawn from the difficulty's kinds when absent. */
  kind?: CostKind;
}

export interface DeckOptions {
  difficulty: Difficulty;
  /** 1 to 50. */
  rounds: number;
}

/** A deck as instructors share it: docs/scenarios.md. */
export interface ScenarioDeck {
  title: string;
  rounds: Scenario[];
}

/**
 * The facts an explanation quotes, plain JSON (a count that is infinite travels as null): the
 * sentence itself is built by the language's catalog.
 */
export type Explanation =
  | { id: 'line'; params: LineFacts }
  | { id: 'valley'; params: ValleyFacts }
  | { id: 'quartic'; params: QuarticFacts };

interface DecidingFacts {
  alpha: number;
  outcome: Outcome;
  /** r = α·λ_max, snapped to its boundaries. */
  ratio: number;
  /** λ_max (J″ in 1-D). */
  curvature: number;
  /** The start is the minimum: no step moves. */
  atMinimum: boolean;
  /** Steps to 1/1000 of the start distance; null when the run does not get there. */
  steps: number | null;
}

/** A parabola. */
export interface LineFacts extends DecidingFacts {
  start: number;
  minimum: number;
}

/** A 2-D quadratic form. */
export interface ValleyFacts extends DecidingFacts {
  /** λ_min = λ_max: a round bowl, where every direction is steep. */
  round: boolean;
  /** The start has no component along the steep direction, which would decide. */
  hidden: boolean;
  /** The direction that sets a converging run's pace, and its factor |1 − α·λ|. */
  pace: { by: 'distance' | 'steep' | 'slow'; factor: number };
  /** A diverging run's first steps that still get closer. */
  closerSteps: number;
}

/** θ⁴/4 + bθ²/2, from θ₀. */
export interface QuarticFacts {
  alpha: number;
  outcome: Outcome;
  theta0: number;
  b: number;
  /** s = α(θ₀² + b). */
  ratio: number;
  /** How often a zig-zag crosses 0 before it slides in; null for ever. */
  crossings: number | null;
}
