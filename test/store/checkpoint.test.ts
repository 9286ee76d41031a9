// SQLite's checkpoints (copying the WAL's pages into the database file, with an fsync of each) run on
// a thread of their own, never inside a commit of the connection the server writes on: that commit
// would hold the event loop for the fsyncs, 30–50 ms on a busy disk (issue 16, deck flood).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DB_FILE, openDatabase } from '../../server/store/sqlite';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('checkpoints', () => {
  it('the writing connection never checkpoints; its pages still reach the database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'overshoot-checkpoint-'));
    dirs.push(dir);
    const db = openDatabase(dir);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    db.exec('CREATE TABLE t (body TEXT NOT NULL)');
    const file = join(dir, DB_FILE);
    const before = statSync(file).size;
    // 5 MB: past the 1000 pages (4 MB) at which a commit would have checkpointed by itself.
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    for (let i = 0; i < 10; i++) insert.run('x'.repeat(500_000));
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 4_000_000), {
      timeout: 10_000,
      interval: 100,
    });
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 10 });
    db.close();
  });

  it('a database in memory has no WAL and no checkpointer', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('journal_mode', { simple: true })).toBe('memory');
    db.close();
  });
});
