// Issue 12, items 7–9 and the α explorer, on a phone at 390×844: the lecture's three α (0.02
// converges, 0.05 zig-zags, 0.06 diverges on the course's own data) and the largest α on the same
// data. The phone says "watch the screen" until the projector's run has ended, then shows the outcome
// with its numbers, the distance to the minimum on a log axis and the steep component per step; the
// α explorer below redraws the run as the student drags α across r = 1 and r = 2. A guess at α*/2
// scores nothing and is named. Screenshots go to test-results/browser/.
import { describe, expect, it } from 'vitest';
import { LECTURE_DATASET } from '../../shared/engine/lecture-dataset';
import { targetAlpha } from '../../shared/engine/round-kinds';
import { OUTCOME_LABELS } from '../../shared/kinds/outcomes';
import { expectNoSeriousViolations, expectPhoneLayout } from './checks';
import { capturePlayer, joinGame, playSavedDeck, useWorld, waitForQuestion } from './harness';

const LECTURE = {
  cost: { kind: 'linreg', x: [...LECTURE_DATASET.x], y: [...LECTURE_DATASET.y] },
  start: [...LECTURE_DATASET.start],
} as const;
const DECK = {
  title: 'The lecture, on phones',
  rounds: [
    { ...LECTURE, alpha: 0.02 },
    { ...LECTURE, alpha: 0.05 },
    { ...LECTURE, alpha: 0.06 },
    { type: 'max-alpha', ...LECTURE },
  ],
};
const ROUNDS = DECK.rounds.length;
const ALPHAS = [0.02, 0.05, 0.06];
/** α* = 2/λ_max ≈ 0.0538 on the lecture's data. */
const TARGET = targetAlpha({
  cost: { ...LECTURE.cost, x: [...LECTURE.cost.x], y: [...LECTURE.cost.y] },
  start: [...LECTURE.start],
});
/** The hold lasts the projector's run (about 7.3 s for 40 steps), plus the chunk's load. */
const HOLD_TIMEOUT_MS = 20_000;

const world = useWorld();

