// The two extra kinds of round: "largest α that still converges" and "which α is fastest?".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNiceAlpha } from '../../shared/engine/generate';
import {
  FASTEST_MIN_LEAD,
  generateFastestRound,
  generateMaxAlphaRound,
  hasMirrorPair,
  isFairRace,
  iterationsToReach,
  maxAlphaPoints,
  maxAlphaRange,
  mirrorPair,
  type Problem,
  raceAlphas,
  raceRuns,
  targetAlpha,
} from '../../shared/engine/round-kinds';
import { simulate, sweepAlpha } from '../../shared/engine/simulate';
import type { Difficulty } from '../../shared/engine/types';
import { DIFFICULTIES } from '../../shared/engine/types';

const parabola: Problem = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5] };

describe('targetAlpha: the largest α that still converges', () => {
  it('is 2/a for a parabola: a = 2 gives α* = 1', () => {
    expect(targetAlpha(parabola)).toBe(1);
  });
  it('is 2/λ_max for a bowl: eigenvalues [1, 8] give α* = 0.25', () => {
    const bowl: Problem = {
      cost: { kind: 'bowl', eigenvalues: [1, 8], angle: 45, center: [1, -1] },
      start: [5, -2],
    };
    expect(targetAlpha(bowl)).toBeCloseTo(0.25, 12);
  });
  it('is 2/(θ₀² + b) for the quartic: θ₀ = 3, b = 1 gives 2/10 = 0.2', () => {
    expect(targetAlpha({ cost: { kind: 'quartic', b: 1 }, start: [3] })).toBeCloseTo(0.2, 15);
  });
  it('is 2/λ_max = 0.05383 for the lecture data set', async () => {
    const { LECTURE_DATASET } = await import('../../shared/engine/lecture-dataset');
    const lecture = {
      cost: { kind: 'linreg' as const, x: [...LECTURE_DATASET.x], y: [...LECTURE_DATASET.y] },
      start: [25, 0],
    };
    expect(targetAlpha(lecture)).toBeCloseTo(0.05383000874043702, 10);
  });
  it('sits exactly on the bounce: just below converges (zig-zags), just above diverges', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        (a, c) => {
          const problem = { cost: { kind: 'quadratic' as const, a, c }, start: [c + 3] };
          const target = targetAlpha(problem);
          const [below, above] = sweepAlpha({ ...problem, alpha: 1 }, [target * 0.999, target * 1.001]);
          return below === 'zigzag' && above === 'diverges';
        },
      ),
      { numRuns: 2000, seed: 20261125 },
    );
  });
});

