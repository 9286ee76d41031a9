// A database of this test file's own on the run's PostgreSQL (test/postgres/global-setup.mts), made
// fresh (CREATE DATABASE) and dropped after the file, so test files never see each other's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';

/** The URL of a new, empty database; dropped once the file's tests are done. */
export async function freshDatabase(): Promise<string> {
  const admin = inject('postgresUrl');
  const name = `overshoot_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  afterAll(async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
