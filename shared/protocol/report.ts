// A finished game's report, as the API serves it and the host app draws it (docs/api.md).
import type { MisconceptionId } from '../engine/misconceptions';
import type { Outcome } from '../engine/types';
import type { Confidence } from './confidence';
import type { RoundType } from './schemas';
import type { AnswerValue, Settings, Task } from './views';

/** 2: `misconceptions` (README M1–M4) in place of version 1's `confusions`. */
export const REPORT_VERSION = 2;

export interface ReportAnswer {
  playerId: number;
  nickname: string;
  /** null: no answer. */
  answer: AnswerValue | null;
  correct: boolean;
  /** Seconds from the question opening to the answer reaching the server; null without an answer. */
  seconds: number | null;
  points: number;
  /** C1: the level the answer was given with, in a game scored by confidence. */
  confidence?: Confidence;
}

export interface ReportBar {
  /** What the bar counts, in words ("Zig-zags", "α = 0.4", "α* or above: does not converge"). */
  label: string;
  /** The answer the bar counts (an outcome, or an α offered); null for a bucket of guesses. */
  answer: AnswerValue | null;
  count: number;
  /** The bar of the right answer (for a "largest α" round: guesses that scored). */
  isCorrect: boolean;
}

export interface ReportRound {
  /** 0-based; shown as index + 1. */
  index: number;
  type: RoundType;
  task: Task;
  /** One line: the cost, the start and the α (or the α offered). */
  summary: string;
  /** The right answer in words ("Diverges", "α just below 0.0538", "α = 0.4"). */
  answerText: string;
  /** A prediction round's outcome. */
  outcome: Outcome | null;
  /** r = α·λ_max (s = α(θ₀² + b) for the quartic) of a prediction round: where intuition is tested. */
  ratio: number | null;
  scored: boolean;
  /** Students who could answer: connected at the close, or who answered. */
  eligible: number;
  answered: number;
  correct: number;
  /** correct / eligible; null when nobody could answer. */
  shareCorrect: number | null;
  bars: ReportBar[];
  answers: ReportAnswer[];
}

/** A misconception the class holds (README M4), with the students who hold it (M3). */
export interface ReportMisconception {
  id: MisconceptionId;
  /** The wrong idea ("A zig-zag is not convergence"), what its holders answer, and the sentence that separates it from the right idea. */
  name: string;
  text: string;
  separates: string;
  /** The rounds (0-based indexes) that test it. */
  rounds: number[];
  /** The share of the class's answers on those rounds that show it, and the share guessing gives. */
  share: number;
  chance: number;
  /** The students who hold it: answers showing it of the answers they gave on those rounds. */
  students: Array<{ playerId: number; nickname: string; shown: number; tested: number }>;
}

export interface GameReport {
  version: number;
  code: string;
  title: string;
  startedAt: number;
  endedAt: number;
  endedEarly: boolean;
  settings: Settings;
  roundCount: number;
  players: Array<{ id: number; nickname: string; score: number; rank: number }>;
  rounds: ReportRound[];
  /** Most students first. */
  misconceptions: ReportMisconception[];
  /** C5: only in a game scored by confidence. */
  calibration?: Calibration;
  /** PI9: each twin asked, beside its round's first vote; absent in reports of games before twins. */
  twins?: ReportTwin[];
}

/** A share of the class: correct of those who could answer (null when nobody could). */
export interface ReportShare {
  correct: number;
  eligible: number;
  share: number | null;
}

/**
 * PI9: a twin beside the round it is the twin of. The first vote is the class before the discussion;
 * the second vote, after it, with neighbours; the twin, alone: a twin about as good as the second
 * vote says the discussion taught, one back at the first vote's level says answers were copied.
 */
export interface ReportTwin {
  /** The original round and its twin, 0-based. */
  round: number;
  twin: number;
  firstVote: ReportShare;
  secondVote: ReportShare;
  twinVote: ReportShare;
}

/** C5: how often answers given at one level were right. */
export interface CalibrationLevel {
  level: Confidence;
  /** Answers given at this level in scored rounds. */
  answers: number;
  correct: number;
  /** correct / answers; null when no answer was given at this level. */
  share: number | null;
}

/** C5: the calibration of a game scored by confidence, for the class and per student. */
export interface Calibration {
  /** The class, least sure level first. */
  levels: CalibrationLevel[];
  students: Array<{
    id: number;
    nickname: string;
    levels: CalibrationLevel[];
    /**
     * Brier score over the game: the mean of (p − o)² over the student's answers in scored rounds,
     * p the probability their level stands for (CONFIDENCE_PROBABILITY), o 1 if right, else 0.
     * 0 is perfect; always saying "guessing" scores 0.25. Null without such an answer.
     */
    brier: number | null;
  }>;
}
