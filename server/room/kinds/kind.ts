// What a kind of round is, on the server: one module per kind implements this interface, and the
// table in ./index.ts collects them, so a kind missing a hook, or a kind missing, fails to compile.
// Pure: kinds import shared/engine and shared/protocol only, and use no clock and no randomness.
import { formatNumber } from '../../../shared/engine/format';
import type { Outcome } from '../../../shared/engine/types';
import type { DeckRoundOf } from '../../../shared/protocol/deck';
import type { ReportAnswer, ReportBar } from '../../../shared/protocol/report';
import type { RoundType } from '../../../shared/protocol/schemas';
import type { AnswerValue, DetailOf, TaskOf, VerdictOf } from '../../../shared/protocol/views';

/** The engine's verdict on a round, as the scoring needs it. */
export interface Judge {
  /** False when no answer can be right: nobody scores and every streak stays as it was (S6). */
  scored: boolean;
  /** Whether an answer is right, and for a "largest α" guess the points before the streak bonus. */
  grade(choice: AnswerValue): { correct: boolean; base?: number };
}

/** A closed round's answer, as the reveal counts it. */
export interface GivenAnswer {
  choice: AnswerValue;
  correct: boolean;
  points: number;
}

/** Where a question is asked: some kinds draw per-question details from it (the α slider's place). */
export interface AskedAt {
  code: string;
  round: number;
}

/** A round's line in the instructor's report and the CSV. */
export interface ReportHooks<T extends RoundType> {
  /** The part of the one-line summary after the cost and the start, its α written by `alpha`. */
  summary(round: DeckRoundOf<T>, alpha: AlphaFormat): string;
  /** The right answer in words, its α written by `alpha`. */
  answerText(round: DeckRoundOf<T>, alpha: AlphaFormat): string;
  /** A prediction round's outcome; null for the other kinds. */
  outcome(round: DeckRoundOf<T>): Outcome | null;
  /** r = α·λ_max of a prediction round; null for the other kinds. */
  ratio(round: DeckRoundOf<T>): number | null;
  /** The distribution of the class's answers, one bar per bucket. */
  bars(round: DeckRoundOf<T>, given: ReportAnswer[], scored: boolean): ReportBar[];
  /** A student's answer as the CSV writes it. */
  answerCell(answer: AnswerValue): string | number;
}

export interface RoundKind<T extends RoundType> {
  /** V1: the question as both audiences see it, with nothing that decides the verdict. */
  task(round: DeckRoundOf<T>, at: AskedAt): TaskOf<T>;
  /** K1: null when this kind takes the answer, or what to tell the student. */
  refusal(round: DeckRoundOf<T>, choice: AnswerValue): string | null;
  judge(round: DeckRoundOf<T>): Judge;
  /** The projector's reveal; `none` is how many who could have answered did not. */
  detail(round: DeckRoundOf<T>, given: GivenAnswer[], none: number): DetailOf<T>;
  /** What one student learns at the reveal; `answer` is theirs, or null. */
  verdict(round: DeckRoundOf<T>, answer: AnswerValue | null): VerdictOf<T>;
  report: ReportHooks<T>;
}

/**
 * Deck rounds are immutable once in a room, so a verdict is computed once per round object and
 * shared by the close, every view and the report.
 */
export function memo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}

/** JSON has no Infinity: a run that never arrives is sent as null, said so in the type. */
export const finiteOrNull = (n: number): number | null => (Number.isFinite(n) ? n : null);

/**
 * How a report writes a learning rate: for people, to 4 significant digits (DISPLAY_ALPHA), or for a
 * spreadsheet, the shortest decimal that reads back as the very number (`String`), so the CSV's α
 * sort, chart and compare with a guess exactly.
 */
export type AlphaFormat = (alpha: number) => string;
export const DISPLAY_ALPHA: AlphaFormat = (alpha) => formatNumber(alpha, 4);

export const alphaText = (alpha: number, format: AlphaFormat = DISPLAY_ALPHA) => `α = ${format(alpha)}`;
