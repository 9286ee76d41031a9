// An assignment's report: its attempts laid side by side as one game whose players are the attempts,
// so that the live game's report (server/reports/report.ts) builds every section the same way, plus
// who started, finished and when, and the due date. Pure.
import type { AssignmentReport, HomeworkStudent } from '../../shared/protocol/homework';
import { normalizeNickname } from '../../shared/protocol/nickname';
import type { Cell } from '../reports/csv';
import { buildReport, reportCsv } from '../reports/report';
import { type DocumentWords, ENGLISH_WORDS } from '../reports/words';
import type { Player, RoomState, RoundResult, ScoredAnswer } from '../room/state';
import {
  type AssignmentRecord,
  type AttemptRecord,
  gameOf,
  HOMEWORK_CODE,
  isPastDue,
  NO_TRIES,
  triesOf,
} from './attempt';

const keyOf = (name: string) => {
  const checked = normalizeNickname(name);
  return checked.ok ? checked.key : name;
};

/**
 * The names the report gives attempts, in the order they started: a name used on several devices
 * gets "(device 2)" on its second device's attempts, and a retry "(try 2)", so no line is taken
 * for another.
 */
export function attemptLabels(attempts: readonly AttemptRecord[]): string[] {
  const devices = new Map<string, string[]>();
  for (const a of attempts) {
    const key = keyOf(a.nickname);
    const seen = devices.get(key) ?? [];
    if (!seen.includes(a.token)) seen.push(a.token);
    devices.set(key, seen);
  }
  return attempts.map((a) => {
    const seen = devices.get(keyOf(a.nickname))!;
    const device = seen.length > 1 ? ` (device ${seen.indexOf(a.token) + 1})` : '';
    const again = a.try > 1 ? ` (try ${a.try})` : '';
    return `${a.nickname}${device}${again}`;
  });
}

/** The attempts as one game: player i is attempt i, and round k holds each attempt's answer to it. */
export function classGame(assignment: AssignmentRecord, attempts: readonly AttemptRecord[], now: number) {
  const labels = attemptLabels(attempts);
  const games = attempts.map((a) => gameOf(assignment, a));
  const players: Player[] = games.map((g, i) => {
    const me = g.players[0]!;
    return { ...me, id: i, nickname: labels[i]!, key: `${i}`, connected: false, kicked: false };
  });
  const reached = Math.max(0, ...games.map((g) => g.results.length));
  const results: RoundResult[] = [];
  for (let round = 0; round < reached; round++) {
    const closed = games.map((g) => g.results[round]);
    const taken = closed.filter((r): r is RoundResult => r !== undefined);
    const first = taken[0]!;
    results.push({
      round,
      scored: first.scored,
      openedAt: Math.min(...taken.map((r) => r.openedAt)),
      closedAt: Math.max(...taken.map((r) => r.closedAt)),
      durationMs: first.durationMs,
      closedBy: 'all-answered',
      answers: closed.map((r): ScoredAnswer | null => r?.answers[0] ?? null),
      // A student counts in a round once they have been asked it (answered, or their time ran out).
      eligible: taken.length,
    });
  }
  const ended = Math.max(assignment.createdAt, ...attempts.map((a) => a.updatedAt));
  const state: RoomState = {
    code: HOMEWORK_CODE,
    hostSecret: '',
    owner: assignment.owner,
    createdAt: assignment.createdAt,
    settings: games[0]?.settings ?? {
      secondsPerQuestion: assignment.settings.timerSeconds ?? 0,
      speedPoints: false,
      scoreBy: 'speed',
    },
    deck: { ...assignment.deck, title: assignment.deck.title },
    locked: false,
    players,
    results,
    version: 1,
    phase: {
      kind: 'podium',
      endedAt: Math.min(now, ended),
      endedEarly: attempts.some((a) => a.finishedAt === null),
    },
  };
  return { state, labels };
}

export function buildAssignmentReport(
  assignment: AssignmentRecord,
  attempts: readonly AttemptRecord[],
  now: number,
): AssignmentReport {
  const { state, labels } = classGame(assignment, attempts, now);
  const students: HomeworkStudent[] = attempts.map((a, i) => ({
    playerId: i,
    nickname: labels[i]!,
    name: a.nickname,
    studentId: a.studentId,
    try: a.try,
    startedAt: a.startedAt,
    lastAt: a.updatedAt,
    finishedAt: a.finishedAt,
    answered: a.game.results.filter((r) => r.answers[0] != null).length,
    tries: triesOf(gameOf(assignment, a), a.game.tries ?? NO_TRIES),
  }));
  // A deck made from a report keeps its warmupOf; an assignment of it is not that game's warm-up.
  const { warmupOf: _warmupOf, ...report } = buildReport(state);
  return {
    ...report,
    homework: {
      assignmentId: assignment.id,
      ...assignment.settings,
      closed: isPastDue(assignment.settings, now),
      students,
    },
  };
}

/** A timestamp as a spreadsheet reads it: "2026-12-06 07:15" (UTC). */
const stamp = (ms: number | null) =>
  ms === null ? null : new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

/**
 * The report's CSV, each row with the student's id, how many tries the round took (the row's answer
 * is the last, the one that counts) and when they started and finished (UTC).
 */
export function assignmentCsv(report: AssignmentReport, words: DocumentWords = ENGLISH_WORDS): string {
  const byId = new Map(report.homework.students.map((s) => [s.playerId, s]));
  return reportCsv(
    report,
    {
      header: words.homeworkColumns,
      cells: (playerId, round): Cell[] => {
        const s = byId.get(playerId);
        return s
          ? [s.studentId, s.tries[round] ?? null, stamp(s.startedAt), stamp(s.finishedAt)]
          : [null, null, null, null];
      },
    },
    words,
  );
}
