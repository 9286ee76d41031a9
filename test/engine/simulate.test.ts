// Hand-worked trajectories: each case states its arithmetic, so a failure can be checked on paper.

import { describe, expect, it } from 'vitest';
import { costAt, DEFAULT_MAX_STEPS, eigenComponents, gradientAt, simulate } from '../../shared/engine/index';
import type { Scenario } from '../../shared/engine/types';
import { english } from '../helpers/english';

const thetas = (s: Scenario, n: number) =>
  simulate(s)
    .steps.slice(0, n)
    .map((step) => step.theta[0]);

describe('quadratic J = a/2 (θ − c)²', () => {
  const parabola = (alpha: number, start = 5): Scenario => ({
    cost: { kind: 'quadratic', a: 2, c: 1 },
    start: [start],
    alpha,
  });

  it('zig-zags for r = 1.6 with the distance shrinking by 0.6', () => {
    // a = 2, c = 1, θ₀ = 5, α = 0.8: r = 1.6.
    // θ₁ = 5 − 0.8·2·(5 − 1) = −1.4; θ₂ = −1.4 − 1.6·(−2.4) = 2.44; θ₃ = 2.44 − 1.6·1.44 = 0.136.
    // Distances 4, 2.4, 1.44, 0.864; J = (θ − 1)²: 16, 5.76, 2.0736.
    const sim = simulate(parabola(0.8));
    expect(sim.outcome).toBe('zigzag');
    expect(sim.ratio).toBeCloseTo(1.6, 14);
    expect(sim.ratioLabel).toBe('α·J″');
    const t = thetas(parabola(0.8), 4);
    [5, -1.4, 2.44, 0.136].forEach((expected, i) => {
      expect(t[i]).toBeCloseTo(expected, 12);
    });
    [4, 2.4, 1.44, 0.864].forEach((expected, i) => {
      expect(sim.distances[i]).toBeCloseTo(expected, 12);
    });
    [16, 5.76, 2.0736].forEach((expected, i) => {
      expect(sim.steps[i]?.cost).toBeCloseTo(expected, 12);
    });
    expect(english(sim.explanation)).toBe(
      'α·J″ = 0.8 × 2 = 1.6 is between 1 and 2: every step overshoots the minimum yet lands closer; the distance is multiplied by |1 − α·J″| = 0.6 each step (40 % closer; about 14 steps to get 1,000× closer).',
    );
  });

  it('converges monotonically for r = 0.5, halving the distance', () => {
    // α = 0.25: r = 0.5. θ₁ = 5 − 0.25·2·4 = 3, θ₂ = 3 − 0.5·2 = 2, θ₃ = 1.5: distances 4, 2, 1, 0.5.
    const sim = simulate(parabola(0.25));
    expect(sim.outcome).toBe('converges');
    expect(thetas(parabola(0.25), 4)).toEqual([5, 3, 2, 1.5]);
    expect(sim.distances.slice(0, 4)).toEqual([4, 2, 1, 0.5]);
    expect(english(sim.explanation)).toContain('0.25 × 2 = 0.5 is below 1');
  });

  it('diverges for r = 2.4, the distance growing by 1.4', () => {
    // a = 4, c = −2, θ₀ = 1, α = 0.6: r = 2.4, e₀ = 3.
    // e₁ = (1 − 2.4)·3 = −4.2 → θ₁ = −6.2; e₂ = −1.4·(−4.2) = 5.88 → θ₂ = 3.88.
    const s: Scenario = { cost: { kind: 'quadratic', a: 4, c: -2 }, start: [1], alpha: 0.6 };
    const sim = simulate(s);
    expect(sim.outcome).toBe('diverges');
    [1, -6.2, 3.88].forEach((expected, i) => {
      expect(sim.steps[i]?.theta[0]).toBeCloseTo(expected, 12);
    });
    [3, 4.2, 5.88].forEach((expected, i) => {
      expect(sim.distances[i]).toBeCloseTo(expected, 12);
    });
    expect(english(sim.explanation)).toContain('is above 2');
  });

  it('lands exactly on the minimum in one step when a = 2, α = 0.5 (r = 1)', () => {
    // θ₁ = 5 − 0.5·2·(5 − 1) = 1 = c, exactly; the run stops there.
    const sim = simulate(parabola(0.5));
    expect(sim.outcome).toBe('converges');
    expect(sim.ratio).toBe(1);
    expect(sim.steps[1]?.theta).toEqual([1]);
    expect(sim.distances[1]).toBe(0);
    expect(sim.steps).toHaveLength(2);
    expect(english(sim.explanation)).toContain('lands on the minimum θ = 1');
  });

  it('treats an r of 1 up to rounding as exactly 1: the step still lands on c', () => {
    // a = 49, α = 1/49: in floating point α·a = 0.9999999999999999, which means 1.
    const alpha = 1 / 49;
    expect(alpha * 49).not.toBe(1);
    const sim = simulate({ cost: { kind: 'quadratic', a: 49, c: 2 }, start: [7], alpha });
    expect(sim.ratio).toBe(1);
    expect(sim.outcome).toBe('converges');
    expect(sim.steps[1]?.theta).toEqual([2]);
  });

  it('oscillates for ever at r = 2 exactly, bouncing between 5 and −3', () => {
    // α = 1, a = 2: θ₁ = 5 − 2·4 = −3, θ₂ = −3 − 2·(−4) = 5, … for all 40 steps.
    const sim = simulate(parabola(1));
    expect(sim.outcome).toBe('oscillates');
    expect(sim.steps).toHaveLength(DEFAULT_MAX_STEPS + 1);
    sim.steps.forEach((step, k) => {
      expect(step.theta).toEqual([k % 2 === 0 ? 5 : -3]);
    });
    expect(english(sim.explanation)).toContain('bounces between 5 and −3');
  });

  it('treats an r of 2 up to rounding as exactly 2 and bounces exactly', () => {
    // a = 49, α = 2/49: α·a = 1.9999999999999998 in floating point, which means 2. θ: 4, −4, 4, …
    const alpha = 2 / 49;
    expect(alpha * 49).not.toBe(2);
    const sim = simulate({ cost: { kind: 'quadratic', a: 49, c: 0 }, start: [4], alpha });
    expect(sim.outcome).toBe('oscillates');
    expect(sim.ratio).toBe(2);
    expect(sim.distances.every((d) => d === 4)).toBe(true);
    expect(sim.steps.slice(0, 3).map((step) => step.theta[0])).toEqual([4, -4, 4]);
  });

  it('still zig-zags at r = 1.998 and still diverges at r = 2.002 (the rule, not the picture)', () => {
    // α = 0.999 and 1.001 with a = 2: 40 steps change the distance by only 0.998⁴⁰ ≈ 0.92 or 1.002⁴⁰ ≈ 1.08.
    expect(simulate(parabola(0.999)).outcome).toBe('zigzag');
    expect(simulate(parabola(1.001)).outcome).toBe('diverges');
    expect(english(simulate(parabola(1.001)).explanation)).toContain('1.001 × 2 = 2.002 is above 2');
    expect(english(simulate(parabola(0.999)).explanation)).toContain('= 1.998 is between 1 and 2');
  });

  it('starting on the minimum stays there, with the rule still stated', () => {
    // θ₀ = c = 1: the gradient is 0. α = 1.5, a = 2 gives r = 3, which would diverge from elsewhere.
    const sim = simulate(parabola(1.5, 1));
    expect(sim.steps).toEqual([{ theta: [1], cost: 0 }]);
    expect(sim.outcome).toBe('diverges');
    expect(english(sim.explanation)).toContain('already the minimum');
  });

  it('reports thresholds 1/a, 2/a and the fastest α = 1/a', () => {
    // a = 2: overshoot from α = 0.5, diverge from α = 1, fastest 2/(a + a) = 0.5.
    const sim = simulate(parabola(0.3));
    expect(sim.thresholds).toEqual({ zigzagFrom: 0.5, divergeFrom: 1, fastest: 0.5 });
    expect(sim.eigenvalues).toEqual([2]);
    expect(sim.minimum).toEqual([1]);
    expect(sim.minimumCost).toBe(0);
    expect(sim.dimension).toBe(1);
  });
});

