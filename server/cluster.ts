// Cluster mode (NODE_ID, docs/deploy.md): this process is one of several on one PostgreSQL. It keeps
// its lease, lets go of the rooms another node has claimed, claims the rooms of dead nodes that have
// a deadline to keep, names each room's home to whoever asks, and hands its rooms over on SIGTERM.
import type express from 'express';
import { type Failure, fail } from '../shared/protocol/errors';
import { socketPathOf } from '../shared/protocol/rehome';
import type { RoomManager } from './room/rooms';
import type { StoreHealth } from './room/store-health';
import type { Homes } from './store/homes-postgres';

/** Defaults of LEASE_MS and RENEW_MS: a dead node's rooms move within about LEASE_MS + RENEW_MS. */
export const LEASE_MS = 3_000;
export const RENEW_MS = 1_000;
/** How long SIGTERM's hand-over waits for what is unsaved before it hands the rooms over anyway. */
const HAND_OVER_FLUSH_MS = 1_000;
/** The most orphaned rooms one renewal claims: the other nodes take their share of a dead one's. */
const ORPHANS_PER_TICK = 20;
/** A room code as the rooms are made (server/random.ts). */
const ROOM_CODE = /^[0-9]{6}$/;

export interface Cluster {
  /**
   * SIGTERM: no new rooms, saves what waits, gives every room to a live node, and tells their sockets
   * to move there. Resolves with how many rooms it gave.
   */
  handOver(): Promise<number>;
  /** Stops the renewals. */
  stop(): void;
}

/** GET /api/home and GET /api/rooms/:code/home; `homes` null in single-process mode. */
export function homeRoutes(
  app: express.Express,
  deps: { homes: Homes | null; rooms: RoomManager; draining(): boolean; failed(error: unknown): boolean },
) {
  const { homes, rooms } = deps;
  const named = (node: string | null) => ({ node, path: socketPathOf(node) });
  // The cluster contract's shape (docs/api.md, "Game homes"): the code and its sentence.
  const body = (f: Failure) => ({ error: { code: f.error, message: f.message } });
  const notFound = (res: express.Response) => res.status(404).json(body(fail('ROOM_NOT_FOUND')));
  const refused = (res: express.Response, error: unknown) => {
    if (deps.failed(error))
      return res
        .status(503)
        .set('Retry-After', '1')
        .json(body(fail('STORE_UNAVAILABLE')));
    throw error;
  };

  app.get('/api/home', async (_req, res) => {
    if (!homes) return res.json(named(null));
    if (!deps.draining()) return res.json(named(homes.node));
    try {
      return res.json(named((await homes.liveNode(true)) ?? homes.node));
    } catch (error) {
      return refused(res, error);
    }
  });

  app.get('/api/rooms/:code/home', async (req, res) => {
    const code = req.params.code;
    if (!ROOM_CODE.test(code))
      return res.status(400).json(body(fail('BAD_PAYLOAD', 'A game code is six digits.')));
    try {
      if (!homes) {
        const failed = await rooms.ready(code);
        if (failed?.error === 'STORE_UNAVAILABLE') return refused(res, failed);
        return rooms.get(code) ? res.json(named(null)) : notFound(res);
      }
      if (rooms.codes().includes(code)) return res.json(named(homes.node));
      const home = await homes.homeOf(code);
      if (home.kind === 'none') return notFound(res);
      if (home.kind === 'elsewhere' && home.node !== null) return res.json(named(home.node));
      // No live home: this node claims it, unless it is leaving (then a live node will, when asked).
      if (deps.draining()) return res.json(named((await homes.liveNode(true)) ?? homes.node));
      const adopted = await rooms.adopt(code);
      if ('home' in adopted) return res.json(named(adopted.home ?? homes.node));
      if (adopted.error === 'ROOM_NOT_FOUND') return notFound(res);
      return res.status(503).set('Retry-After', '1').json(body(adopted));
    } catch (error) {
      return refused(res, error);
    }
  });
}

