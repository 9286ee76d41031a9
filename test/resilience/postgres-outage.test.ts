// Issue 15, item 6: PostgreSQL goes away for about two seconds mid-question and comes back. The real
// server (server/index.ts, a child process) runs on a PostgreSQL cluster of this file's own
// (test/postgres/cluster.ts: stopping it disturbs no other test's database); the class is the apps'
// own connection module (client/net/connection.ts) on real sockets. While the database is away the
// server keeps every socket and every room, refuses what it cannot save with STORE_UNAVAILABLE, and
// the phones send it again by themselves; once it is back, play goes on without a restart, every
// acknowledged answer is stored exactly once, and nothing sent during the outage is lost.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSystemClock, deferOnWallClock } from '../../server/clock';
import { cryptoRandom } from '../../server/random';
import { reduce } from '../../server/room/reduce';
import { createRoomManager } from '../../server/room/rooms';
import type { RoomState } from '../../server/room/state';
import { openPool } from '../../server/store/postgres';
import { createPostgresRoomStore } from '../../server/store/rooms-postgres';
import type { Result } from '../../shared/protocol/errors';
import type { AnswerReceipt } from '../../shared/protocol/events';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { type Cluster, startCluster } from '../postgres/cluster';
import { HOST, makeRoom, T0 } from '../room/helpers';
import { closeAllConnections, hostGame, joinGame, phaseIs, type Tracked } from './clients';
import { killAllServers, removeDataDirs, type ServerProcess, startServerProcess } from './process';

const CHOICES = ['converges', 'zigzag', 'diverges'] as const;
const OUTAGE_MS = 2_000;
const KEY = 'outage-instructor-key-0123456789';

let cluster: Cluster;
let url: string;
let server: ServerProcess;

beforeAll(async () => {
  cluster = await startCluster();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE DATABASE overshoot_outage');
  await admin.end();
  url = cluster.url.replace(/\/postgres$/, '/overshoot_outage');
  server = await startServerProcess({ DATABASE_URL: url });
});
afterEach((context) => {
  closeAllConnections();
  // What the server logged is the first thing to read when one of these fails.
  if (context.task.result?.state === 'fail') console.log(server.output());
});
afterAll(async () => {
  await killAllServers();
  removeDataDirs();
  await cluster?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query<T>(sql, params)).rows;
  } finally {
    await db.end();
  }
}

type Phone = Tracked<PlayerView> & { playerId: number };

/** A class whose every answer is logged: what was sent when, each refusal to hold it, the receipt. */
function answering(students: Phone[]) {
  const log = students.map(() => ({
    sentAt: 0,
    held: 0,
    reply: null as Result<AnswerReceipt> | null,
    repliedAt: 0,
  }));
  const choiceOf = (i: number, round: number) => CHOICES[(i + round) % 3] ?? 'zigzag';
  const answer = (i: number, round: number) => {
    const entry = log[i]!;
    entry.sentAt = Date.now();
    return students[i]!.conn.request(
      'answer:submit',
      { round, choice: choiceOf(i, round) },
      { retry: true, held: () => entry.held++ },
    ).then((reply) => {
      entry.reply = reply;
      entry.repliedAt = Date.now();
      return reply;
    });
  };
  return { log, choiceOf, answer };
}

/** Every status a connection went through that was not `online`: a socket that dropped shows here. */
function watchDrops(clients: Array<Tracked<PlayerView | HostView>>): string[] {
  const drops: string[] = [];
  for (const [i, c] of clients.entries())
    c.conn.onStatus((s) => {
      if (s !== 'online') drops.push(`client ${i}: ${s}`);
    });
  return drops;
}

