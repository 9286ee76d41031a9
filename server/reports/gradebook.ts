// The gradebook (docs/api.md, "Gradebook"): one row per student over one or more finished games and
// homework assignments, for a gradebook's import. Students are matched across them by student id
// when both sides have one (homework that asked for it), else by their name, normalised
// (gradebookKey). Each game or assignment first becomes a GradebookSource, the little a sheet needs
// of it, so a request for many big reports holds one report's body at a time.
import type { AssignmentReport } from '../../shared/protocol/homework';
import { normalizeNickname } from '../../shared/protocol/nickname';
import type { GameReport } from '../../shared/protocol/report';
import { type Cell, toCsv } from './csv';
import { type DocumentWords, ENGLISH_WORDS } from './words';

/** One student's part in a source. */
export interface SourceStudent {
  /** As they wrote it. */
  name: string;
  /** The student id they gave (homework that asked for one); null: none. */
  studentId?: string | null;
  /** Their points in each of the source's parts (a game's rounds); null: not in it yet. */
  parts: Array<number | null>;
  /** Their points over the source. */
  points: number;
  /** Scored parts they took part in, and how many of those they got right. */
  counted: number;
  correct: number;
}

/** Something a student scores in: a finished live game, or a homework assignment. */
export interface GradebookSource {
  /** Its column when several sources share a sheet. */
  label: string;
  /** When it took place (ms since the epoch): the sheet's columns go oldest first. */
  at: number;
  /** Its parts' columns when it is the only source: a game's rounds. */
  parts: string[];
  students: SourceStudent[];
}

