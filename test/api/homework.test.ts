// Self-paced homework (README "Homework", docs/api.md) over HTTP on a real server with a real SQLite
// file: a class does an assignment over two sittings with a server restart between them; nothing
// submitted is lost, the report equals what they did, the reveal waits for the end when asked to,
// the due date is enforced, a name on two devices is two attempts, and one teacher cannot read
// another's assignment.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../server/store/open-postgres';
import { simulate } from '../../shared/engine/index';
import { type DeckRound, parseDeck } from '../../shared/protocol/deck';
import type { AssignmentReport, AssignmentSummary, HomeworkView } from '../../shared/protocol/homework';
import { answerOf } from '../helpers/answers';
import { CONVERGES, DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { startServer, type TestServer } from '../helpers/server';
import { freshDatabase } from '../postgres/database';
import { startProxy } from '../resilience/proxy';

const ADA_KEY = 'ada-instructor-key-0123456789abcd';
const BOB_KEY = 'bob-instructor-key-0123456789abcd';
const DAY_MS = 24 * 3_600_000;
const parabola = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5] };
const deckFile = {
  title: 'Week 6 homework',
  rounds: [
    { ...DIVERGES, seconds: 10 }, // r = 2.4; the round's own seconds give way to the homework's (none)
    { type: 'max-alpha', ...parabola }, // α* = 1
    { ...ZIGZAG }, // r = 1.6
    { ...CONVERGES }, // r = 0.4
  ],
};
const parsed = parseDeck(deckFile);
if (!parsed.ok) throw new Error(parsed.error);
const rounds: DeckRound[] = parsed.deck.rounds;

