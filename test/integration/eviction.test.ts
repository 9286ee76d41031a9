// Every resource belongs to its room: many games played to the end and left by everyone leave
// memory, and nothing kept per room (the registry's rooms, their timers, the transport's audiences,
// throttle entries and throttle timers) outlives them. An evicted game still comes back on demand.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVICT_AFTER_MS } from '../../server/room/rooms';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { createGame, isPhase, joinPlayers, type PlayerClient, resumePlayer } from '../helpers/game';
import { DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { closeAllClients, ok, startServer, type TestServer } from '../helpers/server';

const GAMES = 30;
let server: TestServer;

beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  closeAllClients();
  await server.close();
});

/** One whole game: a host, three students, two rounds (one closed by all answering, one by the host). */
async function playGame(): Promise<{ code: string; player: PlayerClient }> {
  const host = await createGame(server, { rounds: [ZIGZAG, DIVERGES] });
  const players = await joinPlayers(server, host.code, 3);
  ok(await host.call('room:lock', { locked: true }));
  ok(await host.call('round:start', { round: 0 }));
  for (const p of players) {
    await p.view<PlayerView>(isPhase('question', 0));
    ok(await p.call('answer:submit', { round: 0, choice: 'zigzag' }));
  }
  await host.view<HostView>(isPhase('reveal', 0));
  ok(await host.call('round:leaderboard', { round: 0 }));
  ok(await host.call('round:start', { round: 1 }));
  await players[0]!.view<PlayerView>(isPhase('question', 1));
  ok(await players[0]!.call('answer:submit', { round: 1, choice: 'diverges' }));
  ok(await host.call('player:kick', { playerId: players[2]!.id }));
  ok(await host.call('round:reveal', { round: 1 }));
  ok(await host.call('game:end', {}));
  await host.view<HostView>(isPhase('podium'));
  host.close();
  for (const p of players) p.close();
  return { code: host.code, player: players[0]! };
}

describe('finished games leave memory, and nothing of them stays behind', () => {
  it(`${GAMES} games played and evicted leave no room, timer, audience or throttle`, async () => {
    const { rooms, transport } = server.app;
    const games: Array<{ code: string; player: PlayerClient }> = [];
    for (let i = 0; i < GAMES; i++) games.push(await playGame());
    expect(rooms.stats().rooms).toBe(GAMES);

    // Once every socket has closed (the server hears it a moment later), eviction comes due.
    await vi.waitFor(
      () => {
        server.clock.advance(EVICT_AFTER_MS + 1);
        expect(rooms.codes()).toEqual([]);
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(rooms.stats()).toEqual({ rooms: 0, timers: 0 });
    expect(transport.stats()).toEqual({ audiences: 0, throttles: 0, timers: 0 });
    // No timer armed for any room is left on the game clock either (deadline, grace, eviction).
    expect(server.clock.pending()).toBe(0);

    // An evicted game comes back from the store for a student who returns, at the podium.
    const { code, player } = games[0]!;
    const back = await resumePlayer(server, code, player);
    expect(back.view.phase.kind).toBe('podium');
    expect(rooms.codes()).toEqual([code]);
    back.player.close();
    await vi.waitFor(
      () => {
        server.clock.advance(EVICT_AFTER_MS + 1);
        expect(rooms.codes()).toEqual([]);
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(transport.stats()).toEqual({ audiences: 0, throttles: 0, timers: 0 });
    expect(server.clock.pending()).toBe(0);
  });

  it('a game that is still being watched stays', async () => {
    const host = await createGame(server, { rounds: [ZIGZAG] });
    const [student] = await joinPlayers(server, host.code, 1);
    ok(await host.call('game:end', {}));
    await student!.view<PlayerView>(isPhase('podium'));
    server.clock.advance(EVICT_AFTER_MS + 1);
    expect(server.app.rooms.codes()).toEqual([host.code]);
    // The student's phone still gets its views: nothing of the room was dropped.
    expect(server.app.transport.stats().audiences).toBe(1);
  });
});
