// Opens the embedded database and applies each module's migrations. One file in DATA_DIR, WAL mode.
//
// Modules (the rooms today; instructors' decks and game reports later) each own a list of
// migrations, numbered from 1, and their own tables; `schema_version` records how far each module
// got, so adding a module or a migration never touches another module's tables.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface Migration {
  /** 1, 2, 3, … in order; a migration once shipped is never edited, only followed by another. */
  version: number;
  up: string | ((db: Db) => void);
}

export const DB_FILE = 'overshoot.db';

export interface OpenOptions {
  /**
   * `normal` (the default) survives a killed process: a commit is in the WAL file before the call
   * returns. Only a power cut or an OS crash can lose the last commits. `full` also syncs the WAL to
   * the disk at every commit, at the cost of one fsync per answer.
   */
  synchronous?: 'normal' | 'full';
}

/** Opens (creating the directory and file on first start) `DATA_DIR/overshoot.db`, or `:memory:`. */
export function openDatabase(dataDir: string | ':memory:', options: OpenOptions = {}): Db {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, DB_FILE);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  if (file !== ':memory:') checkpointElsewhere(db, file);
  db.pragma('foreign_keys = ON');
  // Another process (a backup with the sqlite3 CLI) may hold the lock for a moment.
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    module     TEXT PRIMARY KEY,
    version    INTEGER NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  return db;
}

/** How often the checkpointer moves the WAL's pages into the database file. */
const CHECKPOINT_EVERY_MS = 1000;

// The checkpointer's thread: its own connection to the file, a PASSIVE checkpoint (never in a
// writer's way) every CHECKPOINT_EVERY_MS. Plain JavaScript, so it runs under any loader.
// state[0]: RUNNING, then CLOSING (set by the server's close), then DONE (set here once this
// thread holds no connection). A thread that starts after the close never opens the file: it
// would create it again in a DATA_DIR that may already be gone.
const CHECKPOINTER = `
const { workerData, parentPort } = require('node:worker_threads');
const state = new Int32Array(workerData.state);
const done = () => { Atomics.store(state, 0, 2); Atomics.notify(state, 0); process.exit(0); };
if (Atomics.load(state, 0) !== 0) done();
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next one catches up */ }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  done();
});
`;
const RUNNING = 0;
const CLOSING = 1;
/** How long close() waits for the checkpointer to let go of the file before going on without it. */
const CHECKPOINTER_CLOSE_MS = 5000;

/**
 * Moves checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever commit
 * takes the WAL past 1000 pages, and with it an fsync of the WAL and of the database: 30–50 ms on a
 * busy disk, during which no game moves (a few 0.8 MB decks in a row were enough). Here the
 * connection the server writes on never checkpoints; a thread of its own does, with its own
 * connection, and the WAL is reused from its start once a checkpoint has caught up.
 */
function checkpointElsewhere(db: Db, file: string): void {
  db.pragma('wal_autocheckpoint = 0');
  const state = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: {
      file,
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      everyMs: CHECKPOINT_EVERY_MS,
      state: state.buffer,
    },
  });
  // Never what keeps a process alive, nor what crashes it: without it SQLite's own checkpoints
  // would be missed, so a checkpointer that fails hands them back to the writing connection.
  worker.unref();
  let running = true;
  worker.on('error', () => {
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  worker.on('exit', () => {
    running = false;
  });
  const close = db.close.bind(db);
  // The thread lets go first, so the closing connection is the file's last: its checkpoint
  // truncates the WAL, its close removes the WAL, and what is left on disk is the database file
  // alone, with no thread still touching it when close() returns (a test, or an operator, may
  // delete DATA_DIR next). The wait is a few milliseconds, once per process.
  db.close = () => {
    if (running && Atomics.compareExchange(state, 0, RUNNING, CLOSING) === RUNNING) {
      worker.postMessage('close');
      Atomics.wait(state, 0, CLOSING, CHECKPOINTER_CLOSE_MS);
    }
    if (db.open) db.pragma('wal_checkpoint(TRUNCATE)');
    return close();
  };
}

/** Applies the module's migrations that are newer than its recorded version, each in a transaction. */
export function migrate(db: Db, module: string, migrations: readonly Migration[]): number {
  const row = db.prepare('SELECT version FROM schema_version WHERE module = ?').get(module) as
    | { version: number }
    | undefined;
  let current = row?.version ?? 0;
  const latest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
  if (current > latest)
    throw new Error(
      `The database's "${module}" schema is version ${current}, newer than this server knows (${latest}). ` +
        'Run a newer Overshoot on this DATA_DIR.',
    );
  const record = db.prepare(
    `INSERT INTO schema_version (module, version, applied_at) VALUES (?, ?, ?)
     ON CONFLICT (module) DO UPDATE SET version = excluded.version, applied_at = excluded.applied_at`,
  );
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    if (m.version !== current + 1)
      throw new Error(`Migration ${module} ${m.version} follows ${current}: the list has a gap.`);
    db.transaction(() => {
      if (typeof m.up === 'string') db.exec(m.up);
      else m.up(db);
      record.run(module, m.version, Date.now());
    })();
    current = m.version;
  }
  return current;
}
