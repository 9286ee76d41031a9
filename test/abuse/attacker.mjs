// An attacker on its own thread, so its own work (building and sending megabytes) does not run on the
// event loop the server and the class share in the tests: it posts `body` to the deck API from
// `loops` concurrent loops for `ms`, each under a fresh key, and reports the statuses it got (0: the connection was closed on it).
import { parentPort, workerData } from 'node:worker_threads';

const { url, body, loops, ms, prefix } = workerData;
const statuses = [];
let n = 0;
const until = performance.now() + ms;
await Promise.all(
  Array.from({ length: loops }, async () => {
    while (performance.now() < until) {
      const key = `${prefix}-${String(n++).padStart(24, '0')}`;
      try {
        const res = await fetch(`${url}/api/decks`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body,
        });
        await res.arrayBuffer();
        statuses.push(res.status);
      } catch {
        // The server answered before reading a big body and closed the connection mid-upload.
        statuses.push(0);
      }
    }
  }),
);
parentPort?.postMessage(statuses);