describe('quartic J = θ⁴/4 + b·θ²/2: the first step decides', () => {
  const quartic = (theta0: number, alpha: number, b = 1): Scenario => ({
    cost: { kind: 'quartic', b },
    start: [theta0],
    alpha,
  });

  it('converges when s < 1', () => {
    // θ₀ = 1, α = 0.3: s = 0.3·(1 + 1) = 0.6; θ₁ = 1·(1 − 0.6) = 0.4; θ₂ = 0.4·(1 − 0.3·1.16) = 0.2608.
    const sim = simulate(quartic(1, 0.3));
    expect(sim.outcome).toBe('converges');
    expect(sim.ratio).toBeCloseTo(0.6, 14);
    expect(sim.ratioLabel).toBe('α(θ₀² + b)');
    expect(sim.steps[1]?.theta[0]).toBeCloseTo(0.4, 14);
    expect(sim.steps[2]?.theta[0]).toBeCloseTo(0.2608, 14);
    expect(english(sim.explanation)).toBe(
      'One step multiplies θ by 1 − α(θ² + b): the slope θ³ + bθ divided by the distance θ. From θ₀ = 1, α(θ₀² + b) = 0.3 × (1 + 1) = 0.6 is below 1: the first step moves toward 0 without passing it, and closer in the slope is gentler, so θ slides into the minimum. This holds from this start only: θ₀² is part of the factor.',
    );
  });

  it('lands on 0 in one step when s = 1', () => {
    // θ₀ = 1, α = 0.5: s = 0.5·2 = 1; θ₁ = 1·(1 − 1) = 0.
    const sim = simulate(quartic(1, 0.5));
    expect(sim.outcome).toBe('converges');
    expect(sim.steps.map((s) => s.theta[0])).toEqual([1, 0]);
  });

  it('zig-zags when 1 < s < 2', () => {
    // θ₀ = 2, α = 0.3: s = 0.3·(4 + 1) = 1.5; θ₁ = 2·(1 − 1.5) = −1; θ₂ = −1·(1 − 0.3·2) = −0.4.
    const sim = simulate(quartic(2, 0.3));
    expect(sim.outcome).toBe('zigzag');
    expect(sim.steps[1]?.theta[0]).toBeCloseTo(-1, 14);
    expect(sim.steps[2]?.theta[0]).toBeCloseTo(-0.4, 14);
  });

  it('oscillates between θ₀ and −θ₀ when s = 2', () => {
    // θ₀ = 1, α = 1: s = 1·(1 + 1) = 2; θ₁ = 1·(1 − 2) = −1, then s is 2 again: 1, −1, 1, …
    const sim = simulate(quartic(1, 1));
    expect(sim.outcome).toBe('oscillates');
    sim.steps.forEach((step, k) => {
      expect(step.theta).toEqual([k % 2 === 0 ? 1 : -1]);
    });
    // θ₀ = 2, α = 0.4: s = 0.4·5, which is 2 only up to rounding; the bounce is still exact.
    const rounded = simulate(quartic(2, 0.4));
    expect(rounded.outcome).toBe('oscillates');
    expect(rounded.steps.slice(0, 3).map((s) => s.theta[0])).toEqual([2, -2, 2]);
    expect(english(rounded.explanation)).toContain('jumps from 2 to −2 and back for ever');
  });

  it('diverges when s > 2, faster and faster', () => {
    // θ₀ = 3, α = 0.3: s = 0.3·(9 + 1) = 3; θ₁ = 3·(1 − 3) = −6; θ₂ = −6·(1 − 0.3·37) = 60.6.
    const sim = simulate(quartic(3, 0.3));
    expect(sim.outcome).toBe('diverges');
    expect(sim.steps[1]?.theta[0]).toBeCloseTo(-6, 12);
    expect(sim.steps[2]?.theta[0]).toBeCloseTo(60.6, 10);
    // The run stops once past 10⁶ × the start distance, before any overflow.
    expect(sim.distances[sim.distances.length - 1]).toBeGreaterThan(3e6);
    expect(sim.steps.length).toBeLessThan(DEFAULT_MAX_STEPS);
  });

  it('the same α converges from a near start and diverges from a far one', () => {
    // α = 0.3, b = 1: θ₀ = 1 gives s = 0.6, θ₀ = −3 gives s = 3.
    expect(simulate(quartic(1, 0.3)).outcome).toBe('converges');
    expect(simulate(quartic(-3, 0.3)).outcome).toBe('diverges');
  });

  it('never moves from θ₀ = 0, even when αb > 2', () => {
    // ∇J(0) = 0: θ stays at 0, which is the minimum.
    const sim = simulate(quartic(0, 4));
    expect(sim.outcome).toBe('converges');
    expect(sim.steps).toEqual([{ theta: [0], cost: 0 }]);
    expect(english(sim.explanation)).toContain('θ₀ = 0 is already the minimum');
  });

  it('a start just off 0 still shows the divergence when αb > 2', () => {
    // θ₀ = 1e-13, b = 1, α = 3: s = 3·(1e-26 + 1) = 3; θ₁ = 1e-13·(1 − 3) = −2e-13, then ×(−2) each step.
    const sim = simulate(quartic(1e-13, 3));
    expect(sim.outcome).toBe('diverges');
    expect(sim.steps[1]?.theta[0]).toBeCloseTo(-2e-13, 25);
    expect(sim.distances[sim.distances.length - 1]).toBeGreaterThan(1e-7);
  });

  it("reports thresholds 1/(θ₀² + b) and 2/(θ₀² + b) and J''(0) = b", () => {
    // θ₀ = 2, b = 1: θ₀² + b = 5.
    const sim = simulate(quartic(2, 0.1));
    expect(sim.thresholds).toEqual({ zigzagFrom: 0.2, divergeFrom: 0.4, fastest: 0.2 });
    expect(sim.eigenvalues).toEqual([1]);
    expect(sim.minimum).toEqual([0]);
  });
});

