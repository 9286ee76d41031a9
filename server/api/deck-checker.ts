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
    // The JSON arrives as a plain Uint8Array (transferred): seen as a Buffer again, without a copy.
    const { result } = m;
    if (result.ok) result.json = asBuffer(result.json);
    p?.resolve(result);
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

const asBuffer = (u: Uint8Array): Buffer =>
  Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** Whether `bytes` is the whole of an ArrayBuffer of its own (not a slice of Node's pool): transferable. */
const ownsBuffer = (bytes: Uint8Array): boolean =>
  bytes.buffer instanceof ArrayBuffer &&
  bytes.byteOffset === 0 &&
  bytes.byteLength === bytes.buffer.byteLength;

const busy = (): DeckCheck => ({
  ok: false,
  error: 'SERVER_BUSY',
  message: 'The server is checking many big decks right now. Please try again in a few seconds.',
});

export interface CheckOptions {
  /**
   * Hands a big body to the thread rather than copying it (two copies of up to 3 MB on the event
   * loop: one made here and one by postMessage): the caller's buffer is then detached, empty, and
   * must not be used again. The API's request bodies are read once and passed this way.
   */
  transfer?: boolean;
}

/** The body checked as a deck: on the thread when it is big, inline when it is small. */
export function checkDeckBody(bytes: Buffer, { transfer = false }: CheckOptions = {}): Promise<DeckCheck> {
  if (bytes.byteLength < DECK_WORKER_MIN_BYTES) return Promise.resolve(checkDeckBytes(bytes));
  thread ??= start();
  const t = thread;
  if (t.pending.size >= DECK_CHECKS_WAITING_MAX) return Promise.resolve(busy());
  if (t.idle) clearTimeout(t.idle);
  t.idle = null;
  const id = nextId++;
  const handOver = transfer && ownsBuffer(bytes);
  const checked = new Promise<DeckCheck>((resolve, reject) => {
    t.pending.set(id, { resolve, reject });
    if (handOver) t.worker.postMessage({ id, bytes }, [bytes.buffer as ArrayBuffer]);
    // A copy: the caller keeps its buffer, or it is a slice of a pool that cannot be transferred.
    else t.worker.postMessage({ id, bytes: new Uint8Array(bytes) });
  });
  // A thread that could not start or died is a bug to see, but the save still gets its answer: the
  // check on the event loop, or, when the body went with the thread, a request to send it again.
  return checked.catch((error: unknown) => {
    console.error('deck checker thread failed; checking on the event loop:', error);
    return handOver ? busy() : checkDeckBytes(bytes);
  });
}
