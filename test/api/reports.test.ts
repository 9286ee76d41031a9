// A played game's report and CSV, checked against the answers given, and who may read them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GameReport } from '../../shared/protocol/report';
import type { HostView } from '../../shared/protocol/views';
import { answerAt, createGame, isPhase, joinPlayer, openRound } from '../helpers/game';
import { DIVERGES } from '../helpers/scenarios';
import { closeAllClients, ok, startServer, type TestServer } from '../helpers/server';

const ADA_KEY = 'ada-instructor-key-0123456789abcd';
const BOB_KEY = 'bob-instructor-key-0123456789abcd';
const ROUND_MS = 30_000;
const parabola = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5] };
const deck = {
  title: 'Week 4',
  rounds: [
    DIVERGES, // r = α·a = 1.2 × 2 = 2.4
    { type: 'max-alpha', ...parabola }, // α* = 2/a = 1
    { type: 'fastest', ...parabola, alphas: [0.25, 0.5, 0.8] }, // 10, 1, 14 iterations: 0.5 wins
  ],
};

let dataDir: string;
let server: TestServer;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'overshoot-report-'));
  server = await startServer({ dataDir });
});
afterEach(async () => {
  closeAllClients();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (path: string, key: string | null = ADA_KEY) =>
  fetch(`${server.url}/api${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
const post = (path: string, key: string | null = ADA_KEY) =>
  fetch(`${server.url}/api${path}`, {
    method: 'POST',
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });

/** Plays the three rounds; returns the game's code. Points worked out in the comments. */
async function playGame(instructorKey?: string): Promise<string> {
  const host = await createGame(server, {
    deck,
    seconds: ROUND_MS / 1000,
    ...(instructorKey ? { instructorKey } : {}),
  });
  const ada = await joinPlayer(server, host.code, 'Ada');
  const formula = await joinPlayer(server, host.code, '=1+1');
  const bo = await joinPlayer(server, host.code, 'Bo, the 2nd');

  let t = await openRound(host, ada, 0);
  await answerAt(server, ada, 0, 'diverges', 3_000, t); // 1000 × (1 − 0.1/2) = 950
  await answerAt(server, formula, 0, 'zigzag', 6_000, t); // wrong: 0
  server.clock.set(t + ROUND_MS); // Bo never answers: the deadline closes it
  await host.view<HostView>(isPhase('reveal', 0));
  ok(await host.call('round:leaderboard', { round: 0 }));

  t = await openRound(host, ada, 1);
  await answerAt(server, ada, 1, 0.9, 1_000, t); // δ = −0.0458: 908, + streak bonus 100 = 1008
  await answerAt(server, formula, 1, 1.5, 2_000, t); // at or above α* = 1: 0
  await answerAt(server, bo, 1, 0.6, 4_000, t); // δ = −0.222: 556, no streak
  await host.view<HostView>(isPhase('reveal', 1));
  ok(await host.call('round:leaderboard', { round: 1 }));

  t = await openRound(host, ada, 2);
  await answerAt(server, ada, 2, 0.5, 15_000, t); // t = T/2: 750, + streak bonus 200 = 950
  await answerAt(server, formula, 2, 0.5, 0, t); // 1000
  await answerAt(server, bo, 2, 0.8, 3_000, t); // 14 iterations, slower: 0
  await host.view<HostView>(isPhase('reveal', 2));
  ok(await host.call('game:end'));
  const podium = await host.view<HostView>(isPhase('podium'));
  reportIdAtPodium = podium.phase.kind === 'podium' ? podium.phase.reportId : undefined;
  return host.code;
}
let reportIdAtPodium: string | null | undefined;

describe("a finished game's report", () => {
  it('holds every round, answer, time and point as played, and names no misconception on one round', async () => {
    const code = await playGame(ADA_KEY);
    const { reports } = await (await get('/reports')).json();
    expect(reports).toHaveLength(1);
    expect(reports[0].id).toBe(reportIdAtPodium); // the podium links to its report
    // 4 right (Ada ×3, "=1+1" once; Bo's 0.6 guess scored too) of 9 possible: Ada r0, Ada r1, Bo r1, Ada r2, =1+1 r2 = 5.
    expect(reports[0]).toMatchObject({ code, title: 'Week 4', players: 3, rounds: 3 });
    expect(reports[0].shareCorrect).toBeCloseTo(5 / 9, 10);

    const report: GameReport = await (await get(`/reports/${reports[0].id}`)).json();
    expect(report.players.map((p) => [p.nickname, p.score, p.rank])).toEqual([
      ['Ada', 950 + 1008 + 950, 1],
      ['=1+1', 1000, 2],
      ['Bo, the 2nd', 556, 3],
    ]);
    const [r0, r1, r2] = report.rounds;
    expect(r0).toMatchObject({
      type: 'predict',
      outcome: 'diverges',
      answerText: 'Diverges',
      eligible: 3,
      answered: 2,
      correct: 1,
    });
    expect(r0!.ratio).toBeCloseTo(2.4, 12);
    expect(r0!.shareCorrect).toBeCloseTo(1 / 3, 12);
    expect(r0!.bars.map((b) => [b.label, b.count, b.isCorrect])).toEqual([
      ['Converges directly', 0, false],
      ['Zig-zags in', 1, false],
      ['Diverges', 1, true],
    ]);
    expect(r0!.answers).toEqual([
      { playerId: 0, nickname: 'Ada', answer: 'diverges', correct: true, seconds: 3, points: 950 },
      { playerId: 1, nickname: '=1+1', answer: 'zigzag', correct: false, seconds: 6, points: 0 },
      { playerId: 2, nickname: 'Bo, the 2nd', answer: null, correct: false, seconds: null, points: 0 },
    ]);
    expect(r1).toMatchObject({
      type: 'max-alpha',
      answerText: 'α just below α* = 1',
      correct: 2,
      ratio: null,
    });
    expect(r1!.bars.map((b) => b.count)).toEqual([0, 0, 2, 1]); // too cautious, near α*/2, scored, α* or above
    expect(r1!.answers.map((a) => [a.answer, a.points])).toEqual([
      [0.9, 1008],
      [1.5, 0],
      [0.6, 556],
    ]);
    expect(r2).toMatchObject({ type: 'fastest', answerText: 'α = 0.5', correct: 2 });
    expect(r2!.bars.map((b) => [b.label, b.count, b.isCorrect])).toEqual([
      ['α = 0.25', 0, false],
      ['α = 0.5', 2, true],
      ['α = 0.8', 1, false],
    ]);
    // M3: each wrong idea showed in one round at most: nobody is named on one round's evidence.
    expect(report.version).toBe(3);
    expect(report.misconceptions).toEqual([]);
  });

  it('M4 names the misconception a class holds over real sockets, with its students and rounds', async () => {
    const zigzag = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.8 }; // r = 1.6
    const host = await createGame(server, {
      deck: { title: 'Zig-zags', rounds: [zigzag, zigzag, zigzag] },
      seconds: ROUND_MS / 1000,
      instructorKey: ADA_KEY,
    });
    const players = [
      await joinPlayer(server, host.code, 'Ada'),
      await joinPlayer(server, host.code, 'Bo'),
      await joinPlayer(server, host.code, 'Cy'),
    ];
    for (const round of [0, 1, 2]) {
      const t = await openRound(host, players[0]!, round);
      for (const [i, p] of players.entries())
        await answerAt(server, p, round, i < 2 ? 'diverges' : 'zigzag', 1_000 + i, t);
      await host.view<HostView>(isPhase('reveal', round));
      if (round < 2) ok(await host.call('round:leaderboard', { round }));
    }
    ok(await host.call('game:end'));
    await host.view<HostView>(isPhase('podium'));
    const { reports } = await (await get('/reports')).json();
    const report: GameReport = await (await get(`/reports/${reports[0].id}`)).json();
    expect(report.misconceptions.map((m) => [m.id, m.rounds, m.students.map((s) => s.nickname)])).toEqual([
      ['zigzag-not-convergence', [0, 1, 2], ['Ada', 'Bo']],
      ['overshoot-diverges', [0, 1, 2], ['Ada', 'Bo']],
    ]);

    // M5: one click saves a follow-up deck aimed at them to the teacher's decks, the same each time.
    const made = await post(`/reports/${reports[0].id}/follow-up`);
    expect(made.status).toBe(201);
    const stored = await made.json();
    expect(stored.deck.title).toBe('Follow-up: A zig-zag is not convergence; Any overshoot diverges');
    const tags = stored.deck.rounds.flatMap((r: { tags?: string[] }) => r.tags ?? []);
    expect(tags.filter((t: string) => t === 'zigzag-not-convergence')).toHaveLength(3);
    expect(tags.filter((t: string) => t === 'overshoot-diverges')).toHaveLength(3);
    const { decks } = await (await get('/decks')).json();
    expect(decks.map((d: { id: string }) => d.id)).toEqual([stored.id]);
    const again = await (await post(`/reports/${reports[0].id}/follow-up`)).json();
    expect(again.deck).toEqual(stored.deck);
    expect(again.id).not.toBe(stored.id);
    // Asked from the French page, the same deck with its title in French.
    const french = await (await post(`/reports/${reports[0].id}/follow-up?lang=fr`)).json();
    expect(french.deck.title).toBe(
      'Suite\u202F: Un zigzag n’est pas une convergence\u202F; Tout dépassement diverge',
    );
    expect(french.deck.rounds).toEqual(stored.deck.rounds);
    // Another teacher's key finds no such report.
    expect((await post(`/reports/${reports[0].id}/follow-up`, BOB_KEY)).status).toBe(404);
  });

  it('M5 a follow-up deck of a report that names no misconception is refused, naming why', async () => {
    await playGame(ADA_KEY);
    const { reports } = await (await get('/reports')).json();
    const res = await post(`/reports/${reports[0].id}/follow-up`);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: 'NO_MISCONCEPTIONS',
      message: expect.stringContaining('nothing to follow up'),
    });
    expect((await post('/reports/no-such-report/follow-up')).status).toBe(404);
    expect((await (await get('/decks')).json()).decks).toEqual([]);
  });

  it('exports one CSV row per student per round, with formulas defused', async () => {
    await playGame(ADA_KEY);
    const { reports } = await (await get('/reports')).json();
    const res = await get(`/reports/${reports[0].id}/csv`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?Week-4-\d{6}\.csv"?$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 byte-order mark Excel looks for
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'nickname,round,kind,scenario,answer,correct answer,correct,seconds,points,confidence,first vote,first vote correct,change',
    );
    expect(lines).toHaveLength(1 + 3 * 3 + 1);
    const row = (n: number) => lines[n]!.replace(/,"[^"]*"/g, ',<q>').split(',');
    // Round 1: Ada, then "=1+1" defused with an apostrophe, then Bo quoted for his comma.
    expect(lines[1]).toMatch(
      /^Ada,1,predict,J\(θ\) = \(θ − 1\)²; θ₀ = 5; α = 1\.2,Diverges,Diverges,yes,3,950,,,,$/,
    );
    expect(lines[2]!.startsWith("'=1+1,1,predict,")).toBe(true);
    expect(lines[2]).toMatch(/,Zig-zags in,Diverges,no,6,0,,,,$/);
    expect(lines[3]).toMatch(/^"Bo, the 2nd",1,predict,.*,,Diverges,no,,0,,,,$/);
    expect(row(4)).toEqual([
      'Ada',
      '2',
      'largest α',
      'J(θ) = (θ − 1)²; θ₀ = 5; largest α that converges?',
      '0.9',
      'α just below α* = 1',
      'yes',
      '1',
      '1008',
      // A game scored by speed has no level, and no round here went to a second vote.
      '',
      '',
      '',
      '',
    ]);
    expect(lines[9]).toMatch(/^"Bo, the 2nd",3,fastest α,.*,0\.8,α = 0\.5,no,3,0,,,,$/);

    // Asked as the French page asks: the same rows, in French.
    const fr = new TextDecoder('utf-8', { ignoreBOM: true })
      .decode(await (await get(`/reports/${reports[0].id}/csv?lang=fr`)).arrayBuffer())
      .slice(1)
      .split('\r\n');
    expect(fr).toHaveLength(lines.length);
    expect(fr[0]).toBe(
      'pseudo,question,type,scénario,réponse,bonne réponse,juste,secondes,points,confiance,premier vote,premier vote juste,changement',
    );
    expect(fr[1]).toMatch(
      /^Ada,1,prédire,J\(θ\) = \(θ − 1\)²; θ₀ = 5; α = 1\.2,Diverge,Diverge,oui,3,950,,,,$/,
    );
    expect(fr[2]!.startsWith("'=1+1,1,prédire,")).toBe(true);
    expect(fr[2]).toMatch(/,Converge en zigzag,Diverge,non,6,0,,,,$/);
    expect(fr[4]).toBe(
      'Ada,2,plus grand α,J(θ) = (θ − 1)²; θ₀ = 5; plus grand α qui converge\u202F?,0.9,α juste en dessous de α* = 1,oui,1,1008,,,,',
    );
    expect(fr[9]).toMatch(
      /^"Bo, the 2nd",3,α le plus rapide,.*le plus rapide parmi .*,0\.8,α = 0\.5,non,3,0,,,,$/,
    );
  });

  it('belongs to its instructor: another one sees nothing, a student or stranger gets 401', async () => {
    await playGame(ADA_KEY);
    const { reports } = await (await get('/reports')).json();
    const id = reports[0].id;
    expect((await (await get('/reports', BOB_KEY)).json()).reports).toEqual([]);
    for (const path of [`/reports/${id}`, `/reports/${id}/csv`]) {
      expect((await get(path, BOB_KEY)).status).toBe(404);
      expect((await get(path, null)).status).toBe(401);
    }
    const del = await fetch(`${server.url}/api/reports/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${BOB_KEY}` },
    });
    expect(del.status).toBe(404);
    expect((await get(`/reports/${id}`)).status).toBe(200);
  });

  it('a game hosted without an instructor key is saved for nobody', async () => {
    await playGame();
    expect((await (await get('/reports')).json()).reports).toEqual([]);
    expect(reportIdAtPodium).toBeNull();
  });
});
