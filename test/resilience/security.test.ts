// Nobody takes over a game: the handshake's Origin is checked, a kicked student stays out through
// every way back in (restart included), and the pages carry security headers whose CSP the built
// apps run under without inline scripts.
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_STATIC_DIR, SECURITY_HEADERS } from '../../server/app';
import { isOriginAllowed, parseAllowedOrigins } from '../../server/transport/origin';
import type { PlayerSession } from '../../shared/protocol/events';
import type { PlayerView } from '../../shared/protocol/views';
import { launchBrowser } from '../browser/harness';
import { createGame, isPhase, joinPlayers } from '../helpers/game';
import { ZIGZAG } from '../helpers/scenarios';
import { closeAllClients, connect, ok, startServer, type TestServer } from '../helpers/server';
import { closeAllConnections, hostGame, joinGame } from './clients';
import { killAllServers, removeDataDirs, startServerProcess } from './process';

let server: TestServer | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  closeAllClients();
  closeAllConnections();
  await server?.close();
  server = null;
  await killAllServers();
});
afterAll(removeDataDirs);

/** Connects with the given Origin header; resolves true on connect, false if the handshake is refused. */
function connectsWith(
  url: string,
  origin: string | undefined,
  transport: 'websocket' | 'polling',
): Promise<boolean> {
  const socket = ioClient(url, {
    transports: [transport],
    forceNew: true,
    reconnection: false,
    extraHeaders: origin === undefined ? {} : { Origin: origin },
  });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  });
}

describe('the WebSocket handshake checks Origin', () => {
  it('allows no Origin, its own origin and ALLOWED_ORIGINS; refuses any other, on both transports', async () => {
    server = await startServer({ allowedOrigins: ['https://lms.example.edu'] });
    const own = server.url; // http://127.0.0.1:PORT, which is also the Host header
    for (const transport of ['websocket', 'polling'] as const) {
      expect(await connectsWith(server.url, undefined, transport), `${transport}: no Origin`).toBe(true);
      expect(await connectsWith(server.url, own, transport), `${transport}: own origin`).toBe(true);
      expect(
        await connectsWith(server.url, 'https://lms.example.edu', transport),
        `${transport}: allowed`,
      ).toBe(true);
      for (const origin of ['https://evil.example', 'null', `${own}.evil.example`, 'http://127.0.0.1:1'])
        expect(await connectsWith(server.url, origin, transport), `${transport}: ${origin}`).toBe(false);
    }
  });

  it('refuses a raw WebSocket from another origin with 403', async () => {
    server = await startServer();
    const port = new URL(server.url).port;
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, {
        headers: { Origin: 'https://evil.example' },
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', () => {});
    });
    // engine.io answers a refused upgrade with 400 (a refused polling handshake gets 403).
    expect([400, 403]).toContain(status);
  });

  it('compares hosts as URLs and reads ALLOWED_ORIGINS', () => {
    const req = (origin: string | undefined, host: string) => ({ headers: { origin, host } });
    expect(isOriginAllowed(req('http://Example.org', 'example.org:80'), new Set())).toBe(true);
    expect(isOriginAllowed(req('https://example.org', 'example.org:443'), new Set())).toBe(true);
    expect(isOriginAllowed(req('http://example.org:3000', 'example.org'), new Set())).toBe(false);
    expect(isOriginAllowed(req('file://x', 'x'), new Set())).toBe(false);
    expect(parseAllowedOrigins(' https://a.example/path , http://b.example:8080,,not a url ')).toEqual({
      origins: ['https://a.example', 'http://b.example:8080'],
      invalid: ['not a url'],
    });
  });
});

describe('the transport options', () => {
  it('offers no permessage-deflate, even to a client that asks for it', async () => {
    server = await startServer();
    const port = new URL(server.url).port;
    const extensions = await new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, {
        perMessageDeflate: true,
      });
      ws.on('upgrade', (res) => resolve(String(res.headers['sec-websocket-extensions'] ?? '')));
      ws.on('open', () => ws.close());
      ws.on('error', reject);
    });
    expect(extensions).toBe('');
  });
});

