// A finished game as a report for its instructor: per round the task, the verdict, the distribution
// of answers and the share correct; per student every answer; and the confusions worth a word in
// the next lesson. Pure: a function of the room's state.
import { formatCost, formatNumber, formatPoint, OUTCOME_LABELS } from '../../shared/engine/format';
import type { Answer, Outcome } from '../../shared/engine/types';
import { type DeckRound, problemOf, ROUND_TYPE_NAMES } from '../../shared/protocol/deck';
import {
  type Confusion,
  type GameReport,
  REPORT_VERSION,
  type ReportAnswer,
  type ReportBar,
  type ReportRound,
} from '../../shared/protocol/report';
import { rank } from '../room/scoring';
import type { RoomState, RoundResult } from '../room/state';
import { raceOf, simulationOf, targetOf } from '../room/verdicts';
import { taskOf } from '../room/views';
import { type Cell, toCsv } from './csv';

/** A wrong answer given by at least this share of the class is worth discussing. */
export const CONFUSION_SHARE = 0.2;
export const CONFUSIONS_SHOWN = 5;

const PREDICTIONS: readonly Answer[] = ['converges', 'zigzag', 'diverges'];
/** "41 % answered zig-zags when it diverged": the outcome in the past tense. */
const HAPPENED: Record<Outcome, string> = {
  converges: 'it converged',
  zigzag: 'it zig-zagged',
  diverges: 'it diverged',
  oscillates: 'it bounced for ever',
};
const ANSWERED: Record<Answer, string> = { converges: 'converges', zigzag: 'zig-zags', diverges: 'diverges' };

const percent = (share: number) => `${Math.round(share * 100)} %`;
const alphaText = (alpha: number) => `α = ${formatNumber(alpha, 4)}`;

export function summaryOf(round: DeckRound): string {
  const { cost, start } = problemOf(round);
  const base = `${formatCost(cost)}; θ₀ = ${formatPoint(start)}`;
  switch (round.type) {
    case 'predict':
      return `${base}; ${alphaText(round.scenario.alpha)}`;
    case 'max-alpha':
      return `${base}; largest α that converges?`;
    case 'fastest':
      return `${base}; fastest of ${round.alphas.map((a) => formatNumber(a, 4)).join(', ')}?`;
  }
}

function barsOf(round: DeckRound, result: RoundResult, answers: ReportAnswer[]): ReportBar[] {
  const given = answers.filter((a) => a.answer !== null);
  switch (round.type) {
    case 'predict':
      return PREDICTIONS.map((p) => ({
        label: OUTCOME_LABELS[p],
        count: given.filter((a) => a.answer === p).length,
        isCorrect: result.scored && result.outcome === p,
      }));
    case 'fastest': {
      const { winner } = raceOf(round);
      return round.alphas.map((alpha) => ({
        label: alphaText(alpha),
        count: given.filter((a) => a.answer === alpha).length,
        isCorrect: alpha === winner,
      }));
    }
    case 'max-alpha': {
      // Three buckets that every guess falls in exactly one of: scoring decides the middle one.
      const target = targetOf(round);
      const above = given.filter((a) => (a.answer as number) >= target).length;
      const scored = given.filter((a) => a.correct).length;
      return [
        {
          label: 'far below α*: too cautious to score',
          count: given.length - above - scored,
          isCorrect: false,
        },
        { label: 'just below α*: scored', count: scored, isCorrect: true },
        { label: 'α* or above: does not converge', count: above, isCorrect: false },
      ];
    }
  }
}

function answerTextOf(round: DeckRound, result: RoundResult): string {
  switch (round.type) {
    case 'predict':
      return OUTCOME_LABELS[result.outcome ?? simulationOf(round.scenario).outcome];
    case 'max-alpha':
      return `α just below α* = ${formatNumber(targetOf(round), 4)}`;
    case 'fastest': {
      const { winner } = raceOf(round);
      return winner === null ? 'no single fastest α (a tie)' : alphaText(winner);
    }
  }
}

function confusionsOf(round: DeckRound, r: ReportRound): Confusion[] {
  if (r.eligible === 0 || !r.scored) return [];
  const share = (n: number) => n / r.eligible;
  const found: Confusion[] = [];
  const given = r.answers.filter((a) => a.answer !== null);
  if (round.type === 'predict' && r.outcome && r.outcome !== 'oscillates') {
    for (const p of PREDICTIONS) {
      if (p === r.outcome) continue;
      const s = share(given.filter((a) => a.answer === p).length);
      if (s >= CONFUSION_SHARE)
        found.push({
          round: r.index,
          share: s,
          text: `${percent(s)} answered ${ANSWERED[p]} when ${HAPPENED[r.outcome]}`,
        });
    }
  } else if (round.type === 'max-alpha') {
    const target = targetOf(round);
    const s = share(given.filter((a) => (a.answer as number) >= target).length);
    if (s >= CONFUSION_SHARE)
      found.push({
        round: r.index,
        share: s,
        text: `${percent(s)} guessed an α of ${formatNumber(target, 3)} or more, where gradient descent no longer converges`,
      });
  } else if (round.type === 'fastest') {
    const { winner } = raceOf(round);
    for (const alpha of round.alphas) {
      if (alpha === winner) continue;
      const s = share(given.filter((a) => a.answer === alpha).length);
      if (s >= CONFUSION_SHARE && winner !== null)
        found.push({
          round: r.index,
          share: s,
          text: `${percent(s)} picked ${alphaText(alpha)} as fastest; ${alphaText(winner)} was`,
        });
    }
  }
  return found;
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
  const answered = answers.filter((a) => a.answer !== null).length;
  const correct = answers.filter((a) => a.correct).length;
  const report: ReportRound = {
    index: result.round,
    type: round.type,
    task: taskOf(state, result.round),
    summary: summaryOf(round),
    answerText: answerTextOf(round, result),
    outcome: result.outcome,
    ratio: round.type === 'predict' ? simulationOf(round.scenario).ratio : null,
    scored: result.scored,
    eligible: result.eligible,
    answered,
    correct,
    shareCorrect: result.eligible > 0 ? correct / result.eligible : null,
    bars: [],
    answers,
  };
  report.bars = barsOf(round, result, answers);
  return report;
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

/** One row per student per round, in round order, then in the order students joined. */
export function reportCsv(report: GameReport): string {
  const rows: Cell[][] = [];
  for (const r of report.rounds) {
    for (const a of r.answers) {
      const answer =
        a.answer === null ? null : typeof a.answer === 'string' ? OUTCOME_LABELS[a.answer] : a.answer;
      rows.push([
        a.nickname,
        r.index + 1,
        ROUND_TYPE_NAMES[r.type].toLowerCase(),
        r.summary,
        answer,
        r.answerText,
        a.correct,
        a.seconds,
        a.points,
      ]);
    }
  }
  return toCsv(CSV_HEADER, rows);
}
