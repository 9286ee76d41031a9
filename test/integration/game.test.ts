// A real server on port 0 and real socket.io-client sockets. Game time runs on a manual clock, so
// answer times are exact and deadlines fire when the test says so; the sockets use real timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnswerReceipt, PlayerSession } from '../../shared/protocol/events';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import {
  answerAt,
  createGame,
  type HostClient,
  isPhase,
  joinPlayers,
  type PlayerClient,
  resumeHost,
  resumePlayer,
} from '../helpers/game';
import { CONVERGES, DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { closeAllClients, connect, ok, startServer, type TestServer } from '../helpers/server';

const ROUND_MS = 30_000;
let server: TestServer;

beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  closeAllClients();
  await server.close();
});

describe('a whole three-round game with a host and five students', () => {
  it('plays lobby → 3 × (question, reveal, leaderboard) → podium with scores by the rules', async () => {
    const host = await createGame(server, {
      rounds: [ZIGZAG, DIVERGES, CONVERGES],
      seconds: ROUND_MS / 1000,
    });
    const [s1, s2, s3, s4, s5] = await joinPlayers(server, host.code, 5);
    const lobby = await host.view<HostView>((v) => v.playerCount === 5);
    expect(lobby.players.map((p) => p.nickname)).toEqual([
      'Student 1',
      'Student 2',
      'Student 3',
      'Student 4',
      'Student 5',
    ]);

    // Round 0, zig-zag. Points: 1000 × (1 − t/T/2).
    ok(await host.call('round:start', { round: 0 }));
    const q0 = await s1!.view<PlayerView>(isPhase('question', 0));
    const open0 = q0.phase.kind === 'question' ? q0.phase.openedAt : 0;
    await answerAt(server, s1!, 0, 'zigzag', 0, open0); // t = 0: 1000
    await answerAt(server, s2!, 0, 'zigzag', 15_000, open0); // t = T/2: 750
    await answerAt(server, s3!, 0, 'diverges', 15_000, open0); // wrong: 0
    await answerAt(server, s4!, 0, 'converges', 20_000, open0); // wrong: 0
    await vi.waitFor(() =>
      expect(host.received.filter(([e]) => e === 'host:progress').at(-1)?.[1]).toMatchObject({
        answered: 4,
        total: 5,
      }),
    );
    server.clock.set(open0 + ROUND_MS); // s5 never answers: the deadline closes the round
    const r0 = await host.view<HostView>(isPhase('reveal', 0));
    if (r0.phase.kind !== 'reveal') throw new Error('not a reveal');
    expect(r0.phase.detail).toMatchObject({
      type: 'predict',
      simulation: { outcome: 'zigzag' },
      distribution: { converges: 1, zigzag: 2, diverges: 1, none: 1 },
    });
    expect(r0.phase.correct).toBe(2);
    const p1r0 = await s1!.view<PlayerView>(isPhase('reveal', 0));
    expect(p1r0.phase).toMatchObject({
      verdict: { type: 'predict', outcome: 'zigzag' },
      correct: true,
      points: 1000,
      answer: 'zigzag',
    });
    expect(p1r0.me).toMatchObject({ score: 1000, rank: 1, streak: 1 });
    ok(await host.call('round:leaderboard', { round: 0 }));
    const lb0 = await host.view<HostView>(isPhase('leaderboard', 0));
    expect(lb0.phase.kind === 'leaderboard' && lb0.phase.top.map((e) => [e.nickname, e.score])).toEqual([
      ['Student 1', 1000],
      ['Student 2', 750],
      ['Student 3', 0],
      ['Student 4', 0],
      ['Student 5', 0],
    ]);
    await s3!.view<PlayerView>(isPhase('leaderboard', 0));

    // Round 1, diverges; everyone answers, so it closes without waiting for the deadline.
    ok(await host.call('round:start', { round: 1 }));
    const q1 = await s1!.view<PlayerView>(isPhase('question', 1));
    const open1 = q1.phase.kind === 'question' ? q1.phase.openedAt : 0;
    await answerAt(server, s1!, 1, 'diverges', 6_000, open1); // 900 + streak bonus 100 = 1000
    await answerAt(server, s2!, 1, 'diverges', 24_000, open1); // 1000 × (1 − 0.4) = 600, + 100 = 700
    await answerAt(server, s3!, 1, 'diverges', 0, open1); // 1000, no streak (wrong last round)
    await answerAt(server, s4!, 1, 'zigzag', 3_000, open1); // wrong: 0
    await answerAt(server, s5!, 1, 'diverges', 12_000, open1); // 1000 × (1 − 0.2) = 800
    const r1 = await host.view<HostView>(isPhase('reveal', 1));
    expect(r1.phase.kind === 'reveal' && r1.phase.detail).toMatchObject({
      distribution: { converges: 0, zigzag: 1, diverges: 4, none: 0 },
    });
    ok(await host.call('round:leaderboard', { round: 1 }));

    // Round 2, converges; the host reveals before s5 answers.
    ok(await host.call('round:start', { round: 2 }));
    const q2 = await s1!.view<PlayerView>(isPhase('question', 2));
    const open2 = q2.phase.kind === 'question' ? q2.phase.openedAt : 0;
    await answerAt(server, s1!, 2, 'converges', 0, open2); // 1000 + 200 (two correct before) = 1200
    await answerAt(server, s2!, 2, 'zigzag', 1_000, open2); // wrong: 0
    await answerAt(server, s3!, 2, 'converges', 15_000, open2); // 750 + 100 = 850
    await answerAt(server, s4!, 2, 'converges', 27_000, open2); // 1000 × (1 − 0.45) = 550
    ok(await host.call('round:reveal', { round: 2 }));
    await host.view<HostView>(isPhase('reveal', 2));
    ok(await host.call('round:leaderboard', { round: 2 }));
    ok(await host.call('game:end'));

    const podium = await host.view<HostView>(isPhase('podium'));
    if (podium.phase.kind !== 'podium') throw new Error('not the podium');
    // Totals: s1 1000+1000+1200 = 3200; s3 0+1000+850 = 1850; s2 750+700+0 = 1450; s5 0+800+0 = 800; s4 0+0+550 = 550.
    expect(podium.phase.standings.map((e) => [e.nickname, e.score, e.rank])).toEqual([
      ['Student 1', 3200, 1],
      ['Student 3', 1850, 2],
      ['Student 2', 1450, 3],
      ['Student 5', 800, 4],
      ['Student 4', 550, 5],
    ]);
    expect(podium.phase.endedEarly).toBe(false);
    const p5 = await s5!.view<PlayerView>(isPhase('podium'));
    expect(p5.phase.kind === 'podium' && p5.phase.podium.map((e) => e.nickname)).toEqual([
      'Student 1',
      'Student 3',
      'Student 2',
    ]);
    expect(p5.me).toMatchObject({ score: 800, rank: 4 });
  });
});

