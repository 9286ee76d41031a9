// Property tests: thousands of random scenarios against the rules of DESIGN.md. The seed is fixed
// (PROPERTY_SEED) so a failure replays; fast-check prints the counterexample and its path.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  eigenComponents,
  gradientAt,
  hessianEigen,
  minimumOf,
  parseScenario,
  simulate,
  sweepAlpha,
} from '../../shared/engine/index';
import type { Scenario, Simulation } from '../../shared/engine/types';
import { english } from '../helpers/english';
import {
  anyScenario,
  finite,
  positive,
  propertyOptions,
  quadraticScenario,
  quarticOracle,
  type RatedScenario,
  valleyScenario,
} from './arbitraries';

const SLOW = { timeout: 120_000 };

/** Every step is θ − α∇J(θ) of the step before, up to rounding relative to the numbers involved. */
function expectGradientSteps({ cost, alpha }: Scenario, sim: Simulation): void {
  const minimum = minimumOf(cost);
  for (let k = 0; k + 1 < sim.steps.length; k++) {
    const theta = sim.steps[k]?.theta ?? [];
    const next = sim.steps[k + 1]?.theta ?? [];
    const g = gradientAt(cost, theta);
    const expected = theta.map((t, i) => t - alpha * (g[i] ?? 0));
    const scale = 1 + Math.hypot(...theta) + alpha * Math.hypot(...g) + Math.hypot(...minimum);
    const error = Math.hypot(...next.map((t, i) => t - (expected[i] ?? 0)));
    expect(error).toBeLessThanOrEqual(1e-9 * scale);
  }
}

function expectWellFormed(scenario: Scenario, sim: Simulation): void {
  expect(sim.steps[0]?.theta).toEqual(scenario.start);
  expect(sim.distances).toHaveLength(sim.steps.length);
  const numbers = [
    ...sim.steps.flatMap((s) => [...s.theta, s.cost]),
    ...sim.distances,
    ...sim.minimum,
    ...sim.eigenvalues,
    sim.minimumCost,
    sim.ratio,
    sim.thresholds.zigzagFrom,
    sim.thresholds.divergeFrom,
    sim.thresholds.fastest ?? 0,
  ];
  expect(numbers.every(Number.isFinite)).toBe(true);
  expect(english(sim.explanation)).not.toMatch(/NaN|Infinity|undefined|e[+-]\d/);
}

const signOf = (x: number) => Math.sign(x);

