// The engine's entry points take only valid scenarios: what parseScenario refuses, simulate and the
// others refuse too, with the same message naming the same field, instead of a verdict built on NaN.
// And whatever they return for a valid scenario holds no NaN, and Infinity only where the types say.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ENGINE_MAX_ALPHA,
  InvalidScenarioError,
  type Problem,
  parseScenario,
  raceAlphas,
  raceRuns,
  scenarioIssue,
  simulate,
  sweepAlpha,
  targetAlpha,
  trajectory,
} from '../../shared/engine/index';
import type { Scenario } from '../../shared/engine/types';
import { englishRule } from '../../shared/engine/validate';
import { english } from '../helpers/english';
import { anyScenario, positive, propertyOptions } from './arbitraries';

const SLOW = { timeout: 120_000 };

/** Scenarios a caller could build by hand that parseScenario refuses, with the field to blame. */
const invalid: { name: string; scenario: Scenario; field: string; error: string }[] = [
  {
    name: 'a quadratic with a = 0',
    scenario: { cost: { kind: 'quadratic', a: 0, c: 1 }, start: [3], alpha: 0.1 },
    field: 'cost.a',
    error: 'cost.a must be a number greater than 0',
  },
  {
    name: 'an empty data set',
    scenario: { cost: { kind: 'linreg', x: [], y: [] }, start: [0, 0], alpha: 0.1 },
    field: 'cost.x',
    error: 'cost.x must be a list of 2 to 500 numbers',
  },
  {
    name: 'x and y of different lengths',
    scenario: { cost: { kind: 'linreg', x: [1, 2, 3], y: [1, 2] }, start: [0, 0], alpha: 0.1 },
    field: 'cost.y',
    error: 'cost.y must have as many numbers as cost.x',
  },
  {
    name: 'a quartic with b < 0',
    scenario: { cost: { kind: 'quartic', b: -1 }, start: [1], alpha: 0.1 },
    field: 'cost.b',
    error: 'cost.b must be a number greater than 0',
  },
  {
    name: 'a constant x',
    scenario: { cost: { kind: 'linreg', x: [2, 2], y: [1, 3] }, start: [0, 0], alpha: 0.1 },
    field: 'cost.x',
    error: 'cost.x must contain at least two different values',
  },
  {
    name: 'a bowl with a NaN eigenvalue',
    scenario: {
      cost: { kind: 'bowl', eigenvalues: [Number.NaN, 1], angle: 0, center: [0, 0] },
      start: [1, 1],
      alpha: 0.1,
    },
    field: 'cost.eigenvalues',
    error: 'every number in cost.eigenvalues must be a number greater than 0',
  },
  {
    name: 'a start with Infinity',
    scenario: { cost: { kind: 'quadratic', a: 1, c: 0 }, start: [Number.POSITIVE_INFINITY], alpha: 0.1 },
    field: 'start',
    error: 'every number in start must be a finite number',
  },
  {
    name: 'a 2-D start for a 1-D cost',
    scenario: { cost: { kind: 'quadratic', a: 1, c: 0 }, start: [1, 2], alpha: 0.1 },
    field: 'start',
    error: 'start must have 1 number for a quadratic cost',
  },
  {
    name: 'α = 0',
    scenario: { cost: { kind: 'quadratic', a: 1, c: 0 }, start: [1], alpha: 0 },
    field: 'alpha',
    error: 'alpha must be a number greater than 0',
  },
];

/** Runs `call` and returns the InvalidScenarioError it throws. */
function refusal(call: () => unknown): InvalidScenarioError {
  try {
    call();
  } catch (error) {
    if (error instanceof InvalidScenarioError) return error;
    throw error;
  }
  throw new Error('expected an InvalidScenarioError, but the call returned');
}

