// Opens a PostgreSQL database (DATABASE_URL) and applies each module's migrations, as sqlite.ts does
// for the embedded file: `schema_version` records how far each module got.
import pg from 'pg';

export type Pool = pg.Pool;
export type Queryable = pg.Pool | pg.PoolClient;

export interface PgMigration {
  /** 1, 2, 3, … in order; a migration once shipped is never edited, only followed by another. */
  version: number;
  up: string;
}

/**
 * Timestamps are milliseconds since the epoch (BIGINT): node-postgres hands BIGINT back as a string
 * unless told otherwise, and every one of ours fits a double exactly.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 && format !== 'binary') return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, format);
  },
};

/** A pool of connections to `url` (postgres://user:password@host:port/database). */
export function openPool(url: string, options: { idleInTransactionMs?: number } = {}): Pool {
  // A database that does not answer is an error within seconds, not a start that hangs.
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 8,
    connectionTimeoutMillis: 5_000,
    ...(options.idleInTransactionMs
      ? { idle_in_transaction_session_timeout: options.idleInTransactionMs }
      : {}),
  });
  // An idle connection that dies (the server restarted) must not crash the process: the next query
  // takes a fresh one, and fails on its own if the database is still away.
  pool.on('error', () => undefined);
  // Nor may one that dies while checked out (a batch's transaction as PostgreSQL stops): node-postgres
  // emits 'error' on the client besides failing its query, and an 'error' nobody listens to ends
  // the process (it did, in test/resilience/postgres-outage.test.ts). The query's own failure is
  // what counts; the pool drops the broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** Node's codes for a connection that could not be made, or that broke. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/**
 * PostgreSQL's own: class 08 (connection exception), 57P01–57P03 (shut down by its administrator or
 * a crash, or not accepting connections yet while it starts or stops), 53300 (too many connections).
 */
const UNREACHABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
/** node-postgres' words, without a code, for a connection that went away or never came. */
const UNREACHABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

/**
 * Whether `error` says the database cannot be reached right now (it stopped, is restarting, or the
 * network to it is cut), as opposed to a query it refused: the first passes, the second is a bug.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNREACHABLE_SQLSTATE.test(code))) return true;
  return UNREACHABLE_MESSAGE.test(error.message);
}

/** One key for every process that migrates this database: migrations never run twice at once. */
const MIGRATION_LOCK = 0x6f76_7273;

/** Applies the module's migrations that are newer than its recorded version, each in a transaction. */
export async function migratePg(
  pool: Pool,
  module: string,
  migrations: readonly PgMigration[],
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
      module     TEXT PRIMARY KEY,
      version    INTEGER NOT NULL,
      applied_at BIGINT NOT NULL
    )`);
    const found = await client.query<{ version: number }>(
      'SELECT version FROM schema_version WHERE module = $1',
      [module],
    );
    let current = found.rows[0]?.version ?? 0;
    const latest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
    if (current > latest)
      throw new Error(
        `The database's "${module}" schema is version ${current}, newer than this server knows (${latest}). ` +
          'Run a newer Overshoot on this DATABASE_URL.',
      );
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (m.version <= current) continue;
      if (m.version !== current + 1)
        throw new Error(`Migration ${module} ${m.version} follows ${current}: the list has a gap.`);
      await client.query('BEGIN');
      try {
        await client.query(m.up);
        await client.query(
          `INSERT INTO schema_version (module, version, applied_at) VALUES ($1, $2, $3)
           ON CONFLICT (module) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at`,
          [module, m.version, Date.now()],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      current = m.version;
    }
    return current;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** Runs `fn` in one transaction on one connection of the pool: all of it is committed, or none. */
export async function inTransaction<T>(pool: Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
