// Every way a scenario can be wrong is refused with the field named, in words a teacher can act on.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DECK, parseScenario, ScenarioSchema } from '../../shared/engine/index';

const quadratic = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.5 };
const quartic = { cost: { kind: 'quartic', b: 1 }, start: [2], alpha: 0.3 };
const bowl = {
  cost: { kind: 'bowl', eigenvalues: [1, 10], angle: 30, center: [0, 1] },
  start: [3, 4],
  alpha: 0.1,
};
const linreg = { cost: { kind: 'linreg', x: [0, 1, 2], y: [1, 3, 5] }, start: [0, 0], alpha: 0.1 };

/** A copy of `base` with one path replaced (or removed when value is `undefined` and remove is set). */
function edit(base: object, path: string, value: unknown, remove = false): unknown {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  let target = copy;
  for (const key of keys) target = target[key] as Record<string, unknown>;
  if (remove) delete target[last];
  else target[last] = value;
  return copy;
}

const invalid: [string, unknown, string, RegExp][] = [
  ['not an object', 'hello', '', /scenario must be an object/],
  ['null', null, '', /scenario must be an object/],
  ['alpha missing', edit(quadratic, 'alpha', undefined, true), 'alpha', /alpha is missing/],
  ['alpha 0', edit(quadratic, 'alpha', 0), 'alpha', /^alpha must be a number greater than 0$/],
  ['alpha negative', edit(quadratic, 'alpha', -0.1), 'alpha', /^alpha must be a number greater than 0$/],
  ['alpha NaN', edit(quadratic, 'alpha', Number.NaN), 'alpha', /^alpha must be a number greater than 0$/],
  ['alpha Infinity', edit(quadratic, 'alpha', Number.POSITIVE_INFINITY), 'alpha', /greater than 0/],
  ['alpha a string', edit(quadratic, 'alpha', '0.5'), 'alpha', /greater than 0/],
  ['alpha absurd', edit(quadratic, 'alpha', 1e7), 'alpha', /alpha must be at most 1000000/],
  ['alpha tiny', edit(quadratic, 'alpha', 1e-9), 'alpha', /alpha must be at least 0.000001/],
  ['cost missing', edit(quadratic, 'cost', undefined, true), 'cost', /cost is missing/],
  ['cost a string', edit(quadratic, 'cost', 'quadratic'), 'cost', /cost must be an object/],
  ['kind missing', edit(quadratic, 'cost.kind', undefined, true), 'cost.kind', /cost.kind is missing/],
  [
    'kind unknown',
    edit(quadratic, 'cost.kind', 'cubic'),
    'cost.kind',
    /cost.kind must be one of quadratic, quartic/,
  ],
  ['a 0', edit(quadratic, 'cost.a', 0), 'cost.a', /^cost.a must be a number greater than 0$/],
  ['a negative', edit(quadratic, 'cost.a', -2), 'cost.a', /cost.a must be a number greater than 0/],
  ['a missing', edit(quadratic, 'cost.a', undefined, true), 'cost.a', /cost.a is missing/],
  ['c NaN', edit(quadratic, 'cost.c', Number.NaN), 'cost.c', /cost.c must be a finite number/],
  ['c absurd', edit(quadratic, 'cost.c', -2e6), 'cost.c', /cost.c must be between -1000000 and 1000000/],
  ['b 0', edit(quartic, 'cost.b', 0), 'cost.b', /^cost.b must be a number greater than 0$/],
  ['b negative', edit(quartic, 'cost.b', -1), 'cost.b', /cost.b must be a number greater than 0/],
  ['b missing', edit(quartic, 'cost.b', undefined, true), 'cost.b', /cost.b is missing/],
  ['eigenvalue 0', edit(bowl, 'cost.eigenvalues', [0, 1]), 'cost.eigenvalues', /greater than 0/],
  ['eigenvalue negative', edit(bowl, 'cost.eigenvalues', [1, -3]), 'cost.eigenvalues', /greater than 0/],
  [
    'one eigenvalue',
    edit(bowl, 'cost.eigenvalues', [1]),
    'cost.eigenvalues',
    /cost.eigenvalues must have 2 numbers/,
  ],
  ['three eigenvalues', edit(bowl, 'cost.eigenvalues', [1, 2, 3]), 'cost.eigenvalues', /must have 2 numbers/],
  ['eigenvalues a number', edit(bowl, 'cost.eigenvalues', 4), 'cost.eigenvalues', /list of 2 numbers/],
  ['angle NaN', edit(bowl, 'cost.angle', Number.NaN), 'cost.angle', /cost.angle must be a finite number/],
  ['angle huge', edit(bowl, 'cost.angle', 720), 'cost.angle', /between -360 and 360 degrees/],
  ['center short', edit(bowl, 'cost.center', [1]), 'cost.center', /cost.center must have 2 numbers/],
  ['center Infinity', edit(bowl, 'cost.center', [1, Number.NEGATIVE_INFINITY]), 'cost.center', /finite/],
  ['x and y lengths differ', edit(linreg, 'cost.y', [1, 3]), 'cost.y', /as many numbers as cost.x/],
  ['one point', { ...linreg, cost: { kind: 'linreg', x: [1], y: [2] } }, 'cost.x', /2 to 500 numbers/],
  [
    '501 points',
    {
      ...linreg,
      cost: { kind: 'linreg', x: Array.from({ length: 501 }, (_, i) => i), y: Array(501).fill(0) },
    },
    'cost.x',
    /2 to 500 numbers/,
  ],
  ['x all equal', edit(linreg, 'cost.x', [2, 2, 2]), 'cost.x', /at least two different values/],
  [
    'y NaN',
    edit(linreg, 'cost.y', [1, Number.NaN, 5]),
    'cost.y',
    /every number in cost.y must be a finite number/,
  ],
  ['x missing', edit(linreg, 'cost.x', undefined, true), 'cost.x', /cost.x is missing/],
  ['start missing', edit(quadratic, 'start', undefined, true), 'start', /start is missing/],
  ['start a number', edit(quadratic, 'start', 5), 'start', /start must be a list/],
  ['start empty', edit(quadratic, 'start', []), 'start', /start must be a list of 1 or 2 numbers/],
  [
    'start 2-D for a quadratic',
    edit(quadratic, 'start', [1, 2]),
    'start',
    /^start must have 1 number for a quadratic cost$/,
  ],
  [
    'start 2-D for a quartic',
    edit(quartic, 'start', [1, 2]),
    'start',
    /^start must have 1 number for a quartic cost$/,
  ],
  ['start 1-D for a bowl', edit(bowl, 'start', [1]), 'start', /^start must have 2 numbers for a bowl cost$/],
  [
    'start 1-D for linreg',
    edit(linreg, 'start', [1]),
    'start',
    /^start must have 2 numbers for a linreg cost$/,
  ],
  [
    'start NaN',
    edit(quadratic, 'start', [Number.NaN]),
    'start',
    /every number in start must be a finite number/,
  ],
  ['start absurd', edit(bowl, 'start', [0, 1e9]), 'start', /between -1000000 and 1000000/],
];

