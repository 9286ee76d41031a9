// The library's quotas as the store keeps them, on a real SQLite file: what counts, what is kept
// whatever the quota, a library from before quotas, and big decks written in pieces.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS } from '../../server/limits/quotas';
import {
  createSqliteLibraryStore,
  LIBRARY_MIGRATIONS,
  PIECE_BYTES,
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
  it('adds decks and reports up, and gives their bytes back when they are deleted', async () => {
    const library = createSqliteLibraryStore(db);
    expect(library.usage()).toEqual({ bytes: 0, decks: 0, reports: 0 });
    const saved = await library.createDeck('ada', 'd1', deck('A'), 1);
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

  it("a finished game's report is saved even when the library is full, and stays", async () => {
    const library = createSqliteLibraryStore(db, {
      ...DEFAULT_QUOTAS,
      decksPerKey: 10,
      deckBytesPerKey: 1e6,
      libraryBytes: 200,
    });
    expect((await library.createDeck('ada', 'd1', deck('A'), 1)).ok).toBe(true);
    library.saveReport('ada', summary('r1', 'ABC123'), { rows: 'x'.repeat(500) });
    expect(library.getReport('ada', 'r1')).toBeDefined();
    expect(library.quotaReached('bob')).toBe('libraryBytes');
    expect(await library.createDeck('bob', 'd2', deck('B'), 1)).toEqual({ ok: false, quota: 'libraryBytes' });
    expect(library.listDecks('bob')).toEqual([]);
  });

  it('a key is known once it keeps a deck or a report', async () => {
    const library = createSqliteLibraryStore(db);
    expect(library.isKnown('ada')).toBe(false);
    library.saveReport('ada', summary('r1', 'ABC123'), {});
    expect(library.isKnown('ada')).toBe(true);
    expect(library.isKnown('bob')).toBe(false);
    await library.createDeck('bob', 'd1', deck('B'), 1);
    expect(library.isKnown('bob')).toBe(true);
  });

  it("reads sizes from indexes, never from the bodies (a big deck's size sits past its body)", async () => {
    migrate(db, 'library', LIBRARY_MIGRATIONS.slice(0, 2));
    const library = createSqliteLibraryStore(db);
    const big = { ...deck('Big'), note: 'x'.repeat(100_000) };
    expect((await library.createDeck('ada', 'd1', big, 1)).ok).toBe(true);
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

  it("stores a deck given as its JSON's bytes as text, as one given as a deck file", async () => {
    const library = createSqliteLibraryStore(db);
    const file = deck('Bytes, with é');
    const json = Buffer.from(JSON.stringify(file));
    expect(await library.createDeck('ada', 'd1', { title: file.title, rounds: 1, json }, 1)).toMatchObject({
      ok: true,
    });
    expect(await library.createDeck('ada', 'd2', file, 1)).toMatchObject({ ok: true });
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

describe('a big deck is written in pieces, with the event loop free between them', () => {
  /** A deck whose JSON is about `kb` KB. */
  const bigDeck = (title: string, kb: number): DeckFile =>
    ({ ...deck(title), note: 'x'.repeat(kb * 1024) }) as DeckFile;
  const pieceCount = () => (db.prepare('SELECT COUNT(*) AS n FROM deck_pieces').get() as { n: number }).n;
  const piecesOf = (bytes: number) => Math.ceil(bytes / PIECE_BYTES);

  it('stores its JSON as pieces, reads it back whole, and replaces or deletes them with the deck', async () => {
    const library = createSqliteLibraryStore(db);
    const first = bigDeck('Big', 300);
    const saved = await library.createDeck('ada', 'd1', first, 1);
    if (!saved.ok) throw new Error(saved.quota);
    expect(pieceCount()).toBe(piecesOf(saved.json.byteLength));
    expect(pieceCount()).toBeGreaterThan(1);
    expect(db.prepare("SELECT body FROM decks WHERE id = 'd1'").get()).toEqual({ body: '' });
    expect(library.getDeck('ada', 'd1')?.deck).toEqual(first);
    expect(library.usage()).toEqual({ bytes: saved.json.byteLength, decks: 1, reports: 0 });

    const second = bigDeck('Bigger', 500);
    const updated = await library.updateDeck('ada', 'd1', second, 2);
    if (!updated?.ok) throw new Error('not updated');
    expect(updated.deck).toMatchObject({ createdAt: 1, updatedAt: 2, title: 'Bigger' });
    expect(pieceCount(), "the first version's pieces are gone").toBe(piecesOf(updated.json.byteLength));
    expect(library.getDeck('ada', 'd1')?.deck).toEqual(second);

    const small = deck('Small again');
    expect(await library.updateDeck('ada', 'd1', small, 3)).toMatchObject({ ok: true });
    expect(pieceCount()).toBe(0);
    expect(library.getDeck('ada', 'd1')?.deck).toEqual(small);

    await library.updateDeck('ada', 'd1', first, 4);
    expect(library.deleteDeck('ada', 'd1')).toBe(true);
    expect(pieceCount()).toBe(0);
    expect(library.usage()).toEqual({ bytes: 0, decks: 0, reports: 0 });
  });

  it('lets other work run between its pieces', async () => {
    const library = createSqliteLibraryStore(db);
    let turns = 0;
    let saving = true;
    const spin = () => {
      turns++;
      if (saving) setImmediate(spin);
    };
    setImmediate(spin);
    const saved = library.createDeck('ada', 'd1', bigDeck('Big', 800), 1);
    expect(saved, 'a big deck is saved later, not at once').toBeInstanceOf(Promise);
    expect((await saved).ok).toBe(true);
    saving = false;
    expect(turns).toBeGreaterThanOrEqual(piecesOf(800 * 1024) - 1);
  });

  it('checks the quotas again once its pieces are in: of two saves racing for the last room, one fits', async () => {
    const library = createSqliteLibraryStore(db, {
      ...DEFAULT_QUOTAS,
      decksPerKey: 10,
      deckBytesPerKey: 500 * 1024,
      libraryBytes: 1e9,
    });
    const [a, b] = await Promise.all([
      library.createDeck('ada', 'd1', bigDeck('A', 300), 1),
      library.createDeck('ada', 'd2', bigDeck('B', 300), 1),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(a.ok ? b : a).toEqual({ ok: false, quota: 'deckBytesPerKey' });
    const kept = (a.ok ? a : b) as { json: Uint8Array };
    expect(pieceCount(), "the refused save's pieces are gone").toBe(piecesOf(kept.json.byteLength));
    expect(library.listDecks('ada')).toHaveLength(1);
  });

  it("a save cut short leaves no pieces behind once the library opens again, and an older library's decks read as before", async () => {
    migrate(db, 'library', LIBRARY_MIGRATIONS.slice(0, 3));
    const whole = bigDeck('Whole', 200);
    db.prepare(
      `INSERT INTO decks (id, owner, title, rounds, body, bytes, created_at, updated_at)
       VALUES ('d0', 'ada', 'Whole', 1, ?, ?, 1, 1)`,
    ).run(JSON.stringify(whole), Buffer.byteLength(JSON.stringify(whole)));
    const library = createSqliteLibraryStore(db);
    expect(library.getDeck('ada', 'd0')?.deck).toEqual(whole);
    // What a server stopped between a save's first piece and its row leaves behind.
    const piece = db.prepare('INSERT INTO deck_pieces (upload, seq, piece) VALUES (?, ?, ?)');
    piece.run('cut-short', 0, Buffer.alloc(PIECE_BYTES));
    piece.run('cut-short', 1, Buffer.alloc(10));
    expect(pieceCount()).toBe(2);
    createSqliteLibraryStore(db);
    expect(pieceCount()).toBe(0);
    expect(await library.updateDeck('ada', 'd0', bigDeck('Now in pieces', 200), 2)).toMatchObject({
      ok: true,
    });
    expect(pieceCount()).toBeGreaterThan(1);
    expect(library.getDeck('ada', 'd0')?.deck).toMatchObject({ title: 'Now in pieces' });
  });
});
