// P1 under fire: 10,000 random events and payloads (wrong types, huge strings, deep objects, unknown
// and reserved event names, binary, missing or non-function acknowledgements, raw packets) from a
// student in a game and from a stranger. No crash, no handler throwing, a well-formed error
// acknowledgement wherever there is a callback, never an `ok` for a payload the schema refuses, and
// the game played beside it by honest clients ends exactly as it would have without them.
import fc from 'fast-check';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../server/app';
import { parseDeck } from '../../shared/protocol/deck';
import { ErrorCode, type Result } from '../../shared/protocol/errors';
import { CLIENT_EVENT_NAMES, isClientEvent, PROTOCOL } from '../../shared/protocol/events';
import { parsePayload } from '../../shared/protocol/schemas';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { createGame, type HostClient, isPhase, joinPlayers, type PlayerClient } from '../helpers/game';
import { CONVERGES, DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { closeAllClients, ok, startServer, type TestServer } from '../helpers/server';

const EVENTS_PER_RUN = 50;
const RUNS = 200; // 10,000 events
const UNLIMITED = { burst: 1e9, perSecond: 1e9 };
const CODES = new Set<string>(Object.values(ErrorCode));
const HONEST_ROUNDS = [ZIGZAG, DIVERGES, CONVERGES];
const CORRECT = ['zigzag', 'diverges', 'converges'] as const;

let server: TestServer;
const internalErrors: string[] = [];

beforeAll(async () => {
  server = await startServer({
    // The fuzzer fires thousands of events a second: the limits are tested on their own.
    limits: {
      events: UNLIMITED,
      refusals: UNLIMITED,
      failedJoinsPerSocket: UNLIMITED,
      failedJoinsPerAddress: UNLIMITED,
    },
    // Nor the address's budget of new games (test/integration/room-limits.test.ts, L1): its
    // refusals are held a second or two, and the fuzzer waits for each acknowledgement.
    budgets: { roomCreate: { points: 1_000_000, perSeconds: 60 } },
    log: (message, error) => internalErrors.push(`${message}: ${String(error)}`),
  });
});
afterAll(async () => {
  closeAllClients();
  await server.close();
});

// ——— what the fuzzer sends ———

/** Values with sharp edges, as well as fast-check's anything. */
const nasty = fc.oneof(
  fc.anything({ maxDepth: 4 }),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ maxLength: 20_000, size: 'max' }).map((s) => s.padEnd(12_000 + (s.length % 6_000), 'x')), // huge
  fc.nat({ max: 400 }).map((depth) => {
    let x: unknown = { leaf: true };
    for (let i = 0; i < depth; i++) x = i % 2 ? [x] : { nested: x };
    return x;
  }), // deep
  fc.uint8Array({ maxLength: 2_000 }).map((a) => Buffer.from(a)), // binary
  fc.constantFrom(null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53, -1, 1e308, '', [], {}),
  fc.constantFrom(
    { __proto__: { polluted: true } },
    { constructor: { prototype: { x: 1 } } },
    { toJSON: 'x' },
  ),
);

/** A valid payload for an event with one field replaced by something nasty: near misses find bugs. */
function nearMiss(code: string): fc.Arbitrary<unknown> {
  const templates: unknown[] = [
    { code, nickname: 'Fuzzy', requestId: 'request-0123456789abcdef' },
    { code, playerSecret: 'secret-0123456789abcdef' },
    { code, hostSecret: 'secret-0123456789abcdef' },
    { round: 0, choice: 'zigzag' },
    { round: 0 },
    { playerId: 0 },
    { locked: true },
    { deck: { source: 'custom', deck: { title: 'x', rounds: [ZIGZAG] } }, secondsPerQuestion: 30 },
    { deck: { source: 'generated', difficulty: 'easy', rounds: 3, seed: 1 } },
    {},
  ];
  return fc
    .tuple(fc.constantFrom(...templates), fc.string({ maxLength: 12 }), nasty, fc.boolean())
    .map(([template, key, value, replace]) => {
      const t = template as Record<string, unknown>;
      const keys = Object.keys(t);
      const k = replace && keys.length > 0 ? keys[key.length % keys.length]! : key;
      return { ...t, [k]: value };
    });
}

