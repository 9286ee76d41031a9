// The rooms' RoomStore on PostgreSQL: the same tables and the same rows as rooms-sqlite.ts (a save
// writes the facts of a change, one row each, stamped with the room's version), written through
// node-postgres, so every write answers with a Promise. The commit queue saves one batch at a time in
// one transaction (transaction()), and acknowledges nothing before its COMMIT.
//
// What the room shell reads synchronously is read when the store opens: the games not finished (to
// resume), the codes in use (a new room needs a fresh one) and the last heartbeat. A finished game
// that left memory is read on demand (loadRoom), which the transport awaits (RoomManager.ready).
import type pg from 'pg';
import { forEachAnswer } from '../room/answers';
import type { Fact } from '../room/facts';
import {
  assertNever,
  type Player,
  type RecordedAnswer,
  type RoomState,
  type RoundResult,
} from '../room/state';
import type { RoomStore, SaveContext, StoredRoom } from '../room/store';
import { type Homes, openHomes, ROOM_HOMES_MIGRATION, RoomMovedError } from './homes-postgres';
import {
  inTransaction,
  isUnavailable,
  migratePg,
  type PgMigration,
  type Pool,
  type Queryable,
} from './postgres';
import {
  type AnswerRow,
  encodeChoice,
  NO_OUTCOME,
  type PlayerRow,
  phaseHeader,
  type ResultRow,
  type RoomRow,
  rebuildRoom,
  scoredAnswerRow,
} from './rooms-sqlite';

/**
 * The schema of rooms-sqlite.ts's migrations 1–6 in one step (PostgreSQL starts there), then each
 * later SQLite migration as its own.
 */
export const ROOMS_PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    up: `
      CREATE TABLE rooms (
        code        TEXT PRIMARY KEY,
        host_secret TEXT NOT NULL,
        owner       TEXT,
        created_at  BIGINT NOT NULL,
        settings    TEXT NOT NULL,
        deck        TEXT NOT NULL,
        locked      INTEGER NOT NULL,
        version     INTEGER NOT NULL,
        phase       TEXT NOT NULL,
        finished    INTEGER NOT NULL,
        updated_at  BIGINT NOT NULL
      );
      CREATE INDEX rooms_unfinished ON rooms (finished, code);
      CREATE TABLE players (
        code         TEXT NOT NULL REFERENCES rooms (code) ON DELETE CASCADE,
        id           INTEGER NOT NULL,
        nickname     TEXT NOT NULL,
        key          TEXT NOT NULL,
        secret       TEXT NOT NULL,
        joined_at    BIGINT NOT NULL,
        score        INTEGER NOT NULL,
        streak       INTEGER NOT NULL,
        answer_ms    BIGINT NOT NULL,
        connected    INTEGER NOT NULL,
        kicked       INTEGER NOT NULL,
        join_request TEXT,
        device       TEXT,
        version      INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (code, id)
      );
      CREATE TABLE answers (
        code         TEXT NOT NULL REFERENCES rooms (code) ON DELETE CASCADE,
        round        INTEGER NOT NULL,
        player_id    INTEGER NOT NULL,
        choice       TEXT NOT NULL,
        at           BIGINT NOT NULL,
        elapsed_ms   BIGINT NOT NULL,
        correct      INTEGER,
        points       INTEGER,
        streak_bonus INTEGER,
        confidence   TEXT,
        version      INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (code, round, player_id)
      );
      CREATE TABLE results (
        code        TEXT NOT NULL REFERENCES rooms (code) ON DELETE CASCADE,
        round       INTEGER NOT NULL,
        outcome     TEXT NOT NULL,
        scored      INTEGER NOT NULL,
        opened_at   BIGINT NOT NULL,
        closed_at   BIGINT NOT NULL,
        duration_ms BIGINT NOT NULL,
        closed_by   TEXT NOT NULL,
        eligible    INTEGER NOT NULL,
        slots       INTEGER NOT NULL,
        first_vote  TEXT,
        PRIMARY KEY (code, round)
      );
      CREATE TABLE server_alive (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        at BIGINT NOT NULL
      );
    `,
  },
  {
    // PI9, SQLite's migration 7: a twin's result names the round it is the twin of.
    version: 2,
    up: 'ALTER TABLE results ADD COLUMN twin_of INTEGER',
  },
  {
    // Cluster mode: the nodes' leases and each room's home (homes-postgres.ts); unused by one process.
    version: 3,
    up: ROOM_HOMES_MIGRATION,
  },
];

