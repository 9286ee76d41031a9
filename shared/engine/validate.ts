// The engine's own check of what it is asked to run. parseScenario (schema.ts) is the door for
// untrusted input; these checks guard the engine's entry points (simulate, trajectory, sweepAlpha,
// targetAlpha, raceAlphas…) against a scenario that never went through it, so that a = 0 or an
// empty data set throws an error naming the field instead of returning a verdict built on NaN.
// Hand-written rather than a valibot parse because simulate runs per round on the server and per
// frame in the editor: a loop over the numbers costs far less than the simulation it guards. The
// limits and the messages live here once; the schema builds its messages from the same functions.
import { rules } from '../i18n/en/rules';
import { type Rule, rule, ruleText } from '../i18n/rules';
import type { Cost, CostKind, Scenario } from './types';

export const SCENARIO_LIMITS = {
  /** Largest |number| anywhere in a scenario. */
  maxMagnitude: 1e6,
  /** Smallest α, a, b or eigenvalue. */
  minPositive: 1e-6,
  /** |angle| in degrees. */
  maxAngleDegrees: 360,
  minPoints: 2,
  maxPoints: 500,
  /** max(x) − min(x) of a linreg data set: below it x counts as constant (no slope to fit). */
  minSpreadX: 1e-6,
} as const;

const { maxMagnitude, minPositive, maxAngleDegrees, minPoints, maxPoints, minSpreadX } = SCENARIO_LIMITS;

/** How many numbers θ has for each kind of cost. */
export const DIMENSIONS = { quadratic: 1, quartic: 1, bowl: 2, linreg: 2 } as const satisfies Record<
  CostKind,
  1 | 2
>;
const KINDS = Object.keys(DIMENSIONS).join(', ');

/**
 * Every rule a scenario check gives, shared by parseScenario and the engine's own checks: the rule's
 * id and parameters (the host page writes them in its language, shared/i18n/rules.ts) and its
 * English sentence (shared/i18n/en/rules.ts), which the engine's errors and the API say.
 */
export const SCENARIO_RULES = {
  finite: (field: string, each?: boolean) => rule('finite', { field, ...(each ? { each } : {}) }),
  between: (field: string, each?: boolean) =>
    rule('between', { field, ...(each ? { each } : {}), max: maxMagnitude }),
  positive: (field: string, each?: boolean) => rule('positive', { field, ...(each ? { each } : {}) }),
  atLeast: (field: string, each?: boolean) =>
    rule('atLeast', { field, ...(each ? { each } : {}), min: minPositive }),
  atMost: (field: string, each?: boolean, max: number = maxMagnitude) =>
    rule('atMost', { field, ...(each ? { each } : {}), max }),
  pairList: (field: string) => rule('pairList', { field }),
  pairLength: (field: string) => rule('pairLength', { field }),
  points: (field: string) => rule('points', { field, min: minPoints, max: maxPoints }),
  numbers: (field: string) => rule('numbers', { field }),
  angle: rule('angle', { max: maxAngleDegrees }),
  sameLength: rule('sameLength', {}),
  spread: rule('spread', {}),
  start: rule('start', {}),
  dimension: (kind: CostKind) => rule('dimension', { count: DIMENSIONS[kind], kind }),
  kindMissing: rule('kindMissing', { kinds: KINDS }),
  kind: rule('kind', { kinds: KINDS }),
  object: (field: string) => rule('object', { field }),
  missing: (field: string) => rule('missing', { field }),
  invalid: rule('invalid', {}),
} as const;

/** The English sentence of a scenario's rule: what the engine's errors and the API's `message` say. */
export const englishRule = (broken: Rule): string => ruleText(rules, null, broken);

/** What is wrong with a scenario: the field it is about ("cost.x"), the rule and its English sentence. */
export interface ScenarioIssue {
  field: string;
  error: string;
  rule: Rule;
}

const M = SCENARIO_RULES;
const issue = (field: string, broken: Rule): ScenarioIssue => ({
  field,
  error: englishRule(broken),
  rule: broken,
});

/** A number that must be finite and within ±maxMagnitude. */
function finiteIssue(x: unknown, field: string, each = false): ScenarioIssue | null {
  if (typeof x !== 'number' || !Number.isFinite(x)) return issue(field, M.finite(field, each));
  if (x < -maxMagnitude || x > maxMagnitude) return issue(field, M.between(field, each));
  return null;
}

/** A positive parameter (a, b, an eigenvalue, α in a scenario). */
function positiveIssue(x: unknown, field: string, each = false): ScenarioIssue | null {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) return issue(field, M.positive(field, each));
  if (x < minPositive) return issue(field, M.atLeast(field, each));
  if (x > maxMagnitude) return issue(field, M.atMost(field, each));
  return null;
}

/**
 * The largest α the engine runs. A deck's α is held to [minPositive, maxMagnitude] by parseScenario,
 * but the engine also runs α derived from a valid problem: students' guesses, the editor's 0.9·α*
 * and the reveal's runs beside α*, where α* = 2/λ_max reaches 2·10⁶. Up to 10⁹, with λ_max at most
 * about 10¹² (a linreg with |x| up to 10⁶), r = α·λ_max and the first step's cost stay far from
 * overflow. There is no lower limit: a tiny α only makes a slow, finite run.
 */
export const ENGINE_MAX_ALPHA = 1e9;

/** A learning rate the engine runs: finite, > 0 and at most `max`. */
function alphaIssue(
  alpha: unknown,
  field = 'alpha',
  each = false,
  max: number = ENGINE_MAX_ALPHA,
): ScenarioIssue | null {
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha <= 0)
    return issue(field, M.positive(field, each));
  if (alpha > max) return issue(field, M.atMost(field, each, max));
  return null;
}

