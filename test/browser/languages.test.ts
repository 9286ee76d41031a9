// Issue 14, item 4: a second language. A French phone (its browser asks for French) gets the French
// player page and an English one the English page, in the same game; the projector speaks the
// language its host picks. Each phone walks a whole game in its own language, with numbers written
// as that language writes them (α = 0,05 and 37,15 in French). The phone's switch and the host's
// control each override the browser's choice and are remembered. Screenshots of the French screens
// go to test-results/browser/ (player-fr-…, host-fr-…).
import { describe, expect, it } from 'vitest';
import { LECTURE_DATASET } from '../../shared/engine/lecture-dataset';
import { expectNoSeriousViolations, expectPhoneLayout, expectProjectorLayout } from './checks';
import { captureHost, capturePlayer, playSavedDeck, useWorld } from './harness';

const LECTURE = {
  cost: { kind: 'linreg', x: [...LECTURE_DATASET.x], y: [...LECTURE_DATASET.y] },
  start: [...LECTURE_DATASET.start],
} as const;
const DECK = {
  title: 'Le taux d’apprentissage',
  rounds: [
    { ...LECTURE, alpha: 0.05 },
    { cost: { kind: 'quadratic', a: 4, c: 1 }, start: [3], alpha: 0.1 },
  ],
};
/** The hold lasts the projector's run, plus the chunk's load. */
const HOLD_TIMEOUT_MS = 20_000;
/** French typography: a narrow no-break space before ! ? : ; (U+202F). */
const NB = '\u202F';

const world = useWorld();

