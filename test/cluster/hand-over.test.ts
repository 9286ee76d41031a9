// SIGTERM's hand-over on a real PostgreSQL (server/store/homes-postgres.ts): a leaving node gives each
// of its unfinished rooms to the live node holding the fewest, never to one that is leaving too, lets
// the rest go in two round trips to the database (every one of them delays the `moved` that its
// clients wait for), and ends its lease after.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSystemClock, deferOnWallClock } from '../../server/clock';
import { cryptoRandom } from '../../server/random';
import { createRoomManager } from '../../server/room/rooms';
import { openPool, type Pool } from '../../server/store/postgres';
import { createPostgresRoomStore, type PostgresRoomStore } from '../../server/store/rooms-postgres';
import { freshDatabase } from '../postgres/database';
import { makeRoom } from '../room/helpers';

const LEASE_MS = 60_000;

let admin: Pool;
let url = '';
const pools: Pool[] = [];
const nodes: PostgresRoomStore[] = [];
/** Queries and connections taken from n1's pool, the leaving node's. */
let asked = 0;

beforeAll(async () => {
  url = await freshDatabase();
  admin = openPool(url);
  for (const node of ['n1', 'n2', 'n3', 'n4']) {
    const pool = openPool(url);
    pools.push(pool);
    // n1's pool counts what the hand-over asks of the database.
    const counted =
      node === 'n1'
        ? new Proxy(pool, {
            get(target, key, receiver) {
              const value = Reflect.get(target, key, receiver);
              if ((key === 'query' || key === 'connect') && typeof value === 'function')
                return (...args: unknown[]) => {
                  asked++;
                  return value.apply(target, args);
                };
              return typeof value === 'function' ? value.bind(target) : value;
            },
          })
        : pool;
    nodes.push(await createPostgresRoomStore(counted, { node, leaseMs: LEASE_MS }));
  }
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await admin.end();
});

const homes = (i: number) => {
  const h = nodes[i]?.homes;
  if (!h) throw new Error('cluster mode gives the store its homes');
  return h;
};

async function create(i: number, code: string) {
  const room = { ...makeRoom(), code };
  await nodes[i]!.transaction(() => nodes[i]!.createRoom(room));
}

it("SIGTERM: the leaving node's rooms go to the live nodes holding fewest, a leaving one gets none, the finished one is let go, in two round trips; then the lease ends", async () => {
  // n1 leaves with three games and a finished one; n2 holds one game, n3 none; n4 is leaving too.
  for (const code of ['100001', '100002', '100003', '100004']) await create(0, code);
  await admin.query(`UPDATE rooms SET finished = 1 WHERE code = '100004'`);
  await create(1, '200001');
  await homes(3).drain();

  asked = 0;
  const given = await homes(0).handOver();
  expect(asked).toBe(2);

  // n3 (none) takes the first; then n2 and n3 hold one each and take one more each: two and two.
  expect([...given.keys()].sort()).toEqual(['100001', '100002', '100003']);
  const to = [...given.values()];
  expect(to.filter((n) => n === 'n3')).toHaveLength(2);
  expect(to.filter((n) => n === 'n2')).toHaveLength(1);
  const rows = await admin.query<{ code: string; home_node: string | null; home_epoch: number | null }>(
    'SELECT code, home_node, home_epoch FROM rooms ORDER BY code',
  );
  const epochOf: Record<string, number> = { n2: homes(1).epoch(), n3: homes(2).epoch() };
  for (const row of rows.rows) {
    if (row.code === '100004') expect(row).toMatchObject({ home_node: null, home_epoch: null });
    else if (row.code === '200001') expect(row).toMatchObject({ home_node: 'n2', home_epoch: epochOf.n2 });
    else {
      const node = given.get(row.code)!;
      expect(row).toMatchObject({ home_node: node, home_epoch: epochOf[node] });
      // Its new home is live: it is that node's already, and any node names it.
      expect(await homes(3).homeOf(row.code)).toEqual({ kind: 'elsewhere', node });
    }
  }
  await homes(0).endLease();
  const lease = await admin.query<{ lease_until: string }>(
    `SELECT lease_until FROM nodes WHERE node_id = 'n1'`,
  );
  expect(Number(lease.rows[0]!.lease_until)).toBe(0);
});

it("of two nodes holding as many rooms, each takes one of a leaving node's two: their clients' connections are not all on one", async () => {
  // Every time: a draw between the two would put both on one node half the time.
  for (let trial = 0; trial < 8; trial++) {
    await admin.query('UPDATE rooms SET finished = 1');
    // n2 holds one game, n3 none: n3 takes the first, and then holds as many as n2.
    await create(1, `3${trial}0001`);
    await create(0, `4${trial}0001`);
    await create(0, `4${trial}0002`);
    const given = await homes(0).handOver();
    expect([...given.values()].sort(), `trial ${trial + 1}`).toEqual(['n2', 'n3']);
  }
});

it('a save that fails its fence because the hand-over gave its room away names the home it went to: its clients need not look it up', async () => {
  await admin.query('UPDATE rooms SET finished = 1');
  const pool = openPool(url);
  pools.push(pool);
  const store = await createPostgresRoomStore(pool, { node: 'n5', leaseMs: LEASE_MS });
  const rooms = createRoomManager({
    clock: createSystemClock(),
    defer: deferOnWallClock,
    store,
    random: cryptoRandom,
    homes: store.homes,
    log: () => undefined,
  });
  const saved = () => new Promise<boolean>((resolve) => rooms.afterCommit((ok) => resolve(ok)));
  try {
    const base = makeRoom();
    const { code } = rooms.create(base.deck, base.settings);
    expect(await saved()).toBe(true);
    const moved: Array<[string, string | null]> = [];
    rooms.onMoved((room, home) => moved.push([room, home]));

    // SIGTERM on n5 (server/cluster.ts): the hand-over's update is in before its answer comes back,
    // and a join that arrives meanwhile is saved after it, so its write fails the fence.
    const given = await store.homes!.handOver((plan) => rooms.expectMoves(plan));
    expect(given.get(code)).toMatch(/^n[23]$/);
    expect(rooms.join(code, 'Ada', 'a'.repeat(24)).ok).toBe(true);
    // Not saved (the commit queue reports the batch's other rooms; this room's sockets were closed
    // before any acknowledgement could reach them).
    await saved();
    const players = await admin.query('SELECT 1 FROM players WHERE code = $1', [code]);
    expect(players.rowCount).toBe(0);
    expect(moved).toEqual([[code, given.get(code)]]);
    expect(rooms.codes()).not.toContain(code);
  } finally {
    await rooms.close();
  }
});
