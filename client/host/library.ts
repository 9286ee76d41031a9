// The instructor's decks and past games, as the /api serves them (docs/api.md): lists, one report,
// and the actions on them. Screens read these signals; every change goes through the server.
import { signal } from '@preact/signals';
import { teacher } from '../../shared/i18n/en/teacher';
import type { DeckSummary, ReportSummary, StoredDeck } from '../../shared/protocol/api';
import type { AssignmentReport, AssignmentSummary, HomeworkSettings } from '../../shared/protocol/homework';
import type { GameReport } from '../../shared/protocol/report';
import { type ApiProblem, api, download } from './api';
import { go } from './route';

export const decks = signal<DeckSummary[] | null>(null);
export const decksError = signal<string | null>(null);
/** The last import's refusal, with the round and field the server named. */
export const importProblem = signal<ApiProblem | null>(null);
/** A sentence about the last action on the decks page ("Deck imported."), for a live region. */
export const decksNotice = signal<string | null>(null);

export async function loadDecks(): Promise<void> {
  const reply = await api<{ decks: DeckSummary[] }>('GET', '/decks');
  if (reply.ok) {
    decks.value = reply.value.decks;
    decksError.value = null;
  } else decksError.value = reply.problem.message;
}

/** A colleague's file, sent as it is: the server checks it and saves nothing if it is wrong. */
export async function importDeck(file: File): Promise<void> {
  importProblem.value = null;
  decksNotice.value = null;
  const reply = await api<StoredDeck>('POST', '/decks', await file.text());
  if (!reply.ok) {
    importProblem.value = reply.problem;
    return;
  }
  decksNotice.value = teacher.imported(reply.value.title, reply.value.rounds);
  await loadDecks();
}

export async function duplicateDeck(id: string): Promise<void> {
  const reply = await api<StoredDeck>('POST', `/decks/${encodeURIComponent(id)}/duplicate`);
  decksNotice.value = reply.ok ? teacher.made(reply.value.title) : reply.problem.message;
  await loadDecks();
}

export async function deleteDeck(id: string): Promise<void> {
  const reply = await api('DELETE', `/decks/${encodeURIComponent(id)}`);
  decksNotice.value = reply.ok ? teacher.deckDeleted : reply.problem.message;
  await loadDecks();
}

export async function exportDeck(id: string): Promise<string | null> {
  const reply = await download(`/decks/${encodeURIComponent(id)}/file`, 'deck.json');
  return reply.ok ? null : reply.problem.message;
}

export const reports = signal<ReportSummary[] | null>(null);
export const reportsError = signal<string | null>(null);

export async function loadReports(): Promise<void> {
  const reply = await api<{ reports: ReportSummary[] }>('GET', '/reports');
  if (reply.ok) {
    reports.value = reply.value.reports;
    reportsError.value = null;
  } else reportsError.value = reply.problem.message;
}

export async function deleteReport(id: string): Promise<void> {
  const reply = await api('DELETE', `/reports/${encodeURIComponent(id)}`);
  if (!reply.ok) reportsError.value = reply.problem.message;
  await loadReports();
}

export const report = signal<{ id: string; report: GameReport } | null>(null);
export const reportError = signal<string | null>(null);

export async function loadReport(id: string): Promise<void> {
  if (report.value?.id !== id) report.value = null;
  reportError.value = null;
  const reply = await api<GameReport>('GET', `/reports/${encodeURIComponent(id)}`);
  if (reply.ok) report.value = { id, report: reply.value };
  else reportError.value = reply.problem.message;
}

export async function downloadCsv(id: string): Promise<string | null> {
  const reply = await download(`/reports/${encodeURIComponent(id)}/csv`, 'report.csv');
  return reply.ok ? null : reply.problem.message;
}

/** The most games one gradebook combines (the server's GRADEBOOK_MAX_REPORTS, docs/api.md). */
export const GRADEBOOK_MAX_GAMES = 50;

/**
 * The gradebook CSV of these reports (one row per student; a column per round for one game, per game
 * for several); the server's refusal as a sentence otherwise.
 */
