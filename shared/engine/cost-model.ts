// Cost functions, gradients, minimisers and Hessian eigen-decompositions. The quadratic kinds
// (quadratic, bowl, linreg) are all J(θ) = J* + ½ (θ − θ*)ᵀ H (θ − θ*); reducing them to
// (θ*, J*, eigenvalues, eigenvectors) lets the simulation work in eigen-coordinates, where a
// gradient step multiplies each coordinate by (1 − α·λᵢ) exactly.
import { assertNever } from './format';
import type { Cost, HessianEigen } from './types';

export interface QuadraticForm {
  dimension: 1 | 2;
  minimum: number[];
  minimumCost: number;
  /** Ascending, all > 0 for a valid scenario. */
  values: number[];
  /** Unit vectors, `vectors[i]` belongs to `values[i]`. */
  vectors: number[][];
}

const DEGREE = Math.PI / 180;

/**
 * cos and sin of an angle in degrees, exact at multiples of 30° and 45° so an axis-aligned bowl has
 * eigenvectors (1, 0) and (0, 1), not (1, 6e-17).
 */
function cosSinDegrees(angle: number): [number, number] {
  const turn = ((angle % 360) + 360) % 360;
  const exact: Record<number, [number, number]> = {
    0: [1, 0],
    30: [Math.sqrt(3) / 2, 0.5],
    45: [Math.SQRT1_2, Math.SQRT1_2],
    60: [0.5, Math.sqrt(3) / 2],
    90: [0, 1],
  };
  const quadrant = Math.floor(turn / 90);
  const within = turn - quadrant * 90;
  const base = exact[within];
  if (base === undefined) return [Math.cos(angle * DEGREE), Math.sin(angle * DEGREE)];
  const [c, s] = base;
  // Rotating by a further 90° maps (c, s) to (−s, c).
  const rotations: [number, number][] = [
    [c, s],
    [-s, c],
    [-c, -s],
    [s, -c],
  ];
  return rotations[quadrant] ?? [c, s];
}

interface LinregMoments {
  m: number;
  meanX: number;
  meanY: number;
  /** Population variance of x and covariance of x and y (divided by m), from centred sums. */
  varX: number;
  covXY: number;
}

function linregMoments(x: readonly number[], y: readonly number[]): LinregMoments {
  const m = x.length;
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < m; i++) {
    sumX += x[i] ?? 0;
    sumY += y[i] ?? 0;
  }
  const meanX = sumX / m;
  const meanY = sumY / m;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < m; i++) {
    const dx = (x[i] ?? 0) - meanX;
    sxx += dx * dx;
    sxy += dx * ((y[i] ?? 0) - meanY);
  }
  return { m, meanX, meanY, varX: sxx / m, covXY: sxy / m };
}

/**
 * Eigen-decomposition of the symmetric 2×2 matrix [[p, q], [q, s]] given its determinant, which the
 * caller can often compute without cancellation (for linreg det H = var x). λ_min = det/λ_max avoids
 * the cancellation of (p + s)/2 − √(…) for an elongated valley.
 */
function symmetricEigen2(
  p: number,
  q: number,
  s: number,
  det: number,
): { values: number[]; vectors: number[][] } {
  const lambdaMax = (p + s) / 2 + Math.hypot((p - s) / 2, q);
  const lambdaMin = det / lambdaMax;
  // The principal axis of [[p, q], [q, s]] makes the angle φ = ½·atan2(2q, p − s) with the θ₁ axis.
  const phi = Math.atan2(2 * q, p - s) / 2;
  const c = Math.cos(phi);
  const sn = Math.sin(phi);
  return {
    values: [lambdaMin, lambdaMax],
    vectors: [
      [-sn, c],
      [c, sn],
    ],
  };
}

/** The quadratic-form view of a quadratic kind; undefined for the quartic. */
export function quadraticFormOf(cost: Cost): QuadraticForm | undefined {
  switch (cost.kind) {
    case 'quadratic':
      return { dimension: 1, minimum: [cost.c], minimumCost: 0, values: [cost.a], vectors: [[1]] };
    case 'quartic':
      return undefined;
    case 'bowl': {
      const [c, s] = cosSinDegrees(cost.angle);
      const [l1, l2] = cost.eigenvalues;
      const first = { value: l1, vector: [c, s] };
      const second = { value: l2, vector: [-s, c] };
      const [low, high] = l1 <= l2 ? [first, second] : [second, first];
      return {
        dimension: 2,
        minimum: [cost.center[0], cost.center[1]],
        minimumCost: 0,
        values: [low.value, high.value],
        vectors: [low.vector, high.vector],
      };
    }
    case 'linreg': {
      const { m, meanX, meanY, varX, covXY } = linregMoments(cost.x, cost.y);
      // Normal equations, centred: θ₁ = cov(x, y)/var(x), θ₀ = ȳ − θ₁·x̄.
      const slope = covXY / varX;
      const intercept = meanY - slope * meanX;
      let residuals = 0;
      for (let i = 0; i < m; i++) {
        const r = intercept + slope * (cost.x[i] ?? 0) - (cost.y[i] ?? 0);
        residuals += r * r;
      }
      // H = XᵀX/m = [[1, x̄], [x̄, mean(x²)]], det H = var(x).
      const eigen = symmetricEigen2(1, meanX, varX + meanX * meanX, varX);
      return {
        dimension: 2,
        minimum: [intercept, slope],
        minimumCost: residuals / (2 * m),
        values: eigen.values,
        vectors: eigen.vectors,
      };
    }
    default:
      return assertNever(cost);
  }
}

