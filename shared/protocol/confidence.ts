// Confidence on every answer (README "Game rules", C1–C5): the levels, their marks and their words.
// No valibot here: the phone imports this module in its first load, and the schemas stay out of it.

import { common } from '../i18n/en/common';

/** How a game scores a right answer: by how fast it came (S2), or by how sure the student said they were (C2). */
export const SCORE_BY = ['speed', 'confidence'] as const;
export type ScoreBy = (typeof SCORE_BY)[number];

/** The three levels, least sure first. */
export const CONFIDENCE_LEVELS = ['guessing', 'fairly-sure', 'sure'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

export const CONFIDENCE_LABELS: Record<Confidence, string> = common.confidence;

/**
 * C2: certainty-based marking (Gardner-Medwin): right earns 1 / 2 / 3, wrong costs 0 / 2 / 6 for
 * guessing / fairly sure / sure. With belief p of being right the expected marks are p, 4p − 2 and
 * 9p − 6: guessing is best below p = 2/3, sure above p = 0.8, fairly sure between, so saying how
 * sure one really is pays best and no fixed level can beat it.
 */
export const CBM_MARKS: Record<Confidence, { right: number; wrong: number }> = {
  guessing: { right: 1, wrong: 0 },
  'fairly-sure': { right: 2, wrong: -2 },
  sure: { right: 3, wrong: -6 },
};

/** C3: one mark is a third of a round's 1000 points, so "sure and right" is worth what a fast right answer is. */
export const CBM_POINTS_PER_MARK = 1000 / 3;

/** C3: the points a level earns (or costs) for a right (or wrong) answer, before the streak bonus. */
export function confidencePoints(level: Confidence, correct: boolean): number {
  const marks = CBM_MARKS[level];
  return Math.round((correct ? marks.right : marks.wrong) * CBM_POINTS_PER_MARK);
}

/** The probability of being right that a level stands for, for the Brier score (C5): the middle of its band. */
export const CONFIDENCE_PROBABILITY: Record<Confidence, number> = {
  guessing: 0.5,
  'fairly-sure': 0.735,
  sure: 0.9,
};

export const isConfidence = (x: unknown): x is Confidence =>
  typeof x === 'string' && (CONFIDENCE_LEVELS as readonly string[]).includes(x);
