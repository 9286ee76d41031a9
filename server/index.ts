// Starts Overshoot: `npm start`. Prints the address and a QR code students use to join.
//
// Environment: PORT (3000), HOST (0.0.0.0), PUBLIC_URL (http://<LAN address>:PORT), DATA_DIR
// (./data), DATABASE_URL (none: SQLite in DATA_DIR), ALLOWED_ORIGINS (none), TRUST_PROXY (off),
// NODE_ID, LEASE_MS, RENEW_MS, LEAVE_AFTER_MOVED_MS, WARM_UP_PLAYERS (cluster mode, docs/deploy.md). README "Running on a server" explains them;
// the LIMIT_*, QUOTA_*, ROOM_* and ROOMS_* variables are in README "Limits".
import { resolve } from 'node:path';
import QRCode from 'qrcode';
import { MOVED_SPREAD_MS } from '../shared/protocol/rehome';
import { createApp } from './app';
import { LEASE_MS, RENEW_MS } from './cluster';
import { lanAddress } from './lan';
import { limitsFromEnv } from './limits/config';
import { DatabaseUnavailableError, describeDatabase, openPostgres } from './store/open-postgres';
import { parseAllowedOrigins } from './transport/origin';
import { MAX_WARM_UP_PLAYERS, WARM_UP_PLAYERS, warmUp } from './warm-up';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const publicUrl = process.env.PUBLIC_URL ?? `http://${lanAddress()}:${port}`;
const dataDir = resolve(process.env.DATA_DIR ?? './data');
const allowed = parseAllowedOrigins(process.env.ALLOWED_ORIGINS);
if (allowed.invalid.length > 0)
  console.warn(`ALLOWED_ORIGINS: ignoring ${allowed.invalid.join(', ')} (expected e.g. https://example.org)`);

const limits = limitsFromEnv(process.env);
for (const problem of limits.invalid) console.warn(`Ignoring ${problem}; using the default.`);

// DATABASE_URL: PostgreSQL holds the games and the library; without it, SQLite in DATA_DIR.
const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;

// NODE_ID: one node of a cluster on one PostgreSQL (docs/deploy.md); without it, one process as ever.
const nodeId = process.env.NODE_ID?.trim() || undefined;
/**
 * A whole number from the environment, `fallback` when unset. Anything but a whole number from
 * `min` to `max` stops the process before it listens, saying which variable and what it takes.
 */
const wholeFromEnv = (name: string, fallback: number, min: number, max: number, what: string) => {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  console.error(`${name} must be ${what} (got "${raw}").\nOvershoot did not start.`);
  process.exit(1);
};
const positive = (name: string, fallback: number) =>
  wholeFromEnv(name, fallback, 1, Number.MAX_SAFE_INTEGER, 'a whole number of milliseconds above 0');
const leaseMs = positive('LEASE_MS', LEASE_MS);
const renewMs = positive('RENEW_MS', RENEW_MS);
/**
 * How long a node that handed rooms over (SIGTERM) stays up, idle, before it closes and exits: about
 * the time its clients take to move (MOVED_SPREAD_MS, then their handshakes and resumes on the new
 * home). A deploy starts the node again once it has exited: on the same machine, that boot (over a
 * second of CPU through tsx) would otherwise take the cores the moves need (docs/deploy.md). 0 for
 * nodes on machines of their own.
 */
const leaveAfterMovedMs = wholeFromEnv(
  'LEAVE_AFTER_MOVED_MS',
  MOVED_SPREAD_MS + 700,
  0,
  10_000,
  'a whole number of milliseconds from 0 to 10000',
);
if (nodeId !== undefined) {
  const problem = !/^[a-z0-9-]{1,32}$/.test(nodeId)
    ? `NODE_ID "${nodeId}" must be 1 to 32 lowercase letters, digits or dashes (e.g. n1).`
    : !databaseUrl
      ? 'NODE_ID is set, so this process is one node of a cluster: set DATABASE_URL to the PostgreSQL the nodes share.'
      : renewMs >= leaseMs
        ? `RENEW_MS (${renewMs}) must be shorter than LEASE_MS (${leaseMs}), or the lease runs out between renewals.`
        : null;
  if (problem) {
    console.error(`${problem}\nOvershoot did not start.`);
    process.exit(1);
  }
}

