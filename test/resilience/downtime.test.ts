// R5 in one process: the registry over a real SQLite file and a manual clock, "restarted" by opening
// the file again, as a new process does. The time a question was unavailable is added to its deadline
// and not charged to answers; a second restart counts only its own downtime; the migration to
// version 4 keeps older files loading.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deferOnWallClock } from '../../server/clock';
import { cryptoRandom } from '../../server/random';
import { createManualClock, type ManualClock } from '../../server/room/clock';
import { createRoomManager, type RoomManager } from '../../server/room/rooms';
import type { Phase } from '../../server/room/state';
import { createSqliteRoomStore, ROOMS_MIGRATIONS } from '../../server/store/rooms-sqlite';
import { type Db, migrate, openDatabase } from '../../server/store/sqlite';
import type { Deck } from '../../shared/protocol/deck';
import { ZIGZAG } from '../helpers/scenarios';

const HOST = { role: 'host' } as const;
const deck: Deck = { title: 'Downtime', rounds: [{ type: 'predict', scenario: ZIGZAG }] };
const settings = { secondsPerQuestion: 30, speedPoints: true };
const T0 = Date.UTC(2026, 0, 1, 9, 0, 0);

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A server process over the file in `dir`: its store, its rooms, and a way to die without a goodbye. */
function boot(dir: string, clock: ManualClock) {
  const db = openDatabase(dir);
  dbs.push(db);
  const store = createSqliteRoomStore(db);
  const rooms = createRoomManager({ clock, defer: deferOnWallClock, store, random: cryptoRandom });
  return {
    store,
    rooms,
    /** kill -9: what was saved stays, nothing more is written (no last heartbeat). */
    die() {
      rooms.close();
      db.close();
    },
  };
}

const question = (rooms: RoomManager, code: string): Extract<Phase, { kind: 'question' }> => {
  const phase = rooms.get(code)?.phase;
  if (phase?.kind !== 'question') throw new Error(`expected a question, got ${phase?.kind}`);
  return phase;
};

describe('R5 the time the server was down is not charged', () => {
  it('moves the deadline by the downtime, times later answers without it, and never counts it twice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overshoot-downtime-'));
    dirs.push(dir);
    const clock = createManualClock(T0);
    const first = boot(dir, clock);
    const { code } = first.rooms.create(deck, settings);
    for (const name of ['Ada', 'Grace', 'Alan']) {
      const joined = first.rooms.join(code, name, `secret-${name}-0123456789`);
      if (!joined.ok) throw new Error(joined.error);
    }
    first.rooms.dispatch(code, { type: 'start', by: HOST, round: 0 });
    clock.advance(10_000);
    const ada = first.rooms.answer(code, 0, 0, 'zigzag');
    expect(ada).toMatchObject({ ok: true, elapsedMs: 10_000 });
    clock.advance(2_000);
    first.store.heartbeat?.(clock.now()); // the last sign of life, 12 s into the question
    clock.advance(1_000);
    first.die();

    // Down for 60 s from the last heartbeat (the 1 s after it cannot be told from downtime).
    clock.set(T0 + 72_000);
    const second = boot(dir, clock);
    for (const id of [0, 1, 2]) second.rooms.attach(code, id); // every phone back
    const reopened = question(second.rooms, code);
    expect(reopened).toMatchObject({
      deadlineAt: T0 + 30_000 + 60_000,
      pausedMs: 60_000,
      resumedAt: T0 + 72_000,
      answered: 1,
    });
    clock.advance(3_000);
    // 75 s after the opening, 60 of them down: Grace took 15 s.
    expect(second.rooms.answer(code, 1, 0, 'zigzag')).toMatchObject({ ok: true, elapsedMs: 15_000 });
    // The deadline of the restored question is armed where it now is.
    clock.set(T0 + 89_999);
    expect(second.rooms.get(code)?.phase.kind).toBe('question');
    second.die();

    // A second crash, 5 s after Grace's answer: only those 5 s are added, not the 60 again, though
    // the heartbeat on file is still the old one.
    clock.set(T0 + 80_000);
    const third = boot(dir, clock);
    for (const id of [0, 1, 2]) third.rooms.attach(code, id);
    expect(question(third.rooms, code)).toMatchObject({
      deadlineAt: T0 + 30_000 + 60_000 + 5_000,
      pausedMs: 65_000,
      resumedAt: T0 + 80_000,
      answered: 2,
    });
    clock.set(T0 + 95_000);
    const result = third.rooms.get(code)?.results[0];
    expect(result).toMatchObject({ closedBy: 'deadline', closedAt: T0 + 95_000 });
    expect(result?.answers.map((a) => a?.elapsedMs ?? null)).toEqual([10_000, 15_000, null]);
    // S1: 1000 × (1 − t/T/2), the downtime left out of t.
    expect(result?.answers.map((a) => a?.points ?? null)).toEqual([833, 750, null]);
    third.die();
  });

  it('a question whose time ran out while the server was still up closes at once, with nothing added', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overshoot-downtime-'));
    dirs.push(dir);
    const clock = createManualClock(T0);
    const first = boot(dir, clock);
    const { code } = first.rooms.create(deck, settings);
    const joined = first.rooms.join(code, 'Ada', 'secret-Ada-0123456789');
    if (!joined.ok) throw new Error(joined.error);
    first.rooms.dispatch(code, { type: 'start', by: HOST, round: 0 });
    // The heartbeat says the server was up past the deadline; the close was lost with the process.
    first.store.heartbeat?.(T0 + 31_000);
    first.die();
    clock.set(T0 + 90_000);
    const second = boot(dir, clock);
    expect(second.rooms.get(code)?.results[0]).toMatchObject({
      closedBy: 'deadline',
      openedAt: T0,
      durationMs: 30_000,
    });
    second.die();
  });
});

