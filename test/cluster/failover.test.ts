// Cluster mode with real parts: three server processes (NODE_ID n1, n2, n3) on loopback and one real
// PostgreSQL, and the apps' own connection module (client/net/connection.ts) as the phones and the
// projector, re-homing as docs/protocol.md says. A room's home is killed (-9), paused (SIGSTOP) or
// stopped (SIGTERM) mid-question: the class follows its room to another node, every acknowledged
// answer is in the database once, and a paused home that wakes up acknowledges nothing.
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { expect, it } from 'vitest';
import type { Result } from '../../shared/protocol/errors';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { startCluster as startPostgres } from '../postgres/cluster';
import { joinGame, phaseIs, requestId } from '../resilience/clients';
import { startServerProcess } from '../resilience/process';
import {
  type Cluster,
  classOn,
  closers,
  eachTestOwnCluster,
  startCluster as startNodes,
  stored,
} from './nodes';

const LEASE_MS = 1_500;
const RENEW_MS = 300;

const databases = await eachTestOwnCluster(3);

const startCluster = (databaseUrl: string) =>
  startNodes(databaseUrl, { LEASE_MS: String(LEASE_MS), RENEW_MS: String(RENEW_MS) });
const classOnN1 = (cluster: Cluster, n: number, seconds: number) => classOn(cluster, 'n1', n, seconds);

it('kill -9 of a room home mid-question: the class is back on a new home within 5 s, nothing lost or doubled, the round closes once', async () => {
  const cluster = await startCluster(databases[0]!);
  const N = 40;
  const { host, students, answer } = await classOnN1(cluster, N, 120);
  // Half the class answers and is acknowledged before the kill.
  for (let i = 0; i < N / 2; i++) expect((await answer(i)).ok).toBe(true);

  const killedAt = Date.now();
  cluster.up.delete('n1');
  await cluster.nodes.get('n1')!.kill();
  // The other half answers while the room has no home: sent again, unchanged, once it has one.
  const late = Array.from({ length: N / 2 }, (_, k) => answer(N / 2 + k));
  // A view after the kill can only come from the new home (the question's, or the reveal's if the
  // late answers closed the round first).
  const back = await Promise.all(
    [host, ...students].map((c) =>
      (c as typeof host).waitFor(() => true, { since: killedAt, timeoutMs: 10_000 }),
    ),
  );
  const slowest = Math.max(...back) - killedAt;
  console.log(`kill -9: ${N + 1} clients back on the new home within ${slowest} ms`);
  expect(slowest).toBeLessThan(5_000);
  const newHome = await cluster.home(host.code);
  expect(['n2', 'n3']).toContain(newHome);
  for (const r of await Promise.all(late)) expect(r.ok).toBe(true);

  // Every answer is in: the round closes (R2), once, on the new home.
  await host.waitFor(phaseIs('reveal', 0), { timeoutMs: 10_000 });
  const reveal = host.latest() as HostView;
  if (reveal.phase.kind !== 'reveal') throw new Error('not at the reveal');
  expect(reveal.phase.total).toBe(N);
  const { answers, results } = await stored(cluster.db, host.code);
  expect(answers.map((a) => a.player_id)).toEqual(students.map((s) => s.playerId).sort((a, b) => a - b));
  expect(results).toBe(1);
  // Scored once: each player's score is what the reveal says they earned.
  await Promise.all(students.map((s) => s.waitFor(phaseIs('reveal', 0))));
  const scored = students.filter((s) => (s.latest() as PlayerView).me.score > 0).length;
  expect(scored).toBe(reveal.phase.correct);
});