export async function downloadGradebook(ids: readonly string[]): Promise<string | null> {
  const list = ids.map(encodeURIComponent).join(',');
  const reply = await download(`/gradebook.csv?reports=${list}`, 'gradebook.csv');
  return reply.ok ? null : reply.problem.message;
}

/**
 * M5: saves a follow-up deck aimed at the report's misconceptions to the instructor's decks and opens
 * it in the editor, ready to edit or host; the server's refusal as a sentence otherwise.
 */
export async function makeFollowUpDeck(id: string): Promise<string | null> {
  const reply = await api<StoredDeck>('POST', `/reports/${encodeURIComponent(id)}/follow-up`);
  if (!reply.ok) return reply.problem.message;
  go({ page: 'deck', id: reply.value.id });
  return null;
}

/**
 * The return trip: saves a warm-up deck for the next lecture, aimed at what the report's class got
 * wrong, to the instructor's decks; the deck saved, or the server's refusal as a sentence.
 */
export async function makeWarmupDeck(
  id: string,
): Promise<{ ok: true; deck: StoredDeck } | { ok: false; message: string }> {
  const reply = await api<StoredDeck>('POST', `/reports/${encodeURIComponent(id)}/warm-up`);
  return reply.ok ? { ok: true, deck: reply.value } : { ok: false, message: reply.problem.message };
}

/** From a game's podium to its report: the podium names it (saved as the game reached the podium). */
export function openReport(id: string): void {
  go({ page: 'report', id });
}

export const assignments = signal<AssignmentSummary[] | null>(null);
export const assignmentsError = signal<string | null>(null);

export async function loadAssignments(): Promise<void> {
  const reply = await api<{ assignments: AssignmentSummary[] }>('GET', '/assignments');
  if (reply.ok) {
    assignments.value = reply.value.assignments;
    assignmentsError.value = null;
  } else assignmentsError.value = reply.problem.message;
}

/** The address students open: the server's public address (the one the class can reach), not this tab's. */
export async function homeworkLink(id: string): Promise<string> {
  let base = location.origin;
  try {
    const info = (await (await fetch('/api/info')).json()) as { publicUrl?: string };
    if (info.publicUrl) base = info.publicUrl;
  } catch {
    // This tab's own address, then.
  }
  return `${base}/homework/${encodeURIComponent(id)}`;
}

/** Assigns a saved deck as homework: the assignment and its link, or the server's refusal as a sentence. */
export async function assignDeck(
  deckId: string,
  settings: HomeworkSettings,
): Promise<{ ok: true; assignment: AssignmentSummary; link: string } | { ok: false; message: string }> {
  const reply = await api<AssignmentSummary>('POST', '/assignments', { deckId, ...settings });
  if (!reply.ok) return { ok: false, message: reply.problem.message };
  return { ok: true, assignment: reply.value, link: await homeworkLink(reply.value.id) };
}

export async function deleteAssignment(id: string): Promise<void> {
  const reply = await api('DELETE', `/assignments/${encodeURIComponent(id)}`);
  if (!reply.ok) assignmentsError.value = reply.problem.message;
  await loadAssignments();
}

export const assignmentReport = signal<{ id: string; report: AssignmentReport } | null>(null);

export async function loadAssignmentReport(id: string): Promise<void> {
  if (assignmentReport.value?.id !== id) assignmentReport.value = null;
  reportError.value = null;
  const reply = await api<AssignmentReport>('GET', `/assignments/${encodeURIComponent(id)}`);
  if (reply.ok) assignmentReport.value = { id, report: reply.value };
  else reportError.value = reply.problem.message;
}

export async function downloadAssignmentCsv(id: string): Promise<string | null> {
  const reply = await download(`/assignments/${encodeURIComponent(id)}/csv`, 'homework.csv');
  return reply.ok ? null : reply.problem.message;
}

/** The return trip from homework: a warm-up deck aimed at what the assignment's students got wrong. */
export async function makeAssignmentWarmupDeck(
  id: string,
): Promise<{ ok: true; deck: StoredDeck } | { ok: false; message: string }> {
  const reply = await api<StoredDeck>('POST', `/assignments/${encodeURIComponent(id)}/warm-up`);
  return reply.ok ? { ok: true, deck: reply.value } : { ok: false, message: reply.problem.message };
}
