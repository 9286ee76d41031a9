// L2: the host can start the built-in 15-minute lesson by name, beside the full built-in deck.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_GAME_DECK, LESSON_GAME_DECK } from '../../shared/protocol/decks';
import type { HostSession, PlayerSession } from '../../shared/protocol/events';
import type { HostView } from '../../shared/protocol/views';
import { closeAllClients, connect, ok, startServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  closeAllClients();
  await server.close();
});

describe('L2 the 15-minute lesson is a deck source', () => {
  it('creates a game of the lesson\'s nine rounds with { source: "lesson" }', async () => {
    const host = await connect(server.url);
    const session = ok(
      await host.call<HostSession>('host:create', {
        deck: { source: 'lesson' },
        secondsPerQuestion: 30,
        speedPoints: false,
      }),
    );
    // A student joining makes the room publish a fresh view to the host.
    const student = await connect(server.url);
    ok(await student.call<PlayerSession>('player:join', { code: session.code, nickname: 'Ada' }));
    const view = await host.view<HostView>((v) => v.playerCount === 1);
    expect(view.roundCount).toBe(LESSON_GAME_DECK.rounds.length);
    expect(view.roundCount).not.toBe(BUILTIN_GAME_DECK.rounds.length);
  });
});