let dataDir: string;
let server: TestServer;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'overshoot-homework-'));
  server = await startServer({ dataDir });
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(
  method: string,
  path: string,
  opts: { key?: string; token?: string; body?: unknown } = {},
) {
  const auth = opts.key ?? opts.token;
  const res = await fetch(`${server.url}/api${path}`, {
    method,
    headers: {
      ...(auth === undefined ? {} : { authorization: `Bearer ${auth}` }),
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json: json as Record<string, unknown>, text };
}

async function assign(key: string, settings: Record<string, unknown>): Promise<AssignmentSummary> {
  const deck = await call('POST', '/decks', { key, body: deckFile });
  expect(deck.status).toBe(201);
  const made = await call('POST', '/assignments', { key, body: { deckId: deck.json.id, ...settings } });
  expect(made.status, made.text).toBe(201);
  return made.json as unknown as AssignmentSummary;
}

/** A student's device: the token it was given, kept as a browser keeps it in localStorage. */
interface Device {
  id: string;
  token: string;
}
async function startOn(
  id: string,
  nickname: string,
  studentId?: string,
): Promise<Device & { view: HomeworkView }> {
  const res = await call('POST', `/homework/${id}/attempts`, {
    body: { nickname, ...(studentId === undefined ? {} : { studentId }) },
  });
  expect(res.status, res.text).toBe(201);
  return { id, token: res.json.token as string, view: res.json.homework as HomeworkView };
}
const next = async (d: Device) => {
  const res = await call('POST', `/homework/${d.id}/attempt/next`, { token: d.token });
  expect(res.status, res.text).toBe(200);
  return res.json as unknown as HomeworkView;
};
const retry = (d: Device, round: number) =>
  call('POST', `/homework/${d.id}/attempt/retry`, { token: d.token, body: { round } });
const answer = (d: Device, round: number, choice: unknown) =>
  call('POST', `/homework/${d.id}/attempt/answer`, { token: d.token, body: { round, choice } });
/** Opens the next round and answers it right or wrong, as the engine decides. */
async function play(d: Device, round: number, right: boolean, afterMs = 20_000) {
  const opened = await next(d);
  expect(opened.view.phase).toMatchObject({ kind: 'question', round });
  server.clock.advance(afterMs);
  const res = await answer(d, round, answerOf(rounds[round]!, right));
  expect(res.status, res.text).toBe(200);
  return res.json as unknown as HomeworkView;
}

describe('a class does an assignment over two sittings with a restart between them', () => {
  let hw: AssignmentSummary;
  type Started = Awaited<ReturnType<typeof startOn>>;
  let linPhone: Started;
  let linLaptop: Started;
  let max: Started;
  let noor: Started;
  const T0 = Date.UTC(2026, 11, 7, 16, 0);

  it('the teacher assigns a deck: a link id, the settings, nobody started yet', async () => {
    server.clock.set(T0);
    hw = await assign(ADA_KEY, { dueAt: T0 + 3 * DAY_MS, reveal: 'end', askStudentId: true, retries: true });
    expect(hw).toMatchObject({
      title: 'Week 6 homework',
      rounds: 4,
      dueAt: T0 + 3 * DAY_MS,
      reveal: 'end',
      retries: true,
      askStudentId: true,
      timerSeconds: null,
      started: 0,
      finished: 0,
    });
    expect(hw.id).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    const info = await call('GET', `/homework/${hw.id}`);
    expect(info.json).toMatchObject({
      title: 'Week 6 homework',
      rounds: 4,
      closed: false,
      askStudentId: true,
    });
    // The link tells nothing about the answers.
    expect(info.text).not.toMatch(/alpha|scenario|outcome/);
  });

  it('a student id is asked for when the teacher wants one; a bad name is refused by name', async () => {
    const noId = await call('POST', `/homework/${hw.id}/attempts`, { body: { nickname: 'Lin' } });
    expect(noId.status).toBe(400);
    expect(noId.json).toMatchObject({ error: 'STUDENT_ID_REQUIRED' });
    const badName = await call('POST', `/homework/${hw.id}/attempts`, {
      body: { nickname: 'x'.repeat(21), studentId: 's1' },
    });
    expect(badName.json).toMatchObject({
      error: 'NAME_INVALID',
      message: 'Nicknames are at most 20 characters.',
    });
  });

  it('sitting 1: answers are taken and saved, and with reveal "end" nothing tells right from wrong', async () => {
    linPhone = await startOn(hw.id, 'Lin', 's-101');
    expect(linPhone.view.view.phase.kind).toBe('lobby');
    const first = await play(linPhone, 0, true);
    expect(first.recorded).toEqual({ round: 0, answer: 'diverges' });
    expect(first.view.phase).toEqual({ kind: 'votes', round: 0, answer: 'diverges' });
    expect(first.view.me.score).toBe(0);
    expect(first.reveals).toEqual([]);
    expect(JSON.stringify(first)).not.toMatch(/"correct"|"outcome"|"points"|explanation/);
    // A resent identical answer (a lost reply) is the same answer; a different one is refused.
    expect((await answer(linPhone, 0, 'diverges')).status).toBe(200);
    const changed = await answer(linPhone, 0, 'zigzag');
    expect(changed.status).toBe(409);
    expect(changed.json).toMatchObject({ error: 'ALREADY_ANSWERED' });
    // Retries allowed: a round just answered may be tried again, offered whatever the verdict, so the
    // offer says nothing of it with reveal "end"; the answer is open again, the first try set aside.
    const wrong = await play(linPhone, 1, false);
    expect(wrong.retry).toEqual({ round: 1, left: 2 });
    const retried = await retry(linPhone, 1);
    expect(retried.status, retried.text).toBe(200);
    expect((retried.json as unknown as HomeworkView).view.phase).toMatchObject({
      kind: 'question',
      round: 1,
    });
    // A resent retry (a lost reply) is the same retry, not a third try.
    expect(((await retry(linPhone, 1)).json as unknown as HomeworkView).tries).toEqual([1]);
    server.clock.advance(5_000);
    const second = await answer(linPhone, 1, answerOf(rounds[1]!, false));
    expect((second.json as unknown as HomeworkView).tries).toEqual([1, 2]);
    expect((second.json as unknown as HomeworkView).retry).toEqual({ round: 1, left: 1 });

    // The same name on a second device is a second attempt; it neither sees nor changes the first.
    linLaptop = await startOn(hw.id, 'lin', 's-101');
    expect(linLaptop.token).not.toBe(linPhone.token);
    expect(linLaptop.view.view.phase.kind).toBe('lobby');
    await play(linLaptop, 0, false);

    max = await startOn(hw.id, 'Max', 's-102');
    await play(max, 0, true);
    await play(max, 1, true);
    await play(max, 2, true);
    noor = await startOn(hw.id, 'Noor', 's-103');
    const opened = await next(noor);
    expect(opened.view.phase).toMatchObject({ kind: 'question', round: 0 });
    // An answer not of the round's kind names what is wrong.
    const wrongKind = await answer(noor, 0, 0.5);
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.json).toMatchObject({ error: 'WRONG_ANSWER_TYPE' });
  });

  it('the server restarts; each device carries on where it stopped, nothing lost', async () => {
    const at = server.clock.now();
    await server.close();
    server = await startServer({ dataDir });
    server.clock.set(at + DAY_MS);
    const lin = await call('GET', `/homework/${hw.id}/attempt`, { token: linPhone.token });
    expect(lin.status).toBe(200);
    expect((lin.json as unknown as HomeworkView).recorded).toEqual({ round: 1, answer: 1.5 });
    // Her second try of round 2 is kept, and her third and last may follow the restart.
    expect((lin.json as unknown as HomeworkView).tries).toEqual([1, 2]);
    expect((lin.json as unknown as HomeworkView).retry).toEqual({ round: 1, left: 1 });
    expect((await retry(linPhone, 1)).status).toBe(200);
    server.clock.advance(5_000);
    const third = (await answer(linPhone, 1, answerOf(rounds[1]!, true))).json as unknown as HomeworkView;
    expect(third.tries).toEqual([1, 3]);
    expect(third.retry).toBeNull();
    const fourth = await retry(linPhone, 1);
    expect(fourth.status).toBe(409);
    expect(fourth.json).toMatchObject({
      error: 'TRIES_USED',
      max: 3,
      message: 'You have tried this question 3 times, the most this homework allows. Go on to the next one.',
    });
    const stillOpen = await call('GET', `/homework/${hw.id}/attempt`, { token: noor.token });
    // No timer: Noor's question waited a day for her.
    expect((stillOpen.json as unknown as HomeworkView).view.phase).toMatchObject({
      kind: 'question',
      round: 0,
    });

    await play(linPhone, 2, true);
    const last = await play(linPhone, 3, true);
    expect(last.reveals).toEqual([]);
    const done = await next(linPhone);
    expect(done.view.phase.kind).toBe('podium');
    expect(done.attempt.finishedAt).toBe(server.clock.now());
    // Now every reveal, with the engine's verdict, the explanation and the points.
    expect(done.reveals.map((r) => r.round)).toEqual([0, 1, 2, 3]);
    // The last try counts: round 2 is right, and scored as if the wrong tries had not been.
    expect(done.reveals.map((r) => r.correct)).toEqual([true, true, true, true]);
    // With its streak bonus (one right before it) and the rounds after it counting on from it.
    expect(done.reveals[1]!.streakBonus).toBe(100);
    expect(done.reveals.map((r) => r.points)).toEqual([1000, done.reveals[1]!.points, 1200, 1300]);
    expect(done.reveals[0]).toMatchObject({ verdict: { outcome: simulate(DIVERGES).outcome } });
    expect(done.retry).toBeNull();
    expect(done.tries).toEqual([1, 3, 1, 1]);
    expect(done.view.me.score).toBe(done.reveals.reduce((n, r) => n + r.points, 0));

    await play(max, 3, false);
    await next(max);
    server.clock.advance(60_000);
    expect((await answer(noor, 0, 'zigzag')).status).toBe(200);
  });

  it('the report equals what each attempt did, tells the two Lins apart, and says who finished', async () => {
    const res = await call('GET', `/assignments/${hw.id}`, { key: ADA_KEY });
    expect(res.status).toBe(200);
    const report = res.json as unknown as AssignmentReport;
    const names = report.homework.students.map((s) => s.nickname);
    expect(names).toEqual(['Lin (device 1)', 'lin (device 2)', 'Max', 'Noor']);
    expect(
      report.homework.students.map((s) => [s.studentId, s.finishedAt !== null, s.answered, s.tries]),
    ).toEqual([
      ['s-101', true, 4, [1, 3, 1, 1]],
      ['s-101', false, 1, [1]],
      ['s-102', true, 4, [1, 1, 1, 1]],
      ['s-103', false, 1, [1]],
    ]);
    // Per round, each attempt's own answer, judged by the engine.
    const byRound = report.rounds.map((r) => r.answers.map((a) => [a.nickname, a.answer, a.correct]));
    expect(byRound[0]).toEqual([
      ['Lin (device 1)', 'diverges', true],
      ['lin (device 2)', answerOf(rounds[0]!, false), false],
      ['Max', 'diverges', true],
      ['Noor', 'zigzag', false],
    ]);
    expect(report.rounds[0]).toMatchObject({ answered: 4, correct: 2, eligible: 4 });
    // Round 2 holds Lin's last try, the one that counts.
    // Scored as Max's first and only try, the same answer after the same right first round.
    const second = (who: string) => report.rounds[1]!.answers.find((a) => a.nickname === who)!;
    expect(second('Lin (device 1)')).toMatchObject({ correct: true, points: second('Max').points });
    expect(
      report.rounds[3]!.answers.filter((a) => a.answer !== null).map((a) => [a.nickname, a.correct]),
    ).toEqual([
      ['Lin (device 1)', true],
      ['Max', false],
    ]);
    // No speed points at home: a right answer is 1000, plus the streak bonus (S3).
    const maxPoints = report.rounds.map((r) => r.answers.find((a) => a.nickname === 'Max')!.points);
    expect(maxPoints[0]).toBe(1000);
    expect(maxPoints[2]).toBe(1000 + 2 * 100);
    expect(maxPoints[3]).toBe(0);
    expect(report.players.find((p) => p.nickname === 'Max')!.score).toBe(
      maxPoints.reduce((a, b) => a + b, 0),
    );
    expect(report.rounds.every((r) => r.ratio === null || typeof r.ratio === 'number')).toBe(true);
    expect(report.homework).toMatchObject({ reveal: 'end', closed: false, dueAt: T0 + 3 * DAY_MS });

    const list = await call('GET', '/assignments', { key: ADA_KEY });
    expect((list.json.assignments as AssignmentSummary[])[0]).toMatchObject({
      id: hw.id,
      started: 4,
      finished: 2,
    });

    const csv = await call('GET', `/assignments/${hw.id}/csv`, { key: ADA_KEY });
    expect(csv.status).toBe(200);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toContain('nickname,round,kind');
    expect(lines[0]).toContain('student id,tries,started (UTC),finished (UTC)');
    expect(lines.filter((l) => l.startsWith('lin (device 2),1,'))[0]).toContain(',s-101,1,');
    expect(lines.filter((l) => l.startsWith('Lin (device 1),2,'))[0]).toContain(',s-101,3,');
    expect(lines.filter((l) => l.startsWith('Lin (device 1),3,'))[0]).toContain(',s-101,1,');
  });

  it('after the due date new attempts and answers are refused with a clear message; the report says so', async () => {
    server.clock.set(T0 + 3 * DAY_MS + 1);
    const late = await answer(noor, 1, 'zigzag');
    expect(late.status).toBe(403);
    expect(late.json.error).toBe('PAST_DUE');
    expect(late.json.message).toMatch(
      /^This homework was due on 2026-12-10 16:00 UTC, so it takes no more answers/,
    );
    const lateStart = await call('POST', `/homework/${hw.id}/attempts`, {
      body: { nickname: 'Zed', studentId: 'z' },
    });
    expect(lateStart.status).toBe(403);
    expect((await call('POST', `/homework/${hw.id}/attempt/next`, { token: noor.token })).status).toBe(403);
    // What was done stays readable.
    const mine = await call('GET', `/homework/${hw.id}/attempt`, { token: noor.token });
    expect(mine.status).toBe(200);
    // Nothing more can be answered: the reveal kept for the end comes now, for the round she did.
    const past = mine.json as unknown as HomeworkView;
    expect(past.info.closed).toBe(true);
    expect(past.reveals.map((r) => [r.round, r.answer, r.correct])).toEqual([[0, 'zigzag', false]]);
    expect((await call('GET', `/homework/${hw.id}`)).json.closed).toBe(true);
    const report = (await call('GET', `/assignments/${hw.id}`, { key: ADA_KEY }))
      .json as unknown as AssignmentReport;
    expect(report.homework.closed).toBe(true);
    expect(report.rounds[1]!.answers.find((a) => a.nickname === 'Noor')?.answer ?? null).toBeNull();
  });

  it("one teacher cannot read, export, delete or warm up from another teacher's assignment", async () => {
    for (const [method, path] of [
      ['GET', `/assignments/${hw.id}`],
      ['GET', `/assignments/${hw.id}/csv`],
      ['POST', `/assignments/${hw.id}/warm-up`],
      ['DELETE', `/assignments/${hw.id}`],
      ['GET', `/gradebook.csv?reports=${hw.id}`],
    ] as const) {
      const res = await call(method, path, { key: BOB_KEY });
      expect(res.status, path).toBe(404);
    }
    expect((await call('GET', '/assignments', { key: BOB_KEY })).json.assignments).toEqual([]);
    // Without a key, nothing of the teacher's side.
    expect((await call('GET', `/assignments/${hw.id}`)).status).toBe(401);
  });

  it('a device token opens only its own attempt at its own assignment', async () => {
    const bobs = await assign(BOB_KEY, {});
    const other = await call('GET', `/homework/${bobs.id}/attempt`, { token: linPhone.token });
    expect(other.status).toBe(404);
    expect(other.json.error).toBe('NO_ATTEMPT');
    expect((await call('GET', `/homework/${hw.id}/attempt`)).status).toBe(401);
  });

  it('warm-up and gradebook work from the assignment', async () => {
    const warm = await call('POST', `/assignments/${hw.id}/warm-up`, { key: ADA_KEY });
    expect(warm.status, warm.text).toBe(201);
    expect(warm.json.deck).toMatchObject({ warmupOf: hw.id });
    const book = await call('GET', `/gradebook.csv?reports=${hw.id}`, { key: ADA_KEY });
    expect(book.status).toBe(200);
    const rows = book.text.replace('\uFEFF', '').trim().split('\r\n');
    // The assignment asked for ids: a student id column, and a row per student, not per device.
    expect(rows[0]).toBe(
      'name,student id,round 1,round 2,round 3,round 4,total points,share correct (%),games played',
    );
    expect(rows).toHaveLength(4);
    // Lin's two devices (s-101) are one student; the attempt with the most points counts, all right.
    expect(rows.find((r) => r.startsWith('Lin,'))).toMatch(/^Lin,s-101,1000,\d+,1200,1300,\d+,100,1$/);
    expect(rows.find((r) => r.startsWith('Max,'))).toMatch(/^Max,s-102,1000,/);
    expect(rows.find((r) => r.startsWith('Noor,'))).toMatch(/^Noor,s-103,0,/);
  });
});

describe('retrying a round with reveal "each"', () => {
  it('a wrong answer keeps its outcome back while tries are left; a right one, or "show", ends the tries', async () => {
    server.clock.set(Date.UTC(2027, 0, 5, 9));
    const hw = await assign(ADA_KEY, { reveal: 'each', retries: true });
    const d = await startOn(hw.id, 'Rae');
    const wrong = await play(d, 0, false);
    // Not right yet: the answer, no outcome, no explanation, and the offer.
    expect(wrong.view.phase).toEqual({ kind: 'votes', round: 0, answer: answerOf(rounds[0]!, false) });
    expect(wrong.retry).toEqual({ round: 0, left: 2 });
    expect(JSON.stringify(wrong.view)).not.toMatch(/"outcome"|explanation/);
    // Another round cannot be tried again, nor this one before it is answered.
    expect((await retry(d, 1)).json).toMatchObject({ error: 'NOT_ANSWERED' });
    expect((await retry(d, 0)).status).toBe(200);
    const notYet = await retry(d, 0);
    expect((notYet.json as unknown as HomeworkView).view.phase).toMatchObject({ kind: 'question', round: 0 });
    server.clock.advance(3_000);
    const right = (await answer(d, 0, answerOf(rounds[0]!, true))).json as unknown as HomeworkView;
    // Right on the second try: the reveal at once, the full points, no more tries.
    expect(right.view.phase).toMatchObject({ kind: 'reveal', round: 0, correct: true, points: 1000 });
    expect(right.retry).toBeNull();
    expect(right.tries).toEqual([2]);
    const again = await retry(d, 0);
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({
      error: 'REVEALED',
      message: 'You have seen the answer to this question, so it cannot be tried again.',
    });

    // Wrong, then "show me the answer": the reveal, and no retry after it.
    const wrong2 = await play(d, 1, false);
    expect(wrong2.retry).toEqual({ round: 1, left: 2 });
    const shown = await call('POST', `/homework/${hw.id}/attempt/show`, {
      token: d.token,
      body: { round: 1 },
    });
    expect(shown.status, shown.text).toBe(200);
    const view = shown.json as unknown as HomeworkView;
    expect(view.view.phase).toMatchObject({ kind: 'reveal', round: 1, correct: false });
    expect(view.retry).toBeNull();
    expect((await retry(d, 1)).json).toMatchObject({ error: 'REVEALED' });
    // In French when the student's page is French.
    const fr = await fetch(`${server.url}/api/homework/${hw.id}/attempt/retry`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${d.token}`,
        'content-type': 'application/json',
        'accept-language': 'fr-FR,fr;q=0.9',
      },
      body: JSON.stringify({ round: 1 }),
    });
    expect(await fr.json()).toMatchObject({
      error: 'REVEALED',
      message: 'Vous avez vu la réponse à cette question\u202F: elle ne peut plus être réessayée.',
    });
  });

  it('an assignment without retries refuses one by name', async () => {
    const hw = await assign(ADA_KEY, { reveal: 'each' });
    const d = await startOn(hw.id, 'Sol');
    const wrong = await play(d, 0, false);
    expect(wrong.retry).toBeNull();
    expect(wrong.view.phase).toMatchObject({ kind: 'reveal', round: 0, correct: false });
    const refused = await retry(d, 0);
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({
      error: 'NO_RETRIES',
      message: 'Your teacher did not allow the questions of this homework to be tried again.',
    });
    const bad = await call('POST', `/homework/${hw.id}/attempt/retry`, {
      token: d.token,
      body: { round: -1 },
    });
    expect(bad.json).toMatchObject({ error: 'BAD_PAYLOAD', message: 'round: round counts from 0.' });
  });
});

describe('a timer, when the teacher sets one', () => {
  it('a question left open past its time closes unanswered, on the server, even across a reload', async () => {
    server.clock.set(Date.UTC(2027, 0, 4, 9));
    const hw = await assign(ADA_KEY, { timerSeconds: 20, reveal: 'each' });
    const d = await startOn(hw.id, 'Tess');
    const opened = await next(d);
    expect(opened.view.phase).toMatchObject({ kind: 'question', round: 0 });
    server.clock.advance(21_000);
    const back = await call('GET', `/homework/${hw.id}/attempt`, { token: d.token });
    expect((back.json as unknown as HomeworkView).view.phase).toMatchObject({
      kind: 'reveal',
      round: 0,
      answer: null,
    });
    const late = await answer(d, 0, 'diverges');
    expect(late.status).toBe(409);
    expect(late.json.error).toBe('ROUND_CLOSED');
    // With reveal "each", the answer's reveal comes at once.
    const second = await play(d, 1, true, 5_000);
    expect(second.view.phase).toMatchObject({ kind: 'reveal', round: 1, correct: true });
  });
});

describe('limits', () => {
  it('bad settings are refused by name; a body too big is refused before it is read', async () => {
    const bad = await call('POST', '/assignments', { key: ADA_KEY, body: { deckId: 'x', reveal: 'never' } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('reveal: reveal must be each or end.');
    const missing = await call('POST', '/assignments', { key: ADA_KEY, body: { deckId: 'nope' } });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toBe('DECK_NOT_FOUND');
    const hw = (await call('GET', '/assignments', { key: ADA_KEY })).json.assignments as AssignmentSummary[];
    const big = await call('POST', `/homework/${hw[0]!.id}/attempts`, {
      body: { nickname: 'A', pad: 'x'.repeat(4000) },
    });
    expect(big.status).toBe(413);
    expect(big.json.error).toBe('TOO_LARGE');
  });

  it('one address starting attempt after attempt is held back; an assignment full of attempts says so', async () => {
    const own = await startServer({
      budgets: { attemptCreate: { points: 2, perSeconds: 3600 } },
      quotas: { attemptsPerAssignment: 1 },
    });
    try {
      const post = (path: string, body: unknown, key?: string) =>
        fetch(`${own.url}/api${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
          body: JSON.stringify(body),
        });
      const deck = (await (await post('/decks', deckFile, ADA_KEY)).json()) as { id: string };
      const hw = (await (await post('/assignments', { deckId: deck.id }, ADA_KEY)).json()) as { id: string };
      expect((await post(`/homework/${hw.id}/attempts`, { nickname: 'One' })).status).toBe(201);
      const full = await post(`/homework/${hw.id}/attempts`, { nickname: 'Two' });
      expect(full.status).toBe(403);
      expect(await full.json()).toMatchObject({
        error: 'QUOTA_EXCEEDED',
        quota: 'attemptsPerAssignment',
        message:
          'This homework already has 1 attempts, the most one assignment may take. Please tell your teacher.',
      });
      const flood = await post(`/homework/${hw.id}/attempts`, { nickname: 'Three' });
      expect(flood.status).toBe(429);
      expect(((await flood.json()) as { message: string }).message).toMatch(
        /^Too many homework starts from here\. Please wait \d+ s and try again\.$/,
      );
    } finally {
      await own.close();
    }
  });
});