describe('English and French, side by side in one game', () => {
  it('each phone plays the whole game in its browser’s language, and the projector in its host’s', async () => {
    const host = await world.host({ locale: 'fr-FR' });
    const { joinUrl } = await playSavedDeck(host, DECK);
    // The host's browser asks for French, so the projector starts in French.
    await host.getByText('Rejoignez').waitFor();
    expect(await host.locator('html').getAttribute('lang')).toBe('fr');
    expectProjectorLayout(await captureHost(host, 'fr-lobby'));

    const zoe = await world.phone({ locale: 'fr-FR' });
    const ada = await world.phone({ locale: 'en-US' });
    await zoe.goto(joinUrl);
    expect(await zoe.locator('html').getAttribute('lang')).toBe('fr');
    await zoe.getByLabel('Pseudo').fill('Zoé');
    expectPhoneLayout(await capturePlayer(zoe, 'fr-join'));
    await expectNoSeriousViolations(zoe, 'the French join screen');
    await zoe.getByRole('button', { name: 'Rejoindre' }).click();
    await zoe.getByText(`C’est parti${NB}!`).waitFor();
    expect(await zoe.locator('main').textContent()).toContain('2 questions');

    await ada.goto(joinUrl);
    expect(await ada.locator('html').getAttribute('lang')).toBe('en');
    await ada.getByLabel('Nickname').fill('Ada');
    await ada.getByRole('button', { name: 'Join' }).click();
    await ada.getByText("You're in!").waitFor();
    await host.getByText('2 joueurs').waitFor();

    // The first question: the lecture's data at α = 0.05, which zig-zags.
    await host.keyboard.press('Space');
    await host.getByText('Question 1 sur 2').waitFor();
    await zoe.getByText('Question 1 sur 2').waitFor();
    await zoe.getByText(`Que fait la descente de gradient${NB}?`).waitFor();
    expect(await zoe.locator('.params').textContent()).toContain('α = 0,05');
    expect(await zoe.locator('.params').textContent()).toContain('(25\u202F; 0)');
    expectPhoneLayout(await capturePlayer(zoe, 'fr-question'));
    await expectNoSeriousViolations(zoe, 'the French question');
    await ada.getByText('What does gradient descent do?').waitFor();
    expect(await ada.locator('.params').textContent()).toContain('α = 0.05');
    expect(await host.locator('.question').textContent()).toContain('0 sur 2 ont répondu');
    expectProjectorLayout(await captureHost(host, 'fr-question'));

    await zoe.getByRole('button', { name: /^Converge en zigzag/ }).click();
    await zoe.getByText('Réponse enregistrée').waitFor();
    await ada.getByRole('button', { name: /^Diverges/ }).click();

    // The reveal: the engine's explanation, written by each page in its own language.
    await host.locator('.reveal').waitFor();
    const projected = (await host.locator('.explanation').textContent()) ?? '';
    expect(projected).toContain('α·λmax = 0,05 × 37,15 = 1,86 est entre 1 et 2');
    expect(projected).toContain('la direction lente est multipliée par 1 − α·λmin = 0,99 à chaque pas');
    expect(await host.locator('.reveal').textContent()).toContain('La classe\u202F: 1 sur 2 ont juste');
    await zoe.getByText('Regardez l’écran').waitFor();
    await zoe.locator('.verdict').waitFor({ timeout: HOLD_TIMEOUT_MS });
    await zoe.getByText(`Bravo${NB}!`).waitFor();
    expect(await zoe.locator('.bar').textContent()).toContain('Question 1 sur 2');
    expect(await zoe.locator('.explanation').textContent()).toContain(
      'α·λmax = 0,05 × 37,15 = 1,86 est entre 1 et 2',
    );
    await zoe.getByRole('heading', { name: 'Essayez α vous-même' }).waitFor();
    expect(await zoe.locator('.reveal').textContent()).toContain('Converge en zigzag');
    expectPhoneLayout(await capturePlayer(zoe, 'fr-reveal'));
    await expectNoSeriousViolations(zoe, 'the French reveal');
    expectProjectorLayout(await captureHost(host, 'fr-reveal'));
    await ada.locator('.verdict').waitFor({ timeout: HOLD_TIMEOUT_MS });
    await ada.getByText('Not this time').waitFor();
    expect(await ada.locator('.explanation').textContent()).toContain(
      'α·λmax = 0.05 × 37.15 = 1.86 is between 1 and 2',
    );

    // Between the questions, and the second one: a parabola, J″ = 4, α = 0.1, which converges.
    await host.keyboard.press('Space');
    await host.getByRole('heading', { name: 'Classement' }).waitFor();
    await zoe.getByText('Vous êtes 1er').waitFor();
    expectPhoneLayout(await capturePlayer(zoe, 'fr-leaderboard'));
    await ada.getByText("You're 2nd").waitFor();
    await host.keyboard.press('Space');
    await zoe.getByText('Question 2 sur 2').waitFor();
    expect(await zoe.locator('.formula').textContent()).toContain('courbure J″ = a = 4');
    await zoe.getByRole('button', { name: /^Converge directement/ }).click();
    await ada.getByRole('button', { name: /^Converges directly/ }).click();
    await zoe.locator('.verdict').waitFor({ timeout: HOLD_TIMEOUT_MS });
    expect(await zoe.locator('.explanation').textContent()).toContain(
      `α·J″ = 0,1 × 4 = 0,4 est inférieur à 1${NB}: chaque pas va vers le minimum sans le dépasser`,
    );
    expect(await zoe.locator('.explanation').textContent()).toContain(
      `= 0,6 à chaque pas (40${NB}% plus près${NB}; environ 14 pas pour être 1${NB}000 fois plus près)`,
    );

    // The podium.
    await host.keyboard.press('Space');
    await host.getByRole('heading', { name: 'Classement' }).waitFor();
    await host.keyboard.press('Space');
    await host.getByRole('heading', { name: 'Résultats finaux' }).waitFor();
    expectProjectorLayout(await captureHost(host, 'fr-podium'));
    await zoe.getByRole('heading', { name: 'Résultats finaux' }).waitFor();
    await zoe.getByText(`Merci d’avoir joué, Zoé${NB}!`).waitFor();
    expect(await zoe.locator('.you').textContent()).toMatch(
      /^Vous finissez 1er sur 2 avec [\d\u202F]+ points\.$/,
    );
    expectPhoneLayout(await capturePlayer(zoe, 'fr-podium'));
    await ada.getByRole('heading', { name: 'Final results' }).waitFor();
    expect(await ada.locator('.you').textContent()).toContain('You finished 2nd of 2');
    // Two runs played on the projector in real time, and ten screenshots at two sizes each.
  }, 120_000);

  it('the phone’s switch overrides the browser’s language and is remembered; refusals come in the page’s language', async () => {
    const phone = await world.phone({ locale: 'fr-FR' });
    await phone.goto(world.server.url);
    await phone.getByRole('button', { name: 'English' }).click();
    await phone.getByLabel('Nickname').waitFor();
    expect(await phone.locator('html').getAttribute('lang')).toBe('en');
    await phone.reload();
    await phone.getByLabel('Nickname').waitFor();
    // A code no game has: the server's refusal, in the page's language.
    await phone.getByLabel('Room code').fill('000000');
    await phone.getByLabel('Nickname').fill('Léa');
    await phone.getByRole('button', { name: 'Join' }).click();
    await phone.getByText('No game has that code. Check the code on the projector.').waitFor();
    await phone.getByRole('button', { name: 'Français' }).click();
    await phone.getByLabel('Pseudo').waitFor();
    await phone.getByLabel('Code de la partie').fill('000000');
    await phone.getByLabel('Pseudo').fill('Léa');
    await phone.getByRole('button', { name: 'Rejoindre' }).click();
    await phone.getByText('Aucune partie n’a ce code. Vérifiez le code affiché au tableau.').waitFor();
    // A name the game refuses says what is wrong with it, in French too.
    const host = await world.host();
    const { joinUrl } = await playSavedDeck(host, DECK);
    await phone.goto(joinUrl);
    await phone.getByLabel('Pseudo').fill('Lé\u200Ba');
    await phone.getByRole('button', { name: 'Rejoindre' }).click();
    await phone.getByText('Ce nom contient des caractères invisibles.').waitFor();
    expectPhoneLayout(await capturePlayer(phone, 'fr-join-refused'));
  });

  it('the host’s control sets the projector’s language, whatever the browser asks, and keeps it', async () => {
    const host = await world.host({ locale: 'en-US' });
    // The control is there before the game too.
    expect(await host.getByLabel('Language').inputValue()).toBe('en');
    const { joinUrl } = await playSavedDeck(host, DECK);
    await host.getByText('Join at').waitFor();
    await host.getByLabel('Language').selectOption('fr');
    await host.getByText('Rejoignez').waitFor();
    expect(await host.locator('html').getAttribute('lang')).toBe('fr');
    const phone = await world.phone();
    await phone.goto(joinUrl);
    await phone.getByLabel('Nickname').fill('Sam');
    await phone.getByRole('button', { name: 'Join' }).click();
    await host.getByText('1 joueur').waitFor();
    // A reload (the teacher's laptop slept) keeps the host's choice.
    await host.reload();
    await host.getByText('Rejoignez').waitFor();
    await host.getByLabel('Langue').selectOption('en');
    await host.getByText('Join at').waitFor();
    await host.getByText('1 player').waitFor();
  });
});