/** A date as YYYY-MM-DD, in the server's time zone (the teacher's, on a laptop). */
export function isoDay(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/**
 * A game's part of a gradebook: per student (kicked ones are not in the report), the points of each
 * round played while they were in the game (a round closed before they joined has none), and over the
 * rounds that were scored (not README S6's), how many they were in and got right. A missing answer
 * in a round they were in counts as 0 points and not right. `perRound` false leaves the rounds out
 * (`parts` empty): a sheet of several games has a column per game, and 50 big games' rounds are
 * megabytes to hold for nothing.
 */
export function sourceOfReport(
  report: GameReport,
  perRound = true,
  words: DocumentWords = ENGLISH_WORDS,
): GradebookSource {
  const byId = new Map<number, SourceStudent>();
  const students = report.players.map((p) => {
    const student: SourceStudent = { name: p.nickname, parts: [], points: 0, counted: 0, correct: 0 };
    byId.set(p.id, student);
    return student;
  });
  report.rounds.forEach((round, i) => {
    for (const a of round.answers) {
      const student = byId.get(a.playerId);
      if (!student) continue;
      if (perRound) student.parts[i] = a.points;
      student.points += a.points;
      if (!round.scored) continue;
      student.counted++;
      if (a.correct) student.correct++;
    }
  });
  // A round closed before the student joined has no line for them.
  if (perRound) for (const s of students) s.parts = Array.from(report.rounds, (_, i) => s.parts[i] ?? null);
  return {
    label: words.gameColumn(report.title, isoDay(report.startedAt), report.code),
    at: report.startedAt,
    parts: perRound ? report.rounds.map((r) => words.roundColumn(r.index + 1)) : [],
    students,
  };
}

/**
 * An assignment's part of a gradebook: as a game's (sourceOfReport), each attempt scored the same
 * way, except that a student is one line however many devices they used: their attempts are put
 * together by student id when the assignment asked for one, else by name (gradebookKey), and the
 * attempt with the most points counts (the later one on a tie). The name is the one they typed, not
 * the report's "(device 2)" label.
 */
export function sourceOfAssignment(
  report: AssignmentReport,
  perRound = true,
  words: DocumentWords = ENGLISH_WORDS,
): GradebookSource {
  const source = sourceOfReport(report, perRound, words);
  const byPlayer = new Map(report.homework.students.map((s) => [s.playerId, s]));
  const best = new Map<string, SourceStudent>();
  report.players.forEach((player, i) => {
    const attempt = byPlayer.get(player.id);
    const studentId = attempt?.studentId ?? null;
    const student: SourceStudent = {
      ...source.students[i]!,
      name: attempt?.name ?? player.nickname,
      studentId,
    };
    const key = studentId === null ? `name:${gradebookKey(student.name)}` : `id:${studentIdKey(studentId)}`;
    const held = best.get(key);
    if (!held || student.points >= held.points) best.set(key, student);
  });
  return {
    ...source,
    label: words.homeworkColumn(report.title, isoDay(report.startedAt)),
    students: [...best.values()],
  };
}

/** A student id as ids are matched: Unicode NFKC, trimmed, case ignored ("S-101" is "s-101"). */
export function studentIdKey(id: string): string {
  return id.normalize('NFKC').trim().toLocaleLowerCase('en-US');
}

/**
 * The name a student is matched by across games: the room's own uniqueness key (README N1: NFKC,
 * trimmed, lower case, emoji joiners ignored) with every run of spaces made one space.
 */
export function gradebookKey(name: string): string {
  const checked = normalizeNickname(name);
  const key = checked.ok ? checked.key : name.normalize('NFKC').trim().toLocaleLowerCase('en-US');
  return key.replace(/\s+/gu, ' ');
}

/**
 * The keys students of one game are matched by (gradebookKey). Two students of the game whose names
 * match (they differ only in spacing) cannot be told apart in another game: each gets a key of its
 * own, `scope` keeping it apart from other games' (it can match no name: N1 refuses control
 * characters).
 */
export function matchKeys(names: readonly string[], scope: string): string[] {
  const keys = names.map(gradebookKey);
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return keys.map((key, i) => (counts.get(key)! > 1 ? `${key}\u0000${scope}:${i}` : key));
}

export const GRADEBOOK_TAIL = ENGLISH_WORDS.gradebookTail;

interface Row {
  name: string;
  /** The name's key (gradebookKey, or matchKeys' scoped key) the row was made under. */
  nameKey: string;
  studentId: string | null;
  cells: Array<number | null>;
  points: number;
  counted: number;
  correct: number;
  games: number;
}

/** A percentage with one decimal, as a number a gradebook imports (66.7); null without a scored round. */
function percentOf(correct: number, counted: number): number | null {
  return counted === 0 ? null : Math.round((correct / counted) * 1000) / 10;
}

/**
 * The rows so far, found by name and by student id without a scan of every row for each student (a
 * gradebook of 50 games of a lecture hall is 100,000 students to place).
 */
interface Rows {
  all: Row[];
  /** By name key, in the order they were made. */
  byName: Map<string, Row[]>;
  /** By studentIdKey: the first row to hold that id (a row takes an id only while none has it). */
  byId: Map<string, Row>;
}

/**
 * The row a source's student belongs to, or undefined for a new one. By student id first: the row of
 * that id, else the one row of that name that has no id yet. A student without an id takes the one
 * row of their name, with an id or not; a name two rows share (two ids) matches neither.
 */
function rowOf(rows: Rows, nameKey: string, studentId: string | null): Row | undefined {
  const named = rows.byName.get(nameKey) ?? [];
  if (studentId !== null) {
    const same = rows.byId.get(studentIdKey(studentId));
    if (same) return same;
    const open = named.filter((r) => r.studentId === null);
    return open.length === 1 ? open[0] : undefined;
  }
  return named.length === 1 ? named[0] : undefined;
}

function addRow(rows: Rows, row: Row): void {
  rows.all.push(row);
  const named = rows.byName.get(row.nameKey);
  if (named) named.push(row);
  else rows.byName.set(row.nameKey, [row]);
  if (row.studentId !== null) giveId(rows, row, row.studentId);
}

function giveId(rows: Rows, row: Row, studentId: string): void {
  row.studentId = studentId;
  const key = studentIdKey(studentId);
  if (!rows.byId.has(key)) rows.byId.set(key, row);
}

/**
 * The sheet: `name`, then `student id` when any source has one, then one column per round for a
 * single source or one per source (its points) for several, oldest first, then GRADEBOOK_TAIL. One
 * row per student, matched by id, else by name (rowOf). Two students of one source whose names match
 * (they differ only in spacing) keep a row each, and neither is matched to another source by name.
 */
export function gradebook(
  sources: readonly GradebookSource[],
  words: DocumentWords = ENGLISH_WORDS,
): { header: string[]; rows: Cell[][] } {
  const ordered = [...sources].sort((a, b) => a.at - b.at);
  const single = ordered.length === 1 ? ordered[0] : undefined;
  const columns = single ? single.parts : ordered.map((s) => s.label);
  const rows: Rows = { all: [], byName: new Map(), byId: new Map() };
  ordered.forEach((source, index) => {
    const keys = matchKeys(
      source.students.map((s) => s.name),
      String(index),
    );
    const taken = new Set<Row>();
    source.students.forEach((student, i) => {
      const nameKey = keys[i]!;
      const studentId = student.studentId ?? null;
      const found = rowOf(rows, nameKey, studentId);
      // One source's two students never share a row.
      let row = found && !taken.has(found) ? found : undefined;
      if (!row) {
        row = {
          name: student.name,
          nameKey,
          studentId,
          cells: new Array(columns.length).fill(null),
          points: 0,
          counted: 0,
          correct: 0,
          games: 0,
        };
        addRow(rows, row);
      }
      taken.add(row);
      // Sources come oldest first: the name and the id are spelt as in the latest.
      row.name = student.name;
      if (studentId !== null) giveId(rows, row, studentId);
      if (single) row.cells = [...student.parts];
      else row.cells[index] = student.points;
      row.points += student.points;
      row.counted += student.counted;
      row.correct += student.correct;
      row.games++;
    });
  });
  const withIds = rows.all.some((r) => r.studentId !== null);
  const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  return {
    header: [words.name, ...(withIds ? [words.studentId] : []), ...columns, ...words.gradebookTail],
    rows: rows.all
      .sort((a, b) => byName.compare(a.name, b.name))
      .map((r) => [
        r.name,
        ...(withIds ? [r.studentId] : []),
        ...r.cells,
        r.points,
        percentOf(r.correct, r.counted),
        r.games,
      ]),
  };
}

/** The sheet as CSV, written and defused as the report's CSV is (./csv). */
export function gradebookCsv(
  sources: readonly GradebookSource[],
  words: DocumentWords = ENGLISH_WORDS,
): string {
  const { header, rows } = gradebook(sources, words);
  return toCsv(header, rows, words);
}