const eventName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CLIENT_EVENT_NAMES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'error',
      'view:host',
    ),
  },
);
/** Names socket.io-client refuses to emit: they can only arrive as hand-written packets. */
const reserved = fc.constantFrom(
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
);

type Shot =
  | {
      kind: 'event';
      actor: 'player' | 'stranger';
      event: string;
      args: unknown[];
      ack: 'fn' | 'none' | 'value';
    }
  | { kind: 'raw'; actor: 'player' | 'stranger'; packet: string };

function shotArb(code: string): fc.Arbitrary<Shot> {
  const payload: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 3, arbitrary: nearMiss(code) },
    { weight: 2, arbitrary: nasty },
  );
  const actor = fc.constantFrom('player' as const, 'stranger' as const);
  return fc.oneof(
    {
      weight: 12,
      arbitrary: fc.record({
        kind: fc.constant('event' as const),
        actor,
        event: eventName,
        args: fc.oneof(
          { weight: 6, arbitrary: payload.map((p): unknown[] => [p]) },
          { weight: 1, arbitrary: fc.constant<unknown[]>([]) },
          { weight: 1, arbitrary: fc.array(payload, { minLength: 2, maxLength: 3 }) },
        ),
        ack: fc.constantFrom('fn' as const, 'fn' as const, 'none' as const, 'value' as const),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('raw' as const),
        actor,
        packet: fc.oneof(
          fc.tuple(reserved, nasty).map(([e, p]) => `42${safeJson([e, p])}`),
          fc.string({ maxLength: 200 }).map((s) => `42${s}`),
          fc.string({ maxLength: 200 }).map((s) => `4${s}`),
          fc.constantFrom(
            '43999[{"ok":true}]',
            '45-["x"]',
            '41',
            '40{"pid":"x","offset":"y"}',
            '4',
            '42[]',
            '42[1]',
          ),
        ),
      }),
    },
  );
}

function safeJson(x: unknown): string {
  try {
    return JSON.stringify(x) ?? 'null';
  } catch {
    return '"unserializable"';
  }
}

/** Bytes on the wire, near enough: the JSON text plus each binary attachment (its own frame). */
function wireBytes(event: string, args: unknown[]): { json: number; maxBinary: number } {
  let maxBinary = 0;
  const json = JSON.stringify([event, ...args], (_k, value) => {
    if (value && typeof value === 'object' && value.type === 'Buffer' && Array.isArray(value.data)) {
      maxBinary = Math.max(maxBinary, value.data.length);
      return { _placeholder: true, num: 0 };
    }
    return value;
  });
  return { json: Buffer.byteLength(json ?? ''), maxBinary };
}

/** What the schema says of the payload the server would see (the first argument). */
function schemaAccepts(event: string, args: unknown[]): boolean {
  if (!isClientEvent(event)) return false;
  // The server reads the payload through JSON, as the wire carries it.
  const payload = args.length === 0 ? undefined : JSON.parse(safeJson(args[0]) || 'null');
  const p = parsePayload(PROTOCOL[event].payload, args.length === 0 ? undefined : payload);
  if (!p.ok) return false;
  const value = p.value as { deck?: { source: string; deck?: unknown } };
  if (event === 'host:create' && value.deck?.source === 'custom') return parseDeck(value.deck.deck).ok;
  return true;
}

function isResult(x: unknown): x is Result {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  if (r.ok === true) return true;
  return r.ok === false && typeof r.error === 'string' && CODES.has(r.error) && typeof r.message === 'string';
}

// ——— the actors ———

/** An event the server answers with UNKNOWN_EVENT, or 'disconnected' if the connection is gone. */
function probeOf(socket: Socket): Promise<unknown> {
  return new Promise((resolve) => {
    if (!socket.connected) return resolve('disconnected');
    const onDisconnect = () => resolve('disconnected');
    socket.once('disconnect', onDisconnect);
    socket.timeout(5000).emit('no:such-event', (err: Error | null, r: unknown) => {
      socket.off('disconnect', onDisconnect);
      resolve(err ? (socket.connected ? 'timeout' : 'disconnected') : r);
    });
  });
}

interface Actor {
  socket: Socket;
  secret?: string;
}

