// Bounded memory whatever clients read (issue 16): a socket that stops reading holds at most one
// pending view per event on the server, however many views the room produces meanwhile, and is
// disconnected once its unread bytes stay above OUTBOX_MAX_BYTES for SLOW_READER_MS. The host that
// comes back gets the whole view, as before.
import type { Socket as TcpSocket } from 'node:net';
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { outgoingBytes } from '../../server/transport/outbox';
import type { AppSocket } from '../../server/transport/session';
import type { HostView } from '../../shared/protocol/views';
import { createGame, resumeHost } from '../helpers/game';
import { closeAllClients, startServer, type TestServer } from '../helpers/server';

const MAX_BYTES = 4096;
const SLOW_READER_MS = 1_000;
const ROSTER = 1500;

let server: TestServer | null = null;
afterEach(async () => {
  closeAllClients();
  await server?.close();
  server = null;
});

/** The client's TCP socket under socket.io-client's WebSocket (the `ws` package in Node). */
function tcpOf(socket: Socket): TcpSocket {
  const ws: unknown = Reflect.get(socket.io.engine.transport, 'ws');
  const tcp: unknown = typeof ws === 'object' && ws !== null ? Reflect.get(ws, '_socket') : null;
  if (typeof tcp !== 'object' || tcp === null || !('pause' in tcp)) throw new Error('no TCP socket');
  return tcp as TcpSocket;
}

function serverSocket(s: TestServer, client: Socket): AppSocket {
  const found = s.app.io.sockets.sockets.get(client.id ?? '');
  if (!found) throw new Error('no server socket');
  return found;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('slow readers: a socket that stops reading', () => {
  it('holds at most one pending view, and is disconnected after the cap and the time', async () => {
    server = await startServer({ outbox: { maxBytes: MAX_BYTES, slowReaderMs: SLOW_READER_MS } });
    const { rooms } = server.app;
    const host = await createGame(server);
    let joined = 0;
    const join = () => rooms.join(host.code, `Student ${++joined}`, `secret-${joined}-${'x'.repeat(24)}`);
    // A big room: each host view is ~100 KB, so the kernel's socket buffers fill within seconds.
    for (let i = 0; i < ROSTER; i++) join();
    const big = await host.view<HostView>((v) => v.playerCount === ROSTER);
    const viewBytes = JSON.stringify(big).length;

    const onServer = serverSocket(server, host.socket);
    tcpOf(host.socket).pause();
    let disconnected = false;
    onServer.on('disconnect', () => {
      disconnected = true;
    });

    // The roster keeps changing (a host view up to ten times a second) until the server gives up on
    // the reader; the kernel's buffers fill first, then the server's own.
    let maxPending = 0;
    let maxBytes = 0;
    let sawPending = false;
    const started = Date.now();
    while (!disconnected && Date.now() - started < 30_000) {
      join();
      await sleep(20);
      const pending = server.app.transport.pendingOf(onServer);
      maxPending = Math.max(maxPending, pending);
      if (!disconnected) maxBytes = Math.max(maxBytes, outgoingBytes(onServer));
      if (pending > 0) sawPending = true;
    }
    expect(sawPending, 'the reader fell behind and a view was held for it').toBe(true);
    expect(maxPending, 'never more than one pending view').toBe(1);
    // What the server buffers for it is what it was writing when the kernel filled: about a view.
    expect(maxBytes, `unread bytes held (a view is ${viewBytes} B)`).toBeLessThan(3 * viewBytes);
    expect(disconnected, 'the reader was disconnected').toBe(true);
    expect(server.app.transport.outboxes(), 'nothing is kept for it').toBe(0);
    expect(server.app.limitEvents.counts().slowReader).toBe(1);

    // The host is honest after all (a bad Wi-Fi): back, it gets the whole roster.
    const back = await resumeHost(server, host);
    expect(back.view.playerCount).toBe(joined);
    expect(back.view.players).toHaveLength(joined);
  }, 40_000);

  it('a reader that keeps up is never held back nor disconnected', async () => {
    server = await startServer({ outbox: { maxBytes: MAX_BYTES, slowReaderMs: SLOW_READER_MS } });
    const { rooms } = server.app;
    const host = await createGame(server);
    for (let i = 1; i <= 200; i++) rooms.join(host.code, `Student ${i}`, `secret-${i}-${'x'.repeat(24)}`);
    await host.view<HostView>((v) => v.playerCount === 200);
    for (let i = 201; i <= 260; i++) {
      rooms.join(host.code, `Student ${i}`, `secret-${i}-${'x'.repeat(24)}`);
      await sleep(20);
    }
    // The last change always arrives: the newest view is never the one dropped.
    await host.view<HostView>((v) => v.playerCount === 260);
    await sleep(2 * SLOW_READER_MS);
    expect(host.socket.connected).toBe(true);
    expect(server.app.limitEvents.counts().slowReader).toBeUndefined();
  }, 20_000);
});