describe('migration 4 (device, heartbeat) on a file written by version 3', () => {
  it('loads the old rows, with no device, and a question paused for nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overshoot-migrate-'));
    dirs.push(dir);
    const old = openDatabase(dir);
    migrate(old, 'rooms', ROOMS_MIGRATIONS.slice(0, 3));
    old
      .prepare(
        `INSERT INTO rooms (code, host_secret, owner, created_at, settings, deck, locked, version, phase, finished, updated_at)
         VALUES ('123456', 'host-secret-host-secret', NULL, @t, @settings, @deck, 0, 3, @phase, 0, @t)`,
      )
      .run({
        t: T0,
        settings: JSON.stringify(settings),
        deck: JSON.stringify(deck),
        phase: JSON.stringify({
          kind: 'question',
          round: 0,
          openedAt: T0,
          deadlineAt: T0 + 30_000,
          durationMs: 30_000,
          slots: 1,
        }),
      });
    old
      .prepare(
        `INSERT INTO players (code, id, nickname, key, secret, joined_at, score, streak, answer_ms, connected, kicked, join_request, version)
         VALUES ('123456', 0, 'Ada', 'ada', 'secret-Ada-0123456789', @t, 0, 0, 0, 1, 0, NULL, 2)`,
      )
      .run({ t: T0 });
    old.close();

    const db = openDatabase(dir);
    dbs.push(db);
    const store = createSqliteRoomStore(db);
    const loaded = store.loadRoom('123456')?.state;
    expect(loaded?.players[0]).toMatchObject({ nickname: 'Ada', device: null, kicked: false });
    expect(loaded?.phase).toMatchObject({ kind: 'question', pausedMs: 0, resumedAt: null, answered: 0 });
    // No heartbeat in an old file: the last write anyone made stands in for it.
    expect(store.lastAlive?.()).toBe(T0);
    // The new column holds what a join now writes.
    const columns = db.prepare('PRAGMA table_info(players)').all() as Array<{ name: string }>;
    expect(columns.map((c) => c.name)).toContain('device');
  });
});

describe('PI6 a discussion keeps its absolute end across a restart', () => {
  it('a discussion that ended while the server was down opens the second vote at the restore, first vote kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overshoot-downtime-'));
    dirs.push(dir);
    const clock = createManualClock(T0);
    const first = boot(dir, clock);
    const { code } = first.rooms.create(deck, { ...settings, peerInstruction: { low: 30, high: 70 } });
    for (const name of ['Ada', 'Grace']) {
      const joined = first.rooms.join(code, name, `secret-${name}-0123456789`);
      if (!joined.ok) throw new Error(joined.error);
    }
    first.rooms.dispatch(code, { type: 'start', by: HOST, round: 0 });
    clock.advance(1_000);
    expect(first.rooms.answer(code, 0, 0, 'zigzag')).toMatchObject({ ok: true });
    expect(first.rooms.answer(code, 1, 0, 'diverges')).toMatchObject({ ok: true });
    expect(first.rooms.get(code)?.phase.kind).toBe('votes');
    first.rooms.dispatch(code, { type: 'discuss', by: HOST, round: 0 });
    const endsAt = T0 + 1_000 + 90_000;
    expect(first.rooms.get(code)?.phase).toMatchObject({ kind: 'discussion', endsAt });
    first.die();

    clock.set(endsAt + 5_000);
    const second = boot(dir, clock);
    const reopened = question(second.rooms, code);
    expect(reopened).toMatchObject({ openedAt: endsAt + 5_000, answered: 0 });
    expect(reopened.first?.answers.map((a) => a?.choice)).toEqual(['zigzag', 'diverges']);
    second.die();
  });
});