describe('quadratic kinds follow the rule wherever a trajectory can show it', () => {
  it('1-D parabola: side, crossing and size of each step match r = α·a', () => {
    fc.assert(
      fc.property(quadraticScenario, ({ scenario, regime }: RatedScenario) => {
        const sim = simulate(scenario);
        expect(sim.outcome).toBe(regime);
        expectWellFormed(scenario, sim);
        expectGradientSteps(scenario, sim);
        const c = scenario.cost.kind === 'quadratic' ? scenario.cost.c : 0;
        const e = sim.steps.map((s) => (s.theta[0] ?? 0) - c);
        for (let k = 1; k < e.length; k++) {
          const [before, now] = [e[k - 1] ?? 0, e[k] ?? 0];
          if (now === 0) continue;
          if (regime === 'converges') {
            // Same side, closer.
            expect(signOf(now)).toBe(signOf(before));
            expect(Math.abs(now)).toBeLessThanOrEqual(Math.abs(before));
          } else {
            // The other side every step; closer for a zig-zag, further for a divergence.
            expect(signOf(now)).toBe(-signOf(before));
            if (regime === 'zigzag') expect(Math.abs(now)).toBeLessThan(Math.abs(before));
            else expect(Math.abs(now)).toBeGreaterThan(Math.abs(before));
          }
        }
      }),
      propertyOptions,
    );
  });

  it('2-D bowls and linear regressions: the steep coordinate decides', SLOW, () => {
    fc.assert(
      fc.property(valleyScenario, ({ scenario, regime }: RatedScenario) => {
        // 150 steps: with |1 − r| ≥ 1.05 and a steep share ≥ 3.5 %, a divergence passes the start distance by step 70.
        const sim = simulate(scenario, { maxSteps: 150 });
        expect(sim.outcome).toBe(regime);
        expectWellFormed(scenario, sim);
        expectGradientSteps(scenario, sim);
        const z = sim.steps.map((s) => eigenComponents(scenario.cost, s.theta));
        // Eigen-coordinates recomputed from θ carry rounding of the order of ε·|θ|: below this, no sign.
        const noise = 1e-9 * (1 + Math.hypot(...minimumOf(scenario.cost)) + (sim.distances[0] ?? 0));
        const d = sim.distances;
        for (let k = 1; k < z.length; k++) {
          const [before, now] = [z[k - 1] ?? [], z[k] ?? []];
          const [steepBefore, steepNow] = [before[1] ?? 0, now[1] ?? 0];
          if (regime === 'converges') {
            // No crossing of the valley floor in any direction, never further away.
            now.forEach((zi, i) => {
              if (Math.abs(zi) > noise) expect(signOf(zi)).toBe(signOf(before[i] ?? 0));
            });
            expect(d[k]).toBeLessThanOrEqual(d[k - 1] ?? 0);
          } else if (Math.abs(steepNow) > noise) {
            // Crossing the valley floor in the steep direction at every step.
            expect(signOf(steepNow)).toBe(-signOf(steepBefore));
            if (regime === 'zigzag') expect(d[k]).toBeLessThanOrEqual(d[k - 1] ?? 0);
            else expect(Math.abs(steepNow)).toBeGreaterThan(Math.abs(steepBefore));
          }
        }
        const first = d[0] ?? 0;
        const last = d[d.length - 1] ?? 0;
        if (regime === 'diverges') expect(last).toBeGreaterThan(first);
        else expect(last).toBeLessThan(first);
      }),
      propertyOptions,
    );
  });

  it('the cost falls at every step whenever r < 2, even while θ zig-zags (the DESIGN trap)', SLOW, () => {
    const settling = fc
      .oneof(quadraticScenario, valleyScenario)
      .filter((rated: RatedScenario) => rated.regime !== 'diverges');
    fc.assert(
      fc.property(settling, ({ scenario }: RatedScenario) => {
        const sim = simulate(scenario, { maxSteps: 200 });
        const costs = sim.steps.map((s) => s.cost);
        for (let k = 1; k < costs.length; k++) expect(costs[k]).toBeLessThanOrEqual(costs[k - 1] ?? 0);
        // …and strictly at the first step, which moves the steep coordinate by a visible amount.
        expect(costs[1]).toBeLessThan(costs[0] ?? 0);
      }),
      propertyOptions,
    );
  });
});

describe('any valid scenario', () => {
  it('gives only finite numbers, steps[0] = start, and parses', SLOW, () => {
    fc.assert(
      fc.property(anyScenario, (scenario) => {
        expect(parseScenario(scenario).ok).toBe(true);
        const sim = simulate(scenario, { maxSteps: 200 });
        expectWellFormed(scenario, sim);
        expect(['converges', 'zigzag', 'diverges', 'oscillates']).toContain(sim.outcome);
      }),
      propertyOptions,
    );
  });

  it('sweepAlpha gives the outcome simulate gives, for random α and the thresholds themselves', SLOW, () => {
    const alphas = fc.array(positive(1e-6, 1e6), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(anyScenario, alphas, (scenario, randomAlphas) => {
        const { thresholds } = simulate(scenario, { maxSteps: 0 });
        const probes = [...randomAlphas, thresholds.zigzagFrom, thresholds.divergeFrom].filter(
          (a) => a >= 1e-6 && a <= 1e6,
        );
        const swept = sweepAlpha(scenario, probes);
        probes.forEach((alpha, i) => {
          expect(swept[i]).toBe(simulate({ ...scenario, alpha }, { maxSteps: 0 }).outcome);
        });
      }),
      propertyOptions,
    );
  });
});

