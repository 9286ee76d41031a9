// The course's worked example (LECTURE_DATASET, the engine's copy of the course's
// lecture-dataset.json): the engine must reproduce the lecture's facts and its figure's three
// learning rates from the start (25, 0).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hessianEigen, LECTURE_DATASET, minimumOf, simulate, sweepAlpha } from '../../shared/engine/index';
import type { LinregCost, Scenario } from '../../shared/engine/types';
import { english } from '../helpers/english';

const cost: LinregCost = { kind: 'linreg', x: LECTURE_DATASET.x, y: LECTURE_DATASET.y };
const lecture = (alpha: number): Scenario => ({ cost, start: [25, 0], alpha });
const { facts } = LECTURE_DATASET;

describe('the lecture data set', () => {
  it('holds the course data: 50 points, start (25, 0)', () => {
    // Spot values copied by hand from the course's lecture-dataset.json (first and last points).
    expect(LECTURE_DATASET.x).toHaveLength(50);
    expect(LECTURE_DATASET.y).toHaveLength(50);
    expect([LECTURE_DATASET.x[0], LECTURE_DATASET.y[0]]).toEqual([5.488135039273, 29.654507861272]);
    expect([LECTURE_DATASET.x[49], LECTURE_DATASET.y[49]]).toEqual([3.637107709426, 16.59538559963]);
    expect(LECTURE_DATASET.start).toEqual([25, 0]);
  });

  it('has Hessian eigenvalues 0.1995 and 37.154', () => {
    const [lambdaMin, lambdaMax] = hessianEigen(cost).values;
    expect(lambdaMin).toBeCloseTo(facts.hessianEigenvalues[0], 12);
    expect(lambdaMax).toBeCloseTo(facts.hessianEigenvalues[1], 10);
    expect(lambdaMin).toBeCloseTo(0.1995, 4);
    expect(lambdaMax).toBeCloseTo(37.154, 3);
  });

  it('has its minimum at θ* = (6.5805, 3.9063) from the normal equations', () => {
    const [t0, t1] = minimumOf(cost);
    expect(t0).toBeCloseTo(facts.thetaMin[0], 10);
    expect(t1).toBeCloseTo(facts.thetaMin[1], 10);
  });

  it('overshoots from α = 1/λ_max = 0.0269 and diverges from α = 2/λ_max = 0.05383', () => {
    const sim = simulate(lecture(0.02));
    expect(sim.thresholds.zigzagFrom).toBeCloseTo(facts.alphaZigzagFrom, 14);
    expect(sim.thresholds.divergeFrom).toBeCloseTo(facts.alphaDivergeFrom, 14);
    expect(sim.thresholds.divergeFrom).toBeCloseTo(0.05383, 5);
  });

  it.each(facts.lectureAlphas)('α = $alpha from (25, 0): $outcome', ({ alpha, outcome }) => {
    // r = α·37.154: 0.02 → 0.743, 0.05 → 1.858, 0.06 → 2.229.
    const sim = simulate(lecture(alpha));
    expect(sim.outcome).toBe(outcome);
    expect(sim.ratio).toBeCloseTo(alpha * facts.hessianEigenvalues[1], 10);
    expect(sim.steps[0]?.theta).toEqual([25, 0]);
  });

  it('explains each figure with α·λ_max', () => {
    expect(english(simulate(lecture(0.02)).explanation)).toContain(
      'α·λ_max = 0.02 × 37.15 = 0.743 is below 1',
    );
    expect(english(simulate(lecture(0.05)).explanation)).toContain(
      'α·λ_max = 0.05 × 37.15 = 1.86 is between 1 and 2',
    );
    expect(english(simulate(lecture(0.06)).explanation)).toContain(
      'α·λ_max = 0.06 × 37.15 = 2.23 is above 2',
    );
  });

  it('the α map switches at the lecture thresholds', () => {
    // Just below and above 1/λ_max = 0.026915 and 2/λ_max = 0.053830.
    expect(sweepAlpha(lecture(0.02), [0.0269, 0.027, 0.0538, 0.0539])).toEqual([
      'converges',
      'zigzag',
      'zigzag',
      'diverges',
    ]);
  });
});

/**
 * The course's file, copied into test/fixtures so that every clone compares against it; where the
 * course's shared/ folder sits beside the clone (../shared/data), the copy must still equal it.
 */
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'lecture-dataset.json');
const COURSE_FILE = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'lecture-dataset.json');

interface CourseFile {
  description: string;
  x: number[];
  y: number[];
  start: [number, number];
  facts: {
    hessian_eigenvalues: [number, number];
    alpha_zigzag_from: number;
    alpha_diverge_from: number;
    theta_min: [number, number];
    lecture_alphas: Record<string, string>;
  };
}

describe('the engine’s copy of the lecture data set', () => {
  it('equals the course’s lecture-dataset.json, number for number', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    if (existsSync(COURSE_FILE))
      expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(COURSE_FILE, 'utf8')));
    const course = JSON.parse(text) as CourseFile;
    const { facts } = course;
    expect(LECTURE_DATASET).toEqual({
      description: course.description,
      x: course.x,
      y: course.y,
      start: course.start,
      facts: {
        hessianEigenvalues: facts.hessian_eigenvalues,
        alphaZigzagFrom: facts.alpha_zigzag_from,
        alphaDivergeFrom: facts.alpha_diverge_from,
        thetaMin: facts.theta_min,
        lectureAlphas: Object.entries(facts.lecture_alphas).map(([alpha, outcome]) => ({
          alpha: Number(alpha),
          outcome,
        })),
      },
    });
  });
});
