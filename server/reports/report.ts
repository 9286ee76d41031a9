// A finished game as a report for its instructor: per round the task, the verdict, the distribution
// of answers and the share correct; per student every answer; and the misconceptions the class
// holds (README M1–M4), worth a word in the next lesson; the first votes of rounds that went to a
// second vote (PI8, in ./peer). Pure: a function of the room's state.
import { formatCost, formatPoint } from '../../shared/engine/format';
import { CONFIDENCE_LEVELS, CONFIDENCE_PROBABILITY } from '../../shared/protocol/confidence';
import { type DeckRound, problemOf } from '../../shared/protocol/deck';
import {
  type Calibration,
  type CalibrationLevel,
  type GameReport,
  REPORT_VERSION,
  type ReportAnswer,
  type ReportRound,
  type ReportShare,
  type ReportTwin,
} from '../../shared/protocol/report';
import type { AnswerValue } from '../../shared/protocol/views';
import { kindOf } from '../room/kinds';
import { raceOf } from '../room/kinds/fastest';
import { type AlphaFormat, DISPLAY_ALPHA } from '../room/kinds/kind';
import { targetOf } from '../room/kinds/max-alpha';
import { simulationOf } from '../room/kinds/predict';
import { rank } from '../room/scoring';
import type { RoomState, RoundResult } from '../room/state';
import { taskOf } from '../room/views';
import { type Cell, toCsv } from './csv';
import { misconceptionsOf } from './misconceptions';
import { firstVoteCells, withFirstVote, withPeer } from './peer';
import { type DocumentWords, ENGLISH_WORDS } from './words';

export function summaryOf(round: DeckRound, alpha: AlphaFormat = DISPLAY_ALPHA): string {
  const { cost, start } = problemOf(round);
  return `${formatCost(cost)}; θ₀ = ${formatPoint(start)}; ${kindOf(round).report.summary(round, alpha)}`;
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
        ...(a?.confidence === undefined ? {} : { confidence: a.confidence }),
      };
    });
  const given = answers.filter((a) => a.answer !== null);
  const correct = answers.filter((a) => a.correct).length;
  const { report } = kindOf(round);
  return withFirstVote(state, result, {
    index: result.round,
    type: round.type,
    task: taskOf(state, result.round),
    summary: summaryOf(round),
    answerText: report.answerText(round, DISPLAY_ALPHA),
    outcome: report.outcome(round),
    ratio: report.ratio(round),
    scored: result.scored,
    eligible: result.eligible,
    answered: given.length,
    correct,
    shareCorrect: result.eligible > 0 ? correct / result.eligible : null,
    bars: report.bars(round, given, result.scored),
    answers,
  });
}

export function buildReport(state: RoomState): GameReport {
  const { order, rankOf } = rank(state.players);
  const rounds = state.results.map((result) => roundReport(state, result));
  const misconceptions = misconceptionsOf(
    rounds,
    state.deck.rounds.map((r) => r.tags),
  );
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
    misconceptions,
    ...(state.settings.scoreBy === 'confidence' ? { calibration: calibrationOf(rounds, order) } : {}),
    ...withPeer(rounds, order),
    ...twinsField(state),
    ...(state.deck.warmupOf === undefined ? {} : { warmupOf: state.deck.warmupOf }),
  };
}

/** PI9: correct answers of players still in the game, of those who could answer. */
function shareOf(
  state: RoomState,
  vote: { answers: ReadonlyArray<{ choice: AnswerValue } | null>; eligible: number },
  isCorrect: (choice: AnswerValue) => boolean,
): ReportShare {
  const correct = state.players.filter((p) => {
    const a = vote.answers[p.id];
    return !p.kicked && a !== null && a !== undefined && isCorrect(a.choice);
  }).length;
  return { correct, eligible: vote.eligible, share: vote.eligible > 0 ? correct / vote.eligible : null };
}

/**
 * PI9: each twin beside its round: the original's first vote graded as the round is (it was never
 * scored), the vote that scored after the discussion, and the twin's.
 */
export function twinsOf(state: RoomState): ReportTwin[] {
  return state.results.flatMap((twin) => {
    const original = twin.twinOf === undefined ? undefined : state.results[twin.twinOf];
    const round = original && state.deck.rounds[original.round];
    if (!original?.firstVote || !round) return [];
    const { grade } = kindOf(round).judge(round);
    return [
      {
        round: original.round,
        twin: twin.round,
        firstVote: shareOf(state, original.firstVote, (c) => grade(c).correct),
        secondVote: scoredShare(state, original),
        twinVote: scoredShare(state, twin),
      },
    ];
  });
}

/** A closed round's share as it was scored. */
function scoredShare(state: RoomState, result: RoundResult): ReportShare {
  const correct = state.players.filter((p) => !p.kicked && result.answers[p.id]?.correct === true).length;
  return {
    correct,
    eligible: result.eligible,
    share: result.eligible > 0 ? correct / result.eligible : null,
  };
}

