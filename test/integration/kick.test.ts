// J5 and H3 over real sockets on port 0: a kicked player's browser (its device id) stays out under any
// name, a private window (a new device id) does not, the room lock does; and the host can undo a
// kick, after which the player comes back from their browser with their name and score.
import { afterEach, describe, expect, it } from 'vitest';
import type { PlayerSession } from '../../shared/protocol/events';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { createGame, isPhase } from '../helpers/game';
import { CONVERGES, ZIGZAG } from '../helpers/scenarios';
import { type Client, closeAllClients, connect, ok, startServer, type TestServer } from '../helpers/server';

const DEVICE_A = 'device-a-0123456789abcdef';
const DEVICE_B = 'device-b-0123456789abcdef';
const PRIVATE_WINDOW = 'device-p-0123456789abcdef';

let server: TestServer | null = null;
afterEach(async () => {
  closeAllClients();
  await server?.close();
  server = null;
});

async function joinFrom(
  code: string,
  nickname: string,
  device: string,
): Promise<{ phone: Client; session: PlayerSession }> {
  if (!server) throw new Error('no server');
  const phone = await connect(server.url);
  const session = ok(await phone.call<PlayerSession>('player:join', { code, nickname, device }));
  return { phone, session };
}

describe('J5 a kicked player cannot rejoin under a new name from the same browser', () => {
  it('refuses KICKED for any name from that device, admits a new device, and the lock keeps everyone out', async () => {
    server = await startServer();
    const host = await createGame(server, { rounds: [ZIGZAG] });
    const { phone, session } = await joinFrom(host.code, 'Mallory', DEVICE_A);
    ok(await host.call('player:kick', { playerId: session.playerId }));
    await phone.view<PlayerView>((v) => v.phase.kind === 'kicked');

    const again = await connect(server.url);
    for (const nickname of ['Mallory', 'Not Mallory', 'mallory 2'])
      expect(await again.call('player:join', { code: host.code, nickname, device: DEVICE_A })).toMatchObject({
        ok: false,
        error: 'KICKED',
      });
    expect(server.app.rooms.get(host.code)?.players).toHaveLength(1);

    // A speed bump, not a lock: a private window has another device id.
    ok(await again.call('player:join', { code: host.code, nickname: 'Not Mallory', device: PRIVATE_WINDOW }));
    ok(await host.call('room:lock', { locked: true }));
    const third = await connect(server.url);
    expect(
      await third.call('player:join', { code: host.code, nickname: 'Eve', device: DEVICE_B }),
    ).toMatchObject({ ok: false, error: 'ROOM_LOCKED' });
  });

  it('a bad device id is refused with BAD_PAYLOAD naming the field', async () => {
    server = await startServer();
    const host = await createGame(server, { rounds: [ZIGZAG] });
    const phone = await connect(server.url);
    const reply = await phone.call('player:join', { code: host.code, nickname: 'Ann', device: 'short' });
    expect(reply).toMatchObject({ ok: false, error: 'BAD_PAYLOAD' });
    expect(reply.ok === false && reply.message).toMatch(/^device/);
  });
});

