// The gradebook from the host app: on Past games the teacher ticks two of three games and downloads
// them as one sheet, whose rows are what the students did in those two, matched by name; a single
// report's page downloads its own. Screenshots: test-results/browser/host-reports-gradebook-1280x720.png
// and host-report-gradebook-1280x720.png.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ReportSummary } from '../../shared/protocol/api';
import type { HostSession, PlayerSession } from '../../shared/protocol/events';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { isPhase } from '../helpers/game';
import { DIVERGES } from '../helpers/scenarios';
import { type Client, closeAllClients, connect, ok } from '../helpers/server';
import { expectLibraryLayout, expectNoSeriousViolations } from './checks';
import { captureLibrary, downloadedText, instructorApi, useWorld } from './harness';

const world = useWorld();
const ROUND_MS = 30_000;

/**
 * One round of DIVERGES (r = 2.4) over sockets for this browser's instructor: each student answers
 * at the given second after the question opens (1000 × (1 − t/T/2) points when right).
 */
async function playGame(
  title: string,
  answers: Array<[nickname: string, choice: string, seconds: number]>,
  instructorKey: string,
): Promise<void> {
  const { url, clock } = world.server;
  const host = await connect(url);
  const { code } = ok(
    await host.call<HostSession>('host:create', {
      deck: { source: 'custom', deck: { title, rounds: [DIVERGES] } },
      secondsPerQuestion: ROUND_MS / 1000,
      speedPoints: true,
      instructorKey,
    }),
  );
  const students: Client[] = [];
  for (const [nickname] of answers) {
    const s = await connect(url);
    ok(await s.call<PlayerSession>('player:join', { code, nickname }));
    students.push(s);
  }
  ok(await host.call('round:start', { round: 0 }));
  const question = await students[0]!.view<PlayerView>(isPhase('question', 0));
  const openedAt = question.phase.kind === 'question' ? question.phase.openedAt : 0;
  for (const [i, [, choice, seconds]] of answers.entries()) {
    clock.set(openedAt + seconds * 1000);
    ok(await students[i]!.call('answer:submit', { round: 0, choice }));
  }
  await host.view<HostView>(isPhase('reveal', 0));
  ok(await host.call('game:end'));
  await host.view<HostView>(isPhase('podium'));
  clock.advance(24 * 3_600_000);
}

