// The SQLite store: a room saved change by change comes back exactly as the reducer left it, each
// change writes only the rows it touched, and the schema is versioned per module.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { reduce } from '../../server/room/reduce';
import type { Command, RoomState } from '../../server/room/state';
import {
  createSqliteRoomStore,
  ROOMS_MIGRATIONS,
  type SqliteRoomStore,
} from '../../server/store/rooms-sqlite';
import { type Db, migrate, openDatabase } from '../../server/store/sqlite';
import { ZIGZAG } from '../helpers/scenarios';
import { HOST, makeRoom, playSaving, T0 } from '../room/helpers';
import { gameArb, room, toCommand } from './games';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function memoryStore(): { db: Db; store: SqliteRoomStore } {
  const db = openDatabase(':memory:');
  dbs.push(db);
  return { db, store: createSqliteRoomStore(db) };
}

/**
 * Plays random games through the reducer and the store, reloading at random points; `batched`: the
 * changes are saved in batches of random length, one transaction each (as the commit queue saves
 * them), else each on its own.
 */
function replayRandomGames(batched: boolean) {
  const seen = new Set<Command['type']>();
  const facts = new Set<string>();
  fc.assert(
    fc.property(gameArb, fc.infiniteStream(fc.boolean()), (ops, cuts) => {
      const { db } = memoryStore();
      let store = createSqliteRoomStore(db);
      let state = room();
      let now = T0;
      store.createRoom(state);
      let waiting: Array<() => void> = [];
      const saveWaiting = () => {
        const saves = waiting;
        waiting = [];
        if (saves.length > 0)
          store.transaction(() => {
            for (const save of saves) save();
          });
      };
      const cut = cuts[Symbol.iterator]();
      ops.forEach((o, seq) => {
        if (o.op === 'advance') {
          now += o.ms;
          return;
        }
        if (o.op === 'reload' || o.op === 'restart') {
          saveWaiting();
          if (o.op === 'restart') store = createSqliteRoomStore(db);
          const loaded = store.loadRoom(state.code)!;
          expect(loaded.state).toStrictEqual(state);
          state = loaded.state; // go on from what was loaded, as a restarted server does
          return;
        }
        // The room shell fires a deadline when its time has come.
        if (o.op === 'deadline' && state.phase.kind === 'question')
          now = Math.max(now, state.phase.deadlineAt);
        const command = toCommand(state, o, seq)!;
        const result = reduce(state, command, now);
        if (!result.ok || result.facts.length === 0) {
          // No facts, no change: what the store is not told must not have happened.
          if (result.ok) expect(result.state).toBe(state);
          return;
        }
        seen.add(command.type);
        for (const fact of result.facts) facts.add(fact.type);
        const context =
          o.op === 'join' && o.requestId ? { requestId: `request-${seq}-abcdefghij` } : undefined;
        const changed = result.state;
        if (!batched) store.saveChange(changed, result.facts, context);
        else {
          waiting.push(() => store.saveChange(changed, result.facts, context));
          if (cut.next().value) saveWaiting();
        }
        state = changed;
      });
      saveWaiting();
      const loaded = store.loadRoom(state.code)!;
      expect(loaded.state).toStrictEqual(state);
      const unfinished = store.loadRooms().map((r) => r.state.code);
      expect(unfinished).toEqual(state.phase.kind === 'podium' ? [] : [state.code]);
    }),
    { numRuns: 300, seed: 20260105 },
  );
  // Every command changed a room somewhere in the runs, and every kind of fact was written.
  expect([...seen].sort()).toEqual(
    [
      'answer',
      'deadline',
      'end',
      'join',
      'kick',
      'leaderboard',
      'lock',
      'presence',
      'reveal',
      'start',
    ].sort(),
  );
  expect([...facts].sort()).toEqual(
    [
      'answer-recorded',
      'lock-changed',
      'phase-changed',
      'player-changed',
      'player-joined',
      'round-closed',
    ].sort(),
  );
}

describe('a room saved change by change is loaded back exactly', () => {
  it('random games through the reducer, reloaded at random points, deep-equal the reducer state', () => {
    replayRandomGames(false);
  });

  it('the same, with the changes saved in batches of random length, one transaction each', () => {
    // A batch's answers are written together, before its other rows: a close or a kick in the same
    // batch as answers must find them written.
    replayRandomGames(true);
  });

  it('C1: the level of each answer comes back, in an open question and in a closed round', () => {
    const { db } = memoryStore();
    const base = makeRoom({ rounds: [ZIGZAG] });
    let state: RoomState = { ...base, settings: { ...base.settings, scoreBy: 'confidence' } };
    createSqliteRoomStore(db).createRoom(state);
    const apply = (command: Command, now: number) => {
      const result = reduce(state, command, now);
      if (!result.ok) throw new Error(result.message);
      createSqliteRoomStore(db).saveChange(result.state, result.facts);
      state = result.state;
      expect(createSqliteRoomStore(db).loadRoom(state.code)?.state).toStrictEqual(state);
    };
    apply({ type: 'join', nickname: 'Ada', secret: 'secret-ada-0123456789' }, T0);
    apply({ type: 'join', nickname: 'Grace', secret: 'secret-grace-0123456789' }, T0);
    apply({ type: 'start', by: HOST, round: 0 }, T0);
    apply({ type: 'answer', playerId: 0, round: 0, choice: 'zigzag', confidence: 'sure' }, T0 + 1000);
    apply(
      { type: 'answer', playerId: 1, round: 0, choice: 'diverges', confidence: 'fairly-sure' },
      T0 + 2000,
    );
    expect(state.results[0]?.answers.map((a) => [a?.confidence, a?.points])).toEqual([
      ['sure', 1000],
      ['fairly-sure', -667],
    ]);
  });

  it('join request ids come back with the player they created', () => {
    const { store } = memoryStore();
    let state = room();
    store.createRoom(state);
    for (const [i, requestId] of ['req-a-0123456789abcdef', undefined, 'req-c-0123456789abcdef'].entries()) {
      const command: Command = { type: 'join', nickname: `P${i}`, secret: `secret-${i}-0123456789ab` };
      const result = reduce(state, command, T0);
      if (!result.ok) throw new Error(result.error);
      store.saveChange(result.state, result.facts, requestId ? { requestId } : undefined);
      state = result.state;
    }
    expect(store.loadRoom(state.code)!.joins).toEqual([
      ['req-a-0123456789abcdef', 0],
      ['req-c-0123456789abcdef', 2],
    ]);
  });
});

