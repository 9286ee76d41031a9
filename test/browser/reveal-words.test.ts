// The projector's reveal of the lecture's three α, read as a student would: the words the engine
// wrote, the formula with the number α multiplies, and a drawing whose labels never sit on each
// other (no two text boxes intersect, and the zoom inset covers no label). Screenshots of each go to
// test-results/browser/ to be looked at.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LECTURE_DATASET } from '../../shared/engine/lecture-dataset';
import { expectProjectorLayout } from './checks';
import {
  captureHost,
  joinGame,
  playSavedDeck,
  screenshot,
  useWorld,
  waitForLock,
  waitForQuestion,
  waitForSteps,
} from './harness';

const lecture = (alpha: number) => ({
  cost: { kind: 'linreg', x: [...LECTURE_DATASET.x], y: [...LECTURE_DATASET.y] },
  start: [...LECTURE_DATASET.start],
  alpha,
});
const DECK = {
  title: 'The lecture, three α',
  rounds: [
    lecture(0.02),
    lecture(0.05),
    lecture(0.06),
    // J = 10θ²: the explanation's J″ = 20 must be on screen.
    { cost: { kind: 'quadratic', a: 20, c: 0 }, start: [3], alpha: 0.08 },
  ],
};
const ROUNDS = DECK.rounds.length;

const world = useWorld();

/** Pairs of labels on the reveal whose boxes intersect by more than a pixel, described. */
async function overlappingLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.reveal svg text, .reveal svg .inset-back')]
      .map((el) => ({ el, r: el.getBoundingClientRect(), text: el.textContent ?? el.getAttribute('class') }))
      .filter(({ r }) => r.width > 0 && r.height > 0);
    const found: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        // Text inside the inset belongs on it.
        if (a.el.closest('.inset') && b.el.closest('.inset')) continue;
        if (a.el.closest('svg') !== b.el.closest('svg')) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 1 && h > 1) found.push(`"${a.text}" and "${b.text}"`);
      }
    return found;
  });
}

describe('W the projector reveal of the lecture rounds says true things and draws them legibly', () => {
  it('W1 each α: the deciding numbers in words, the formula, no overlapping labels', async () => {
    const host = await world.host();
    const { joinUrl } = await playSavedDeck(host, DECK);
    const ada = await world.phone();
    await joinGame(ada, joinUrl, 'Ada');
    await host.getByText('1 player').waitFor();
    await host.getByRole('button', { name: /^Start/ }).click();

    const expected = [
      'is multiplied by 1 − α·λ_min = 0.996 each step (0.4 % closer; about 1,700 steps to get 1,000× closer)',
      'Pace: the slow direction is multiplied by 1 − α·λ_min = 0.99 each step',
      'the first 6 steps get closer',
      'α·J″ = 0.08 × 20 = 1.6',
    ];
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) {
        await host.keyboard.press('Space');
        await host.locator('.leaderboard').waitFor();
        await host.keyboard.press('Space');
      }
      for (const p of [host, ada]) await waitForQuestion(p, round, ROUNDS);
      await ada.getByRole('button', { name: /^Diverges/ }).click();
      await waitForLock(ada);
      await host.locator('.reveal').waitFor();
      // A slow run is drawn over hundreds of steps; the teacher's "Show all steps" ends it at once.
      await waitForSteps(host, '.big-plot', 'partway');
      await host.getByRole('button', { name: 'Show all steps' }).click();
      await waitForSteps(host, '.big-plot', 'all');
      const words = (await host.locator('.verdict-text').textContent()) ?? '';
      expect(words.replace(/\s+/g, ' ')).toContain(expected[round]?.replace(/_/g, ''));
      if (round === 2) expect(words).toContain('ends up ever further away');
      if (round === 3) expect(words).toContain('curvature J″ = a = 20');
      if (round < 3) expect(words).toMatch(/λ_?max = 37\.15/);
      // V2: the next lecture round is on the same cost, so its answer, the thresholds, waits for it.
      if (round < 2) {
        expect(words).toContain(`Round ${round + 2} asks about this cost`);
        expect(words).not.toContain('diverge above');
      } else expect(words).toContain('diverge above');
      await screenshot(host, `host-reveal-lecture-${round}`);
      expect(await overlappingLabels(host)).toEqual([]);
      expectProjectorLayout(await captureHost(host, `reveal-words-${round}`));
    }
  });
});
