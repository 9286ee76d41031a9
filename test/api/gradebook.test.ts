// The gradebook CSV (docs/api.md, "Gradebook"), over HTTP, of games played with real sockets: its
// cells are the points and right answers the students gave, one game per round, several per game,
// students matched across games by their normalised names; and only the key's own reports go in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportSummary } from '../../shared/protocol/api';
import type { GameReport } from '../../shared/protocol/report';
import type { HostView } from '../../shared/protocol/views';
import { answerAt, createGame, type HostClient, isPhase, joinPlayer, openRound } from '../helpers/game';
import { DIVERGES } from '../helpers/scenarios';
import { closeAllClients, ok, startServer, type TestServer } from '../helpers/server';

const ADA_KEY = 'ada-instructor-key-0123456789abcd';
const BOB_KEY = 'bob-instructor-key-0123456789abcd';
const ROUND_MS = 30_000;
const parabola = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5] };
const ZIGZAG = { ...parabola, alpha: 0.8 }; // r = α·a = 1.6

let server: TestServer;

async function closeRound(host: HostClient, round: number, last: boolean) {
  await host.view<HostView>(isPhase('reveal', round));
  if (last) {
    ok(await host.call('game:end'));
    await host.view<HostView>(isPhase('podium'));
  } else ok(await host.call('round:leaderboard', { round }));
}

/** Game A, "Week 4", as test/api/reports.test.ts plays it; the points worked out in the comments. */
async function playWeek4(): Promise<void> {
  const host = await createGame(server, {
    deck: {
      title: 'Week 4',
      rounds: [
        DIVERGES, // r = α·a = 1.2 × 2 = 2.4
        { type: 'max-alpha', ...parabola }, // α* = 2/a = 1
        { type: 'fastest', ...parabola, alphas: [0.25, 0.5, 0.8] }, // 10, 1, 14 iterations: 0.5 wins
      ],
    },
    seconds: ROUND_MS / 1000,
    instructorKey: ADA_KEY,
  });
  const ada = await joinPlayer(server, host.code, 'Ada');
  const formula = await joinPlayer(server, host.code, '=1+1');
  const bo = await joinPlayer(server, host.code, 'Bo, the 2nd');

  let t = await openRound(host, ada, 0);
  await answerAt(server, ada, 0, 'diverges', 3_000, t); // 1000 × (1 − 0.1/2) = 950
  await answerAt(server, formula, 0, 'zigzag', 6_000, t); // wrong: 0
  server.clock.set(t + ROUND_MS); // Bo never answers: 0, and not right
  await closeRound(host, 0, false);
  t = await openRound(host, ada, 1);
  await answerAt(server, ada, 1, 0.9, 1_000, t); // 908, + streak bonus 100 = 1008
  await answerAt(server, formula, 1, 1.5, 2_000, t); // at or above α* = 1: 0
  await answerAt(server, bo, 1, 0.6, 4_000, t); // 556, right
  await closeRound(host, 1, false);
  t = await openRound(host, ada, 2);
  await answerAt(server, ada, 2, 0.5, 15_000, t); // 750, + streak bonus 200 = 950
  await answerAt(server, formula, 2, 0.5, 0, t); // 1000
  await answerAt(server, bo, 2, 0.8, 3_000, t); // slower: 0
  await closeRound(host, 2, true);
}

/**
 * Game B, a week later: Ada and Bo come back under names that differ in case and spacing, Cy is new,
 * and Dee joins after round 1 closed. Its title looks like a formula.
 */