describe('H2 a kicked student stays out through every way back in', () => {
  it('their secret, their join request id, their nickname, another tab, and a Socket.IO reconnection', async () => {
    server = await startServer();
    const host = await createGame(server, { rounds: [ZIGZAG] });
    const [, other] = await joinPlayers(server, host.code, 2);
    const phone = await connect(server.url, { reconnection: true });
    const requestId = 'kick-me-0123456789abcdef';
    const session = ok(
      await phone.call<PlayerSession>('player:join', { code: host.code, nickname: 'Mallory', requestId }),
    );
    const tab = await connect(server.url);
    ok(await tab.call('player:resume', { code: host.code, playerSecret: session.playerSecret }));
    ok(await host.call('player:kick', { playerId: session.playerId }));
    await phone.view<PlayerView>((v) => v.phase.kind === 'kicked');

    const stranger = await connect(server.url);
    expect(
      await stranger.call('player:resume', { code: host.code, playerSecret: session.playerSecret }),
    ).toMatchObject({
      error: 'KICKED',
    });
    expect(
      await stranger.call('player:join', { code: host.code, nickname: 'Mallory', requestId }),
    ).toMatchObject({
      error: 'KICKED',
    });
    expect(await stranger.call('player:join', { code: host.code, nickname: 'MALLORY' })).toMatchObject({
      error: 'NAME_TAKEN',
    });
    // Both open sockets stopped hearing the room when the kick happened, and what they send is
    // refused with the documented code.
    ok(await host.call('round:start', { round: 0 }));
    await other!.view(isPhase('question', 0));
    for (const s of [phone, tab])
      expect(await s.call('answer:submit', { round: 0, choice: 'zigzag' })).toMatchObject({
        ok: false,
        error: 'KICKED',
      });
    const q = server.app.rooms.get(host.code)!;
    expect(q.phase.kind === 'question' && q.phase.answered).toBe(0);

    // The transport drops and Socket.IO reconnects by itself: no session is recovered with it.
    const received = phone.received.length;
    const reconnected = new Promise<void>((resolve) => phone.socket.io.once('reconnect', () => resolve()));
    phone.socket.io.engine.close();
    await reconnected;
    expect(phone.socket.recovered).toBeFalsy();
    expect(await phone.call('answer:submit', { round: 0, choice: 'zigzag' })).toMatchObject({
      error: 'NOT_IN_ROOM',
    });
    // A client claiming a recoverable session (pid, offset) gets nothing either.
    const forged = ioClient(server.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { pid: phone.socket.id, offset: '0' },
    });
    sockets.push(forged);
    await new Promise<void>((resolve) => forged.once('connect', () => resolve()));
    expect(forged.recovered).toBeFalsy();
    expect(
      await forged.timeout(5000).emitWithAck('answer:submit', { round: 0, choice: 'zigzag' }),
    ).toMatchObject({
      error: 'NOT_IN_ROOM',
    });
    expect(phone.received.slice(received).filter(([e]) => e === 'view:player')).toEqual([]);
    expect(server.app.rooms.get(host.code)!.players[session.playerId]).toMatchObject({ kicked: true });
  });

  it('and after the server restarts', async () => {
    const proc = await startServerProcess();
    const host = await hostGame(proc.url, {
      deck: { source: 'custom', deck: { title: 'Kick', rounds: [ZIGZAG] } },
    });
    const mallory = await joinGame(proc.url, host.code, 'Mallory');
    const lost = new Promise<string>((resolve) => mallory.conn.onSessionLost((error) => resolve(error)));
    expect((await host.conn.request('player:kick', { playerId: mallory.playerId })).ok).toBe(true);
    await mallory.waitFor((v) => v.phase.kind === 'kicked');
    await proc.kill();
    await proc.restart();
    // Her app presents her secret after reconnecting, and is told she was removed.
    expect(await lost).toBe('KICKED');
    const probe = await connect(proc.url);
    expect(
      await probe.call('player:resume', { code: host.code, playerSecret: mallory.playerSecret }),
    ).toMatchObject({ error: 'KICKED' });
    expect(await probe.call('player:join', { code: host.code, nickname: 'mallory' })).toMatchObject({
      error: 'NAME_TAKEN',
    });
    await host.waitFor((v) => v.playerCount === 0);
  }, 60_000);
});

describe('security headers', () => {
  it('every response carries the CSP and the other headers, without X-Powered-By', async () => {
    server = await startServer();
    for (const path of ['/healthz', '/api/info', '/no-such-page']) {
      const res = await fetch(`${server.url}${path}`);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        // Express's own error pages narrow the policy further, to default-src 'none'.
        const expected =
          res.status === 404 && name === 'Content-Security-Policy' ? "default-src 'none'" : value;
        expect(res.headers.get(name), `${path} ${name}`).toBe(expected);
      }
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    const csp = SECURITY_HEADERS['Content-Security-Policy']!;
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('the built apps run under the CSP in Chromium: no violation, the page renders, an inline script is refused', async () => {
    // The production build `npm start` serves, made once for the run (test/browser/global-setup.ts).
    expect(inject('appsBuilt'), 'the global setup built dist/client').toBe(true);
    server = await startServer({ staticDir: DEFAULT_STATIC_DIR });
    const host = await createGame(server, { rounds: [ZIGZAG] });
    const { browser, close } = await launchBrowser();
    try {
      for (const path of ['/', `/join/${host.code}`, '/host']) {
        const page = await browser.newPage();
        const violations: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
        });
        await page.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (e) => {
            (window as unknown as { csp: string[] }).csp ??= [];
            (window as unknown as { csp: string[] }).csp.push(`${e.violatedDirective} ${e.blockedURI}`);
          });
        });
        const res = await page.goto(`${server.url}${path}`);
        expect(res?.headers()['content-security-policy']).toBe(SECURITY_HEADERS['Content-Security-Policy']);
        await page.waitForFunction(() => (document.getElementById('app')?.childElementCount ?? 0) > 0);
        await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
        const seen = await page.evaluate(() => (window as unknown as { csp?: string[] }).csp ?? []);
        expect([...violations, ...seen], path).toEqual([]);
        // The policy is live: an inline script is refused.
        const ran = await page.evaluate(() => {
          const s = document.createElement('script');
          s.textContent = 'window.inlineRan = true';
          document.body.append(s);
          return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
        });
        expect(ran).toBe(false);
        await page.close();
      }
    } finally {
      await close();
    }
  }, 60_000);
});