/** Cluster mode: this process's NODE_ID and how long its lease lasts without a renewal. */
export interface ClusterOptions {
  node: string;
  leaseMs: number;
}

export interface PostgresRoomStore extends RoomStore {
  loadRoom(code: string): Promise<StoredRoom | undefined>;
  createRoom(state: RoomState): Promise<void>;
  saveChange(state: RoomState, facts: readonly Fact[], context?: SaveContext): Promise<void>;
  hasRoom(code: string): boolean;
  lastAlive(): number | null;
  heartbeat(now: number): Promise<void>;
  deleteUnfinished(before: number, keep: ReadonlySet<string>, limit?: number): Promise<string[]>;
  transaction(fn: () => void | Promise<void>): Promise<void>;
  /** Cluster mode only: this node's leases and claims; every write is fenced by them. */
  homes: Homes | null;
}

const SQL = {
  upsertRoom: `INSERT INTO rooms (code, host_secret, owner, created_at, settings, deck, locked, version, phase, finished, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    ON CONFLICT (code) DO UPDATE SET host_secret = excluded.host_secret, owner = excluded.owner,
      created_at = excluded.created_at, settings = excluded.settings, deck = excluded.deck,
      locked = excluded.locked, version = excluded.version, phase = excluded.phase,
      finished = excluded.finished, updated_at = excluded.updated_at
    WHERE rooms.host_secret = excluded.host_secret`,
  updateRoom: 'UPDATE rooms SET locked = $2, version = $3, updated_at = $4 WHERE code = $1',
  updatePhase: 'UPDATE rooms SET phase = $2, finished = $3, updated_at = $4 WHERE code = $1',
  // The inserts of a change's own rows do nothing when the row is there: a batch whose COMMIT went
  // through but whose answer was lost with the connection is saved again when the database is back
  // (commit-queue.ts), and must come to the same rows rather than fail on its own keys.
  insertPlayer: `INSERT INTO players (code, id, nickname, key, secret, joined_at, score, streak, answer_ms, connected, kicked, join_request, device, version)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
    ON CONFLICT (code, id) DO NOTHING`,
  updatePlayer: `UPDATE players SET nickname = $3, key = $4, secret = $5, joined_at = $6, score = $7,
      streak = $8, answer_ms = $9, connected = $10, kicked = $11, version = $12
    WHERE code = $1 AND id = $2`,
  insertAnswer: `INSERT INTO answers (code, round, player_id, choice, at, elapsed_ms, confidence, version)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (code, round, player_id) DO NOTHING`,
  scoreAnswer: `INSERT INTO answers (code, round, player_id, choice, at, elapsed_ms, confidence, correct, points, streak_bonus)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
    ON CONFLICT (code, round, player_id) DO UPDATE SET correct = excluded.correct,
      points = excluded.points, streak_bonus = excluded.streak_bonus`,
  insertResult: `INSERT INTO results (code, round, outcome, scored, opened_at, closed_at, duration_ms, closed_by, eligible, slots, first_vote, twin_of)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
    ON CONFLICT (code, round) DO NOTHING`,
  updateDeck: 'UPDATE rooms SET deck = $2, updated_at = $3 WHERE code = $1',
  // PI1: the first vote's rows make way for the second vote's; the first vote lives in the phase.
  deleteRoundAnswers: 'DELETE FROM answers WHERE code = $1 AND round = $2',
  // A game's last step: its room row's, a join's or an answer's (presence alone is no step).
  selectStale: `SELECT code FROM rooms r WHERE finished = 0 AND updated_at < $1
      AND NOT EXISTS (SELECT 1 FROM players p WHERE p.code = r.code AND p.joined_at >= $1)
      AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.code = r.code AND a.at >= $1)
    ORDER BY updated_at`,
};

