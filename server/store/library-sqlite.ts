// Instructors' decks and the reports of their finished games. Every row belongs to one owner (a
// hash of the instructor's key) and every query is scoped by it: there is no way to read another
// instructor's rows through this interface.
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DeckSummary, ReportSummary, StoredDeck } from '../../shared/protocol/api';
import type { Deck, DeckFile } from '../../shared/protocol/deck';
import type { AssignmentSummary, HomeworkSettings } from '../../shared/protocol/homework';
import type { AssignmentRecord, AttemptRecord, StoredGame } from '../homework/attempt';
import { DEFAULT_QUOTAS, type LibraryQuotas, type QuotaName } from '../limits/quotas';
import { type Db, type Migration, migrate } from './sqlite';

/** The homework tables, the same in both stores (PostgreSQL's INTEGER holds ms until 2038 only: BIGINT). */
export function assignmentTables(int64: string): string {
  return `
      CREATE TABLE assignments (
        id         TEXT PRIMARY KEY,
        owner      TEXT NOT NULL,
        deck_id    TEXT NOT NULL,
        title      TEXT NOT NULL,
        rounds     INTEGER NOT NULL,
        settings   TEXT NOT NULL,     -- HomeworkSettings, JSON
        bytes      ${int64} NOT NULL,
        created_at ${int64} NOT NULL,
        deck       TEXT NOT NULL      -- the Deck as assigned, JSON
      );
      CREATE INDEX assignments_owner ON assignments (owner, created_at);
      CREATE TABLE attempts (
        id          TEXT PRIMARY KEY,
        assignment  TEXT NOT NULL,
        token       TEXT NOT NULL,    -- a hash of the device's token
        try         INTEGER NOT NULL,
        nickname    TEXT NOT NULL,
        student_id  TEXT,
        started_at  ${int64} NOT NULL,
        updated_at  ${int64} NOT NULL,
        finished_at ${int64},
        version     INTEGER NOT NULL,
        bytes       ${int64} NOT NULL,
        game        TEXT NOT NULL     -- the attempt's game without its deck, JSON
      );
      CREATE UNIQUE INDEX attempts_try ON attempts (assignment, token, try);
      CREATE INDEX attempts_assignment ON attempts (assignment, started_at);
    `;
}
const ASSIGNMENT_TABLES = assignmentTables('INTEGER');

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
  {
    // Quotas count bytes; keeping each body's size beside it spares reading megabytes to add them up.
    version: 2,
    up: `
      ALTER TABLE decks ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
      UPDATE decks SET bytes = length(CAST(body AS BLOB));
      ALTER TABLE reports ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
      UPDATE reports SET bytes = length(CAST(body AS BLOB));
    `,
  },
  {
    // `bytes` came after `body` (ALTER TABLE adds a column last), so reading a row's size walked its
    // body's overflow pages: the quota check summed a key's sizes at ~1 ms per big deck, 60-80 ms
    // of the event loop for 60 decks of 0.8 MB, on every save. These indexes hold the sizes (and
    // what else those queries read), so the sizes are read without touching the bodies.
    version: 3,
    up: `
      CREATE INDEX decks_owner_bytes ON decks (owner, bytes);
      CREATE INDEX decks_id_bytes ON decks (id, owner, bytes, created_at);
      CREATE INDEX reports_id_bytes ON reports (id, owner, bytes);
    `,
  },
  {
    // A big deck's JSON is written in pieces, one short transaction each with the event loop free
    // between them (see PIECE_BYTES), and the deck row names them by `upload` once all are in. A
    // deck written whole (a small one, or one saved before this version) keeps its JSON in `body`.
    version: 4,
    up: `
      CREATE TABLE deck_pieces (
        upload TEXT NOT NULL,
        seq    INTEGER NOT NULL,
        piece  BLOB NOT NULL,
        PRIMARY KEY (upload, seq)
      );
      ALTER TABLE decks ADD COLUMN upload TEXT;
      CREATE INDEX decks_upload ON decks (upload) WHERE upload IS NOT NULL;
    `,
  },
  {
    // Homework (README "Homework"): an assignment keeps the deck as it was assigned; an attempt is
    // one device's try, its one-player game as JSON without the deck, `version` guarding its saves.
    version: 5,
    up: ASSIGNMENT_TABLES,
  },
];

