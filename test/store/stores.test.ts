// One suite, two stores: the rooms' and the library's contract, run against SQLite (a file in
// memory) and PostgreSQL (a real server: test/postgres/global-setup.mts, a database of this file's
// own). Whatever one engine keeps, the other keeps the same way. SQLite's own matters (rows written
// per change, the file, WAL) stay in rooms-sqlite.test.ts.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AssignmentRecord,
  type AttemptRecord,
  advance,
  answerRound,
  newGame,
  storedGame,
} from '../../server/homework/attempt';
import { DEFAULT_QUOTAS, type LibraryQuotas } from '../../server/limits/quotas';
import { reduce } from '../../server/room/reduce';
import type { Command, RoomState } from '../../server/room/state';
import type { RoomStore } from '../../server/room/store';
import { createPostgresLibraryStore } from '../../server/store/library-postgres';
import { createSqliteLibraryStore, type LibraryStore } from '../../server/store/library-sqlite';
import { openPool, type Pool } from '../../server/store/postgres';
import { createPostgresRoomStore } from '../../server/store/rooms-postgres';
import { createSqliteRoomStore } from '../../server/store/rooms-sqlite';
import { type Db, openDatabase } from '../../server/store/sqlite';
import { type DeckFile, parseDeck } from '../../shared/protocol/deck';
import { ZIGZAG } from '../helpers/scenarios';
import { freshDatabase } from '../postgres/database';
import { HOST, makeRoom, T0 } from '../room/helpers';
import { gameArb, room, toCommand } from './games';

interface Engine {
  name: string;
  /** A store on an empty database, and a way to open it again as a restarted server does. */
  rooms(): Promise<{ store: RoomStore; reopen(): Promise<RoomStore> }>;
  library(quotas?: LibraryQuotas): Promise<LibraryStore>;
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const sqlite: Engine = {
  name: 'SQLite',
  async rooms() {
    const db: Db = openDatabase(':memory:');
    cleanups.push(() => db.close());
    return { store: createSqliteRoomStore(db), reopen: async () => createSqliteRoomStore(db) };
  },
  async library(quotas) {
    const db: Db = openDatabase(':memory:');
    cleanups.push(() => db.close());
    return createSqliteLibraryStore(db, quotas);
  },
};

const databaseUrl = await freshDatabase();
/** Every table emptied: each test starts from an empty database, as SQLite's in memory does. */
async function emptied(): Promise<Pool> {
  const pool = openPool(databaseUrl);
  cleanups.push(() => pool.end());
  const tables = await pool.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version'",
  );
  if (tables.rows.length > 0) await pool.query(`TRUNCATE ${tables.rows.map((t) => t.tablename).join(', ')}`);
  return pool;
}
const postgres: Engine = {
  name: 'PostgreSQL',
  async rooms() {
    const pool = await emptied();
    // The store ends its pool when closed; the test's pool is ended by the cleanup.
    const open = () => createPostgresRoomStore(pool);
    return { store: await open(), reopen: open };
  },
  async library(quotas) {
    return createPostgresLibraryStore(await emptied(), quotas);
  },
};