async function open(): Promise<Socket> {
  const socket = ioClient(server.url, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

describe('P1 fuzz: 10,000 random events beside an honest game', () => {
  it('no crash, an error acknowledgement wherever there is a callback, and the honest game unaffected', async () => {
    // The honest game: a host and four students answering every round, speed points off.
    const host: HostClient = await createGame(server, {
      rounds: Array.from({ length: 100 }, (_, i) => HONEST_ROUNDS[i % 3]!),
      speedPoints: false,
    });
    const honest: PlayerClient[] = await joinPlayers(server, host.code, 4);
    // The fuzzing student is in the same game; the stranger is in none.
    const student: Actor = { socket: await open() };
    const joined = await student.socket
      .timeout(5000)
      .emitWithAck('player:join', { code: host.code, nickname: 'Fuzzer' });
    student.secret = ok(joined as Result<{ playerSecret: string }>).playerSecret;
    const stranger: Actor = { socket: await open() };

    let fuzzing = true;
    // The honest game plays one round per few fuzz runs, so it lasts as long as the fuzzing does.
    let runsDone = 0;
    const ticks = new Set<() => void>();
    const tick = () => {
      runsDone++;
      for (const t of [...ticks]) t();
    };
    const runsReach = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (runsDone < n && fuzzing) return;
          ticks.delete(check);
          resolve();
        };
        ticks.add(check);
        check();
      });
    const honestAcks: number[] = [];
    const call = async (c: PlayerClient | HostClient, event: string, payload: unknown) => {
      const t = performance.now();
      const r = await c.call(event, payload);
      honestAcks.push(performance.now() - t);
      return ok(r);
    };
    // Student k answers correctly when (round + k) is even; the rest of the time, wrongly.
    const choiceOf = (k: number, round: number) =>
      (round + k) % 2 === 0
        ? CORRECT[round % 3]!
        : 'converges' === CORRECT[round % 3]
          ? 'zigzag'
          : 'converges';
    const playHonestly = async () => {
      let round = 0;
      while (fuzzing || round < 3) {
        await runsReach(round * 5);
        await call(host, 'round:start', { round });
        for (const [k, p] of honest.entries()) {
          await p.view<PlayerView>(isPhase('question', round));
          await call(p, 'answer:submit', { round, choice: choiceOf(k, round) });
        }
        await call(host, 'round:reveal', { round }).catch(() => {}); // may already be closed
        await host.view<HostView>(isPhase('reveal', round));
        await call(host, 'round:leaderboard', { round });
        round++;
      }
      await call(host, 'game:end', {});
      return round;
    };
    const honestGame = playHonestly();
    honestGame.catch(() => {}); // awaited below; a failure is reported there, not as unhandled

    const stats = { acked: 0, silent: 0, raw: 0, refusedBySize: 0, ok: 0 };
    const fire = async (shot: Shot) => {
      const actor = shot.actor === 'player' ? student : stranger;
      if (!actor.socket.connected) {
        actor.socket = await open();
        if (actor.secret)
          await actor.socket
            .timeout(5000)
            .emitWithAck('player:resume', { code: host.code, playerSecret: actor.secret });
      }
      const socket = actor.socket;
      if (shot.kind === 'raw' || shot.ack !== 'fn') {
        const { json, maxBinary } =
          shot.kind === 'raw' ? { json: 0, maxBinary: 0 } : wireBytes(shot.event, shot.args);
        if (shot.kind === 'raw') {
          stats.raw++;
          socket.io.engine.write(shot.packet);
        } else {
          stats.silent++;
          socket.emit(shot.event, ...(shot.ack === 'value' ? [...shot.args, 'not-a-function'] : shot.args));
        }
        // Nothing comes back for these; a probe shows the server took them in its stride. Only a
        // malformed packet or an oversized message may cost the connection.
        const probe = await probeOf(socket);
        if (probe === 'disconnected') {
          const mayBeTooBig = json > MAX_MESSAGE_BYTES - 200 || maxBinary > MAX_MESSAGE_BYTES - 200;
          expect(
            shot.kind === 'raw' || mayBeTooBig,
            `${safeJson(shot).slice(0, 300)} cost the connection`,
          ).toBe(true);
          stats.refusedBySize += shot.kind === 'raw' ? 0 : 1;
        } else expect(probe).toMatchObject({ ok: false, error: 'UNKNOWN_EVENT' });
        return;
      }
      const { json, maxBinary } = wireBytes(shot.event, shot.args);
      const mayBeTooBig = json > MAX_MESSAGE_BYTES - 200 || maxBinary > MAX_MESSAGE_BYTES - 200;
      const surelyTooBig = json > MAX_MESSAGE_BYTES + 200 || maxBinary > MAX_MESSAGE_BYTES + 200;
      const reply = await new Promise<unknown>((resolve) => {
        const onDisconnect = () => resolve('disconnected');
        socket.once('disconnect', onDisconnect);
        socket.timeout(5000).emit(shot.event, ...shot.args, (err: Error | null, r: unknown) => {
          socket.off('disconnect', onDisconnect);
          resolve(err ? 'timeout' : r);
        });
      });
      if (reply === 'disconnected' || reply === 'timeout') {
        // Only a message over the transport's limit is refused without an answer.
        expect(mayBeTooBig, `${shot.event} (${json} bytes) got no acknowledgement: ${reply}`).toBe(true);
        stats.refusedBySize++;
        return;
      }
      expect(surelyTooBig, `${shot.event} of ${json} bytes was accepted`).toBe(false);
      stats.acked++;
      expect(isResult(reply), `${shot.event}: ${safeJson(reply).slice(0, 200)}`).toBe(true);
      const r = reply as Result;
      if (r.ok) {
        stats.ok++;
        expect(
          schemaAccepts(shot.event, shot.args),
          `${shot.event} ok for ${safeJson(shot.args).slice(0, 300)}`,
        ).toBe(true);
        // A successful host:create or a join elsewhere moves the fuzzing student out of the game:
        // the next run starts it afresh.
      } else if (!schemaAccepts(shot.event, shot.args)) {
        expect(['BAD_PAYLOAD', 'UNKNOWN_EVENT', 'RATE_LIMITED'], `${shot.event}: ${r.error}`).toContain(
          r.error,
        );
      }
    };

    const details = await fc.check(
      fc.asyncProperty(
        fc.array(shotArb(host.code), { minLength: EVENTS_PER_RUN, maxLength: EVENTS_PER_RUN }),
        async (shots) => {
          for (const shot of shots) await fire(shot);
          // Whatever came before, the server still answers both.
          for (const actor of [student, stranger])
            if (actor.socket.connected)
              expect(await probeOf(actor.socket)).toMatchObject({ ok: false, error: 'UNKNOWN_EVENT' });
          tick();
        },
      ),
      { numRuns: RUNS, seed: 5_2026, endOnFailure: true },
    );
    if (details.failed) {
      fuzzing = false;
      tick();
      await honestGame.catch(() => {});
      // The counterexample holds strings of many kilobytes: report the seed and the error, shortly.
      throw new Error(
        `fuzz failed (seed ${details.seed}, path ${details.counterexamplePath}): ${String(details.errorInstance).slice(0, 2000)}`,
      );
    }
    fuzzing = false;
    tick();
    const rounds = await honestGame;
    console.log(
      `fuzz: ${RUNS * EVENTS_PER_RUN} events (${stats.acked} acknowledged, ${stats.ok} of them ok, ` +
        `${stats.silent} without a callback, ${stats.raw} raw packets, ${stats.refusedBySize} refused for size); ` +
        `honest game: ${rounds} rounds, ack p50 ${percentile(honestAcks, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(honestAcks, 99).toFixed(1)} ms`,
    );

    expect(internalErrors).toEqual([]);
    // The honest students' scores are exactly what their answers earn.
    const podium = await host.view<HostView>(isPhase('podium'));
    const standings = podium.phase.kind === 'podium' ? podium.phase.standings : [];
    for (const [k, p] of honest.entries()) {
      let score = 0;
      let streak = 0;
      for (let round = 0; round < rounds; round++) {
        if (choiceOf(k, round) === CORRECT[round % 3]) {
          score += 1000 + Math.min(100 * streak, 500);
          streak++;
        } else streak = 0;
      }
      expect(standings.find((s) => s.id === p.id)?.score, p.nickname).toBe(score);
    }
    expect(stats.acked).toBeGreaterThan(RUNS * EVENTS_PER_RUN * 0.4);
  }, 240_000);
});

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}