/** The rooms' store on an open pool; applies the rooms' migrations and reads what the shell needs at once. */
export async function createPostgresRoomStore(
  pool: Pool,
  cluster?: ClusterOptions,
): Promise<PostgresRoomStore> {
  await migratePg(pool, 'rooms', ROOMS_PG_MIGRATIONS);
  const homes = cluster ? await openHomes(pool, cluster.node, cluster.leaseMs) : null;
  /** The rooms whose home this batch's transaction has checked (and holds) already. */
  let fenced = new Set<string>();

  /** The connection of the batch's transaction while one runs (the commit queue runs one at a time). */
  let current: pg.PoolClient | null = null;

  const playerValues = (code: string, version: number, p: Player, joinRequest: string | null = null) => [
    code,
    p.id,
    p.nickname,
    p.key,
    p.secret,
    p.joinedAt,
    p.score,
    p.streak,
    p.answerMs,
    p.connected ? 1 : 0,
    p.kicked ? 1 : 0,
    joinRequest,
    p.device,
    version,
  ];
  const updateValues = (code: string, version: number, p: Player) => {
    // The join's request and the device never change after the join.
    return [...playerValues(code, version, p).slice(0, 11), version];
  };

  async function writeResult(db: Queryable, code: string, result: RoundResult) {
    await db.query(SQL.insertResult, [
      code,
      result.round,
      NO_OUTCOME,
      result.scored ? 1 : 0,
      result.openedAt,
      result.closedAt,
      result.durationMs,
      result.closedBy,
      result.eligible,
      result.answers.length,
      result.firstVote ? JSON.stringify(result.firstVote) : null,
      result.twinOf ?? null,
    ]);
    // One after another: a connection runs one query at a time anyway, and node-postgres deprecates
    // handing it the next before the last has answered.
    for (const [playerId, a] of result.answers.entries()) {
      if (!a) continue;
      await db.query(SQL.scoreAnswer, [code, result.round, ...scoredAnswerRow(playerId, a)]);
    }
  }

  const writeAnswer = (
    db: Queryable,
    code: string,
    version: number,
    round: number,
    id: number,
    a: RecordedAnswer,
  ) =>
    db.query(SQL.insertAnswer, [
      code,
      round,
      id,
      encodeChoice(a.choice),
      a.at,
      a.elapsedMs,
      a.confidence ?? null,
      version,
    ]);

  async function writeWhole(db: Queryable, state: RoomState, now: number) {
    const room = await db.query(SQL.upsertRoom, [
      state.code,
      state.hostSecret,
      state.owner,
      state.createdAt,
      JSON.stringify(state.settings),
      JSON.stringify(state.deck),
      state.locked ? 1 : 0,
      state.version,
      phaseHeader(state.phase),
      state.phase.kind === 'podium' ? 1 : 0,
      now,
    ]);
    // Another game's code (made by another node meanwhile): its row stays as it was.
    if (room.rowCount === 0) throw new Error(`room code ${state.code} is taken`);
    if (homes) {
      await homes.stamp(db, state.code);
      if (current) fenced.add(state.code);
    }
    for (const p of state.players)
      await db.query(SQL.insertPlayer, playerValues(state.code, state.version, p));
    for (const r of state.results) await writeResult(db, state.code, r);
    if (state.phase.kind === 'question') {
      const { round, answers } = state.phase;
      const given: Array<[number, RecordedAnswer]> = [];
      forEachAnswer(answers, (a, id) => given.push([id, a]));
      for (const [id, a] of given) await writeAnswer(db, state.code, state.version, round, id, a);
    }
  }

  /** Each fact as the row it is, in order (node-postgres sends a connection's queries one after another). */
  async function writeChange(db: Queryable, state: RoomState, facts: readonly Fact[], context?: SaveContext) {
    const now = Date.now();
    const { code, version } = state;
    let stamped = false;
    let roomChanged = false;
    for (const fact of facts) {
      switch (fact.type) {
        case 'player-joined':
          await db.query(
            SQL.insertPlayer,
            playerValues(code, version, fact.player, context?.requestId ?? null),
          );
          stamped = true;
          break;
        case 'player-changed':
          await db.query(SQL.updatePlayer, updateValues(code, version, fact.player));
          stamped = true;
          break;
        case 'answer-recorded':
          await writeAnswer(db, code, version, fact.round, fact.playerId, fact.answer);
          stamped = true;
          break;
        case 'round-closed':
          await writeResult(db, code, fact.result);
          for (const p of fact.players) await db.query(SQL.updatePlayer, updateValues(code, version, p));
          if (fact.players.length > 0) stamped = true;
          break;
        case 'first-vote-closed':
          await db.query(SQL.deleteRoundAnswers, [code, fact.round]);
          break;
        case 'round-added':
          // PI9: the deck, a few kilobytes, once per twin; no answer or result is of a round after it yet.
          await db.query(SQL.updateDeck, [code, JSON.stringify(state.deck), now]);
          roomChanged = true;
          break;
        case 'phase-changed':
        case 'question-resumed':
          await db.query(SQL.updatePhase, [
            code,
            phaseHeader(fact.phase),
            fact.phase.kind === 'podium' ? 1 : 0,
            now,
          ]);
          roomChanged = true;
          break;
        case 'lock-changed':
          roomChanged = true;
          break;
        default:
          assertNever(fact);
      }
    }
    if (roomChanged || !stamped) await db.query(SQL.updateRoom, [code, state.locked ? 1 : 0, version, now]);
  }

  async function load(db: Queryable, code: string): Promise<StoredRoom | undefined> {
    const room = await db.query<RoomRow>('SELECT * FROM rooms WHERE code = $1', [code]);
    const row = room.rows[0];
    if (!row) return undefined;
    const [players, answers, results] = await Promise.all([
      db.query<PlayerRow>('SELECT * FROM players WHERE code = $1 ORDER BY id', [code]),
      db.query<AnswerRow>('SELECT * FROM answers WHERE code = $1 ORDER BY round, player_id', [code]),
      db.query<ResultRow>('SELECT * FROM results WHERE code = $1 ORDER BY round', [code]),
    ]);
    return rebuildRoom(row, players.rows, answers.rows, results.rows);
  }

  // Read before this process writes its own: when the server that used the database was last up.
  const alive = await pool.query<{ at: number }>('SELECT at FROM server_alive WHERE id = 1');
  const lastWrite = await pool.query<{ at: number }>(
    `SELECT GREATEST(COALESCE((SELECT max(updated_at) FROM rooms), 0),
                     COALESCE((SELECT max(at) FROM answers), 0))::BIGINT AS at`,
  );
  const lastWriteAt = lastWrite.rows[0]?.at ?? 0;
  const lastAlive = alive.rows[0]?.at ?? (lastWriteAt > 0 ? lastWriteAt : null);
  const codes = new Set(
    (await pool.query<{ code: string }>('SELECT code FROM rooms')).rows.map((r) => r.code),
  );
  const unfinished = await pool.query<{ code: string }>(
    'SELECT code FROM rooms WHERE finished = 0 ORDER BY code',
  );
  const resumed: StoredRoom[] = [];
  // A node of a cluster loads only the rooms it claims (rooms.ts), never every unfinished one.
  if (!homes)
    for (const { code } of unfinished.rows) {
      const room = await load(pool, code);
      if (room) resumed.push(room);
    }

  /** A write on the batch's connection when one is open, else in a transaction of its own. */
  const write = (fn: (db: Queryable) => Promise<void>): Promise<void> =>
    current ? fn(current) : inTransaction(pool, fn);
  /** A change of a room, fenced in cluster mode: written only while this node is its home. */
  const writeOf = (code: string, fn: (db: Queryable) => Promise<void>): Promise<void> =>
    write(async (db) => {
      if (homes && !fenced.has(code)) {
        await homes.fence(db, code);
        if (current) fenced.add(code);
      }
      await fn(db);
    });

  return {
    asynchronous: true,
    lastAlive: () => lastAlive,
    async heartbeat(now) {
      await pool.query(
        'INSERT INTO server_alive (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = GREATEST(server_alive.at, excluded.at)',
        [now],
      );
    },
    async deleteUnfinished(before, keep, limit = Number.POSITIVE_INFINITY) {
      const stale = await pool.query<{ code: string }>(SQL.selectStale, [before]);
      const gone: string[] = [];
      for (const { code } of stale.rows) {
        if (gone.length >= limit) break;
        if (!keep.has(code)) gone.push(code);
      }
      if (gone.length === 0) return gone;
      await inTransaction(pool, async (db) => {
        for (const table of ['answers', 'results', 'players', 'rooms'])
          await db.query(`DELETE FROM ${table} WHERE code = ANY($1)`, [gone]);
      });
      for (const code of gone) codes.delete(code);
      return gone;
    },
    // The rooms not finished when the store opened: the shell asks once, at its start.
    loadRooms: () => resumed,
    loadRoom: (code) => load(pool, code),
    hasRoom: (code) => codes.has(code),
    async createRoom(state) {
      codes.add(state.code);
      await write((db) => writeWhole(db, state, Date.now()));
    },
    saveChange: (state, facts, context) =>
      writeOf(state.code, (db) => writeChange(db, state, facts, context)),
    async transaction(fn) {
      await inTransaction(pool, async (client) => {
        current = client;
        fenced = new Set();
        try {
          await fn();
        } finally {
          current = null;
        }
      });
    },
    close: () => pool.end(),
    unavailable: isUnavailable,
    movedRoom: (error) => (error instanceof RoomMovedError ? error.code : null),
    homes,
  };
}