describe('the engine refuses what parseScenario refuses, naming the field', () => {
  for (const { name, scenario, field, error } of invalid) {
    it(`${name}: parseScenario, simulate, trajectory, sweepAlpha, targetAlpha and raceAlphas all refuse it`, () => {
      const parsed = parseScenario(scenario);
      expect(parsed).toMatchObject({ ok: false, field, error });
      // The rule's id and parameters say the same sentence again (what a page in another language uses).
      expect(parsed.ok ? null : englishRule(parsed.rule)).toBe(error);
      const { alpha, ...problem } = scenario;
      const calls: [string, () => unknown][] = [
        ['simulate', () => simulate(scenario)],
        ['trajectory', () => trajectory(scenario)],
        ['sweepAlpha', () => sweepAlpha(scenario, [0.1])],
      ];
      if (field !== 'alpha')
        calls.push(
          ['targetAlpha', () => targetAlpha(problem)],
          ['raceAlphas', () => raceAlphas(problem, [0.1, 0.2, 0.3])],
          ['simulate', () => raceRuns(problem, [0.1], { iterations: [1], winner: 0, lead: 2 })],
        );
      for (const [caller, call] of calls) {
        const thrown = refusal(call);
        expect(thrown).toBeInstanceOf(RangeError);
        expect(thrown.message).toBe(`${caller}: ${error}`);
        expect(thrown.field).toBe(field);
        expect(parsed.ok ? null : thrown.rule).toEqual(parsed.ok ? null : parsed.rule);
      }
      void alpha;
    });
  }

  it('refuses a race option or a swept α that is not a positive finite number', () => {
    const problem: Problem = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5] };
    const race = refusal(() => raceAlphas(problem, [0.1, Number.NaN]));
    expect(race.message).toBe('raceAlphas: every number in alphas must be a number greater than 0');
    expect(race.field).toBe('alphas');
    expect(refusal(() => raceAlphas(problem, [0.1, 2e9])).message).toBe(
      'raceAlphas: every number in alphas must be at most 1000000000',
    );
    expect(refusal(() => sweepAlpha({ ...problem, alpha: 1 }, [-1])).field).toBe('alphas');
    // A sweep only compares α·λ_max with 1 and 2: a huge α is a verdict, not an overflow.
    expect(sweepAlpha({ ...problem, alpha: 1 }, [1e300])).toEqual(['diverges']);
  });

  it('runs an α outside the deck’s limits (a student guess, the editor’s 0.9·α*), which parseScenario refuses', () => {
    const tiny: Scenario = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 1e-9 };
    expect(parseScenario(tiny)).toMatchObject({ ok: false, field: 'alpha' });
    expect(simulate(tiny).outcome).toBe('converges');
    // a = 10⁻⁶ puts α* at 2·10⁶: the editor previews 0.9·α*, above the deck's α limit of 10⁶.
    const problem: Problem = { cost: { kind: 'quadratic', a: 1e-6, c: 0 }, start: [1] };
    const nearTarget = { ...problem, alpha: 0.9 * targetAlpha(problem) };
    expect(parseScenario(nearTarget)).toMatchObject({ ok: false, field: 'alpha' });
    expect(simulate(nearTarget).outcome).toBe('zigzag');
    expect(simulate({ ...problem, alpha: 1.1 * targetAlpha(problem) }).outcome).toBe('diverges');
  });
});

/** A valid scenario with one number replaced, or one list cut, to find each check's message. */
const BAD_NUMBERS = [0, -1, Number.NaN, Number.POSITIVE_INFINITY, -2e6, 2e6, 1e-7, 400];

function numberPaths(scenario: Scenario): (string | number)[][] {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'number') paths.push(path);
    else if (Array.isArray(value)) for (const [i, item] of value.entries()) walk(item, [...path, i]);
    else if (typeof value === 'object' && value !== null)
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(scenario, []);
  return paths;
}

function withNumber(scenario: Scenario, path: (string | number)[], value: number): Scenario {
  const copy: unknown = structuredClone(scenario);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] ?? ''] = value;
  return copy as Scenario;
}

