// A finished game's report, as the API serves it and the host app draws it (docs/api.md).
import type { MisconceptionId } from '../engine/misconceptions';
import type { Outcome } from '../engine/types';
import type { Confidence } from './confidence';
import type { RoundType } from './schemas';
import type { AnswerValue, Settings, Task } from './views';

/**
 * 2: `misconceptions` (README M1–M4) in place of version 1's `confusions`. 3: a round that went to a
 * second vote holds its first vote (PI8: `firstVote` on the round and on each answer, `peer` on the
 * game); a version 2 report reads as it is, without them.
 */
export const REPORT_VERSION = 3;

/**
 * PI8: how a student's two votes in a round that went to a second vote compare, by whether each was
 * right. Only a student who voted twice is compared; `first-only` did not vote again (their first
 * vote scored, PI4), `second-only` gave no first vote (joined during the discussion, or missed it).
 */
export const PEER_CHANGES = [
  'wrong-to-right',
  'right-to-wrong',
  'stayed-right',
  'stayed-wrong',
  'first-only',
  'second-only',
] as const;
export type PeerChange = (typeof PEER_CHANGES)[number];
export type PeerCounts = Record<PeerChange, number>;

/** PI8's words, on the report page and in the CSV. */
export const PEER_CHANGE_LABELS: Record<PeerChange, string> = {
  'wrong-to-right': 'wrong → right',
  'right-to-wrong': 'right → wrong',
  'stayed-right': 'stayed right',
  'stayed-wrong': 'stayed wrong',
  'first-only': 'did not vote again',
  'second-only': 'second vote only',
};

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
  /**
   * PI8: only in a round that went to a second vote: the student's first vote (`answer` null: none).
   * The fields above are the vote that scored (the second, or the first for a student who did not
   * vote again: PI4).
   */
  firstVote?: { answer: AnswerValue | null; correct: boolean; confidence?: Confidence };
  /** PI8: only in such a round: how the two votes compare; null without any vote, or in a round nobody could win (S6). */
  change?: PeerChange | null;
}

/** PI5, PI8: the first vote of a round that went to a second vote, counted as the round is. */
export interface ReportFirstVote {
  /** Students who could vote: connected at its close, or who voted. */
  eligible: number;
  answered: number;
  correct: number;
  /** correct / eligible; null when nobody could vote. */
  shareCorrect: number | null;
  bars: ReportBar[];
  /** PI8: the class's changes between the votes; null in a round nobody could win (S6). */
  changes: PeerCounts | null;
}

/** PI8: over the rounds that went to a second vote, the class's changes and each student's. */
export interface ReportPeer {
  /** The rounds (0-based indexes) that went to a second vote and were scored. */
  rounds: number[];
  class: PeerCounts;
  /** In the report's ranking order. */
  students: Array<{ id: number; nickname: string; changes: PeerCounts }>;
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
  /**
   * One line: the cost, the start and the α (or the α offered), in English for the CSV; the host page
   * writes it from `task` in its own language, as it does `answerText` and each bar's `label`.
   */
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
  /** PI5, PI8: only when the round went to a second vote; the fields above are the vote that scored. */
  firstVote?: ReportFirstVote;
}

/** A misconception the class holds (README M4), with the students who hold it (M3). */
export interface ReportMisconception {
  id: MisconceptionId;
  /**
   * The wrong idea ("A zig-zag is not convergence"), what its holders answer, and the sentence that
   * separates it from the right idea, in English: the CSV's words. The host page names it by `id` in
   * its own language (client/host/parts/report-text.ts), and these only for an id it does not know.
   */
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
  /** PI8: only when a round went to a second vote. */
  peer?: ReportPeer;
  /** PI9: each twin asked, beside its round's first vote; absent in reports of games before twins. */
  twins?: ReportTwin[];
  /** The report id of the game this one was the warm-up of (its deck's `warmupOf`). */
  warmupOf?: string;
  /**
   * Only as the API serves a warm-up's report, worked out when it is read: the comparison with the
   * original game (README, "The return trip").
   */
  sinceLastTime?: ReportSinceLastTime;
}

/**
 * How a student stands on one idea in the warm-up against the original game, by whether their
 * answers on the rounds testing it were right (more than half of those they gave) in each game.
 */
export const WARMUP_STATES = ['retained', 'newly-right', 'still-wrong', 'new-mistake'] as const;
export type WarmupState = (typeof WARMUP_STATES)[number];
export type WarmupCounts = Record<WarmupState, number>;

export const WARMUP_STATE_LABELS: Record<WarmupState, string> = {
  retained: 'retained',
  'newly-right': 'newly right',
  'still-wrong': 'still wrong',
  'new-mistake': 'new mistake',
};

/** The class's answers on the rounds of one game that test an idea. */
export interface WarmupShare {
  /** 0-based indexes of the scored rounds testing it. */
  rounds: number[];
  answered: number;
  correct: number;
  /** correct / answered; null without an answer. */
  share: number | null;
}

export type ReportSinceLastTime =
  | {
      of: string;
      available: false;
      /** Why there is no comparison, as a sentence for the teacher. */
      why: string;
    }
  | {
      of: string;
      available: true;
      original: { title: string; code: string; startedAt: number };
      /** The ideas (misconceptions, M2) that scored rounds of both games test, least right before first. */
      ideas: Array<{
        id: MisconceptionId;
        name: string;
        before: WarmupShare;
        now: WarmupShare;
        counts: WarmupCounts;
      }>;
      /** Over every student and idea compared. */
      class: WarmupCounts;
      /** The warm-up's students in its ranking order; `inOriginal` false: not matched to the original. */
      students: Array<{
        nickname: string;
        inOriginal: boolean;
        counts: WarmupCounts;
        /** Per idea, in the order of `ideas`; null: no answer on it in one of the games. */
        states: Array<WarmupState | null>;
      }>;
      /** Students of the original game not in the warm-up. */
      absent: string[];
    };

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
