// Bounded memory whatever clients read (issue 16): a socket that stops reading holds at most one
// pending view per event on the server, however many views the room produces meanwhile, and is
// disconnected once its unread bytes stay above OUTBOX_MAX_BYTES for SLOW_READER_MS. The host that
// comes back gets the whole view, as before.
import type { Socket as TcpSocket } from 'node:net';
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { outgoingBytes } from '../../server/transport/outbox';
import { DEFAULT_LIMITS } from '../../server/transport/rate-limit';
import type { AppSocket } from '../../server/transport/session';
import type { HostView } from '../../shared/protocol/views';
import { createGame, resumeHost } from '../helpers/game';
import { closeAllClients, startServer, type TestServer } from '../helpers/server';

const MAX_BYTES = 4096;
const SLOW_READER_MS = 1_000;
const ROSTER = 1500;
/** Host resumes the stuck socket sends: ~100 KB of acknowledgement each. */
const RESUMES = 100;

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
    server = await startServer({
      outbox: { maxBytes: MAX_BYTES, slowReaderMs: SLOW_READER_MS },
      limits: { ...DEFAULT_LIMITS, events: { burst: 1_000, perSecond: 1_000 } },
    });
    const { rooms } = server.app;
    const host = await createGame(server);
    let joined = 0;
    const join = () => rooms.join(host.code, `Student ${++joined}`, `secret-${joined}-${'x'.repeat(24)}`);
    // A big room: the view in each resume's acknowledgement is ~100 KB.
    for (let i = 0; i < ROSTER; i++) join();
    await host.view<HostView>((v) => v.playerCount === ROSTER);

    const onServer = serverSocket(server, host.socket);
    let disconnected = false;
    onServer.on('disconnect', () => {
      disconnected = true;
    });
    let resumesIn = 0;
    onServer.prependAny((event: string) => {
      if (event === 'host:resume') resumesIn++;
    });
    tcpOf(host.socket).pause();
    // Acknowledgements are never dropped: these fill the kernel's buffers, then the server's own.
    for (let i = 0; i < RESUMES; i++)
      host.socket.emit('host:resume', { code: host.code, hostSecret: host.hostSecret }, () => {});
    // Measure only once every resume is acknowledged into the backlog: on a busy machine the last
    // ones arrived after the first held view, and their acknowledgements (which are never dropped)
    // read as growth of the backlog.
    const sent = Date.now();
    while (resumesIn < RESUMES && Date.now() - sent < 10_000) await sleep(10);
    expect(resumesIn, 'the server read every resume').toBe(RESUMES);

    // The roster keeps changing (a host view up to ten times a second) until the server gives up.
    let maxPending = 0;
    let stuckAt: number | null = null;
    let grewBy = 0;
    const started = Date.now();
    while (!disconnected && Date.now() - started < 20_000) {
      join();
      await sleep(20);
      if (disconnected) break;
      const pending = server.app.transport.pendingOf(onServer);
      const bytes = outgoingBytes(onServer);
      maxPending = Math.max(maxPending, pending);
      if (pending > 0) stuckAt ??= bytes;
      if (stuckAt !== null) grewBy = Math.max(grewBy, bytes - stuckAt);
    }
    expect(stuckAt, 'the reader fell behind and a view was held for it').not.toBeNull();
    expect(maxPending, 'never more than one pending view').toBe(1);
    // Views that cannot be written replace each other: the backlog stops growing (pings aside).
    expect(grewBy, 'bytes added to the backlog once the socket was stuck').toBeLessThan(1024);
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
