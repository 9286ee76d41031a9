// Issue 16, the socket side of the limits on rooms (README "Limits", rules L1 and L3), against a real
// server on port 0 with real socket.io-client sockets: new games are a budget of the address (not of
// the socket), joins are not new games, and a full server refuses a new game rather than leave a
// connected room deaf.
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppDeps } from '../../server/app';
import { MAX_WAITING, REFUSAL_HOLD_MS } from '../../server/transport/guard';
import type { HostSession } from '../../shared/protocol/events';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { createGame, isPhase, joinPlayers } from '../helpers/game';
import { ZIGZAG } from '../helpers/scenarios';
import { type Client, closeAllClients, connect, ok, startServer, type TestServer } from '../helpers/server';

let server: TestServer | null = null;
const raw: Socket[] = [];
afterEach(async () => {
  for (const s of raw.splice(0)) s.close();
  closeAllClients();
  await server?.close();
  server = null;
});

async function start(deps: AppDeps = {}): Promise<{ server: TestServer; logged: string[] }> {
  const logged: string[] = [];
  server = await startServer({ log: (m) => logged.push(m), ...deps });
  return { server, logged };
}

const create = (client: Client) => client.call<HostSession>('host:create', { deck: { source: 'builtin' } });

async function metrics(s: TestServer) {
  return (await (await fetch(`${s.url}/metrics`)).json()) as {
    rooms: number;
    refused: Record<string, number>;
    roomsRetired: { expired: number; displaced: number; deleted: number };
  };
}

/** A socket from `forwardedFor` (as a trusted reverse proxy would say), not through the helpers. */
async function behindProxy(url: string, forwardedFor: string): Promise<Socket> {
  const socket = ioClient(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { 'X-Forwarded-For': forwardedFor },
  });
  raw.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

