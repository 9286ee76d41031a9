// Random scenarios for the property tests, built so the deciding ratio is known by construction and
// kept away from the boundaries 1 and 2 when a finite trajectory has to show the rule.
import fc from 'fast-check';
import { hessianEigen, minimumOf } from '../../shared/engine/index';
import type { Cost, Outcome, Scenario } from '../../shared/engine/types';

/** Failures replay with this seed (fc.assert prints the path to shrink from). */
export const PROPERTY_SEED = 20251125;
export const PROPERTY_RUNS = 2000;
export const propertyOptions = { numRuns: PROPERTY_RUNS, seed: PROPERTY_SEED } as const;

export const finite = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Log-uniform positive numbers in [min, max]. */
export const positive = (min: number, max: number) =>
  finite(Math.log(min), Math.log(max)).map((t) => Math.min(max, Math.max(min, Math.exp(t))));

/** r away from 1 and 2 by at least 0.05, in each regime. */
export const ratioIn = {
  converges: finite(0.01, 0.95),
  zigzag: finite(1.05, 1.95),
  diverges: finite(2.05, 4),
} as const;

export type Regime = keyof typeof ratioIn;
export const regime = fc.constantFrom<Regime>('converges', 'zigzag', 'diverges');

/** An eigen-coordinate that is clearly non-zero: [0.5, 10] in size, either sign. */
const component = fc
  .tuple(fc.boolean(), finite(0.5, 10))
  .map(([isNegative, size]) => (isNegative ? -size : size));

/** θ* + Σ zᵢ vᵢ: a start with the given eigen-coordinates. */
export function startFrom(cost: Cost, z: readonly number[]): number[] {
  const { vectors } = hessianEigen(cost);
  return minimumOf(cost).map((m, j) => vectors.reduce((sum, v, i) => sum + (v[j] ?? 0) * (z[i] ?? 0), m));
}

const bowlCost = fc
  .record({
    lambdaMin: positive(0.05, 20),
    condition: positive(1, 20),
    angle: finite(-360, 360),
    center: fc.tuple(finite(-50, 50), finite(-50, 50)),
    isSwapped: fc.boolean(),
  })
  .map(({ lambdaMin, condition, angle, center, isSwapped }): Cost => {
    const lambdaMax = lambdaMin * condition;
    return {
      kind: 'bowl',
      eigenvalues: isSwapped ? [lambdaMax, lambdaMin] : [lambdaMin, lambdaMax],
      angle,
      center,
    };
  });

const linregCost = fc
  .integer({ min: 2, max: 30 })
  .chain((m) =>
    fc.record({
      x: fc.array(finite(-10, 10), { minLength: m, maxLength: m }),
      y: fc.array(finite(-50, 50), { minLength: m, maxLength: m }),
    }),
  )
  .filter(({ x }) => Math.max(...x) - Math.min(...x) >= 0.5)
  .map(({ x, y }): Cost => ({ kind: 'linreg', x, y }));

export interface RatedScenario {
  scenario: Scenario;
  /** The r the scenario was built for: α = r/λ_max. */
  ratio: number;
  regime: Regime;
}

/** A 1-D parabola with r in the regime. */
export const quadraticScenario: fc.Arbitrary<RatedScenario> = regime.chain((name) =>
  fc
    .record({
      a: positive(0.01, 100),
      c: finite(-100, 100),
      offset: fc.tuple(fc.boolean(), finite(0.01, 100)),
      ratio: ratioIn[name],
    })
    .map(({ a, c, offset: [isNegative, size], ratio }) => ({
      scenario: {
        cost: { kind: 'quadratic', a, c },
        start: [c + (isNegative ? -size : size)],
        alpha: ratio / a,
      },
      ratio,
      regime: name,
    })),
);

/** A bowl or a linear regression with r = α·λ_max in the regime and both eigen-coordinates non-zero. */
export const valleyScenario: fc.Arbitrary<RatedScenario> = fc
  .tuple(regime, fc.oneof(bowlCost, linregCost))
  .chain(([name, cost]) =>
    fc.record({ ratio: ratioIn[name], z: fc.tuple(component, component) }).map(({ ratio, z }) => {
      const lambdaMax = Math.max(...hessianEigen(cost).values);
      return { scenario: { cost, start: startFrom(cost, z), alpha: ratio / lambdaMax }, ratio, regime: name };
    }),
  );

/** Any valid scenario, parameters across the whole allowed range (1e-6 to 1e6). */
export const anyScenario: fc.Arbitrary<Scenario> = fc.oneof(
  fc
    .record({
      a: positive(1e-6, 1e6),
      c: finite(-1e6, 1e6),
      start: finite(-1e6, 1e6),
      alpha: positive(1e-6, 1e6),
    })
    .map(
      ({ a, c, start, alpha }): Scenario => ({ cost: { kind: 'quadratic', a, c }, start: [start], alpha }),
    ),
  fc
    .record({ b: positive(1e-6, 1e6), start: finite(-1e6, 1e6), alpha: positive(1e-6, 1e6) })
    .map(({ b, start, alpha }): Scenario => ({ cost: { kind: 'quartic', b }, start: [start], alpha })),
  fc
    .record({
      l1: positive(1e-6, 1e6),
      l2: positive(1e-6, 1e6),
      angle: finite(-360, 360),
      center: fc.tuple(finite(-1e6, 1e6), finite(-1e6, 1e6)),
      start: fc.tuple(finite(-1e6, 1e6), finite(-1e6, 1e6)),
      alpha: positive(1e-6, 1e6),
    })
    .map(
      ({ l1, l2, angle, center, start, alpha }): Scenario => ({
        cost: { kind: 'bowl', eigenvalues: [l1, l2], angle, center },
        start,
        alpha,
      }),
    ),
  fc
    .record({
      points: fc.array(fc.tuple(finite(-1e6, 1e6), finite(-1e6, 1e6)), { minLength: 2, maxLength: 40 }),
      start: fc.tuple(finite(-1e6, 1e6), finite(-1e6, 1e6)),
      alpha: positive(1e-6, 1e6),
    })
    .filter(({ points }) => {
      const x = points.map((p) => p[0]);
      return Math.max(...x) - Math.min(...x) >= 1e-6;
    })
    .map(
      ({ points, start, alpha }): Scenario => ({
        cost: { kind: 'linreg', x: points.map((p) => p[0]), y: points.map((p) => p[1]) },
        start,
        alpha,
      }),
    ),
);

/**
 * The quartic's first-step rule of DESIGN.md, written independently of the engine: s = α(θ₀² + b);
 * s < 1 converges, s = 1 lands on 0, 1 < s < 2 zig-zags, s = 2 bounces, s > 2 diverges; θ₀ = 0 never
 * moves. "= 1" and "= 2" up to the engine's documented relative tolerance of 1e-12.
 */
export function quarticOracle(b: number, theta0: number, alpha: number): Outcome {
  if (theta0 === 0) return 'converges';
  const s = alpha * (theta0 * theta0 + b);
  if (Math.abs(s - 1) <= 1e-12) return 'converges';
  if (Math.abs(s - 2) <= 2e-12) return 'oscillates';
  if (s < 1) return 'converges';
  if (s < 2) return 'zigzag';
  return 'diverges';
}
