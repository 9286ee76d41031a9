// C1 on a phone at 390×844: the host picks "Score by confidence" in the game setup; a student taps an
// answer, then one of three big level buttons (two taps, one thumb), sees the answer and level
// locked in, and at the reveal a word on the case they are in (sure and wrong: "the most useful
// surprise: look at why"), with the marks of C3. Screenshots go to test-results/browser/.
import { describe, expect, it } from 'vitest';
import { expectNoSeriousViolations, expectPhoneLayout } from './checks';
import { capturePlayer, joinGame, lobbyOf, screenshot, useWorld, waitForQuestion } from './harness';

const world = useWorld();
/** The hold lasts the projector's run, plus the chunk's load. */
const HOLD_TIMEOUT_MS = 20_000;

describe('a phone answers with confidence', () => {
  it('taps an answer, then a level; the reveal speaks to the case and shows the marks', async () => {
    const host = await world.host();
    await host.getByRole('button', { name: 'Create game' }).waitFor();
    await host.getByLabel('Generated questions').check();
    await host.getByLabel('Questions', { exact: true }).selectOption('3');
    await host.getByLabel(/Score by confidence/).check();
    // Speed points mean nothing in a game scored by confidence: the setup stops offering them.
    expect(await host.getByLabel('Faster answers earn more points').count()).toBe(0);
    await screenshot(host, 'host-create-confidence-1280x720');
    await host.getByRole('button', { name: 'Create game' }).click();
    const { joinUrl } = await lobbyOf(host);

    const ada = await world.phone();
    await joinGame(ada, joinUrl, 'Ada');
    await host.getByText('1 player').waitFor();

    // Round 1: Ada says "Sure".
    await host.keyboard.press('Space');
    await waitForQuestion(ada, 0, 3);
    const started = Date.now();
    await ada.locator('fieldset.answers button.answer').first().click();
    await ada.getByRole('group', { name: 'How sure are you?' }).waitFor();
    expectPhoneLayout(await capturePlayer(ada, 'confidence-picker'));
    await expectNoSeriousViolations(ada, 'the confidence picker');
    // The levels fill the bottom of the screen, where the thumb is, each at least 56 px high.
    for (const name of ['Sure', 'Fairly sure', 'Guessing']) {
      const box = await ada.getByRole('button', { name: new RegExp(`^${name}`) }).boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(56);
      expect(box?.y ?? 0).toBeLessThan(844);
    }
    expect(await ada.getByText('right +1000, wrong −2000').count()).toBe(1);
    await ada.getByRole('button', { name: /^Sure/ }).click();
    // The whole answer, both taps and the server's acknowledgement, in well under the question's time.
    await host.locator('.reveal').waitFor();
    expect(Date.now() - started).toBeLessThan(10_000);
    await ada.locator('.verdict').waitFor({ timeout: HOLD_TIMEOUT_MS });
    const note = ada.locator('.confidence-note');
    await note.waitFor();
    const right = (await ada.getByText('Right!').count()) === 1;
    expect(await note.textContent()).toBe(
      right
        ? 'Sure and right. You knew it, and said so: that pays the most.'
        : 'Sure and wrong. The most useful surprise: look at why. A mistake you were sure of is the one you remember best once you see its reason.',
    );
    expect(await ada.locator('.stats dd').first().textContent()).toMatch(right ? /^\+1,000/ : /^−2,000/);
    // The total below 0 with the same minus sign as the points (it read "-2,000").
    expect(await ada.locator('.stats dd').nth(2).textContent()).toBe(right ? '1,000' : '−2,000');
    expectPhoneLayout(await capturePlayer(ada, `confidence-reveal-sure-${right ? 'right' : 'wrong'}`));

    // Round 2: Ada changes her mind once on the answer, then says "Guessing".
    await host.keyboard.press('Space');
    await host.locator('.leaderboard').waitFor();
    await host.keyboard.press('Space');
    await waitForQuestion(ada, 1, 3);
    await ada.locator('fieldset.answers button.answer').first().click();
    await ada.getByRole('button', { name: 'Change my answer' }).click();
    await ada.locator('fieldset.answers button.answer').nth(1).click();
    await ada.getByRole('button', { name: /^Guessing/ }).click();
    await ada.locator('.verdict').waitFor({ timeout: HOLD_TIMEOUT_MS });
    const right2 = (await ada.getByText('Right!').count()) === 1;
    expect(await ada.locator('.confidence-note').textContent()).toBe(
      right2
        ? 'Guessing and right. Right, though you were not sure: go over why, so that next time you can be.'
        : 'Guessing and wrong. You were not sure, and saying so cost you little. See below what decides it.',
    );
    expectPhoneLayout(await capturePlayer(ada, `confidence-reveal-guessing-${right2 ? 'right' : 'wrong'}`));
  });
});
