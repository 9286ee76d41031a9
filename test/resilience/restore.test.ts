// The room shell over a store, in one process on a manual clock: what a restart resumes, when
// presence settles afterwards, finished games leaving memory and coming back, and a failing disk.
import { afterEach, describe, expect, it } from 'vitest';
import { deferOnWallClock } from '../../server/clock';
import { cryptoRandom } from '../../server/random';
import { createManualClock } from '../../server/room/clock';
import { createMemoryStore } from '../../server/room/memory-store';
import {
  createRoomManager,
  EVICT_AFTER_MS,
  MAX_BATCH,
  RECONNECT_GRACE_MS,
  type RoomStore,
} from '../../server/room/rooms';
import type { RoomState } from '../../server/room/state';
import { createSqliteRoomStore } from '../../server/store/rooms-sqlite';
import { type Db, openDatabase } from '../../server/store/sqlite';
import type { Deck } from '../../shared/protocol/deck';
import type { HostView } from '../../shared/protocol/views';
import { createGame, isPhase, joinPlayers } from '../helpers/game';
import { DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { closeAllClients, connect, ok, startServer, type TestServer } from '../helpers/server';

const HOST = { role: 'host' } as const;
const ROUND_MS = 30_000;
const deck: Deck = {
  title: 'Restore',
  rounds: [
    { type: 'predict', scenario: ZIGZAG },
    { type: 'predict', scenario: DIVERGES },
  ],
};
const settings = { secondsPerQuestion: ROUND_MS / 1000, speedPoints: true };

const dbs: Db[] = [];
let server: TestServer | null = null;
afterEach(async () => {
  closeAllClients();
  await server?.close();
  server = null;
  for (const db of dbs.splice(0)) db.close();
});
function sqliteStore(): RoomStore {
  const db = openDatabase(':memory:');
  dbs.push(db);
  return createSqliteRoomStore(db);
}

/** Three students join the room, each with a socket open. */
function joinThree(rooms: ReturnType<typeof createRoomManager>, code: string) {
  for (const name of ['Ada', 'Grace', 'Alan']) {
    const r = rooms.join(code, name, `secret-${name}-0123456789`);
    if (!r.ok) throw new Error(r.error);
    rooms.attach(code, r.playerId);
  }
}

/** A room with three connected students and round 0 open, of which student 0 has answered. */
function questionWithOneAnswer(store: RoomStore, clock = createManualClock()) {
  const rooms = createRoomManager({ clock, defer: deferOnWallClock, store, random: cryptoRandom });
  const { code } = rooms.create(deck, settings);
  joinThree(rooms, code);
  rooms.dispatch(code, { type: 'start', by: HOST, round: 0 });
  clock.advance(1_000);
  expect(rooms.dispatch(code, { type: 'answer', playerId: 0, round: 0, choice: 'zigzag' }).ok).toBe(true);
  rooms.close(); // the process dies: timers gone, sockets gone
  return { code, clock };
}

describe('after a restart', () => {
  it('the first student back, who had answered, does not close the question for the others', () => {
    const store = sqliteStore();
    const { code, clock } = questionWithOneAnswer(store);
    const rooms = createRoomManager({ clock, defer: deferOnWallClock, store, random: cryptoRandom });
    rooms.attach(code, 0); // Ada's phone reconnects first; Grace and Alan are still on their way
    expect(rooms.get(code)!.phase).toMatchObject({ kind: 'question', round: 0, answered: 1 });
    rooms.attach(code, 1);
    rooms.attach(code, 2);
    expect(rooms.dispatch(code, { type: 'answer', playerId: 1, round: 0, choice: 'zigzag' }).ok).toBe(true);
    expect(rooms.get(code)!.phase.kind).toBe('question');
    rooms.close();
  });

  it('students who do not come back within the grace period count as disconnected', () => {
    const store = sqliteStore();
    const { code, clock } = questionWithOneAnswer(store);
    const rooms = createRoomManager({ clock, defer: deferOnWallClock, store, random: cryptoRandom });
    rooms.attach(code, 0);
    rooms.attach(code, 1);
    clock.advance(RECONNECT_GRACE_MS - 1);
    expect(rooms.get(code)!.players.map((p) => p.connected)).toEqual([true, true, true]);
    clock.advance(1);
    expect(rooms.get(code)!.players.map((p) => p.connected)).toEqual([true, true, false]);
    rooms.close();
  });

  it('an open question keeps its deadline: the timer fires at the deadline saved before the restart', () => {
    const store = sqliteStore();
    const { code, clock } = questionWithOneAnswer(store);
    const rooms = createRoomManager({ clock, defer: deferOnWallClock, store, random: cryptoRandom });
    for (const id of [0, 1, 2]) rooms.attach(code, id);
    const phase = rooms.get(code)!.phase;
    if (phase.kind !== 'question') throw new Error('not a question');
    clock.set(phase.deadlineAt - 1);
    expect(rooms.get(code)!.phase.kind).toBe('question');
    clock.set(phase.deadlineAt);
    expect(rooms.get(code)!.phase).toEqual({ kind: 'reveal', round: 0 });
    expect(rooms.get(code)!.results[0]!.closedBy).toBe('deadline');
    rooms.close();
  });
});

describe('a finished game', () => {
  it('leaves memory once nobody is connected, and its host and students still read it from the store', async () => {
    const store = sqliteStore();
    server = await startServer({ store });
    const host = await createGame(server, { rounds: [ZIGZAG] });
    const players = await joinPlayers(server, host.code, 2);
    ok(await host.call('round:start', { round: 0 }));
    await players[0]!.view(isPhase('question', 0));
    for (const p of players) ok(await p.call('answer:submit', { round: 0, choice: 'zigzag' }));
    ok(await host.call('game:end'));
    await host.view<HostView>(isPhase('podium'));
    for (const p of players) p.close();
    host.close();
    await expect.poll(() => server!.app.rooms.get(host.code)!.players.some((p) => p.connected)).toBe(false);
    server.clock.advance(EVICT_AFTER_MS);
    expect(server.app.rooms.codes()).not.toContain(host.code);

    const again = await connect(server.url);
    const { view } = ok(
      await again.call<{ view: HostView }>('host:resume', { code: host.code, hostSecret: host.hostSecret }),
    );
    expect(view.phase.kind === 'podium' && view.phase.standings.map((s) => s.nickname)).toEqual([
      'Student 1',
      'Student 2',
    ]);
    const phone = await connect(server.url);
    expect(
      await phone.call('player:resume', { code: host.code, playerSecret: players[1]!.secret }),
    ).toMatchObject({
      ok: true,
      view: { phase: { kind: 'podium' }, me: { nickname: 'Student 2', score: 1000 } },
    });
  });

  it('is not resumed at startup but loaded when asked for', () => {
    const store = createMemoryStore();
    const clock = createManualClock();
    const rooms = createRoomManager({ clock, defer: deferOnWallClock, store, random: cryptoRandom });
    const { code } = rooms.create(deck, settings);
    rooms.dispatch(code, { type: 'end', by: HOST });
    rooms.close(); // saves the end
    const later = createRoomManager({ clock, defer: deferOnWallClock, store, random: cryptoRandom });
    expect(later.codes()).toEqual([]);
    expect(later.get(code)!.phase.kind).toBe('podium');
    expect(later.codes()).toEqual([code]);
  });
});

describe('group commit', () => {
  it('saves a batch once it holds MAX_BATCH changes, without waiting for the window', async () => {
    const store = createMemoryStore();
    const rooms = createRoomManager({
      clock: createManualClock(),
      defer: deferOnWallClock,
      store,
      random: cryptoRandom,
    });
    const { code } = rooms.create(deck, settings);
    const join = (i: number) =>
      rooms.dispatch(code, { type: 'join', nickname: `S${i}`, secret: `secret-${i}-0123456789ab` });
    for (let i = 0; i < MAX_BATCH - 1; i++) join(i);
    expect(store.rooms.get(code)!.players).toHaveLength(0); // waiting for the window
    join(MAX_BATCH - 1);
    expect(store.rooms.get(code)!.players).toHaveLength(MAX_BATCH); // saved at once
    join(MAX_BATCH);
    expect(await new Promise<boolean>((resolve) => rooms.afterCommit(resolve))).toBe(true);
    expect(store.rooms.get(code)!.players).toHaveLength(MAX_BATCH + 1);
  });
});

describe('a close and the answers before it', () => {
  /** Three connected students and round 0 open, saved; each transaction's facts are logged. */
  function questionOpen(store: RoomStore) {
    const saves: string[][] = [];
    let current: string[] | null = null;
    const logged: RoomStore = {
      ...store,
      loadRooms: () => store.loadRooms(),
      loadRoom: (code) => store.loadRoom(code),
      createRoom: (state) => store.createRoom(state),
      saveChange(state, facts, context) {
        current?.push(...facts.map((f) => f.type));
        return store.saveChange(state, facts, context);
      },
      transaction(fn) {
        current = [];
        saves.push(current);
        try {
          return store.transaction!(fn);
        } finally {
          current = null;
        }
      },
    };
    const rooms = createRoomManager({
      clock: createManualClock(),
      defer: deferOnWallClock,
      store: logged,
      random: cryptoRandom,
    });
    const { code } = rooms.create(deck, settings);
    joinThree(rooms, code);
    rooms.dispatch(code, { type: 'start', by: HOST, round: 0 });
    return { rooms, code, saves };
  }
  const committed = (rooms: ReturnType<typeof createRoomManager>) =>
    new Promise<boolean>((resolve) => rooms.afterCommit(resolve));

  it('the answers waiting are saved and acknowledged before the close, which is saved on its own', async () => {
    const { rooms, code, saves } = questionOpen(sqliteStore());
    expect(await committed(rooms)).toBe(true);
    saves.length = 0;
    const acks: string[] = [];
    for (const id of [0, 1]) {
      expect(rooms.answer(code, id, 0, 'zigzag').ok).toBe(true);
      rooms.afterCommit((saved) => acks.push(`answer ${id} ${saved ? 'saved' : 'not saved'}`));
    }
    expect(acks).toEqual([]); // in the batch, waiting for its window
    // The last answer closes the round: the class's scores are written with it, not with the others.
    expect(rooms.answer(code, 2, 0, 'zigzag').ok).toBe(true);
    expect(acks).toEqual(['answer 0 saved', 'answer 1 saved']);
    expect(saves).toEqual([['answer-recorded', 'answer-recorded']]);
    expect(rooms.committed(code)!.phase).toMatchObject({ kind: 'question', answered: 2 });
    expect(await committed(rooms)).toBe(true);
    expect(saves[1]).toEqual(['answer-recorded', 'round-closed', 'phase-changed']);
    expect(rooms.committed(code)!.phase).toEqual({ kind: 'reveal', round: 0 });
    expect(rooms.committed(code)!.results[0]!.answers.every((a) => a?.correct === true)).toBe(true);
  });

  it('a close worked out on answers whose save failed is refused, and changes nothing', async () => {
    const inner = sqliteStore();
    let failing = false;
    const { rooms, code } = questionOpen({
      ...inner,
      loadRooms: () => inner.loadRooms(),
      loadRoom: (c) => inner.loadRoom(c),
      createRoom: (state) => inner.createRoom(state),
      saveChange(state, facts, context) {
        if (failing) throw new Error('SQLITE_FULL: database or disk is full');
        return inner.saveChange(state, facts, context);
      },
    });
    expect(await committed(rooms)).toBe(true);
    const before = rooms.get(code)!;
    failing = true;
    expect(rooms.answer(code, 0, 0, 'zigzag').ok).toBe(true);
    expect(rooms.answer(code, 1, 0, 'zigzag').ok).toBe(true);
    expect(rooms.answer(code, 2, 0, 'zigzag')).toMatchObject({ ok: false, error: 'INTERNAL' });
    expect(rooms.get(code)).toBe(before);
    failing = false;
    // Nothing of it stayed: the three answer again, and the third closes the round.
    for (const id of [0, 1, 2]) expect(rooms.answer(code, id, 0, 'zigzag').ok).toBe(true);
    expect(await committed(rooms)).toBe(true);
    expect(rooms.committed(code)!.phase).toEqual({ kind: 'reveal', round: 0 });
  });
});

describe('a store that cannot save', () => {
  /** A memory store whose saves fail while `failing` is set: a full disk. */
  function flakyStore() {
    const inner = createMemoryStore();
    const flaky = {
      failing: false,
      loadRooms: inner.loadRooms,
      loadRoom: inner.loadRoom,
      createRoom(...args: Parameters<RoomStore['createRoom']>) {
        if (flaky.failing) throw new Error('SQLITE_FULL: database or disk is full');
        inner.createRoom(...args);
      },
      saveChange(...args: Parameters<RoomStore['saveChange']>) {
        if (flaky.failing) throw new Error('SQLITE_FULL: database or disk is full');
        inner.saveChange(...args);
      },
    };
    return flaky;
  }

  const committed = (rooms: ReturnType<typeof createRoomManager>) =>
    new Promise<boolean>((resolve) => rooms.afterCommit(resolve));

  it('undoes the change and acknowledges INTERNAL; the next batch saves again', async () => {
    const store = flakyStore();
    const logged: string[] = [];
    const told: string[] = [];
    const rooms = createRoomManager({
      clock: createManualClock(),
      defer: deferOnWallClock,
      store,
      random: cryptoRandom,
      log: (m) => logged.push(m),
    });
    rooms.onChange(({ facts }) => told.push(...facts.map((f) => f.type)));
    const { code } = rooms.create(deck, settings);
    const before: RoomState = rooms.get(code)!;
    store.failing = true;
    const join = rooms.dispatch(code, { type: 'join', nickname: 'Ada', secret: 'secret-ada-0123456789' });
    expect(join.ok).toBe(true); // applied in memory, not saved yet
    expect(await committed(rooms)).toBe(false);
    expect(rooms.get(code)).toBe(before);
    expect(rooms.committed(code)).toBe(before);
    expect(rooms.identifyPlayer(code, 'secret-ada-0123456789')).toMatchObject({
      ok: false,
      error: 'UNKNOWN_PLAYER',
    });
    expect(told).toEqual([]); // nobody was told about it
    expect(logged).toHaveLength(1);
    store.failing = false;
    rooms.dispatch(code, { type: 'join', nickname: 'Ada', secret: 'secret-ada-0123456789' });
    expect(await committed(rooms)).toBe(true);
    expect(told).toEqual(['player-joined']);
    expect(rooms.committed(code)!.players.map((p) => p.nickname)).toEqual(['Ada']);
  });

  it('retries a deadline whose close could not be saved, a moment later', async () => {
    const store = flakyStore();
    const clock = createManualClock();
    const rooms = createRoomManager({
      clock,
      defer: deferOnWallClock,
      store,
      random: cryptoRandom,
      log: () => {},
    });
    const { code } = rooms.create(deck, settings);
    rooms.dispatch(code, { type: 'join', nickname: 'Ada', secret: 'secret-ada-0123456789' });
    rooms.dispatch(code, { type: 'start', by: HOST, round: 0 });
    expect(await committed(rooms)).toBe(true);
    store.failing = true;
    clock.advance(ROUND_MS);
    expect(await committed(rooms)).toBe(false);
    expect(rooms.get(code)!.phase.kind).toBe('question');
    store.failing = false;
    clock.advance(999);
    expect(rooms.get(code)!.phase.kind).toBe('question');
    clock.advance(1);
    expect(await committed(rooms)).toBe(true);
    expect(rooms.committed(code)!.phase).toEqual({ kind: 'reveal', round: 0 });
    rooms.close();
  });
});