export function dimensionOf(cost: Cost): 1 | 2 {
  return cost.kind === 'quadratic' || cost.kind === 'quartic' ? 1 : 2;
}

/** θ*, the minimiser. */
export function minimumOf(cost: Cost): number[] {
  return quadraticFormOf(cost)?.minimum ?? [0];
}

/** J(θ*). */
export function minimumCostOf(cost: Cost): number {
  return quadraticFormOf(cost)?.minimumCost ?? 0;
}

/**
 * Eigenvalues (ascending) and unit eigenvectors of the Hessian. For the quartic, the Hessian at
 * its minimum: J''(0) = b.
 */
export function hessianEigen(cost: Cost): HessianEigen {
  const form = quadraticFormOf(cost);
  if (form === undefined) return { values: [cost.kind === 'quartic' ? cost.b : 0], vectors: [[1]] };
  return { values: form.values, vectors: form.vectors };
}

/** Coordinates of θ − θ* along the eigenvectors of `hessianEigen`, in the same order. */
export function eigenComponents(cost: Cost, theta: readonly number[]): number[] {
  const form = quadraticFormOf(cost);
  if (form === undefined) return [theta[0] ?? 0];
  return componentsIn(form, theta);
}

export function componentsIn(form: QuadraticForm, theta: readonly number[]): number[] {
  const offset = form.minimum.map((m, i) => (theta[i] ?? 0) - m);
  return form.vectors.map((v) => v.reduce((sum, vi, i) => sum + vi * (offset[i] ?? 0), 0));
}

/** J(θ). Linreg sums over the data, as the lecture writes it. */
export function costAt(cost: Cost, theta: readonly number[]): number {
  switch (cost.kind) {
    case 'quadratic': {
      const d = (theta[0] ?? 0) - cost.c;
      return (cost.a / 2) * d * d;
    }
    case 'quartic': {
      const t2 = (theta[0] ?? 0) ** 2;
      return (t2 * t2) / 4 + (cost.b * t2) / 2;
    }
    case 'bowl': {
      const form = quadraticFormOf(cost);
      if (form === undefined) return Number.NaN;
      const z = componentsIn(form, theta);
      return z.reduce((sum, zi, i) => sum + ((form.values[i] ?? 0) * zi * zi) / 2, 0);
    }
    case 'linreg': {
      const [t0 = 0, t1 = 0] = theta;
      let sum = 0;
      for (let i = 0; i < cost.x.length; i++) {
        const r = t0 + t1 * (cost.x[i] ?? 0) - (cost.y[i] ?? 0);
        sum += r * r;
      }
      return sum / (2 * cost.x.length);
    }
    default:
      return assertNever(cost);
  }
}

/** ∇J(θ). */
export function gradientAt(cost: Cost, theta: readonly number[]): number[] {
  switch (cost.kind) {
    case 'quadratic':
      return [cost.a * ((theta[0] ?? 0) - cost.c)];
    case 'quartic': {
      const t = theta[0] ?? 0;
      return [t * t * t + cost.b * t];
    }
    case 'bowl': {
      const form = quadraticFormOf(cost);
      if (form === undefined) return [Number.NaN, Number.NaN];
      const z = componentsIn(form, theta);
      // H d = Σ λᵢ vᵢ (vᵢ·d)
      return [0, 1].map((j) =>
        form.vectors.reduce((sum, v, i) => sum + (form.values[i] ?? 0) * (v[j] ?? 0) * (z[i] ?? 0), 0),
      );
    }
    case 'linreg': {
      const [t0 = 0, t1 = 0] = theta;
      let g0 = 0;
      let g1 = 0;
      for (let i = 0; i < cost.x.length; i++) {
        const xi = cost.x[i] ?? 0;
        const r = t0 + t1 * xi - (cost.y[i] ?? 0);
        g0 += r;
        g1 += r * xi;
      }
      return [g0 / cost.x.length, g1 / cost.x.length];
    }
    default:
      return assertNever(cost);
  }
}
