// V2: a reveal gives no later round's answer. A prediction on a cost that a later round asks about
// again carries `thresholdsHeldFor` in both views (the projector then states no α thresholds, the
// phone offers no α explorer); the last round on that cost carries null.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { createGame, isPhase, joinPlayer } from '../helpers/game';
import { closeAllClients, ok, startServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  closeAllClients();
  await server.close();
});

const parabola = { kind: 'quadratic', a: 4, c: 0 };
const deck = {
  title: 'Held',
  rounds: [
    // r = 0.6 × 4 = 2.4: diverges; the reveal would say "diverge above 0.5", round 3's answer.
    { cost: parabola, start: [2], alpha: 0.6 },
    // Another cost: nothing later is about it.
    { cost: { kind: 'quadratic', a: 1, c: 0 }, start: [1], alpha: 0.3 },
    // The same parabola from another start: its thresholds are the same, so round 1 must hold them.
    { type: 'max-alpha', cost: parabola, start: [-3] },
  ],
};

describe('V2 a reveal does not answer a later round on the same cost', () => {
  it('holds the thresholds for the later round in the host and player views, and only there', async () => {
    const host = await createGame(server, { deck });
    const student = await joinPlayer(server, host.code, 'Ada');
    const held: Array<[number | null, number | null]> = [];
    for (const round of [0, 1, 2]) {
      ok(await host.call('round:start', { round }));
      await student.view<PlayerView>(isPhase('question', round));
      ok(await host.call('round:reveal', { round }));
      const hv = await host.view<HostView>(isPhase('reveal', round));
      const pv = await student.view<PlayerView>(isPhase('reveal', round));
      if (hv.phase.kind !== 'reveal' || pv.phase.kind !== 'reveal') throw new Error('not a reveal');
      held.push([hv.phase.thresholdsHeldFor, pv.phase.thresholdsHeldFor]);
      if (round < 2) ok(await host.call('round:leaderboard', { round }));
    }
    expect(held).toEqual([
      [2, 2],
      [null, null],
      [null, null],
    ]);
  });
});