describe('J2/J3 a student and the host who disconnect come back as themselves, on the current screen', () => {
  async function reconnectBoth(host: HostClient, player: PlayerClient) {
    host.close();
    player.close();
    const h = await resumeHost(server, host);
    const p = await resumePlayer(server, host.code, player);
    return { h: h.host, hv: h.view, p: p.player, pv: p.view };
  }

  it('in the lobby, question, reveal, leaderboard and podium', async () => {
    let host = await createGame(server, { rounds: [ZIGZAG] });
    let [student, other] = await joinPlayers(server, host.code, 2);
    let r = await reconnectBoth(host, student!);
    expect(r.hv.phase.kind).toBe('lobby');
    expect(r.pv).toMatchObject({ phase: { kind: 'lobby' }, me: { nickname: 'Student 1', score: 0 } });
    ({ h: host, p: student } = r);

    ok(await host.call('round:start', { round: 0 }));
    const q = await student!.view<PlayerView>(isPhase('question', 0));
    server.clock.advance(3_000);
    ok(await student!.call('answer:submit', { round: 0, choice: 'zigzag' })); // 1000 × (1 − 0.1/2) = 950
    r = await reconnectBoth(host, student!);
    expect(r.pv.phase).toMatchObject({ kind: 'question', round: 0, answer: 'zigzag' });
    expect(r.pv.phase.kind === 'question' && r.pv.phase.deadlineAt).toBe(
      q.phase.kind === 'question' && q.phase.deadlineAt,
    );
    expect(r.hv.phase).toMatchObject({ kind: 'question', answered: 1 });
    ({ h: host, p: student } = r);

    ok(await other!.call('answer:submit', { round: 0, choice: 'diverges' })); // everyone answered: reveal
    await host.view<HostView>(isPhase('reveal', 0));
    r = await reconnectBoth(host, student!);
    expect(r.pv).toMatchObject({ phase: { kind: 'reveal', correct: true, points: 950 }, me: { score: 950 } });
    expect(r.hv.phase.kind).toBe('reveal');
    ({ h: host, p: student } = r);

    ok(await host.call('round:leaderboard', { round: 0 }));
    await student!.view<PlayerView>(isPhase('leaderboard', 0));
    r = await reconnectBoth(host, student!);
    expect(r.pv).toMatchObject({ phase: { kind: 'leaderboard' }, me: { score: 950, rank: 1 } });
    ({ h: host, p: student } = r);

    ok(await host.call('game:end'));
    await student!.view<PlayerView>(isPhase('podium'));
    r = await reconnectBoth(host, student!);
    expect(r.pv).toMatchObject({ phase: { kind: 'podium' }, me: { score: 950, rank: 1 } });
    expect(r.hv.phase.kind === 'podium' && r.hv.phase.standings[0]!.nickname).toBe('Student 1');
  });

  it('a student who rejoins an hour later, while the game lasts, finds their score', async () => {
    const host = await createGame(server, { rounds: [ZIGZAG, DIVERGES] });
    const [student, other] = await joinPlayers(server, host.code, 2);
    ok(await host.call('round:start', { round: 0 }));
    await student!.view<PlayerView>(isPhase('question', 0));
    ok(await student!.call('answer:submit', { round: 0, choice: 'zigzag' }));
    student!.close();
    ok(await other!.call('answer:submit', { round: 0, choice: 'zigzag' }));
    server.clock.advance(60 * 60 * 1000);
    const { view } = await resumePlayer(server, host.code, student!);
    expect(view).toMatchObject({
      phase: { kind: 'reveal', round: 0 },
      me: { nickname: 'Student 1', score: 1000 },
    });
  });
});