async function playWeek5(): Promise<void> {
  server.clock.advance(7 * 24 * 3_600_000);
  const host = await createGame(server, {
    deck: { title: '@Week 5', rounds: [ZIGZAG, DIVERGES] },
    seconds: ROUND_MS / 1000,
    instructorKey: ADA_KEY,
  });
  const ada = await joinPlayer(server, host.code, 'ADA');
  const bo = await joinPlayer(server, host.code, 'bo,  THE 2nd');
  const cy = await joinPlayer(server, host.code, 'Cy');

  let t = await openRound(host, ada, 0);
  await answerAt(server, ada, 0, 'zigzag', 3_000, t); // 950
  await answerAt(server, bo, 0, 'zigzag', 15_000, t); // 1000 × (1 − 0.5/2) = 750
  await answerAt(server, cy, 0, 'diverges', 20_000, t); // wrong: 0; everyone answered, the round closes
  await closeRound(host, 0, false);
  server.clock.advance(5_000);
  const dee = await joinPlayer(server, host.code, 'Dee');
  t = await openRound(host, ada, 1);
  await answerAt(server, ada, 1, 'diverges', 6_000, t); // 900, + streak bonus 100 = 1000
  await answerAt(server, bo, 1, 'converges', 7_000, t); // wrong: 0
  await answerAt(server, cy, 1, 'diverges', 8_000, t); // 1000 × (1 − 0.2667/2) = 867
  await answerAt(server, dee, 1, 'diverges', 9_000, t); // 1000 × (1 − 0.3/2) = 850
  await closeRound(host, 1, true);
}

/** A game of another instructor's. */
async function playBobs(): Promise<void> {
  const host = await createGame(server, {
    deck: { title: "Bob's class", rounds: [DIVERGES] },
    seconds: ROUND_MS / 1000,
    instructorKey: BOB_KEY,
  });
  const eve = await joinPlayer(server, host.code, 'Eve');
  const t = await openRound(host, eve, 0);
  await answerAt(server, eve, 0, 'diverges', 0, t);
  await closeRound(host, 0, true);
}

let week4: ReportSummary;
let week5: ReportSummary;
let bobs: ReportSummary;

beforeAll(async () => {
  server = await startServer();
  await playWeek4();
  await playWeek5();
  await playBobs();
  closeAllClients();
  [week5, week4] = (await (await get('/reports')).json()).reports;
  [bobs] = (await (await get('/reports', BOB_KEY)).json()).reports;
});
afterAll(async () => {
  closeAllClients();
  await server?.close();
});