function pairIssue(
  xs: unknown,
  field: string,
  item: (x: unknown, field: string, each: boolean) => ScenarioIssue | null,
): ScenarioIssue | null {
  if (!Array.isArray(xs)) return issue(field, M.pairList(field));
  if (xs.length !== 2) return issue(field, M.pairLength(field));
  return item(xs[0], field, true) ?? item(xs[1], field, true);
}

/** A list of finite numbers within ±maxMagnitude; the message is built only for a bad one. */
function listItemsIssue(xs: readonly unknown[], field: string): ScenarioIssue | null {
  // An indexed loop: for…of is several times slower here, and simulate pays it per call.
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (typeof x !== 'number' || !(x >= -maxMagnitude && x <= maxMagnitude))
      return finiteIssue(x, field, true);
  }
  return null;
}

function pointsIssue(xs: unknown, field: string): ScenarioIssue | null {
  if (!Array.isArray(xs)) return issue(field, M.points(field));
  return (
    listItemsIssue(xs, field) ??
    (xs.length < minPoints || xs.length > maxPoints ? issue(field, M.points(field)) : null)
  );
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** The cost's own fields, in the order parseScenario reports them. */
function costIssue(cost: Cost): ScenarioIssue | null {
  const raw: unknown = cost;
  if (!isRecord(raw) || Array.isArray(raw)) return issue('cost', M.object('cost'));
  switch (raw.kind) {
    case 'quadratic':
      return positiveIssue(raw.a, 'cost.a') ?? finiteIssue(raw.c, 'cost.c');
    case 'quartic':
      return positiveIssue(raw.b, 'cost.b');
    case 'bowl': {
      const found =
        pairIssue(raw.eigenvalues, 'cost.eigenvalues', positiveIssue) ?? finiteIssue(raw.angle, 'cost.angle');
      if (found !== null) return found;
      if (typeof raw.angle === 'number' && Math.abs(raw.angle) > maxAngleDegrees)
        return issue('cost.angle', M.angle);
      return pairIssue(raw.center, 'cost.center', finiteIssue);
    }
    case 'linreg': {
      const found = pointsIssue(raw.x, 'cost.x') ?? pointsIssue(raw.y, 'cost.y');
      if (found !== null) return found;
      const x = raw.x as readonly number[];
      if (x.length !== (raw.y as readonly number[]).length) return issue('cost.y', M.sameLength);
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < x.length; i++) {
        const xi = x[i] ?? 0;
        if (xi < min) min = xi;
        if (xi > max) max = xi;
      }
      return max - min >= minSpreadX ? null : issue('cost.x', M.spread);
    }
    case undefined:
      return issue('cost.kind', M.kindMissing);
    default:
      return issue('cost.kind', M.kind);
  }
}

function startIssue(start: unknown): ScenarioIssue | null {
  if (!Array.isArray(start)) return issue('start', M.start);
  return (
    listItemsIssue(start, 'start') ?? (start.length < 1 || start.length > 2 ? issue('start', M.start) : null)
  );
}

function dimensionIssue(cost: Cost, start: readonly number[]): ScenarioIssue | null {
  return start.length === DIMENSIONS[cost.kind] ? null : issue('start', M.dimension(cost.kind));
}

/** A cost and a start (a problem without α): the first thing wrong, or null. */
export function problemIssue(problem: Omit<Scenario, 'alpha'>): ScenarioIssue | null {
  const raw: unknown = problem;
  if (!isRecord(raw)) return issue('', M.object('scenario'));
  return costIssue(problem.cost) ?? startIssue(problem.start) ?? dimensionIssue(problem.cost, problem.start);
}

/** A whole scenario as the engine runs it: as parseScenario, except for α's limits (ENGINE_MAX_ALPHA). */
export function scenarioIssue(scenario: Scenario): ScenarioIssue | null {
  const raw: unknown = scenario;
  if (!isRecord(raw)) return issue('', M.object('scenario'));
  return (
    costIssue(scenario.cost) ??
    startIssue(scenario.start) ??
    alphaIssue(scenario.alpha) ??
    dimensionIssue(scenario.cost, scenario.start)
  );
}

/** Thrown by an engine entry point given what parseScenario would refuse: a bug in the caller. */
export class InvalidScenarioError extends RangeError {
  readonly field: string;
  readonly rule: Rule;
  constructor(caller: string, found: ScenarioIssue) {
    super(`${caller}: ${found.error}`);
    this.name = 'InvalidScenarioError';
    this.field = found.field;
    this.rule = found.rule;
  }
}

export function assertScenario(caller: string, scenario: Scenario): void {
  const found = scenarioIssue(scenario);
  if (found !== null) throw new InvalidScenarioError(caller, found);
}

export function assertProblem(caller: string, problem: Omit<Scenario, 'alpha'>): void {
  const found = problemIssue(problem);
  if (found !== null) throw new InvalidScenarioError(caller, found);
}

/**
 * Learning rates an entry point takes beside a problem (a race's options, a sweep). `max` is
 * ENGINE_MAX_ALPHA for α that are simulated; a sweep only compares α·λ_max with 1 and 2, so any
 * finite α will do there.
 */
export function assertAlphas(
  caller: string,
  alphas: readonly number[],
  field = 'alphas',
  max: number = ENGINE_MAX_ALPHA,
): void {
  if (!Array.isArray(alphas)) throw new InvalidScenarioError(caller, issue(field, M.numbers(field)));
  for (const alpha of alphas) {
    const found = alphaIssue(alpha, field, true, max);
    if (found !== null) throw new InvalidScenarioError(caller, found);
  }
}
