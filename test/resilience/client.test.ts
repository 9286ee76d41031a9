// The apps' connection module when a resume is refused for a moment (RATE_LIMITED, INTERNAL): it
// must not send what it queued without its identity, but present the identity again and then send.
// Against a scripted Socket.IO server, so the refusal happens exactly when the test says.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnection } from '../../client/net/connection';
import { fail } from '../../shared/protocol/errors';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

const VIEW = {
  protocol: 1,
  role: 'player',
  version: 7,
  serverNow: Date.now(),
  code: '123456',
  roundCount: 1,
  me: { id: 0, nickname: 'Ada', score: 0, streak: 0, rank: 1 },
  phase: { kind: 'lobby' },
};

describe('a resume refused for a moment', () => {
  it.each(['RATE_LIMITED', 'INTERNAL'] as const)(
    '%s: the queued answer waits for a resume that succeeds, and goes once',
    async (refusal) => {
      const http = createServer();
      const io = new Server(http);
      const seen: string[] = [];
      let resumes = 0;
      io.on('connection', (socket) => {
        let resumed = false;
        socket.on('player:resume', (_p: unknown, ack: (r: unknown) => void) => {
          seen.push('player:resume');
          resumes++;
          if (resumes === 1) return ack(fail(refusal));
          resumed = true;
          ack({ ok: true, view: VIEW });
        });
        socket.on('answer:submit', (p: { round: number; choice: string }, ack: (r: unknown) => void) => {
          seen.push(resumed ? 'answer:submit' : 'answer:submit without identity');
          ack(resumed ? { ok: true, round: p.round, choice: p.choice, elapsedMs: 1 } : fail('NOT_IN_ROOM'));
        });
      });
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      close = () => new Promise<void>((resolve) => io.close(() => resolve()));
      const { port } = http.address() as AddressInfo;

      const conn = createConnection(`http://127.0.0.1:${port}`, { socket: { forceNew: true } });
      conn.setResume({ event: 'player:resume', payload: { code: '123456', playerSecret: 's'.repeat(24) } });
      const answer = conn.request('answer:submit', { round: 0, choice: 'zigzag' }, { retry: true });
      try {
        expect(await answer).toMatchObject({ ok: true, choice: 'zigzag' });
        expect(seen).toEqual(['player:resume', 'player:resume', 'answer:submit']);
      } finally {
        conn.close();
      }
    },
  );
});
