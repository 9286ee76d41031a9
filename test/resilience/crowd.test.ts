// A whole class at once, against the real server process: 300 students join from one address (a
// school's NAT) within seconds, then all reconnect together after the server is killed and
// restarted, with the apps' reconnection jitter on: every one is back within 2 s of the new server
// answering, spread over that time rather than in one burst.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { PlayerView } from '../../shared/protocol/views';
import { ZIGZAG } from '../helpers/scenarios';
import { closeAllConnections, hostGame, joinGame, percentile, phaseIs, type Tracked } from './clients';
import { killAllServers, removeDataDirs, startServerProcess } from './process';

const CLASS_SIZE = 300;
/** From the moment the new process answers (it printed that it runs) to each student's view. */
const BACK_AFTER_ANSWERING_MS = 2_000;

afterEach(async () => {
  closeAllConnections();
  await killAllServers();
});
afterAll(removeDataDirs);

describe('300 students', () => {
  it('join from one address within a minute, and all come back after a restart', async () => {
    const server = await startServerProcess();
    const host = await hostGame(server.url, {
      deck: { source: 'custom', deck: { title: 'Crowd', rounds: [ZIGZAG] } },
      secondsPerQuestion: 300,
    });
    const joinStart = Date.now();
    const students: Array<Tracked<PlayerView>> = await Promise.all(
      Array.from({ length: CLASS_SIZE }, (_, i) => joinGame(server.url, host.code, `Student ${i + 1}`)),
    );
    const joinMs = Date.now() - joinStart;
    await host.waitFor((v) => v.playerCount === CLASS_SIZE && v.connectedCount === CLASS_SIZE);
    expect(joinMs).toBeLessThan(60_000);
    expect((await host.conn.request('round:start', { round: 0 }, { retry: true })).ok).toBe(true);
    await Promise.all(students.map((s) => s.waitFor(phaseIs('question', 0))));

    const killedAt = Date.now();
    const reconnected = students.map((s) => s.connections() + 1);
    const hostReconnected = host.connections() + 1;
    await server.kill();
    await server.restart();
    const answeringAt = Date.now();
    const downMs = answeringAt - killedAt;
    const backAt = await Promise.all(
      students.map((s, i) =>
        s.waitFor(phaseIs('question', 0), { since: killedAt, connection: reconnected[i], timeoutMs: 30_000 }),
      ),
    );
    const backMs = backAt.map((t) => t - killedAt);
    const afterAnswering = backAt.map((t) => t - answeringAt);
    // How the returns spread: the most in any 100 ms after the server answered.
    const perSlot = new Map<number, number>();
    for (const t of afterAnswering)
      perSlot.set(Math.floor(t / 100), (perSlot.get(Math.floor(t / 100)) ?? 0) + 1);
    console.log(
      `${CLASS_SIZE} joins from one address in ${joinMs} ms; restart: down ${downMs} ms, back after ` +
        `p50 ${percentile(backMs, 50)} ms, p99 ${percentile(backMs, 99)} ms, max ${Math.max(...backMs)} ms; ` +
        `after it answered again p50 ${percentile(afterAnswering, 50)} ms, p99 ${percentile(afterAnswering, 99)} ms, ` +
        `max ${Math.max(...afterAnswering)} ms, at most ${Math.max(...perSlot.values())} in any 100 ms`,
    );
    expect(Math.max(...afterAnswering), 'slowest student back after the server answered').toBeLessThanOrEqual(
      BACK_AFTER_ANSWERING_MS,
    );
    await host.waitFor((v) => v.connectedCount === CLASS_SIZE, {
      since: killedAt,
      connection: hostReconnected,
    });
    // The server stood: it answers, and the game goes on for everyone.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const acks = await Promise.all(
      students.map((s) => s.conn.request('answer:submit', { round: 0, choice: 'zigzag' }, { retry: true })),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(CLASS_SIZE);
    await host.waitFor(phaseIs('reveal', 0));
    expect(server.output()).not.toMatch(/Error/);
  }, 120_000);
});
