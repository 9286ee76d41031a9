// DATABASE_URL: the rooms and the library on one PostgreSQL, through one pool. Opening checks that
// the database answers and migrates it, so a server that cannot use it stops at its start with a
// message that says why, rather than at the first game.
import type { LibraryQuotas } from '../limits/quotas';
import { createPostgresLibraryStore, type PostgresLibraryStore } from './library-postgres';
import { openPool } from './postgres';
import { type ClusterOptions, createPostgresRoomStore, type PostgresRoomStore } from './rooms-postgres';

/** Why the database cannot be used, in words for whoever starts the server. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** The URL without its password: what a message may show. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

export interface PostgresStores {
  store: PostgresRoomStore;
  library: PostgresLibraryStore;
}

/** `cluster`: this process is one node of several (NODE_ID); its lease and room homes are kept here. */
export async function openPostgres(
  url: string,
  quotas?: LibraryQuotas,
  cluster?: ClusterOptions,
): Promise<PostgresStores> {
  const where = describeDatabase(url);
  let pool: ReturnType<typeof openPool>;
  try {
    // A node paused in the middle of a transaction (SIGSTOP) would hold its rooms' rows for as long
    // as it sleeps, and no other node could claim them: PostgreSQL ends such a session first.
    pool = openPool(url, cluster ? { idleInTransactionMs: cluster.leaseMs } : {});
  } catch (error) {
    throw new DatabaseUnavailableError(
      `DATABASE_URL is not a PostgreSQL URL (postgres://user:password@host:5432/database): ${String(error)}`,
    );
  }
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnavailableError(`Cannot reach the PostgreSQL database at ${where}: ${reason}`);
  }
  try {
    const library = await createPostgresLibraryStore(pool, quotas);
    const store = await createPostgresRoomStore(pool, cluster);
    return { store, library };
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnavailableError(`The PostgreSQL database at ${where} cannot be used: ${reason}`);
  }
}
