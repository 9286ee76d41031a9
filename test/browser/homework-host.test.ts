// The teacher's side of homework in the host app: from My decks, "Assign as homework" with a due date,
// reveal at the end and a student id, which gives the link and its QR code; a class does it (over
// HTTP, as phones do); then Past games lists it, its report shows who started and finished and what
// each answered, one click builds the warm-up, and the gradebook CSV has a row per student.
// Screenshots: test-results/browser/host-homework-*-1280x720.png.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../shared/protocol/deck';
import { answerOf } from '../helpers/answers';
import { DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { expectLibraryLayout, expectNoSeriousViolations } from './checks';
import { captureLibrary, downloadedText, instructorApi, useWorld } from './harness';

const world = useWorld();
const DECK = { title: 'Zig-zag or diverge', rounds: [ZIGZAG, ZIGZAG, DIVERGES] };
const parsed = parseDeck(DECK);
if (!parsed.ok) throw new Error(parsed.error);
const rounds = parsed.deck.rounds;

/** A student's phone, as the homework page talks to the server: start, then next and answer per round. */
async function doHomework(id: string, nickname: string, studentId: string, right: boolean[]) {
  const post = async (path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${world.server.url}/api/homework/${id}${path}`, {
      method: 'POST',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status).toBeLessThan(300);
    return (await res.json()) as { token?: string };
  };
  const { token } = await post('/attempts', { nickname, studentId });
  for (const [i, r] of right.entries()) {
    await post('/attempt/next', undefined, token);
    world.server.clock.advance(15_000);
    await post('/attempt/answer', { round: i, choice: answerOf(rounds[i]!, r) }, token);
  }
  if (right.length === rounds.length) await post('/attempt/next', undefined, token);
}

async function downloaded(page: Page, button: string): Promise<{ name: string; lines: string[] }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const text = await downloadedText(download);
  return { name: download.suggestedFilename(), lines: text.slice(1).trimEnd().split('\r\n') };
}

describe('homework in the host app', () => {
  it('assign → link and QR code → report → warm-up → gradebook CSV', async () => {
    const page = await world.host();
    await page.getByRole('button', { name: 'Create game' }).waitFor();
    expect((await instructorApi(page, '/api/decks', DECK)).status).toBe(201);
    await page.getByRole('link', { name: 'My decks' }).click();
    await page.getByRole('button', { name: /^Assign as homework\s+\(Zig-zag or diverge\)$/ }).click();
    const form = page.getByRole('form', { name: `Assign ${DECK.title} as homework` });
    const due = new Date(world.server.clock.now() + 7 * 86_400_000);
    const two = (n: number) => String(n).padStart(2, '0');
    const local = `${due.getFullYear()}-${two(due.getMonth() + 1)}-${two(due.getDate())}T18:00`;
    await form.getByLabel('Due (leave empty for no due date)').fill(local);
    await form.getByLabel('only at the end').check();
    await form.getByLabel('Ask for a student id (for the gradebook)').check();
    await captureLibrary(page, 'homework-assign-form');
    await form.getByRole('button', { name: 'Assign and get the link' }).click();
    await page.getByText(`“${DECK.title}” is assigned.`).waitFor();
    const link = (await page.locator('.homework-link a').textContent())!;
    // The server's public address, the one the class reaches (npm start's LAN address), not the tab's.
    expect(link).toMatch(new RegExp(`^${world.server.app.publicUrl()}/homework/[A-Za-z0-9_-]{22,}$`));
    await page.getByRole('img', { name: `QR code for ${link}` }).waitFor();
    expectLibraryLayout(await captureLibrary(page, 'homework-assigned'));
    await expectNoSeriousViolations(page, 'homework assigned');

    const id = link.split('/').pop()!;
    // Ada is right on every round, Ben holds "a zig-zag diverges", Cy has done one round so far.
    await doHomework(id, 'Ada', 'a-1', [true, true, true]);
    await doHomework(id, 'Ben', 'b-2', [false, false, true]);
    await doHomework(id, 'Cy', 'c-3', [true]);

    await page.getByRole('link', { name: 'Past games' }).click();
    await page.getByRole('heading', { name: 'Homework' }).waitFor();
    expect(await page.locator('.report-list .card').first().textContent()).toContain(
      '3 started · 2 finished',
    );
    await page.getByRole('button', { name: `Open the report of the homework ${DECK.title}` }).click();
    await page.getByRole('heading', { name: 'Who has done it' }).waitFor();
    const rows = await page.locator('section:has(h2:text("Who has done it")) tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('Ada');
    expect(rows[0]).toContain('a-1');
    expect(rows[2]).toContain('Cy');
    expect(rows[2]).toContain('not yet');
    // Round 1: Ada and Cy right, Ben wrong: 2 of 3.
    expect(await page.locator('.report-round[data-round="1"] h3').textContent()).toContain('(2 of 3)');
    expectLibraryLayout(await captureLibrary(page, 'homework-report'));
    await expectNoSeriousViolations(page, 'homework report');

    const csv = await downloaded(page, 'Download the answers (CSV)');
    expect(csv.lines[0]).toContain('student id,tries,started (UTC),finished (UTC)');
    expect(csv.lines.filter((l) => l.startsWith('Ben,'))).toHaveLength(3);

    await page.getByRole('button', { name: 'Warm-up for next lecture' }).click();
    await page.locator('.warmup-note').waitFor();
    expect(await page.locator('.warmup-note').textContent()).toMatch(/^Saved “.+” to My decks/);

    const book = await downloaded(page, 'Download the gradebook (CSV)');
    // The assignment asked for ids: the sheet carries them, for a gradebook that matches by id.
    expect(book.lines[0]).toBe(
      'name,student id,round 1,round 2,round 3,total points,share correct (%),games played',
    );
    expect(book.lines.map((l) => l.split(',')[0])).toEqual(['name', 'Ada', 'Ben', 'Cy']);
    expect(book.lines[1]).toMatch(/^Ada,a-1,1000,1100,1200,3300,100,1$/);
  });
});
