// The return trip through the host app: on a past game's report the teacher clicks "Warm-up for next
// lecture" and sees the deck saved to My decks; once the warm-up has been played (over sockets, by
// the same class less one, plus a new student), its report shows "Since last time". Screenshots:
// test-results/browser/host-report-warmup-saved-1280x720.png and host-report-since-last-time-1280x720.png.
import { describe, expect, it } from 'vitest';
import { type DeckRound, parseDeck } from '../../shared/protocol/deck';
import type { HostSession, PlayerSession } from '../../shared/protocol/events';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { answerOf } from '../helpers/answers';
import { isPhase } from '../helpers/game';
import { type Client, closeAllClients, connect, ok } from '../helpers/server';
import { expectLibraryLayout, expectNoSeriousViolations } from './checks';
import { captureLibrary, instructorApi, useWorld } from './harness';

const world = useWorld();
const ZIGZAG = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.8 }; // r = 1.6
const ORIGINAL = { title: 'Three zig-zags', rounds: [ZIGZAG, ZIGZAG, ZIGZAG] };

/** Plays a game over sockets for this browser's instructor; `right(name)`: who answers right. */
async function playGame(
  deck: { source: 'custom'; deck: unknown } | { source: 'saved'; id: string },
  rounds: DeckRound[],
  names: string[],
  right: (name: string) => boolean,
  instructorKey: string,
): Promise<void> {
  const { url, clock } = world.server;
  const host = await connect(url);
  const { code } = ok(
    await host.call<HostSession>('host:create', {
      deck,
      secondsPerQuestion: 30,
      speedPoints: true,
      instructorKey,
    }),
  );
  const students: Client[] = [];
  for (const nickname of names) {
    const s = await connect(url);
    ok(await s.call<PlayerSession>('player:join', { code, nickname }));
    students.push(s);
  }
  for (const [i, round] of rounds.entries()) {
    ok(await host.call('round:start', { round: i }));
    await students[0]!.view<PlayerView>(isPhase('question', i));
    for (const [j, s] of students.entries())
      ok(await s.call('answer:submit', { round: i, choice: answerOf(round, right(names[j]!)) }));
    await host.view<HostView>(isPhase('reveal', i));
    if (i < rounds.length - 1) ok(await host.call('round:leaderboard', { round: i }));
  }
  ok(await host.call('game:end'));
  await host.view<HostView>(isPhase('podium'));
  clock.advance(7 * 24 * 3_600_000);
}

function roundsOf(file: unknown): DeckRound[] {
  const parsed = parseDeck(file);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.deck.rounds;
}

describe('the return trip in the host app', () => {
  it('one click on a report saves its warm-up; the warm-up report says what lasted', async () => {
    const page = await world.host();
    await page.getByRole('button', { name: 'Create game' }).waitFor();
    const key = (await page.evaluate(() => localStorage.getItem('overshoot:instructor')))!;
    // Ada and Ben answer "diverges" to each zig-zag: the class holds "a zig-zag is not convergence".
    await playGame(
      { source: 'custom', deck: ORIGINAL },
      roundsOf(ORIGINAL),
      ['Ada', 'Ben', 'Cy'],
      (n) => n === 'Cy',
      key,
    );

    await page.getByRole('link', { name: 'Past games' }).click();
    await page.getByRole('button', { name: /^Open the report of Three zig-zags,/ }).click();
    await page.getByRole('heading', { name: 'Three zig-zags' }).waitFor();
    await page.getByRole('button', { name: 'Warm-up for next lecture' }).click();
    const note = page.locator('.warmup-note');
    await note.waitFor();
    expect(await note.textContent()).toContain(
      'Saved “Warm-up: Three zig-zags” to My decks: 5 generated rounds on the ideas this class found hardest, none of them a round of this game.',
    );
    await note.getByRole('button', { name: 'Host it now' }).waitFor();
    expectLibraryLayout(await captureLibrary(page, 'report-warmup-saved'));
    await expectNoSeriousViolations(page, 'a report with its warm-up saved');
    const { decks } = (await instructorApi(page, '/api/decks')).json as {
      decks: Array<{ id: string; title: string }>;
    };
    const saved = decks.find((d) => d.title === 'Warm-up: Three zig-zags')!;
    const stored = (await instructorApi(page, `/api/decks/${saved.id}`)).json as {
      deck: { rounds: unknown[]; warmupOf: string };
    };
    const { reports } = (await instructorApi(page, '/api/reports')).json as {
      reports: Array<{ id: string }>;
    };
    expect(stored.deck.warmupOf).toBe(reports[0]!.id);

    // Next lecture: Ada now right, Ben still wrong, Cy wrong this time, Zed new and right.
    await playGame(
      { source: 'saved', id: saved.id },
      roundsOf(stored.deck),
      ['ada', 'Ben', 'Cy', 'Zed'],
      (n) => n === 'ada' || n === 'Zed',
      key,
    );
    closeAllClients();
    await page.getByRole('link', { name: 'Past games' }).click();
    await page.getByRole('button', { name: /^Open the report of Warm-up: Three zig-zags,/ }).click();
    const section = page.locator('.since-last-time');
    await section.waitFor();
    expect(await section.locator('p').first().textContent()).toMatch(
      /^This game was the warm-up of Three zig-zags \(game \d{3} \d{3}, /,
    );
    const zigzagRow = section.locator('.since-ideas tr[data-id="zigzag-not-convergence"]');
    // Then: Cy right in each of the 3 rounds (3 of 9); now: ada and Zed right in each round testing it.
    const cells = await zigzagRow.locator('th, td').allTextContents();
    expect(cells[0]).toBe('A zig-zag is not convergence');
    expect(cells[1]).toBe('33 % (3 of 9)');
    expect(cells[2]).toMatch(/^50 % \((\d+) of (\d+)\)$/);
    expect(cells.slice(3)).toEqual(['0', '1', '1', '1']);
    const students = await section.locator('.since-students tbody tr').allTextContents();
    expect(students.length).toBe(3);
    expect(await section.textContent()).toContain('New since last time (not compared): Zed.');
    await section.scrollIntoViewIfNeeded();
    expectLibraryLayout(await captureLibrary(page, 'report-since-last-time'));
    await expectNoSeriousViolations(page, 'a warm-up report with "Since last time"');
  });
});
