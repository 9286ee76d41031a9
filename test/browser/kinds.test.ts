// A class plays the two new kinds of round through the apps: a prediction, "the largest α that still
// converges" (answered by typing, with a decimal comma and in e-notation, and with the slider) and
// "which α is fastest?" (option buttons). The instructor plays a saved deck from "My decks", and after
// the podium opens the game's report and downloads its CSV. Game time runs on the server's manual
// clock, so every score is exact.
import { describe, expect, it } from 'vitest';
import { rangeShift } from '../../server/room/kinds/max-alpha';
import { maxAlphaPoints, maxAlphaRange, targetAlpha } from '../../shared/engine/round-kinds';
import {
  expectLibraryLayout,
  expectNoSeriousViolations,
  expectPhoneLayout,
  expectProjectorLayout,
} from './checks';
import {
  captureHost,
  captureLibrary,
  capturePlayer,
  downloadedText,
  joinGame,
  playSavedDeck,
  useWorld,
  waitForLock,
  waitForQuestion,
  waitForSteps,
} from './harness';

/** The nickname a student might pick to break a teacher's spreadsheet. */
const FORMULA_NAME = '=1+1';

/** λ = 1 and 4 at 30°, from (3, 2): the built-in deck's race, and a valley for α*. */
const BOWL = { kind: 'bowl', eigenvalues: [1, 4], angle: 30, center: [0, 0] } as const;
const DECK = {
  title: 'New kinds, week 4',
  rounds: [
    // r = 0.8 × 2 = 1.6: zig-zags.
    { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.8 },
    // α* = 2/λ_max = 2/4 = 0.5; α*/2 = 0.25.
    { type: 'max-alpha', cost: { kind: 'quadratic', a: 4, c: 0 }, start: [3] },
    // Iterations to 1/1000 of the start distance: A 0.2 → 31, B 0.25 → 25, C 0.4 → 14, D 0.45 → 19.
    { type: 'fastest', cost: BOWL, start: [3, 2], alphas: [0.2, 0.25, 0.4, 0.45] },
  ],
};
const TARGET = targetAlpha({ cost: { kind: 'quadratic', a: 4, c: 0 }, start: [3] });

const ROUNDS = DECK.rounds.length;

const world = useWorld();

