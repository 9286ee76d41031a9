// The rooms' RoomStore on SQLite. A save writes the facts of the change, one to one, not the room:
// an answer appends one row, a join inserts one player, presence or a kick updates one player, and a
// phase change rewrites the room's phase (plus, at a close, the round's result and the players the
// close scored). Each row written carries the room's version after the change (the room's version is
// the highest of its rows'), so an answer or a presence change is that one row, and the room's own
// row changes only with the room (its phase, its lock).
//
// Loading rebuilds exactly the RoomState that was saved (test/store proves it on random games).

import { ANSWERS, type Answer } from '../../shared/engine/types';
import { isConfidence } from '../../shared/protocol/confidence';
import type { AnswerValue } from '../../shared/protocol/views';
import { forEachAnswer, noAnswers, withAnswer } from '../room/answers';
import type { Fact } from '../room/facts';
import {
  assertNever,
  type CloseReason,
  type FirstVote,
  type Phase,
  type Player,
  type RecordedAnswer,
  type RoomState,
  type RoundResult,
  type ScoredAnswer,
} from '../room/state';
import type { SaveContext, StoredRoom, SyncRoomStore } from '../room/store';
import { type Db, type Migration, migrate } from './sqlite';

export const ROOMS_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up: `
      CREATE TABLE rooms (
        code        TEXT PRIMARY KEY,
        host_secret TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        settings    TEXT NOT NULL,     -- JSON Settings
        deck        TEXT NOT NULL,     -- JSON Deck
        locked      INTEGER NOT NULL,
        version     INTEGER NOT NULL,
        phase       TEXT NOT NULL,     -- JSON Phase; a question's answers live in the answers table
        finished    INTEGER NOT NULL,  -- 1 once at the podium: not resumed at startup, loaded on demand
        updated_at  INTEGER NOT NULL
      );
      CREATE INDEX rooms_unfinished ON rooms (finished, code);
      CREATE TABLE players (
        code         TEXT NOT NULL REFERENCES rooms (code) ON DELETE CASCADE,
        id           INTEGER NOT NULL,
        nickname     TEXT NOT NULL,
        key          TEXT NOT NULL,
        secret       TEXT NOT NULL,
        joined_at    INTEGER NOT NULL,
        score        INTEGER NOT NULL,
        streak       INTEGER NOT NULL,
        answer_ms    INTEGER NOT NULL,
        connected    INTEGER NOT NULL,
        kicked       INTEGER NOT NULL,
        join_request TEXT,              -- the client's requestId, so a retried join finds its player
        PRIMARY KEY (code, id)
      ) WITHOUT ROWID;
      CREATE TABLE answers (
        code         TEXT NOT NULL REFERENCES rooms (code) ON DELETE CASCADE,
        round        INTEGER NOT NULL,
        player_id    INTEGER NOT NULL,
        choice       TEXT NOT NULL,
        at           INTEGER NOT NULL,
        elapsed_ms   INTEGER NOT NULL,
        -- Set when the round is scored. Null in a closed round: the answer of a player kicked before
        -- the close, which the result leaves out.
        correct      INTEGER,
        points       INTEGER,
        streak_bonus INTEGER,
        PRIMARY KEY (code, round, player_id)
      ) WITHOUT ROWID;
      CREATE TABLE results (
        code        TEXT NOT NULL REFERENCES rooms (code) ON DELETE CASCADE,
        round       INTEGER NOT NULL,
        outcome     TEXT NOT NULL,
        scored      INTEGER NOT NULL,
        opened_at   INTEGER NOT NULL,
        closed_at   INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        closed_by   TEXT NOT NULL,
        eligible    INTEGER NOT NULL,
        slots       INTEGER NOT NULL,  -- length of the result's answers array (players at the close)
        PRIMARY KEY (code, round)
      ) WITHOUT ROWID;
    `,
  },
  {
    // The instructor a game's report is saved for (a hash of their key); null for games without one.
    version: 2,
    up: 'ALTER TABLE rooms ADD COLUMN owner TEXT',
  },
  {
    // The room's version after the change that wrote the row: an answer need not touch the room row.
    version: 3,
    up: `
      ALTER TABLE players ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE answers ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    // J5: the browser a player joined from, so a kicked one stays out. R5: the moment the server was
    // last known to be up, rewritten every few seconds, so a restart knows how long it was down.
    version: 4,
    up: `
      ALTER TABLE players ADD COLUMN device TEXT;
      CREATE TABLE server_alive (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        at INTEGER NOT NULL
      );
    `,
  },
  {
    // C1: the level an answer was given with, in a game scored by confidence; null otherwise.
    version: 5,
    up: 'ALTER TABLE answers ADD COLUMN confidence TEXT',
  },
  {
    // PI: a round that went to a second vote keeps its first vote (JSON FirstVote); null otherwise.
    version: 6,
    up: 'ALTER TABLE results ADD COLUMN first_vote TEXT',
  },
  {
    // PI9: a twin's result names the round it is the twin of; null otherwise. The twin itself is a
    // round of the deck (rooms.deck), and its open question says so in rooms.phase.
    version: 7,
    up: 'ALTER TABLE results ADD COLUMN twin_of INTEGER',
  },
];

/**
 * results.outcome is no longer read: a round's verdict is computed from the deck by its kind. New
 * rows leave it empty; the column stays so that older files still load.
 */
export const NO_OUTCOME = '';

/**
 * answers.choice: an outcome as its name, a learning rate as JavaScript's shortest round-trip
 * decimal (SQLite's own REAL-to-text keeps 15 digits and would change the guess).
 */
export const encodeChoice = (c: AnswerValue): string => (typeof c === 'number' ? String(c) : c);
const decodeChoice = (text: string): AnswerValue =>
  (ANSWERS as readonly string[]).includes(text) ? (text as Answer) : Number(text);

/**
 * A scored answer's columns from player_id on, as both stores write them: player_id, choice, at,
 * elapsed_ms, confidence, correct, points, streak_bonus.
 */
export const scoredAnswerRow = (playerId: number, a: ScoredAnswer) => [
  playerId,
  encodeChoice(a.choice),
  a.at,
  a.elapsedMs,
  a.confidence ?? null,
  a.correct ? 1 : 0,
  a.points,
  a.streakBonus,
];

type QuestionPhase = Extract<Phase, { kind: 'question' }>;
/**
 * A phase as stored in rooms.phase. A question's answers are rows of the answers table (their count
 * is `answered`); what stays is how many answer slots it had at the opening, where the
 * reducer fills them, so a late joiner's answer comes back at the same index.
 */
type StoredPhase =
  | Exclude<Phase, QuestionPhase>
  | (Omit<QuestionPhase, 'answers' | 'answered' | 'pausedMs' | 'resumedAt'> & {
      slots: number;
      /** Absent in rows written before R5: nothing was paused. */
      pausedMs?: number;
      resumedAt?: number | null;
    });

/** The phase's header: what the rooms.phase column holds. It changes only when the phase does. */
export function phaseHeader(phase: Phase): string {
  if (phase.kind !== 'question') return JSON.stringify(phase);
  const { answers, answered: _answered, ...header } = phase;
  return JSON.stringify({ ...header, slots: answers.length });
}

export interface RoomRow {
  code: string;
  host_secret: string;
  owner: string | null;
  created_at: number;
  settings: string;
  deck: string;
  locked: number;
  version: number;
  phase: string;
}
export interface PlayerRow {
  version: number;
  id: number;
  nickname: string;
  key: string;
  secret: string;
  joined_at: number;
  score: number;
  streak: number;
  answer_ms: number;
  connected: number;
  kicked: number;
  join_request: string | null;
  device: string | null;
}
export interface AnswerRow {
  version: number;
  round: number;
  player_id: number;
  choice: string;
  at: number;
  elapsed_ms: number;
  correct: number | null;
  points: number | null;
  streak_bonus: number | null;
  confidence: string | null;
}
export interface ResultRow {
  round: number;
  outcome: string;
  scored: number;
  opened_at: number;
  closed_at: number;
  duration_ms: number;
  closed_by: CloseReason;
  eligible: number;
  slots: number;
  first_vote: string | null;
  twin_of: number | null;
}

/**
 * The RoomState saved in these rows (a room's, its players', answers' and results', each ordered as
 * the queries of either store order them): shared by the SQLite and PostgreSQL stores, whose tables
 * have the same columns.
 */
export function rebuildRoom(
  row: RoomRow,
  playerRows: readonly PlayerRow[],
  answerRows: readonly AnswerRow[],
  resultRows: readonly ResultRow[],
): StoredRoom {
  const joins: Array<[string, number]> = [];
  let version = row.version;
  const players = playerRows.map((r): Player => {
    if (r.join_request !== null) joins.push([r.join_request, r.id]);
    version = Math.max(version, r.version);
    return {
      id: r.id,
      nickname: r.nickname,
      key: r.key,
      secret: r.secret,
      joinedAt: r.joined_at,
      score: r.score,
      streak: r.streak,
      answerMs: r.answer_ms,
      connected: r.connected === 1,
      kicked: r.kicked === 1,
      device: r.device,
    };
  });
  const stored = JSON.parse(row.phase) as StoredPhase;
  const results = resultRows.map(
    (r): RoundResult => ({
      round: r.round,
      scored: r.scored === 1,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
      durationMs: r.duration_ms,
      closedBy: r.closed_by,
      answers: new Array<ScoredAnswer | null>(r.slots).fill(null),
      eligible: r.eligible,
      ...(r.first_vote === null ? {} : { firstVote: JSON.parse(r.first_vote) as FirstVote }),
      ...(r.twin_of === null ? {} : { twinOf: r.twin_of }),
    }),
  );
  let phase: Phase;
  if (stored.kind === 'question') {
    const { slots, pausedMs, resumedAt, ...header } = stored;
    phase = {
      ...header,
      pausedMs: pausedMs ?? 0,
      resumedAt: resumedAt ?? null,
      answers: noAnswers(slots),
      answered: 0,
    };
  } else phase = stored;
  for (const a of answerRows) {
    version = Math.max(version, a.version);
    const recorded: RecordedAnswer = { choice: decodeChoice(a.choice), at: a.at, elapsedMs: a.elapsed_ms };
    if (isConfidence(a.confidence)) recorded.confidence = a.confidence;
    if (phase.kind === 'question' && a.round === phase.round) {
      phase.answers = withAnswer(phase.answers, a.player_id, recorded);
      phase.answered++;
    } else if (a.correct !== null) {
      const result = results[a.round];
      if (result)
        result.answers[a.player_id] = {
          ...recorded,
          correct: a.correct === 1,
          points: a.points ?? 0,
          streakBonus: a.streak_bonus ?? 0,
        };
    }
  }
  const state: RoomState = {
    code: row.code,
    hostSecret: row.host_secret,
    owner: row.owner,
    createdAt: row.created_at,
    settings: JSON.parse(row.settings),
    deck: JSON.parse(row.deck),
    locked: row.locked === 1,
    players,
    results,
    version,
    phase,
  };
  return { state, joins };
}

/** The SQLite store answers at once: its reads and writes are synchronous. */
export interface SqliteRoomStore extends SyncRoomStore {
  lastAlive(): number | null;
  heartbeat(now: number): void;
  transaction(fn: () => void): void;
}

/** A sqlite-backed RoomStore. The database must be open; this applies the rooms' migrations. */
export function createSqliteRoomStore(db: Db): SqliteRoomStore {
  migrate(db, 'rooms', ROOMS_MIGRATIONS);

  const q = {
    insertRoom: db.prepare(
      `INSERT INTO rooms (code, host_secret, owner, created_at, settings, deck, locked, version, phase, finished, updated_at)
       VALUES (@code, @hostSecret, @owner, @createdAt, @settings, @deck, @locked, @version, @phase, @finished, @now)
       ON CONFLICT (code) DO UPDATE SET host_secret = excluded.host_secret, owner = excluded.owner,
         created_at = excluded.created_at,
         settings = excluded.settings, deck = excluded.deck, locked = excluded.locked,
         version = excluded.version, phase = excluded.phase, finished = excluded.finished,
         updated_at = excluded.updated_at`,
    ),
    updateRoom: db.prepare(
      'UPDATE rooms SET locked = @locked, version = @version, updated_at = @now WHERE code = @code',
    ),
    updatePhase: db.prepare(
      'UPDATE rooms SET phase = @phase, finished = @finished, updated_at = @now WHERE code = @code',
    ),
    insertPlayer: db.prepare(
      `INSERT INTO players (code, id, nickname, key, secret, joined_at, score, streak, answer_ms, connected, kicked, join_request, device, version)
       VALUES (@code, @id, @nickname, @key, @secret, @joinedAt, @score, @streak, @answerMs, @connected, @kicked, @joinRequest, @device, @version)`,
    ),
    updatePlayer: db.prepare(
      `UPDATE players SET nickname = @nickname, key = @key, secret = @secret, joined_at = @joinedAt,
         score = @score, streak = @streak, answer_ms = @answerMs, connected = @connected, kicked = @kicked,
         version = @version
       WHERE code = @code AND id = @id`,
    ),
    insertAnswer: db.prepare(
      `INSERT INTO answers (code, round, player_id, choice, at, elapsed_ms, confidence, version)
       VALUES (@code, @round, @playerId, @choice, @at, @elapsedMs, @confidence, @version)`,
    ),
    // The answers of a batch, in one statement from a JSON array of rows.
    insertAnswers: db.prepare(
      `INSERT INTO answers (code, round, player_id, choice, at, elapsed_ms, confidence, version)
       SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5,
         j.value ->> 6, j.value ->> 7
       FROM json_each(@rows) AS j`,
    ),
    // A round's scored answers in one statement, from a JSON array of rows: a close in a class of
    // 2,000 was 2,000 statements, about twice the time.
    scoreAnswers: db.prepare(
      `INSERT INTO answers (code, round, player_id, choice, at, elapsed_ms, confidence, correct, points, streak_bonus)
       SELECT @code, @round, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4,
         j.value ->> 5, j.value ->> 6, j.value ->> 7
       FROM json_each(@rows) AS j WHERE true
       ON CONFLICT (code, round, player_id) DO UPDATE SET correct = excluded.correct,
         points = excluded.points, streak_bonus = excluded.streak_bonus`,
    ),
    // What a close changes of the players it scored (their score, streak and time), in one statement.
    // The rows are materialised first so that each finds its player by the primary key: joined to
    // json_each directly, SQLite scanned the JSON once per player (a second at 2,000).
    scorePlayers: db.prepare(
      `WITH s (id, score, streak, answer_ms) AS MATERIALIZED (
         SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3 FROM json_each(@rows) AS j)
       UPDATE players SET score = s.score, streak = s.streak, answer_ms = s.answer_ms, version = @version
       FROM s WHERE players.code = @code AND players.id = s.id`,
    ),
    insertResult: db.prepare(
      `INSERT INTO results (code, round, outcome, scored, opened_at, closed_at, duration_ms, closed_by, eligible, slots, first_vote, twin_of)
       VALUES (@code, @round, @outcome, @scored, @openedAt, @closedAt, @durationMs, @closedBy, @eligible, @slots, @firstVote, @twinOf)`,
    ),
    updateDeck: db.prepare('UPDATE rooms SET deck = @deck, updated_at = @now WHERE code = @code'),
    // PI1: the first vote's rows make way for the second vote's; the first vote lives in the phase.
    deleteRoundAnswers: db.prepare('DELETE FROM answers WHERE code = ? AND round = ?'),
    selectRoom: db.prepare('SELECT * FROM rooms WHERE code = ?'),
    selectAlive: db.prepare('SELECT at FROM server_alive WHERE id = 1'),
    // Without a heartbeat yet (a file from before R5): the last write anyone made.
    selectLastWrite: db.prepare(
      `SELECT max(coalesce((SELECT max(updated_at) FROM rooms), 0),
                  coalesce((SELECT max(at) FROM answers), 0)) AS at`,
    ),
    writeAlive: db.prepare(
      'INSERT INTO server_alive (id, at) VALUES (1, @at) ON CONFLICT (id) DO UPDATE SET at = max(at, excluded.at)',
    ),
    selectUnfinished: db.prepare('SELECT code FROM rooms WHERE finished = 0 ORDER BY code'),
    selectPlayers: db.prepare('SELECT * FROM players WHERE code = ? ORDER BY id'),
    selectAnswers: db.prepare('SELECT * FROM answers WHERE code = ? ORDER BY round, player_id'),
    selectResults: db.prepare('SELECT * FROM results WHERE code = ? ORDER BY round'),
    // A game's last step: its room row's (a phase or a lock), a join's or an answer's, whichever is
    // latest. Presence alone is no step: a phone reconnecting to an abandoned game does not keep it.
    selectStale: db.prepare(
      `SELECT code FROM rooms r WHERE finished = 0 AND updated_at < @before
         AND NOT EXISTS (SELECT 1 FROM players p WHERE p.code = r.code AND p.joined_at >= @before)
         AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.code = r.code AND a.at >= @before)
       ORDER BY updated_at`,
    ),
    // Each table by hand rather than through ON DELETE CASCADE, which holds only while the
    // connection has foreign_keys on.
    deleteAnswers: db.prepare('DELETE FROM answers WHERE code = ?'),
    deleteResults: db.prepare('DELETE FROM results WHERE code = ?'),
    deletePlayers: db.prepare('DELETE FROM players WHERE code = ?'),
    deleteRoom: db.prepare('DELETE FROM rooms WHERE code = ?'),
  };

  const playerParams = (code: string, version: number, p: Player, joinRequest: string | null = null) => ({
    code,
    version,
    id: p.id,
    nickname: p.nickname,
    key: p.key,
    secret: p.secret,
    joinedAt: p.joinedAt,
    score: p.score,
    streak: p.streak,
    answerMs: p.answerMs,
    connected: p.connected ? 1 : 0,
    kicked: p.kicked ? 1 : 0,
    joinRequest,
    device: p.device,
  });
  function writeResult(code: string, result: RoundResult) {
    q.insertResult.run({
      code,
      round: result.round,
      outcome: NO_OUTCOME,
      scored: result.scored ? 1 : 0,
      openedAt: result.openedAt,
      closedAt: result.closedAt,
      durationMs: result.durationMs,
      closedBy: result.closedBy,
      eligible: result.eligible,
      slots: result.answers.length,
      firstVote: result.firstVote ? JSON.stringify(result.firstVote) : null,
      twinOf: result.twinOf ?? null,
    });
    const rows: unknown[] = [];
    result.answers.forEach((a, playerId) => {
      if (a) rows.push(scoredAnswerRow(playerId, a));
    });
    if (rows.length > 0) q.scoreAnswers.run({ code, round: result.round, rows: JSON.stringify(rows) });
  }

  /** The players a close scored: only their score, streak and time changed (Fact 'round-closed'). */
  function writeScores(code: string, version: number, players: readonly Player[]) {
    if (players.length === 0) return;
    const rows = players.map((p) => [p.id, p.score, p.streak, p.answerMs]);
    q.scorePlayers.run({ code, version, rows: JSON.stringify(rows) });
  }

  const writeAnswer = (code: string, version: number, round: number, playerId: number, a: RecordedAnswer) =>
    q.insertAnswer.run({
      code,
      version,
      round,
      playerId,
      choice: encodeChoice(a.choice),
      at: a.at,
      elapsedMs: a.elapsedMs,
      confidence: a.confidence ?? null,
    });

  const writeRoomRow = (state: RoomState, now: number) =>
    q.insertRoom.run({
      code: state.code,
      hostSecret: state.hostSecret,
      owner: state.owner,
      createdAt: state.createdAt,
      settings: JSON.stringify(state.settings),
      deck: JSON.stringify(state.deck),
      locked: state.locked ? 1 : 0,
      version: state.version,
      phase: phaseHeader(state.phase),
      finished: state.phase.kind === 'podium' ? 1 : 0,
      now,
    });

  /** Everything: a new room. */
  function writeWhole(state: RoomState, now: number) {
    writeRoomRow(state, now);
    for (const p of state.players) q.insertPlayer.run(playerParams(state.code, state.version, p));
    for (const r of state.results) writeResult(state.code, r);
    if (state.phase.kind === 'question') {
      const { round, answers } = state.phase;
      forEachAnswer(answers, (a, id) => writeAnswer(state.code, state.version, round, id, a));
    }
  }

  /**
   * Inside a batch's transaction, its answers wait here and are written together, one statement for
   * the lot (a class answering at once puts 64 in a batch), before any other row of the batch and
   * before the commit: the rows land in the order of the facts, and all before anyone is told.
   */
  let batchAnswers: unknown[][] | null = null;
  function writeBatchAnswers() {
    if (!batchAnswers?.length) return;
    const rows = JSON.stringify(batchAnswers);
    batchAnswers = [];
    q.insertAnswers.run({ rows });
  }

  /** Writes each fact of a change as the row it is; nothing is found by comparing states. */
  const saveChange = (state: RoomState, facts: readonly Fact[], context: SaveContext | undefined) => {
    const now = Date.now();
    const { code, version } = state;
    /** Whether a row written carries the new version (else the room row must). */
    let stamped = false;
    let roomChanged = false;
    for (const fact of facts) {
      if (fact.type === 'answer-recorded' && batchAnswers) {
        const a = fact.answer;
        batchAnswers.push([
          code,
          fact.round,
          fact.playerId,
          encodeChoice(a.choice),
          a.at,
          a.elapsedMs,
          a.confidence ?? null,
          version,
        ]);
        stamped = true;
        continue;
      }
      writeBatchAnswers();
      switch (fact.type) {
        case 'player-joined':
          q.insertPlayer.run(playerParams(code, version, fact.player, context?.requestId ?? null));
          stamped = true;
          break;
        case 'player-changed':
          q.updatePlayer.run(playerParams(code, version, fact.player));
          stamped = true;
          break;
        case 'answer-recorded':
          writeAnswer(code, version, fact.round, fact.playerId, fact.answer);
          stamped = true;
          break;
        case 'round-closed':
          writeResult(code, fact.result);
          writeScores(code, version, fact.players);
          if (fact.players.length > 0) stamped = true;
          break;
        case 'first-vote-closed':
          q.deleteRoundAnswers.run(code, fact.round);
          break;
        case 'round-added':
          // PI9: the deck, a few kilobytes, once per twin; no answer or result is of a round after it yet.
          q.updateDeck.run({ code, deck: JSON.stringify(state.deck), now });
          roomChanged = true;
          break;
        case 'phase-changed':
        case 'question-resumed':
          q.updatePhase.run({
            code,
            phase: phaseHeader(fact.phase),
            finished: fact.phase.kind === 'podium' ? 1 : 0,
            now,
          });
          roomChanged = true;
          break;
        case 'lock-changed':
          roomChanged = true;
          break;
        default:
          assertNever(fact);
      }
    }
    if (roomChanged || !stamped) {
      writeBatchAnswers();
      q.updateRoom.run({ code, locked: state.locked ? 1 : 0, version, now });
    }
  };
  const save = db.transaction(saveChange);
  const create = db.transaction((state: RoomState) => writeWhole(state, Date.now()));

  function load(code: string): StoredRoom | undefined {
    const row = q.selectRoom.get(code) as RoomRow | undefined;
    if (!row) return undefined;
    return rebuildRoom(
      row,
      q.selectPlayers.all(code) as PlayerRow[],
      q.selectAnswers.all(code) as AnswerRow[],
      q.selectResults.all(code) as ResultRow[],
    );
  }

  // Read before this process writes its own: when the server that wrote the file was last up.
  const alive = q.selectAlive.get() as { at: number } | undefined;
  const lastWrite = (q.selectLastWrite.get() as { at: number }).at;
  const lastAlive = alive?.at ?? (lastWrite > 0 ? lastWrite : null);

  const deleteRooms = db.transaction((codes: readonly string[]) => {
    for (const code of codes) {
      q.deleteAnswers.run(code);
      q.deleteResults.run(code);
      q.deletePlayers.run(code);
      q.deleteRoom.run(code);
    }
  });

  return {
    lastAlive: () => lastAlive,
    heartbeat: (now) => void q.writeAlive.run({ at: now }),
    deleteUnfinished(before, keep, limit = Number.POSITIVE_INFINITY) {
      const codes: string[] = [];
      for (const { code } of q.selectStale.iterate({ before }) as Iterable<{ code: string }>) {
        if (codes.length >= limit) break;
        if (!keep.has(code)) codes.push(code);
      }
      deleteRooms(codes);
      return codes;
    },
    loadRooms: () =>
      (q.selectUnfinished.all() as Array<{ code: string }>).flatMap((r) => {
        const room = load(r.code);
        return room ? [room] : [];
      }),
    loadRoom: load,
    createRoom: (state) => (db.inTransaction ? writeWhole(state, Date.now()) : create(state)),
    // Inside the batch's transaction a save needs no savepoint of its own.
    saveChange: (state, facts, context) =>
      db.inTransaction ? saveChange(state, facts, context) : save(state, facts, context),
    // The saves inside run as savepoints of this one transaction: one commit for the batch.
    transaction: (fn) =>
      db.transaction(() => {
        batchAnswers = [];
        try {
          fn();
          writeBatchAnswers();
        } finally {
          batchAnswers = null;
        }
      })(),
  };
}
