// A student's homework walk in real Chromium on a phone (390×844): the teacher's link, a name and a
// student id, the questions at their own pace, each reveal read against the maths, a reload in the
// middle (the same device carries on), and the results at the end; then, with reveal "at the end",
// answers that say nothing of right or wrong until the last one. Screenshots:
// test-results/browser/player-homework-*.png.
import { describe, expect, it } from 'vitest';
import type { AssignmentSummary } from '../../shared/protocol/homework';
import { DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { expectNoSeriousViolations, expectPhoneLayout } from './checks';
import { capturePlayer, useWorld } from './harness';

const world = useWorld();
const KEY = 'homework-teacher-key-0123456789ab';
const DECK = { title: 'Week 6 homework', rounds: [DIVERGES, ZIGZAG] };

async function api(path: string, body: unknown) {
  const res = await fetch(`${world.server.url}/api${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Record<string, unknown>;
}

async function assign(settings: Record<string, unknown>): Promise<AssignmentSummary> {
  const deck = await api('/decks', DECK);
  return (await api('/assignments', { deckId: deck.id, ...settings })) as unknown as AssignmentSummary;
}

describe('a student does homework on a phone', () => {
  it('name and id, each question with its reveal, a reload that carries on, the results', async () => {
    const hw = await assign({
      reveal: 'each',
      askStudentId: true,
      dueAt: world.server.clock.now() + 86_400_000,
    });
    const page = await world.phone();
    await page.goto(`${world.server.url}/homework/${hw.id}`);
    await page.getByRole('heading', { name: 'Week 6 homework' }).waitFor();
    const facts = await page.locator('.hw-facts li').allTextContents();
    expect(facts[0]).toBe('2 questions');
    expect(facts[2]).toBe('No timer: take the time you need.');
    expect(facts[3]).toBe('You see the answer and its explanation after each question.');
    // Without the id the teacher asked for, the server's sentence says so.
    await page.getByLabel('Your name').fill('Lin');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText('Your teacher asks for your student id: please type it.').waitFor();
    expectPhoneLayout(await capturePlayer(page, 'homework-start'));
    await expectNoSeriousViolations(page, 'homework start');
    await page.getByLabel('Your student id').fill('s-101');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { name: 'Ready, Lin?' }).waitFor();
    await page.getByRole('button', { name: 'Show the first question' }).click();

    await page.getByText('Question 1 of 2').waitFor();
    await page.getByText('No timer').waitFor();
    expectPhoneLayout(await capturePlayer(page, 'homework-question'));
    await expectNoSeriousViolations(page, 'homework question');
    await page.getByRole('button', { name: /^Diverges/ }).click();
    await page.locator('.verdict').waitFor();
    expect(await page.locator('.verdict').textContent()).toContain('Right!');
    // The explanation is the engine's, with the numbers that decide it: r = α·a = 1.2 × 2 = 2.4 > 2.
    const explanation = (await page.locator('.explanation').textContent()) ?? '';
    expect(explanation).toContain('1.2 × 2 = 2.4 is above 2');
    expect(explanation).toContain('1.4');
    expect(await page.locator('.stats').textContent()).toContain('+1,000');
    expect(await page.locator('.stats').textContent()).not.toContain('Rank');
    expectPhoneLayout(await capturePlayer(page, 'homework-reveal'));

    // Stopping here and coming back on the same device: the same reveal, then the next question.
    await page.reload();
    await page.locator('.verdict').waitFor();
    await page
      .getByRole('button', { name: 'See my results' })
      .waitFor({ state: 'detached' })
      .catch(() => {});
    await page.getByRole('button', { name: 'Next question' }).click();
    await page.getByText('Question 2 of 2').waitFor();
    await page.getByRole('button', { name: /^Diverges/ }).click();
    await page.locator('.verdict').waitFor();
    expect(await page.locator('.verdict').textContent()).toContain('Not this time');
    const zig = (await page.locator('.explanation').textContent()) ?? '';
    // r = 0.8 × 2 = 1.6, between 1 and 2: it overshoots, and the distance is multiplied by |1 − 1.6| = 0.6.
    expect(zig).toContain('1.6');
    expect(zig).toContain('0.6');
    await page.getByRole('button', { name: 'See my results' }).click();
    await page.getByRole('heading', { name: 'Your results' }).waitFor();
    expect(await page.locator('.score-big').textContent()).toBe('1 of 2 right · 1,000 points');
    expect(await page.locator('.hw-round').count()).toBe(2);
    expectPhoneLayout(await capturePlayer(page, 'homework-results'));
    await expectNoSeriousViolations(page, 'homework results');
  });

  it('with reveal "at the end", an answer is only saved; every verdict comes once all are answered', async () => {
    const hw = await assign({ reveal: 'end' });
    const page = await world.phone();
    await page.goto(`${world.server.url}/homework/${hw.id}`);
    await page.getByLabel('Your name').fill('Max');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Show the first question' }).click();
    await page.getByRole('button', { name: /^Zig-zags in/ }).click();
    await page.getByText('Answer saved').waitFor();
    const shown = (await page.locator('main').textContent()) ?? '';
    expect(shown).toContain(
      'You will see whether it was right, and why, when you have answered every question.',
    );
    expect(shown).not.toMatch(/Right!|Not this time|points/);
    expectPhoneLayout(await capturePlayer(page, 'homework-saved'));
    await page.getByRole('button', { name: 'Next question' }).click();
    await page.getByRole('button', { name: /^Zig-zags in/ }).click();
    await page.getByRole('button', { name: 'See my results' }).click();
    await page.getByRole('heading', { name: 'Your results' }).waitFor();
    expect(await page.locator('.score-big').textContent()).toBe('1 of 2 right · 1,000 points');
    expect(await page.locator('.verdict').allTextContents()).toEqual([
      expect.stringContaining('Not this time'),
      expect.stringContaining('Right!'),
    ]);
  });
});
