// The real connection module keeps the newest view: one stamped with a lower version than a view it
// already delivered (a late packet, a throttled view overtaken by a newer one) never reaches the
// model. Against a scripted Socket.IO server on port 0, so the order of the views is the test's.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, expect, it } from 'vitest';
import { createConnection } from '../../client/net/connection';
import type { HostProgress, PlayerView } from '../../shared/protocol/views';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

const view = (version: number, nickname: string): PlayerView => ({
  protocol: 1,
  role: 'player',
  scoreBy: 'speed',
  version,
  serverNow: Date.now(),
  code: '123456',
  roundCount: 1,
  me: { id: 0, nickname, score: 0, streak: 0, rank: 1 },
  phase: { kind: 'lobby' },
});

it('a view or progress message older than the newest view is dropped; a resume starts the count afresh', async () => {
  const http = createServer();
  const io = new Server(http);
  io.on('connection', (socket) => {
    socket.on('player:resume', (_p: unknown, ack: (r: unknown) => void) => {
      ack({ ok: true, view: view(5, 'resumed') });
      socket.emit('view:player', view(7, 'seven'));
      socket.emit('view:player', view(6, 'stale six'));
      socket.emit('host:progress', { version: 6, round: 0, answered: 1, total: 2 });
      socket.emit('view:player', view(7, 'same seven'));
      socket.emit('host:progress', { version: 8, round: 0, answered: 2, total: 2 });
      socket.emit('view:player', view(9, 'nine'));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  close = () => new Promise<void>((resolve) => io.close(() => resolve()));
  const { port } = http.address() as AddressInfo;

  const conn = createConnection(`http://127.0.0.1:${port}`, { socket: { forceNew: true } });
  const seen: string[] = [];
  const progress: HostProgress[] = [];
  const done = new Promise<void>((resolve) =>
    conn.onView((v) => {
      if (v.role === 'player') seen.push(`${v.version} ${v.me.nickname}`);
      if (v.version === 9) resolve();
    }),
  );
  conn.onProgress((p) => progress.push(p));
  // Before the resume, a higher count from an earlier game: the resume's reply resets it.
  conn.adoptView(view(50, 'earlier game'));
  conn.setResume({ event: 'player:resume', payload: { code: '123456', playerSecret: 's'.repeat(24) } });
  try {
    await done;
    expect(seen).toEqual(['50 earlier game', '5 resumed', '7 seven', '7 same seven', '9 nine']);
    expect(progress.map((p) => p.version)).toEqual([8]);
  } finally {
    conn.close();
  }
});
