// How numbers, formulas and outcomes read on a projector and a phone. Display strings use the
// typographic minus U+2212 ("−2"), as the formulas do; they are for people, never parsed back.
// Decimal marks and point separators come from the language's catalog (shared/i18n), so a French
// page reads "α = 0,05" and "(1,5 ; −2)"; the server's CSV and API keep English's.
import { common } from '../i18n/en/common';
import type { Cost } from './types';

const MINUS = '\u2212';
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function toSuperscript(exponent: number): string {
  const digits = [...String(Math.abs(exponent))].map((d) => SUPERSCRIPT_DIGITS[Number(d)]).join('');
  return exponent < 0 ? `⁻${digits}` : digits;
}

const decimal = (text: string): string => (common.decimal === '.' ? text : text.replace('.', common.decimal));

/**
 * A readable number: `digits` significant digits (3 by default) without trailing zeros, whole
 * numbers from 10^digits up, "1.5 × 10⁻⁵" style outside [10⁻⁴, 10⁶). 0.1 + 0.2 reads "0.3".
 */
export function formatNumber(x: number, digits = 3): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  if (x === 0) return '0';
  const size = Math.abs(x);
  const sign = x < 0 ? MINUS : '';
  if (size >= 1e6 || size < 1e-4) {
    const [mantissa = '0', exponent = '0'] = size.toExponential(digits - 1).split('e');
    return `${sign}${decimal(String(Number(mantissa)))} × 10${toSuperscript(Number(exponent))}`;
  }
  if (size >= 10 ** digits) return `${sign}${Math.round(size)}`;
  return `${sign}${decimal(String(Number(size.toPrecision(digits))))}`;
}

/**
 * A learning rate as people read it: more digits than a result (6 significant), so α = 1.001 does
 * not print as "1" next to r = 2.002 and 0.0125 does not read as 0.013.
 */
export const formatAlpha = (alpha: number): string => formatNumber(alpha, 6);

/**
 * A deciding ratio printed so that it never reads as a boundary it is not: 0.9996 must not
 * print as "1" in "… is below 1". Digits are added until the printed value leaves the boundary.
 */
export function formatRatio(x: number, boundaries: readonly number[] = [1, 2]): string {
  if (boundaries.includes(x)) return formatNumber(x);
  for (let digits = 3; digits < 17; digits++) {
    const text = formatNumber(x, digits);
    const shown = Number(x.toPrecision(digits));
    if (!boundaries.includes(shown)) return text;
  }
  return formatNumber(x, 17);
}

/** "(1.5, −2)": a point as students read it. */
export function formatPoint(theta: readonly number[]): string {
  return theta.length === 1
    ? formatNumber(theta[0] ?? 0)
    : `(${theta.map((t) => formatNumber(t)).join(common.pointSeparator)})`;
}

// Formula coefficients keep up to 6 significant digits: a formula must not round an
// instructor's a = 1.234 to a different cost, while 2 still prints as "2".
const formulaNumber = (x: number): string => formatNumber(x, 6);

/** "θ − 1", "θ + 2", "θ": the shift inside a square, with the sign folded in. */
function shifted(variable: string, center: number): string {
  if (center === 0) return variable;
  return center > 0 ? `${variable} − ${formulaNumber(center)}` : `${variable} + ${formulaNumber(-center)}`;
}

/**
 * The cost as students see it. Quadratic: a/2 folded into one coefficient, "J(θ) = 2(θ − 1)²"
 * for a = 4, c = 1, a coefficient of 1 left out, c = 0 written "θ²". Quartic: "J(θ) = θ⁴/4 + 3·θ²/2".
 * Bowl: the matrix form with its centre, eigenvalues and rotation. Linreg: the lecture's sum with m.
 */
export function formatCost(cost: Cost): string {
  switch (cost.kind) {
    case 'quadratic': {
      const k = cost.a / 2;
      const coefficient = k === 1 ? '' : formulaNumber(k);
      const square = cost.c === 0 ? 'θ²' : `(${shifted('θ', cost.c)})²`;
      return `J(θ) = ${coefficient}${square}`;
    }
    case 'quartic': {
      const coefficient = cost.b === 1 ? '' : `${formulaNumber(cost.b)}·`;
      return `J(θ) = θ⁴/4 + ${coefficient}θ²/2`;
    }
    case 'bowl': {
      const [l1, l2] = cost.eigenvalues;
      const center = `(${cost.center.map(formulaNumber).join(common.pointSeparator)})`;
      return (
        `J(θ) = ½ (θ − c)ᵀ H (θ − c), c = ${center}, ` +
        `H with eigenvalues ${formulaNumber(l1)} and ${formulaNumber(l2)}, axes rotated ${formulaNumber(cost.angle)}°`
      );
    }
    case 'linreg':
      return `J(θ₀, θ₁) = 1/(2m) Σ (θ₀ + θ₁xᵢ − yᵢ)², m = ${cost.x.length}`;
    default:
      return assertNever(cost);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
