// Room homes on a real PostgreSQL: three stores, as three nodes of a cluster would open them, race to
// claim one room whose home is dead, many times over; exactly one wins each time. And a home that
// lost its room can write nothing of it any more (the fence), in a batch or alone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { reduce } from '../../server/room/reduce';
import { openPool, type Pool } from '../../server/store/postgres';
import { createPostgresRoomStore, type PostgresRoomStore } from '../../server/store/rooms-postgres';
import { freshDatabase } from '../postgres/database';
import { makeRoom, T0 } from '../room/helpers';

const LEASE_MS = 3_000;
const RACES = 150;

let pools: Pool[] = [];
let nodes: PostgresRoomStore[] = [];
let admin: Pool;
let renewals: NodeJS.Timeout;

beforeAll(async () => {
  const url = await freshDatabase();
  admin = openPool(url);
  for (const node of ['n1', 'n2', 'n3']) {
    const pool = openPool(url);
    pools.push(pool);
    nodes.push(await createPostgresRoomStore(pool, { node, leaseMs: LEASE_MS }));
  }
  // The nodes stay alive as a process keeps them, by renewing their leases (server/cluster.ts).
  renewals = setInterval(() => {
    for (const n of nodes) void n.homes?.renew([]).catch(() => undefined);
  }, 500);
});
afterAll(async () => {
  clearInterval(renewals);
  await Promise.all(pools.map((p) => p.end()));
  await admin.end();
  pools = [];
  nodes = [];
});

const homes = (i: number) => {
  const h = nodes[i]?.homes;
  if (!h) throw new Error('cluster mode gives the store its homes');
  return h;
};

async function homeRow(code: string) {
  const r = await admin.query<{ home_node: string | null; home_epoch: number | null }>(
    'SELECT home_node, home_epoch FROM rooms WHERE code = $1',
    [code],
  );
  return r.rows[0];
}

it('three nodes claim a room whose home is dead at once: exactly one wins, every time', async () => {
  const room = { ...makeRoom(), code: '424242' };
  await nodes[0]!.transaction(() => nodes[0]!.createRoom(room));
  expect(await homeRow(room.code)).toEqual({ home_node: 'n1', home_epoch: homes(0).epoch() });
  // A live home keeps its room.
  expect(await homes(1).claim(room.code)).toEqual({ kind: 'elsewhere', node: 'n1' });

  const wins = [0, 0, 0];
  for (let race = 0; race < RACES; race++) {
    // The home died: a node that never renews again (lease in the past), or one that let it go.
    await admin.query(
      race % 2 === 0
        ? `UPDATE rooms SET home_node = 'gone', home_epoch = 7 WHERE code = $1`
        : 'UPDATE rooms SET home_node = NULL, home_epoch = NULL WHERE code = $1',
      [room.code],
    );
    const answers = await Promise.all([0, 1, 2].map((i) => homes(i).claim(room.code)));
    const winners = answers.flatMap((a, i) => (a.kind === 'mine' && a.claimed ? [i] : []));
    expect(winners, `race ${race}: ${JSON.stringify(answers)}`).toHaveLength(1);
    const winner = winners[0]!;
    wins[winner]!++;
    const name = `n${winner + 1}`;
    for (const [i, a] of answers.entries())
      if (i !== winner) expect(a).toEqual({ kind: 'elsewhere', node: name });
    expect(await homeRow(room.code)).toEqual({ home_node: name, home_epoch: homes(winner).epoch() });
  }
  expect(wins.reduce((a, b) => a + b)).toBe(RACES);
});

it("a node that lost its room writes nothing of it: the batch is refused whole, and renewing says it's lost", async () => {
  const room = { ...makeRoom(), code: '515151' };
  await nodes[0]!.transaction(() => nodes[0]!.createRoom(room));
  const other = { ...makeRoom(), code: '616161' };
  await nodes[0]!.transaction(() => nodes[0]!.createRoom(other));
  // n1 stops renewing (paused): its lease runs out, and n2 claims the room.
  clearInterval(renewals);
  await admin.query(`UPDATE nodes SET lease_until = 0 WHERE node_id = 'n1'`);
  const claimed = await homes(1).claim(room.code);
  expect(claimed).toMatchObject({ kind: 'mine', claimed: true });

  const joined = reduce(room, { type: 'join', nickname: 'Ada', secret: 's-ada-0000000000' }, T0 + 1_000);
  if (!joined.ok) throw new Error(joined.message);
  const otherJoined = reduce(other, { type: 'join', nickname: 'Bo', secret: 's-bo-00000000000' }, T0 + 1_000);
  if (!otherJoined.ok) throw new Error(otherJoined.message);
  // The paused node wakes up with both changes in one batch: nothing of it is committed.
  const batch = nodes[0]!.transaction(async () => {
    await nodes[0]!.saveChange(otherJoined.state, otherJoined.facts);
    await nodes[0]!.saveChange(joined.state, joined.facts);
  });
  await expect(batch).rejects.toThrow(/another home/);
  expect(nodes[0]!.movedRoom?.(await batch.catch((e: unknown) => e))).toBe(room.code);
  const players = await admin.query('SELECT code FROM players WHERE code = ANY($1)', [
    [room.code, other.code],
  ]);
  expect(players.rowCount).toBe(0);
  // Alone, the change of the room it still holds goes through; the new home's changes too.
  await nodes[0]!.transaction(() => nodes[0]!.saveChange(otherJoined.state, otherJoined.facts));
  await nodes[1]!.transaction(() => nodes[1]!.saveChange(joined.state, joined.facts));
  const saved = await admin.query<{ code: string }>('SELECT code FROM players ORDER BY code');
  expect(saved.rows.map((r) => r.code)).toEqual([room.code, other.code]);

  // Its next renewal (it is alive again) names the room it lost, and only that one.
  expect(await homes(0).renew([room.code, other.code])).toEqual({ superseded: false, lost: [room.code] });
  // A process started again with the same NODE_ID supersedes the old one's lease.
  const again = await createPostgresRoomStore(pools[0]!, { node: 'n1', leaseMs: LEASE_MS });
  expect(again.homes?.epoch()).toBe(homes(0).epoch() + 1);
  expect((await homes(0).renew([other.code])).superseded).toBe(true);
  // Its old run's rooms are free to claim at once: their epoch is not the live one.
  expect(await homes(2).claim(other.code)).toMatchObject({ kind: 'mine', claimed: true });
});