function get(path: string, key: string | null = ADA_KEY) {
  return fetch(`${server.url}/api${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
}
const gradebookOf = (ids: string[], key?: string | null) =>
  get(`/gradebook.csv?reports=${ids.join(',')}`, key);

/** The CSV's lines without its byte-order mark and CRLF ends, after checking both. */
async function linesOf(res: Response): Promise<string[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
  expect(text.endsWith('\r\n')).toBe(true);
  return text.slice(0, -2).split('\r\n');
}

/** "Week 4 (2026-01-01, game 123456)": the game's title, the day it started and its code. */
function label(r: ReportSummary): string {
  return `${r.title} (${isoDay(r.startedAt)}, game ${r.code})`;
}

/** A day as YYYY-MM-DD in the server's time zone, as the sheet's column names write it. */
function isoDay(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

describe('the gradebook of one game', () => {
  it('has a column per round with each student’s points, their total, share correct and games played', async () => {
    const res = await gradebookOf([week4.id]);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?Week-4-\d{6}-gradebook\.csv"?$/,
    );
    expect(await linesOf(res)).toEqual([
      'name,round 1,round 2,round 3,total points,share correct (%),games played',
      // By name; a name that a spreadsheet would run as a formula is text.
      "'=1+1,0,0,1000,1000,33.3,1",
      'Ada,950,1008,950,2908,100,1',
      // Bo never answered round 1: 0 points, not right (1 of 3).
      '"Bo, the 2nd",0,556,0,556,33.3,1',
    ]);
    // The totals are the game's own scores.
    const report: GameReport = await (await get(`/reports/${week4.id}`)).json();
    expect(report.players.map((p) => [p.nickname, p.score])).toEqual([
      ['Ada', 2908],
      ['=1+1', 1000],
      ['Bo, the 2nd', 556],
    ]);
  });

  it('leaves a round empty for a student who joined after it closed', async () => {
    expect(await linesOf(await gradebookOf([week5.id]))).toEqual([
      'name,round 1,round 2,total points,share correct (%),games played',
      'ADA,950,1000,1950,100,1',
      '"bo,  THE 2nd",750,0,750,50,1',
      'Cy,0,867,867,50,1',
      'Dee,,850,850,100,1',
    ]);
  });
});

describe('the gradebook of several games', () => {
  it('has a column per game, oldest first, and matches students by name ignoring case and spacing', async () => {
    // Asked newest first, as the list shows them: the sheet still goes in the order they were played.
    const res = await gradebookOf([week5.id, week4.id]);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?gradebook-2-games\.csv"?$/,
    );
    const lines = await linesOf(res);
    // The header names each game (quoted for its comma); a title that looks like a formula is
    // defused there too.
    expect(lines[0]).toBe(
      `name,"${label(week4)}","'${label(week5)}",total points,share correct (%),games played`,
    );
    expect(label(week5).startsWith('@Week 5 (')).toBe(true);
    expect(lines.slice(1)).toEqual([
      "'=1+1,1000,,1000,33.3,1",
      // Ada and ADA are one student: 2908 + 1950, right 5 times of 5; named as in the latest game.
      'ADA,2908,1950,4858,100,2',
      // "Bo, the 2nd" and "bo,  THE 2nd" too: 556 + 750, right 1 of 3 and 1 of 2.
      '"bo,  THE 2nd",556,750,1306,40,2',
      'Cy,,867,867,50,1',
      'Dee,,850,850,100,1',
    ]);
  });

  it('comes in French when the page asks with lang=fr: its columns, the same numbers, formulas still defused', async () => {
    const english = await linesOf(await gradebookOf([week5.id, week4.id]));
    const french = await linesOf(await get(`/gradebook.csv?reports=${week5.id},${week4.id}&lang=fr`));
    const frenchLabel = (r: ReportSummary) => `${r.title} (${isoDay(r.startedAt)}, partie ${r.code})`;
    expect(french[0]).toBe(
      `nom,"${frenchLabel(week4)}","'${frenchLabel(week5)}",total des points,part de bonnes réponses (%),parties jouées`,
    );
    expect(french.slice(1)).toEqual(english.slice(1));
    const one = await linesOf(await get(`/gradebook.csv?reports=${week4.id}&lang=fr`));
    expect(one[0]).toBe(
      'nom,question 1,question 2,question 3,total des points,part de bonnes réponses (%),parties jouées',
    );
    // Any other language is English, as for a client that names none.
    expect(await linesOf(await get(`/gradebook.csv?reports=${week4.id}&lang=xx`))).toEqual(
      await linesOf(await gradebookOf([week4.id])),
    );
  });

  it('counts an id given twice once', async () => {
    const twice = await linesOf(await gradebookOf([week4.id, week5.id, week4.id]));
    expect(twice).toEqual(await linesOf(await gradebookOf([week4.id, week5.id])));
    expect(await linesOf(await get(`/gradebook.csv?reports=${week4.id}&reports=${week4.id}`))).toEqual(
      await linesOf(await gradebookOf([week4.id])),
    );
  });
});

/** A homework assignment of one round (DIVERGES), asking for a student id. */
async function assignOne(title: string): Promise<string> {
  const post = async (path: string, body: unknown, token = ADA_KEY) => {
    const res = await fetch(`${server.url}/api${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status, path).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  };
  const deck = await post('/decks', { title, rounds: [DIVERGES] });
  const hw = await post('/assignments', { deckId: deck.id, askStudentId: true });
  const id = hw.id as string;
  /** A student's device does the assignment: right (1000 points) or wrong (0). */
  doHomework = async (name: string, studentId: string, right: boolean) => {
    const started = await post(`/homework/${id}/attempts`, { nickname: name, studentId });
    const token = started.token as string;
    await post(`/homework/${id}/attempt/next`, {}, token);
    await post(`/homework/${id}/attempt/answer`, { round: 0, choice: right ? 'diverges' : 'zigzag' }, token);
  };
  return id;
}
let doHomework: (name: string, studentId: string, right: boolean) => Promise<void>;

