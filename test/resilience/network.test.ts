// One student's network fails mid-question: a TCP proxy between their phone (the apps' connection
// module) and the real server process black-holes or resets the connection. They come back with
// the same score, and an answer sent while cut off arrives exactly once.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACK_TIMEOUT_MS } from '../../client/net/connection';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS } from '../../server/app';
import type { Result } from '../../shared/protocol/errors';
import type { AnswerReceipt } from '../../shared/protocol/events';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { CONVERGES, DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { closeAllConnections, hostGame, joinGame, phaseIs, type Tracked } from './clients';
import { killAllServers, removeDataDirs, type ServerProcess, startServerProcess } from './process';
import { startProxy, type TcpProxy } from './proxy';

/** The network stays down longer than the acknowledgement timeout, as a walk down a corridor does. */
const OUTAGE_MS = ACK_TIMEOUT_MS + 2_000;
const HEARTBEAT_MS = PING_INTERVAL_MS + PING_TIMEOUT_MS;

let server: ServerProcess;
let proxy: TcpProxy;
let host: Awaited<ReturnType<typeof hostGame>>;
let others: Array<Tracked<PlayerView>>;
let victim: Awaited<ReturnType<typeof joinGame>>;
let scoreBefore: number;

const until = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const answered = () => host.progress.filter((p) => p.round === 1).at(-1)?.answered ?? 0;

beforeEach(async () => {
  server = await startServerProcess();
  proxy = await startProxy({ host: '127.0.0.1', port: server.port });
  host = await hostGame(server.url, {
    deck: { source: 'custom', deck: { title: 'Network', rounds: [ZIGZAG, DIVERGES, CONVERGES] } },
    secondsPerQuestion: 300,
    speedPoints: false,
  });
  others = [await joinGame(server.url, host.code, 'Grace'), await joinGame(server.url, host.code, 'Alan')];
  victim = await joinGame(proxy.url, host.code, 'Ada');
  // Round 0: Ada earns her points, then round 1 opens.
  expect((await host.conn.request('round:start', { round: 0 }, { retry: true })).ok).toBe(true);
  await victim.waitFor(phaseIs('question', 0));
  for (const s of [victim, ...others])
    expect((await s.conn.request('answer:submit', { round: 0, choice: 'zigzag' }, { retry: true })).ok).toBe(
      true,
    );
  await victim.waitFor(phaseIs('reveal', 0));
  scoreBefore = victim.latest()!.me.score;
  expect(scoreBefore).toBe(1000);
  expect((await host.conn.request('round:start', { round: 1 }, { retry: true })).ok).toBe(true);
  await victim.waitFor(phaseIs('question', 1));
  await Promise.all(others.map((s) => s.waitFor(phaseIs('question', 1))));
}, 30_000);

afterEach(async () => {
  closeAllConnections();
  await proxy?.close();
  await killAllServers();
});
afterAll(removeDataDirs);

/** After the outage: the other two answer, the round closes, and Ada's answer counts once. */
async function finishRound(cutAt: number) {
  for (const s of others)
    expect(
      (await s.conn.request('answer:submit', { round: 1, choice: 'diverges' }, { retry: true })).ok,
    ).toBe(true);
  await host.waitFor(phaseIs('reveal', 1));
  const reveal = host.latest()!.phase as Extract<HostView['phase'], { kind: 'reveal' }>;
  expect(reveal.detail).toMatchObject({
    type: 'predict',
    distribution: { converges: 0, zigzag: 0, diverges: 3, none: 0 },
  });
  await victim.waitFor(phaseIs('reveal', 1), { since: cutAt });
  expect(victim.latest()).toMatchObject({
    phase: { kind: 'reveal', answer: 'diverges', correct: true, points: 1100 },
    me: { score: scoreBefore + 1100 },
  });
}

describe('a student cut off mid-question', () => {
  it('black-holed both ways: the answer sent meanwhile is delivered once after the reconnection', async () => {
    const cutAt = Date.now();
    proxy.blackhole();
    const pending = victim.conn.request('answer:submit', { round: 1, choice: 'diverges' }, { retry: true });
    await until(OUTAGE_MS);
    expect(answered()).toBe(0); // nothing got through
    const healedAt = Date.now();
    proxy.heal();
    const receipt = (await pending) as Result<AnswerReceipt>;
    const backMs = (await victim.waitFor(phaseIs('question', 1), { since: healedAt })) - healedAt;
    console.log(
      `black-hole: answer delivered ${Date.now() - healedAt} ms after the network healed (view ${backMs} ms)`,
    );
    expect(receipt).toMatchObject({ ok: true, round: 1, choice: 'diverges' });
    // Her view follows the acknowledgement: the question, answered, and her score as it was.
    await victim.waitFor((v) => v.phase.kind === 'question' && v.phase.answer === 'diverges', {
      since: healedAt,
    });
    expect(victim.latest()).toMatchObject({ me: { score: scoreBefore } });
    await host.waitFor(() => answered() === 1);
    await finishRound(cutAt);
  }, 60_000);

  it('replies black-holed: the server has the answer, the retry gets the same receipt and counts nothing twice', async () => {
    const cutAt = Date.now();
    proxy.blackhole('to-client');
    const sentAt = Date.now();
    const pending = victim.conn.request('answer:submit', { round: 1, choice: 'diverges' }, { retry: true });
    // The server records it (the host sees it) while Ada hears nothing back.
    await host.waitFor(() => answered() === 1);
    await until(OUTAGE_MS);
    proxy.heal();
    const receipt = (await pending) as Result<AnswerReceipt>;
    expect(receipt.ok).toBe(true);
    // The receipt is the one recorded on arrival, not a second answer recorded on the retry.
    const opened = (victim.latest()!.phase as Extract<PlayerView['phase'], { kind: 'question' }>).openedAt;
    expect(receipt.ok && receipt.elapsedMs).toBeLessThanOrEqual(sentAt - opened + 1_000);
    expect(answered()).toBe(1);
    await finishRound(cutAt);
  }, 60_000);

  it('reset: the connection is refused for a while; the queued answer goes once it is back', async () => {
    const cutAt = Date.now();
    proxy.reset();
    await expect.poll(() => victim.conn.status(), { timeout: 5_000 }).not.toBe('online');
    const pending = victim.conn.request('answer:submit', { round: 1, choice: 'diverges' }, { retry: true });
    await until(2_000);
    expect(answered()).toBe(0);
    const healedAt = Date.now();
    proxy.heal();
    expect(await pending).toMatchObject({ ok: true, choice: 'diverges' });
    console.log(`reset: answer delivered ${Date.now() - healedAt} ms after the network healed`);
    expect(victim.latest()!.me.score).toBe(scoreBefore);
    await finishRound(cutAt);
  }, 60_000);

  it('black-holed and idle: both ends notice within the heartbeat, and she comes back by herself', async () => {
    const cutAt = Date.now();
    proxy.blackhole();
    await expect
      .poll(() => victim.conn.status(), { timeout: HEARTBEAT_MS + 3_000, interval: 100 })
      .not.toBe('online');
    const clientNoticedMs = Date.now() - cutAt;
    await host.waitFor((v) => v.players.find((p) => p.nickname === 'Ada')?.connected === false, {
      since: cutAt,
      timeoutMs: HEARTBEAT_MS + 3_000,
    });
    const serverNoticedMs = Date.now() - cutAt;
    console.log(
      `idle black-hole noticed by the client after ${clientNoticedMs} ms, by the server after ${serverNoticedMs} ms`,
    );
    expect(clientNoticedMs).toBeLessThanOrEqual(HEARTBEAT_MS + 1_000);
    expect(serverNoticedMs).toBeLessThanOrEqual(HEARTBEAT_MS + 1_000);
    const healedAt = Date.now();
    proxy.heal();
    await victim.waitFor(phaseIs('question', 1), { since: healedAt });
    await host.waitFor((v) => v.players.find((p) => p.nickname === 'Ada')?.connected === true, {
      since: healedAt,
    });
    expect(
      (await victim.conn.request('answer:submit', { round: 1, choice: 'diverges' }, { retry: true })).ok,
    ).toBe(true);
    await finishRound(cutAt);
  }, 60_000);
});
