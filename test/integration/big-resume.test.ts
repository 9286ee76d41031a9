// Host screens resuming a big room take turns (server/transport/turns.ts): each resume's view (a
// roster of hundreds) is encoded on a turn of the event loop of its own, so a class answering in
// another room is answered between them rather than after all of them.
import { afterEach, describe, expect, it } from 'vitest';
import { BIG_ROOM_PLAYERS } from '../../server/transport/handlers';
import { createTurns } from '../../server/transport/turns';
import type { HostView } from '../../shared/protocol/views';
import { createGame, isPhase, joinPlayer } from '../helpers/game';
import { ZIGZAG } from '../helpers/scenarios';
import { closeAllClients, connect, ok, startServer, type TestServer } from '../helpers/server';

let server: TestServer | null = null;
afterEach(async () => {
  closeAllClients();
  await server?.close();
  server = null;
});

describe('turns', () => {
  it('resolves each waiter on a turn of the event loop of its own, in order', async () => {
    const turns = createTurns();
    let turn = 0;
    let spinning = true;
    const spin = () => {
      turn++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const at: number[] = [];
    await Promise.all(Array.from({ length: 5 }, (_, i) => turns.next().then(() => at.push(i * 1000 + turn))));
    spinning = false;
    expect(at.map((x) => Math.floor(x / 1000))).toEqual([0, 1, 2, 3, 4]);
    const turnsSeen = at.map((x) => x % 1000);
    expect(new Set(turnsSeen).size, `the turns they ran on: ${turnsSeen}`).toBe(5);
    expect(turns.waiting()).toBe(0);
  });
});

describe('host screens resuming a big room', () => {
  it('each gets the whole view, and an answer in another room is acknowledged before the last of them', async () => {
    server = await startServer();
    const big = await createGame(server);
    for (let i = 0; i < BIG_ROOM_PLAYERS; i++)
      server.app.rooms.join(big.code, `Student ${i + 1}`, `secret-${i}-${'x'.repeat(24)}`);
    await big.view<HostView>((v) => v.playerCount === BIG_ROOM_PLAYERS);

    const small = await createGame(server, { rounds: [ZIGZAG] });
    const student = await joinPlayer(server, small.code, 'Ada');
    ok(await small.call('round:start', { round: 0 }));
    await student.view(isPhase('question', 0));

    const SCREENS = 12;
    const screens = await Promise.all(Array.from({ length: SCREENS }, () => connect(server!.url)));
    const order: string[] = [];
    const resumes = screens.map((s, i) =>
      s.call<{ view: HostView }>('host:resume', { code: big.code, hostSecret: big.hostSecret }).then((r) => {
        order.push(`resume ${i}`);
        return r;
      }),
    );
    const answer = student.call('answer:submit', { round: 0, choice: 'zigzag' }).then((r) => {
      order.push('answer');
      return r;
    });
    const views = (await Promise.all(resumes)).map((r) => ok(r).view);
    ok(await answer);
    for (const v of views) expect(v.playerCount).toBe(BIG_ROOM_PLAYERS);
    expect(order.indexOf('answer'), `the order of the replies: ${order.join(', ')}`).toBeLessThan(SCREENS);
  });
});
