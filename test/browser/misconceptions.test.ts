// M4 M5 through the apps: a class that answers "diverges" to three zig-zags sees the misconception
// named on its report, with who holds it; one click builds the follow-up deck, saved to My decks and
// opened in the editor. Screenshots: test-results/browser/host-report-misconceptions-*.png and
// host-follow-up-deck-*.png.
import { describe, expect, it } from 'vitest';
import { expectLibraryLayout, expectNoSeriousViolations } from './checks';
import { captureLibrary, instructorApi, joinGame, playSavedDeck, useWorld, waitForQuestion } from './harness';

const world = useWorld();
const ZIGZAG = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.8 }; // r = 1.6
const DECK = { title: 'Three zig-zags', rounds: [ZIGZAG, ZIGZAG, ZIGZAG] };
const ROUNDS = DECK.rounds.length;

describe('M4 M5 the report names a misconception and builds its follow-up deck', () => {
  it('names "a zig-zag is not convergence" for Ada and Ben, and one click saves the follow-up deck', async () => {
    const host = await world.host();
    const { joinUrl } = await playSavedDeck(host, DECK);
    const phones = [await world.phone(), await world.phone(), await world.phone()];
    const names = ['Ada', 'Ben', 'Cy'];
    for (const [i, p] of phones.entries()) await joinGame(p, joinUrl, names[i] ?? '');
    await host.getByText('3 players').waitFor();

    for (let round = 0; round < ROUNDS; round++) {
      if (round === 0) await host.getByRole('button', { name: /^Start/ }).click();
      else {
        await host.keyboard.press('Space');
        await host.locator('.leaderboard').waitFor();
        await host.keyboard.press('Space');
      }
      for (const p of [host, ...phones]) await waitForQuestion(p, round, ROUNDS);
      for (const [i, p] of phones.entries())
        await p.getByRole('button', { name: i < 2 ? /^Diverges/ : /^Zig-zags/ }).click();
      await host.locator('.reveal').waitFor();
    }
    await host.keyboard.press('Space');
    await host.locator('.leaderboard').waitFor();
    await host.getByRole('button', { name: /^Final results/ }).click();
    await host.locator('.podium').waitFor();
    await host.getByRole('button', { name: 'See the report' }).click();

    await host.getByRole('heading', { name: 'Misconceptions the class holds' }).waitFor();
    const items = host.locator('.misconceptions li');
    expect(await items.locator('h3').allTextContents()).toEqual([
      'A zig-zag is not convergence: 2 students',
      'Any overshoot diverges: 2 students',
    ]);
    expect(await items.locator('.who').allTextContents()).toEqual([
      'Ada (3 of 3), Ben (3 of 3)',
      'Ada (3 of 3), Ben (3 of 3)',
    ]);
    expect(await items.first().textContent()).toContain(
      '67 % of the answers in rounds 1, 2, 3 (guessing: 33 %)',
    );
    await host.locator('.misconceptions').scrollIntoViewIfNeeded();
    expectLibraryLayout(await captureLibrary(host, 'report-misconceptions'));
    await expectNoSeriousViolations(host, 'the report with misconceptions');

    await host.getByRole('button', { name: 'Build a follow-up deck' }).click();
    const title = host.getByLabel('Deck title');
    await title.waitFor();
    await host.waitForFunction(() => /^#\/decks\/./.test(location.hash));
    expect(await title.inputValue()).toBe('Follow-up: A zig-zag is not convergence; Any overshoot diverges');
    expectLibraryLayout(await captureLibrary(host, 'follow-up-deck'));
    const listed = await instructorApi(host, '/api/decks');
    expect(listed.status).toBe(200);
    const { decks } = listed.json as { decks: Array<{ title: string; rounds: number }> };
    // Saved among My decks, next to the deck the game was played from.
    expect(decks.map((d) => d.title).sort()).toEqual([
      'Follow-up: A zig-zag is not convergence; Any overshoot diverges',
      'Three zig-zags',
    ]);
    const followUp = decks.find((d) => d.title.startsWith('Follow-up'));
    expect(followUp?.rounds).toBeGreaterThanOrEqual(6);
  });
});
