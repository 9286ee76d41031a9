import {
  isHalfTargetGuess,
  maxAlphaPoints,
  maxAlphaRange,
  type Problem,
  targetAlpha,
} from '../../../shared/engine/round-kinds';
import { sweepAlpha } from '../../../shared/engine/simulate';
import type { Outcome } from '../../../shared/engine/types';
import type { DeckRoundOf } from '../../../shared/protocol/deck';
import { memo, type RoundKind } from './kind';

export const targetOf: (round: DeckRoundOf<'max-alpha'>) => number = memo((round) =>
  targetAlpha(round.problem),
);

/**
 * Where the answer slider of a "largest α" round sits, in decades from centring on α*: drawn from
 * the room's code and the round (FNV-1a), so every view of that question agrees without storing it.
 */
export function rangeShift(code: string, round: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${code}:${round}`) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32 - 0.5;
}

/** What gradient descent does at each α, for this cost and start. */
const outcomesAt = (problem: Problem, alphas: number[]): Outcome[] =>
  sweepAlpha({ ...problem, alpha: 1 }, alphas);

export const maxAlpha: RoundKind<'max-alpha'> = {
  task: (round, at) => ({
    type: 'max-alpha',
    problem: round.problem,
    range: maxAlphaRange(targetOf(round), rangeShift(at.code, at.round)),
  }),

  refusal: (_round, choice) => (typeof choice === 'number' ? null : 'Answer with a learning rate α.'),

  judge(round) {
    const target = targetOf(round);
    return {
      scored: true,
      grade: (c) => {
        const base = typeof c === 'number' ? maxAlphaPoints(c, target) : 0;
        return { correct: base > 0, base };
      },
    };
  },

  detail(round, given, none) {
    const sorted = given
      .flatMap((a) => (typeof a.choice === 'number' ? [{ alpha: a.choice, points: a.points }] : []))
      .sort((a, b) => a.alpha - b.alpha);
    const outcomes = outcomesAt(
      round.problem,
      sorted.map((g) => g.alpha),
    );
    return {
      type: 'max-alpha',
      target: targetOf(round),
      guesses: sorted.map((g, i) => ({
        alpha: g.alpha,
        outcome: outcomes[i] ?? 'diverges',
        points: g.points,
      })),
      none,
    };
  },

  verdict(round, answer) {
    const outcomeAtGuess =
      typeof answer === 'number' ? (outcomesAt(round.problem, [answer])[0] ?? null) : null;
    return { type: 'max-alpha', target: targetOf(round), outcomeAtGuess };
  },

  report: {
    summary: () => 'largest α that converges?',
    answerText: (round, alpha) => `α just below α* = ${alpha(targetOf(round))}`,
    outcome: () => null,
    ratio: () => null,
    bars(round, given) {
      // Four buckets that every guess falls in exactly one of: scoring decides the third one.
      const target = targetOf(round);
      const guessed = (test: (alpha: number) => boolean) =>
        given.filter((a) => typeof a.answer === 'number' && !a.correct && test(a.answer)).length;
      const above = guessed((alpha) => alpha >= target);
      const half = guessed((alpha) => isHalfTargetGuess(alpha, target));
      const scored = given.filter((a) => a.correct).length;
      return [
        {
          label: 'far below α*: too cautious to score',
          answer: null,
          count: given.length - above - half - scored,
          isCorrect: false,
        },
        {
          label: 'near α*/2: where overshooting starts, not where convergence ends',
          answer: null,
          count: half,
          isCorrect: false,
        },
        { label: 'just below α*: scored', answer: null, count: scored, isCorrect: true },
        { label: 'α* or above: does not converge', answer: null, count: above, isCorrect: false },
      ];
    },
    answerCell: (answer) => answer,
  },
};
