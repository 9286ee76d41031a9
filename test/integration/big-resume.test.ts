// Host screens resuming a big room take turns, and a resumed screen is sent its roster as changes
// from the one its acknowledgement carried (not the whole roster again). Resumes of a big room take turns (server/transport/turns.ts): each resume's view (a
// roster of hundreds) is encoded on a turn of the event loop of its own, so a class answering in
// another room is answered between them rather than after all of them.
import { afterEach, describe, expect, it } from 'vitest';
import { BIG_ROOM_PLAYERS } from '../../server/transport/handlers';
import { createTurns } from '../../server/transport/turns';
import type { RosterUpdate } from '../../shared/protocol/roster';
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

describe("a resumed host's roster", () => {
  it("is sent as changes from the roster in the resume's acknowledgement, which it already has", async () => {
    server = await startServer();
    const host = await createGame(server);
    for (const name of ['Ada', 'Bo']) await joinPlayer(server, host.code, name);
    const screen = await connect(server.url);
    const { view } = ok(
      await screen.call<{ view: HostView }>('host:resume', { code: host.code, hostSecret: host.hostSecret }),
    );
    expect(view.players.map((p) => p.nickname)).toEqual(['Ada', 'Bo']);
    await joinPlayer(server, host.code, 'Cy');
    const latest = await screen.view<HostView>((v) => v.playerCount === 3);
    const rosters = screen.received.filter(([e]) => e === 'host:roster').map(([, u]) => u as RosterUpdate);
    expect(rosters[0]).toMatchObject({ full: false, removed: [] });
    expect(rosters[0]?.upsert.map((p) => p.nickname)).toEqual(['Cy']);
    expect(latest.players.map((p) => p.nickname)).toEqual(['Ada', 'Bo', 'Cy']);
  });

  it('is whole for a second game on the same connection (its app holds the first game’s roster)', async () => {
    server = await startServer();
    const first = await createGame(server);
    await joinPlayer(server, first.code, 'Ada');
    await first.view<HostView>((v) => v.playerCount === 1);
    const second = ok(await first.call<{ code: string }>('host:create', { deck: { source: 'builtin' } }));
    await joinPlayer(server, second.code, 'Bo');
    const since = first.received.map(([e]) => e).lastIndexOf('host:roster');
    await first.view<HostView>((v) => v.code === second.code && v.playerCount === 1);
    const update = first.received.slice(since + 1).find(([e]) => e === 'host:roster')?.[1] as RosterUpdate;
    expect(update).toMatchObject({ full: true });
    expect(first.latest<HostView>()?.players.map((p) => p.nickname)).toEqual(['Bo']);
  });
});