describe('H3 the host undoes a kick', () => {
  it('from the lobby: the lobby lists the removed player, Undo puts them back, they rejoin from their browser even when locked', async () => {
    server = await startServer();
    const host = await createGame(server, { rounds: [ZIGZAG] });
    const { phone, session } = await joinFrom(host.code, 'Bea', DEVICE_A);
    ok(await host.call('player:kick', { playerId: session.playerId }));
    await phone.view<PlayerView>((v) => v.phase.kind === 'kicked');
    const removed = await host.view<HostView>((v) => v.kicked.length === 1);
    expect(removed.kicked).toEqual([{ id: session.playerId, nickname: 'Bea', score: 0 }]);
    expect(removed.players).toEqual([]);

    // Only the host may undo it.
    expect(await phone.call('player:unkick', { playerId: session.playerId })).toMatchObject({
      error: 'NOT_HOST',
    });
    expect(await host.call('player:unkick', { playerId: 99 })).toMatchObject({ error: 'UNKNOWN_PLAYER' });
    const since = host.received.length;
    ok(await host.call('player:unkick', { playerId: session.playerId }));
    const back = await host.view<HostView>((v) => v.kicked.length === 0, since);
    expect(back.players).toEqual([{ id: session.playerId, nickname: 'Bea', connected: false, score: 0 }]);

    // Their name is still theirs: another browser cannot take it.
    ok(await host.call('room:lock', { locked: true }));
    const other = await connect(server.url);
    expect(
      await other.call('player:join', { code: host.code, nickname: 'Bea', device: DEVICE_B }),
    ).toMatchObject({ error: 'ROOM_LOCKED' });
    ok(await host.call('room:lock', { locked: false }));
    expect(
      await other.call('player:join', { code: host.code, nickname: 'Bea', device: DEVICE_B }),
    ).toMatchObject({ error: 'NAME_TAKEN' });

    // From their own browser, under their name, they are the same player again, even into a locked room.
    ok(await host.call('room:lock', { locked: true }));
    const rejoined = await joinFrom(host.code, 'bea', DEVICE_A);
    expect(rejoined.session.playerId).toBe(session.playerId);
    expect(rejoined.session.playerSecret).toBe(session.playerSecret);
    expect(rejoined.session.view.me.nickname).toBe('Bea');
    await host.view<HostView>((v) => v.players.some((p) => p.id === session.playerId && p.connected));
    ok(await host.call('round:start', { round: 0 }));
    await rejoined.phone.view<PlayerView>(isPhase('question', 0));
    ok(await rejoined.phone.call('answer:submit', { round: 0, choice: 'zigzag' }));
  });

  it('later in the game too: the player keeps the score they had, and misses the rounds they were out', async () => {
    server = await startServer();
    const host = await createGame(server, { rounds: [ZIGZAG, CONVERGES, ZIGZAG] });
    const { phone, session } = await joinFrom(host.code, 'Cy', DEVICE_A);
    const friend = await joinFrom(host.code, 'Dee', DEVICE_B);
    ok(await host.call('round:start', { round: 0 }));
    await phone.view<PlayerView>(isPhase('question', 0));
    ok(await phone.call('answer:submit', { round: 0, choice: 'zigzag' }));
    ok(await friend.phone.call('answer:submit', { round: 0, choice: 'zigzag' }));
    const revealed = await phone.view<PlayerView>(isPhase('reveal', 0));
    const earned = revealed.me.score;
    expect(earned).toBeGreaterThan(0);

    ok(await host.call('player:kick', { playerId: session.playerId }));
    await phone.view<PlayerView>((v) => v.phase.kind === 'kicked');
    ok(await host.call('round:start', { round: 1 }));
    await friend.phone.view<PlayerView>(isPhase('question', 1));
    ok(await friend.phone.call('answer:submit', { round: 1, choice: 'converges' }));
    await friend.phone.view<PlayerView>(isPhase('reveal', 1));

    ok(await host.call('player:unkick', { playerId: session.playerId }));
    const rejoined = await joinFrom(host.code, 'Cy', DEVICE_A);
    expect(rejoined.session.playerId).toBe(session.playerId);
    expect(rejoined.session.view.me.score).toBe(earned);
    expect(rejoined.session.view.me.rank).toBeGreaterThan(0);
    expect(server.app.rooms.get(host.code)?.results[1]?.answers[session.playerId]).toBeNull();

    ok(await host.call('game:end'));
    await friend.phone.view<PlayerView>(isPhase('podium'));
    ok(await host.call('player:kick', { playerId: session.playerId }));
    expect(await host.call('player:unkick', { playerId: session.playerId })).toMatchObject({
      error: 'GAME_OVER',
    });
  });
});