/** What a student's page sends: its language as the browser asks for it, or as its switch chose. */
const FRENCH_BROWSER = { 'accept-language': 'fr-FR,fr;q=0.9' };
const ENGLISH_SWITCH = { ...FRENCH_BROWSER, cookie: 'overshoot-lang=en' };
const FRENCH_SWITCH = { 'accept-language': 'en-US,en;q=0.9', cookie: 'overshoot-lang=fr' };

describe("refusals in the student's language", () => {
  it('a name says which rule it breaks, and too many starts say how long to wait, as the page speaks', async () => {
    // Six starts from this address within the hour: the five names, then one over the budget.
    const own = await startServer({ budgets: { attemptCreate: { points: 5, perSeconds: 3600 } } });
    try {
      const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
        const res = await fetch(`${own.url}/api${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
        return { status: res.status, json: (await res.json()) as { error: string; message: string } };
      };
      const deck = await post('/decks', deckFile, { authorization: `Bearer ${ADA_KEY}` });
      const hw = await post(
        '/assignments',
        { deckId: (deck.json as unknown as { id: string }).id },
        {
          authorization: `Bearer ${ADA_KEY}`,
        },
      );
      const start = (nickname: string, headers: Record<string, string>) =>
        post(`/homework/${(hw.json as unknown as { id: string }).id}/attempts`, { nickname }, headers);

      const refusals = [
        await start('x'.repeat(21), FRENCH_BROWSER),
        await start('A\u200Bnn', FRENCH_SWITCH),
        await start('   ', FRENCH_BROWSER),
        // Past the schema's own cap (200): still a name too long, not a request not understood.
        await start('x'.repeat(300), FRENCH_BROWSER),
        await start('A\u200Bnn', ENGLISH_SWITCH),
      ];
      expect(refusals.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
      expect(refusals.map((r) => r.json)).toEqual([
        { error: 'NAME_INVALID', message: 'Un nom fait au plus 20\u00A0caractères.' },
        { error: 'NAME_INVALID', message: 'Ce nom contient des caractères invisibles.' },
        { error: 'NAME_INVALID', message: 'Tapez un nom, s’il vous plaît.' },
        { error: 'NAME_INVALID', message: 'Un nom fait au plus 20\u00A0caractères.' },
        { error: 'NAME_INVALID', message: 'That nickname contains invisible characters.' },
      ]);

      const flood = await start('Zoé', FRENCH_SWITCH);
      expect(flood.status).toBe(429);
      expect(flood.json.error).toBe('RATE_LIMITED');
      expect(flood.json.message).toMatch(
        /^Trop de devoirs commencés depuis cette adresse\. Patientez \d+\u00A0s, puis réessayez\.$/,
      );
      // The API's own refusals too: an address it does not serve.
      expect((await post('/homework/nope/nowhere', {}, FRENCH_BROWSER)).json).toEqual({
        error: 'NOT_FOUND',
        message: 'Cette adresse de devoir n’existe pas.',
      });
    } finally {
      await own.close();
    }
  });
});

/** A database of this file's own on the run's PostgreSQL, for the test that cuts the way to it. */
const outageDatabase = await freshDatabase();

describe('the database out of reach', () => {
  it("a 503 says nothing was saved, in the student's language", async () => {
    // PostgreSQL (the run's own) behind a TCP proxy, which then resets every connection to it: the
    // network between the server and its database fails, as it does when the database host goes away.
    const database = new URL(outageDatabase);
    const proxy = await startProxy({ host: database.hostname, port: Number(database.port) });
    database.port = String(proxy.port);
    const stores = await openPostgres(database.toString());
    const own = await startServer({ store: stores.store, library: stores.library });
    try {
      const headers = { authorization: `Bearer ${ADA_KEY}`, 'content-type': 'application/json' };
      const deck = (await (
        await fetch(`${own.url}/api/decks`, { method: 'POST', headers, body: JSON.stringify(deckFile) })
      ).json()) as { id: string };
      const made = await fetch(`${own.url}/api/assignments`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ deckId: deck.id }),
      });
      expect(made.status).toBe(201);
      const hw = (await made.json()) as { id: string };

      proxy.reset();
      const open = (extra: Record<string, string>) =>
        fetch(`${own.url}/api/homework/${hw.id}`, { headers: extra });
      const fr = await open(FRENCH_BROWSER);
      expect(fr.status).toBe(503);
      expect(fr.headers.get('retry-after')).toBe('2');
      expect(await fr.json()).toEqual({
        error: 'STORE_UNAVAILABLE',
        message:
          'Le serveur ne peut pas joindre sa base de données pour l’instant, donc rien n’a été enregistré. Réessayez dans un instant.',
      });
      const en = await open(ENGLISH_SWITCH);
      expect(en.status).toBe(503);
      expect(await en.json()).toEqual({
        error: 'STORE_UNAVAILABLE',
        message:
          'The server cannot reach its database right now, so nothing was saved. Please try again in a moment.',
      });
      proxy.heal();
    } finally {
      proxy.heal();
      await own.close();
      await proxy.close();
    }
  });
});