describe('A2 a duplicate answer is counted once', () => {
  it('the same answer sent twice, and again from a new connection, gets the same receipt', async () => {
    const host = await createGame(server, { rounds: [ZIGZAG] });
    const [student] = await joinPlayers(server, host.code, 2);
    ok(await host.call('round:start', { round: 0 }));
    await student!.view<PlayerView>(isPhase('question', 0));
    server.clock.advance(4_000);
    const first = ok(await student!.call<AnswerReceipt>('answer:submit', { round: 0, choice: 'zigzag' }));
    server.clock.advance(4_000);
    const again = ok(await student!.call<AnswerReceipt>('answer:submit', { round: 0, choice: 'zigzag' }));
    expect(again).toEqual(first);
    expect(first.elapsedMs).toBe(4_000);
    student!.close();
    const { player: back } = await resumePlayer(server, host.code, student!);
    expect(ok(await back.call<AnswerReceipt>('answer:submit', { round: 0, choice: 'zigzag' }))).toEqual(
      first,
    );
    const changed = await back.call('answer:submit', { round: 0, choice: 'converges' });
    expect(changed).toMatchObject({ ok: false, error: 'ALREADY_ANSWERED' });
    const hv = server.app.rooms.get(host.code)!;
    expect(hv.phase.kind === 'question' && hv.phase.answered).toBe(1);
  });
});

