// PI8 on the report page: a round that went to a second vote, played over real sockets for this
// browser's instructor, shows its "Discussion and second vote" section: the class's counts and each
// student's marks and totals, readable at 1280×720. Screenshot:
// test-results/browser/host-report-peer-1280x720.png.
import { describe, expect, it } from 'vitest';
import type { HostSession, PlayerSession } from '../../shared/protocol/events';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { isPhase } from '../helpers/game';
import { type Client, closeAllClients, connect, ok } from '../helpers/server';
import { expectLibraryLayout, expectNoSeriousViolations } from './checks';
import { captureLibrary, instructorApi, useWorld } from './harness';

const world = useWorld();
const ZIGZAG = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.8 }; // r = 1.6
type Choice = 'converges' | 'zigzag' | 'diverges';

describe('PI8 the report page shows how minds changed between the two votes', () => {
  it('the class counts per re-voted round, and each student’s marks and totals', async () => {
    const page = await world.host();
    await page.getByRole('button', { name: 'Create game' }).waitFor();
    const instructorKey = await page.evaluate(() => localStorage.getItem('overshoot:instructor'));
    const { url, clock } = world.server;

    // The game itself over sockets: the page under test is the report, not the game screens.
    const host = await connect(url);
    const { code } = ok(
      await host.call<HostSession>('host:create', {
        deck: { source: 'custom', deck: { title: 'Discussed zig-zags', rounds: [ZIGZAG, ZIGZAG] } },
        secondsPerQuestion: 60,
        speedPoints: true,
        peerInstruction: { low: 30, high: 70 },
        instructorKey,
      }),
    );
    const students: Client[] = [];
    for (const nickname of ['Ada', 'Ben', 'Cy', 'Dee']) {
      const s = await connect(url);
      ok(await s.call<PlayerSession>('player:join', { code, nickname }));
      students.push(s);
    }
    await host.view<HostView>((v) => v.playerCount === 4);
    const vote = async (i: number, round: number, choice: Choice) => {
      clock.advance(1_000);
      ok(await students[i]!.call('answer:submit', { round, choice }));
    };
    for (const round of [0, 1]) {
      ok(await host.call('round:start', { round }));
      await students[0]!.view<PlayerView>(isPhase('question', round));
      // Half right each time: the discussion is the host's main action (PI1).
      for (const [i, c] of (['zigzag', 'diverges', 'zigzag', 'diverges'] as Choice[]).entries())
        await vote(i, round, c);
      await host.view<HostView>(isPhase('votes', round));
      clock.advance(5_000);
      ok(await host.call('round:discuss', { round }));
      clock.advance(20_000);
      ok(await host.call('discussion:end', { round }));
      await vote(1, round, 'zigzag'); // Ben: wrong → right
      await vote(2, round, round === 0 ? 'diverges' : 'zigzag'); // Cy: right → wrong, then stays right
      await vote(3, round, 'converges'); // Dee: stays wrong; Ada does not vote again
      ok(await host.call('round:reveal', { round }));
      await host.view<HostView>(isPhase('reveal', round));
    }
    ok(await host.call('game:end'));
    await host.view<HostView>(isPhase('podium'));
    closeAllClients();

    const listed = await instructorApi(page, '/api/reports');
    const { reports } = listed.json as { reports: Array<{ id: string }> };
    expect(reports).toHaveLength(1);
    await page.goto(`${url}/host#/reports/${reports[0]?.id}`);
    const section = page.locator('section.peer');
    await section.getByRole('heading', { name: 'Discussion and second vote' }).waitFor();

    const rowsOf = async (table: string) =>
      (await section.locator(`${table} tbody tr`).all()).map((row) =>
        row.locator('th, td').allTextContents(),
      );
    expect(await Promise.all(await rowsOf('.peer-class'))).toEqual([
      ['Round 1', '50 % right', '50 % right', '1', '1', '0', '1', '1', '0'],
      ['Round 2', '50 % right', '75 % right', '1', '0', '1', '1', '1', '0'],
      ['All', '', '', '2', '1', '1', '2', '2', '0'],
    ]);
    const students2 = await Promise.all(await rowsOf('.peer-students'));
    expect(students2.find((r) => r[0] === 'Ben')).toEqual(['Ben', '✗ → ✓', '✗ → ✓', '2', '0', '0', '0']);
    expect(students2.find((r) => r[0] === 'Cy')).toEqual(['Cy', '✓ → ✗', '✓ → ✓', '0', '1', '1', '0']);
    expect(students2.find((r) => r[0] === 'Ada')).toEqual([
      'Ada',
      '✓ (kept)',
      '✓ (kept)',
      '0',
      '0',
      '0',
      '0',
    ]);
    // The round's card says it went to a second vote; a student's answers name the first vote.
    expect(await page.locator('.report-round[data-round="1"] .first-vote-line').textContent()).toContain(
      'First vote: 50 % right (2 of 4)',
    );
    await page.getByRole('button', { name: "Show Ben's answers" }).click();
    expect(await page.locator('.student-answers li').first().textContent()).toContain(
      'first vote: Diverges ✗ (wrong → right)',
    );

    await section.scrollIntoViewIfNeeded();
    expectLibraryLayout(await captureLibrary(page, 'report-peer'));
    await expectNoSeriousViolations(page, 'the report with a discussion section');
  });
});
