// The return trip (README), over HTTP and real sockets: a warm-up deck built from a played game with
// a known misconception, aimed at it, repeating none of its rounds, every round at least 15 % from a
// boundary; the warm-up played from My decks by the same class (some now right, some still wrong, one
// new student, one absent); and its report's "Since last time" equal to what each student did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundKey, simulate, testedBy } from '../../shared/engine/index';
import { type DeckRound, parseDeck } from '../../shared/protocol/deck';
import type { HostSession } from '../../shared/protocol/events';
import type { GameReport, ReportSinceLastTime } from '../../shared/protocol/report';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { answerOf } from '../helpers/answers';
import { createGame, type HostClient, isPhase, joinPlayer, type PlayerClient } from '../helpers/game';
import { DIVERGES } from '../helpers/scenarios';
import { closeAllClients, connect, ok, startServer, type TestServer } from '../helpers/server';

const ADA_KEY = 'ada-instructor-key-0123456789abcd';
const BOB_KEY = 'bob-instructor-key-0123456789abcd';
const ZIGZAG = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.8 }; // r = 1.6

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  closeAllClients();
  await server?.close();
});

const call = (method: string, path: string, key = ADA_KEY, body?: unknown) =>
  fetch(`${server.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** Plays every round of a started game: `right(nickname)` says who answers right; ends at the podium. */
async function play(
  host: HostClient,
  players: PlayerClient[],
  rounds: DeckRound[],
  right: (p: PlayerClient) => boolean,
) {
  for (const [i, round] of rounds.entries()) {
    ok(await host.call('round:start', { round: i }));
    await players[0]!.view<PlayerView>(isPhase('question', i));
    for (const p of players)
      ok(await p.call('answer:submit', { round: i, choice: answerOf(round, right(p)) }));
    // Everyone answered: the round closes (R2).
    await host.view<HostView>(isPhase('reveal', i));
    if (i < rounds.length - 1) ok(await host.call('round:leaderboard', { round: i }));
  }
  ok(await host.call('game:end'));
  await host.view<HostView>(isPhase('podium'));
}

const ideasOf = (rounds: DeckRound[]) => new Set(rounds.flatMap((r) => testedBy({ ...r, tags: undefined })));

async function latestReport(key = ADA_KEY): Promise<{ id: string; report: GameReport }> {
  const { reports } = await (await call('GET', '/reports', key)).json();
  const { id } = reports[0];
  return { id, report: await (await call('GET', `/reports/${id}`, key)).json() };
}

function roundsOf(file: unknown): DeckRound[] {
  const parsed = parseDeck(file);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.deck.rounds;
}

const ORIGINAL = { title: 'Week 4', rounds: [ZIGZAG, ZIGZAG, ZIGZAG] };

describe('the return trip: a warm-up for the next lecture', () => {
  let originalId: string;
  let original: GameReport;
  let warmup: { id: string; deck: { title: string; rounds: unknown[]; warmupOf?: string } };

  it('is built from a played game, aimed at its misconception, repeating none of its rounds', async () => {
    const host = await createGame(server, { deck: ORIGINAL, instructorKey: ADA_KEY });
    const players: PlayerClient[] = [];
    for (const n of ['Ada', 'Bo', 'Cy', 'Dee', 'Eve']) players.push(await joinPlayer(server, host.code, n));
    // Ada, Bo and Cy answer "diverges" for each zig-zag: 9 of 15 answers show it (60 %, guessing 33 %).
    await play(host, players, roundsOf(ORIGINAL), (p) => p.nickname === 'Dee' || p.nickname === 'Eve');
    ({ id: originalId, report: original } = await latestReport());
    expect(original.misconceptions.map((m) => m.id)).toEqual([
      'zigzag-not-convergence',
      'overshoot-diverges',
    ]);

    const made = await call('POST', `/reports/${originalId}/warm-up`);
    expect(made.status).toBe(201);
    warmup = await made.json();
    expect(warmup.deck.title).toBe('Warm-up: Week 4');
    expect(warmup.deck.warmupOf).toBe(originalId);
    const rounds = roundsOf(warmup.deck);
    expect(rounds).toHaveLength(5);
    // Two rounds aimed at each misconception, each testing it by the engine's own reading.
    for (const id of ['zigzag-not-convergence', 'overshoot-diverges'] as const) {
      const aimed = rounds.filter((r) => r.tags?.includes(id));
      expect(aimed, id).toHaveLength(2);
      for (const r of aimed) expect(testedBy({ ...r, tags: undefined })).toContain(id);
    }
    // None is a round of the original game; every prediction at least 15 % from r = 1 and r = 2.
    const before = new Set(original.rounds.map((r) => roundKey(r.task)));
    for (const r of rounds) {
      expect(before.has(roundKey(r))).toBe(false);
      if (r.type !== 'predict') continue;
      const { ratio } = simulate(r.scenario);
      expect(Math.abs(ratio - 1)).toBeGreaterThanOrEqual(0.15 - 1e-9);
      expect(Math.abs(ratio - 2)).toBeGreaterThanOrEqual(0.3 - 1e-9);
    }
    // Saved to My decks; the same report always gives the same warm-up.
    const { decks } = await (await call('GET', '/decks')).json();
    expect(decks.map((d: { id: string }) => d.id)).toEqual([warmup.id]);
    const again = await (await call('POST', `/reports/${originalId}/warm-up`)).json();
    expect(again.deck).toEqual(warmup.deck);
    expect((await call('DELETE', `/decks/${again.id}`)).status).toBe(204);
    // Asked from the French page: the same deck, titled in French.
    const french = await (await call('POST', `/reports/${originalId}/warm-up?lang=fr`)).json();
    expect(french.deck).toEqual({ ...warmup.deck, title: 'Échauffement\u202F: Week 4' });
    expect((await call('DELETE', `/decks/${french.id}`)).status).toBe(204);
  });

  it("cannot be built from another instructor's report, nor from one that does not exist", async () => {
    const res = await call('POST', `/reports/${originalId}/warm-up`, BOB_KEY);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toBe('NOT_FOUND');
    expect((await call('POST', '/reports/no-such-report/warm-up')).status).toBe(404);
    const { decks } = await (await call('GET', '/decks', BOB_KEY)).json();
    expect(decks).toEqual([]);
  });

  it('without a misconception named, aims at the ideas the class got least right', async () => {
    server.clock.advance(3_600_000);
    // A zig-zag all three get right; a divergence (r = 2.4) Ada calls "converges" (a small α is
    // always safe: 1 of 3 right on it) and Bo "zig-zags" (the factor-2 slip: 4 of 6 right over both
    // rounds). One answer each shows nothing for a student (M3 needs two): no misconception named.
    const deck = { title: 'Week 3', rounds: [ZIGZAG, DIVERGES] };
    const host = await createGame(server, { deck, instructorKey: ADA_KEY });
    const players: PlayerClient[] = [];
    for (const n of ['Ada', 'Bo', 'Cy']) players.push(await joinPlayer(server, host.code, n));
    const rounds = roundsOf(deck);
    for (const [i, round] of rounds.entries()) {
      ok(await host.call('round:start', { round: i }));
      await players[0]!.view<PlayerView>(isPhase('question', i));
      const wrong = i === 0 ? {} : { Ada: 'converges', Bo: 'zigzag' };
      for (const p of players) {
        const choice = wrong[p.nickname as keyof typeof wrong] ?? answerOf(round, true);
        ok(await p.call('answer:submit', { round: i, choice }));
      }
      await host.view<HostView>(isPhase('reveal', i));
      if (i === 0) ok(await host.call('round:leaderboard', { round: i }));
    }
    ok(await host.call('game:end'));
    await host.view<HostView>(isPhase('podium'));
    const { id, report } = await latestReport();
    expect(report.title).toBe('Week 3');
    expect(report.misconceptions).toEqual([]);
    const made = await call('POST', `/reports/${id}/warm-up`);
    expect(made.status).toBe(201);
    const { deck: file } = await made.json();
    // Four aimed rounds over three ideas in turn: the least right gets two, the next one.
    const tags = roundsOf(file).flatMap((r) => r.tags ?? []);
    expect(tags).toHaveLength(4);
    expect(tags.filter((t) => t === 'small-alpha-safe')).toHaveLength(2);
    expect(tags.filter((t) => t === 'factor-two-slip')).toHaveLength(1);
    expect(['zigzag-not-convergence', 'overshoot-diverges']).toContain(
      tags.find((t) => t !== 'small-alpha-safe' && t !== 'factor-two-slip'),
    );
    expect((await call('DELETE', `/reports/${id}`)).status).toBe(204);
  });

  it("a deck file's warmupOf must be a report id", async () => {
    const res = await call('POST', '/decks', ADA_KEY, { ...ORIGINAL, warmupOf: 'not an id!' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'BAD_DECK', field: 'warmupOf' });
  });

  it('played from My decks, its report compares each student and the class with the original', async () => {
    server.clock.advance(7 * 24 * 3_600_000);
    const host = await connect(server.url);
    const session = ok(
      await host.call<HostSession>('host:create', {
        deck: { source: 'saved', id: warmup.id },
        secondsPerQuestion: 30,
        speedPoints: true,
        instructorKey: ADA_KEY,
      }),
    );
    const game = Object.assign(host, { code: session.code, hostSecret: session.hostSecret });
    // Ada and Bo matched under other capitals; Cy is absent; Zed is new.
    const players: PlayerClient[] = [];
    for (const n of ['ada', 'BO', 'Dee', 'Eve', 'Zed']) players.push(await joinPlayer(server, game.code, n));
    const rightNow = new Set(['ada', 'Eve', 'Zed']);
    const rounds = roundsOf(warmup.deck);
    await play(game, players, rounds, (p) => rightNow.has(p.nickname));

    const { id, report } = await latestReport();
    expect(id).not.toBe(originalId);
    expect(report.warmupOf).toBe(originalId);
    const since = report.sinceLastTime as Extract<ReportSinceLastTime, { available: true }>;
    expect(since.available).toBe(true);
    expect(since.original).toEqual({ title: 'Week 4', code: original.code, startedAt: original.startedAt });
    // The ideas both games test, by the engine's reading of each round.
    const beforeIdeas = ideasOf(roundsOf(ORIGINAL));
    const expected = [...ideasOf(rounds)].filter((i) => beforeIdeas.has(i));
    expect(since.ideas.map((i) => i.id).sort()).toEqual(expected.sort());
    expect(expected).toContain('zigzag-not-convergence');
    const n = expected.length;
    for (const idea of since.ideas) {
      // Before: Dee and Eve right in each of the 3 rounds; now: Ada, Eve and Zed in each round testing it.
      expect(idea.before).toEqual({ rounds: [0, 1, 2], answered: 15, correct: 6, share: 0.4 });
      const testing = rounds.flatMap((r, i) =>
        testedBy({ ...r, tags: undefined }).includes(idea.id) ? [i] : [],
      );
      expect(idea.now).toEqual({
        rounds: testing,
        answered: 5 * testing.length,
        correct: 3 * testing.length,
        share: 0.6,
      });
      expect(idea.counts).toEqual({ retained: 1, 'newly-right': 1, 'still-wrong': 1, 'new-mistake': 1 });
    }
    expect(since.class).toEqual({ retained: n, 'newly-right': n, 'still-wrong': n, 'new-mistake': n });
    const byName = Object.fromEntries(since.students.map((s) => [s.nickname, s]));
    const all = (state: string | null) => Array(n).fill(state);
    expect(byName.ada).toMatchObject({ inOriginal: true, states: all('newly-right') });
    expect(byName.BO).toMatchObject({ inOriginal: true, states: all('still-wrong') });
    expect(byName.Dee).toMatchObject({ inOriginal: true, states: all('new-mistake') });
    expect(byName.Eve).toMatchObject({ inOriginal: true, states: all('retained') });
    expect(byName.Zed).toMatchObject({ inOriginal: false, states: all(null) });
    expect(byName.ada?.counts).toEqual({ retained: 0, 'newly-right': n, 'still-wrong': 0, 'new-mistake': 0 });
    expect(since.absent).toEqual(['Cy']);

    // Another key hosting the same deck file: the original is not theirs, so no comparison, and why.
    const bobHost = await createGame(server, { deck: warmup.deck, instructorKey: BOB_KEY });
    const eve = await joinPlayer(server, bobHost.code, 'Eve');
    await play(bobHost, [eve], rounds.slice(0, 1), () => true);
    const bobs = await latestReport(BOB_KEY);
    expect(bobs.report.warmupOf).toBe(originalId);
    expect(bobs.report.sinceLastTime).toEqual({
      of: originalId,
      available: false,
      why: expect.stringContaining('is not in your Past games'),
    });

    // The original deleted: the comparison is gone, with the same sentence.
    expect((await call('DELETE', `/reports/${originalId}`)).status).toBe(204);
    const after: GameReport = await (await call('GET', `/reports/${id}`)).json();
    expect(after.sinceLastTime).toMatchObject({ available: false });
  });
});