// A node warms up before it joins the cluster, so that the first class moved onto it (a rolling
// deploy) is not served by cold code (server/warm-up.ts). One process with SQLite has no such moves.
const warmUpPlayers = wholeFromEnv(
  'WARM_UP_PLAYERS',
  WARM_UP_PLAYERS,
  0,
  MAX_WARM_UP_PLAYERS,
  `a whole number from 0 to ${MAX_WARM_UP_PLAYERS}`,
);
if (nodeId !== undefined && warmUpPlayers > 0) {
  try {
    const warm = await warmUp(warmUpPlayers);
    console.log(
      warm.complete
        ? `Warmed up with ${warm.players} practice players in ${warm.ms} ms.`
        : `Warmed up with ${warm.players} of ${warmUpPlayers} practice players in ${warm.ms} ms (the machine is busy; starting partly warm).`,
    );
  } catch (error) {
    console.warn(`Warming up failed (${(error as Error).message}); starting cold.`);
  }
}

let postgres: Awaited<ReturnType<typeof openPostgres>> | undefined;
if (databaseUrl) {
  try {
    postgres = await openPostgres(
      databaseUrl,
      limits.quotas,
      nodeId === undefined ? undefined : { node: nodeId, leaseMs },
    );
  } catch (error) {
    if (!(error instanceof DatabaseUnavailableError)) throw error;
    console.error(
      `${error.message}\nOvershoot did not start. Check DATABASE_URL, or unset it to use SQLite.`,
    );
    process.exit(1);
  }
}
const savedIn = databaseUrl ? `PostgreSQL (${describeDatabase(databaseUrl)})` : dataDir;

const server = createApp({
  publicUrl,
  ...(postgres ? { store: postgres.store, library: postgres.library } : { dataDir }),
  budgets: limits.budgets,
  heldRefusalsMax: limits.heldRefusalsMax,
  quotas: limits.quotas,
  roomLimits: limits.rooms,
  outbox: limits.outbox,
  allowedOrigins: allowed.origins,
  trustProxy: /^(1|true|yes)$/i.test(process.env.TRUST_PROXY ?? ''),
  ...(postgres?.store.homes ? { cluster: { homes: postgres.store.homes, renewMs, leaseMs } } : {}),
});

server.httpServer.listen(port, host, async () => {
  const qr = await QRCode.toString(publicUrl, { type: 'terminal', small: true });
  const resumed = server.rooms.codes().length;
  console.log(
    [
      '',
      'Overshoot is running.',
      `  Projector (you):   http://localhost:${port}/host`,
      `  Students join at:  ${publicUrl}`,
      `  Games are saved in ${savedIn}${resumed ? ` (${resumed} resumed)` : ''}`,
      ...(nodeId ? [`  Cluster node ${nodeId}: sockets at /n/${nodeId}/socket.io`] : []),
      '',
      qr,
    ].join('\n'),
  );
});

server.httpServer.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') {
    console.error(`Port ${port} is already in use. Start with another port, e.g. PORT=3001 npm start`);
    process.exit(1);
  }
  throw error;
});

/** How long a cluster node's close may take once its rooms are handed over. */
const CLUSTER_CLOSE_MS = 3_000;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    // A node of a cluster hands its rooms over first: their clients move to another node at once,
    // rather than after its lease runs out.
    const handOver =
      server.cluster
        ?.handOver()
        .then((given) => given > 0 && new Promise((resolve) => setTimeout(resolve, leaveAfterMovedMs)))
        .catch((error) => console.error('handing the rooms over failed', error)) ?? Promise.resolve();
    void handOver
      .then(() => {
        const closing = server.close();
        if (!server.cluster) return closing;
        // A node that handed its rooms over owes nothing more: every answer it acknowledged is
        // committed, and the new homes' fence refuses what it still holds. Its close waited on
        // saves its sockets kept feeding, past the deploy's SIGKILL (bench:cluster, twice a run).
        return Promise.race([
          closing,
          new Promise<void>((resolve) =>
            setTimeout(() => {
              console.error(`closing took over ${CLUSTER_CLOSE_MS} ms after the hand-over: exiting now`);
              resolve();
            }, CLUSTER_CLOSE_MS).unref(),
          ),
        ]);
      })
      .then(() => process.exit(0));
  });
}