describe('maxAlphaPoints: 1000 × max(0, 1 − |δ|/0.5) below the target, 0 at or above it', () => {
  it.each([
    // δ = log₁₀(0.9) = −0.04576: 1000 × (1 − 0.09151) = 908.5 → 908
    [0.9, 908],
    // K2: α*/2 is where overshooting starts, not where convergence ends: within ×/÷ 1.15 of it, 0
    [0.5, 0],
    [0.5 * 1.149, 0],
    [0.5 / 1.149, 0],
    // just outside that band the log window scores again: δ = log₁₀(0.5 × 1.16) = −0.2366 → 527
    [0.5 * 1.16, 527],
    // δ = log₁₀(0.5 / 1.16) = −0.3655: 1000 × (1 − 0.7310) = 269
    [0.5 / 1.16, 269],
    // δ = −0.2: 1000 × (1 − 0.4) = 600
    [10 ** -0.2, 600],
    // δ = −0.5: 1000 × 0 = 0, the edge of the window
    [10 ** -0.5, 0],
    // δ = −1: below the window, max(0, −1) = 0
    [0.1, 0],
    // at the target: α·λ_max = 2 bounces for ever, it does not converge
    [1, 0],
    // above the target: diverges
    [1.0001, 0],
    [3, 0],
    // a hair below: δ ≈ −4.3e-5, 1000 × (1 − 8.7e-5) → 1000
    [0.9999, 1000],
  ])('a guess of %f × α* scores %i', (factor, points) => {
    expect(maxAlphaPoints(factor * 0.04, 0.04)).toBe(points);
  });
  it('rounding cannot turn the bounce into a convergence', () => {
    // α* = 2/49 on a = 49: guess·49/2 rounds to 0.9999999999999999 in floating point.
    expect(maxAlphaPoints(2 / 49, 2 / 49)).toBe(0);
  });
  it('refuses nonsense guesses with 0', () => {
    for (const guess of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(maxAlphaPoints(guess, 1)).toBe(0);
  });
});

describe('maxAlphaRange: the slider', () => {
  it('with no shift runs from α* ÷ 30 to 30·α*', () => {
    expect(maxAlphaRange(0.6, 0)).toEqual({ min: 0.02, max: 18 });
  });
  it('keeps α* well inside for any shift, and the same width', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-4, max: 1e3, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (target, shift) => {
          const { min, max } = maxAlphaRange(target, shift);
          return target / min >= 9.4 && max / target >= 9.4 && Math.abs(max / min - 900) < 1e-6;
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });
});

describe('iterationsToReach: steps until 10⁻³ of the start distance', () => {
  it.each([
    // r = 2α. Distance × |1 − r| per step; need |1 − r|ᵏ ≤ 10⁻³.
    [0.25, 10], // r = 0.5: 0.5ᵏ ≤ 10⁻³ ⇔ k ≥ 9.97
    [0.5, 1], // r = 1: lands on the minimum in one step
    [0.75, 10], // r = 1.5: |−0.5|ᵏ, the mirror of r = 0.5
    [0.8, 14], // r = 1.6: 0.6ᵏ ≤ 10⁻³ ⇔ k ≥ 13.52
    [0.05, 66], // r = 0.1: 0.9ᵏ ≤ 10⁻³ ⇔ k ≥ 65.56
    [1, Number.POSITIVE_INFINITY], // r = 2 bounces
    [1.2, Number.POSITIVE_INFINITY], // r = 2.4 diverges
  ])('α = %f takes %f iterations', (alpha, expected) => {
    expect(iterationsToReach({ ...parabola, alpha })).toBe(expected);
  });
  it('in 2-D the slow direction decides (eigenvalues [1, 4])', () => {
    // Start (3, 4), distance 5. α = 0.4: both directions shrink by 0.6, so 5·0.6ᵏ ≤ 5·10⁻³ ⇔ k ≥ 13.52: 14.
    // α = 0.2: factors 0.8 (λ = 1) and 0.2 (λ = 4); the slow one decides, 3·0.8ᵏ ≤ 5·10⁻³ ⇔ k ≥ 28.67: 29.
    const bowl = {
      cost: {
        kind: 'bowl' as const,
        eigenvalues: [1, 4] as [number, number],
        angle: 0,
        center: [0, 0] as [number, number],
      },
      start: [3, 4],
    };
    expect(iterationsToReach({ ...bowl, alpha: 0.4 })).toBe(14);
    expect(iterationsToReach({ ...bowl, alpha: 0.2 })).toBe(29);
  });
  it('agrees with the closed form |1 − r|ᵏ on random parabolas', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 1.95, noNaN: true }), (r) => {
        if (Math.abs(r - 1) < 1e-6) return true;
        const k = iterationsToReach({ cost: { kind: 'quadratic', a: 1, c: 0 }, start: [1], alpha: r });
        const exact = Math.log(1e-3) / Math.log(Math.abs(1 - r));
        // Floating point may land a hair either side of 10⁻³ at an integer k.
        return Math.abs(k - Math.ceil(exact - 1e-9)) <= (Math.abs(exact - Math.round(exact)) < 1e-6 ? 1 : 0);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});

describe('raceAlphas: the winner is the α needing the fewest iterations', () => {
  it('α = 0.5 (one step) beats 0.25 (10) and 0.8 (14), ten times ahead', () => {
    expect(raceAlphas(parabola, [0.25, 0.5, 0.8])).toEqual({ iterations: [10, 1, 14], winner: 1, lead: 10 });
  });
  it('r and 2 − r tie: no winner', () => {
    expect(raceAlphas(parabola, [0.25, 0.75]).winner).toBeNull();
    expect(hasMirrorPair([0.5, 1.5])).toBe(true);
    expect(hasMirrorPair([0.5, 1.6, 0.9])).toBe(false);
    expect(mirrorPair([0.8, 1.6, 1.2])).toEqual([0, 2]); // 0.8 + 1.2 = 2
    expect(mirrorPair([0.5, 1.6, 0.9])).toBeNull();
  });
  it('draws each run to a quarter past the winner’s finish, at least 12 steps', () => {
    // The winner (α = 0.5) finishes in 1 step: ⌈1.25 × 1⌉ = 2 < 12, so 12 steps; r = 0.5 and 1.6 run them all,
    // r = 1 stops on the minimum after one.
    const runs = raceRuns(parabola, [0.25, 0.5, 0.8], raceAlphas(parabola, [0.25, 0.5, 0.8]));
    expect(runs.map((r) => r.steps.length - 1)).toEqual([12, 1, 12]);
    // A race won in 29 steps (bowl, α = 0.2) draws ⌈1.25 × 29⌉ = 37.
    const bowl: Problem = {
      cost: { kind: 'bowl', eigenvalues: [1, 4], angle: 0, center: [0, 0] },
      start: [3, 4],
    };
    const slow = raceRuns(bowl, [0.2, 0.05], raceAlphas(bowl, [0.2, 0.05]));
    expect(slow.map((r) => r.steps.length - 1)).toEqual([37, 37]);
  });

  it('nobody wins a race where every α diverges', () => {
    expect(raceAlphas(parabola, [1.2, 1.5]).winner).toBeNull();
  });
});

describe('generated rounds of the new kinds', () => {
  it.each(DIFFICULTIES)(
    '"fastest" rounds (%s) are fair: nice α, no mirror pair, a winner ≥ 25 %% ahead',
    (difficulty) => {
      for (let seed = 0; seed < 60; seed++) {
        const round = generateFastestRound(seed, { difficulty: difficulty as Difficulty });
        expect(isFairRace(round, round.alphas), `seed ${seed}`).toBe(true);
        const race = raceAlphas(round, round.alphas);
        expect(race.lead).toBeGreaterThanOrEqual(FASTEST_MIN_LEAD);
        expect(round.alphas.every(isNiceAlpha)).toBe(true);
        expect(generateFastestRound(seed, { difficulty: difficulty as Difficulty })).toEqual(round);
      }
    },
  );
  it.each(DIFFICULTIES)(
    '"largest α" rounds (%s) are deterministic and their target converges just below',
    (difficulty) => {
      for (let seed = 0; seed < 60; seed++) {
        const problem = generateMaxAlphaRound(seed, { difficulty: difficulty as Difficulty });
        expect(generateMaxAlphaRound(seed, { difficulty: difficulty as Difficulty })).toEqual(problem);
        const target = targetAlpha(problem);
        expect(simulate({ ...problem, alpha: target * 0.98 }).outcome).not.toBe('diverges');
        expect(simulate({ ...problem, alpha: target * 1.02 }).outcome).toBe('diverges');
      }
    },
  );
});
