// The scenario format on the wire and in deck files. Limits keep every simulation finite: with
// all numbers within ±1e6 and positive ones at least 1e-6, r = α·λ and the thresholds 1/λ, 2/λ
// stay far from overflow, and a diverging run is cut at 1e6 × its start distance.
import * as v from 'valibot';
import type { Rule } from '../i18n/rules';
import type { Scenario, ScenarioParse } from './types';
import { DIMENSIONS, englishRule, SCENARIO_LIMITS, SCENARIO_RULES } from './validate';

export { SCENARIO_LIMITS } from './validate';

const { maxMagnitude, minPositive, maxAngleDegrees, minPoints, maxPoints, minSpreadX } = SCENARIO_LIMITS;
const R = SCENARIO_RULES;

/**
 * Valibot carries a message as a string: each rule's sentence is kept with its rule, so that a
 * refusal gives back the rule too. The schema makes a bounded set of them (its fields, four kinds).
 */
const RULE_OF = new Map<string, Rule>();
function said(broken: Rule): string {
  const text = englishRule(broken);
  RULE_OF.set(text, broken);
  return text;
}
const M = {
  finite: (name: string, each?: boolean) => said(R.finite(name, each)),
  between: (name: string, each?: boolean) => said(R.between(name, each)),
  positive: (name: string, each?: boolean) => said(R.positive(name, each)),
  atLeast: (name: string, each?: boolean) => said(R.atLeast(name, each)),
  atMost: (name: string, each?: boolean) => said(R.atMost(name, each)),
  pairList: (name: string) => said(R.pairList(name)),
  pairLength: (name: string) => said(R.pairLength(name)),
  points: (name: string) => said(R.points(name)),
  angle: said(R.angle),
  sameLength: said(R.sameLength),
  spread: said(R.spread),
  start: said(R.start),
  dimension: (kind: keyof typeof DIMENSIONS) => said(R.dimension(kind)),
  kindMissing: said(R.kindMissing),
  kind: said(R.kind),
  cost: said(R.object('cost')),
  object: (name: string) => said(R.object(name)),
  missing: (name: string) => said(R.missing(name)),
  invalid: said(R.invalid),
};

/** A number that must be finite and within ±maxMagnitude; `each` for each number of list `name`. */
function finiteNumber(name: string, each?: boolean) {
  const message = M.finite(name, each);
  return v.pipe(
    v.number(message),
    v.finite(message),
    v.minValue(-maxMagnitude, M.between(name, each)),
    v.maxValue(maxMagnitude, M.between(name, each)),
  );
}

/** A positive parameter (α, a, b, an eigenvalue). */
function positiveNumber(name: string, each?: boolean) {
  const message = M.positive(name, each);
  return v.pipe(
    v.number(message),
    v.finite(message),
    v.gtValue(0, message),
    v.minValue(minPositive, M.atLeast(name, each)),
    v.maxValue(maxMagnitude, M.atMost(name, each)),
  );
}

/** An object whose missing keys are reported as "<prefix><key> is missing". */
function objectOf<const T extends v.ObjectEntries>(prefix: string, what: string, entries: T) {
  return v.object(entries, (issue) => {
    const key = issue.path?.[issue.path.length - 1]?.key;
    return key === undefined ? M.object(what) : M.missing(`${prefix}${String(key)}`);
  });
}

function pair(name: string, item: v.GenericSchema<unknown, number>) {
  return v.pipe(
    v.array(item, M.pairList(name)),
    v.length(2, M.pairLength(name)),
    v.transform((xs): [number, number] => [xs[0] ?? 0, xs[1] ?? 0]),
  );
}

function points(name: string) {
  const message = M.points(name);
  return v.pipe(
    v.array(finiteNumber(name, true), message),
    v.minLength(minPoints, message),
    v.maxLength(maxPoints, message),
  );
}

const QuadraticCostSchema = objectOf('cost.', 'cost', {
  kind: v.literal('quadratic'),
  a: positiveNumber('cost.a'),
  c: finiteNumber('cost.c'),
});

const QuarticCostSchema = objectOf('cost.', 'cost', {
  kind: v.literal('quartic'),
  b: positiveNumber('cost.b'),
});

const BowlCostSchema = objectOf('cost.', 'cost', {
  kind: v.literal('bowl'),
  eigenvalues: pair('cost.eigenvalues', positiveNumber('cost.eigenvalues', true)),
  angle: v.pipe(
    finiteNumber('cost.angle'),
    v.minValue(-maxAngleDegrees, M.angle),
    v.maxValue(maxAngleDegrees, M.angle),
  ),
  center: pair('cost.center', finiteNumber('cost.center', true)),
});

const LinregCostSchema = v.pipe(
  objectOf('cost.', 'cost', { kind: v.literal('linreg'), x: points('cost.x'), y: points('cost.y') }),
  v.forward(
    v.check((cost) => cost.x.length === cost.y.length, M.sameLength),
    ['y'],
  ),
  v.forward(
    v.check((cost) => Math.max(...cost.x) - Math.min(...cost.x) >= minSpreadX, M.spread),
    ['x'],
  ),
);

const CostSchema = v.variant(
  'kind',
  [QuadraticCostSchema, QuarticCostSchema, BowlCostSchema, LinregCostSchema],
  (issue) => {
    if (issue.path === undefined || issue.path.length === 0) return M.cost;
    return issue.received === 'undefined' ? M.kindMissing : M.kind;
  },
);

/**
 * A scenario: strict on numbers (finite, bounded), array lengths and the start's dimension for the
 * cost kind; unknown keys are stripped. Messages name the field, e.g. "alpha must be a number
 * greater than 0".
 */
export const ScenarioSchema = v.pipe(
  objectOf('', 'scenario', {
    cost: CostSchema,
    start: v.pipe(
      v.array(finiteNumber('start', true), M.start),
      v.minLength(1, M.start),
      v.maxLength(2, M.start),
    ),
    alpha: positiveNumber('alpha'),
  }),
  v.forward(
    v.check(
      (scenario) => scenario.start.length === DIMENSIONS[scenario.cost.kind],
      (issue) => M.dimension((issue.input as { cost: { kind: keyof typeof DIMENSIONS } }).cost.kind),
    ),
    ['start'],
  ),
);

// The schema's output must stay assignable to the hand-written Scenario type.
const isScenarioOutput = (s: v.InferOutput<typeof ScenarioSchema>): Scenario => s;
void isScenarioOutput;

/** "cost.x" for the path cost → x → 3: array positions are left out, the message names them. */
function fieldOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? [])
    .map((item) => item.key)
    .filter((key): key is string => typeof key === 'string')
    .join('.');
}

/** Validates untrusted input; the first problem is reported with the field it is about. */
export function parseScenario(input: unknown): ScenarioParse {
  const result = v.safeParse(ScenarioSchema, input);
  if (result.success) return { ok: true, scenario: result.output };
  const [issue] = result.issues;
  if (issue === undefined) return { ok: false, error: M.invalid, field: '', rule: R.invalid };
  return {
    ok: false,
    error: issue.message,
    field: fieldOf(issue),
    rule: RULE_OF.get(issue.message) ?? R.invalid,
  };
}
