// The instructors' library on PostgreSQL: the same tables, rows and answers as library-sqlite.ts.
// Several servers may share the database, so nothing that a quota depends on is kept in memory: a
// save adds up the owner's and the library's bytes in its own transaction, under a lock on the owner
// (two saves of one instructor at once cannot both squeeze under the quota). usage() (for /metrics)
// is the last total this process read or wrote.
import type { StoredDeck } from '../../shared/protocol/api';
import type { DeckFile } from '../../shared/protocol/deck';
import type { AssignmentRecord, AttemptRecord } from '../homework/attempt';
import { DEFAULT_QUOTAS, type LibraryQuotas, type QuotaName } from '../limits/quotas';
import {
  type AssignmentRow,
  type AttemptCreated,
  type AttemptRow,
  assignmentColumns,
  assignmentRecord,
  assignmentSummary,
  assignmentTables,
  asText,
  attemptColumns,
  attemptRecord,
  type DeckRow,
  type DeckText,
  deckSummary,
  LIST_ASSIGNMENTS,
  type LibraryStore,
  type LibraryUsage,
  type ReportRow,
  reportSummary,
  type Saved,
} from './library-sqlite';
import { inTransaction, migratePg, type PgMigration, type Pool, type Queryable } from './postgres';

/** The schema of library-sqlite.ts's migrations 1–2 in one step (PostgreSQL starts there), then its 5. */
export const LIBRARY_PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    up: `
      CREATE TABLE decks (
        id         TEXT PRIMARY KEY,
        owner      TEXT NOT NULL,
        title      TEXT NOT NULL,
        rounds     INTEGER NOT NULL,
        body       TEXT NOT NULL,
        bytes      BIGINT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX decks_owner ON decks (owner, updated_at);
      CREATE TABLE reports (
        id            TEXT PRIMARY KEY,
        owner         TEXT NOT NULL,
        code          TEXT NOT NULL,
        title         TEXT NOT NULL,
        started_at    BIGINT NOT NULL,
        ended_at      BIGINT NOT NULL,
        players       INTEGER NOT NULL,
        rounds        INTEGER NOT NULL,
        share_correct DOUBLE PRECISION,
        body          TEXT NOT NULL,
        bytes         BIGINT NOT NULL
      );
      CREATE INDEX reports_owner ON reports (owner, ended_at);
      CREATE UNIQUE INDEX reports_game ON reports (code, started_at);
    `,
  },
  // SQLite's migration 5: homework.
  { version: 2, up: assignmentTables('BIGINT') },
];

