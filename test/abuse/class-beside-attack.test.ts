// A class of 20 plays while one script attacks the instructor API from its own thread. Before the
// limits, deeply nested 2.9 MB bodies at three a second held the event loop for seconds and pushed the
// class's acknowledgements to p50 606 ms, p99 1.3 s (issue K, finding 3).
//
// What is asserted is the server's share: the event loop the class's sockets are served on is never
// held, and every acknowledgement arrives. The class's latency percentiles are not compared with a
// baseline here: on a shared 2-core test machine the attacker thread's own CPU (encoding and sending
// megabytes) moves them more than anything the server does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BODY_LIMIT_BYTES } from '../../server/api/router';
import { createGame, joinPlayers, type PlayerClient } from '../helpers/game';
import { DIVERGES } from '../helpers/scenarios';
import { closeAllClients, ok, startServer, type TestServer } from '../helpers/server';
import { deckOfSize, nestedArrays } from './decks';

const SAMPLE_MS = 2_000;
/** Each student resends their answer this often: 5 a second, half the per-socket event budget. */
const RESEND_MS = 200;

let server: TestServer;
let dataDir: string;
let players: PlayerClient[];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'overshoot-class-'));
  server = await startServer({ dataDir });
  const host = await createGame(server, { rounds: [DIVERGES], seconds: 60 });
  players = await joinPlayers(server, host.code, 20);
  ok(await host.call('round:start', { round: 0 }));
  for (const p of players) ok(await p.call('answer:submit', { round: 0, choice: 'diverges' }));
});
afterAll(async () => {
  closeAllClients();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The class resends its answers for SAMPLE_MS (each gets the same acknowledgement back); latencies in ms. */
async function classAcks(): Promise<number[]> {
  const latencies: number[] = [];
  const until = performance.now() + SAMPLE_MS;
  await Promise.all(
    players.map(async (p, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * RESEND_MS) / players.length));
      while (performance.now() < until) {
        const sent = performance.now();
        ok(await p.call('answer:submit', { round: 0, choice: 'diverges' }));
        latencies.push(performance.now() - sent);
        await new Promise((resolve) => setTimeout(resolve, RESEND_MS));
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

/** Runs an attacker thread (attacker.mjs) while the class is sampled. */
async function during(
  body: string,
  loops: number,
  prefix: string,
): Promise<{ acks: number[]; statuses: number[]; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const beat = setInterval(() => {
    const at = performance.now();
    stallMs = Math.max(stallMs, at - last);
    last = at;
  }, 1);
  const attacker = new Worker(new URL('./attacker.mjs', import.meta.url), {
    workerData: { url: server.url, body, loops, ms: SAMPLE_MS, prefix },
  });
  const statuses = new Promise<number[]>((resolve, reject) => {
    attacker.once('message', resolve);
    attacker.once('error', reject);
  });
  const acks = await classAcks();
  const result = { acks, statuses: await statuses, stallMs };
  clearInterval(beat);
  await attacker.terminate();
  return result;
}

/**
 * The longest the event loop may be held: each step of a request takes under 50 ms of CPU
 * (docs/api.md); the rest is room for a shared machine's scheduler (measured here: ~25 ms with no
 * attack, 95–145 ms with the nested-body attack, on 2 cores at load 12). Before the limits: seconds.
 */
const STALL_BOUND_MS = 250;

describe('a class of 20 beside an attack on the instructor API', () => {
  it('deeply nested 3 MB bodies from four clients: refused, and the class does not notice', async () => {
    const body = nestedArrays(API_BODY_LIMIT_BYTES - 16);
    const { acks, statuses, stallMs } = await during(body, 4, 'nested');
    expect(statuses.length).toBeGreaterThan(4);
    // Refused by the shape scan, or before even that by the address's budgets (new keys, KB of bodies).
    // (0: refused before its body was read, and the connection closed on the rest of the upload.)
    expect(statuses.filter((s) => s !== 400 && s !== 429 && s !== 0)).toEqual([]);
    expect(acks.length).toBeGreaterThanOrEqual(players.length * (SAMPLE_MS / RESEND_MS / 2));
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  });

  it('a flood of 0.7 MB decks under fresh keys: stopped, and the class does not notice', async () => {
    const body = JSON.stringify(deckOfSize(700 * 1024));
    const { acks, statuses, stallMs } = await during(body, 2, 'flood');
    // The address's 6 MB per 10 s of deck bodies lets about 8 through, then everything is refused.
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(Math.ceil((6 * 1024) / 700));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(acks.length).toBeGreaterThanOrEqual(players.length * (SAMPLE_MS / RESEND_MS / 2));
    expect(stallMs).toBeLessThan(STALL_BOUND_MS);
  });
});