/**
 * A deck's JSON above this is written in pieces of this size. SQLite's insert of 0.8 MB held the
 * event loop 5-8 ms on a quiet machine and 12-20 ms beside a class and a flood (each page of it goes
 * to the write-ahead log), which set the class's p99 during a deck flood; a piece takes about 0.5 ms.
 */
export const PIECE_BYTES = 64 * 1024;

/** A save refused because it would pass a quota; nothing was written. */
export type QuotaRefusal = { ok: false; quota: QuotaName };
/**
 * A deck checked and serialised already: its file as JSON in UTF-8 bytes, and what a list shows of
 * it. Bytes rather than a string: a big deck's JSON comes from the checker's thread as a transferred
 * buffer, is stored as it is, and is quoted in the answer without being encoded again on the event
 * loop (encoding 0.8 MB of JSON for the answer cost it 3-5 ms).
 */
export interface DeckText {
  title: string;
  rounds: number;
  json: Uint8Array;
}

/** A saved deck, with `json`, its deck file as JSON in UTF-8 (what is stored, and what an answer can quote). */
export type Saved = { ok: true; deck: DeckSummary; json: Uint8Array } | QuotaRefusal;

export interface LibraryUsage {
  /** Bytes of every deck's, report's, assignment's and attempt's JSON. */
  bytes: number;
  decks: number;
  reports: number;
}

/** A new attempt refused: the assignment has as many as it may take. */
export type AttemptRefusal = { ok: false; quota: 'attemptsPerAssignment' };
/** `conflict`: that device's try was saved already (two first sittings at once). */
export type AttemptCreated = { ok: true } | AttemptRefusal | { ok: false; conflict: true };

/** A value now (SQLite) or later (PostgreSQL). */
type Later<T> = T | Promise<T>;

/**
 * The library's contract. SQLite answers at once (SqliteLibraryStore), PostgreSQL with Promises:
 * callers await every answer, which costs SQLite nothing but a microtask.
 */
