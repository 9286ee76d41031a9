// docs/deploy.md's cluster, for real: deploy/nginx/overshoot.conf, as shipped, run by a private nginx
// on loopback (deploy/run-nginx.ts) in front of three real server processes (NODE_ID n1-n3) on one
// PostgreSQL. Through the proxy's one origin, the host finds where to make a room and makes it there,
// a phone finds the room's home and plays on it over WebSocket, another over long-polling only (every
// poll must reach the same node, with no sticky cookie), and the Origin check still refuses a page of
// another site. nginx comes from Debian (.ci/run installs it; so does the test, where it may).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NodeProcess, startNodes } from '../../bench/cluster-nodes';
import { ensureNginx, type NginxProxy, startNginx } from '../../deploy/run-nginx';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { ZIGZAG } from '../helpers/scenarios';
import { freshDatabase } from '../postgres/database';
import { freePort } from '../resilience/process';

const databaseUrl = await freshDatabase();
let nodes: NodeProcess[] = [];
let proxy: NginxProxy;
const logDir = mkdtempSync(join(tmpdir(), 'overshoot-proxy-test-'));
const sockets: Socket[] = [];

beforeAll(async () => {
  ensureNginx();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  nodes = await startNodes(3, { DATABASE_URL: databaseUrl, PUBLIC_URL: url, TRUST_PROXY: '1' }, (id) =>
    join(logDir, `${id}.log`),
  );
  proxy = await startNginx(nodes, port);
}, 300_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await proxy?.stop();
  await Promise.all(nodes.map((n) => n.kill()));
  rmSync(logDir, { recursive: true, force: true });
});

interface Home {
  node: string | null;
  path: string;
}

async function getJson<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${proxy.url}${path}`);
  return { status: response.status, body: (await response.json()) as T };
}

/** A socket through the proxy, as a page of `origin` opens it (a browser always sends Origin). */
function open(path: string, transports: Array<'websocket' | 'polling'>, origin = proxy.url): Promise<Socket> {
  const socket = io(proxy.url, {
    path,
    transports,
    forceNew: true,
    reconnection: false,
    timeout: 5_000,
    extraHeaders: { Origin: origin },
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const failure = (why: () => string) => `${why()}\nnginx:\n${proxy.errors()}`;

describe('the cluster behind deploy/nginx/overshoot.conf', () => {
  it('each node, as deployed, played its practice game before it joined the cluster', () => {
    for (const node of nodes) {
      const log = readFileSync(node.logFile, 'utf8');
      // All 200, or as many as 5 s allowed on a machine busy with other work (server/warm-up.ts).
      expect(log, log).toMatch(/Warmed up with (200|\d+ of 200) practice players/);
      expect(log.indexOf('Warmed up')).toBeLessThan(log.indexOf('Overshoot is running.'));
    }
  });

  let code = '';
  let home: Home;
  let host: Socket;

  it('the host asks /api/home through the proxy and makes the room there; any node then names that home', async () => {
    const where = await getJson<Home>('/api/home');
    expect(where.status).toBe(200);
    expect(where.body.node).toMatch(/^n[123]$/);
    expect(where.body.path).toBe(`/n/${where.body.node}/socket.io`);
    host = await open(where.body.path, ['websocket']);
    const created = await host.emitWithAck('host:create', {
      deck: { source: 'custom', deck: { title: 'Through nginx', rounds: [ZIGZAG] } },
      secondsPerQuestion: 60,
    });
    expect(
      created.ok,
      failure(() => JSON.stringify(created)),
    ).toBe(true);
    code = created.code;
    // Round-robin: several asks reach several nodes, and every one names the room's home.
    for (let i = 0; i < 6; i++) {
      const answer = await getJson<Home>(`/api/rooms/${code}/home`);
      expect(answer).toEqual({ status: 200, body: where.body });
    }
    home = where.body;
    // The body's exact shape is the API's to settle (docs/api.md); it names the code.
    const missing = await getJson<unknown>('/api/rooms/999999/home');
    expect(missing.status).toBe(404);
    expect(JSON.stringify(missing.body)).toContain('ROOM_NOT_FOUND');
  });

  it('a phone on WebSocket and a phone on long-polling only join the room on its home and get its question', async () => {
    const hostViews: HostView[] = [];
    host.on('view:host', (v: HostView) => hostViews.push(v));
    const phones: Array<{ socket: Socket; views: PlayerView[] }> = [];
    for (const transports of [['websocket'], ['polling']] as const) {
      const socket = await open(home.path, [...transports]);
      const views: PlayerView[] = [];
      socket.on('view:player', (v: PlayerView) => views.push(v));
      const joined = await socket.emitWithAck('player:join', { code, nickname: `On ${transports[0]}` });
      expect(
        joined.ok,
        failure(() => JSON.stringify(joined)),
      ).toBe(true);
      expect(joined.view.code).toBe(code);
      expect(socket.io.engine.transport.name).toBe(transports[0]);
      phones.push({ socket, views });
    }
    const started = await host.emitWithAck('round:start', { round: 0 });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    for (const phone of phones) {
      await expect
        .poll(() => phone.views.some((v) => v.phase.kind === 'question'), { timeout: 5_000 })
        .toBe(true);
      const answered = await phone.socket.emitWithAck('answer:submit', { round: 0, choice: 'zigzag' });
      expect(answered.ok, JSON.stringify(answered)).toBe(true);
    }
    await expect.poll(() => hostViews.at(-1)?.playerCount, { timeout: 5_000 }).toBe(2);
  });

  it('a node path no node has is 404 at the proxy', async () => {
    const response = await fetch(`${proxy.url}/n/n9/socket.io/?EIO=4&transport=polling`);
    expect(response.status).toBe(404);
  });

  it("the Origin check still holds through the proxy: another site's page is refused on both transports", async () => {
    for (const transports of [['websocket'], ['polling']] as const)
      await expect(open(home.path, [...transports], 'https://evil.example')).rejects.toThrow();
    // The proxy's own origin is let in (the Host header it forwards is the browser's).
    const ok = await open(home.path, ['polling']);
    expect(ok.connected).toBe(true);
  });
});
