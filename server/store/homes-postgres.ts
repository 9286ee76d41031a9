// Cluster mode (NODE_ID): which process is each room's home. A node holds a lease in `nodes`, renewed
// every RENEW_MS; a room names its home and the epoch the home had when it took the room. Every
// write of a room checks, in its transaction, that this node is still the room's home at its epoch
// (fence()), holding the room's row while it commits: a claim, which must lock that row, waits for
// the write or comes after it, and a home that was paused and lost the room commits nothing after.
// Since the apps are acknowledged only after a commit, a paused home cannot acknowledge either.
//
// Times are the database's clock (clock_timestamp()), so the nodes' own clocks never decide who owns
// what.
import type { HomeAnswer, RoomHomes } from '../room/store';
import type { Pool, Queryable } from './postgres';

export type { HomeAnswer } from '../room/store';

/** The database's clock, ms since the epoch. */
const DB_NOW = '(extract(epoch FROM clock_timestamp()) * 1000)::BIGINT';
/** A room's home is alive: its node holds an unexpired lease at the room's epoch. */
const HOME_ALIVE = `EXISTS (SELECT 1 FROM nodes n WHERE n.node_id = r.home_node AND n.epoch = r.home_epoch
  AND n.lease_until > ${DB_NOW})`;

/** Thrown by a write of a room this node is no longer the home of: nothing of the batch is committed. */
export class RoomMovedError extends Error {
  override name = 'RoomMovedError';
  constructor(readonly code: string) {
    super(`room ${code} has another home now`);
  }
}

export interface Homes extends RoomHomes {
  readonly node: string;
  /** This node's epoch: a new one at each start, so rooms held by this node's previous run are free. */
  epoch(): number;
  /**
   * Renews the lease. `superseded`: another process took this NODE_ID's lease (every room must go);
   * `lost`: rooms of `held` whose home is someone else now. Rejects when the database cannot be
   * reached (keep everything: an outage alone moves nothing).
   */
  renew(held: readonly string[]): Promise<{ superseded: boolean; lost: string[] }>;
  /** The claim locks the room's row; `downSince` is the previous home's last renewal, null if it let the room go. */
  claim(code: string): Promise<HomeAnswer>;
  /** The room's home without claiming it: `null` node when it has none alive. */
  homeOf(code: string): Promise<HomeAnswer>;
  /**
   * Unfinished rooms with an open deadline (a question, a discussion) whose home is gone, or that
   * another node handed to this one and `held` (the rooms in memory) does not have yet.
   */
  orphans(limit: number, held: readonly string[]): Promise<string[]>;
  /**
   * This node reaches the database again after it could not. For one lease from now it claims no room
   * whose home's lease ran out (orphans() is empty, claim() names the old home): an outage of the
   * database cut every node off at once, so those leases ran out for the outage alone, and their
   * nodes renew them within a lease. A home that really died is claimed once the lease has passed.
   */
  reconnected(): void;
  /** A live node that takes new rooms, other than this one if it is draining; null if none. */
  liveNode(exceptSelf: boolean): Promise<string | null>;
  /** SIGTERM: take no new rooms (other nodes name another home for them). */
  drain(): Promise<void>;
  /** Lets every room of this node go (home NULL) and ends the lease: others claim them at once. */
  release(): Promise<number>;
  /**
   * SIGTERM, after drain(): gives each of this node's unfinished rooms to a live node that takes new
   * rooms, the one that holds the fewest (a node a rolling deploy has just restarted holds none, and
   * is not the next one it restarts), then lets the rest go. Says where each room went; a room no
   * live node could take is not in the map. The caller tells the rooms' sockets where to go, then
   * ends the lease (endLease()). `planned` hears where each room is going before the rooms' update is
   * sent: a save that fails its fence once that update is in can then name the new home too.
   */
  handOver(planned?: (plan: ReadonlyMap<string, string>) => void): Promise<Map<string, string>>;
  /** Ends this node's lease: it is dead to the others at once. */
  endLease(): Promise<void>;
  /** Within a write transaction: throws RoomMovedError unless this node is `code`'s home at its epoch. */
  fence(db: Queryable, code: string): Promise<void>;
  /** Stamps a new room (inserted in this transaction) with this node as its home. */
  stamp(db: Queryable, code: string): Promise<void>;
}

export const ROOM_HOMES_MIGRATION = `
  CREATE TABLE nodes (
    node_id     TEXT PRIMARY KEY,
    epoch       INTEGER NOT NULL,
    lease_until BIGINT NOT NULL,
    renewed_at  BIGINT NOT NULL,
    draining    INTEGER NOT NULL DEFAULT 0
  );
  ALTER TABLE rooms ADD COLUMN home_node TEXT;
  ALTER TABLE rooms ADD COLUMN home_epoch INTEGER;
  CREATE INDEX rooms_home ON rooms (home_node, home_epoch);
`;

