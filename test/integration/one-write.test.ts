// An answer's acknowledgement and its player's new view leave the server in one write, as bare
// Socket.IO's acknowledgement alone does (server/transport/coalesce.ts): two system calls per answer
// were a third of the server's CPU at 2,000 students. Counted on the server's own TCP socket for the
// player, with a real server on port 0 and a real socket.io-client.
import { Socket as TcpSocket } from 'node:net';
import { afterEach, expect, it, vi } from 'vitest';
import type { PlayerView } from '../../shared/protocol/views';
import { createGame, isPhase, joinPlayers } from '../helpers/game';
import { ZIGZAG } from '../helpers/scenarios';
import { closeAllClients, ok, startServer, type TestServer } from '../helpers/server';

let server: TestServer;
afterEach(async () => {
  vi.restoreAllMocks();
  closeAllClients();
  await server?.close();
});

/** The local port of a socket.io-client socket's TCP connection (ws keeps it as `_socket`). */
function localPortOf(client: { socket: { io: { engine: unknown } } }): number {
  const engine = client.socket.io.engine as { transport: { ws: { _socket: TcpSocket } } };
  return engine.transport.ws._socket.localPort!;
}

it("an answer's acknowledgement and the player's new view go out in one write", async () => {
  server = await startServer();
  const serverPort = Number(new URL(server.url).port);
  const host = await createGame(server, { rounds: [ZIGZAG, ZIGZAG], seconds: 30 });
  const [ada, grace] = await joinPlayers(server, host.code, 2);
  ok(await host.call('round:start', { round: 0 }));
  await ada!.view<PlayerView>(isPhase('question', 0));
  await grace!.view<PlayerView>(isPhase('question', 0));

  // Every write the server's end of Ada's connection makes from here.
  const adaPort = localPortOf(ada!);
  const writes: string[] = [];
  const toAda = (s: TcpSocket) => s.localPort === serverPort && s.remotePort === adaPort;
  const writev = TcpSocket.prototype._writev!;
  const write = TcpSocket.prototype._write;
  vi.spyOn(TcpSocket.prototype, '_writev').mockImplementation(function (this: TcpSocket, chunks, cb) {
    if (toAda(this)) writes.push(`writev of ${chunks.length}`);
    return writev.call(this, chunks, cb);
  });
  vi.spyOn(TcpSocket.prototype, '_write').mockImplementation(function (this: TcpSocket, chunk, enc, cb) {
    if (toAda(this)) writes.push('write');
    return write.call(this, chunk, enc, cb);
  });

  const since = ada!.received.length;
  ok(await ada!.call('answer:submit', { round: 0, choice: 'zigzag' }));
  const locked = await ada!.view<PlayerView>(
    (v) => v.phase.kind === 'question' && v.phase.answer === 'zigzag',
    since,
  );
  expect(locked.phase.kind).toBe('question');
  // Anything that would follow in a later write has had time to.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(writes).toHaveLength(1);
});