describe('the engine’s checks and parseScenario agree', () => {
  it('on any valid scenario with one number made invalid: the same message and field', SLOW, () => {
    fc.assert(
      fc.property(anyScenario, fc.nat(), fc.constantFrom(...BAD_NUMBERS), (scenario, pick, bad) => {
        const paths = numberPaths(scenario);
        const path = paths[pick % paths.length] ?? [];
        const mutated = withNumber(scenario, path, bad);
        const parsed = parseScenario(mutated);
        const engine = scenarioIssue(mutated);
        if (path[0] === 'alpha' && bad > 0 && bad <= ENGINE_MAX_ALPHA) {
          // The one documented difference: the engine runs α outside the deck's limits.
          expect(engine).toBeNull();
          return;
        }
        if (parsed.ok) expect(engine).toBeNull();
        else expect(engine).toEqual({ field: parsed.field, error: parsed.error, rule: parsed.rule });
      }),
      { ...propertyOptions, numRuns: 1000 },
    );
  });

  it('on any valid scenario with a list cut or grown: the same message and field', SLOW, () => {
    fc.assert(
      fc.property(
        anyScenario,
        fc.constantFrom('x', 'y', 'start'),
        fc.integer({ min: 0, max: 3 }),
        (s, list, n) => {
          const mutated = structuredClone(s);
          const target =
            list === 'start'
              ? mutated.start
              : mutated.cost.kind === 'linreg'
                ? mutated.cost[list]
                : mutated.start;
          target.length = Math.min(target.length, n);
          while (target.length < n) target.push(1);
          const parsed = parseScenario(mutated);
          const engine = scenarioIssue(mutated);
          if (parsed.ok) expect(engine).toBeNull();
          else expect(engine).toEqual({ field: parsed.field, error: parsed.error, rule: parsed.rule });
        },
      ),
      { ...propertyOptions, numRuns: 500 },
    );
  });
});

/** Every number in a value, with where it sits ("steps.3.theta.0"). */
function numbersIn(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => numbersIn(item, `${path}.${i}`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => numbersIn(item, `${path}.${key}`));
  return [];
}

/** The numbers not finite, except at paths where the type allows Infinity. */
function nonFinite(value: unknown, infinityAllowedAt: RegExp = /^$/): [string, number][] {
  return numbersIn(value).filter(
    ([path, x]) => !Number.isFinite(x) && !(x === Number.POSITIVE_INFINITY && infinityAllowedAt.test(path)),
  );
}

describe('no NaN or Infinity leaves the engine', () => {
  it(
    'simulate and trajectory on any valid scenario: every number finite, as Simulation and Run promise',
    SLOW,
    () => {
      fc.assert(
        fc.property(
          anyScenario,
          fc.integer({ min: 0, max: 300 }),
          fc.option(positive(1e-12, ENGINE_MAX_ALPHA)),
          (parsed, maxSteps, alpha) => {
            // α from a deck, or anywhere else the engine takes one (a guess, 0.9·α*).
            const scenario = alpha === null ? parsed : { ...parsed, alpha };
            expect(nonFinite(simulate(scenario, { maxSteps }))).toEqual([]);
            expect(nonFinite(trajectory(scenario, { maxSteps }))).toEqual([]);
            expect(english(simulate(scenario).explanation)).not.toMatch(/NaN|∞/);
          },
        ),
        propertyOptions,
      );
    },
  );

  it(
    'targetAlpha is finite and > 0; a race’s iterations and lead are finite or Infinity (never there), nothing else',
    SLOW,
    () => {
      const options = fc.uniqueArray(positive(1e-12, ENGINE_MAX_ALPHA), { minLength: 1, maxLength: 4 });
      fc.assert(
        fc.property(anyScenario, options, ({ cost, start }, alphas) => {
          const problem = { cost, start };
          const target = targetAlpha(problem);
          expect(Number.isFinite(target) && target > 0).toBe(true);
          const race = raceAlphas(problem, alphas);
          expect(nonFinite(race, /^\.(iterations\.\d+|lead)$/)).toEqual([]);
          expect(race.winner === null || Number.isInteger(race.winner)).toBe(true);
          expect(nonFinite(raceRuns(problem, alphas, race))).toEqual([]);
        }),
        { ...propertyOptions, numRuns: 150 },
      );
    },
  );
});