/** Registers this node (a new epoch) and returns its homes; the rooms' migration made the tables. */
export async function openHomes(pool: Pool, node: string, leaseMs: number): Promise<Homes> {
  const started = await pool.query<{ epoch: number }>(
    `INSERT INTO nodes (node_id, epoch, lease_until, renewed_at) VALUES ($1, 1, ${DB_NOW} + $2, ${DB_NOW})
     ON CONFLICT (node_id) DO UPDATE SET epoch = nodes.epoch + 1, lease_until = excluded.lease_until,
       renewed_at = excluded.renewed_at, draining = 0
     RETURNING epoch`,
    [node, leaseMs],
  );
  const epoch = started.rows[0]?.epoch ?? 1;
  // Wall time of this process: only how long this node waits, never who owns what.
  let claimsHeldUntil = 0;
  const claimsHeld = () => Date.now() < claimsHeldUntil;

  async function claim(code: string): Promise<HomeAnswer> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // The row lock first, then a fresh look (a new snapshot under READ COMMITTED): a claim that
      // waited for another sees its result, and two claims never both win.
      const locked = await client.query('SELECT 1 FROM rooms WHERE code = $1 FOR UPDATE', [code]);
      if (locked.rowCount === 0) {
        await client.query('ROLLBACK');
        return { kind: 'none' };
      }
      const found = await client.query<{
        home_node: string | null;
        home_epoch: number | null;
        alive: boolean;
        renewed_at: number | null;
      }>(
        `SELECT r.home_node, r.home_epoch, ${HOME_ALIVE} AS alive,
           (SELECT n.renewed_at FROM nodes n WHERE n.node_id = r.home_node) AS renewed_at
         FROM rooms r WHERE r.code = $1`,
        [code],
      );
      const row = found.rows[0];
      if (!row) throw new Error(`room ${code} vanished under its lock`);
      if (row.home_node === node && row.home_epoch === epoch) {
        await client.query('COMMIT');
        return { kind: 'mine', claimed: false, downSince: null };
      }
      if (row.alive || (row.home_node !== null && claimsHeld())) {
        await client.query('COMMIT');
        return { kind: 'elsewhere', node: row.home_node };
      }
      await client.query('UPDATE rooms SET home_node = $2, home_epoch = $3 WHERE code = $1', [
        code,
        node,
        epoch,
      ]);
      await client.query('COMMIT');
      return {
        kind: 'mine',
        claimed: true,
        downSince: row.home_node === null ? null : (row.renewed_at ?? null),
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async function release() {
    const released = await pool.query(
      'UPDATE rooms SET home_node = NULL, home_epoch = NULL WHERE home_node = $1 AND home_epoch = $2',
      [node, epoch],
    );
    await pool.query('UPDATE nodes SET lease_until = 0 WHERE node_id = $1 AND epoch = $2', [node, epoch]);
    return released.rowCount ?? 0;
  }

  return {
    node,
    epoch: () => epoch,
    async renew(held) {
      const renewed = await pool.query(
        `UPDATE nodes SET lease_until = ${DB_NOW} + $3, renewed_at = ${DB_NOW}
         WHERE node_id = $1 AND epoch = $2`,
        [node, epoch, leaseMs],
      );
      if (renewed.rowCount === 0) return { superseded: true, lost: [...held] };
      if (held.length === 0) return { superseded: false, lost: [] };
      const lost = await pool.query<{ code: string }>(
        `SELECT code FROM rooms WHERE code = ANY($1)
           AND (home_node IS DISTINCT FROM $2 OR home_epoch IS DISTINCT FROM $3)`,
        [held, node, epoch],
      );
      return { superseded: false, lost: lost.rows.map((r) => r.code) };
    },
    claim,
    async homeOf(code) {
      const found = await pool.query<{ home_node: string | null; home_epoch: number | null; alive: boolean }>(
        `SELECT r.home_node, r.home_epoch, ${HOME_ALIVE} AS alive FROM rooms r WHERE r.code = $1`,
        [code],
      );
      const row = found.rows[0];
      if (!row) return { kind: 'none' };
      if (row.home_node === node && row.home_epoch === epoch)
        return { kind: 'mine', claimed: false, downSince: null };
      return { kind: 'elsewhere', node: row.alive ? row.home_node : null };
    },
    async orphans(limit, held) {
      const found = await pool.query<{ code: string }>(
        `SELECT r.code FROM rooms r WHERE r.finished = 0
           AND (r.phase LIKE '{"kind":"question"%' OR r.phase LIKE '{"kind":"discussion"%')
           AND ((NOT $2::BOOLEAN AND (r.home_node IS NULL OR NOT ${HOME_ALIVE}))
             OR (r.home_node = $3 AND r.home_epoch = $4 AND NOT r.code = ANY($5)))
         ORDER BY r.updated_at DESC LIMIT $1`,
        [limit, claimsHeld(), node, epoch, held],
      );
      return found.rows.map((r) => r.code);
    },
    reconnected() {
      claimsHeldUntil = Date.now() + leaseMs;
    },
    async liveNode(exceptSelf) {
      const found = await pool.query<{ node_id: string }>(
        `SELECT node_id FROM nodes WHERE lease_until > ${DB_NOW} AND draining = 0
           AND ($2::BOOLEAN = false OR node_id <> $1)
         ORDER BY (node_id = $1) DESC, random() LIMIT 1`,
        [node, exceptSelf],
      );
      return found.rows[0]?.node_id ?? null;
    },
    async drain() {
      await pool.query('UPDATE nodes SET draining = 1 WHERE node_id = $1 AND epoch = $2', [node, epoch]);
    },
    release,
    async handOver(planned) {
      // Two round trips, not one per step: every query here delays the `moved` that 300 phones wait
      // for, and under load each costs tens of ms (bench:cluster, "told"). And every one between the
      // rooms' update and `moved` lets a save in flight find its room gone first, which then tells
      // its sockets `moved` without a home, and they look it up (half of one run's phones did).
      const found = await pool.query<{
        node_id: string | null;
        epoch: number | null;
        rooms: string | null;
        code: string | null;
      }>(
        `SELECT n.node_id, n.epoch, (SELECT count(*) FROM rooms r WHERE r.home_node = n.node_id
             AND r.home_epoch = n.epoch AND r.finished = 0) AS rooms, NULL AS code
         FROM nodes n WHERE n.lease_until > ${DB_NOW} AND n.draining = 0 AND n.node_id <> $1
         UNION ALL
         SELECT NULL, NULL, NULL, code FROM rooms WHERE home_node = $1 AND home_epoch = $2 AND finished = 0`,
        [node, epoch],
      );
      // Of nodes holding as many, the one given fewer of these rooms: each room's clients connect to
      // their new home at once, and two rooms' on one node took twice as long (bench:cluster, the
      // last node of a rolling restart). Then at random, so that two nodes leaving at once do not
      // pick the same one every time.
      const targets = found.rows
        .filter((r) => r.node_id !== null)
        .map((n) => ({
          node: n.node_id!,
          epoch: n.epoch!,
          load: Number(n.rooms),
          given: 0,
          tie: Math.random(),
        }));
      const codes: string[] = [];
      const to: string[] = [];
      const epochs: number[] = [];
      for (const { code } of found.rows) {
        if (code === null) continue;
        const target = targets.reduce<(typeof targets)[number] | undefined>(
          (best, t) =>
            !best ||
            t.load < best.load ||
            (t.load === best.load && (t.given < best.given || (t.given === best.given && t.tie < best.tie)))
              ? t
              : best,
          undefined,
        );
        if (!target) break;
        target.load++;
        target.given++;
        codes.push(code);
        to.push(target.node);
        epochs.push(target.epoch);
      }
      planned?.(new Map(codes.map((code, i) => [code, to[i]!])));
      // One statement: the rooms given (only those still this node's at its epoch: a claim since,
      // this node paused, keeps its own) and the rest let go. Its parts see one snapshot, so the
      // rooms let go leave out those given. The lease ends after it (endLease), not within it: a
      // statement that waits for a room's row (a save in flight) would hold this node's row
      // meanwhile, and this node's next life, which takes that row as it starts, would wait for it.
      const given = await pool.query<{ code: string; node: string }>(
        `WITH given AS (
           UPDATE rooms r SET home_node = g.node, home_epoch = g.epoch
           FROM unnest($3::TEXT[], $4::TEXT[], $5::INTEGER[]) AS g(code, node, epoch)
           WHERE r.code = g.code AND r.home_node = $1 AND r.home_epoch = $2
           RETURNING r.code, g.node
         ), released AS (
           UPDATE rooms SET home_node = NULL, home_epoch = NULL
           WHERE home_node = $1 AND home_epoch = $2 AND NOT code = ANY($3)
         )
         SELECT code, node FROM given`,
        [node, epoch, codes, to, epochs],
      );
      return new Map(given.rows.map((r) => [r.code, r.node]));
    },
    async endLease() {
      await pool.query('UPDATE nodes SET lease_until = 0 WHERE node_id = $1 AND epoch = $2', [node, epoch]);
    },
    async fence(db, code) {
      const mine = await db.query(
        'SELECT 1 FROM rooms WHERE code = $1 AND home_node = $2 AND home_epoch = $3 FOR SHARE',
        [code, node, epoch],
      );
      if (mine.rowCount === 0) throw new RoomMovedError(code);
    },
    async stamp(db, code) {
      await db.query('UPDATE rooms SET home_node = $2, home_epoch = $3 WHERE code = $1', [code, node, epoch]);
    },
  };
}
