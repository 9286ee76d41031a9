// SQLite's checkpoints (copying the WAL's pages into the database file, with an fsync of each) run on
// a thread of their own, never inside a commit of the connection the server writes on: that commit
// would hold the event loop for the fsyncs, 30–50 ms on a busy disk (issue 16, deck flood).
import { mkdtempSync, readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
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

  // CI failed on this (ENOTEMPTY in a test's rmSync of its data directory): a server that lived
  // for less than the checkpointer's start-up closed its database, and the thread, starting late,
  // opened the file again, creating it if it was gone. Nothing may touch DATA_DIR after close().
  it('after close() the checkpointer never opens the file again, even one that is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'overshoot-checkpoint-'));
    dirs.push(dir);
    const db = openDatabase(dir);
    db.close();
    unlinkSync(join(dir, DB_FILE));
    await new Promise((r) => setTimeout(r, 1500));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('close() returns after the checkpointer has closed: only the database file is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'overshoot-checkpoint-'));
    dirs.push(dir);
    const db = openDatabase(dir);
    db.exec('CREATE TABLE t (body TEXT NOT NULL)');
    db.prepare('INSERT INTO t (body) VALUES (?)').run('x'.repeat(100_000));
    // Long enough for the thread to have opened its connection and checkpointed once.
    await new Promise((r) => setTimeout(r, 1500));
    db.close();
    expect(readdirSync(dir)).toEqual([DB_FILE]);
    await new Promise((r) => setTimeout(r, 300));
    expect(readdirSync(dir)).toEqual([DB_FILE]);
  });

  it('a database in memory has no WAL and no checkpointer', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('journal_mode', { simple: true })).toBe('memory');
    db.close();
  });
});
