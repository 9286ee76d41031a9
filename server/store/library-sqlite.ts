// Instructors' decks and the reports of their finished games. Every row belongs to one owner (a
// hash of the instructor's key) and every query is scoped by it: there is no way to read another
// instructor's rows through this interface.
import type { DeckSummary, ReportSummary, StoredDeck } from '../../shared/protocol/api';
import type { DeckFile } from '../../shared/protocol/deck';
import { type Db, type Migration, migrate } from './sqlite';

export const LIBRARY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up: `
      CREATE TABLE decks (
        id         TEXT PRIMARY KEY,
        owner      TEXT NOT NULL,
        title      TEXT NOT NULL,
        rounds     INTEGER NOT NULL,
        body       TEXT NOT NULL,     -- the deck file, JSON (docs/scenarios.md)
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX decks_owner ON decks (owner, updated_at);
      CREATE TABLE reports (
        id            TEXT PRIMARY KEY,
        owner         TEXT NOT NULL,
        code          TEXT NOT NULL,
        title         TEXT NOT NULL,
        started_at    INTEGER NOT NULL,
        ended_at      INTEGER NOT NULL,
        players       INTEGER NOT NULL,
        rounds        INTEGER NOT NULL,
        share_correct REAL,           -- null when no round was scored
        body          TEXT NOT NULL   -- the GameReport, JSON
      );
      CREATE INDEX reports_owner ON reports (owner, ended_at);
      CREATE UNIQUE INDEX reports_game ON reports (code, started_at);
    `,
  },
];

export interface LibraryStore {
  listDecks(owner: string): DeckSummary[];
  getDeck(owner: string, id: string): StoredDeck | undefined;
  createDeck(owner: string, id: string, deck: DeckFile, now: number): StoredDeck;
  /** Replaces the deck; undefined when the owner has no deck with that id. */
  updateDeck(owner: string, id: string, deck: DeckFile, now: number): StoredDeck | undefined;
  deleteDeck(owner: string, id: string): boolean;
  listReports(owner: string): ReportSummary[];
  getReport(owner: string, id: string): (ReportSummary & { body: unknown }) | undefined;
  /** Saves a finished game's report once; a second save of the same game (code, start) is ignored. */
  saveReport(owner: string, summary: ReportSummary, body: unknown): void;
  deleteReport(owner: string, id: string): boolean;
}

interface DeckRow {
  id: string;
  title: string;
  rounds: number;
  body: string;
  created_at: number;
  updated_at: number;
}
interface ReportRow {
  id: string;
  code: string;
  title: string;
  started_at: number;
  ended_at: number;
  players: number;
  rounds: number;
  share_correct: number | null;
  body: string;
}

const deckSummary = (r: DeckRow): DeckSummary => ({
  id: r.id,
  title: r.title,
  rounds: r.rounds,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const reportSummary = (r: ReportRow): ReportSummary => ({
  id: r.id,
  code: r.code,
  title: r.title,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  players: r.players,
  rounds: r.rounds,
  shareCorrect: r.share_correct,
});

export function createSqliteLibraryStore(db: Db): LibraryStore {
  migrate(db, 'library', LIBRARY_MIGRATIONS);
  const q = {
    listDecks: db.prepare(
      'SELECT id, title, rounds, created_at, updated_at FROM decks WHERE owner = ? ORDER BY updated_at DESC, id',
    ),
    getDeck: db.prepare('SELECT * FROM decks WHERE owner = ? AND id = ?'),
    insertDeck: db.prepare(
      `INSERT INTO decks (id, owner, title, rounds, body, created_at, updated_at)
       VALUES (@id, @owner, @title, @rounds, @body, @now, @now)`,
    ),
    updateDeck: db.prepare(
      `UPDATE decks SET title = @title, rounds = @rounds, body = @body, updated_at = @now
       WHERE owner = @owner AND id = @id`,
    ),
    deleteDeck: db.prepare('DELETE FROM decks WHERE owner = ? AND id = ?'),
    listReports: db.prepare(
      `SELECT id, code, title, started_at, ended_at, players, rounds, share_correct, '' AS body
       FROM reports WHERE owner = ? ORDER BY ended_at DESC, id`,
    ),
    getReport: db.prepare('SELECT * FROM reports WHERE owner = ? AND id = ?'),
    insertReport: db.prepare(
      `INSERT INTO reports (id, owner, code, title, started_at, ended_at, players, rounds, share_correct, body)
       VALUES (@id, @owner, @code, @title, @startedAt, @endedAt, @players, @rounds, @shareCorrect, @body)
       ON CONFLICT (code, started_at) DO NOTHING`,
    ),
    deleteReport: db.prepare('DELETE FROM reports WHERE owner = ? AND id = ?'),
  };
  const stored = (r: DeckRow): StoredDeck => ({ ...deckSummary(r), deck: JSON.parse(r.body) as DeckFile });

  return {
    listDecks: (owner) => (q.listDecks.all(owner) as DeckRow[]).map(deckSummary),
    getDeck(owner, id) {
      const row = q.getDeck.get(owner, id) as DeckRow | undefined;
      return row && stored(row);
    },
    createDeck(owner, id, deck, now) {
      q.insertDeck.run({
        id,
        owner,
        title: deck.title,
        rounds: deck.rounds.length,
        body: JSON.stringify(deck),
        now,
      });
      return { id, title: deck.title, rounds: deck.rounds.length, createdAt: now, updatedAt: now, deck };
    },
    updateDeck(owner, id, deck, now) {
      const info = q.updateDeck.run({
        id,
        owner,
        title: deck.title,
        rounds: deck.rounds.length,
        body: JSON.stringify(deck),
        now,
      });
      if (info.changes === 0) return undefined;
      return stored(q.getDeck.get(owner, id) as DeckRow);
    },
    deleteDeck: (owner, id) => q.deleteDeck.run(owner, id).changes > 0,
    listReports: (owner) => (q.listReports.all(owner) as ReportRow[]).map(reportSummary),
    getReport(owner, id) {
      const row = q.getReport.get(owner, id) as ReportRow | undefined;
      return row && { ...reportSummary(row), body: JSON.parse(row.body) as unknown };
    },
    saveReport(owner, summary, body) {
      q.insertReport.run({ ...summary, owner, body: JSON.stringify(body) });
    },
    deleteReport: (owner, id) => q.deleteReport.run(owner, id).changes > 0,
  };
}
