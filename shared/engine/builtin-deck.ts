// The deck a first class plays with nothing configured: one-dimensional parabolas first, then a
// steep parabola, bowls, the quartic where the start decides, and the lecture's own figure last.
// Outcomes are balanced (4 of each) and never three alike in a row; docs/scenarios.md lists them.
import { LECTURE_DATASET } from './lecture-dataset';
import type { Scenario, ScenarioDeck } from './types';

export const lecture = (alpha: number): Scenario => ({
  cost: { kind: 'linreg', x: [...LECTURE_DATASET.x], y: [...LECTURE_DATASET.y] },
  start: [...LECTURE_DATASET.start],
  alpha,
});

export const BUILTIN_DECK: ScenarioDeck = {
  title: 'The learning rate: a first class',
  rounds: [
    // r = α·a = 0.25 × 2 = 0.5: converges.
    { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.25 },
    // Same parabola, r = 0.8 × 2 = 1.6: zig-zags.
    { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.8 },
    // r = 0.6 × 4 = 2.4: diverges.
    { cost: { kind: 'quadratic', a: 4, c: -2 }, start: [1], alpha: 0.6 },
    // A small α on a steep parabola: r = 0.08 × 20 = 1.6, zig-zags.
    { cost: { kind: 'quadratic', a: 20, c: 0 }, start: [3], alpha: 0.08 },
    // λ_max = 10, r = 0.05 × 10 = 0.5: converges.
    { cost: { kind: 'bowl', eigenvalues: [1, 10], angle: 0, center: [0, 0] }, start: [4, 3], alpha: 0.05 },
    // Rotated, λ_max = 8, r = 0.2 × 8 = 1.6: zig-zags across the valley.
    { cost: { kind: 'bowl', eigenvalues: [1, 8], angle: 45, center: [1, -1] }, start: [5, -2], alpha: 0.2 },
    // Rotated, λ_max = 10, r = 0.25 × 10 = 2.5: diverges.
    { cost: { kind: 'bowl', eigenvalues: [10, 2], angle: 30, center: [-1, 2] }, start: [2, 0], alpha: 0.25 },
    // s = α(θ₀² + b) = 0.3 × (1 + 1) = 0.6: converges…
    { cost: { kind: 'quartic', b: 1 }, start: [1], alpha: 0.3 },
    // …and with the same α from θ₀ = 3, s = 0.3 × (9 + 1) = 3: diverges.
    { cost: { kind: 'quartic', b: 1 }, start: [3], alpha: 0.3 },
    // The lecture's figure, λ_max = 37.154: r = 0.743, 1.858, 2.229.
    lecture(0.02),
    lecture(0.05),
    lecture(0.06),
  ],
};