describe('the quartic', () => {
  const quarticCase = fc
    .record({
      b: positive(0.01, 10),
      // 0 itself, or a start at least 1e-6 away: below that a float run underflows before it can show anything.
      theta0: fc.oneof(
        fc.constant(0),
        finite(-10, 10).filter((t) => Math.abs(t) >= 1e-6),
      ),
      // Random α, and α on the boundaries s = 1 and s = 2 as a teacher would compute them.
      alphaKind: fc.constantFrom('random', 'lands', 'bounces', 'random'),
      randomAlpha: positive(0.001, 5),
    })
    .map(({ b, theta0, alphaKind, randomAlpha }) => {
      const curvature = theta0 * theta0 + b;
      const alpha =
        alphaKind === 'lands' ? 1 / curvature : alphaKind === 'bounces' ? 2 / curvature : randomAlpha;
      return { b, theta0, alpha };
    });

  it('classifies exactly as the first-step rule s = α(θ₀² + b), and the run shows it', () => {
    fc.assert(
      fc.property(quarticCase, ({ b, theta0, alpha }) => {
        const scenario: Scenario = { cost: { kind: 'quartic', b }, start: [theta0], alpha };
        const sim = simulate(scenario);
        const expected = quarticOracle(b, theta0, alpha);
        expect(sim.outcome).toBe(expected);
        expect(sweepAlpha(scenario, [alpha])).toEqual([expected]);
        expectWellFormed(scenario, sim);
        const t = sim.steps.map((s) => s.theta[0] ?? 0);
        // θ₀ = 0 is the minimum: the run is the start alone.
        if (theta0 === 0) {
          expect(t).toEqual([theta0]);
          return;
        }
        const size = t.map(Math.abs);
        switch (expected) {
          case 'converges':
            for (let k = 1; k < t.length; k++) expect(size[k]).toBeLessThanOrEqual(size[k - 1] ?? 0);
            break;
          case 'zigzag':
            expect(signOf(t[1] ?? 0)).toBe(-signOf(theta0));
            expect(size[1]).toBeLessThan(size[0] ?? 0);
            for (let k = 1; k < t.length; k++) expect(size[k]).toBeLessThanOrEqual(size[k - 1] ?? 0);
            break;
          case 'oscillates':
            t.forEach((tk, k) => {
              expect(tk).toBe(k % 2 === 0 ? theta0 : -theta0);
            });
            break;
          case 'diverges':
            for (let k = 1; k < t.length; k++) expect(size[k]).toBeGreaterThan(size[k - 1] ?? 0);
            break;
        }
      }),
      propertyOptions,
    );
  });
});

describe('Hessian eigen-decomposition', () => {
  const costs = valleyScenario.map((rated) => rated.scenario.cost);

  it('H v = λ v with unit, orthogonal vectors, ascending values, and ∇J(θ*) = 0', () => {
    fc.assert(
      fc.property(costs, (cost) => {
        const { values, vectors } = hessianEigen(cost);
        const minimum = minimumOf(cost);
        expect(values[0]).toBeLessThanOrEqual(values[1] ?? 0);
        const [v0 = [], v1 = []] = vectors;
        expect(Math.hypot(...v0)).toBeCloseTo(1, 12);
        expect(Math.hypot(...v1)).toBeCloseTo(1, 12);
        expect((v0[0] ?? 0) * (v1[0] ?? 0) + (v0[1] ?? 0) * (v1[1] ?? 0)).toBeCloseTo(0, 12);
        // The gradient is linear: ∇J(θ* + v) − ∇J(θ*) = H v, which must be λ v.
        const g0 = gradientAt(cost, minimum);
        const size = 1 + Math.max(...values);
        expect(Math.hypot(...g0)).toBeLessThanOrEqual(1e-9 * size * (1 + Math.hypot(...minimum)));
        vectors.forEach((v, i) => {
          const g = gradientAt(
            cost,
            minimum.map((m, j) => m + (v[j] ?? 0)),
          );
          v.forEach((vj, j) => {
            expect(Math.abs((g[j] ?? 0) - (g0[j] ?? 0) - (values[i] ?? 0) * vj)).toBeLessThanOrEqual(
              1e-8 * size * (1 + Math.hypot(...minimum)),
            );
          });
        });
      }),
      propertyOptions,
    );
  });
});