describe('bowl J = ½ (θ − center)ᵀ H (θ − center)', () => {
  it('rotated by 30°: eigenvalues ascending, minimum, thresholds, H and the first step', () => {
    // eigenvalues [1, 9]: λ = 1 along v₁ = (cos 30°, sin 30°), λ = 9 along v₂ = (−sin 30°, cos 30°), center (1, 2).
    // H = [[cos² + 9 sin², −8 cos sin], [−8 cos sin, sin² + 9 cos²]] = [[3, −2√3], [−2√3, 7]].
    // Start = center + 2 v₁ + 1 v₂; α = 0.2 (the fastest, 2/(1 + 9)): r = 1.8.
    // Step 1: z₁ = 2·(1 − 0.2) = 1.6, z₂ = 1·(1 − 1.8) = −0.8; distance √(1.6² + 0.8²).
    const c = Math.sqrt(3) / 2;
    const s = 0.5;
    const start = [1 + 2 * c - s, 2 + 2 * s + c];
    const scenario: Scenario = {
      cost: { kind: 'bowl', eigenvalues: [1, 9], angle: 30, center: [1, 2] },
      start,
      alpha: 0.2,
    };
    const sim = simulate(scenario);
    expect(sim.eigenvalues).toEqual([1, 9]);
    expect(sim.minimum).toEqual([1, 2]);
    expect(sim.dimension).toBe(2);
    expect(sim.thresholds.zigzagFrom).toBeCloseTo(1 / 9, 15);
    expect(sim.thresholds.divergeFrom).toBeCloseTo(2 / 9, 15);
    expect(sim.thresholds.fastest).toBeCloseTo(0.2, 15);
    expect(sim.outcome).toBe('zigzag');
    expect(sim.ratio).toBeCloseTo(1.8, 14);
    expect(sim.ratioLabel).toBe('α·λ_max');
    const g = gradientAt(scenario.cost, start);
    const d = [start[0]! - 1, start[1]! - 2];
    expect(g[0]).toBeCloseTo(3 * d[0]! - 2 * Math.sqrt(3) * d[1]!, 12);
    expect(g[1]).toBeCloseTo(-2 * Math.sqrt(3) * d[0]! + 7 * d[1]!, 12);
    expect(sim.steps[1]?.theta[0]).toBeCloseTo(1 + 1.6 * c + 0.8 * s, 12);
    expect(sim.steps[1]?.theta[1]).toBeCloseTo(2 + 1.6 * s - 0.8 * c, 12);
    expect(sim.distances[1]).toBeCloseTo(Math.hypot(1.6, 0.8), 12);
    // Crossing the valley floor = the steep coordinate changes sign: 1, −0.8, 0.64, …
    const steep = sim.steps.slice(0, 4).map((step) => eigenComponents(scenario.cost, step.theta)[1]);
    [1, -0.8, 0.64, -0.512].forEach((expected, i) => {
      expect(steep[i]).toBeCloseTo(expected, 12);
    });
    // J = ½ (1·2² + 9·1²) = 6.5 at the start.
    expect(sim.steps[0]?.cost).toBeCloseTo(6.5, 12);
    expect(costAt(scenario.cost, start)).toBeCloseTo(6.5, 12);
  });

  it('takes the eigenvalues in either order: [9, 1] at 30° is [1, 9] at 120°', () => {
    // Rotating by a further 90° swaps the roles of the two axes.
    const a = simulate({
      cost: { kind: 'bowl', eigenvalues: [9, 1], angle: 30, center: [0, 0] },
      start: [2, 1],
      alpha: 0.1,
    });
    const b = simulate({
      cost: { kind: 'bowl', eigenvalues: [1, 9], angle: 120, center: [0, 0] },
      start: [2, 1],
      alpha: 0.1,
    });
    expect(a.eigenvalues).toEqual([1, 9]);
    expect(b.eigenvalues).toEqual([1, 9]);
    a.steps.forEach((step, k) => {
      expect(step.theta[0]).toBeCloseTo(b.steps[k]?.theta[0] ?? Number.NaN, 12);
      expect(step.theta[1]).toBeCloseTo(b.steps[k]?.theta[1] ?? Number.NaN, 12);
    });
  });

  it('converges, zig-zags, diverges and bounces by α·λ_max', () => {
    // λ = (1, 10) axis-aligned: r = 10α. α = 0.05 → 0.5; 0.15 → 1.5; 0.25 → 2.5; 0.2 → 2.
    const bowl = (alpha: number): Scenario => ({
      cost: { kind: 'bowl', eigenvalues: [1, 10], angle: 0, center: [0, 0] },
      start: [4, 3],
      alpha,
    });
    expect(simulate(bowl(0.05)).outcome).toBe('converges');
    expect(simulate(bowl(0.15)).outcome).toBe('zigzag');
    expect(simulate(bowl(0.25)).outcome).toBe('diverges');
    const bounce = simulate(bowl(0.2));
    expect(bounce.outcome).toBe('oscillates');
    // The steep θ₂ bounces 3, −3, 3 while θ₁ shrinks 4, 3.2, 2.56 (factor 1 − 0.2·1 = 0.8).
    expect(bounce.steps.slice(0, 3).map((s) => s.theta[1])).toEqual([3, -3, 3]);
    expect(bounce.steps[2]?.theta[0]).toBeCloseTo(2.56, 14);
  });

  it('r = 1 wipes out the steep coordinate in exactly one step', () => {
    // λ = (4, 1), angle 0: the steep axis is θ₁. α = 0.25: θ₁ → 1·(1 − 1) = 0, θ₂ → 1·(1 − 0.25) = 0.75.
    const sim = simulate({
      cost: { kind: 'bowl', eigenvalues: [4, 1], angle: 0, center: [0, 0] },
      start: [1, 1],
      alpha: 0.25,
    });
    expect(sim.outcome).toBe('converges');
    expect(sim.steps[1]?.theta).toEqual([0, 0.75]);
    expect(english(sim.explanation)).toContain('wipes out the steep direction');
  });

  it('a start with no component along the steep direction follows the rule but says it is hidden', () => {
    // λ = (1, 10), angle 0, start (3, 0): only the shallow axis, factor 1 − 0.3·1 = 0.7 per step,
    // although r = 0.3·10 = 3 > 2.
    const sim = simulate({
      cost: { kind: 'bowl', eigenvalues: [1, 10], angle: 0, center: [0, 0] },
      start: [3, 0],
      alpha: 0.3,
    });
    expect(sim.outcome).toBe('diverges');
    [3, 2.1, 1.47].forEach((expected, i) => {
      expect(sim.distances[i]).toBeCloseTo(expected, 12);
    });
    expect(english(sim.explanation)).toContain('no component along the steep direction');
  });

  it('the hidden case survives rotation rounding: a start on the floor of a 30° valley stays on it', () => {
    // λ = 1 along (cos 30°, sin 30°) computed with Math.cos, λ = 10 across it. α = 0.3: r = 3.
    const angle = 30;
    const along = [Math.cos((angle * Math.PI) / 180), Math.sin((angle * Math.PI) / 180)];
    const sim = simulate({
      cost: { kind: 'bowl', eigenvalues: [1, 10], angle, center: [2, -1] },
      start: [2 + 5 * along[0]!, -1 + 5 * along[1]!],
      alpha: 0.3,
    });
    expect(sim.outcome).toBe('diverges');
    expect(english(sim.explanation)).toContain('no component along the steep direction');
    // 40 steps at factor 0.7 along the floor: the distance only shrinks.
    expect(sim.distances.every((d, i) => i === 0 || d < sim.distances[i - 1]!)).toBe(true);
  });
});