describe.each([sqlite, postgres])('$name', (engine) => {
  describe('a room saved change by change is loaded back exactly', () => {
    it('random games through the reducer, reloaded and reopened at random points, deep-equal the reducer state', async () => {
      await fc.assert(
        fc.asyncProperty(gameArb, async (ops) => {
          let { store, reopen } = await engine.rooms();
          let state = room();
          let now = T0;
          await store.createRoom(state);
          for (const [seq, o] of ops.entries()) {
            if (o.op === 'advance') {
              now += o.ms;
              continue;
            }
            if (o.op === 'reload' || o.op === 'restart') {
              if (o.op === 'restart') store = await reopen();
              const loaded = await store.loadRoom(state.code);
              expect(loaded?.state).toStrictEqual(state);
              if (loaded) state = loaded.state;
              continue;
            }
            if (o.op === 'deadline' && state.phase.kind === 'question')
              now = Math.max(now, state.phase.deadlineAt);
            const command = toCommand(state, o, seq);
            if (!command) continue;
            const result = reduce(state, command, now);
            if (!result.ok || result.facts.length === 0) continue;
            const context =
              o.op === 'join' && o.requestId ? { requestId: `request-${seq}-abcdefghij` } : undefined;
            await store.saveChange(result.state, result.facts, context);
            state = result.state;
          }
          expect((await store.loadRoom(state.code))?.state).toStrictEqual(state);
          store = await reopen();
          const unfinished = store.loadRooms().map((r) => r.state.code);
          expect(unfinished).toEqual(state.phase.kind === 'podium' ? [] : [state.code]);
          reopen = async () => store;
        }),
        { numRuns: 25, seed: 20261205 },
      );
    });

    it('C1: the level of each answer comes back, in an open question and in a closed round', async () => {
      const { store, reopen } = await engine.rooms();
      const base = makeRoom({ rounds: [ZIGZAG] });
      let state: RoomState = { ...base, settings: { ...base.settings, scoreBy: 'confidence' } };
      await store.createRoom(state);
      const apply = async (command: Command, now: number) => {
        const result = reduce(state, command, now);
        if (!result.ok) throw new Error(result.message);
        await store.saveChange(result.state, result.facts);
        state = result.state;
        expect((await (await reopen()).loadRoom(state.code))?.state).toStrictEqual(state);
      };
      await apply({ type: 'join', nickname: 'Ada', secret: 'secret-ada-0123456789' }, T0);
      await apply({ type: 'join', nickname: 'Grace', secret: 'secret-grace-0123456789' }, T0);
      await apply({ type: 'start', by: HOST, round: 0 }, T0);
      await apply({ type: 'answer', playerId: 0, round: 0, choice: 'zigzag', confidence: 'sure' }, T0 + 1000);
      await apply(
        { type: 'answer', playerId: 1, round: 0, choice: 'diverges', confidence: 'fairly-sure' },
        T0 + 2000,
      );
      expect(state.results[0]?.answers.map((a) => a?.confidence)).toEqual(['sure', 'fairly-sure']);
    });

    it('PI9: a twin in the deck, its open question marked twinOf and its result come back exactly', async () => {
      const { store, reopen } = await engine.rooms();
      const base = makeRoom();
      let state: RoomState = {
        ...base,
        settings: { ...base.settings, peerInstruction: { low: 0, high: 100 } },
      };
      await store.createRoom(state);
      const kinds: string[] = [];
      const apply = async (command: Command, now: number) => {
        const result = reduce(state, command, now);
        if (!result.ok) throw new Error(result.message);
        kinds.push(...result.facts.map((f) => f.type));
        await store.saveChange(result.state, result.facts);
        state = result.state;
        expect((await (await reopen()).loadRoom(state.code))?.state).toStrictEqual(state);
      };
      await apply({ type: 'join', nickname: 'Ada', secret: 'secret-ada-0123456789' }, T0);
      await apply({ type: 'join', nickname: 'Grace', secret: 'secret-grace-0123456789' }, T0);
      await apply({ type: 'start', by: HOST, round: 0 }, T0);
      await apply({ type: 'answer', playerId: 0, round: 0, choice: 'zigzag' }, T0 + 1000);
      await apply({ type: 'answer', playerId: 1, round: 0, choice: 'diverges' }, T0 + 2000);
      await apply({ type: 'discuss', by: HOST, round: 0 }, T0 + 3000);
      await apply({ type: 'discussion-end', by: HOST, round: 0 }, T0 + 4000);
      await apply({ type: 'answer', playerId: 0, round: 0, choice: 'zigzag' }, T0 + 5000);
      await apply({ type: 'answer', playerId: 1, round: 0, choice: 'zigzag' }, T0 + 6000);
      await apply({ type: 'twin', by: HOST, round: 0, seed: 11 }, T0 + 10_000);
      expect(state.deck.rounds).toHaveLength(4);
      expect(state.phase).toMatchObject({ kind: 'question', round: 1, twinOf: 0 });
      await apply({ type: 'answer', playerId: 0, round: 1, choice: 'zigzag' }, T0 + 11_000);
      await apply({ type: 'answer', playerId: 1, round: 1, choice: 'converges' }, T0 + 12_000);
      expect(state.results[1]).toMatchObject({ twinOf: 0 });
      expect(state.results[0]?.firstVote).toBeDefined();
      await apply({ type: 'start', by: HOST, round: 2 }, T0 + 20_000);
      expect(kinds).toContain('round-added');
    });

    it('join request ids come back with the player they created; the code is taken for good', async () => {
      const { store, reopen } = await engine.rooms();
      let state = room();
      await store.createRoom(state);
      for (const [i, requestId] of [
        'req-a-0123456789abcdef',
        undefined,
        'req-c-0123456789abcdef',
      ].entries()) {
        const result = reduce(
          state,
          { type: 'join', nickname: `P${i}`, secret: `secret-${i}-0123456789ab` },
          T0,
        );
        if (!result.ok) throw new Error(result.error);
        await store.saveChange(result.state, result.facts, requestId ? { requestId } : undefined);
        state = result.state;
      }
      const again = await reopen();
      expect((await again.loadRoom(state.code))?.joins).toEqual([
        ['req-a-0123456789abcdef', 0],
        ['req-c-0123456789abcdef', 2],
      ]);
      expect(await again.loadRoom('999999')).toBeUndefined();
    });

    it('R5: the heartbeat is read back by the next server; retention deletes old unfinished games only', async () => {
      const { store, reopen } = await engine.rooms();
      const old = room();
      await store.createRoom(old);
      await store.heartbeat?.(T0 + 5_000);
      const next = await reopen();
      expect(next.lastAlive?.()).toBe(T0 + 5_000);
      // Its rows are stamped with the wall clock: a cut-off in the future finds it old.
      const future = Date.now() + 60_000;
      expect(await next.deleteUnfinished?.(future, new Set([old.code]))).toEqual([]);
      expect(await next.deleteUnfinished?.(future, new Set())).toEqual([old.code]);
      expect(await next.loadRoom(old.code)).toBeUndefined();
    });
  });

  describe('the library', () => {
    const deck = (title: string, rounds = 1): DeckFile => ({
      title,
      rounds: Array.from({ length: rounds }, () => ({ ...ZIGZAG })),
    });
    const summary = (id: string, code: string) => ({
      id,
      code,
      title: 'Game',
      startedAt: T0,
      endedAt: T0 + 60_000,
      players: 12,
      rounds: 3,
      shareCorrect: 0.5,
    });

    it('decks: saved, listed, read, replaced and deleted, only ever by their owner', async () => {
      const library = await engine.library();
      expect(await library.isKnown('alice')).toBe(false);
      const saved = await library.createDeck('alice', 'd1', deck('First'), T0);
      expect(saved).toMatchObject({ ok: true, deck: { id: 'd1', title: 'First', rounds: 1, createdAt: T0 } });
      await library.createDeck(
        'alice',
        'd2',
        { title: 'Second', rounds: 2, json: Buffer.from(JSON.stringify(deck('Second', 2))) },
        T0 + 1,
      );
      expect(await library.isKnown('alice')).toBe(true);
      expect((await library.listDecks('alice')).map((d) => d.id)).toEqual(['d2', 'd1']);
      expect(await library.listDecks('bob')).toEqual([]);
      expect(await library.getDeck('bob', 'd1')).toBeUndefined();
      expect((await library.getDeck('alice', 'd1'))?.deck).toEqual(deck('First'));
      expect(await library.updateDeck('bob', 'd1', deck('Stolen'), T0 + 2)).toBeUndefined();
      expect(await library.updateDeck('alice', 'd1', deck('Renamed', 3), T0 + 2)).toMatchObject({
        ok: true,
        deck: { title: 'Renamed', rounds: 3, createdAt: T0, updatedAt: T0 + 2 },
      });
      expect(await library.deleteDeck('bob', 'd1')).toBe(false);
      expect(await library.deleteDeck('alice', 'd1')).toBe(true);
      expect(await library.deleteDeck('alice', 'd1')).toBe(false);
      expect((await library.listDecks('alice')).map((d) => d.id)).toEqual(['d2']);
      expect(library.usage()).toMatchObject({ decks: 1, reports: 0 });
    });

    it('quotas: decks per key, bytes per key and the library total refuse a save and write nothing', async () => {
      const text = JSON.stringify(deck('Q'));
      const bytes = Buffer.byteLength(text);
      const library = await engine.library({
        ...DEFAULT_QUOTAS,
        decksPerKey: 2,
        deckBytesPerKey: bytes * 3,
        libraryBytes: bytes * 4,
      });
      expect((await library.createDeck('alice', 'a1', deck('Q'), T0)).ok).toBe(true);
      expect((await library.createDeck('alice', 'a2', deck('Q'), T0)).ok).toBe(true);
      expect(await library.quotaReached('alice')).toBe('decksPerKey');
      expect(await library.createDeck('alice', 'a3', deck('Q'), T0)).toEqual({
        ok: false,
        quota: 'decksPerKey',
      });
      expect(await library.updateDeck('alice', 'a1', deck('Q', 3), T0)).toEqual({
        ok: false,
        quota: 'deckBytesPerKey',
      });
      expect((await library.createDeck('bob', 'b1', deck('Q'), T0)).ok).toBe(true);
      expect((await library.createDeck('bob', 'b2', deck('Q'), T0)).ok).toBe(true);
      expect(await library.createDeck('carol', 'c1', deck('Q'), T0)).toEqual({
        ok: false,
        quota: 'libraryBytes',
      });
      expect(await library.quotaReached('carol')).toBe('libraryBytes');
      expect(await library.isKnown('carol')).toBe(false);
      expect(library.usage()).toEqual({ decks: 4, reports: 0, bytes: bytes * 4 });
    });

    it('homework: assignments and attempts saved, read back exactly, counted, and scoped by owner and device', async () => {
      const library = await engine.library({
        ...DEFAULT_QUOTAS,
        assignmentsPerKey: 1,
        attemptsPerAssignment: 2,
      });
      const parsed = parseDeck(deck('Homework', 2));
      if (!parsed.ok) throw new Error(parsed.error);
      const assignment: AssignmentRecord = {
        id: 'hw1',
        owner: 'alice',
        deckId: 'd1',
        title: 'Homework',
        createdAt: T0,
        settings: {
          dueAt: T0 + 86_400_000,
          reveal: 'end',
          retries: true,
          askStudentId: false,
          timerSeconds: null,
        },
        deck: parsed.deck,
      };
      expect(await library.createAssignment(assignment)).toEqual({ ok: true });
      expect(await library.createAssignment({ ...assignment, id: 'hw2' })).toEqual({
        ok: false,
        quota: 'assignmentsPerKey',
      });
      expect(await library.getAssignment('alice', 'hw1')).toEqual(assignment);
      expect(await library.getAssignment('bob', 'hw1')).toBeUndefined();
      expect(await library.findAssignment('hw1')).toEqual(assignment);
      expect(await library.listAttempts('bob', 'hw1')).toBeUndefined();

      const game = newGame(assignment, 'Lin', T0 + 1);
      if ('ok' in game) throw new Error(game.message);
      const attempt: AttemptRecord = {
        id: 'at1',
        assignmentId: 'hw1',
        token: 'device-a',
        try: 1,
        nickname: 'Lin',
        studentId: null,
        startedAt: T0 + 1,
        updatedAt: T0 + 1,
        finishedAt: null,
        game: storedGame(game),
      };
      expect(await library.createAttempt(attempt)).toEqual({ ok: true });
      // Two first sittings of one device's try: the second is a conflict, not a second row.
      expect(await library.createAttempt({ ...attempt, id: 'at1-again' })).toEqual({
        ok: false,
        conflict: true,
      });
      // The answer goes through the reducer and is saved guarded by the game's version.
      const opened = advance(game, T0 + 2);
      if ('ok' in opened) throw new Error(opened.message);
      const answered = answerRound(opened, 0, 'zigzag', T0 + 3);
      if ('ok' in answered) throw new Error(answered.message);
      const saved = { ...attempt, updatedAt: T0 + 3, game: storedGame(answered) };
      expect(await library.saveAttempt(saved, game.version)).toBe(true);
      // A save from a stale copy (another tab) is refused, and changes nothing.
      expect(await library.saveAttempt({ ...attempt, updatedAt: T0 + 4 }, game.version)).toBe(false);
      expect(await library.findAttempt('hw1', 'device-a')).toEqual(saved);
      expect(await library.findAttempt('hw1', 'device-b')).toBeUndefined();
      expect(await library.createAttempt({ ...attempt, id: 'at2', token: 'device-b' })).toEqual({ ok: true });
      expect(await library.createAttempt({ ...attempt, id: 'at3', token: 'device-c' })).toEqual({
        ok: false,
        quota: 'attemptsPerAssignment',
      });
      expect((await library.listAttempts('alice', 'hw1'))?.map((a) => a.id)).toEqual(['at1', 'at2']);
      expect(await library.listAssignments('alice')).toEqual([
        {
          id: 'hw1',
          deckId: 'd1',
          title: 'Homework',
          rounds: 2,
          createdAt: T0,
          ...assignment.settings,
          started: 2,
          finished: 0,
        },
      ]);
      expect(await library.listAssignments('bob')).toEqual([]);
      expect(library.usage().bytes).toBeGreaterThan(0);
      expect(await library.deleteAssignment('bob', 'hw1')).toBe(false);
      expect(await library.deleteAssignment('alice', 'hw1')).toBe(true);
      expect(await library.findAttempt('hw1', 'device-a')).toBeUndefined();
      expect(library.usage()).toEqual({ decks: 0, reports: 0, bytes: 0 });
    });

    it('reports: saved once per game whatever the quotas, listed, read and deleted by their owner', async () => {
      const library = await engine.library({
        ...DEFAULT_QUOTAS,
        libraryBytes: 1,
      });
      await library.saveReport('alice', summary('r1', '123456'), { rounds: [1, 2] });
      await library.saveReport('alice', summary('r1-again', '123456'), { rounds: [] });
      expect(await library.isKnown('alice')).toBe(true);
      expect(await library.listReports('alice')).toEqual([summary('r1', '123456')]);
      expect(await library.listReports('bob')).toEqual([]);
      expect(await library.getReport('alice', 'r1')).toEqual({
        ...summary('r1', '123456'),
        body: { rounds: [1, 2] },
      });
      expect(await library.getReport('bob', 'r1')).toBeUndefined();
      expect(await library.deleteReport('bob', 'r1')).toBe(false);
      expect(await library.deleteReport('alice', 'r1')).toBe(true);
      expect(library.usage()).toEqual({ decks: 0, reports: 0, bytes: 0 });
    });
  });
});