export interface LibraryStore {
  listDecks(owner: string): Later<DeckSummary[]>;
  getDeck(owner: string, id: string): Later<StoredDeck | undefined>;
  /**
   * Saves a new deck, unless it would pass one of the quotas. A DeckText is a deck checked and
   * serialised already (on the API's worker thread), so the event loop neither parses nor serialises it.
   */
  createDeck(owner: string, id: string, deck: DeckFile | DeckText, now: number): Later<Saved>;
  /** Replaces the deck, unless it would pass a quota; undefined when the owner has no deck with that id. */
  updateDeck(owner: string, id: string, deck: DeckFile | DeckText, now: number): Later<Saved | undefined>;
  /**
   * The quota already reached, so that no new deck could be saved: checked before a body is read, so
   * a flood against a full library costs no parsing. (A replaced deck may still shrink.)
   */
  quotaReached(owner: string): Later<QuotaName | undefined>;
  /** Whether anything (a deck or a report) is kept for this owner: a key the server has seen. */
  isKnown(owner: string): Later<boolean>;
  /** The whole library's size, for /metrics (kept in memory by the store: no query). */
  usage(): LibraryUsage;
  deleteDeck(owner: string, id: string): Later<boolean>;
  listReports(owner: string): Later<ReportSummary[]>;
  getReport(owner: string, id: string): Later<(ReportSummary & { body: unknown }) | undefined>;
  /**
   * Saves a finished game's report once; a second save of the same game (code, start) is ignored. A
   * report is saved whatever the quotas: a class's results are never lost to a full library (games
   * are bounded by the room budget), and they count towards the library's total.
   */
  saveReport(owner: string, summary: ReportSummary, body: unknown): Later<void>;
  deleteReport(owner: string, id: string): Later<boolean>;
  /** Saves an assignment (its deck copied in), unless the owner has as many as they may keep or the library is full. */
  createAssignment(assignment: AssignmentRecord): Later<{ ok: true } | QuotaRefusal>;
  listAssignments(owner: string): Later<AssignmentSummary[]>;
  getAssignment(owner: string, id: string): Later<AssignmentRecord | undefined>;
  /** An assignment by its id alone: what a student's link names (the id is a secret of 22+ characters). */
  findAssignment(id: string): Later<AssignmentRecord | undefined>;
  /** Deletes the assignment and every attempt at it. */
  deleteAssignment(owner: string, id: string): Later<boolean>;
  /** The owner's assignment's attempts, in the order they started; undefined when it is not theirs. */
  listAttempts(owner: string, assignmentId: string): Later<AttemptRecord[] | undefined>;
  /** The device's latest try at the assignment. */
  findAttempt(assignmentId: string, token: string): Later<AttemptRecord | undefined>;
  /**
   * Saves a new attempt unless the assignment has as many as it may take or the device as many tries;
   * a second attempt with the same (assignment, token, try) is refused as a conflict: `{ ok: false }`.
   */
  createAttempt(attempt: AttemptRecord): Later<AttemptCreated>;
  /** Replaces the attempt's game if it is still at `version` (else false: another save came first). */
  saveAttempt(attempt: AttemptRecord, version: number): Later<boolean>;
  /** Lets go of the database's connections (PostgreSQL); the app calls it when it closes. */
  close?(): Later<void>;
}

/** The SQLite library: every answer at once. */
export interface SqliteLibraryStore extends LibraryStore {
  listDecks(owner: string): DeckSummary[];
  getDeck(owner: string, id: string): StoredDeck | undefined;
  /** At once for a deck of up to PIECE_BYTES; a bigger one is written in pieces, with yields between. */
  createDeck(owner: string, id: string, deck: DeckFile | DeckText, now: number): Later<Saved>;
  updateDeck(owner: string, id: string, deck: DeckFile | DeckText, now: number): Later<Saved | undefined>;
  quotaReached(owner: string): QuotaName | undefined;
  isKnown(owner: string): boolean;
  deleteDeck(owner: string, id: string): boolean;
  listReports(owner: string): ReportSummary[];
  getReport(owner: string, id: string): (ReportSummary & { body: unknown }) | undefined;
  saveReport(owner: string, summary: ReportSummary, body: unknown): void;
  deleteReport(owner: string, id: string): boolean;
  createAssignment(assignment: AssignmentRecord): { ok: true } | QuotaRefusal;
  listAssignments(owner: string): AssignmentSummary[];
  getAssignment(owner: string, id: string): AssignmentRecord | undefined;
  findAssignment(id: string): AssignmentRecord | undefined;
  deleteAssignment(owner: string, id: string): boolean;
  listAttempts(owner: string, assignmentId: string): AttemptRecord[] | undefined;
  findAttempt(assignmentId: string, token: string): AttemptRecord | undefined;
  createAttempt(attempt: AttemptRecord): AttemptCreated;
  saveAttempt(attempt: AttemptRecord, version: number): boolean;
}