/** "Week 1 (2026-01-01, game 123456)", as the sheet's header names a game. */
function label(r: ReportSummary): string {
  const d = new Date(r.startedAt);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${r.title} (${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}, game ${r.code})`;
}

/** Clicks `button` and reads the file the page downloads: its name and its text, without the BOM. */
async function downloaded(page: Page, button: string): Promise<{ name: string; lines: string[] }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const text = await downloadedText(download);
  expect(text.startsWith('\uFEFF')).toBe(true);
  return { name: download.suggestedFilename(), lines: text.slice(1).trimEnd().split('\r\n') };
}

describe('the gradebook in the host app', () => {
  it('a teacher ticks two past games and downloads one sheet of them; a report downloads its own', async () => {
    const page = await world.host();
    await page.getByRole('button', { name: 'Create game' }).waitFor();
    const key = (await page.evaluate(() => localStorage.getItem('overshoot:instructor')))!;
    await playGame(
      'Week 1',
      [
        ['Ada', 'diverges', 3], // 950
        ['Ben', 'zigzag', 6], // wrong: 0
      ],
      key,
    );
    await playGame(
      'Week 2',
      [
        ['ada ', 'diverges', 6], // the same Ada (trimmed, any case): 900
        ['BEN', 'diverges', 0], // the same Ben: 1000
      ],
      key,
    );
    await playGame('Week 3', [['Cy', 'diverges', 0]], key);
    closeAllClients();
    const listed = await instructorApi(page, '/api/reports');
    const [week3, week2, week1] = (listed.json as { reports: ReportSummary[] }).reports;

    await page.getByRole('link', { name: 'Past games' }).click();
    const download = page.getByRole('button', { name: 'Download the gradebook (CSV)' });
    await download.waitFor();
    expect(await download.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: /^Add to gradebook \(Week 1,/ }).check();
    await page.getByRole('checkbox', { name: /^Add to gradebook \(Week 2,/ }).check();
    await page.getByText('2 games ticked.').waitFor();
    expectLibraryLayout(await captureLibrary(page, 'reports-gradebook'));
    await expectNoSeriousViolations(page, 'Past games with games ticked for the gradebook');

    const sheet = await downloaded(page, 'Download the gradebook (CSV)');
    expect(sheet.name).toBe('gradebook-2-games.csv');
    expect(sheet.lines).toEqual([
      `name,"${label(week1!)}","${label(week2!)}",total points,share correct (%),games played`,
      'ada,950,900,1850,100,2',
      'BEN,0,1000,1000,50,2',
    ]);
    expect(week3?.title).toBe('Week 3'); // not ticked: Cy is in no row

    // The ticks stay while a report is open; its own page gives that game's sheet, a column per round.
    await page.getByRole('button', { name: /^Open the report of Week 2,/ }).click();
    await page.getByRole('heading', { name: 'Week 2' }).waitFor();
    expectLibraryLayout(await captureLibrary(page, 'report-gradebook'));
    const own = await downloaded(page, 'Download the gradebook (CSV)');
    expect(own.name).toMatch(/^Week-2-\d{6}-gradebook\.csv$/);
    expect(own.lines).toEqual([
      'name,round 1,total points,share correct (%),games played',
      'ada,900,900,100,1',
      'BEN,1000,1000,100,1',
    ]);
    await page.getByRole('button', { name: 'All past games' }).click();
    await page.getByText('2 games ticked.').waitFor();
  });

  it('a course’s game and its homework ticked together make one sheet, matched by student id and name', async () => {
    const page = await world.host();
    await page.getByRole('button', { name: 'Create game' }).waitFor();
    const key = (await page.evaluate(() => localStorage.getItem('overshoot:instructor')))!;
    await playGame('Week 7', [['Dot', 'diverges', 0]], key); // 1000
    const deck = await instructorApi(page, '/api/decks', { title: 'Homework 7', rounds: [DIVERGES] });
    const hw = await instructorApi(page, '/api/assignments', {
      deckId: (deck.json as { id: string }).id,
      askStudentId: true,
    });
    const id = (hw.json as { id: string }).id;
    // Dot does the homework under her name with her id; Eve only the homework.
    for (const [nickname, studentId, choice] of [
      ['dot', 'd-7', 'diverges'],
      ['Eve', 'e-8', 'zigzag'],
    ] as const) {
      const post = async (path: string, body: unknown, token?: string) => {
        const res = await fetch(`${world.server.url}/api/homework/${id}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(body),
        });
        expect(res.status, path).toBeLessThan(300);
        return (await res.json()) as { token?: string };
      };
      const { token } = await post('/attempts', { nickname, studentId });
      await post('/attempt/next', {}, token);
      await post('/attempt/answer', { round: 0, choice }, token);
    }
    const listed = await instructorApi(page, '/api/reports');
    const week7 = (listed.json as { reports: ReportSummary[] }).reports.find((r) => r.title === 'Week 7')!;

    await page.getByRole('link', { name: 'Past games' }).click();
    await page.getByRole('checkbox', { name: /^Add to gradebook \(Week 7,/ }).check();
    await page.getByRole('checkbox', { name: 'Add to gradebook (Homework 7, homework)' }).check();
    const sheet = await downloaded(page, 'Download the gradebook (CSV)');
    const [header = ''] = sheet.lines;
    expect(header.startsWith(`name,student id,"${label(week7)}",Homework 7 (homework assigned `)).toBe(true);
    expect(header.endsWith('),total points,share correct (%),games played')).toBe(true);
    expect(sheet.lines.slice(1)).toEqual(['dot,d-7,1000,1000,2000,100,2', 'Eve,e-8,,0,0,0,1']);
  });
});
