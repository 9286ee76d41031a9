// The plots' frames and scales (client/plots/geometry.ts): the question and its reveal share one frame
// decided from the scenario alone, in which the start sits well inside, a converging or zig-zagging
// run stays, and a diverging run visibly leaves.
import { describe, expect, it } from 'vitest';
import {
  curvePoints,
  ellipsePoints,
  equalAspectMap,
  isInside,
  LINE_HALF_WIDTH,
  linearMap,
  lineFrame,
  niceTicks,
  planeFrame,
  toPath,
} from '../../client/plots/geometry';
import { costAt } from '../../shared/engine/cost-model';
import { simulate } from '../../shared/engine/simulate';
import type { Scenario } from '../../shared/engine/types';
import { CONVERGES, DIVERGES, OSCILLATES, ZIGZAG } from '../helpers/scenarios';

const PX = { x0: 0, x1: 200, y0: 0, y1: 100 };

describe('scales', () => {
  it('linearMap stretches the box over the pixels, y growing upwards', () => {
    const map = linearMap({ x0: -1, x1: 1, y0: 0, y1: 10 }, PX);
    expect([map.x(-1), map.x(0), map.x(1)]).toEqual([0, 100, 200]);
    expect([map.y(0), map.y(5), map.y(10)]).toEqual([100, 50, 0]);
  });

  it('linearMap of a flat box does not divide by zero', () => {
    const map = linearMap({ x0: 3, x1: 3, y0: 1, y1: 1 }, PX);
    expect(Number.isFinite(map.x(3)) && Number.isFinite(map.y(1))).toBe(true);
  });

  it('equalAspectMap uses one scale for both axes, centred', () => {
    const map = equalAspectMap({ x0: -1, x1: 1, y0: -1, y1: 1 }, PX);
    // The square box fits the 100 px height; it sits in the middle of the 200 px width.
    expect([map.x(-1), map.x(0), map.x(1)]).toEqual([50, 100, 150]);
    expect([map.y(-1), map.y(0), map.y(1)]).toEqual([100, 50, 0]);
  });
});

describe('lineFrame (1-D)', () => {
  it(`spans θ* ± ${LINE_HALF_WIDTH} × the start's distance, with 6 % room above and below the cost`, () => {
    const frame = lineFrame(CONVERGES);
    // J(θ) = (θ − 1)², start 5: distance 4.
    expect(frame.minimum).toBe(1);
    expect(frame.theta).toEqual([1 - 6.4, 1 + 6.4]);
    const high = costAt(CONVERGES.cost, [1 + 6.4]);
    expect(frame.cost[0]).toBeCloseTo(-0.06 * high);
    expect(frame.cost[1]).toBeCloseTo(1.06 * high);
  });

  it('a start on the minimum still gets a frame one unit wide each side', () => {
    const frame = lineFrame({ ...CONVERGES, start: [1] });
    expect(frame.theta).toEqual([1 - LINE_HALF_WIDTH, 1 + LINE_HALF_WIDTH]);
  });

  it.each([
    ['converges', CONVERGES],
    ['zig-zags', ZIGZAG],
    ['bounces at r = 2', OSCILLATES],
  ] as const)('a run that %s stays inside', (_, scenario) => {
    const [lo, hi] = lineFrame(scenario).theta;
    for (const step of simulate(scenario).steps) {
      expect(step.theta[0]).toBeGreaterThanOrEqual(lo);
      expect(step.theta[0]).toBeLessThanOrEqual(hi);
    }
  });

  it('a diverging run leaves within a few steps', () => {
    const [lo, hi] = lineFrame(DIVERGES).theta;
    const outside = simulate(DIVERGES).steps.findIndex(
      (s) => (s.theta[0] ?? 0) < lo || (s.theta[0] ?? 0) > hi,
    );
    expect(outside).toBeGreaterThan(0);
    expect(outside).toBeLessThanOrEqual(3);
  });

  it('curvePoints samples the cost evenly across the frame', () => {
    const frame = lineFrame(CONVERGES);
    const points = curvePoints(CONVERGES.cost, frame, 4);
    expect(points.map(([t]) => t)).toEqual([-5.4, -2.2, 1, 4.2, 7.4].map((t) => expect.closeTo(t, 12)));
    for (const [t, j] of points) expect(j).toBeCloseTo(costAt(CONVERGES.cost, [t]));
  });
});