describe('L1: new games are a budget of the address, not of the connection', () => {
  const budgets = { roomCreate: { points: 3, perSeconds: 60 } };

  it('a fresh socket brings no fresh budget: past it, RATE_LIMITED with the wait, held a moment, counted and logged once', async () => {
    const { server, logged } = await start({ budgets });
    for (let i = 0; i < 3; i++) ok(await create(await connect(server.url)));
    const clients = await Promise.all(Array.from({ length: 5 }, () => connect(server.url)));
    const started = Date.now();
    const replies = await Promise.all(clients.map(create));
    // Held, so that a script waiting for each answer cannot spin hundreds of attempts a second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(REFUSAL_HOLD_MS - 50);
    for (const r of replies) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error).toBe('RATE_LIMITED');
      expect(r.retryAfterS).toBeGreaterThan(0);
      expect(r.retryAfterS).toBeLessThanOrEqual(60);
      expect(r.message).toBe(`Too many new games from here. Please wait ${r.retryAfterS} s and try again.`);
    }
    expect(server.app.rooms.codes()).toHaveLength(3);
    expect((await metrics(server)).refused.roomCreate).toBe(5);
    expect(logged.filter((m) => m.startsWith('limit roomCreate:'))).toHaveLength(1);
  });

  it('holds at most heldRefusalsMax refusals at once; past it RATE_LIMITED is sent at once', async () => {
    const { server } = await start({
      budgets: { roomCreate: { points: 1, perSeconds: 60 } },
      heldRefusalsMax: 2,
    });
    const clients = await Promise.all(Array.from({ length: 6 }, () => connect(server.url)));
    const started = Date.now();
    const replies = await Promise.all(
      clients.map(async (c) => ({ reply: await create(c), afterMs: Date.now() - started })),
    );
    expect(replies.filter((r) => r.reply.ok)).toHaveLength(1);
    const refused = replies.filter((r) => !r.reply.ok);
    expect(refused.map((r) => (r.reply.ok ? 'ok' : r.reply.error))).toEqual(Array(5).fill('RATE_LIMITED'));
    expect(refused.filter((r) => r.afterMs >= REFUSAL_HOLD_MS - 50)).toHaveLength(2);
    expect(refused.filter((r) => r.afterMs < REFUSAL_HOLD_MS / 2)).toHaveLength(3);
    expect(server.app.budgets.holds()).toEqual({ held: 0, max: 2, sentAtOnce: 3 });
  });

  it('joins are not new games: a class from the spent address still joins and plays', async () => {
    const { server } = await start({ budgets });
    const host = await createGame(server, { rounds: [ZIGZAG] });
    for (let i = 0; i < 2; i++) ok(await create(await connect(server.url)));
    expect((await create(await connect(server.url))).ok).toBe(false);
    const players = await joinPlayers(server, host.code, 40);
    ok(await host.call('round:start', { round: 0 }));
    for (const p of players) {
      await p.view<PlayerView>(isPhase('question', 0));
      ok(await p.call('answer:submit', { round: 0, choice: 'zigzag' }));
    }
    await host.view<HostView>(isPhase('reveal', 0));
  });

  it('behind a trusted proxy each forwarded address has its own budget', async () => {
    const { server } = await start({ budgets, trustProxy: true });
    const call = (s: Socket) => s.timeout(5_000).emitWithAck('host:create', { deck: { source: 'builtin' } });
    for (let i = 0; i < 3; i++)
      expect(await call(await behindProxy(server.url, '203.0.113.7'))).toMatchObject({ ok: true });
    expect(await call(await behindProxy(server.url, '203.0.113.7'))).toMatchObject({ error: 'RATE_LIMITED' });
    // The proxy appends the address it saw: what comes before is the client's to invent.
    expect(await call(await behindProxy(server.url, '198.51.100.1, 203.0.113.7'))).toMatchObject({
      error: 'RATE_LIMITED',
    });
    expect(await call(await behindProxy(server.url, '203.0.113.8'))).toMatchObject({ ok: true });
  });

  it('an event sent right behind host:create, before its acknowledgement, runs after it, on the new game', async () => {
    const { server } = await start();
    const host = await connect(server.url);
    const [created, locked] = await Promise.all([create(host), host.call('room:lock', { locked: true })]);
    const { code } = ok(created);
    ok(locked);
    expect(server.app.rooms.get(code)?.locked).toBe(true);
  });

  it('a connection that sends on while its events wait for the budget gets RATE_LIMITED at once past MAX_WAITING, not a queue that grows', async () => {
    const { server } = await start({ budgets: { roomCreate: { points: 1, perSeconds: 60 } } });
    const host = await connect(server.url);
    ok(await create(host));
    // 25 more at once (within the connection's burst of 30): each refusal is held 1–2 s, one after
    // the other, so a queue without a bound would answer the last after 25–50 s.
    const started = Date.now();
    const replies = await Promise.all(
      Array.from({ length: 25 }, () =>
        host.socket.timeout(60_000).emitWithAck('host:create', { deck: { source: 'builtin' } }),
      ),
    );
    const tookMs = Date.now() - started;
    for (const r of replies) expect(r).toMatchObject({ ok: false, error: 'RATE_LIMITED' });
    // MAX_WAITING events wait their turn (held 1–2 s each); the rest are refused on arrival.
    expect(tookMs).toBeLessThan(2 * REFUSAL_HOLD_MS * (MAX_WAITING + 1));
    expect(server.app.rooms.codes()).toHaveLength(1);
  }, 60_000);

  it('a connection that closes while its host:create waits for the budget leaves no audience behind', async () => {
    const { server } = await start();
    const host = await connect(server.url);
    host.socket.emit('host:create', { deck: { source: 'builtin' } }, () => {});
    host.close();
    await vi.waitFor(() => expect(server.app.transport.stats().audiences).toBe(0));
    for (const code of server.app.rooms.codes()) expect(server.app.rooms.evict(code)).toBe(true);
  });
});

describe('L3: a full server refuses a new game rather than leave a connected one deaf', () => {
  it('makes way by evicting the least recently used game nobody is connected to; that game comes back on demand', async () => {
    const { server } = await start({ roomLimits: { maxRooms: 3 } });
    const first = await createGame(server, { rounds: [ZIGZAG] });
    const second = await createGame(server, { rounds: [ZIGZAG] });
    const third = await createGame(server, { rounds: [ZIGZAG] });

    // Every game in memory has its projector open: nothing may leave.
    const refused = await create(await connect(server.url));
    expect(refused).toMatchObject({ ok: false, error: 'SERVER_BUSY' });
    expect((await metrics(server)).refused.roomsInMemory).toBe(1);
    expect(server.app.rooms.codes().sort()).toEqual([first.code, second.code, third.code].sort());

    // The first projector closes: its game is the one that makes way.
    first.close();
    await vi.waitFor(() => expect(server.app.transport.stats().audiences).toBe(2));
    const fourth = ok(await create(await connect(server.url)));
    expect(server.app.rooms.codes().sort()).toEqual([second.code, third.code, fourth.code].sort());
    expect((await metrics(server)).roomsRetired.displaced).toBe(1);

    // The other two still hear their games.
    const [student] = await joinPlayers(server, second.code, 1);
    await second.view<HostView>((v) => v.players.length === 1);
    expect(student).toBeDefined();

    // The evicted game is still there for its host, from the store, as it was.
    const again = await connect(server.url);
    const { view } = ok(
      await again.call<{ view: HostView }>('host:resume', { code: first.code, hostSecret: first.hostSecret }),
    );
    expect(view.phase.kind).toBe('lobby');
    expect(server.app.rooms.codes()).toContain(first.code);
  });
});