describe('games and homework in one sheet', () => {
  it('has a student id column, matches by id where both have one, by name otherwise', async () => {
    server.clock.advance(24 * 3_600_000);
    const hw1 = await assignOne('Homework 5');
    // Ada played both games under her name; here she gives her id, so her games' row takes it.
    await doHomework('ada', 'S-1', true);
    await doHomework('Cy', 'c-9', false);
    // Dee played week 5; this Dee gives d-2.
    await doHomework('Dee', 'd-2', true);
    server.clock.advance(24 * 3_600_000);
    const hw2 = await assignOne('Homework 6');
    // Another name, the same id (case aside): Ada again. Two devices: the better attempt counts.
    await doHomework('Ada Lovelace', 's-1', false);
    await doHomework('Ada Lovelace', 's-1', true);
    // The same name as week 5's Dee with another id: another student, a row of her own.
    await doHomework('Dee', 'd-1', true);

    const both = await linesOf(await gradebookOf([week5.id, week4.id]));
    const cellsOf = (lines: string[], name: string) =>
      lines.find((l) => l.startsWith(`${name},`))!.split(',');
    const res = await gradebookOf([hw2, week5.id, hw1, week4.id]);
    const lines = await linesOf(res);
    expect(lines[0]).toBe(
      `name,student id,"${label(week4)}","'${label(week5)}",Homework 5 (homework assigned ${isoDay(server.clock.now() - 24 * 3_600_000)}),Homework 6 (homework assigned ${isoDay(server.clock.now())}),total points,share correct (%),games played`,
    );
    const [, ada4, ada5] = cellsOf(both, 'ADA');
    expect(lines.slice(1)).toEqual([
      "'=1+1,,1000,,,,1000,33.3,1",
      // Named as in the latest source; games 2908 + 1950, homework 1000 + 1000.
      `Ada Lovelace,s-1,${ada4},${ada5},1000,1000,${Number(ada4) + Number(ada5) + 2000},100,4`,
      '"bo,  THE 2nd",,556,750,,,1306,40,2',
      'Cy,c-9,,867,0,,867,33.3,2',
      'Dee,d-2,,850,1000,,1850,100,2',
      'Dee,d-1,,,,1000,1000,100,1',
    ]);
  });
});

describe('who may have a gradebook', () => {
  it('refuses a report of another key’s, naming it, and gives none of the sheet', async () => {
    const res = await gradebookOf([week4.id, bobs.id]);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      error: 'NOT_FOUND',
      message: `You have no report with the id ${bobs.id}.`,
      reports: [bobs.id],
    });
    // Exactly as a report that does not exist; Bob gets his own, and only his.
    const both = await (await gradebookOf(['no-such-report', bobs.id])).json();
    expect(both.reports).toEqual(['no-such-report', bobs.id]);
    expect((await gradebookOf([week4.id], BOB_KEY)).status).toBe(404);
    expect(await linesOf(await gradebookOf([bobs.id], BOB_KEY))).toEqual([
      'name,round 1,total points,share correct (%),games played',
      'Eve,1000,1000,100,1',
    ]);
    expect((await gradebookOf([week4.id], null)).status).toBe(401);
  });

  it('refuses more than 50 games, and none, with a sentence saying so', async () => {
    const many = Array.from({ length: 51 }, (_, i) => `report-${i}`);
    const res = await gradebookOf(many);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'TOO_MANY_REPORTS',
      message: 'A gradebook can combine at most 50 games; this asks for 51.',
      max: 50,
    });
    for (const path of ['/gradebook.csv', '/gradebook.csv?reports=', '/gradebook.csv?reports=,,'])
      expect(await (await get(path)).json()).toMatchObject({ error: 'NO_REPORTS' });
  });
});