describe('planeFrame (2-D)', () => {
  const bowl = (start: [number, number], alpha: number, angle = 30): Scenario => ({
    cost: { kind: 'bowl', eigenvalues: [1, 4], angle, center: [2, -1] },
    start,
    alpha,
  });

  it('is centred on the minimum, with the shallow axis first', () => {
    const frame = planeFrame(bowl([6, 3], 0.1));
    expect(frame.minimum).toEqual([2, -1]);
    expect(frame.eigenvalues).toEqual([1, 4]);
    expect((frame.box.x0 + frame.box.x1) / 2).toBeCloseTo(2);
    expect((frame.box.y0 + frame.box.y1) / 2).toBeCloseTo(-1);
    for (const v of frame.axes) expect(Math.hypot(...v)).toBeCloseTo(1);
  });

  it('startLevel is J(θ₀) − J(θ*)', () => {
    const scenario = bowl([6, 3], 0.1);
    const frame = planeFrame(scenario);
    expect(frame.startLevel).toBeCloseTo(costAt(scenario.cost, [6, 3]) - costAt(scenario.cost, [2, -1]));
  });

  it.each([
    ['converges', 0.1],
    ['zig-zags', 0.4],
  ])('a run that %s stays inside, start included', (_, alpha) => {
    for (const start of [
      [6, 3],
      [2.1, 5],
      [-4, -1],
    ] as Array<[number, number]>) {
      const scenario = bowl(start, alpha);
      const { box } = planeFrame(scenario);
      for (const step of simulate(scenario).steps)
        expect(isInside(box, step.theta[0] ?? 0, step.theta[1] ?? 0), `start ${start}`).toBe(true);
    }
  });

  it('a diverging run leaves', () => {
    const scenario = bowl([6, 3], 0.6);
    const { box } = planeFrame(scenario);
    expect(simulate(scenario).steps.some((s) => !isInside(box, s.theta[0] ?? 0, s.theta[1] ?? 0))).toBe(true);
  });

  it('a start on an axis still gets room across it (0.35 of its distance)', () => {
    const { box } = planeFrame(bowl([6, -1], 0.1, 0));
    expect(box.y1 - box.y0).toBeCloseTo(0.35 * (box.x1 - box.x0));
  });

  it('ellipsePoints lie on the contour J = J* + level', () => {
    const scenario = bowl([6, 3], 0.1);
    const frame = planeFrame(scenario);
    const floor = costAt(scenario.cost, frame.minimum);
    const points = ellipsePoints(frame, 2.5, 12);
    expect(points).toHaveLength(12);
    for (const p of points) expect(costAt(scenario.cost, p) - floor).toBeCloseTo(2.5);
  });
});

describe('ticks, hit tests and paths', () => {
  it('niceTicks picks steps of 1, 2 or 5 times a power of ten, with an exact 0', () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(-1, 1, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(0.13, 0.87, 4)).toEqual([0.2, 0.4, 0.6, 0.8].map((t) => expect.closeTo(t, 12)));
    expect(
      Object.is(
        niceTicks(-0.3, 0.3, 6).find((t) => Math.abs(t) < 1e-12),
        0,
      ),
    ).toBe(true);
  });

  it('niceTicks of an empty or reversed range is its start alone', () => {
    expect(niceTicks(2, 2, 5)).toEqual([2]);
    expect(niceTicks(3, 1, 5)).toEqual([3]);
  });

  it('isInside counts the edges as inside', () => {
    const box = { x0: 0, x1: 1, y0: 0, y1: 1 };
    expect([isInside(box, 0, 1), isInside(box, 0.5, 0.5), isInside(box, 1.01, 0.5)]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('toPath draws one move then lines, to a tenth of a pixel, closed on request', () => {
    const map = linearMap({ x0: 0, x1: 1, y0: 0, y1: 1 }, PX);
    const points: Array<[number, number]> = [
      [0, 0],
      [0.5, 1],
      [1, 0.333],
    ];
    expect(toPath(points, map)).toBe('M0.0 100.0L100.0 0.0L200.0 66.7');
    expect(toPath(points, map, true)).toBe('M0.0 100.0L100.0 0.0L200.0 66.7Z');
  });
});
