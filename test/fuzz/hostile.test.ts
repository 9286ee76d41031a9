// The transport's limits: messages over 16 KB are refused, a flooding client is rate-limited and
// thrown out without slowing the others, and wrong room codes are throttled per connection and per
// address while a whole class joining from one address gets in.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../server/app';
import { DEFAULT_LIMITS } from '../../server/transport/rate-limit';
import type { PlayerView } from '../../shared/protocol/views';
import { createGame, isPhase, joinPlayers } from '../helpers/game';
import { ZIGZAG } from '../helpers/scenarios';
import { closeAllClients, connect, ok, startServer, type TestServer } from '../helpers/server';
import { closeAllConnections, hostGame, joinGame, percentile } from '../resilience/clients';
import { killAllServers, removeDataDirs, startServerProcess } from '../resilience/process';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** CPU time (user + system) a process has used so far, ms, from /proc (Linux). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
let server: TestServer | null = null;
afterEach(async () => {
  closeAllClients();
  closeAllConnections();
  await server?.close();
  server = null;
  await killAllServers();
});
afterAll(removeDataDirs);

describe('messages over 16 KB', () => {
  it('are refused by the transport, which drops that connection; one just under gets an answer', async () => {
    server = await startServer();
    const host = await createGame(server, { rounds: [ZIGZAG] });
    const [student] = await joinPlayers(server, host.code, 1);
    const attacker = await connect(server.url);
    // Just under the limit: the message is read and refused by the schema.
    const under = 'x'.repeat(MAX_MESSAGE_BYTES - 100);
    expect(await attacker.call('player:join', { code: host.code, nickname: under })).toMatchObject({
      error: 'BAD_PAYLOAD',
    });
    // Just over: never read. The connection goes, and no acknowledgement comes.
    const closed = new Promise<string>((resolve) =>
      attacker.socket.once('disconnect', (reason) => resolve(reason)),
    );
    attacker.socket.emit(
      'player:join',
      { code: host.code, nickname: 'x'.repeat(MAX_MESSAGE_BYTES + 100) },
      () => {
        throw new Error('acknowledged a message over the limit');
      },
    );
    expect(await closed).toBe('transport close');
    // Binary attachments count too.
    const binary = await connect(server.url);
    const gone = new Promise<void>((resolve) => binary.socket.once('disconnect', () => resolve()));
    binary.socket.emit('answer:submit', Buffer.alloc(MAX_MESSAGE_BYTES + 1));
    await gone;
    // Everyone else plays on.
    ok(await host.call('round:start', { round: 0 }));
    await student!.view<PlayerView>(isPhase('question', 0));
    ok(await student!.call('answer:submit', { round: 0, choice: 'zigzag' }));
    expect(server.app.rooms.get(host.code)!.players).toHaveLength(1);
  });
});

