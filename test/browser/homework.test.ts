// A student's homework walk in real Chromium on a phone (390×844): the teacher's link, a name and a
// student id, the questions at their own pace, each reveal read against the maths, a reload in the
// middle (the same device carries on), and the results at the end; then, with reveal "at the end",
// answers that say nothing of right or wrong until the last one. Screenshots:
// test-results/browser/player-homework-*.png.
import { describe, expect, it } from 'vitest';
import type { AssignmentSummary } from '../../shared/protocol/homework';
import { DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { expectFrenchPlots, expectNoSeriousViolations, expectPhoneLayout } from './checks';
import { capturePlayer, PHONE, useWorld } from './harness';

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

/** French typography: a narrow no-break space before ! ? : ; and between thousands (U+202F). */
const NB = '\u202F';

describe('a student does homework on a phone, in French', () => {
  it('the link in French, a reveal read in French, a stop and a return on the same device, the switch', async () => {
    const dueAt = world.server.clock.now() + 86_400_000;
    const hw = await assign({ reveal: 'each', askStudentId: true, dueAt });
    const phone = await world.phone({ locale: 'fr-FR' });
    await phone.goto(`${world.server.url}/homework/${hw.id}`);
    await phone.getByRole('heading', { name: 'Week 6 homework' }).waitFor();
    expect(await phone.locator('html').getAttribute('lang')).toBe('fr');
    expect(await phone.locator('.hw-kicker').textContent()).toBe('Devoir Overshoot');
    const facts = await phone.locator('.hw-facts li').allTextContents();
    expect(facts[0]).toBe('2 questions');
    expect(facts[1]).toMatch(/^À rendre le /);
    expect(facts[2]).toBe(`Pas de chrono${NB}: prenez le temps qu’il vous faut.`);
    expect(facts[3]).toBe('Vous voyez la réponse et son explication après chaque question.');
    // The server's refusals come in the page's language, a name's saying what is wrong with it.
    await phone.getByLabel('Votre nom').fill('Zo\u200Bé');
    await phone.getByRole('button', { name: 'Commencer' }).click();
    await phone.getByText('Ce nom contient des caractères invisibles.').waitFor();
    await phone.getByLabel('Votre nom').fill('Zoé');
    await phone.getByRole('button', { name: 'Commencer' }).click();
    await phone
      .getByText(`Votre enseignant demande votre numéro d’étudiant${NB}: tapez-le, s’il vous plaît.`)
      .waitFor();
    expectPhoneLayout(await capturePlayer(phone, 'homework-fr-start'));
    await expectNoSeriousViolations(phone, 'the French homework start');
    await phone.getByLabel('Votre numéro d’étudiant').fill('e-2042');
    await phone.getByRole('button', { name: 'Commencer' }).click();
    await phone.getByRole('heading', { name: `Prêt·e, Zoé${NB}?` }).waitFor();
    await phone.getByRole('button', { name: 'Voir la première question' }).click();

    // The first question: J(θ) = θ², so J″ = 2, at α = 1,2 (a decimal comma).
    await phone.getByText('Question 1 sur 2').waitFor();
    await phone.getByText('Pas de chrono').waitFor();
    expect(await phone.locator('.params').textContent()).toContain('α = 1,2');
    expectPhoneLayout(await capturePlayer(phone, 'homework-fr-question'));
    await expectNoSeriousViolations(phone, 'the French homework question');
    await phone.getByRole('button', { name: /^Diverge/ }).click();
    await phone.locator('.verdict').waitFor();
    expect(await phone.locator('.verdict').textContent()).toContain(`Bravo${NB}!`);
    // r = α·J″ = 1,2 × 2 = 2,4 > 2, and each step multiplies the distance by |1 − 2,4| = 1,4.
    const explanation = (await phone.locator('.explanation').textContent()) ?? '';
    expect(explanation).toContain(
      `α·J″ = 1,2 × 2 = 2,4 est supérieur à 2${NB}: chaque pas dépasse le minimum`,
    );
    expect(explanation).toContain('1,4');
    expect(explanation).not.toMatch(/\d\.\d/);
    expect(await phone.locator('.stats').textContent()).toContain(`+1${NB}000`);
    // Its plot too: the run leaves the chart at step 2 (θ = 1 + 4 × 1,4² = 8,84 past 1 + 6,4).
    const plots = await expectFrenchPlots(phone, 'the French homework reveal');
    expect(plots).toContain('le pas 2 sort du graphique →');
    expectPhoneLayout(await capturePlayer(phone, 'homework-fr-reveal'));
    await expectNoSeriousViolations(phone, 'the French homework reveal');

    // The student stops (the tab is closed) and comes back later on the same device.
    const device = phone.context();
    await phone.close();
    const again = await device.newPage();
    again.setDefaultTimeout(10_000);
    await again.goto(`${world.server.url}/homework/${hw.id}`);
    await again.locator('.verdict').waitFor();
    expect(await again.locator('.verdict').textContent()).toContain(`Bravo${NB}!`);
    await again.getByRole('button', { name: 'Question suivante' }).click();
    await again.getByText('Question 2 sur 2').waitFor();
    expect(await again.locator('.params').textContent()).toContain('α = 0,8');
    await again.getByRole('button', { name: /^Diverge/ }).click();
    await again.locator('.verdict').waitFor();
    expect(await again.locator('.verdict').textContent()).toContain('Pas cette fois');
    // r = 0,8 × 2 = 1,6: it overshoots and comes closer, the distance times |1 − 1,6| = 0,6 a step.
    const zig = (await again.locator('.explanation').textContent()) ?? '';
    expect(zig).toContain(`α·J″ = 0,8 × 2 = 1,6 est entre 1 et 2${NB}: chaque pas dépasse le minimum`);
    expect(zig).toContain('0,6');
    await again.getByRole('button', { name: 'Voir mes résultats' }).click();
    await again.getByRole('heading', { name: 'Vos résultats' }).waitFor();
    expect(await again.locator('.score-big').textContent()).toBe(`1 sur 2 justes · 1${NB}000 points`);
    expect(await again.locator('.hw-round-title').allTextContents()).toEqual(['Question 1', 'Question 2']);
    expectPhoneLayout(await capturePlayer(again, 'homework-fr-results'));
    await expectNoSeriousViolations(again, 'the French homework results');

    // The switch: the same results in English, remembered over a reload; and back.
    await again.getByRole('button', { name: 'English' }).click();
    await again.getByRole('heading', { name: 'Your results' }).waitFor();
    expect(await again.locator('html').getAttribute('lang')).toBe('en');
    expect(await again.locator('.score-big').textContent()).toBe('1 of 2 right · 1,000 points');
    await again.reload();
    await again.getByRole('heading', { name: 'Your results' }).waitFor();
    expect(await again.locator('.explanation').first().textContent()).toContain('1.2 × 2 = 2.4');
    await again.getByRole('button', { name: 'Français' }).click();
    await again.getByRole('heading', { name: 'Vos résultats' }).waitFor();
  });

  it('past the due date, the refusal is in French', async () => {
    const hw = await assign({ dueAt: world.server.clock.now() + 3_600_000 });
    const phone = await world.phone({ locale: 'fr-FR' });
    await phone.goto(`${world.server.url}/homework/${hw.id}`);
    await phone.getByLabel('Votre nom').fill('Léa');
    await phone.getByRole('button', { name: 'Commencer' }).click();
    await phone.getByRole('button', { name: 'Voir la première question' }).waitFor();
    world.server.clock.advance(2 * 3_600_000);
    await phone.getByRole('button', { name: 'Voir la première question' }).click();
    const refusal = phone.getByRole('alert').filter({ hasText: 'Ce devoir était à rendre le' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(
      new RegExp(
        `^Ce devoir était à rendre le 1 janvier 2026 à 1\\d:00 \\(UTC\\)${NB}: il ne prend plus de réponses\\.`,
      ),
    );
    expectPhoneLayout(await capturePlayer(phone, 'homework-fr-past-due'));
  });
});

describe('trying a question again', () => {
  it('with reveal "each", a wrong answer says only "not right yet" and offers another try; the last try counts', async () => {
    const hw = await assign({ reveal: 'each', retries: true });
    const page = await world.phone({ locale: 'fr-FR' });
    await page.goto(`${world.server.url}/homework/${hw.id}`);
    expect(await page.locator('.hw-facts li').allTextContents()).toContain(
      `Vous pouvez essayer chaque question jusqu’à 3\u00A0fois${NB}; c’est votre dernier essai qui compte.`,
    );
    await page.getByLabel('Votre nom').fill('Inès');
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByRole('button', { name: 'Voir la première question' }).click();
    await page.getByRole('button', { name: /^Converge en zigzag/ }).click();
    await page.getByText('Pas encore juste.').waitFor();
    const held = (await page.locator('main').textContent()) ?? '';
    expect(held).toContain('Il vous reste 2\u00A0essais.');
    // Nothing of the outcome while tries are left.
    expect(held).not.toMatch(/Bravo|Pas cette fois|α·J″/);
    expectPhoneLayout(await capturePlayer(page, 'homework-fr-not-yet'));
    // The answer's chip, the longest in French, stays inside its card on a phone and a small one.
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 700 });
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      const [card, chip] = await Promise.all(
        ['.locked', '.locked .big-tag'].map((sel) =>
          page.locator(sel).evaluate((el) => {
            const box = el.getBoundingClientRect();
            const border = Number.parseFloat(getComputedStyle(el).borderLeftWidth);
            return { left: box.left + border, right: box.right - border };
          }),
        ),
      );
      expect(chip!.left, `the chip's left edge at ${width} px`).toBeGreaterThanOrEqual(card!.left);
      expect(chip!.right, `the chip's right edge at ${width} px`).toBeLessThanOrEqual(card!.right);
    }
    await page.setViewportSize(PHONE);
    await expectNoSeriousViolations(page, 'the French "not right yet"');
    await page.getByRole('button', { name: 'Réessayer cette question' }).click();
    await page.getByText('Question 1 sur 2').waitFor();
    await page.getByRole('button', { name: /^Diverge/ }).click();
    await page.locator('.verdict').waitFor();
    expect(await page.locator('.verdict').textContent()).toContain(`Bravo${NB}!`);
    await page.getByRole('button', { name: 'Question suivante' }).click();
    // Wrong again, then the answer asked for: the reveal, and no other try.
    await page.getByRole('button', { name: /^Diverge/ }).click();
    await page.getByText('Pas encore juste.').waitFor();
    await page.getByRole('button', { name: 'Voir la réponse' }).click();
    await page.locator('.verdict').waitFor();
    expect(await page.locator('.verdict').textContent()).toContain('Pas cette fois');
    expect(await page.getByRole('button', { name: 'Réessayer cette question' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Voir mes résultats' }).click();
    await page.getByRole('heading', { name: 'Vos résultats' }).waitFor();
    expect(await page.locator('.score-big').textContent()).toBe(`1 sur 2 justes · 1${NB}000 points`);
    expect(await page.locator('.hw-tries').allTextContents()).toEqual([
      `2\u00A0essais${NB}: le dernier compte.`,
    ]);
    expectPhoneLayout(await capturePlayer(page, 'homework-fr-tries'));
  });
});