/** The library's rows, as either store reads them (the tables have the same columns). */
export interface DeckRow {
  id: string;
  title: string;
  rounds: number;
  body: string;
  created_at: number;
  updated_at: number;
  /** Set when the JSON is in deck_pieces (SQLite only; `body` is then empty). */
  upload?: string | null;
}
export interface ReportRow {
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

export interface AssignmentRow {
  id: string;
  owner: string;
  deck_id: string;
  title: string;
  rounds: number;
  settings: string;
  created_at: number;
  deck: string;
  started?: number;
  finished?: number;
}
export interface AttemptRow {
  id: string;
  assignment: string;
  token: string;
  try: number;
  nickname: string;
  student_id: string | null;
  started_at: number;
  updated_at: number;
  finished_at: number | null;
  version: number;
  game: string;
}

export const assignmentRecord = (r: AssignmentRow): AssignmentRecord => ({
  id: r.id,
  owner: r.owner,
  deckId: r.deck_id,
  title: r.title,
  createdAt: Number(r.created_at),
  settings: JSON.parse(r.settings) as HomeworkSettings,
  deck: JSON.parse(r.deck) as Deck,
});
export const assignmentSummary = (r: AssignmentRow): AssignmentSummary => ({
  id: r.id,
  deckId: r.deck_id,
  title: r.title,
  rounds: r.rounds,
  createdAt: Number(r.created_at),
  ...(JSON.parse(r.settings) as HomeworkSettings),
  started: Number(r.started ?? 0),
  finished: Number(r.finished ?? 0),
});
export const attemptRecord = (r: AttemptRow): AttemptRecord => ({
  id: r.id,
  assignmentId: r.assignment,
  token: r.token,
  try: r.try,
  nickname: r.nickname,
  studentId: r.student_id,
  startedAt: Number(r.started_at),
  updatedAt: Number(r.updated_at),
  finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  game: JSON.parse(r.game) as StoredGame,
});
/** An assignment's row, its JSON and size. */
export function assignmentColumns(a: AssignmentRecord) {
  const settings = JSON.stringify(a.settings);
  const deck = JSON.stringify(a.deck);
  return {
    id: a.id,
    owner: a.owner,
    deckId: a.deckId,
    title: a.title,
    rounds: a.deck.rounds.length,
    settings,
    deck,
    bytes: Buffer.byteLength(deck) + Buffer.byteLength(settings),
    createdAt: a.createdAt,
  };
}
export function attemptColumns(a: AttemptRecord) {
  const game = JSON.stringify(a.game);
  return {
    id: a.id,
    assignment: a.assignmentId,
    token: a.token,
    try: a.try,
    nickname: a.nickname,
    studentId: a.studentId,
    startedAt: a.startedAt,
    updatedAt: a.updatedAt,
    finishedAt: a.finishedAt,
    version: a.game.version,
    game,
    bytes: Buffer.byteLength(game),
  };
}
/** The list of an owner's assignments with their attempts counted (one device's tries count once each). */
export const LIST_ASSIGNMENTS = (p: string) => `
  SELECT a.id, a.owner, a.deck_id, a.title, a.rounds, a.settings, a.created_at, '' AS deck,
    (SELECT COUNT(*) FROM attempts t WHERE t.assignment = a.id) AS started,
    (SELECT COUNT(*) FROM attempts t WHERE t.assignment = a.id AND t.finished_at IS NOT NULL) AS finished
  FROM assignments a WHERE a.owner = ${p} ORDER BY a.created_at DESC, a.id`;

export const asText = (deck: DeckFile | DeckText): DeckText =>
  'json' in deck
    ? deck
    : { title: deck.title, rounds: deck.rounds.length, json: Buffer.from(JSON.stringify(deck)) };

export const deckSummary = (r: DeckRow): DeckSummary => ({
  id: r.id,
  title: r.title,
  rounds: r.rounds,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
export const reportSummary = (r: ReportRow): ReportSummary => ({
  id: r.id,
  code: r.code,
  title: r.title,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  players: r.players,
  rounds: r.rounds,
  shareCorrect: r.share_correct,
});

/** The queries that read sizes on a save or a delete: each is answered from an index (migration 3). */
export const SIZE_QUERIES = {
  ownerUsage:
    'SELECT COUNT(*) AS decks, COALESCE(SUM(bytes), 0) AS bytes FROM decks INDEXED BY decks_owner_bytes WHERE owner = ?',
  deckBytes: 'SELECT bytes, created_at FROM decks INDEXED BY decks_id_bytes WHERE owner = ? AND id = ?',
  reportBytes: 'SELECT bytes FROM reports INDEXED BY reports_id_bytes WHERE owner = ? AND id = ?',
} as const;

export function createSqliteLibraryStore(db: Db, quotas: LibraryQuotas = DEFAULT_QUOTAS): SqliteLibraryStore {
  migrate(db, 'library', LIBRARY_MIGRATIONS);
  const q = {
    listDecks: db.prepare(
      'SELECT id, title, rounds, created_at, updated_at FROM decks WHERE owner = ? ORDER BY updated_at DESC, id',
    ),
    getDeck: db.prepare('SELECT * FROM decks WHERE owner = ? AND id = ?'),
    insertDeck: db.prepare(
      `INSERT INTO decks (id, owner, title, rounds, body, bytes, created_at, updated_at, upload)
       VALUES (@id, @owner, @title, @rounds, CAST(@body AS TEXT), @bytes, @now, @now, @upload)`,
    ),
    updateDeck: db.prepare(
      `UPDATE decks SET title = @title, rounds = @rounds, body = CAST(@body AS TEXT), bytes = @bytes,
         updated_at = @now, upload = @upload
       WHERE owner = @owner AND id = @id`,
    ),
    deckBytes: db.prepare(SIZE_QUERIES.deckBytes),
    // `upload` comes after `body`, so this reads a deck written whole's body pages too: only on a save
    // or a delete of one, never on the quota checks.
    deckUpload: db.prepare('SELECT bytes, created_at, upload FROM decks WHERE owner = ? AND id = ?'),
    pieces: db.prepare('SELECT piece FROM deck_pieces WHERE upload = ? ORDER BY seq').pluck(),
    insertPiece: db.prepare('INSERT INTO deck_pieces (upload, seq, piece) VALUES (?, ?, ?)'),
    deletePieces: db.prepare('DELETE FROM deck_pieces WHERE upload = ?'),
    // Pieces of a save that never finished (the server stopped between its first piece and its row).
    sweepPieces: db.prepare(
      'DELETE FROM deck_pieces WHERE upload NOT IN (SELECT upload FROM decks WHERE upload IS NOT NULL)',
    ),
    ownerUsage: db.prepare(SIZE_QUERIES.ownerUsage),
    known: db.prepare(
      `SELECT EXISTS (SELECT 1 FROM decks WHERE owner = @owner)
           OR EXISTS (SELECT 1 FROM reports WHERE owner = @owner) AS known`,
    ),
    totals: db.prepare(
      `SELECT (SELECT COUNT(*) FROM decks) AS decks, (SELECT COUNT(*) FROM reports) AS reports,
              (SELECT COALESCE(SUM(bytes), 0) FROM decks) + (SELECT COALESCE(SUM(bytes), 0) FROM reports)
              + (SELECT COALESCE(SUM(bytes), 0) FROM assignments) + (SELECT COALESCE(SUM(bytes), 0) FROM attempts) AS bytes`,
    ),
    reportBytes: db.prepare(SIZE_QUERIES.reportBytes),
    deleteDeck: db.prepare('DELETE FROM decks WHERE owner = ? AND id = ?'),
    listReports: db.prepare(
      `SELECT id, code, title, started_at, ended_at, players, rounds, share_correct, '' AS body
       FROM reports WHERE owner = ? ORDER BY ended_at DESC, id`,
    ),
    getReport: db.prepare('SELECT * FROM reports WHERE owner = ? AND id = ?'),
    insertReport: db.prepare(
      `INSERT INTO reports (id, owner, code, title, started_at, ended_at, players, rounds, share_correct, body, bytes)
       VALUES (@id, @owner, @code, @title, @startedAt, @endedAt, @players, @rounds, @shareCorrect, @body, @bytes)
       ON CONFLICT (code, started_at) DO NOTHING`,
    ),
    deleteReport: db.prepare('DELETE FROM reports WHERE owner = ? AND id = ?'),
    countAssignments: db.prepare('SELECT COUNT(*) FROM assignments WHERE owner = ?').pluck(),
    insertAssignment: db.prepare(
      `INSERT INTO assignments (id, owner, deck_id, title, rounds, settings, bytes, created_at, deck)
       VALUES (@id, @owner, @deckId, @title, @rounds, @settings, @bytes, @createdAt, @deck)`,
    ),
    listAssignments: db.prepare(LIST_ASSIGNMENTS('?')),
    getAssignment: db.prepare('SELECT * FROM assignments WHERE owner = ? AND id = ?'),
    findAssignment: db.prepare('SELECT * FROM assignments WHERE id = ?'),
    assignmentBytes: db
      .prepare(
        `SELECT a.bytes + COALESCE((SELECT SUM(t.bytes) FROM attempts t WHERE t.assignment = a.id), 0)
       FROM assignments a WHERE a.owner = ? AND a.id = ?`,
      )
      .pluck(),
    deleteAssignment: db.prepare('DELETE FROM assignments WHERE owner = ? AND id = ?'),
    deleteAttempts: db.prepare('DELETE FROM attempts WHERE assignment = ?'),
    listAttempts: db.prepare('SELECT * FROM attempts WHERE assignment = ? ORDER BY started_at, id'),
    findAttempt: db.prepare(
      'SELECT * FROM attempts WHERE assignment = ? AND token = ? ORDER BY try DESC LIMIT 1',
    ),
    countAttempts: db.prepare('SELECT COUNT(*) FROM attempts WHERE assignment = ?').pluck(),
    insertAttempt: db.prepare(
      `INSERT INTO attempts (id, assignment, token, try, nickname, student_id, started_at, updated_at,
         finished_at, version, bytes, game)
       VALUES (@id, @assignment, @token, @try, @nickname, @studentId, @startedAt, @updatedAt, @finishedAt,
         @version, @bytes, @game)
       ON CONFLICT (assignment, token, try) DO NOTHING`,
    ),
    attemptBytes: db.prepare('SELECT bytes FROM attempts WHERE id = ?').pluck(),
    updateAttempt: db.prepare(
      `UPDATE attempts SET updated_at = @updatedAt, finished_at = @finishedAt, version = @version,
         bytes = @bytes, game = @game
       WHERE id = @id AND version = @previous`,
    ),
  };
  q.sweepPieces.run();
  const bodyOf = (r: DeckRow): string =>
    r.upload ? Buffer.concat(q.pieces.all(r.upload) as Buffer[]).toString('utf8') : r.body;
  const stored = (r: DeckRow): StoredDeck => ({ ...deckSummary(r), deck: JSON.parse(bodyOf(r)) as DeckFile });
  // The library's total, read once and then kept up to date by every write here, so a save does not
  // add up the whole library. One process owns the file (DATA_DIR is not shared between servers).
  let totals = q.totals.get() as LibraryUsage;

  /** The quota a save of `bytes` (replacing `replacedBytes`, or a new deck) would pass, if any. */
  function breach(owner: string, bytes: number, replacedBytes: number | undefined): QuotaName | undefined {
    const mine = q.ownerUsage.get(owner) as { decks: number; bytes: number };
    if (replacedBytes === undefined && mine.decks >= quotas.decksPerKey) return 'decksPerKey';
    const growth = bytes - (replacedBytes ?? 0);
    if (growth <= 0) return undefined;
    if (mine.bytes + growth > quotas.deckBytesPerKey) return 'deckBytesPerKey';
    if (totals.bytes + growth > quotas.libraryBytes) return 'libraryBytes';
    return undefined;
  }

  /** Writes `json` as pieces, each its own transaction, giving the event loop a turn between them. */
  async function writePieces(json: Uint8Array): Promise<string> {
    const upload = randomUUID();
    try {
      for (let seq = 0, at = 0; at < json.byteLength; seq++, at += PIECE_BYTES) {
        if (seq > 0) await nextTurn();
        const end = Math.min(json.byteLength, at + PIECE_BYTES);
        q.insertPiece.run(upload, seq, Buffer.from(json.buffer, json.byteOffset + at, end - at));
      }
      return upload;
    } catch (error) {
      dropPieces(upload);
      throw error;
    }
  }
  function dropPieces(upload: string): void {
    try {
      q.deletePieces.run(upload);
    } catch {
      // The database closed under the save: the sweep at the next start removes them.
    }
  }

  /**
   * Stores a deck's row (its JSON whole, or named by `upload` once its pieces are in), unless a quota
   * forbids it now: between a big deck's first piece and its row, other saves may have landed.
   * Undefined when `replace` and the owner has no such deck (any more).
   */
  const commit = db.transaction(
    (owner: string, id: string, text: DeckText, now: number, upload: string | null, replace: boolean) => {
      const bytes = text.json.byteLength;
      const old = replace
        ? (q.deckUpload.get(owner, id) as
            | { bytes: number; created_at: number; upload: string | null }
            | undefined)
        : undefined;
      if (replace && !old) return undefined;
      const quota = breach(owner, bytes, old?.bytes);
      if (quota) return { ok: false, quota } satisfies Saved;
      const row = {
        id,
        owner,
        title: text.title,
        rounds: text.rounds,
        body: upload ? '' : text.json,
        bytes,
        now,
        upload,
      };
      if (old) {
        q.updateDeck.run(row);
        if (old.upload) q.deletePieces.run(old.upload);
        totals = { ...totals, bytes: totals.bytes + bytes - old.bytes };
      } else {
        q.insertDeck.run(row);
        totals = { ...totals, decks: totals.decks + 1, bytes: totals.bytes + bytes };
      }
      const deck = {
        id,
        title: text.title,
        rounds: text.rounds,
        createdAt: old?.created_at ?? now,
        updatedAt: now,
      };
      return { ok: true, deck, json: text.json } satisfies Saved;
    },
  );

  /** A save at once when the JSON is one piece; otherwise refused at once or written in pieces. */
  function save(owner: string, id: string, deck: DeckFile | DeckText, now: number, replace: boolean) {
    const text = asText(deck);
    if (text.json.byteLength <= PIECE_BYTES) return commit(owner, id, text, now, null, replace);
    // Refused before a piece is written if it cannot fit now (commit checks again at the end).
    const old = replace ? (q.deckBytes.get(owner, id) as { bytes: number } | undefined) : undefined;
    if (replace && !old) return undefined;
    const quota = breach(owner, text.json.byteLength, old?.bytes);
    if (quota) return { ok: false, quota } satisfies Saved;
    return (async () => {
      const upload = await writePieces(text.json);
      let saved: Saved | undefined;
      try {
        saved = commit(owner, id, text, now, upload, replace);
      } finally {
        if (!saved?.ok) dropPieces(upload);
      }
      return saved;
    })();
  }

  return {
    listDecks: (owner) => (q.listDecks.all(owner) as DeckRow[]).map(deckSummary),
    getDeck(owner, id) {
      const row = q.getDeck.get(owner, id) as DeckRow | undefined;
      return row && stored(row);
    },
    createDeck: (owner, id, deck, now) => save(owner, id, deck, now, false) as Later<Saved>,
    updateDeck: (owner, id, deck, now) => save(owner, id, deck, now, true),
    deleteDeck: db.transaction((owner: string, id: string) => {
      const old = q.deckUpload.get(owner, id) as { bytes: number; upload: string | null } | undefined;
      if (!old || q.deleteDeck.run(owner, id).changes === 0) return false;
      if (old.upload) q.deletePieces.run(old.upload);
      totals = { ...totals, decks: totals.decks - 1, bytes: totals.bytes - old.bytes };
      return true;
    }),
    quotaReached(owner) {
      const mine = q.ownerUsage.get(owner) as { decks: number; bytes: number };
      if (mine.decks >= quotas.decksPerKey) return 'decksPerKey';
      if (mine.bytes >= quotas.deckBytesPerKey) return 'deckBytesPerKey';
      if (totals.bytes >= quotas.libraryBytes) return 'libraryBytes';
      return undefined;
    },
    isKnown: (owner) => (q.known.get({ owner }) as { known: number }).known === 1,
    usage: () => totals,
    listReports: (owner) => (q.listReports.all(owner) as ReportRow[]).map(reportSummary),
    getReport(owner, id) {
      const row = q.getReport.get(owner, id) as ReportRow | undefined;
      return row && { ...reportSummary(row), body: JSON.parse(row.body) as unknown };
    },
    saveReport(owner, summary, body) {
      const text = JSON.stringify(body);
      const bytes = Buffer.byteLength(text);
      if (q.insertReport.run({ ...summary, owner, body: text, bytes }).changes === 0) return;
      totals = { ...totals, reports: totals.reports + 1, bytes: totals.bytes + bytes };
    },
    deleteReport(owner, id) {
      const old = q.reportBytes.get(owner, id) as { bytes: number } | undefined;
      if (!old || q.deleteReport.run(owner, id).changes === 0) return false;
      totals = { ...totals, reports: totals.reports - 1, bytes: totals.bytes - old.bytes };
      return true;
    },
    createAssignment: db.transaction((a: AssignmentRecord) => {
      const row = assignmentColumns(a);
      if ((q.countAssignments.get(a.owner) as number) >= quotas.assignmentsPerKey)
        return { ok: false, quota: 'assignmentsPerKey' } as const;
      if (totals.bytes + row.bytes > quotas.libraryBytes)
        return { ok: false, quota: 'libraryBytes' } as const;
      q.insertAssignment.run(row);
      totals = { ...totals, bytes: totals.bytes + row.bytes };
      return { ok: true } as const;
    }),
    listAssignments: (owner) => (q.listAssignments.all(owner) as AssignmentRow[]).map(assignmentSummary),
    getAssignment(owner, id) {
      const row = q.getAssignment.get(owner, id) as AssignmentRow | undefined;
      return row && assignmentRecord(row);
    },
    findAssignment(id) {
      const row = q.findAssignment.get(id) as AssignmentRow | undefined;
      return row && assignmentRecord(row);
    },
    deleteAssignment: db.transaction((owner: string, id: string) => {
      const bytes = q.assignmentBytes.get(owner, id) as number | undefined;
      if (bytes === undefined || q.deleteAssignment.run(owner, id).changes === 0) return false;
      q.deleteAttempts.run(id);
      totals = { ...totals, bytes: totals.bytes - bytes };
      return true;
    }),
    listAttempts(owner, assignmentId) {
      if (!q.getAssignment.get(owner, assignmentId)) return undefined;
      return (q.listAttempts.all(assignmentId) as AttemptRow[]).map(attemptRecord);
    },
    findAttempt(assignmentId, token) {
      const row = q.findAttempt.get(assignmentId, token) as AttemptRow | undefined;
      return row && attemptRecord(row);
    },
    createAttempt: db.transaction((a: AttemptRecord): AttemptCreated => {
      if ((q.countAttempts.get(a.assignmentId) as number) >= quotas.attemptsPerAssignment)
        return { ok: false, quota: 'attemptsPerAssignment' };
      const row = attemptColumns(a);
      if (q.insertAttempt.run(row).changes === 0) return { ok: false, conflict: true };
      totals = { ...totals, bytes: totals.bytes + row.bytes };
      return { ok: true };
    }),
    saveAttempt: db.transaction((a: AttemptRecord, previous: number) => {
      const row = attemptColumns(a);
      const old = q.attemptBytes.get(a.id) as number | undefined;
      if (old === undefined || q.updateAttempt.run({ ...row, previous }).changes === 0) return false;
      totals = { ...totals, bytes: totals.bytes + row.bytes - old };
      return true;
    }),
  };
}
