// Issue 14, item 4: the plots speak the page's language. A French projector, a French phone and an
// English phone play four rounds whose plots say something in words: a 2-D run and a 1-D run that
// leave the chart, the largest-α guesses and a race. Every word a person can see or hear in a plot
// (its text, and what a screen reader says: aria-label, <title>, <desc>) is read, and on the French
// pages none is English and no number has a decimal point; the English phone reads the same plots in
// English (so the scan does see the labels). Screenshots: test-results/browser/player-fr-off-chart-*,
// player-en-off-chart-*, host-fr-off-chart-*, host-fr-guesses-*, host-fr-race-*.
import { describe, expect, it } from 'vitest';
import { expectFrenchPlots, expectPhoneLayout, expectProjectorLayout, plotWords } from './checks';
import { captureHost, capturePlayer, playSavedDeck, useWorld } from './harness';

/** λ = 1 and 4 at 30°, from (3, 2). */
const BOWL = { kind: 'bowl', eigenvalues: [1, 4], angle: 30, center: [0, 0] } as const;
const DECK = {
  title: 'Les graphiques',
  rounds: [
    // r = 0.6 × 4 = 2.4: the steep component grows 1.4 times a step; the run leaves the contours.
    { cost: BOWL, start: [3, 2], alpha: 0.6 },
    // J(θ) = (θ − 1)², r = 1.2 × 2 = 2.4: θ = 5, −4.6, 8.84, −9.98…; the frame is 1 ± 6.4, so step 2 is out.
    { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 1.2 },
    // α* = 2/4 = 0.5.
    { type: 'max-alpha', cost: { kind: 'quadratic', a: 4, c: 0 }, start: [3] },
    // To 1/1000 of the start distance: A 0.2 → 31 steps, B 0.25 → 25, C 0.4 → 14, D 0.45 → 19.
    { type: 'fastest', cost: BOWL, start: [3, 2], alphas: [0.2, 0.25, 0.4, 0.45] },
  ],
};
/** The hold lasts the projector's run, plus the chunk's load. */
const HOLD_TIMEOUT_MS = 20_000;
/** French typography: a narrow no-break space before : and ; (U+202F). */
const NB = '\u202F';

const world = useWorld();

