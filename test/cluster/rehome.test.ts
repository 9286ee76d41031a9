// How the apps re-home on a cluster (shared/protocol/rehome.ts, docs/protocol.md "Re-homing"), with
// real parts: three server processes on one real PostgreSQL, the apps' connection module as the
// clients. A node leaving (SIGTERM) names each room's new home in `moved`, and its clients go
// straight there; after a kill -9 the clients ask again soon, without doubling, while the lookup
// still names the dead node; a paused node's idle clients find the new home while it sleeps.
import { io, type Socket } from 'socket.io-client';
import { expect, it } from 'vitest';
import type { Homes } from '../../client/net/connection';
import { PING_TIMEOUT_MS } from '../../server/app';
import type { Result } from '../../shared/protocol/errors';
import { CLUSTER_PING_INTERVAL_MS, type MovedTo } from '../../shared/protocol/rehome';
import { hostGame, phaseIs, requestId } from '../resilience/clients';
import { type Cluster, classOn, closers, eachTestOwnCluster, startCluster } from './nodes';

const databases = await eachTestOwnCluster(3);

/** A client's own lookups: when it asked, and which node it said it had lost. */
function counted(cluster: Cluster) {
  const asks: Array<{ at: number; lost: string | null | undefined }> = [];
  const homes: Homes = {
    ask: (lost) => {
      asks.push({ at: Date.now(), lost });
      return cluster.homes.ask(lost);
    },
    url: (node) => cluster.homes.url(node),
  };
  return { asks, homes };
}

/** A raw socket that joins `code` on `node` and records what `moved` says. */
async function listener(cluster: Cluster, node: string, code: string) {
  const socket: Socket = io(cluster.nodes.get(node)!.url, {
    path: `/n/${node}/socket.io`,
    transports: ['websocket'],
    forceNew: true,
  });
  closers.push(async () => void socket.close());
  const moved: MovedTo[] = [];
  socket.on('moved', (to: MovedTo) => moved.push(to));
  const joined: Result = await socket
    .timeout(5_000)
    .emitWithAck('player:join', { code, nickname: 'Listener', requestId: requestId() });
  expect(joined.ok).toBe(true);
  return moved;
}

it('SIGTERM: `moved` names the node the room was handed to, the one holding fewest games, and the clients go there without a lookup', async () => {
  const cluster = await startCluster(databases[0]!, { LEASE_MS: '1500', RENEW_MS: '300' });
  // n2 already holds a game: n1's goes to n3, which holds none.
  await hostGame(
    cluster.nodes.get('n2')!.url,
    { deck: { source: 'builtin' }, secondsPerQuestion: 60, speedPoints: false },
    cluster.options('n2'),
  );
  const N = 12;
  const lookups = Array.from({ length: N }, () => counted(cluster));
  const { host, students, answer } = await classOn(cluster, 'n1', N, 120, (i) => lookups[i]!.homes);
  for (let i = 0; i < N / 2; i++) expect((await answer(i)).ok).toBe(true);
  const moved = await listener(cluster, 'n1', host.code);
  const asked = lookups.map((l) => l.asks.length);

  const stoppedAt = Date.now();
  cluster.up.delete('n1');
  process.kill(cluster.nodes.get('n1')!.pid, 'SIGTERM');
  await Promise.all(
    [host, ...students].map((c) =>
      (c as typeof host).waitFor(phaseIs('question', 0), { since: stoppedAt, timeoutMs: 5_000 }),
    ),
  );
  expect(await cluster.home(host.code)).toBe('n3');
  expect(moved).toEqual([{ node: 'n3', path: '/n/n3/socket.io' }]);
  // Straight to the home `moved` named: not one lookup.
  expect(lookups.map((l) => l.asks.length)).toEqual(asked);

  for (let i = N / 2; i < N; i++) expect((await answer(i)).ok).toBe(true);
  await host.waitFor(phaseIs('reveal', 0));
});

it('kill -9: while the lookup still names the dead node, each client asks again within half a second, never doubling, and never asks the dead node', async () => {
  // A lease long enough to tell the schedules apart: waits that double (100-600 ms, then twice as
  // long each time, at most 3 s) ask at most 5 times in 4 s; waits of 250-500 ms, 8 or more.
  const cluster = await startCluster(databases[1]!, { LEASE_MS: '4000', RENEW_MS: '1000' });
  const N = 6;
  const lookups = Array.from({ length: N }, () => counted(cluster));
  const { students, answer } = await classOn(cluster, 'n1', N, 120, (i) => lookups[i]!.homes);
  for (let i = 0; i < N; i++) expect((await answer(i)).ok).toBe(true);

  const killedAt = Date.now();
  cluster.up.delete('n1');
  await cluster.nodes.get('n1')!.kill();
  // Back: the first view after the client's first lookup (a view of its own answer may still
  // arrive from n1 just before it died).
  const back = await Promise.all(
    students.map(async (s, i) => {
      const { asks } = lookups[i]!;
      while (!asks.some((a) => a.at >= killedAt)) await new Promise((r) => setTimeout(r, 20));
      return s.waitFor(() => true, { since: asks.find((a) => a.at >= killedAt)!.at, timeoutMs: 15_000 });
    }),
  );
  for (const [i, { asks }] of lookups.entries()) {
    const during = asks.filter((a) => a.at >= killedAt && a.at <= back[i]!);
    expect(during.every((a) => a.lost === 'n1')).toBe(true);
    const gaps = during.slice(1).map((a, k) => a.at - during[k]!.at);
    expect(during.length).toBeGreaterThanOrEqual(6);
    // 250-500 ms, plus the lookup's own time on a busy machine.
    expect(Math.max(...gaps)).toBeLessThan(800);
  }
  expect(['n2', 'n3']).toContain(await cluster.home(students[0]!.latest()!.code));
});

it('SIGSTOP: idle clients of a paused home find the new home while it still sleeps', async () => {
  const cluster = await startCluster(databases[2]!, { LEASE_MS: '1500', RENEW_MS: '300' });
  const N = 12;
  const { host, students, answer } = await classOn(cluster, 'n1', N, 120);
  // Everyone has answered: nobody waits for an acknowledgement, so no timeout tells them anything.
  for (let i = 0; i < N; i++) expect((await answer(i)).ok).toBe(true);
  // The views of those answers have all arrived: a view after the pause comes from the new home.
  await new Promise((r) => setTimeout(r, 500));

  const n1 = cluster.nodes.get('n1')!;
  process.kill(n1.pid, 'SIGSTOP');
  const stoppedAt = Date.now();
  cluster.up.delete('n1');
  try {
    const back = await Promise.all(
      [host, ...students].map((c) =>
        (c as typeof host).waitFor(() => true, { since: stoppedAt, timeoutMs: 8_000 }),
      ),
    );
    const slowest = Math.max(...back) - stoppedAt;
    console.log(`SIGSTOP: ${N + 1} idle clients on the new home ${slowest} ms after the pause`);
    // Sooner than the socket's own heartbeat would have dropped them (and then they still had to
    // find the new home): they looked it up once the node had been silent for SILENT_HOME_MS.
    expect(slowest).toBeLessThan(CLUSTER_PING_INTERVAL_MS + PING_TIMEOUT_MS);
    expect(['n2', 'n3']).toContain(await cluster.home(host.code));
  } finally {
    process.kill(n1.pid, 'SIGCONT');
  }
});