/** Reports of games without a twin stay as they were. */
function twinsField(state: RoomState): { twins?: ReportTwin[] } {
  const twins = twinsOf(state);
  return twins.length > 0 ? { twins } : {};
}

/**
 * C5: share right at each level, for the class and per student, and each student's Brier score,
 * over the rounds that were scored (a round nobody could win says nothing about anyone's calibration).
 */
export function calibrationOf(
  rounds: ReportRound[],
  students: ReadonlyArray<{ id: number; nickname: string }>,
): Calibration {
  const given = rounds
    .filter((r) => r.scored)
    .flatMap((r) => r.answers)
    .flatMap((a) => (a.confidence === undefined || a.answer === null ? [] : [{ ...a, level: a.confidence }]));
  const levelsOf = (answers: typeof given): CalibrationLevel[] =>
    CONFIDENCE_LEVELS.map((level) => {
      const at = answers.filter((a) => a.level === level);
      const correct = at.filter((a) => a.correct).length;
      return { level, answers: at.length, correct, share: at.length > 0 ? correct / at.length : null };
    });
  return {
    levels: levelsOf(given),
    students: students.map((p) => {
      const mine = given.filter((a) => a.playerId === p.id);
      const brier =
        mine.length === 0
          ? null
          : mine.reduce((sum, a) => sum + (CONFIDENCE_PROBABILITY[a.level] - (a.correct ? 1 : 0)) ** 2, 0) /
            mine.length;
      return { id: p.id, nickname: p.nickname, levels: levelsOf(mine), brier };
    }),
  };
}

/**
 * A round's `scenario` and `correct answer` cells in the sheet's language: its cost, start and
 * question, and its answer, every α written exactly (String: the shortest decimal that reads back as
 * the very number), whatever the language, so that a sheet can be checked against the deck.
 */
function csvTask(round: DeckRound, words: DocumentWords): { scenario: string; rightAnswer: string } {
  const { cost, start } = problemOf(round);
  const where = `${formatCost(cost)}; θ₀ = ${formatPoint(start)}`;
  switch (round.type) {
    case 'predict':
      return {
        scenario: `${where}; α = ${round.scenario.alpha}`,
        rightAnswer: words.outcomes[simulationOf(round.scenario).outcome],
      };
    case 'max-alpha':
      return {
        scenario: `${where}; ${words.askMaxAlpha}`,
        rightAnswer: words.justBelow(String(targetOf(round))),
      };
    case 'fastest': {
      const { winner } = raceOf(round);
      return {
        scenario: `${where}; ${words.askFastest(round.alphas.map(String))}`,
        rightAnswer: winner === null ? words.tie : `α = ${winner}`,
      };
    }
  }
}

/** The share of correct answers over every round that was scored; null if none was. */
export function overallShare(report: GameReport): number | null {
  const scored = report.rounds.filter((r) => r.scored && r.eligible > 0);
  const eligible = scored.reduce((n, r) => n + r.eligible, 0);
  return eligible > 0 ? scored.reduce((n, r) => n + r.correct, 0) / eligible : null;
}

/** The report CSV's columns in English (the other languages': shared/i18n/<lang>/documents.ts). */
export const CSV_HEADER = ENGLISH_WORDS.reportColumns;

/**
 * One row per student per round, in round order, then in the order students joined. `answer` is the
 * vote that scored; the last four columns are empty where they do not apply: `confidence` outside a
 * game scored by confidence (C1), the first vote and its change outside a round that went to a second
 * vote (PI8).
 */
export function reportCsv(
  report: GameReport,
  /** Columns added after the others, per student and round (homework: the id, the tries, when). */
  extra: { header: readonly string[]; cells(playerId: number, round: number): Cell[] } = {
    header: [],
    cells: () => [],
  },
  words: DocumentWords = ENGLISH_WORDS,
): string {
  const rows: Cell[][] = [];
  for (const r of report.rounds) {
    // The task holds the round as it was asked: its words again, every α written exactly (String,
    // the shortest decimal that reads back as the very number), the cost's coefficients as shown.
    const round: DeckRound = r.task;
    const { report: kind } = kindOf(round);
    const { scenario, rightAnswer } = csvTask(round, words);
    const answerCell = (answer: AnswerValue): string | number =>
      typeof answer === 'string' ? words.outcomes[answer] : kind.answerCell(answer);
    for (const a of r.answers) {
      const answer = a.answer === null ? null : answerCell(a.answer);
      rows.push([
        a.nickname,
        r.index + 1,
        words.kinds[r.type],
        scenario,
        answer,
        rightAnswer,
        a.correct,
        a.seconds,
        a.points,
        a.confidence === undefined ? null : words.confidence[a.confidence],
        ...firstVoteCells(a, answerCell, words.changes),
        ...extra.cells(a.playerId, r.index),
      ]);
    }
  }
  return toCsv([...words.reportColumns, ...extra.header], rows, words);
}
