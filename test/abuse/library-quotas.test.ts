// The library's quotas as the store keeps them, on a real SQLite file: what counts, what is kept
// whatever the quota, and a library from before quotas.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSqliteLibraryStore,
  LIBRARY_MIGRATIONS,
  SIZE_QUERIES,
} from '../../server/store/library-sqlite';
import { type Db, migrate, openDatabase } from '../../server/store/sqlite';
import type { ReportSummary } from '../../shared/protocol/api';
import type { DeckFile } from '../../shared/protocol/deck';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'overshoot-quota-'));
  db = openDatabase(dir);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const deck = (title: string, extra = 0): DeckFile => ({
  title,
  rounds: [{ cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5 + extra / 1e6], alpha: 0.1 }],
});
const summary = (id: string, code: string): ReportSummary => ({
  id,
  code,
  title: 'Week 1',
  startedAt: 1,
  endedAt: 2,
  players: 20,
  rounds: 3,
  shareCorrect: 0.5,
});

describe('the library counts what it keeps', () => {
  it('adds decks and reports up, and gives their bytes back when they are deleted', () => {
    const library = createSqliteLibraryStore(db);
    expect(library.usage()).toEqual({ bytes: 0, decks: 0, reports: 0 });
    const saved = library.createDeck('ada', 'd1', deck('A'), 1);
    if (!saved.ok) throw new Error(saved.quota);
    library.saveReport('ada', summary('r1', 'ABC123'), { answers: [1, 2, 3] });
    const bytes = saved.json.byteLength + Buffer.byteLength(JSON.stringify({ answers: [1, 2, 3] }));
    expect(library.usage()).toEqual({ bytes, decks: 1, reports: 1 });
    // Reopening reads the same totals from the file.
    expect(createSqliteLibraryStore(db).usage()).toEqual({ bytes, decks: 1, reports: 1 });
    expect(library.deleteDeck('ada', 'd1')).toBe(true);
    expect(library.deleteReport('ada', 'r1')).toBe(true);
    expect(library.usage()).toEqual({ bytes: 0, decks: 0, reports: 0 });
  });

  it("a finished game's report is saved even when the library is full, and stays", () => {
    const library = createSqliteLibraryStore(db, {
      decksPerKey: 10,
      deckBytesPerKey: 1e6,
      libraryBytes: 200,
    });
    expect(library.createDeck('ada', 'd1', deck('A'), 1).ok).toBe(true);
    library.saveReport('ada', summary('r1', 'ABC123'), { rows: 'x'.repeat(500) });
    expect(library.getReport('ada', 'r1')).toBeDefined();
    expect(library.quotaReached('bob')).toBe('libraryBytes');
    expect(library.createDeck('bob', 'd2', deck('B'), 1)).toEqual({ ok: false, quota: 'libraryBytes' });
    expect(library.listDecks('bob')).toEqual([]);
  });

  it('a key is known once it keeps a deck or a report', () => {
    const library = createSqliteLibraryStore(db);
    expect(library.isKnown('ada')).toBe(false);
    library.saveReport('ada', summary('r1', 'ABC123'), {});
    expect(library.isKnown('ada')).toBe(true);
    expect(library.isKnown('bob')).toBe(false);
    library.createDeck('bob', 'd1', deck('B'), 1);
    expect(library.isKnown('bob')).toBe(true);
  });

  it("reads sizes from indexes, never from the bodies (a big deck's size sits past its body)", () => {
    migrate(db, 'library', LIBRARY_MIGRATIONS.slice(0, 2));
    const library = createSqliteLibraryStore(db);
    const big = { ...deck('Big'), note: 'x'.repeat(100_000) };
    expect(library.createDeck('ada', 'd1', big, 1).ok).toBe(true);
    for (const [name, sql] of Object.entries(SIZE_QUERIES)) {
      const params = name === 'ownerUsage' ? ['ada'] : ['ada', 'd1'];
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join('; ');
      expect(plan, name).toMatch(/USING COVERING INDEX/);
    }
    expect(library.quotaReached('ada')).toBeUndefined();
    expect(library.deleteDeck('ada', 'd1')).toBe(true);
    expect(library.usage()).toEqual({ bytes: 0, decks: 0, reports: 0 });
  });

  it("stores a deck given as its JSON's bytes as text, as one given as a deck file", () => {
    const library = createSqliteLibraryStore(db);
    const file = deck('Bytes, with é');
    const json = Buffer.from(JSON.stringify(file));
    expect(library.createDeck('ada', 'd1', { title: file.title, rounds: 1, json }, 1)).toMatchObject({
      ok: true,
    });
    expect(library.createDeck('ada', 'd2', file, 1)).toMatchObject({ ok: true });
    const rows = db.prepare('SELECT typeof(body) AS type, body, bytes FROM decks ORDER BY id').all();
    const row = { type: 'text', body: json.toString(), bytes: json.byteLength };
    expect(rows).toEqual([row, row]);
    expect(library.getDeck('ada', 'd1')?.deck).toEqual(file);
  });

  it('a library from before quotas gets its sizes counted when it opens', () => {
    migrate(db, 'library', LIBRARY_MIGRATIONS.slice(0, 1));
    const body = JSON.stringify(deck('Before, with é'));
    db.prepare(
      `INSERT INTO decks (id, owner, title, rounds, body, created_at, updated_at)
       VALUES ('d0', 'ada', 'Before', 1, ?, 1, 1)`,
    ).run(body);
    const library = createSqliteLibraryStore(db);
    expect(library.usage()).toEqual({ bytes: Buffer.byteLength(body), decks: 1, reports: 0 });
  });
});