describe('a client flooding events', () => {
  it('gets RATE_LIMITED, is thrown out, and the others answer as fast as before', async () => {
    const proc = await startServerProcess();
    const host = await hostGame(proc.url, {
      deck: { source: 'custom', deck: { title: 'Flood', rounds: [ZIGZAG] } },
      secondsPerQuestion: 300,
    });
    const students = await Promise.all(
      Array.from({ length: 20 }, (_, i) => joinGame(proc.url, host.code, `Honest ${i}`)),
    );
    expect((await host.conn.request('round:start', { round: 0 }, { retry: true })).ok).toBe(true);
    await Promise.all(students.map((s) => s.waitFor(isPhase('question', 0))));
    for (const s of students)
      expect((await s.conn.request('answer:submit', { round: 0, choice: 'zigzag' })).ok).toBe(true);

    /** Each honest phone re-sends its answer (a retry, deduplicated) 4 times a second for `ms`. */
    const measure = async (ms: number) => {
      const latencies: number[] = [];
      const until = Date.now() + ms;
      await Promise.all(
        students.map(async (s, i) => {
          await new Promise((r) => setTimeout(r, (i * 250) / students.length));
          while (Date.now() < until) {
            const t = performance.now();
            const r = await s.conn.request('answer:submit', { round: 0, choice: 'zigzag' });
            latencies.push(performance.now() - t);
            expect(r.ok).toBe(true);
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
        }),
      );
      return latencies;
    };

    // The flooder's own CPU is a phone's, not the server's: on this 2-core machine it runs at the
    // lowest priority, so what is measured is what its traffic costs the server. It is stopped and
    // continued (SIGSTOP, SIGCONT) so quiet and flooded windows alternate: whatever else loads this
    // shared machine meanwhile weighs on both alike.
    const WINDOW_MS = 1_500;
    const PAIRS = 4;
    const flooder = spawn(
      'nice',
      [
        '-n',
        '19',
        process.execPath,
        '--import',
        'tsx',
        'test/fuzz/flooder.ts',
        proc.url,
        host.code,
        String((2 * PAIRS * WINDOW_MS) / 1000 + 3),
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    const done = new Promise<void>((resolve) => {
      flooder.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      flooder.once('exit', () => resolve());
    });
    await new Promise<void>((resolve) => {
      const check = () => (out.includes('flooding') ? resolve() : setTimeout(check, 20));
      check();
    });
    // `nice` execs node, so the child's pid is the flooder's.
    const signal = (sig: NodeJS.Signals) => process.kill(flooder.pid!, sig);
    const quiet: number[] = [];
    const flooded: number[] = [];
    const cpu = { quiet: 0, flooded: 0 };
    try {
      for (let pair = 0; pair < PAIRS; pair++) {
        for (const state of ['quiet', 'flooded'] as const) {
          signal(state === 'quiet' ? 'SIGSTOP' : 'SIGCONT');
          const c = cpuMsOf(proc.pid);
          (state === 'quiet' ? quiet : flooded).push(...(await measure(WINDOW_MS)));
          cpu[state] += cpuMsOf(proc.pid) - c;
        }
      }
    } finally {
      signal('SIGCONT');
      await done;
    }
    const stats = JSON.parse(out.trim().split('\n').at(-1)!) as {
      sent: number;
      ok: number;
      limited: number;
      other: number;
      disconnects: number;
      connects: number;
    };
    const summary = (xs: number[]) =>
      `p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms (${xs.length})`;
    const windowMs = PAIRS * WINDOW_MS;
    console.log(
      `flood: honest acks quiet ${summary(quiet)}, flooded ${summary(flooded)}; server CPU ` +
        `${((100 * cpu.quiet) / windowMs).toFixed(0)} % quiet, ${((100 * cpu.flooded) / windowMs).toFixed(0)} % flooded; ` +
        `flooder: ${JSON.stringify(stats)}`,
    );
    expect(stats.limited).toBeGreaterThan(0);
    expect(stats.disconnects).toBeGreaterThan(0);
    // Of everything it sent, the server answered only what the limits allow.
    expect(stats.ok).toBeLessThan(stats.sent / 10);
    // The others: at the median as fast as in the quiet windows, give or take this shared machine's
    // noise. Their p99 is printed above and bounded only far from it: a flood the server could not
    // shed pushes acknowledgements to seconds, while one GC pause or another process on these two
    // cores moves a p99 of 14 ms by a hundred (126.8 ms once, with a benchmark running beside it).
    expect(percentile(flooded, 50)).toBeLessThan(percentile(quiet, 50) * 2 + 5);
    expect(percentile(flooded, 99)).toBeLessThan(percentile(quiet, 99) + 500);
    expect(proc.output()).not.toMatch(/Error/);
  }, 60_000);
});

describe('events of names the protocol does not have', () => {
  it('count against the same rate as the others: past the burst RATE_LIMITED, and a socket that keeps on is cut', async () => {
    server = await startServer();
    const flooder = await connect(server.url);
    const { burst } = DEFAULT_LIMITS.events;
    const replies: Array<Promise<unknown>> = [];
    let cut = false;
    flooder.socket.on('disconnect', () => {
      cut = true;
    });
    // All in one go: the bucket refills 10 a second, far slower than these leave.
    for (let i = 0; i < burst + DEFAULT_LIMITS.refusals.burst + 5; i++)
      replies.push(
        new Promise((resolve) =>
          flooder.socket
            .timeout(2000)
            .emit('no:such-event', i, (err: Error | null, r: unknown) =>
              resolve(err ? 'no reply' : (r as { error?: string }).error),
            ),
        ),
      );
    const got = await Promise.all(replies);
    expect(got.slice(0, burst)).toEqual(Array(burst).fill('UNKNOWN_EVENT'));
    expect(got.slice(burst, burst + DEFAULT_LIMITS.refusals.burst)).toEqual(
      Array(DEFAULT_LIMITS.refusals.burst).fill('RATE_LIMITED'),
    );
    await vi.waitFor(() => expect(cut).toBe(true));
    // The server is fine: a new connection is answered.
    const next = await connect(server.url);
    expect(await next.call('no:such-event', {})).toMatchObject({ error: 'UNKNOWN_EVENT' });
  });

  it('a connection is given one listener for all its events, not one per event of the protocol', async () => {
    // What each student's socket holds is what 2,000 of them hold: one closure per event and its
    // listener table were 2 KB of each student's heap (README, "Performance").
    server = await startServer();
    const client = await connect(server.url);
    const host = await createGame(server, { rounds: [ZIGZAG] });
    await joinPlayers(server, host.code, 1);
    expect(client.socket.connected).toBe(true);
    const sockets = [...server.app.io.of('/').sockets.values()];
    expect(sockets.length).toBe(3);
    for (const socket of sockets) {
      expect(socket.listenersAny()).toHaveLength(1);
      expect(socket.listenerCount('answer:submit')).toBe(0);
      expect(socket.listenerCount('player:join')).toBe(0);
    }
  });
});

describe('wrong room codes', () => {
  it('are throttled per connection', async () => {
    server = await startServer();
    const guesser = await connect(server.url);
    const replies: string[] = [];
    for (let i = 0; i < DEFAULT_LIMITS.failedJoinsPerSocket.burst + 3; i++) {
      const r = await guesser.call('player:join', { code: String(100_000 + i), nickname: 'Guess' });
      replies.push(r.ok ? 'ok' : r.error);
    }
    expect(replies.slice(0, DEFAULT_LIMITS.failedJoinsPerSocket.burst)).toEqual(
      new Array(DEFAULT_LIMITS.failedJoinsPerSocket.burst).fill('ROOM_NOT_FOUND'),
    );
    expect(replies.slice(DEFAULT_LIMITS.failedJoinsPerSocket.burst)).toEqual([
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    // Wrong secrets count as guesses too.
    const host = await createGame(server);
    expect(await guesser.call('host:resume', { code: host.code, hostSecret: 'x'.repeat(24) })).toMatchObject({
      error: 'RATE_LIMITED',
    });
  });

  it('are throttled per address, across new connections', async () => {
    server = await startServer();
    const { burst } = DEFAULT_LIMITS.failedJoinsPerAddress;
    let refused = 0;
    let notFound = 0;
    for (let i = 0; notFound + refused < burst + 10; i++) {
      const c = await connect(server.url); // a fresh connection every few guesses
      for (let k = 0; k < 4; k++) {
        const r = await c.call('player:join', { code: String(200_000 + i * 4 + k), nickname: 'Guess' });
        if (!r.ok && r.error === 'RATE_LIMITED') refused++;
        else if (!r.ok && r.error === 'ROOM_NOT_FOUND') notFound++;
      }
      c.close();
    }
    expect(notFound).toBeLessThanOrEqual(burst + 1); // +1: the bucket refills a little meanwhile
    expect(refused).toBeGreaterThanOrEqual(9);
  });

  it('while one guesser at the address exhausts the budget, students still resume; guesses learn nothing', async () => {
    server = await startServer();
    const host = await createGame(server, { rounds: [ZIGZAG] });
    const [student] = await joinPlayers(server, host.code, 1);
    // Someone at the school's address guesses codes from new connections until refused.
    let refused = false;
    for (let i = 0; !refused && i < 1_000; i++) {
      const c = await connect(server.url);
      for (let k = 0; k < 4 && !refused; k++) {
        const r = await c.call('player:join', { code: String(300_000 + i * 4 + k), nickname: 'Guess' });
        refused = !r.ok && r.error === 'RATE_LIMITED';
      }
      c.close();
    }
    expect(refused).toBe(true);
    // The phone reconnects (a new connection, the same address) and presents its secret: it is back.
    const phone = await connect(server.url);
    expect(
      await phone.call('player:resume', { code: host.code, playerSecret: student!.secret }),
    ).toMatchObject({
      ok: true,
    });
    // A wrong room and a wrong secret look alike meanwhile.
    const probe = await connect(server.url);
    expect(await probe.call('player:resume', { code: '999999', playerSecret: 'x'.repeat(24) })).toMatchObject(
      {
        error: 'RATE_LIMITED',
      },
    );
    expect(
      await probe.call('player:resume', { code: host.code, playerSecret: 'x'.repeat(24) }),
    ).toMatchObject({
      error: 'RATE_LIMITED',
    });
  });

  it('a class of 300 from one address, a fifth of whom mistype the code first, all get in', async () => {
    server = await startServer();
    const host = await createGame(server);
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        const phone = await connect(server!.url);
        if (i % 5 === 0) {
          const typo = await phone.call('player:join', {
            code: host.code === '123456' ? '654321' : '123456',
            nickname: `S${i}`,
          });
          expect(typo).toMatchObject({ error: 'ROOM_NOT_FOUND' });
        }
        return phone.call('player:join', { code: host.code, nickname: `S${i}` });
      }),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(300);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(server.app.rooms.get(host.code)!.players).toHaveLength(300);
  }, 60_000);
});
