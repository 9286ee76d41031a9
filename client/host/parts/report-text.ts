// A report's words in the host's language. The server stores them in English (for the CSV and old
// readers); the page writes them from what stands beside them: a round's line from its task, the
// right answer from its outcome or its problem, a bar from its answer, a misconception by its id.
// The English catalog says what the server says, so an English page reads as before.

import { formatCost, formatNumber, formatPoint } from '../../../shared/engine/format';
import type { MisconceptionId } from '../../../shared/engine/misconceptions';
import { targetAlpha } from '../../../shared/engine/round-kinds';
import { reports } from '../../../shared/i18n/en/reports';
import { OUTCOME_LABELS } from '../../../shared/kinds/outcomes';
import type { ReportBar, ReportRound } from '../../../shared/protocol/report';
import type { AnswerValue } from '../../../shared/protocol/views';
import { formatAlpha } from '../../ui/scenario-text';

/** α as a report writes it: 4 significant digits (the server's DISPLAY_ALPHA). */
const alphaOf = (alpha: number) => formatNumber(alpha, 4);

/** "J(θ) = …; θ₀ = 3; α = 0.4": the cost, the start and what the round asks. */
export function roundSummary(round: ReportRound): string {
  const { task } = round;
  switch (task.type) {
    case 'predict':
      return reports.summary(
        formatCost(task.scenario.cost),
        formatPoint(task.scenario.start),
        `α = ${alphaOf(task.scenario.alpha)}`,
      );
    case 'max-alpha':
      return reports.summary(
        formatCost(task.problem.cost),
        formatPoint(task.problem.start),
        reports.askMaxAlpha,
      );
    case 'fastest':
      return reports.summary(
        formatCost(task.problem.cost),
        formatPoint(task.problem.start),
        reports.askFastest(task.alphas.map(alphaOf)),
      );
  }
}

/** The right answer in words: the outcome, α just below α*, or the race's winner (its right bar). */
export function roundAnswer(round: ReportRound): string {
  const { task } = round;
  switch (task.type) {
    case 'predict':
      return round.outcome === null ? round.answerText : OUTCOME_LABELS[round.outcome];
    case 'max-alpha':
      return reports.justBelow(alphaOf(targetAlpha(task.problem)));
    case 'fastest': {
      const winner = round.bars.find((b) => b.isCorrect)?.answer;
      return typeof winner === 'number' ? `α = ${alphaOf(winner)}` : reports.tie;
    }
  }
}

/** A bar's words: an outcome, an α offered, or one of a "largest α" round's four buckets. */
export function barLabel(round: ReportRound, bar: ReportBar, i: number): string {
  if (typeof bar.answer === 'string') return OUTCOME_LABELS[bar.answer];
  if (typeof bar.answer === 'number') return `α = ${alphaOf(bar.answer)}`;
  if (round.type === 'max-alpha' && round.bars.length === reports.maxAlphaBars.length)
    return reports.maxAlphaBars[i] ?? bar.label;
  return bar.label;
}

/** A student's answer: an outcome, or the α given. */
export function answerWords(answer: AnswerValue | null): string {
  if (answer === null) return reports.noAnswer;
  return typeof answer === 'string' ? OUTCOME_LABELS[answer] : `α = ${formatAlpha(answer)}`;
}

/**
 * A misconception's name, what its holders answer and the sentence that separates it, by its id; the
 * words the report holds for an id this page does not know (a newer server's).
 */
export function ideaWords(m: { id: MisconceptionId; name: string; text?: string; separates?: string }): {
  name: string;
  text: string;
  separates: string;
} {
  const known = (reports.ideas as Partial<typeof reports.ideas>)[m.id];
  return known ?? { name: m.name, text: m.text ?? '', separates: m.separates ?? '' };
}