describe('the phone reveal on the lecture rounds, the hold for the projector and the α explorer', () => {
  it('waits for the projector, then shows the outcome, the distance and the steep component; the explorer crosses r = 1 and r = 2', async () => {
    const host = await world.host();
    const { joinUrl } = await playSavedDeck(host, DECK);
    const ada = await world.phone();
    // The explorer's chunk is not in the first load: it is fetched at the first reveal.
    const scripts: string[] = [];
    ada.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await joinGame(ada, joinUrl, 'Ada');
    await host.getByText('1 player').waitFor();
    const firstLoad = [...scripts];
    expect(firstLoad.length).toBe(1);

    const answers = ['converges', 'zigzag', 'diverges'] as const;
    for (const [round, outcome] of answers.entries()) {
      await host.keyboard.press('Space');
      if (round > 0) {
        await host.locator('.leaderboard').waitFor();
        await host.keyboard.press('Space');
      }
      await waitForQuestion(ada, round, ROUNDS);
      await ada.getByRole('button', { name: new RegExp(`^${OUTCOME_LABELS[outcome]}`) }).click();
      // Item 9: the only player answered, the round closes, and the projector plays the run; the
      // phone says to watch it, and shows no verdict yet.
      await host.locator('.reveal').waitFor();
      await ada.getByText('Watch the screen').waitFor();
      expect(await ada.locator('.verdict').count()).toBe(0);
      if (round === 0) {
        expectPhoneLayout(await capturePlayer(ada, 'reveal-hold'));
        await expectNoSeriousViolations(ada, 'the player reveal hold');
      }
      await ada.locator('.verdict').waitFor({ timeout: HOLD_TIMEOUT_MS });
      // By then the projector has drawn its run to the end (give or take the step it is on).
      const [shown, total] = await host
        .locator('[data-total]')
        .first()
        .evaluate((el) => [Number(el.getAttribute('data-shown')), Number(el.getAttribute('data-total'))]);
      expect(shown).toBeGreaterThanOrEqual(total - 1);
      expect(await ada.getByText('Right!').count()).toBe(1);

      // Item 8: the outcome in words with its numbers, the log distance plot, the steep component.
      const text = (await ada.locator('.reveal').textContent()) ?? '';
      expect(text).toContain(OUTCOME_LABELS[outcome]);
      expect(await ada.locator('.explanation').textContent()).toMatch(/\d/);
      await ada.locator('.reveal-plots .distance-plot').waitFor();
      await ada.locator('.reveal-plots .component-plot').waitFor();
      expect(text).toContain('Distance to the minimum, log scale');
      expect(text).toContain('Across the valley');
      expect(text).toContain(
        {
          converges: 'keeps its sign and shrinks: no zig-zag',
          zigzag: 'changes sign every step and shrinks: the zig-zag',
          diverges: 'changes sign every step and grows: the run diverges',
        }[outcome],
      );
      expectPhoneLayout(await capturePlayer(ada, `reveal-lecture-${ALPHAS[round]}`));
      await ada.locator('.reveal-plots').screenshot({
        path: `test-results/browser/player-reveal-lecture-${ALPHAS[round]}-plots.png`,
      });
      await expectNoSeriousViolations(ada, `the player reveal at α = ${ALPHAS[round]}`);
    }
    // The reveal's chunk came after the first reveal, as one more script.
    const later = scripts.filter((s) => !firstLoad.includes(s));
    expect(later).toHaveLength(1);
    expect(later[0]).toMatch(/^\/assets\/reveal-[\w-]+\.js$/);

    // V2: the largest α on the same data comes next, so α = 0.06's reveal offers no explorer (sliding α
    // would find α*) and says when it comes.
    expect(await ada.getByRole('slider', { name: 'α to try, on a log scale' }).count()).toBe(0);
    expect(await ada.locator('.explorer-held').textContent()).toContain('Round 4 asks about this cost');

    // A phone that comes back after the run has ended sees its result at once.
    // (Game time runs on the server's manual clock: a minute passes before the phone comes back.)
    world.server.clock.set(world.server.clock.now() + 60_000);
    await ada.reload();
    await ada.locator('.verdict').waitFor({ timeout: 3_000 });

    // Item 7, the largest α on the lecture's data: the slider starts with no value, and α*/2 scores 0.
    await host.keyboard.press('Space');
    await host.locator('.leaderboard').waitFor();
    await host.keyboard.press('Space');
    await waitForQuestion(ada, 3, ROUNDS);
    await ada.getByRole('button', { name: 'Choose an α first' }).waitFor();
    expect(await ada.getByRole('button', { name: 'Choose an α first' }).isDisabled()).toBe(true);
    expect(await ada.getByRole('slider', { name: 'α, on a log scale' }).getAttribute('aria-valuetext')).toBe(
      'no α chosen yet',
    );
    expectPhoneLayout(await capturePlayer(ada, 'question-max-alpha-empty'));
    const half = Number((TARGET / 2).toPrecision(3));
    await ada.getByLabel('Or type α').fill(String(half));
    await ada.getByRole('button', { name: `Lock in α = ${half}` }).click();
    await host.locator('.reveal-max-alpha').waitFor();
    // A largest-α reveal has no animation: the phone shows its result at once.
    await ada.locator('.verdict').waitFor({ timeout: 3_000 });
    await ada.getByText('Not this time').waitFor();
    expect(await ada.locator('.misconception').textContent()).toContain(
      'α*/2 is where overshooting starts, not where it stops converging',
    );
    expect(await ada.locator('.stats').textContent()).toContain('+0');
    expectPhoneLayout(await capturePlayer(ada, 'reveal-max-alpha-half'));
    await expectNoSeriousViolations(ada, 'the player max-alpha reveal at α*/2');

    // The α explorer, from the largest-α reveal (the last round on this cost), starting at the
    // student's α*/2: drag across the boundaries.
    const slider = ada.getByRole('slider', { name: 'α to try, on a log scale' });
    const regime = ada.locator('.explorer-regime');
    await slider.focus();
    await ada.keyboard.press('End'); // r = 3.2
    await expect.poll(() => regime.textContent()).toContain(OUTCOME_LABELS.diverges);
    await ada.keyboard.press('Home'); // r = 0.1
    await expect.poll(() => regime.textContent()).toContain(OUTCOME_LABELS.converges);
    expect(await ada.locator('.explorer-readout').textContent()).toMatch(/r\s=\s.+max\s=\s0\.(0999|1)/);
    // r = 1.5, between the marks: the stop of α = 0.75 α* on the slider's log scale.
    const min = TARGET * 0.05;
    const max = Math.max(half * 1.5, TARGET * 1.6);
    const stop = Math.round((1000 * Math.log((0.75 * TARGET) / min)) / Math.log(max / min));
    await slider.fill(String(stop));
    await expect.poll(() => regime.textContent()).toContain(OUTCOME_LABELS.zigzag);
    await ada.keyboard.press('End');
    await expect.poll(() => regime.textContent()).toContain(OUTCOME_LABELS.diverges);
    await slider.fill(String(stop));
    await expect.poll(() => regime.textContent()).toContain(OUTCOME_LABELS.zigzag);
    expect(await ada.locator('.explorer-mark').allTextContents()).toEqual(['r = 1', 'r = 2']);
    await ada.locator('.explorer').scrollIntoViewIfNeeded();
    await ada.locator('.explorer').screenshot({ path: 'test-results/browser/player-explorer-zigzag.png' });
    await expectNoSeriousViolations(ada, 'the α explorer');
  }, 180_000);
});
