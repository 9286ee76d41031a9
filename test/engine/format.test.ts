// What students read: numbers without floating-point noise, formulas in the course's notation.
import { describe, expect, it } from 'vitest';
import { formatAlpha, formatCost, formatNumber, formatPoint, formatRatio } from '../../shared/engine/index';
import { OUTCOME_LABELS } from '../../shared/kinds/outcomes';

describe('formatNumber', () => {
  it.each([
    [0.1 + 0.2, '0.3'],
    [2.4000000000000004, '2.4'],
    [0, '0'],
    [-0, '0'],
    [-2, '−2'],
    [37.1539973111244, '37.2'],
    [0.19951737012447024, '0.2'],
    [0.0538300087, '0.0538'],
    [1234.5, '1235'],
    [1.5e-5, '1.5 × 10⁻⁵'],
    [-2.5e7, '−2.5 × 10⁷'],
    [Number.POSITIVE_INFINITY, '∞'],
  ])('%s reads %s', (x, text) => {
    expect(formatNumber(x)).toBe(text);
  });

  it('takes a number of significant digits', () => {
    expect(formatNumber(37.1539973111244, 5)).toBe('37.154');
    expect(formatNumber(2, 6)).toBe('2');
  });
});

describe('formatAlpha: the one α format of the engine’s explanations and both apps', () => {
  it.each([
    [0.0125, '0.0125'], // not 0.013
    [1.001, '1.001'], // not 1, next to r = 2.002
    [0.123456789, '0.123457'],
    [2e-7, '2 × 10⁻⁷'],
  ])('%d reads %s', (alpha, text) => {
    expect(formatAlpha(alpha)).toBe(text);
  });
});

describe('formatRatio', () => {
  it('never prints a ratio as the boundary it is not', () => {
    // 0.9996 and 1.998 round to "1" and "2" at 3 digits, which would read "1 is below 1".
    expect(formatRatio(0.9996)).toBe('0.9996');
    expect(formatRatio(1.998)).toBe('1.998');
    expect(formatRatio(2.0004)).toBe('2.0004');
    expect(formatRatio(2)).toBe('2');
    expect(formatRatio(1.6)).toBe('1.6');
  });
});

describe('formatPoint', () => {
  it('writes 1-D points as a number and 2-D points as a pair', () => {
    expect(formatPoint([1.5])).toBe('1.5');
    expect(formatPoint([6.580520907666916, -3.9])).toBe('(6.58, −3.9)');
  });
});

describe('formatCost', () => {
  it.each([
    [{ kind: 'quadratic', a: 4, c: 1 }, 'J(θ) = 2(θ − 1)²'],
    [{ kind: 'quadratic', a: 2, c: 1 }, 'J(θ) = (θ − 1)²'],
    [{ kind: 'quadratic', a: 1, c: -2 }, 'J(θ) = 0.5(θ + 2)²'],
    [{ kind: 'quadratic', a: 3, c: 0 }, 'J(θ) = 1.5θ²'],
    [{ kind: 'quadratic', a: 0.4, c: 2.5 }, 'J(θ) = 0.2(θ − 2.5)²'],
    [{ kind: 'quartic', b: 3 }, 'J(θ) = θ⁴/4 + 3·θ²/2'],
    [{ kind: 'quartic', b: 1 }, 'J(θ) = θ⁴/4 + θ²/2'],
    [
      { kind: 'bowl', eigenvalues: [1, 10], angle: 30, center: [1, -2] },
      'J(θ) = ½ (θ − c)ᵀ H (θ − c), c = (1, −2), H with eigenvalues 1 and 10, axes rotated 30°',
    ],
    [{ kind: 'linreg', x: [1, 2, 3], y: [2, 4, 7] }, 'J(θ₀, θ₁) = 1/(2m) Σ (θ₀ + θ₁xᵢ − yᵢ)², m = 3'],
  ] as const)('%j reads %s', (cost, text) => {
    expect(formatCost(structuredClone(cost) as Parameters<typeof formatCost>[0])).toBe(text);
  });
});

describe('OUTCOME_LABELS', () => {
  it('names every outcome, with one name for r = 2 in the apps, the report page and the CSV', () => {
    expect(OUTCOME_LABELS).toEqual({
      converges: 'Converges directly',
      zigzag: 'Zig-zags in',
      diverges: 'Diverges',
      oscillates: 'Bounces for ever',
    });
  });
});