describe('the plots in French and in English', () => {
  it('labels and screen-reader words of every plot follow the page, numbers written the French way', async () => {
    const host = await world.host({ locale: 'fr-FR' });
    const { joinUrl } = await playSavedDeck(host, DECK);
    const zoe = await world.phone({ locale: 'fr-FR' });
    const ada = await world.phone({ locale: 'en-US' });
    await zoe.goto(joinUrl);
    await zoe.getByLabel('Pseudo').fill('Zoé');
    await zoe.getByRole('button', { name: 'Rejoindre' }).click();
    await zoe.getByText(`C’est parti${NB}!`).waitFor();
    await ada.goto(joinUrl);
    await ada.getByLabel('Nickname').fill('Ada');
    await ada.getByRole('button', { name: 'Join' }).click();
    await ada.getByText("You're in!").waitFor();
    await host.getByText('2 joueurs').waitFor();

    // Round 1, in 2-D: the question's plot, then the run leaving the contours.
    await host.keyboard.press('Space');
    await zoe.getByText('Question 1 sur 4').waitFor();
    const question = await expectFrenchPlots(zoe, 'the French question');
    expect(question).toContain(`Lignes de niveau de J autour du minimum (0${NB}; 0), départ (3${NB}; 2)`);
    await zoe.getByRole('button', { name: /^Diverge/ }).click();
    await ada.getByRole('button', { name: /^Diverges/ }).click();
    await zoe.locator('.verdict').waitFor({ timeout: HOLD_TIMEOUT_MS });
    // The explorer waits for round 4, which asks about the same cost: the reveal's own plots are here.
    await zoe.locator('.component-plot').waitFor();
    const contours = await expectFrenchPlots(zoe, 'the French 2-D reveal');
    expect(contours).toContain(
      `départ (3${NB}; 2)${NB}; la descente de gradient passe par (3${NB}; 2)${NB}; (`,
    );
    expect(contours).toMatch(/le pas \d+ sort du graphique [←→↑↓]/);
    expect(contours).toContain(`Distance au minimum à chaque pas, échelle log${NB}: `);
    expect(contours).toContain(`Composante raide à chaque pas${NB}: `);
    expectPhoneLayout(await capturePlayer(zoe, 'fr-off-chart-2d'));
    await expectFrenchPlots(host, 'the French projector, 2-D reveal');
    await ada.locator('.verdict').waitFor({ timeout: HOLD_TIMEOUT_MS });
    const english2d = (await plotWords(ada)).join('\n');
    expect(english2d).toContain(
      'Contours of J around the minimum (0, 0), start (3, 2); gradient descent visits (3, 2), (',
    );
    expect(english2d).toMatch(/step \d+ is off the chart [←→↑↓]/);
    expectPhoneLayout(await capturePlayer(ada, 'en-off-chart-2d'));

    // Round 2, in 1-D: step 2 (θ = 8.84) is the first off the chart, to the right.
    await host.keyboard.press('Space');
    await host.getByRole('heading', { name: 'Classement' }).waitFor();
    await host.keyboard.press('Space');
    await zoe.getByText('Question 2 sur 4').waitFor();
    expect(await expectFrenchPlots(zoe, 'the French 1-D question')).toContain('J(θ), avec le départ θ₀ = 5');
    await zoe.getByRole('button', { name: /^Diverge/ }).click();
    await ada.getByRole('button', { name: /^Zig-zags/ }).click();
    await zoe.locator('.verdict').waitFor({ timeout: HOLD_TIMEOUT_MS });
    await zoe.getByRole('heading', { name: 'Essayez α vous-même' }).waitFor();
    const curve = await expectFrenchPlots(zoe, 'the French 1-D reveal');
    expect(curve).toContain(
      `J(θ), avec le départ θ₀ = 5${NB}; la descente de gradient passe par 5${NB}; −4,6${NB}; 8,84${NB}; −9,98`,
    );
    expect(curve).toContain('le pas 2 sort du graphique →');
    expect(curve).toContain('min θ* = 1');
    expect(curve).toContain(`Distance au minimum à chaque pas, échelle log${NB}: 4${NB}; 5,6${NB}; 7,84`);
    expectPhoneLayout(await capturePlayer(zoe, 'fr-off-chart'));
    const projected = await expectFrenchPlots(host, 'the French projector, 1-D reveal');
    expect(projected).toContain(`pas 2${NB}: θ = 8,84, hors du graphique →`);
    expect(projected).toContain('minimum θ* = 1');
    expect(projected).toContain(`Converge directement${NB}: 0, Converge en zigzag${NB}: 1, Diverge${NB}: 1`);
    expectProjectorLayout(await captureHost(host, 'fr-off-chart'));
    await ada.locator('.verdict').waitFor({ timeout: HOLD_TIMEOUT_MS });
    const english = (await plotWords(ada)).join('\n');
    expect(english).toContain('J(θ) with the start θ₀ = 5; gradient descent visits 5, −4.6, 8.84, −9.98');
    expect(english).toContain('step 2 is off the chart →');
    expect(english).toContain('Distance to the minimum per step, log scale: 4, 5.6, 7.84');
    expectPhoneLayout(await capturePlayer(ada, 'en-off-chart'));

    // Round 3: the largest α that converges; the projector shows every guess on a log axis.
    await host.keyboard.press('Space');
    await host.getByRole('heading', { name: 'Classement' }).waitFor();
    await host.keyboard.press('Space');
    await zoe.getByText('Question 3 sur 4').waitFor();
    await zoe.getByLabel('Ou tapez α').fill('0,3');
    await zoe.getByRole('button', { name: /^Valider/ }).click();
    await ada.getByLabel('Or type α').fill('0.8');
    await ada.getByRole('button', { name: /^Lock in/ }).click();
    await host.locator('.alpha-dots .dot').first().waitFor();
    const guesses = await expectFrenchPlots(host, 'the French projector, largest-α guesses');
    expect(guesses).toContain(
      `2 réponses α sur une échelle log${NB}: converge en zigzag${NB}: 1, diverge${NB}: 1${NB}; α* = 0,5`,
    );
    expect(guesses).toContain('α*/2 = 0,25');
    expectProjectorLayout(await captureHost(host, 'fr-guesses'));
    await zoe.locator('.verdict').waitFor({ timeout: HOLD_TIMEOUT_MS });
    await expectFrenchPlots(zoe, 'the French largest-α reveal');

    // Round 4: which α is fastest; the projector races the four runs.
    await host.keyboard.press('Space');
    await host.getByRole('heading', { name: 'Classement' }).waitFor();
    await host.keyboard.press('Space');
    await zoe.getByText('Question 4 sur 4').waitFor();
    await zoe.getByRole('button', { name: /^C ?α = 0,4$/ }).click();
    await ada.getByRole('button', { name: /^C ?α = 0\.4$/ }).click();
    await zoe.locator('.verdict').waitFor({ timeout: HOLD_TIMEOUT_MS });
    const race = await expectFrenchPlots(host, 'the French projector, the race');
    expect(race).toContain(
      `une ligne par option${NB}: A arrive à l’itération 31, B arrive à l’itération 25, C arrive à l’itération 14, D arrive à l’itération 19`,
    );
    expect(race).toContain(`arrivée${NB}: 1/1000`);
    expectProjectorLayout(await captureHost(host, 'fr-race'));
  }, 180_000);
});
