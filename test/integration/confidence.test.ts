// C1–C4 over the wire: a real server on port 0 with a real SQLite file, real socket.io-client
// sockets, a game scored by confidence from creation to podium, with a restart in the middle.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../server/room/clock';
import type { AnswerReceipt } from '../../shared/protocol/events';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { createGame, isPhase, joinPlayers, resumeHost, resumePlayer } from '../helpers/game';
import { ZIGZAG } from '../helpers/scenarios';
import { closeAllClients, ok, startServer, type TestServer } from '../helpers/server';

const servers: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  closeAllClients();
  for (const s of servers.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// J(θ) = (θ − 1)², start 5: α* = 1; the race is won by α = 0.5.
const parabola = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5] };
const deck = {
  title: 'Confidence',
  rounds: [
    ZIGZAG,
    { type: 'max-alpha', ...parabola },
    { type: 'fastest', ...parabola, alphas: [0.25, 0.5, 0.8] },
  ],
};

describe('C1–C4 a whole game scored by confidence, over real sockets and a restart', () => {
  it('asks for levels, marks them, keeps them across a restart and ranks by the marks', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'overshoot-confidence-'));
    dirs.push(dataDir);
    const clock = createManualClock(Date.UTC(2026, 0, 1, 9));
    const first = await startServer({ dataDir, clock });
    servers.push(first);
    const host = await createGame(first, { deck, scoreBy: 'confidence' });
    const [ada, grace, alan] = await joinPlayers(first, host.code, 3);
    if (!ada || !grace || !alan) throw new Error('three players expected');
    const lobby = await host.view<HostView>((v) => v.playerCount === 3);
    expect(lobby.settings.scoreBy).toBe('confidence');

    // Round 0, zig-zag: sure and right 1000, sure and wrong −2000, guessing and wrong 0.
    ok(await host.call('round:start', { round: 0 }));
    expect((await ada.view<PlayerView>(isPhase('question', 0))).scoreBy).toBe('confidence');
    const missing = await ada.call('answer:submit', { round: 0, choice: 'zigzag' });
    expect(missing).toMatchObject({ ok: false, error: 'WRONG_ANSWER_TYPE' });
    expect(!missing.ok && missing.message).toMatch(/how sure/);
    const bad = await ada.call('answer:submit', { round: 0, choice: 'zigzag', confidence: 'certain' });
    expect(bad).toMatchObject({ ok: false, error: 'BAD_PAYLOAD' });
    expect(!bad.ok && bad.message).toMatch(/^confidence: /);
    clock.advance(5_000);
    const receipt = ok(
      await ada.call<AnswerReceipt>('answer:submit', { round: 0, choice: 'zigzag', confidence: 'sure' }),
    );
    expect(receipt).toMatchObject({ round: 0, choice: 'zigzag', confidence: 'sure', elapsedMs: 5_000 });
    ok(await grace.call('answer:submit', { round: 0, choice: 'diverges', confidence: 'sure' }));
    ok(await alan.call('answer:submit', { round: 0, choice: 'converges', confidence: 'guessing' }));
    const reveal0 = await grace.view<PlayerView>(isPhase('reveal', 0));
    expect(reveal0.phase).toMatchObject({ correct: false, points: -2000, confidence: 'sure' });
    expect(reveal0.me.score).toBe(-2000);

    // Round 1, largest α. Then the server stops and comes back on its file: the levels are kept.
    ok(await host.call('round:start', { round: 1 }));
    await ada.view<PlayerView>(isPhase('question', 1));
    ok(await ada.call('answer:submit', { round: 1, choice: 0.6, confidence: 'fairly-sure' }));
    ok(await grace.call('answer:submit', { round: 1, choice: 1.5, confidence: 'fairly-sure' }));
    ok(await alan.call('answer:submit', { round: 1, choice: 0.95, confidence: 'guessing' }));
    await ada.view<PlayerView>(isPhase('reveal', 1));
    await first.close();
    closeAllClients();
    servers.splice(0);
    const second = await startServer({ dataDir, clock });
    servers.push(second);
    const back = await resumePlayer(second, host.code, ada);
    const a = await resumePlayer(second, host.code, alan);
    const g = await resumePlayer(second, host.code, grace);
    const { host: host2 } = await resumeHost(second, host);
    // Ada 0.6 < α* scores under K2: fairly sure and right, 667 + 100 streak, not K2's 556.
    expect(back.view.phase).toMatchObject({
      kind: 'reveal',
      round: 1,
      correct: true,
      points: 767,
      streakBonus: 100,
      confidence: 'fairly-sure',
    });
    // Grace guessed above α*, fairly sure: −667.
    expect(g.view.phase).toMatchObject({ correct: false, points: -667, confidence: 'fairly-sure' });

    // Round 2, the race: a slow right pick earns the full mark; nobody loses for not answering.
    ok(await host2.call('round:start', { round: 2 }));
    await back.player.view<PlayerView>(isPhase('question', 2));
    clock.advance(29_000);
    ok(await back.player.call('answer:submit', { round: 2, choice: 0.5, confidence: 'sure' }));
    ok(await a.player.call('answer:submit', { round: 2, choice: 0.5, confidence: 'fairly-sure' }));
    ok(await host2.call('round:reveal', { round: 2 }));
    ok(await host2.call('game:end'));
    const podium = await host2.view<HostView>(isPhase('podium'));
    if (podium.phase.kind !== 'podium') throw new Error('podium expected');
    // Ada 1000 + 767 + (1000 + 200); Alan 0 + 333 + 667 + 100; Grace −2000 − 667 + 0.
    expect(podium.phase.standings.map((s) => [s.nickname, s.score])).toEqual([
      ['Student 1', 2967],
      ['Student 3', 1100],
      ['Student 2', -2667],
    ]);
  });
});
