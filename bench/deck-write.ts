// How long storing a big deck holds the event loop, on a real DATA_DIR (SQLite in WAL mode with the
// server's checkpointer thread): the library store's writes in 64 KB pieces (PIECE_BYTES, library
// migration 4) against the one INSERT of the whole JSON it did before, in the same run. A 1 ms timer
// records every gap in the event loop while decks are saved one after another; a gap is what a
// class's answer waiting behind the save would wait. Figures to read, not a test.
//
//   npm run bench:deck-write [-- --decks 40 --kb 800]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DEFAULT_QUOTAS } from '../server/limits/quotas';
import { createSqliteLibraryStore, PIECE_BYTES } from '../server/store/library-sqlite';
import { openDatabase } from '../server/store/sqlite';
import { deckOfSize } from '../test/abuse/decks';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
}
const DECKS = option('decks', 40);
const KB = option('kb', 800);

interface Gaps {
  /** The longest gap, ms. */
  max: number;
  /** Gaps over 5 ms. */
  over5: number;
  /** The time lost in gaps over 5 ms, ms. */
  lost: number;
}

/** Runs `work` with a 1 ms timer beside it, and reports the gaps between the timer's calls. */
async function gapsDuring(work: () => Promise<void>): Promise<Gaps> {
  const gaps: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const at = performance.now();
    gaps.push(at - last);
    last = at;
  }, 1);
  await work();
  clearInterval(timer);
  const long = gaps.filter((g) => g > 5);
  return { max: Math.max(0, ...gaps), over5: long.length, lost: long.reduce((sum, g) => sum + g, 0) };
}

const deck = deckOfSize(KB * 1000);
const json = Buffer.from(JSON.stringify(deck));
const text = { title: deck.title, rounds: deck.rounds.length, json };

async function measure(way: 'whole' | 'pieces'): Promise<Gaps> {
  const dir = mkdtempSync(join(tmpdir(), 'overshoot-deck-write-'));
  const db = openDatabase(dir);
  try {
    const library = createSqliteLibraryStore(db, {
      ...DEFAULT_QUOTAS,
      decksPerKey: 1e6,
      deckBytesPerKey: 1e12,
      libraryBytes: 1e12,
    });
    // What the store did before migration 4: the whole JSON in one INSERT, one transaction.
    const whole = db.prepare(
      `INSERT INTO decks (id, owner, title, rounds, body, bytes, created_at, updated_at)
       VALUES (?, 'bench', ?, ?, CAST(? AS TEXT), ?, 0, 0)`,
    );
    return await gapsDuring(async () => {
      for (let i = 0; i < DECKS; i++) {
        // A turn between saves, as between two requests.
        await nextTurn();
        if (way === 'whole') whole.run(`d${i}`, text.title, text.rounds, json, json.byteLength);
        else await library.createDeck('bench', `d${i}`, text, 0);
      }
    });
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `${DECKS} decks of ${(json.byteLength / 1e6).toFixed(2)} MB saved one after another, pieces of ${PIECE_BYTES / 1024} KB\n`,
);
const rows: Array<[string, Gaps]> = [];
// Alternated, twice each, so that the machine's other work falls on both alike.
for (const way of ['whole', 'pieces', 'whole', 'pieces'] as const) rows.push([way, await measure(way)]);
console.log('write    longest gap  gaps > 5 ms  time in them');
for (const [way, g] of rows)
  console.log(
    `${way.padEnd(8)} ${`${g.max.toFixed(1)} ms`.padStart(11)}  ${String(g.over5).padStart(11)}  ${`${g.lost.toFixed(0)} ms`.padStart(12)}`,
  );