describe('H1 a stranger and a student cannot steer the game', () => {
  it('every host event from them is refused and changes nothing', async () => {
    const host = await createGame(server, { rounds: [ZIGZAG, DIVERGES] });
    const [student] = await joinPlayers(server, host.code, 2);
    const stranger = await connect(server.url);
    const events: Array<[string, unknown]> = [
      ['round:start', { round: 0 }],
      ['round:reveal', { round: 0 }],
      ['round:leaderboard', { round: 0 }],
      ['game:end', {}],
      ['player:kick', { playerId: 1 }],
      ['room:lock', { locked: true }],
    ];
    const tryAll = async () => {
      for (const who of [stranger, student!]) {
        for (const [event, payload] of events) {
          const before = server.app.rooms.get(host.code)!;
          expect(await who.call(event, payload), `${event}`).toMatchObject({ ok: false, error: 'NOT_HOST' });
          expect(server.app.rooms.get(host.code)).toBe(before);
        }
      }
      // Presenting a wrong host secret does not make anyone a host either.
      expect(
        await stranger.call('host:resume', { code: host.code, hostSecret: 'x'.repeat(24) }),
      ).toMatchObject({
        ok: false,
        error: 'NOT_HOST',
      });
    };
    await tryAll(); // in the lobby
    ok(await host.call('round:start', { round: 0 }));
    await tryAll(); // during a question
  });
});

describe('H2 a kicked student stays out', () => {
  it('is told, cannot answer, and cannot resume with their secret', async () => {
    const host = await createGame(server, { rounds: [ZIGZAG] });
    const [student, other] = await joinPlayers(server, host.code, 2);
    const since = host.received.length;
    ok(await host.call('player:kick', { playerId: student!.id }));
    await student!.view<PlayerView>((v) => v.phase.kind === 'kicked');
    // A roster view from the joins, throttled, may still arrive first on a busy machine.
    const hv = await host.view<HostView>((v) => v.players.length < 2, since);
    expect(hv.players.map((p) => p.nickname)).toEqual(['Student 2']);
    ok(await host.call('round:start', { round: 0 }));
    await other!.view<PlayerView>(isPhase('question', 0));
    // The documented code, not NOT_IN_ROOM: the app can tell "removed" from "never joined".
    expect(await student!.call('answer:submit', { round: 0, choice: 'zigzag' })).toMatchObject({
      ok: false,
      error: 'KICKED',
    });
    const q = server.app.rooms.get(host.code)!;
    expect(q.phase.kind === 'question' && q.phase.answered).toBe(0);
    for (const s of [student!, await connect(server.url)]) {
      expect(await s.call('player:resume', { code: host.code, playerSecret: student!.secret })).toMatchObject(
        {
          ok: false,
          error: 'KICKED',
        },
      );
    }
  });
});

describe('V1 no player receives the verdict before the reveal', () => {
  it('nothing a student receives before the reveal holds the outcome, trajectory or explanation', async () => {
    const host = await createGame(server, { rounds: [DIVERGES] });
    const players = await joinPlayers(server, host.code, 3);
    ok(await host.call('round:start', { round: 0 }));
    const acks: unknown[] = [];
    for (const p of players) {
      await p.view<PlayerView>(isPhase('question', 0));
      acks.push(await p.call('answer:submit', { round: 0, choice: 'converges' })); // wrong on purpose
    }
    for (const p of players) {
      await p.view<PlayerView>(isPhase('reveal', 0));
      const revealAt = p.received.findIndex(
        ([e, v]) => e === 'view:player' && (v as PlayerView).phase.kind === 'reveal',
      );
      const before = JSON.stringify([p.received.slice(0, revealAt), acks]);
      for (const secret of ['outcome', 'explanation', 'simulation', 'steps', 'distances', 'diverges'])
        expect(before).not.toContain(secret);
      expect(JSON.stringify(p.received[revealAt])).toContain('"outcome":"diverges"');
    }
  });
});