describe('linreg J = 1/(2m) Σ (θ₀ + θ₁xᵢ − yᵢ)²', () => {
  // x = (0, 1, 2), y = (1, 3, 5) lie on y = 1 + 2x: θ* = (1, 2), J* = 0.
  // H = XᵀX/3 = [[1, 1], [1, 5/3]]: trace 8/3, det 2/3, λ = 4/3 ± √10/3.
  const cost = { kind: 'linreg', x: [0, 1, 2], y: [1, 3, 5] } as const;
  const data = { kind: cost.kind, x: [...cost.x], y: [...cost.y] };

  it('finds θ*, the eigenvalues and the thresholds of the data', () => {
    const sim = simulate({ cost: data, start: [0, 0], alpha: 0.1 });
    expect(sim.minimum[0]).toBeCloseTo(1, 14);
    expect(sim.minimum[1]).toBeCloseTo(2, 14);
    expect(sim.minimumCost).toBeCloseTo(0, 14);
    expect(sim.eigenvalues[0]).toBeCloseTo((4 - Math.sqrt(10)) / 3, 14);
    expect(sim.eigenvalues[1]).toBeCloseTo((4 + Math.sqrt(10)) / 3, 14);
    expect(sim.thresholds.divergeFrom).toBeCloseTo(6 / (4 + Math.sqrt(10)), 14);
    expect(sim.thresholds.fastest).toBeCloseTo(2 / (8 / 3), 14);
  });

  it('takes the first step θ − α∇J by hand', () => {
    // At (0, 0): J = (1 + 9 + 25)/6 = 35/6; ∇J = (1/3)·Σ (0 − yᵢ)(1, xᵢ) = −(9, 13)/3.
    // α = 0.1: θ₁ = (0.3, 13/30); r = 0.1·2.387 = 0.239 < 1: converges.
    const sim = simulate({ cost: data, start: [0, 0], alpha: 0.1 });
    expect(sim.steps[0]?.cost).toBeCloseTo(35 / 6, 12);
    expect(costAt(data, [0, 0])).toBeCloseTo(35 / 6, 14);
    expect(gradientAt(data, [0, 0])).toEqual([-3, -13 / 3]);
    expect(sim.steps[1]?.theta[0]).toBeCloseTo(0.3, 12);
    expect(sim.steps[1]?.theta[1]).toBeCloseTo(13 / 30, 12);
    expect(sim.outcome).toBe('converges');
  });

  it('zig-zags and diverges by α·λ_max', () => {
    // λ_max = 2.3874: α = 0.6 → r = 1.43; α = 1 → r = 2.39.
    expect(simulate({ cost: data, start: [0, 0], alpha: 0.6 }).outcome).toBe('zigzag');
    expect(simulate({ cost: data, start: [0, 0], alpha: 1 }).outcome).toBe('diverges');
  });
});