function serverAlive(): boolean {
  try {
    process.kill(server.pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function storedAnswers(code: string, round: number) {
  return rows<{ player_id: number; choice: string; elapsed_ms: number; points: number | null }>(
    'SELECT player_id, choice, elapsed_ms::int AS elapsed_ms, points FROM answers WHERE code = $1 AND round = $2 ORDER BY player_id',
    [code, round],
  );
}

describe('PostgreSQL away for 2 s mid-question, then back: play goes on with nothing lost', () => {
  it('answers, a join, the host, a new game and the API wait for it; every acknowledged answer is stored once', async () => {
    const STUDENTS = 12;
    const host = await hostGame(server.url, {
      deck: { source: 'custom', deck: { title: 'Outage', rounds: [ZIGZAG, DIVERGES] } },
      secondsPerQuestion: 120,
    });
    const students = await Promise.all(
      Array.from({ length: STUDENTS }, (_, i) => joinGame(server.url, host.code, `Student ${i + 1}`)),
    );
    await host.waitFor((v) => v.playerCount === STUDENTS);
    const drops = watchDrops([host, ...students]);
    const { log, choiceOf, answer } = answering(students);

    expect((await host.conn.request('round:start', { round: 0 }, { retry: true })).ok).toBe(true);
    await Promise.all(students.map((s) => s.waitFor(phaseIs('question', 0))));
    const question = students[0]!.latest()!.phase;
    if (question.kind !== 'question') throw new Error('no question');

    // Four answer and are acknowledged; two more are on their way as the database stops.
    for (let i = 0; i < 4; i++) expect((await answer(i, 0)).ok).toBe(true);
    const racing = [answer(4, 0), answer(5, 0)];
    const stoppedAt = Date.now();
    await cluster.stop();

    // While it is away: six more answers, a late joiner, the host reveals, a new game, a deck saved.
    const during = [6, 7, 8, 9].map((i) => answer(i, 0));
    await sleep(100);
    const late = joinGame(server.url, host.code, 'Late');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, store: 'unreachable' });
    const saveDeck = () =>
      fetch(`${server.url}/api/decks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Saved in an outage', rounds: [ZIGZAG] }),
      });
    const refusedSave = await saveDeck();
    expect(refusedSave.status).toBe(503);
    expect(refusedSave.headers.get('retry-after')).toBe('2');
    expect(await refusedSave.json()).toMatchObject({ error: 'STORE_UNAVAILABLE' });
    const newGame = hostGame(server.url, { deck: { source: 'builtin' } });
    await sleep(300);
    // The host reveals after those answers reached the server: they count (the reveal is saved after them).
    const revealHeld: string[] = [];
    const reveal = host.conn.request(
      'round:reveal',
      { round: 0 },
      { retry: true, held: (m) => revealHeld.push(m) },
    );
    await sleep(OUTAGE_MS - (Date.now() - stoppedAt));
    // Nothing was shown as saved while it was away: no reveal reached anyone.
    expect(host.latest()?.phase.kind).toBe('question');
    for (const i of [6, 7, 8, 9]) expect(log[i]!.reply).toBeNull();

    await cluster.start();
    const backAt = Date.now();
    await Promise.all([...racing, ...during]);
    const lastAckAt = Math.max(...log.map((e) => e.repliedAt));
    // The host's own retry meets the reveal it made: a repeated step is refused harmlessly.
    const revealed = await reveal;
    expect(revealed.ok || revealed.error === 'WRONG_PHASE').toBe(true);
    expect(revealHeld.length).toBeGreaterThan(0);
    const revealedAt = Math.max(
      await host.waitFor(phaseIs('reveal', 0)),
      ...(await Promise.all(students.map((s) => s.waitFor(phaseIs('reveal', 0))))),
    );

    // Every answer sent was acknowledged, those during the outage after at least one refusal; each
    // kept the time it reached the server, not the time it was saved.
    for (let i = 0; i < 10; i++) expect(log[i]!.reply).toMatchObject({ ok: true, choice: choiceOf(i, 0) });
    for (const i of [6, 7, 8, 9]) {
      const { reply, sentAt, held } = log[i]!;
      expect(held).toBeGreaterThan(0);
      if (!reply?.ok) throw new Error('not acknowledged');
      expect(reply.elapsedMs).toBeLessThanOrEqual(sentAt - question.openedAt + 250);
    }
    const stored = await storedAnswers(host.code, 0);
    const byPlayer = (i: number) => stored.filter((r) => r.player_id === students[i]!.playerId);
    expect(stored).toHaveLength(10);
    for (let i = 0; i < 10; i++) {
      const reply = log[i]!.reply;
      expect(byPlayer(i)).toEqual([
        expect.objectContaining({ choice: choiceOf(i, 0), elapsed_ms: reply?.ok && reply.elapsedMs }),
      ]);
      expect(byPlayer(i)[0]?.points).not.toBeNull();
    }
    // The round closed once, by the host.
    expect(await rows('SELECT round, closed_by FROM results WHERE code = $1', [host.code])).toEqual([
      { round: 0, closed_by: 'host' },
    ]);

    // The late joiner, the new game and the deck: each once, none left half-made.
    const lateJoiner = await late;
    expect(lateJoiner.latest()?.phase.kind).toBe('reveal');
    const created = await newGame;
    expect(
      (await rows<{ code: string }>('SELECT code FROM rooms ORDER BY code')).map((r) => r.code).sort(),
    ).toEqual([host.code, created.code].sort());
    expect(
      await rows('SELECT nickname FROM players WHERE code = $1 AND nickname = $2', [host.code, 'Late']),
    ).toHaveLength(1);
    expect((await saveDeck()).status).toBe(201);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const metrics = (await (await fetch(`${server.url}/metrics`)).json()) as { store: object };
    expect(metrics.store).toMatchObject({ reachable: true, outages: 1 });

    // Play goes on, without a restart: round 1 opens and closes.
    expect((await host.conn.request('round:start', { round: 1 }, { retry: true })).ok).toBe(true);
    await Promise.all(students.map((s) => s.waitFor(phaseIs('question', 1))));
    await Promise.all([
      ...students.map((_, i) => answer(i, 1)),
      lateJoiner.conn.request('answer:submit', { round: 1, choice: 'zigzag' }, { retry: true }),
    ]);
    await host.waitFor(phaseIs('reveal', 1));
    expect(await storedAnswers(host.code, 1)).toHaveLength(STUDENTS + 1);

    // No socket dropped, and the server never stopped; it said so once each way.
    expect(drops).toEqual([]);
    expect(serverAlive()).toBe(true);
    const output = server.output();
    expect(output).not.toMatch(/unhandled|uncaught|DeprecationWarning/i);
    expect(output.match(/the database cannot be reached/g)).toHaveLength(1);
    expect(output).toMatch(/the database answers again, after \d/);
    console.log(
      `outage: database down ${backAt - stoppedAt} ms; once back, the held reveal reached the whole class ` +
        `in ${revealedAt - backAt} ms and the last held answer was acknowledged in ${lastAckAt - backAt} ms; ` +
        `refusals per held answer ${[6, 7, 8, 9].map((i) => log[i]!.held).join(', ')}`,
    );
  });

  it('a deadline that passes during the outage closes its round once, after the answers given in time', async () => {
    const STUDENTS = 6;
    const host = await hostGame(server.url, {
      deck: { source: 'custom', deck: { title: 'Deadline in an outage', rounds: [ZIGZAG] } },
      secondsPerQuestion: 5,
    });
    const students = await Promise.all(
      Array.from({ length: STUDENTS }, (_, i) => joinGame(server.url, host.code, `Student ${i + 1}`)),
    );
    await host.waitFor((v) => v.playerCount === STUDENTS);
    const drops = watchDrops([host, ...students]);
    const { log, answer } = answering(students);
    expect((await host.conn.request('round:start', { round: 0 }, { retry: true })).ok).toBe(true);
    await Promise.all(students.map((s) => s.waitFor(phaseIs('question', 0))));
    const question = students[0]!.latest()!.phase;
    if (question.kind !== 'question') throw new Error('no question');
    // Local time of the deadline: views carry the server's clock.
    const deadline = question.deadlineAt - students[0]!.conn.clockOffset();

    expect((await answer(0, 0)).ok).toBe(true);
    expect((await answer(1, 0)).ok).toBe(true);
    await sleep(deadline - Date.now() - 1_800);
    const stoppedAt = Date.now();
    await cluster.stop();
    // In time, during the outage.
    const inTime = [answer(2, 0), answer(3, 0)];
    // After the deadline, during the outage: too late, and told so at once (A4).
    await sleep(deadline - Date.now() + 300);
    const tooLate = await answer(4, 0);
    expect(tooLate).toMatchObject({ ok: false, error: 'ROUND_CLOSED' });
    expect(host.latest()?.phase.kind).toBe('question');
    await sleep(stoppedAt + OUTAGE_MS - Date.now());
    await cluster.start();

    const backAt = Date.now();
    for (const reply of await Promise.all(inTime)) expect(reply.ok).toBe(true);
    const closedAt = Math.max(
      await host.waitFor(phaseIs('reveal', 0)),
      ...(await Promise.all(students.map((s) => s.waitFor(phaseIs('reveal', 0))))),
    );
    console.log(
      `deadline in an outage: database down ${backAt - stoppedAt} ms; the close reached the class ` +
        `${closedAt - backAt} ms after it was back`,
    );
    expect(log[2]!.held + log[3]!.held).toBeGreaterThan(0);
    expect((await storedAnswers(host.code, 0)).map((r) => r.player_id)).toEqual(
      [0, 1, 2, 3].map((i) => students[i]!.playerId).sort((a, b) => a - b),
    );
    expect(await rows('SELECT round, closed_by FROM results WHERE code = $1', [host.code])).toEqual([
      { round: 0, closed_by: 'deadline' },
    ]);
    // Scored once: each student's points in the reveal are those stored.
    for (const r of await storedAnswers(host.code, 0)) {
      const phase = students.find((s) => s.playerId === r.player_id)?.latest()?.phase;
      expect(phase?.kind === 'reveal' && phase.points).toBe(r.points);
    }
    expect(drops).toEqual([]);
    expect(serverAlive()).toBe(true);
  });

  it('the store tells an outage from a wrong write; a batch saved again comes to the same rows', async () => {
    const pool = openPool(url);
    const store = await createPostgresRoomStore(pool);
    try {
      let state: RoomState = { ...makeRoom(), code: '424242' };
      await store.createRoom(state);
      // Each change saved twice, as a batch is when its COMMIT went through but the answer to it was
      // lost with the connection: the second save finds its rows and changes nothing.
      const twice = async (command: Parameters<typeof reduce>[1], now: number) => {
        const result = reduce(state, command, now);
        if (!result.ok) throw new Error(result.error);
        state = result.state;
        await store.saveChange(state, result.facts);
        await store.saveChange(state, result.facts);
      };
      await twice({ type: 'join', nickname: 'Ada', secret: 'secret-ada-0123456789' }, T0);
      await twice({ type: 'join', nickname: 'Grace', secret: 'secret-grace-0123456789' }, T0);
      await twice({ type: 'start', by: HOST, round: 0 }, T0);
      await twice({ type: 'answer', playerId: 0, round: 0, choice: 'zigzag' }, T0 + 1_000);
      await twice({ type: 'answer', playerId: 1, round: 0, choice: 'diverges' }, T0 + 2_000);
      expect((await store.loadRoom(state.code))?.state).toStrictEqual(state);

      // A write the database refuses (a room it never saw) is not an outage.
      const wrong = await store
        .saveChange({ ...state, code: '000000' }, [
          {
            type: 'answer-recorded',
            round: 0,
            playerId: 0,
            answer: { choice: 'zigzag', at: T0, elapsedMs: 0 },
          },
        ])
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(wrong).toBeInstanceOf(Error);
      expect(store.unavailable?.(wrong)).toBe(false);

      // A database stopped is one, whether the connection was open or not.
      await cluster.stop();
      const away = await store.loadRoom(state.code).then(
        () => null,
        (error: unknown) => error,
      );
      await cluster.start();
      expect(store.unavailable?.(away)).toBe(true);
      expect((await store.loadRoom(state.code))?.state).toStrictEqual(state);
    } finally {
      await store.close?.();
    }
  });

  it('the room shell: a game begun as the database goes is dropped, and past the most held changes no command is taken', async () => {
    const store = await createPostgresRoomStore(openPool(url));
    const logged: string[] = [];
    const rooms = createRoomManager({
      clock: createSystemClock(),
      defer: deferOnWallClock,
      store,
      random: cryptoRandom,
      log: (message) => logged.push(message),
      maxHeld: 3,
    });
    const saved = () => new Promise<[boolean, boolean]>((resolve) => rooms.afterCommit((...o) => resolve(o)));
    try {
      const base = makeRoom();
      const { code } = rooms.create(base.deck, base.settings);
      for (const name of ['Ada', 'Grace', 'Edsger'])
        expect(rooms.join(code, name, `secret-${name}-0123456789`).ok).toBe(true);
      expect(rooms.dispatch(code, { type: 'start', by: HOST, round: 0 }).ok).toBe(true);
      expect(await saved()).toEqual([true, false]);

      await cluster.stop();
      // Begun before the server knew: dropped when its save fails, and its host told to ask again.
      const unborn = rooms.create(base.deck, base.settings).code;
      expect(await saved()).toEqual([false, true]);
      expect(rooms.codes()).toContain(code);
      expect(rooms.codes()).not.toContain(unborn);
      // Three answers held: each told "held" at once; the fourth command changes nothing.
      for (const [playerId, choice] of (['zigzag', 'diverges', 'converges'] as const).entries()) {
        expect(rooms.answer(code, playerId, 0, choice)).toMatchObject({ ok: true });
        expect(await saved()).toEqual([false, true]);
      }
      const before = rooms.get(code);
      expect(rooms.dispatch(code, { type: 'reveal', by: HOST, round: 0 })).toMatchObject({
        ok: false,
        error: 'STORE_UNAVAILABLE',
        retryAfterS: 1,
      });
      expect(rooms.get(code)).toBe(before);
      await cluster.start();

      let outcome = await saved();
      while (!outcome[0]) {
        await sleep(100);
        outcome = await saved();
      }
      expect(await storedAnswers(code, 0)).toHaveLength(3);
      expect(await rows('SELECT code FROM rooms WHERE code = $1', [unborn])).toEqual([]);
      // Every player answered: the round closed as the last answer came (R2), saved with them.
      expect(rooms.committed(code)?.phase.kind).toBe('reveal');
      expect(logged.filter((m) => m.includes('undone'))).toEqual([]);
    } finally {
      await rooms.close();
      await store.close?.();
    }
  });
});
