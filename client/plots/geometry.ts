// What each plot shows, decided from the scenario alone, so the question and its reveal use the
// same frame: the start sits well inside it, and a run that escapes visibly leaves it (the frame is
// never widened to hide a divergence).
import { costAt, hessianEigen, minimumOf } from '../../shared/engine/cost-model';
import type { Cost, Scenario } from '../../shared/engine/types';

export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Maps data coordinates to pixels; y grows upwards in data, downwards on screen. */
export interface Mapping {
  x(v: number): number;
  y(v: number): number;
}

export function linearMap(box: Box, px: Box): Mapping {
  const sx = (px.x1 - px.x0) / (box.x1 - box.x0 || 1);
  const sy = (px.y1 - px.y0) / (box.y1 - box.y0 || 1);
  return {
    x: (v) => px.x0 + (v - box.x0) * sx,
    y: (v) => px.y1 - (v - box.y0) * sy,
  };
}

/** Like linearMap, with one scale for both axes (a bowl must look like itself), centred in `px`. */
export function equalAspectMap(box: Box, px: Box): Mapping {
  const w = box.x1 - box.x0 || 1;
  const h = box.y1 - box.y0 || 1;
  const s = Math.min((px.x1 - px.x0) / w, (px.y1 - px.y0) / h);
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  const pcx = (px.x0 + px.x1) / 2;
  const pcy = (px.y0 + px.y1) / 2;
  return { x: (v) => pcx + (v - cx) * s, y: (v) => pcy - (v - cy) * s };
}

/**
 * 1-D: θ* ± 1.6·|θ₀ − θ*|. The mirror of the start (where an exact r = 2 bounce lands) is inside,
 * and so is every point of a converging or zig-zagging run; a diverging run leaves within a few steps.
 */
export const LINE_HALF_WIDTH = 1.6;

export interface LineFrame {
  minimum: number;
  theta: [number, number];
  cost: [number, number];
}

export function lineFrame(scenario: Scenario): LineFrame {
  const minimum = minimumOf(scenario.cost)[0] ?? 0;
  const distance = Math.abs((scenario.start[0] ?? 0) - minimum);
  const half = LINE_HALF_WIDTH * (distance > 0 ? distance : 1);
  const low = costAt(scenario.cost, [minimum]);
  const high = Math.max(costAt(scenario.cost, [minimum - half]), costAt(scenario.cost, [minimum + half]));
  const pad = (high - low) * 0.06;
  return { minimum, theta: [minimum - half, minimum + half], cost: [low - pad, high + pad] };
}

export function curvePoints(cost: Cost, frame: LineFrame, samples = 160): Array<[number, number]> {
  const [a, b] = frame.theta;
  const points: Array<[number, number]> = [];
  for (let i = 0; i <= samples; i++) {
    const t = a + ((b - a) * i) / samples;
    points.push([t, costAt(cost, [t])]);
  }
  return points;
}

export interface PlaneFrame {
  box: Box;
  minimum: [number, number];
  /** Unit eigenvectors, shallow first: the valley floor runs along `axes[0]`. */
  axes: [[number, number], [number, number]];
  eigenvalues: [number, number];
  /** J(θ₀) − J(θ*). */
  startLevel: number;
}

/**
 * 2-D: the rectangle θ* ± z₁v₁ ± z₂v₂ spanned by the start's eigen-components, widened by a quarter.
 * Each component of a converging or zig-zagging run only shrinks, so the whole run stays inside.
 */
export function planeFrame(scenario: Scenario): PlaneFrame {
  const eigen = hessianEigen(scenario.cost);
  const [m0 = 0, m1 = 0] = minimumOf(scenario.cost);
  const v0 = (eigen.vectors[0] ?? [1, 0]) as [number, number];
  const v1 = (eigen.vectors[1] ?? [0, 1]) as [number, number];
  const d = [(scenario.start[0] ?? 0) - m0, (scenario.start[1] ?? 0) - m1];
  const z0 = Math.abs(v0[0] * (d[0] ?? 0) + v0[1] * (d[1] ?? 0));
  const z1 = Math.abs(v1[0] * (d[0] ?? 0) + v1[1] * (d[1] ?? 0));
  const span = Math.max(z0, z1, 1e-9);
  // A start on one axis would give a flat rectangle: keep some room across it.
  const a = Math.max(z0, span * 0.35);
  const b = Math.max(z1, span * 0.35);
  const dx = Math.abs(a * v0[0]) + Math.abs(b * v1[0]);
  const dy = Math.abs(a * v0[1]) + Math.abs(b * v1[1]);
  const grow = 1.25;
  const l0 = eigen.values[0] ?? 1;
  const l1 = eigen.values[1] ?? 1;
  return {
    box: { x0: m0 - dx * grow, x1: m0 + dx * grow, y0: m1 - dy * grow, y1: m1 + dy * grow },
    minimum: [m0, m1],
    axes: [v0, v1],
    eigenvalues: [l0, l1],
    startLevel: (l0 * z0 * z0 + l1 * z1 * z1) / 2,
  };
}

/** The contour J = J* + level: an ellipse with semi-axes √(2·level/λᵢ) along the eigenvectors. */
export function ellipsePoints(frame: PlaneFrame, level: number, samples = 96): Array<[number, number]> {
  const [v0, v1] = frame.axes;
  const r0 = Math.sqrt((2 * level) / frame.eigenvalues[0]);
  const r1 = Math.sqrt((2 * level) / frame.eigenvalues[1]);
  const points: Array<[number, number]> = [];
  for (let i = 0; i < samples; i++) {
    const t = (2 * Math.PI * i) / samples;
    const c = r0 * Math.cos(t);
    const s = r1 * Math.sin(t);
    points.push([frame.minimum[0] + c * v0[0] + s * v1[0], frame.minimum[1] + c * v0[1] + s * v1[1]]);
  }
  return points;
}

export function isInside(box: Box, x: number, y: number): boolean {
  return x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1;
}

/** Round tick values covering [a, b], about `count` of them. */
export function niceTicks(a: number, b: number, count: number): number[] {
  const span = b - a;
  if (!(span > 0)) return [a];
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((k) => k * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(a / step) * step; t <= b + step * 1e-9; t += step)
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return ticks;
}

export const toPath = (points: Array<[number, number]>, map: Mapping, close = false): string =>
  points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${map.x(x).toFixed(1)} ${map.y(y).toFixed(1)}`).join('') +
  (close ? 'Z' : '');