describe('run length', () => {
  it('draws 40 steps by default and honours maxSteps', () => {
    // r = 0.1 never gets within 1e-9 of the start distance in 40 steps (0.9⁴⁰ ≈ 0.015).
    const s: Scenario = { cost: { kind: 'quadratic', a: 1, c: 0 }, start: [1], alpha: 0.1 };
    expect(simulate(s).steps).toHaveLength(41);
    expect(simulate(s, { maxSteps: 5 }).steps).toHaveLength(6);
    expect(simulate(s, { maxSteps: 0 }).steps).toHaveLength(1);
  });

  it('stops a converged run once the distance is negligible', () => {
    // r = 0.9: the distance falls by 10× per step and passes 1e-9 of the start after 9 steps.
    const sim = simulate(
      { cost: { kind: 'quadratic', a: 1, c: 0 }, start: [1], alpha: 0.9 },
      { maxSteps: 100 },
    );
    expect(sim.steps.length).toBeLessThan(12);
    expect(sim.distances[sim.distances.length - 1]).toBeLessThanOrEqual(1e-9);
  });

  it('stops a diverging run before overflow, keeping only finite numbers', () => {
    // r = 1e6·1e6 = 1e12: one step already leaves 1e6 × the start distance.
    const sim = simulate(
      { cost: { kind: 'quadratic', a: 1e6, c: 0 }, start: [1e6], alpha: 1e6 },
      { maxSteps: 1000 },
    );
    expect(sim.outcome).toBe('diverges');
    expect(sim.steps).toHaveLength(2);
    expect(sim.steps.flatMap((s) => [...s.theta, s.cost]).every(Number.isFinite)).toBe(true);
  });

  it('throws on a scenario that was not parsed (a bug, not user input)', () => {
    expect(() => simulate({ cost: { kind: 'quadratic', a: 1, c: 0 }, start: [1, 2], alpha: 1 })).toThrow(
      RangeError,
    );
    expect(() => simulate({ cost: { kind: 'quadratic', a: 1, c: 0 }, start: [1], alpha: 0 })).toThrow(
      RangeError,
    );
  });
});
