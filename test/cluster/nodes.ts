// Three real server processes (NODE_ID n1, n2, n3) on loopback and one real PostgreSQL, for the
// cluster tests; and a class on one of them, played with the apps' own connection module
// (client/net/connection.ts).
import pg from 'pg';
import { afterAll, afterEach, expect } from 'vitest';
import type { Homes } from '../../client/net/connection';
import { DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { freshDatabase } from '../postgres/database';
import { closeAllConnections, hostGame, joinGame, phaseIs } from '../resilience/clients';
import {
  killAllServers,
  removeDataDirs,
  type ServerProcess,
  startServerProcess,
} from '../resilience/process';

export const CHOICES = ['converges', 'zigzag', 'diverges'] as const;

export interface Cluster {
  nodes: Map<string, ServerProcess>;
  /** Nodes a client may ask (a proxy stops sending to a node that is gone). */
  up: Set<string>;
  homes: Homes;
  db: pg.Client;
  options(node: string, homes?: Homes): { homes: Homes; socket: { path: string } };
  home(code: string): Promise<string | null>;
}

/**
 * Stops every node and client after each test, and gives each of `count` tests a database of its own:
 * no test's rooms are orphans for the next one's nodes.
 */
export async function eachTestOwnCluster(count: number): Promise<string[]> {
  afterEach(async () => {
    closeAllConnections();
    await killAllServers();
  });
  afterAll(removeDataDirs);
  afterEach(closeAll);
  const databases: string[] = [];
  for (let i = 0; i < count; i++) databases.push(await freshDatabase());
  return databases;
}

/** Closed after each test, last opened first: a connection ends before the database it was opened on. */
export const closers: Array<() => Promise<void>> = [];
export async function closeAll() {
  for (const close of closers.splice(0).reverse()) await close();
}

export async function startCluster(
  databaseUrl: string,
  lease: { LEASE_MS: string; RENEW_MS: string },
): Promise<Cluster> {
  const ids = ['n1', 'n2', 'n3'];
  const started = await Promise.all(
    // No warm-up (server/warm-up.ts): these tests hold what the nodes do, not how fast a class moves,
    // and three practice games per cluster would add seconds of CPU to every test's start. Nodes as
    // deployed warm up: test/deploy/proxy.test.ts.
    ids.map((id) =>
      startServerProcess({ DATABASE_URL: databaseUrl, NODE_ID: id, WARM_UP_PLAYERS: '0', ...lease }),
    ),
  );
  const nodes = new Map(ids.map((id, i) => [id, started[i]!]));
  const up = new Set(nodes.keys());
  let turn = 0;
  const homes: Homes = {
    // Any node that is up but the one the client lost, in turn, as the proxy's round-robin would.
    ask: (lost) => {
      const live = [...up].filter((id) => id !== lost);
      return nodes.get(live[turn++ % live.length] ?? 'n1')?.url ?? '';
    },
    url: (node) => nodes.get(node)?.url ?? 'http://127.0.0.1:1',
  };
  const db = new pg.Client({ connectionString: databaseUrl });
  // A test that restarts PostgreSQL cuts this connection: it reads through a new one afterwards.
  db.on('error', () => undefined);
  await db.connect();
  closers.push(() => db.end());
  return {
    nodes,
    up,
    homes,
    db,
    options: (node, own = homes) => ({ homes: own, socket: { path: `/n/${node}/socket.io` } }),
    async home(code) {
      const r = await db.query<{ home_node: string | null }>('SELECT home_node FROM rooms WHERE code = $1', [
        code,
      ]);
      return r.rows[0]?.home_node ?? null;
    },
  };
}

/**
 * A class of `n` on `node`, with the question of round 0 open for `seconds`. `homes(i)`: the lookups
 * of student i (a test that counts them gives each its own).
 */
export async function classOn(
  cluster: Cluster,
  node: string,
  n: number,
  seconds: number,
  homes: (i: number) => Homes = () => cluster.homes,
) {
  const url = cluster.nodes.get(node)!.url;
  const host = await hostGame(
    url,
    {
      deck: { source: 'custom', deck: { title: 'Cluster', rounds: [ZIGZAG, DIVERGES] } },
      secondsPerQuestion: seconds,
      speedPoints: false,
    },
    cluster.options(node),
  );
  const students = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      joinGame(url, host.code, `Student ${i + 1}`, cluster.options(node, homes(i))),
    ),
  );
  await host.waitFor((v) => v.playerCount === n);
  expect((await host.conn.request('round:start', { round: 0 }, { retry: true })).ok).toBe(true);
  await Promise.all(students.map((s) => s.waitFor(phaseIs('question', 0))));
  expect(await cluster.home(host.code)).toBe(node);
  const answer = (i: number) =>
    students[i]!.conn.request('answer:submit', { round: 0, choice: CHOICES[i % 3]! }, { retry: true });
  return { host, students, answer };
}

/** Each room's answers of a round and its results rows, as PostgreSQL holds them. */
export async function stored(db: pg.Client, code: string) {
  const answers = await db.query<{ player_id: number; choice: string }>(
    'SELECT player_id, choice FROM answers WHERE code = $1 AND round = 0 ORDER BY player_id',
    [code],
  );
  const results = await db.query('SELECT round FROM results WHERE code = $1 AND round = 0', [code]);
  return { answers: answers.rows, results: results.rowCount };
}
