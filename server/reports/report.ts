// A finished game as a report for its instructor: per round the task, the verdict, the distribution
// of answers and the share correct; per student every answer; and the confusions worth a word in
// the next lesson. Pure: a function of the room's state.
import { formatCost, formatNumber, formatPoint } from '../../shared/engine/format';
import { KIND_INFO } from '../../shared/kinds';
import { type DeckRound, problemOf } from '../../shared/protocol/deck';
import {
  type Confusion,
  type GameReport,
  REPORT_VERSION,
  type ReportAnswer,
  type ReportRound,
} from '../../shared/protocol/report';
import type { RoundType } from '../../shared/protocol/schemas';
import type { Task } from '../../shared/protocol/views';
import { kindOf, ROUND_KINDS } from '../room/kinds';
import { targetOf } from '../room/kinds/max-alpha';
import { rank } from '../room/scoring';
import type { RoomState, RoundResult } from '../room/state';
import { taskOf } from '../room/views';
import { type Cell, toCsv } from './csv';

/** A wrong answer given by at least this share of the class is worth discussing. */
export const CONFUSION_SHARE = 0.2;
export const CONFUSIONS_SHOWN = 5;

export function summaryOf(round: DeckRound): string {
  const { cost, start } = problemOf(round);
  return `${formatCost(cost)}; θ₀ = ${formatPoint(start)}; ${kindOf(round).report.summary(round)}`;
}

function roundReport(state: RoomState, result: RoundResult): ReportRound {
  const round = state.deck.rounds[result.round]!;
  // Every student still in the game who had joined when the round closed gets a line.
  const answers: ReportAnswer[] = state.players
    .filter((p) => !p.kicked && p.joinedAt <= result.closedAt)
    .map((p) => {
      const a = result.answers[p.id] ?? null;
      return {
        playerId: p.id,
        nickname: p.nickname,
        answer: a?.choice ?? null,
        correct: a?.correct ?? false,
        seconds: a ? a.elapsedMs / 1000 : null,
        points: a?.points ?? 0,
      };
    });
  const given = answers.filter((a) => a.answer !== null);
  const correct = answers.filter((a) => a.correct).length;
  const { report } = kindOf(round);
  return {
    index: result.round,
    type: round.type,
    task: taskOf(state, result.round),
    summary: summaryOf(round),
    answerText: report.answerText(round),
    outcome: report.outcome(round),
    ratio: report.ratio(round),
    scored: result.scored,
    eligible: result.eligible,
    answered: given.length,
    correct,
    shareCorrect: result.eligible > 0 ? correct / result.eligible : null,
    bars: report.bars(round, given, result.scored),
    answers,
  };
}

/** The wrong answers of a round worth a word in the next lesson; none for a round nobody could win. */
function confusionsOf(round: DeckRound, r: ReportRound): Confusion[] {
  if (r.eligible === 0 || !r.scored) return [];
  const given = r.answers.filter((a) => a.answer !== null);
  return kindOf(round)
    .report.confusions(round, given, r.eligible, CONFUSION_SHARE)
    .map((c) => ({ round: r.index, ...c }));
}

export function buildReport(state: RoomState): GameReport {
  const { order, rankOf } = rank(state.players);
  const rounds = state.results.map((result) => roundReport(state, result));
  const confusions = rounds
    .flatMap((r) => confusionsOf(state.deck.rounds[r.index]!, r))
    .sort((a, b) => b.share - a.share || a.round - b.round)
    .slice(0, CONFUSIONS_SHOWN);
  return {
    version: REPORT_VERSION,
    code: state.code,
    title: state.deck.title,
    startedAt: state.createdAt,
    endedAt:
      state.phase.kind === 'podium'
        ? state.phase.endedAt
        : (state.results.at(-1)?.closedAt ?? state.createdAt),
    endedEarly: state.phase.kind === 'podium' ? state.phase.endedEarly : true,
    settings: state.settings,
    roundCount: state.deck.rounds.length,
    players: order.map((p) => ({ id: p.id, nickname: p.nickname, score: p.score, rank: rankOf[p.id]! })),
    rounds,
    confusions,
  };
}

/** The share of correct answers over every round that was scored; null if none was. */
export function overallShare(report: GameReport): number | null {
  const scored = report.rounds.filter((r) => r.scored && r.eligible > 0);
  const eligible = scored.reduce((n, r) => n + r.eligible, 0);
  return eligible > 0 ? scored.reduce((n, r) => n + r.correct, 0) / eligible : null;
}

export const CSV_HEADER = [
  'nickname',
  'round',
  'kind',
  'scenario',
  'answer',
  'correct answer',
  'correct',
  'seconds',
  'points',
] as const;

/** The learning rates a round's words name (its α, the α offered, α*), exactly. */
const ALPHAS_NAMED: { [T in RoundType]: (task: Extract<Task, { type: T }>) => number[] } = {
  predict: (task) => [task.scenario.alpha],
  fastest: (task) => task.alphas,
  'max-alpha': (task) => [targetOf({ type: 'max-alpha', problem: task.problem })],
};
const alphasNamed = <T extends RoundType>(task: Extract<Task, { type: T }>): number[] =>
  (ALPHAS_NAMED[task.type as T] as (t: Extract<Task, { type: T }>) => number[])(task);

/**
 * The CSV writes every α one way: JavaScript's shortest round-trip decimal (0.0125, 0.053812345,
 * 1.5e-7), as the answer column always did. A spreadsheet reads that as the very number (to sort,
 * chart or compare a guess with α*); the display form (4 or 6 significant digits, "1.5 × 10⁻⁵")
 * rounds a guess and is text to a spreadsheet. So where the round's words name an α in display
 * form ("α = 0.05381", "fastest of 0.1, 0.4?"), the CSV puts the exact number in its place.
 */
export function csvAlphas(text: string, alphas: readonly number[]): string {
  let out = text;
  for (const alpha of alphas) {
    const shown = formatNumber(alpha, 4).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<=(?:= |of |, ))${shown}(?=$|[,?;)\\s])`, 'gu'), String(alpha));
  }
  return out;
}

/** One row per student per round, in round order, then in the order students joined. */
export function reportCsv(report: GameReport): string {
  const rows: Cell[][] = [];
  for (const r of report.rounds) {
    const { report: kind } = ROUND_KINDS[r.type];
    const alphas = alphasNamed(r.task);
    // Only the round's own words: the cost before the last "; " keeps its coefficients as shown.
    const cut = r.summary.lastIndexOf('; ') + 2;
    const scenario = r.summary.slice(0, cut) + csvAlphas(r.summary.slice(cut), alphas);
    const rightAnswer = csvAlphas(r.answerText, alphas);
    for (const a of r.answers) {
      const answer = a.answer === null ? null : kind.answerCell(a.answer);
      rows.push([
        a.nickname,
        r.index + 1,
        KIND_INFO[r.type].name.toLowerCase(),
        scenario,
        answer,
        rightAnswer,
        a.correct,
        a.seconds,
        a.points,
      ]);
    }
  }
  return toCsv(CSV_HEADER, rows);
}
