// Issue 16, rule L2: games not finished leave the disk ROOM_RETENTION_DAYS after their last step, with
// every row of theirs (rooms, players, answers, results); finished games stay. On a real SQLite file,
// through the room registry's sweep (the server runs it every RETENTION_SWEEP_MS), and on the memory
// store the same way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deferOnWallClock } from '../../server/clock';
import { cryptoRandom } from '../../server/random';
import { createManualClock } from '../../server/room/clock';
import { createMemoryStore } from '../../server/room/memory-store';
import { createRoomManager, ROOM_RETENTION_MS, type RoomStore, SWEEP_BATCH } from '../../server/room/rooms';
import { createSqliteRoomStore } from '../../server/store/rooms-sqlite';
import { type Db, openDatabase } from '../../server/store/sqlite';
import type { Deck } from '../../shared/protocol/deck';
import { ZIGZAG } from '../helpers/scenarios';
import { HOST } from '../room/helpers';

const HOUR = 3_600_000;
const deck: Deck = {
  title: 'Retention',
  rounds: [
    { type: 'predict', scenario: ZIGZAG },
    { type: 'predict', scenario: ZIGZAG },
  ],
};
const settings = { secondsPerQuestion: 30, speedPoints: true };

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function sqliteFile(): { db: Db; store: RoomStore } {
  const dir = mkdtempSync(join(tmpdir(), 'overshoot-retention-'));
  dirs.push(dir);
  const db = openDatabase(dir);
  dbs.push(db);
  return { db, store: createSqliteRoomStore(db) };
}

/** The SQLite store stamps its rows with the wall clock: the game clock starts there too. */
function registry(store: RoomStore) {
  const clock = createManualClock(Date.now());
  const rooms = createRoomManager({ clock, defer: deferOnWallClock, store, random: cryptoRandom });
  const saved = async () => expect(await new Promise((resolve) => rooms.afterCommit(resolve))).toBe(true);
  const join = (code: string, name: string) => {
    const r = rooms.join(code, name, `secret-${name}-0123456789`);
    if (!r.ok) throw new Error(r.error);
    return r.playerId;
  };
  return { clock, rooms, saved, join };
}

const rowsOf = (db: Db, code: string) =>
  ['rooms', 'players', 'answers', 'results'].map(
    (table) => (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE code = ?`).get(code) as { n: number }).n,
  );

describe('L2: games not finished leave the disk after the retention period', () => {
  it('deletes an abandoned lobby and an abandoned game with all their rows; keeps finished, recent and open ones', async () => {
    const { db, store } = sqliteFile();
    const { clock, rooms, saved, join } = registry(store);

    const lobby = rooms.create(deck, settings).code;
    // A game abandoned after one round: players, answers and a result on disk.
    const abandoned = rooms.create(deck, settings).code;
    const ada = join(abandoned, 'Ada');
    join(abandoned, 'Grace');
    rooms.dispatch(abandoned, { type: 'start', by: HOST, round: 0 });
    rooms.dispatch(abandoned, { type: 'answer', playerId: ada, round: 0, choice: 'zigzag' });
    rooms.dispatch(abandoned, { type: 'reveal', by: HOST, round: 0 });
    const finished = rooms.create(deck, settings).code;
    join(finished, 'Alan');
    rooms.dispatch(finished, { type: 'end', by: HOST });
    const watched = rooms.create(deck, settings).code;
    rooms.attachHost(watched);
    const joinedLate = rooms.create(deck, settings).code;
    await saved();
    expect(rowsOf(db, abandoned)).toEqual([1, 2, 1, 1]);

    // Days later a student joins one of them: a join is a step (its room row does not change).
    clock.advance(ROOM_RETENTION_MS - HOUR);
    join(joinedLate, 'Edsger');
    await saved();
    clock.advance(2 * HOUR);

    expect((await rooms.sweep()).sort()).toEqual([lobby, abandoned].sort());
    for (const code of [lobby, abandoned]) {
      expect(rowsOf(db, code)).toEqual([0, 0, 0, 0]);
      expect(rooms.get(code)).toBeUndefined();
    }
    expect(rooms.get(finished)?.phase.kind).toBe('podium');
    expect(rooms.get(watched)?.phase.kind).toBe('lobby');
    expect(rooms.get(joinedLate)?.players.map((p) => p.nickname)).toEqual(['Edsger']);
    expect(rooms.counts().deleted).toBe(2);
    expect(await rooms.sweep()).toEqual([]);
  });

  it('nothing is deleted before the retention period', async () => {
    const { store } = sqliteFile();
    const { clock, rooms, saved } = registry(store);
    rooms.create(deck, settings);
    await saved();
    clock.advance(ROOM_RETENTION_MS - HOUR);
    expect(await rooms.sweep()).toEqual([]);
  });

  it('a backlog goes in batches of SWEEP_BATCH, and a restart does not load what is past its retention', async () => {
    const { store } = sqliteFile();
    const { clock, rooms } = registry(store);
    for (let i = 0; i < SWEEP_BATCH + 5; i++) rooms.create(deck, settings);
    const last = rooms.create(deck, settings).code;
    rooms.close();
    // What a server started a week later finds: the abandoned games gone before they are loaded.
    const later = createManualClock(clock.now() + ROOM_RETENTION_MS + HOUR);
    const restarted = createRoomManager({
      clock: later,
      defer: deferOnWallClock,
      store,
      random: cryptoRandom,
    });
    expect(restarted.codes()).toEqual([]);
    expect(restarted.counts().deleted).toBe(SWEEP_BATCH + 6);
    expect(restarted.get(last)).toBeUndefined();
  });

  it('the memory store deletes the same way', async () => {
    const clock = createManualClock();
    const store = createMemoryStore(() => clock.now());
    const rooms = createRoomManager({ clock, defer: deferOnWallClock, store, random: cryptoRandom });
    const lobby = rooms.create(deck, settings).code;
    const finished = rooms.create(deck, settings).code;
    rooms.dispatch(finished, { type: 'end', by: HOST });
    await new Promise((resolve) => rooms.afterCommit(resolve));
    clock.advance(ROOM_RETENTION_MS + HOUR);
    expect(await rooms.sweep()).toEqual([lobby]);
    expect(store.rooms.has(lobby)).toBe(false);
    expect(rooms.get(finished)?.phase.kind).toBe('podium');
  });
});