/** The deck as stored (`body`, a text parameter) and as an answer quotes it (`json`, its UTF-8). */
function withBody(deck: DeckFile | DeckText): DeckText & { body: string } {
  const text = asText(deck);
  const { json } = text;
  return { ...text, body: Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8') };
}

const SQL = {
  totals: `SELECT (SELECT COUNT(*) FROM decks)::BIGINT AS decks, (SELECT COUNT(*) FROM reports)::BIGINT AS reports,
      ((SELECT COALESCE(SUM(bytes), 0) FROM decks) + (SELECT COALESCE(SUM(bytes), 0) FROM reports)
        + (SELECT COALESCE(SUM(bytes), 0) FROM assignments) + (SELECT COALESCE(SUM(bytes), 0) FROM attempts))::BIGINT AS bytes`,
  ownerUsage:
    'SELECT COUNT(*)::BIGINT AS decks, COALESCE(SUM(bytes), 0)::BIGINT AS bytes FROM decks WHERE owner = $1',
  // Per owner, for the transaction: saves of other instructors go on side by side.
  lockOwner: "SELECT pg_advisory_xact_lock(hashtextextended('library:' || $1, 0))",
};

export interface PostgresLibraryStore extends LibraryStore {
  close(): Promise<void>;
}

/** The library on an open pool; applies its migrations. `close` ends the pool only if `ownsPool`. */
export async function createPostgresLibraryStore(
  pool: Pool,
  quotas: LibraryQuotas = DEFAULT_QUOTAS,
  ownsPool = false,
): Promise<PostgresLibraryStore> {
  await migratePg(pool, 'library', LIBRARY_PG_MIGRATIONS);
  const readTotals = async (db: Queryable) => {
    const row = (await db.query<LibraryUsage>(SQL.totals)).rows[0];
    return row ?? { bytes: 0, decks: 0, reports: 0 };
  };
  let totals = await readTotals(pool);

  /** The quota a save of `bytes` (replacing `replacedBytes`, or a new deck) would pass, if any. */
  async function breach(
    db: Queryable,
    owner: string,
    bytes: number,
    replacedBytes: number | undefined,
  ): Promise<QuotaName | undefined> {
    const mine = (await db.query<{ decks: number; bytes: number }>(SQL.ownerUsage, [owner])).rows[0];
    if (replacedBytes === undefined && (mine?.decks ?? 0) >= quotas.decksPerKey) return 'decksPerKey';
    const growth = bytes - (replacedBytes ?? 0);
    if (growth <= 0) return undefined;
    if ((mine?.bytes ?? 0) + growth > quotas.deckBytesPerKey) return 'deckBytesPerKey';
    totals = await readTotals(db);
    if (totals.bytes + growth > quotas.libraryBytes) return 'libraryBytes';
    return undefined;
  }

  return {
    async listDecks(owner) {
      const found = await pool.query<DeckRow>(
        'SELECT id, title, rounds, created_at, updated_at FROM decks WHERE owner = $1 ORDER BY updated_at DESC, id',
        [owner],
      );
      return found.rows.map(deckSummary);
    },
    async getDeck(owner, id): Promise<StoredDeck | undefined> {
      const row = (await pool.query<DeckRow>('SELECT * FROM decks WHERE owner = $1 AND id = $2', [owner, id]))
        .rows[0];
      return row && { ...deckSummary(row), deck: JSON.parse(row.body) as DeckFile };
    },
    createDeck(owner, id, deck, now) {
      const { title, rounds, json, body } = withBody(deck);
      const bytes = json.byteLength;
      return inTransaction(pool, async (db): Promise<Saved> => {
        await db.query(SQL.lockOwner, [owner]);
        const quota = await breach(db, owner, bytes, undefined);
        if (quota) return { ok: false, quota };
        await db.query(
          `INSERT INTO decks (id, owner, title, rounds, body, bytes, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
          [id, owner, title, rounds, body, bytes, now],
        );
        totals = { ...totals, decks: totals.decks + 1, bytes: totals.bytes + bytes };
        return { ok: true, deck: { id, title, rounds, createdAt: now, updatedAt: now }, json };
      });
    },
    updateDeck(owner, id, deck, now) {
      const { title, rounds, json, body } = withBody(deck);
      const bytes = json.byteLength;
      return inTransaction(pool, async (db): Promise<Saved | undefined> => {
        await db.query(SQL.lockOwner, [owner]);
        const old = (
          await db.query<{ bytes: number; created_at: number }>(
            'SELECT bytes, created_at FROM decks WHERE owner = $1 AND id = $2',
            [owner, id],
          )
        ).rows[0];
        if (!old) return undefined;
        const quota = await breach(db, owner, bytes, old.bytes);
        if (quota) return { ok: false, quota };
        await db.query(
          `UPDATE decks SET title = $3, rounds = $4, body = $5, bytes = $6, updated_at = $7
           WHERE owner = $1 AND id = $2`,
          [owner, id, title, rounds, body, bytes, now],
        );
        totals = { ...totals, bytes: totals.bytes + bytes - old.bytes };
        return {
          ok: true,
          deck: { id, title, rounds, createdAt: old.created_at, updatedAt: now },
          json,
        };
      });
    },
    async deleteDeck(owner, id) {
      const gone = await pool.query<{ bytes: number }>(
        'DELETE FROM decks WHERE owner = $1 AND id = $2 RETURNING bytes',
        [owner, id],
      );
      const row = gone.rows[0];
      if (!row) return false;
      totals = { ...totals, decks: totals.decks - 1, bytes: totals.bytes - row.bytes };
      return true;
    },
    async quotaReached(owner) {
      const mine = (await pool.query<{ decks: number; bytes: number }>(SQL.ownerUsage, [owner])).rows[0];
      if ((mine?.decks ?? 0) >= quotas.decksPerKey) return 'decksPerKey';
      if ((mine?.bytes ?? 0) >= quotas.deckBytesPerKey) return 'deckBytesPerKey';
      totals = await readTotals(pool);
      if (totals.bytes >= quotas.libraryBytes) return 'libraryBytes';
      return undefined;
    },
    async isKnown(owner) {
      const found = await pool.query<{ known: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM decks WHERE owner = $1)
             OR EXISTS (SELECT 1 FROM reports WHERE owner = $1) AS known`,
        [owner],
      );
      return found.rows[0]?.known === true;
    },
    usage: () => totals,
    async listReports(owner) {
      const found = await pool.query<ReportRow>(
        `SELECT id, code, title, started_at, ended_at, players, rounds, share_correct, '' AS body
         FROM reports WHERE owner = $1 ORDER BY ended_at DESC, id`,
        [owner],
      );
      return found.rows.map(reportSummary);
    },
    async getReport(owner, id) {
      const row = (
        await pool.query<ReportRow>('SELECT * FROM reports WHERE owner = $1 AND id = $2', [owner, id])
      ).rows[0];
      return row && { ...reportSummary(row), body: JSON.parse(row.body) as unknown };
    },
    async saveReport(owner, summary, body) {
      const text = JSON.stringify(body);
      const bytes = Buffer.byteLength(text);
      const saved = await pool.query(
        `INSERT INTO reports (id, owner, code, title, started_at, ended_at, players, rounds, share_correct, body, bytes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (code, started_at) DO NOTHING`,
        [
          summary.id,
          owner,
          summary.code,
          summary.title,
          summary.startedAt,
          summary.endedAt,
          summary.players,
          summary.rounds,
          summary.shareCorrect,
          text,
          bytes,
        ],
      );
      if (saved.rowCount === 0) return;
      totals = { ...totals, reports: totals.reports + 1, bytes: totals.bytes + bytes };
    },
    async deleteReport(owner, id) {
      const gone = await pool.query<{ bytes: number }>(
        'DELETE FROM reports WHERE owner = $1 AND id = $2 RETURNING bytes',
        [owner, id],
      );
      const row = gone.rows[0];
      if (!row) return false;
      totals = { ...totals, reports: totals.reports - 1, bytes: totals.bytes - row.bytes };
      return true;
    },
    createAssignment(a: AssignmentRecord) {
      const row = assignmentColumns(a);
      return inTransaction(pool, async (db) => {
        await db.query(SQL.lockOwner, [a.owner]);
        const mine = (
          await db.query<{ n: number }>('SELECT COUNT(*)::BIGINT AS n FROM assignments WHERE owner = $1', [
            a.owner,
          ])
        ).rows[0];
        if ((mine?.n ?? 0) >= quotas.assignmentsPerKey)
          return { ok: false, quota: 'assignmentsPerKey' } as const;
        totals = await readTotals(db);
        if (totals.bytes + row.bytes > quotas.libraryBytes)
          return { ok: false, quota: 'libraryBytes' } as const;
        await db.query(
          `INSERT INTO assignments (id, owner, deck_id, title, rounds, settings, bytes, created_at, deck)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            row.id,
            row.owner,
            row.deckId,
            row.title,
            row.rounds,
            row.settings,
            row.bytes,
            row.createdAt,
            row.deck,
          ],
        );
        totals = { ...totals, bytes: totals.bytes + row.bytes };
        return { ok: true } as const;
      });
    },
    async listAssignments(owner) {
      return (await pool.query<AssignmentRow>(LIST_ASSIGNMENTS('$1'), [owner])).rows.map(assignmentSummary);
    },
    async getAssignment(owner, id) {
      const row = (
        await pool.query<AssignmentRow>('SELECT * FROM assignments WHERE owner = $1 AND id = $2', [owner, id])
      ).rows[0];
      return row && assignmentRecord(row);
    },
    async findAssignment(id) {
      const row = (await pool.query<AssignmentRow>('SELECT * FROM assignments WHERE id = $1', [id])).rows[0];
      return row && assignmentRecord(row);
    },
    deleteAssignment(owner, id) {
      return inTransaction(pool, async (db) => {
        const gone = await db.query<{ bytes: number }>(
          'DELETE FROM assignments WHERE owner = $1 AND id = $2 RETURNING bytes',
          [owner, id],
        );
        const row = gone.rows[0];
        if (!row) return false;
        const attempts = await db.query<{ bytes: number }>(
          'DELETE FROM attempts WHERE assignment = $1 RETURNING bytes',
          [id],
        );
        const freed = attempts.rows.reduce((n, r) => n + r.bytes, row.bytes);
        totals = { ...totals, bytes: totals.bytes - freed };
        return true;
      });
    },
    async listAttempts(owner, assignmentId) {
      const mine = await pool.query('SELECT 1 FROM assignments WHERE owner = $1 AND id = $2', [
        owner,
        assignmentId,
      ]);
      if (mine.rowCount === 0) return undefined;
      const found = await pool.query<AttemptRow>(
        'SELECT * FROM attempts WHERE assignment = $1 ORDER BY started_at, id',
        [assignmentId],
      );
      return found.rows.map(attemptRecord);
    },
    async findAttempt(assignmentId, token) {
      const row = (
        await pool.query<AttemptRow>(
          'SELECT * FROM attempts WHERE assignment = $1 AND token = $2 ORDER BY try DESC LIMIT 1',
          [assignmentId, token],
        )
      ).rows[0];
      return row && attemptRecord(row);
    },
    createAttempt(a: AttemptRecord) {
      const row = attemptColumns(a);
      return inTransaction(pool, async (db): Promise<AttemptCreated> => {
        // Two first sittings of one class at once cannot both squeeze under the assignment's limit.
        await db.query(SQL.lockOwner, [`attempts:${a.assignmentId}`]);
        const n = (
          await db.query<{ n: number }>('SELECT COUNT(*)::BIGINT AS n FROM attempts WHERE assignment = $1', [
            a.assignmentId,
          ])
        ).rows[0];
        if ((n?.n ?? 0) >= quotas.attemptsPerAssignment) return { ok: false, quota: 'attemptsPerAssignment' };
        const saved = await db.query(
          `INSERT INTO attempts (id, assignment, token, try, nickname, student_id, started_at, updated_at,
             finished_at, version, bytes, game)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (assignment, token, try) DO NOTHING`,
          [
            row.id,
            row.assignment,
            row.token,
            row.try,
            row.nickname,
            row.studentId,
            row.startedAt,
            row.updatedAt,
            row.finishedAt,
            row.version,
            row.bytes,
            row.game,
          ],
        );
        if (saved.rowCount === 0) return { ok: false, conflict: true };
        totals = { ...totals, bytes: totals.bytes + row.bytes };
        return { ok: true };
      });
    },
    async saveAttempt(a: AttemptRecord, previous: number) {
      const row = attemptColumns(a);
      const saved = await pool.query<{ old: number }>(
        `UPDATE attempts t SET updated_at = $2, finished_at = $3, version = $4, bytes = $5, game = $6
         FROM (SELECT bytes AS old FROM attempts WHERE id = $1) o
         WHERE t.id = $1 AND t.version = $7 RETURNING o.old`,
        [row.id, row.updatedAt, row.finishedAt, row.version, row.bytes, row.game, previous],
      );
      const old = saved.rows[0];
      if (!old) return false;
      totals = { ...totals, bytes: totals.bytes + row.bytes - old.old };
      return true;
    },
    close: async () => {
      if (ownsPool) await pool.end();
    },
  };
}
