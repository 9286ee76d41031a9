// PI9: SQLite's migration for twins. That a twin survives a reload, on SQLite and PostgreSQL alike, is
// in stores.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteRoomStore, ROOMS_MIGRATIONS } from '../../server/store/rooms-sqlite';
import { type Db, openDatabase } from '../../server/store/sqlite';

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

describe('PI9 SQLite schema', () => {
  it('migration 7 adds results.twin_of', () => {
    expect(ROOMS_MIGRATIONS.map((m) => m.version)).toContain(7);
    const db = openDatabase(':memory:');
    dbs.push(db);
    createSqliteRoomStore(db);
    const columns = db.prepare('PRAGMA table_info(results)').all() as Array<{ name: string }>;
    expect(columns.map((c) => c.name)).toContain('twin_of');
  });
});
