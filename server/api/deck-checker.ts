// Checks deck bodies off the event loop. Validating the largest decks takes 10-40 ms of one core
// (JSON.parse, the deck's validation, its file form as JSON), and a flood of them stalled every class
// on the server; a worker thread does that while the event loop serves the games. Small bodies, the
// everyday save, are checked inline: a round trip to the thread would cost them more than it saves.
import { Worker } from 'node:worker_threads';
import { checkDeckBytes, type DeckCheck } from './deck-check';

/** Bodies at least this big go to the thread: below it, checking takes well under a millisecond. */
export const DECK_WORKER_MIN_BYTES = 64 * 1024;
/**
 * Big bodies the thread may have waiting at once. Each waits as a copy, so without a cap many
 * addresses saving at once could pile up memory; honest teachers save one deck at a time.
 */
export const DECK_CHECKS_WAITING_MAX = 16;
/** A thread with nothing to do for this long ends; the next big body starts another. */
const IDLE_MS = 10_000;

type Pending = { resolve(result: DeckCheck): void; reject(error: Error): void };

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  idle: NodeJS.Timeout | null;
}

let thread: Thread | null = null;
let nextId = 1;

function start(): Thread {
  const worker = new Worker(new URL('./deck-worker.mjs', import.meta.url), { execArgv: [] });
  // The thread never keeps the process alive: a server that is closing does not wait for it.
  worker.unref();
  const t: Thread = { worker, pending: new Map(), idle: null };
  worker.on('message', (m: { id: number; result: DeckCheck }) => {
    const p = t.pending.get(m.id);
    t.pending.delete(m.id);
    p?.resolve(m.result);
    if (t.pending.size === 0) idleLater(t);
  });
  const fail = (error: Error) => {
    if (thread === t) thread = null;
    for (const p of t.pending.values()) p.reject(error);
    t.pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the deck checker's thread ended (exit code ${code})`)));
  return t;
}

function idleLater(t: Thread) {
  if (t.idle) clearTimeout(t.idle);
  t.idle = setTimeout(() => {
    if (t.pending.size > 0) return;
    if (thread === t) thread = null;
    void t.worker.terminate();
  }, IDLE_MS);
  t.idle.unref();
}

/** The body checked as a deck: on the thread when it is big, inline when it is small. */
export function checkDeckBody(bytes: Buffer): Promise<DeckCheck> {
  if (bytes.byteLength < DECK_WORKER_MIN_BYTES) return Promise.resolve(checkDeckBytes(bytes));
  thread ??= start();
  const t = thread;
  if (t.pending.size >= DECK_CHECKS_WAITING_MAX)
    return Promise.resolve({
      ok: false,
      error: 'SERVER_BUSY',
      message: 'The server is checking many big decks right now. Please try again in a few seconds.',
    });
  if (t.idle) clearTimeout(t.idle);
  t.idle = null;
  const id = nextId++;
  const checked = new Promise<DeckCheck>((resolve, reject) => {
    t.pending.set(id, { resolve, reject });
    // A copy: the request's buffer may be a slice of a pool that cannot be transferred.
    t.worker.postMessage({ id, bytes: new Uint8Array(bytes) });
  });
  // A thread that could not start or died is a bug to see, but the save still gets its answer.
  return checked.catch((error: unknown) => {
    console.error('deck checker thread failed; checking on the event loop:', error);
    return checkDeckBytes(bytes);
  });
}