/** RFC 4180 with quoted fields: what a spreadsheet reads. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('a game with the new kinds of round, its report and its CSV', () => {
  it('plays a saved deck, scores typed, slid and picked answers, and reports them', async () => {
    const host = await world.host();
    const { code, joinUrl } = await playSavedDeck(host, DECK);

    const ada = await world.phone();
    await joinGame(ada, joinUrl, 'Ada');
    const ben = await world.phone();
    await joinGame(ben, joinUrl, 'Ben');
    const eq = await world.phone();
    await joinGame(eq, joinUrl, FORMULA_NAME);
    await host.getByText('3 players').waitFor();

    // Round 1, a prediction (zig-zags). Ada right at 0 s: 1000. Ben wrong: 0. "=1+1" right at 15 s of
    // 30: 1000 × (1 − 0.5/2) = 750.
    await host.getByRole('button', { name: /^Start/ }).click();
    for (const p of [host, ada, ben, eq]) await waitForQuestion(p, 0, ROUNDS);
    const opened0 = world.server.clock.now();
    await ada.getByRole('button', { name: /^Zig-zags/ }).click();
    await waitForLock(ada);
    world.server.clock.set(opened0 + 5_000);
    await ben.getByRole('button', { name: /^Diverges/ }).click();
    await waitForLock(ben);
    world.server.clock.set(opened0 + 15_000);
    await eq.getByRole('button', { name: /^Zig-zags/ }).click();
    await host.locator('.reveal').waitFor();
    // The phone holds its result until the projector's run has ended (about 8 s here).
    await ada.getByText('+1,000').waitFor({ timeout: 20_000 });
    await eq.getByText('+750').waitFor();
    await host.keyboard.press('Space');
    await host.locator('.leaderboard').waitFor();

    // Round 2: the largest α that still converges, α* = 2/a = 0.5. The slider spans a factor 900
    // placed by the room's code, so its middle does not give α* away.
    await host.keyboard.press('Space');
    for (const p of [host, ada, ben, eq]) await waitForQuestion(p, 1, ROUNDS);
    await host.getByText('What is the largest α that still converges?').waitFor();
    expectProjectorLayout(await captureHost(host, 'question-max-alpha'));
    await expectNoSeriousViolations(host, 'the host max-alpha question');
    const range = maxAlphaRange(TARGET, rangeShift(code, 1));
    const slider = ben.getByRole('slider', { name: 'α, on a log scale' });
    await slider.waitFor();
    // The phone shows the slider's ends as the server placed them.
    expect(await ben.locator('.guess-ends').textContent()).toContain(
      String(Number(range.max.toPrecision(3))),
    );
    expectPhoneLayout(await capturePlayer(ben, 'question-max-alpha'));
    await expectNoSeriousViolations(ben, 'the player max-alpha question');

    // Ada types with a decimal comma: 0,3 is 0.3, between α*/2 and α*: it zig-zags and converges.
    // δ = log₁₀(0.3/0.5) = −0.2218, 1000 × (1 − 0.2218/0.5) = 556, + 100 (one right before) = 656.
    await ada.getByLabel('Or type α').fill('0,3');
    await ada.getByText('α = 0.3', { exact: true }).waitFor();
    expect(maxAlphaPoints(0.3, TARGET)).toBe(556);
    await ada.getByRole('button', { name: 'Lock in α = 0.3' }).click();
    await ada.getByText('Answer locked in').waitFor();
    expect(await ada.locator('.locked').textContent()).toContain('α = 0.3');
    expectPhoneLayout(await capturePlayer(ada, 'locked-max-alpha'));

    // "=1+1" types 5e-2 = 0.05: it converges, but δ = log₁₀(0.1) = −1 is past the half decade that
    // scores: 0 points, and the streak ends.
    await eq.getByLabel('Or type α').fill('5e-2');
    await eq.getByRole('button', { name: 'Lock in α = 0.05' }).click();
    await eq.getByText('Answer locked in').waitFor();

    // Ben slides to the top of the slider: 30·α*·10^shift, at least 9.5 α*: it diverges, 0 points.
    await slider.focus();
    await ben.keyboard.press('End');
    const top = Number(range.max.toPrecision(3));
    await ben.getByRole('button', { name: `Lock in α = ${top}` }).click();
    await host.locator('.reveal-max-alpha').waitFor();

    // Every guess is a dot shaped and coloured by what gradient descent does at it.
    await host.locator('.alpha-dots .dot').first().waitFor();
    expect(await host.locator('.alpha-dots .dot').count()).toBe(3);
    expect(await host.locator('.alpha-dots .dot-converges').count()).toBe(1);
    expect(await host.locator('.alpha-dots .dot-zigzag').count()).toBe(1);
    expect(await host.locator('.alpha-dots .dot-diverges').count()).toBe(1);
    expect(await host.locator('.alpha-dots .dot-zigzag').evaluate((el) => getComputedStyle(el).fill)).toBe(
      'rgb(230, 159, 0)',
    );
    expect(await host.locator('.target-tag').textContent()).toBe('α* = 0.5');
    await host.getByText('1 of 3 scored').waitFor();
    expectProjectorLayout(await captureHost(host, 'reveal-max-alpha'));
    await expectNoSeriousViolations(host, 'the host max-alpha reveal');

    await ada.getByText('Right!').waitFor();
    expect(await ada.locator('.stats').textContent()).toContain('+656 (streak bonus +100)');
    expect(await ada.locator('.reveal').textContent()).toContain('At your α gradient descent Zig-zags in');
    expectPhoneLayout(await capturePlayer(ada, 'reveal-max-alpha'));
    await expectNoSeriousViolations(ada, 'the player max-alpha reveal');
    await ben.getByText('Not this time').waitFor();
    expect(await ben.locator('.reveal').textContent()).toContain('At your α gradient descent Diverges');
    await eq.getByText('Not this time').waitFor();
    expect(await eq.locator('.reveal').textContent()).toContain('At your α gradient descent Converges');

    // Round 3: which α is fastest? C, α = 0.4 = 2/(λ_min + λ_max), 14 steps. Ada picks C at 0 s:
    // 1000 + 200 (two right before) = 1200. Ben picks C at 10 s: 1000 × (1 − (10/30)/2) = 833.3 → 833,
    // no streak (two wrong before). "=1+1" picks A at 5 s: 0.
    await host.keyboard.press('Space');
    await host.locator('.leaderboard').waitFor();
    await host.keyboard.press('Space');
    for (const p of [host, ada, ben, eq]) await waitForQuestion(p, 2, ROUNDS);
    await host.getByText('Which α is fastest?').waitFor();
    const opened2 = world.server.clock.now();
    expectProjectorLayout(await captureHost(host, 'question-fastest'));
    await expectNoSeriousViolations(host, 'the host fastest question');
    const options = ada.locator('button.option');
    expect(await options.allTextContents()).toEqual(['Aα = 0.2', 'Bα = 0.25', 'Cα = 0.4', 'Dα = 0.45']);
    for (const h of await options.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height)))
      expect(h).toBeGreaterThanOrEqual(48);
    expectPhoneLayout(await capturePlayer(ada, 'question-fastest'));
    await expectNoSeriousViolations(ada, 'the player fastest question');
    await ada.getByRole('button', { name: /^C ?α = 0\.4$/ }).click();
    await waitForLock(ada);
    world.server.clock.set(opened2 + 5_000);
    await eq.getByRole('button', { name: /^A ?α = 0\.2$/ }).click();
    await waitForLock(eq);
    world.server.clock.set(opened2 + 10_000);
    await ben.getByRole('button', { name: /^C ?α = 0\.4$/ }).click();
    await host.locator('.reveal-fastest').waitFor();

    // The race: the winner marked, the steps per option, the class's picks; it runs to its end.
    expect(await host.locator('.winner-tag').textContent()).toBe('C α = 0.4');
    expect(await host.locator('.multiple-finish').allTextContents()).toEqual([
      '31 steps',
      '25 steps',
      '14 steps ✓',
      '19 steps',
    ]);
    expect(await host.locator('.count-chip').allTextContents()).toEqual(['A 1', 'B 0', 'C 2 ✓', 'D 0']);
    // r = 0.4 × 4 = 1.6: the winner zig-zags, which the course says takes more steps, so the reveal says so.
    expect(await host.locator('.zigzag-winner').textContent()).toContain(
      'This winner zig-zags: overshooting is not always slower.',
    );
    await waitForSteps(host, '.race-plot-box', 'partway');
    expectProjectorLayout(await captureHost(host, 'reveal-fastest-racing'));
    await waitForSteps(host, '.race-plot-box', 'all');
    expectProjectorLayout(await captureHost(host, 'reveal-fastest'));
    await expectNoSeriousViolations(host, 'the host fastest reveal');

    await ada.getByText('+1,200').waitFor();
    expect(await ada.locator('.race-list li').allTextContents()).toEqual([
      'Aα = 0.231 steps',
      'Bα = 0.2525 steps',
      'Cα = 0.414 steps ✓ (you)',
      'Dα = 0.4519 steps',
    ]);
    expectPhoneLayout(await capturePlayer(ada, 'reveal-fastest'));
    await expectNoSeriousViolations(ada, 'the player fastest reveal');
    await ben.getByText('+833').waitFor();
    await eq.getByText('Not this time').waitFor();

    // The podium: Ada 1000 + 656 + 1200 = 2856, Ben 0 + 0 + 833 = 833, "=1+1" 750 + 0 + 0 = 750.
    await host.keyboard.press('Space');
    await host.locator('.leaderboard').waitFor();
    await host.getByRole('button', { name: /^Final results/ }).click();
    await host.locator('.podium').waitFor();
    expect(await host.locator('.block-name').allTextContents()).toEqual(['Ben', 'Ada', FORMULA_NAME]);
    expect(await host.locator('.block-score').allTextContents()).toEqual(['833', '2,856', '750']);

    // The game's report, straight from the podium.
    await host.getByRole('button', { name: 'See the report' }).click();
    await host.getByRole('heading', { name: DECK.title }).waitFor();
    // M3: each wrong idea showed in one round only, by one student: nobody is named.
    await host.getByRole('heading', { name: 'Misconceptions the class holds' }).waitFor();
    await host
      .getByText('None: no wrong idea showed clearly above chance, in at least two rounds.')
      .waitFor();
    expect(await host.locator('.misconceptions li').count()).toBe(0);
    // The chart: one dot per scored prediction round, at r = 1.6, between the boundaries 1 and 2.
    const chart = host.locator('svg.share-chart');
    await chart.waitFor();
    expect(await chart.locator('.share-point').count()).toBe(1);
    expect(await chart.locator('.boundary-line').count()).toBe(2);
    expect(await chart.getAttribute('aria-label')).toContain('round 1, r = 1.6, 67 %');
    expect(await host.locator('.report-round h3').allTextContents()).toEqual([
      'Round 1 · Predict · 67 % right (2 of 3)',
      'Round 2 · Largest α · 33 % right (1 of 3)',
      'Round 3 · Fastest α · 67 % right (2 of 3)',
    ]);
    expect(await host.locator('.students tbody tr').allTextContents()).toEqual([
      "1Ada2,856Show Ada's answers",
      "2Ben833Show Ben's answers",
      `3${FORMULA_NAME}750Show ${FORMULA_NAME}'s answers`,
    ]);
    await host.getByRole('button', { name: "Show Ada's answers" }).click();
    expect(await host.locator('.student-answers li').allTextContents()).toEqual([
      'Round 1: Zig-zags in ✓ · 0.0 s · 1000 points',
      'Round 2: α = 0.3 ✓ · 0.0 s · 656 points',
      'Round 3: α = 0.4 ✓ · 0.0 s · 1200 points',
    ]);
    // Both ends of the game, labelled, here and in the list of past games.
    expect(await host.locator('.report-meta').textContent()).toMatch(/Started .+ · ended \d\d:\d\d/);
    expectLibraryLayout(await captureLibrary(host, 'report'));
    await expectNoSeriousViolations(host, 'the report page');

    // The CSV: one row per student per round; the formula-like nickname is defused.
    const [download] = await Promise.all([
      host.waitForEvent('download'),
      host.getByRole('button', { name: 'Download the answers (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await downloadedText(download);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([
      'nickname',
      'round',
      'kind',
      'scenario',
      'answer',
      'correct answer',
      'correct',
      'seconds',
      'points',
      'confidence',
      'first vote',
      'first vote correct',
      'change',
    ]);
    // A game scored by speed with no second vote: the last four cells of every row are empty.
    for (const r of rows.slice(1)) expect(r.slice(9)).toEqual(['', '', '', '']);
    const pick = (r: string[]) => [r[0], r[1], r[2], r[4], r[6], r[7], r[8]];
    expect(rows.slice(1).map(pick)).toEqual([
      ['Ada', '1', 'predict', 'Zig-zags in', 'yes', '0', '1000'],
      ['Ben', '1', 'predict', 'Diverges', 'no', '5', '0'],
      [`'${FORMULA_NAME}`, '1', 'predict', 'Zig-zags in', 'yes', '15', '750'],
      ['Ada', '2', 'largest α', '0.3', 'yes', '0', '656'],
      ['Ben', '2', 'largest α', String(top), 'no', '0', '0'],
      [`'${FORMULA_NAME}`, '2', 'largest α', '0.05', 'no', '0', '0'],
      ['Ada', '3', 'fastest α', '0.4', 'yes', '0', '1200'],
      ['Ben', '3', 'fastest α', '0.4', 'yes', '10', '833'],
      [`'${FORMULA_NAME}`, '3', 'fastest α', '0.2', 'no', '5', '0'],
    ]);

    // The list of past games has it.
    await host.getByRole('link', { name: 'Past games' }).click();
    await host.getByRole('button', { name: new RegExp(`^Open the report of ${DECK.title}`) }).waitFor();
    expect(await host.locator('.report-list').textContent()).toMatch(/Started .+ · ended \d\d:\d\d · game/);
    expectLibraryLayout(await captureLibrary(host, 'reports'));
    await expectNoSeriousViolations(host, 'the past games page');
  }, 150_000);
});