describe('parseScenario', () => {
  it.each(invalid)('refuses %s, naming the field', (_, input, field, message) => {
    const result = parseScenario(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.field).toBe(field);
    expect(result.error).toMatch(message);
  });

  it.each([
    ['quadratic', quadratic],
    ['quartic', quartic],
    ['bowl', bowl],
    ['linreg', linreg],
  ])('accepts a valid %s scenario unchanged', (_, input) => {
    expect(parseScenario(input)).toEqual({ ok: true, scenario: input });
  });

  it('accepts eigenvalues in either order and negative angles', () => {
    expect(parseScenario(edit(bowl, 'cost.eigenvalues', [10, 1])).ok).toBe(true);
    expect(parseScenario(edit(bowl, 'cost.angle', -45)).ok).toBe(true);
  });

  it('strips unknown keys at every level', () => {
    const result = parseScenario({ ...quadratic, seconds: 30, cost: { ...quadratic.cost, note: 'x' } });
    expect(result).toEqual({ ok: true, scenario: quadratic });
  });

  it('accepts every round of the built-in deck', () => {
    for (const round of BUILTIN_DECK.rounds) expect(parseScenario(round).ok).toBe(true);
  });

  it('is a valibot schema a deck schema can extend with "seconds"', () => {
    const Round = v.intersect([ScenarioSchema, v.object({ seconds: v.optional(v.number()) })]);
    expect(v.parse(Round, { ...quartic, seconds: 20 })).toEqual({ ...quartic, seconds: 20 });
    expect(v.safeParse(ScenarioSchema, edit(quartic, 'alpha', -1)).success).toBe(false);
  });
});
