// The deck checker's thread: checks each body it is sent and answers with its id (deck-checker.ts).
import { parentPort } from 'node:worker_threads';
import { checkDeckBytes } from './deck-check';

parentPort?.on('message', (m: { id: number; bytes: Uint8Array }) => {
  const result = checkDeckBytes(m.bytes);
  // The deck's JSON goes back transferred, not copied, when it has a buffer of its own (a big one
  // always does: only small buffers share Node's pool).
  const json = result.ok ? result.json : undefined;
  const own = json && json.byteOffset === 0 && json.byteLength === json.buffer.byteLength;
  parentPort?.postMessage({ id: m.id, result }, own ? [json.buffer as ArrayBuffer] : []);
});
