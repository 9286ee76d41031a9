// The deck checker's thread: checks each body it is sent and answers with its id (deck-checker.ts).
import { parentPort } from 'node:worker_threads';
import { checkDeckBytes } from './deck-check';

parentPort?.on('message', (m: { id: number; bytes: Uint8Array }) => {
  parentPort?.postMessage({ id: m.id, result: checkDeckBytes(m.bytes) });
});