it('SIGSTOP of a home for twice the lease: another node takes the room; woken, the old home acknowledges and broadcasts nothing', async () => {
  const cluster = await startCluster(databases[1]!);
  const N = 30;
  const { host, students, answer } = await classOnN1(cluster, N, 120);
  for (let i = 0; i < N / 3; i++) expect((await answer(i)).ok).toBe(true);

  // A phone that never re-homes: it stays on n1, to hear anything the old home still says.
  const n1 = cluster.nodes.get('n1')!;
  const spy: Socket = io(n1.url, { path: '/n/n1/socket.io', transports: ['websocket'], forceNew: true });
  closers.push(async () => void spy.close());
  const joined: Result<{ playerId: number }> = await spy
    .timeout(5_000)
    .emitWithAck('player:join', { code: host.code, nickname: 'Spy', requestId: requestId() });
  expect(joined.ok).toBe(true);
  const heard: Array<{ at: number; what: string }> = [];
  spy.onAny((event: string) => heard.push({ at: Date.now(), what: event }));
  let moved = false;
  spy.on('moved', () => {
    moved = true;
  });
  await host.waitFor((v) => v.playerCount === N + 1);

  process.kill(n1.pid, 'SIGSTOP');
  const stoppedAt = Date.now();
  cluster.up.delete('n1');
  try {
    // The spy answers the paused home: it will read it when it wakes.
    const spyAnswer = new Promise<{ at: number; reply: Result }>((resolve) =>
      spy.emit('answer:submit', { round: 0, choice: 'zigzag' }, (reply: Result) =>
        resolve({ at: Date.now(), reply }),
      ),
    );
    // The rest of the class answers the paused home too: no acknowledgement comes, so they re-home.
    const rest = Array.from({ length: N - N / 3 }, (_, k) => answer(N / 3 + k));
    let newHome: string | null = 'n1';
    while (Date.now() - stoppedAt < 10_000 && (newHome === 'n1' || newHome === null)) {
      await new Promise((r) => setTimeout(r, 100));
      newHome = await cluster.home(host.code);
    }
    expect(['n2', 'n3']).toContain(newHome);
    const takenAt = Date.now();
    console.log(`SIGSTOP: room taken over ${takenAt - stoppedAt} ms after the pause`);
    // Paused for at least twice the lease.
    await new Promise((r) => setTimeout(r, Math.max(0, stoppedAt + 2 * LEASE_MS - Date.now())));
    process.kill(n1.pid, 'SIGCONT');
    const wokeAt = Date.now();

    for (const r of await Promise.all(rest)) expect(r.ok).toBe(true);
    await host.waitFor(phaseIs('question', 0), { since: takenAt });
    // Woken, the old home finds the room is not its own: it tells the spy to move, and says nothing else.
    const deadline = Date.now() + 3_000;
    while (!moved && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(moved).toBe(true);
    const said = heard.filter((h) => h.at >= wokeAt && h.what !== 'moved');
    expect(said).toEqual([]);
    const spyReply = await Promise.race([
      spyAnswer,
      new Promise<null>((r) => setTimeout(() => r(null), 1_000)),
    ]);
    expect(spyReply === null || !spyReply.reply.ok).toBe(true);
    // Nothing of the spy's answer was committed: only the class's own answers are stored, once each.
    const { answers } = await stored(cluster.db, host.code);
    expect(answers.map((a) => a.player_id)).toEqual(students.map((s) => s.playerId).sort((a, b) => a - b));
  } finally {
    process.kill(n1.pid, 'SIGCONT');
  }
});

it('SIGTERM: the home hands its room over, every client follows it to its new home, and the old node exits cleanly', async () => {
  const cluster = await startCluster(databases[2]!);
  const N = 30;
  const { host, students, answer } = await classOnN1(cluster, N, 120);
  for (let i = 0; i < N / 2; i++) expect((await answer(i)).ok).toBe(true);
  // A latecomer whose page opened its socket on another node: that node answers MOVED and `moved`,
  // the phone re-homes and its join goes again, unchanged, on the game's home.
  const late = await joinGame(cluster.nodes.get('n2')!.url, host.code, 'Latecomer', cluster.options('n2'));
  expect(late.latest()?.phase.kind).toBe('question');
  await host.waitFor((v) => v.playerCount === N + 1);

  const n1 = cluster.nodes.get('n1')!;
  const stoppedAt = Date.now();
  cluster.up.delete('n1');
  process.kill(n1.pid, 'SIGTERM');
  const back = await Promise.all(
    [host, ...students].map((c) =>
      (c as typeof host).waitFor(phaseIs('question', 0), { since: stoppedAt, timeoutMs: 5_000 }),
    ),
  );
  // A figure to read, not a bound: how fast is bench:cluster's (rolling-restart) to measure.
  console.log(`SIGTERM: ${N + 1} clients moved within ${Math.max(...back) - stoppedAt} ms`);
  expect(['n2', 'n3']).toContain(await cluster.home(host.code));
  // n1 exits cleanly.
  for (let t = 0; t < 50; t++) {
    try {
      process.kill(n1.pid, 0);
      await new Promise((r) => setTimeout(r, 100));
    } catch {
      break;
    }
  }
  expect(n1.output()).toMatch(/handing over 1 room/);

  for (let i = N / 2; i < N; i++) expect((await answer(i)).ok).toBe(true);
  expect((await late.conn.request('answer:submit', { round: 0, choice: 'zigzag' }, { retry: true })).ok).toBe(
    true,
  );
  await host.waitFor(phaseIs('reveal', 0));
  const { answers, results } = await stored(cluster.db, host.code);
  expect(answers).toHaveLength(N + 1);
  expect(results).toBe(1);
});

it('NODE_ID without DATABASE_URL, not a valid id, a LEAVE_AFTER_MOVED_MS that is not a time or a WARM_UP_PLAYERS that is not a count: the process says why and exits before it listens', async () => {
  await expect(startServerProcess({ NODE_ID: 'n1', DATABASE_URL: '' })).rejects.toThrow(
    /server exited \(1\)[\s\S]*set DATABASE_URL to the PostgreSQL the nodes share/,
  );
  await expect(startServerProcess({ NODE_ID: 'Node 1', DATABASE_URL: databases[0]! })).rejects.toThrow(
    /NODE_ID "Node 1" must be 1 to 32 lowercase letters, digits or dashes/,
  );
  await expect(
    startServerProcess({ NODE_ID: 'n1', DATABASE_URL: databases[0]!, LEAVE_AFTER_MOVED_MS: 'soon' }),
  ).rejects.toThrow(
    /LEAVE_AFTER_MOVED_MS must be a whole number of milliseconds from 0 to 10000 \(got "soon"\)/,
  );
  await expect(
    startServerProcess({ NODE_ID: 'n1', DATABASE_URL: databases[0]!, WARM_UP_PLAYERS: '-5' }),
  ).rejects.toThrow(/WARM_UP_PLAYERS must be a whole number from 0 to 2000 \(got "-5"\)/);
});

it('a PostgreSQL restart longer than the lease moves no room: its home keeps it and every answer goes through', async () => {
  // A private PostgreSQL, stopped and started by this test alone.
  const postgres = await startPostgres();
  closers.push(() => postgres.close());
  const cluster = await startCluster(postgres.url);
  const N = 12;
  const { host, answer } = await classOnN1(cluster, N, 120);
  for (let i = 0; i < N / 2; i++) expect((await answer(i)).ok).toBe(true);

  await postgres.stop();
  // Down for twice the lease: every node's lease runs out while none of them can renew it.
  await new Promise((r) => setTimeout(r, 2 * LEASE_MS));
  const during = Array.from({ length: N / 2 }, (_, k) => answer(N / 2 + k));
  await postgres.start();
  // Watch the room's home for two leases after the database is back: a node that reached the database
  // first must not take the room of a home that was only cut off like itself.
  const db = new pg.Client({ connectionString: postgres.url });
  db.on('error', () => undefined);
  await db.connect();
  closers.push(() => db.end());
  const homesSeen = new Set<string | null>();
  const until = Date.now() + 2 * LEASE_MS;
  while (Date.now() < until) {
    const r = await db.query<{ home_node: string | null }>('SELECT home_node FROM rooms WHERE code = $1', [
      host.code,
    ]);
    homesSeen.add(r.rows[0]?.home_node ?? null);
    await new Promise((r) => setTimeout(r, 100));
  }
  expect([...homesSeen]).toEqual(['n1']);
  for (const r of await Promise.all(during)) expect(r.ok).toBe(true);
  await host.waitFor(phaseIs('reveal', 0), { timeoutMs: 10_000 });
  const { answers, results } = await stored(db, host.code);
  expect(answers).toHaveLength(N);
  expect(results).toBe(1);
});