describe('a change writes the rows it touched, not the room', () => {
  /** Rows inserted, updated or deleted by one save. */
  function changesOf(db: Db, save: () => void): number {
    const total = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = total();
    save();
    return total() - before;
  }

  it('a join is one player row, an answer one answer row, presence one player row; a close the scored players', () => {
    const { db, store } = memoryStore();
    let state = room();
    store.createRoom(state);
    const apply = (command: Command, now = T0) => {
      const result = reduce(state, command, now);
      if (!result.ok) throw new Error(result.error);
      const changes = changesOf(db, () => store.saveChange(result.state, result.facts));
      state = result.state;
      return changes;
    };
    const n = 200;
    for (let i = 0; i < n; i++)
      expect(apply({ type: 'join', nickname: `P${i}`, secret: `secret-${i}-0123456789ab` })).toBe(1);
    expect(apply({ type: 'start', by: HOST, round: 0 })).toBe(2); // the room row, twice: version, phase
    expect(apply({ type: 'lock', by: HOST, locked: true })).toBe(1); // the room row
    for (let i = 0; i < n - 1; i++)
      expect(apply({ type: 'answer', playerId: i, round: 0, choice: 'zigzag' }, T0 + 1000)).toBe(1);
    expect(apply({ type: 'presence', playerId: 5, connected: false })).toBe(1);
    // The last answer closes the round: its row, the result, the n answers' scores, n players'
    // scores, the room row twice (version, phase).
    expect(apply({ type: 'answer', playerId: n - 1, round: 0, choice: 'zigzag' }, T0 + 2000)).toBe(
      1 + 1 + n + n + 2,
    );
    // A kick that closes the round touches two kinds of player row: the kicked one and the scored.
    // (Round 1, the r = 2 bounce, scores nobody: its close changes no player.)
    apply({ type: 'start', by: HOST, round: 1 }, T0 + 3000);
    expect(apply({ type: 'reveal', by: HOST, round: 1 }, T0 + 3500)).toBe(1 + 2);
    expect(apply({ type: 'start', by: HOST, round: 2 }, T0 + 4000)).toBe(2);
    for (let i = 1; i < n; i++)
      if (i !== 5) apply({ type: 'answer', playerId: i, round: 2, choice: 'diverges' }, T0 + 4500);
    expect(apply({ type: 'kick', by: HOST, playerId: 0 }, T0 + 5000)).toBe(1 + 1 + (n - 2) + (n - 1) + 2);
  });

  it('a 2,000-player round, saved answer by answer and closed by the last, reloads as it was', () => {
    const { db, store } = memoryStore();
    const play = playSaving(store, room());
    store.createRoom(play.state);
    const { apply } = play;
    const n = 2000;
    for (let i = 0; i < n; i++)
      apply({ type: 'join', nickname: `P${i}`, secret: `secret-${i}-0123456789ab` });
    apply({ type: 'start', by: HOST, round: 0 });
    for (let i = 0; i < n - 1; i++)
      apply({ type: 'answer', playerId: i, round: 0, choice: 'zigzag' }, T0 + 1000);
    expect(createSqliteRoomStore(db).loadRoom(play.state.code)!.state).toStrictEqual(play.state);
    apply({ type: 'answer', playerId: n - 1, round: 0, choice: 'zigzag' }, T0 + 2000);
    expect(play.state.phase).toMatchObject({ kind: 'reveal', round: 0 });
    const reloaded = createSqliteRoomStore(db).loadRoom(play.state.code)!.state;
    expect(reloaded).toStrictEqual(play.state);
    expect(reloaded.players.filter((p) => p.score > 0)).toHaveLength(n);
    // How long this takes is `npm run bench:store`'s to print, not a test's to judge.
  });
});

describe('the database file', () => {
  it('is created in DATA_DIR, in WAL mode, and keeps rooms across reopening', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'overshoot-store-')), 'nested', 'data');
    dirs.push(dir);
    let db = openDatabase(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const state = room();
    createSqliteRoomStore(db).createRoom(state);
    db.close();
    db = openDatabase(dir);
    dbs.push(db);
    expect(createSqliteRoomStore(db).loadRoom(state.code)!.state).toStrictEqual(state);
  });

  it("records each module's schema version and applies a migration once", () => {
    const { db } = memoryStore();
    const version = () => db.prepare("SELECT version FROM schema_version WHERE module = 'rooms'").get();
    expect(version()).toEqual({ version: ROOMS_MIGRATIONS.length });
    createSqliteRoomStore(db); // a second start: nothing to apply, nothing fails
    expect(migrate(db, 'decks', [{ version: 1, up: 'CREATE TABLE decks (id INTEGER PRIMARY KEY)' }])).toBe(1);
    expect(migrate(db, 'decks', [{ version: 1, up: 'CREATE TABLE decks (id INTEGER PRIMARY KEY)' }])).toBe(1);
    expect(() => migrate(db, 'rooms', [])).toThrow(/newer than this server knows/);
  });
});