export function startCluster(deps: {
  homes: Homes;
  rooms: RoomManager;
  health: StoreHealth;
  renewMs: number;
  leaseMs: number;
  log(message: string, error?: unknown): void;
}): Cluster & { draining(): boolean } {
  const { homes, rooms, health, log } = deps;
  let draining = false;
  let stopped = false;

  let ticking = false;
  // When this node last renewed (its wall time). A renewal more than a lease after the previous one
  // means the database was out of reach (refused, or hung) long enough for every lease to run out.
  let renewedAt = Date.now();
  async function tick() {
    if (ticking || stopped) return;
    ticking = true;
    try {
      const { superseded, lost } = await homes.renew(rooms.codes());
      health.answered();
      const now = Date.now();
      if (now - renewedAt > deps.leaseMs) homes.reconnected();
      renewedAt = now;
      if (superseded) log(`another process took NODE_ID ${homes.node}'s lease: this one lets its rooms go`);
      for (const code of lost) rooms.drop(code);
      // Deadlines of dead nodes' rooms, and of rooms a leaving node handed to this one, close even if
      // none of their clients asks for them.
      if (!draining && !superseded)
        for (const code of await homes.orphans(ORPHANS_PER_TICK, rooms.codes())) {
          const adopted = await rooms.adopt(code);
          if (
            'error' in adopted &&
            adopted.error !== 'ROOM_NOT_FOUND' &&
            adopted.error !== 'STORE_UNAVAILABLE'
          )
            log(`could not take over room ${code}: ${adopted.message}`);
        }
    } catch (error) {
      // An outage alone moves no room: this node keeps its rooms, and writes wait for the database.
      if (!health.failed(error)) log('renewing the lease failed', error);
    } finally {
      ticking = false;
    }
  }
  const timer = setInterval(() => void tick(), deps.renewMs);
  timer.unref();

  return {
    draining: () => draining,
    async handOver() {
      draining = true;
      clearInterval(timer);
      // Marked draining (no new game is placed here) while what waited at SIGTERM is saved: one round
      // trip less before `moved`.
      const drained = homes.drain().catch((error) => log('could not mark this node as draining', error));
      // What waited at SIGTERM is saved first, so that its clients need not send it again; but not
      // what comes after: the rooms' sockets keep sending until they are told to move, and a flush
      // that chased them held `moved` back for its whole second (bench:cluster, "told"), once until
      // systemd's SIGKILL. And only for so long. What is not saved by then is not acknowledged, its
      // write fails the new home's fence, and its clients send it again there.
      const flushing = Date.now();
      const flushed = await Promise.race([
        new Promise<true>((resolve) => rooms.afterCommit(() => resolve(true))),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), HAND_OVER_FLUSH_MS).unref()),
      ]);
      if (!flushed) log(`saving before the hand-over took over ${HAND_OVER_FLUSH_MS} ms: handing over now`);
      await drained;
      const started = Date.now();
      // Each room goes to a named live node, whose sockets its clients open at once: no lookup, and
      // no claim race among the other nodes.
      const given = await homes.handOver((plan) => rooms.expectMoves(plan));
      // Told before anything else is awaited: see homes.handOver.
      for (const code of rooms.codes()) rooms.drop(code, given.get(code) ?? null);
      // Every room has left memory: a late save's failure finds none to name a home for.
      rooms.expectMoves(new Map());
      const to = [...new Set(given.values())].sort().join(', ');
      log(
        `handing over ${given.size} room(s)${given.size ? ` to ${to}` : ''} in ${Date.now() - started} ms ` +
          `(after ${started - flushing} ms saving)`,
      );
      await homes.endLease().catch((error) => {
        // Not fatal: it runs out within LEASE_MS anyway, and this node takes no room meanwhile.
        if (!health.failed(error)) log('could not end the lease', error);
      });
      return given.size;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