describe('P1 bad input gets an error, never a crash, and the game goes on', () => {
  it('malformed payloads, unknown events and missing acknowledgements', async () => {
    const host = await createGame(server, { rounds: [ZIGZAG] });
    const [student] = await joinPlayers(server, host.code, 1);
    const stranger = await connect(server.url);
    expect(await stranger.call('player:join', { code: 'abc', nickname: 'x' })).toMatchObject({
      error: 'BAD_PAYLOAD',
    });
    expect(await stranger.call('player:join', null)).toMatchObject({ error: 'BAD_PAYLOAD' });
    expect(await stranger.call('player:join')).toMatchObject({ error: 'BAD_PAYLOAD' });
    expect(await stranger.call('player:join', { code: '999999', nickname: 'x' })).toMatchObject({
      error: 'ROOM_NOT_FOUND',
    });
    expect(await stranger.call('no:such-event', { a: 1 })).toMatchObject({ error: 'UNKNOWN_EVENT' });
    expect(await student!.call('answer:submit', { round: 0, choice: 'maybe' })).toMatchObject({
      error: 'BAD_PAYLOAD',
    });
    expect(await student!.call('answer:submit', { round: -1, choice: 'zigzag' })).toMatchObject({
      error: 'BAD_PAYLOAD',
    });
    expect(await host.call('host:create', { secondsPerQuestion: 2 })).toMatchObject({
      error: 'BAD_PAYLOAD',
      message: expect.stringContaining('at least 5'),
    });
    expect(
      await host.call('host:create', {
        deck: {
          source: 'custom',
          deck: { rounds: [{ cost: { kind: 'quadratic', a: -1, c: 0 }, start: [1], alpha: 0.1 }] },
        },
      }),
    ).toMatchObject({ error: 'BAD_PAYLOAD', message: expect.stringContaining('Round 1') });
    // No acknowledgement callback at all: nothing to answer, and nothing breaks.
    stranger.socket.emit('round:start', { round: 0 });
    stranger.socket.emit('player:join', 42);
    stranger.socket.emit('whatever');
    // The game still works for everyone.
    ok(await host.call('round:start', { round: 0 }));
    await student!.view<PlayerView>(isPhase('question', 0));
    ok(await student!.call('answer:submit', { round: 0, choice: 'zigzag' }));
    await host.view<HostView>(isPhase('reveal', 0));
  });
});

describe('P1 a payload is a plain object or nothing', () => {
  it('arrays, strings and numbers get BAD_PAYLOAD and change nothing', async () => {
    const host = await createGame(server, { rounds: [ZIGZAG] });
    const [student] = await joinPlayers(server, host.code, 1);
    const stranger = await connect(server.url);
    const rooms = server.app.rooms.codes().length;
    for (const payload of [[], [{}], 'x', 0, true, null])
      expect(await stranger.call('host:create', payload), JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: 'BAD_PAYLOAD',
      });
    expect(server.app.rooms.codes().length).toBe(rooms);
    const before = server.app.rooms.get(host.code)!;
    for (const [event, payload] of [
      ['game:end', []],
      ['game:end', [{}]],
      ['game:end', 'end'],
      ['room:lock', [true]],
      ['round:start', [0]],
      ['player:kick', [0]],
    ] as const)
      expect(await host.call(event, payload), `${event} ${JSON.stringify(payload)}`).toMatchObject({
        ok: false,
        error: 'BAD_PAYLOAD',
      });
    expect(await student!.call('answer:submit', [0, 'zigzag'])).toMatchObject({ error: 'BAD_PAYLOAD' });
    expect(server.app.rooms.get(host.code)).toBe(before);
    // Keys the schema does not name are dropped, as docs/protocol.md says; nothing more is refused.
    ok(await host.call('room:lock', { locked: true, extra: 1 }));
    ok(await host.call('game:end', {}));
    expect(server.app.rooms.get(host.code)!.phase.kind).toBe('podium');
  });
});

describe('the room code', () => {
  it('is six digits and differs between live rooms', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 20; i++) codes.add((await createGame(server)).code);
    expect(codes.size).toBe(20);
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
  });
});

describe('GET /healthz', () => {
  it('answers 200 with a small JSON body', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });
});

describe('a join retried after a lost acknowledgement', () => {
  it('with the same requestId returns the same player instead of NAME_TAKEN', async () => {
    const host = await createGame(server);
    const phone = await connect(server.url);
    const requestId = 'join-attempt-0123456789';
    const first = ok(
      await phone.call<PlayerSession>('player:join', { code: host.code, nickname: 'Ada', requestId }),
    );
    phone.close();
    const again = await connect(server.url);
    const retry = ok(
      await again.call<PlayerSession>('player:join', { code: host.code, nickname: 'Ada', requestId }),
    );
    expect(retry.playerId).toBe(first.playerId);
    expect(retry.playerSecret).toBe(first.playerSecret);
    expect(await again.call('player:join', { code: host.code, nickname: 'Ada' })).toMatchObject({
      error: 'NAME_TAKEN',
    });
    expect(server.app.rooms.get(host.code)!.players).toHaveLength(1);
  });
});
