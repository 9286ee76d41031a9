// A class plays a whole game through the apps alone: one projector at 1280×720 and three phones at
// 390×844, in real Chromium against the real server serving the production build. Game time runs on
// the server's manual clock, so every answer's time, and therefore every score, is exact.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../shared/engine/simulate';
import { ANSWERS, type Answer } from '../../shared/engine/types';
import { expectNoSeriousViolations, expectPhoneLayout, expectProjectorLayout } from './checks';
import {
  captureHost,
  capturePlayer,
  joinGame,
  lobbyOf,
  useWorld,
  waitForLock,
  waitForQuestion,
  waitForSteps,
} from './harness';

const ROUND_MS = 30_000;
const ROUNDS = 3;
const LABELS: Record<Answer, string> = {
  converges: 'Converges directly',
  zigzag: 'Zig-zags in',
  diverges: 'Diverges',
};

const world = useWorld();

/** The engine's verdict on round `round` of the game: the test plays a student who did the maths. */
function truthOf(code: string, round: number): Answer {
  const deckRound = world.server.app.rooms.get(code)?.deck.rounds[round];
  if (deckRound?.type !== 'predict') throw new Error(`no prediction round ${round} in game ${code}`);
  const { scenario } = deckRound;
  const outcome = simulate(scenario).outcome;
  if (outcome === 'oscillates') throw new Error('a generated round must never sit on r = 2');
  return outcome;
}

const wrongFor = (truth: Answer): Answer => ANSWERS[(ANSWERS.indexOf(truth) + 1) % ANSWERS.length]!;

/**
 * Taps an answer with the server's clock at `atMs` after the question opened, and waits for the
 * lock (or for the reveal itself, when this answer was the last one the round waited for).
 */
async function answerAt(page: Page, choice: Answer, openedAt: number, atMs: number) {
  world.server.clock.set(openedAt + atMs);
  await page.getByRole('button', { name: new RegExp(`^${LABELS[choice]}`) }).click();
  await waitForLock(page);
}

describe('a class plays a whole game through the apps', () => {
  it('joins by code and by link, answers, reloads, and ends on a podium scored by the rules', async () => {
    // The projector: one click with the defaults would start the built-in deck; this class plays a
    // generated three-question deck.
    const host = await world.host();
    await host.getByRole('button', { name: 'Create game' }).waitFor();
    expectProjectorLayout(await captureHost(host, 'create'));
    await host.getByLabel('Generated questions').check();
    await host.getByLabel('Questions', { exact: true }).selectOption('3');
    await host.getByRole('button', { name: 'Create game' }).click();

    const { code, joinUrl } = await lobbyOf(host);
    expect(code).toMatch(/^\d{6}$/);
    expect(joinUrl).toBe(`${world.server.app.publicUrl()}/join/${code}`);
    expect(await host.locator('svg.qr path').getAttribute('d')).toMatch(/^M\d/);

    // Ada types the code, first wrong (no game has it), then right.
    const ada = await world.phone();
    await ada.goto(world.server.url);
    await ada.getByLabel('Room code').waitFor();
    expectPhoneLayout(await capturePlayer(ada, 'join'));
    await expectNoSeriousViolations(ada, 'the join screen');
    await ada.getByLabel('Room code').fill(code === '999999' ? '999998' : '999999');
    await ada.getByLabel('Nickname').fill('Ada');
    await ada.getByRole('button', { name: 'Join' }).click();
    await ada.getByText('No game has that code').waitFor();
    expectPhoneLayout(await capturePlayer(ada, 'join-error-wrong-code'));
    await ada.getByLabel('Room code').fill(code);
    await ada.getByRole('button', { name: 'Join' }).click();
    await ada.getByText("You're in!").waitFor();
    expectPhoneLayout(await capturePlayer(ada, 'lobby'));

    // Ben follows the link (the QR code's address): the code is filled in; his first name is taken.
    const ben = await world.phone();
    await ben.goto(joinUrl);
    expect(await ben.getByLabel('Room code').inputValue()).toBe(code);
    await ben.getByLabel('Nickname').fill('ADA');
    await ben.getByRole('button', { name: 'Join' }).click();
    await ben.getByText('already has that nickname').waitFor();
    expectPhoneLayout(await capturePlayer(ben, 'join-error-name-taken'));
    await ben.getByLabel('Nickname').fill('Ben');
    await ben.getByRole('button', { name: 'Join' }).click();
    await ben.getByText("You're in!").waitFor();

    const cy = await world.phone();
    await joinGame(cy, joinUrl, 'Cy');

    // A locked room turns Dee away; unlocked, she joins, and the host removes her.
    await host.getByLabel(/Lock the game/).check();
    await host.getByText('Locked: nobody new can join').waitFor();
    const dee = await world.phone();
    await dee.goto(joinUrl);
    await dee.getByLabel('Nickname').fill('Dee');
    await dee.getByRole('button', { name: 'Join' }).click();
    await dee.getByText('This game is locked').waitFor();
    expectPhoneLayout(await capturePlayer(dee, 'join-error-locked'));
    await host.getByLabel(/Locked: nobody new can join/).uncheck();
    await host.getByText('Lock the game (nobody new can join)').waitFor();
    await dee.getByRole('button', { name: 'Join' }).click();
    await dee.getByText("You're in!").waitFor();
    await host.getByText('4 players').waitFor();
    await host.getByRole('button', { name: 'Remove Dee' }).click();
    await dee.getByText('The host removed you from this game').waitFor();
    expect(await dee.getByLabel('Room code').inputValue()).toBe('');
    expectPhoneLayout(await capturePlayer(dee, 'kicked'));
    await host.getByText('3 players').waitFor();
    expect(await host.locator('.roster .chip-name').allTextContents()).toEqual(['Ada', 'Ben', 'Cy']);
    expectProjectorLayout(await captureHost(host, 'lobby'));

    // Round 1. Ada right at t = 0: 1000 × (1 − 0/2) = 1000. Cy wrong: 0. Ben right at t = 15 s,
    // half of T = 30 s: 1000 × (1 − 0.5/2) = 750. No streak bonus yet (S2: none before the first).
    await host.getByRole('button', { name: /^Start/ }).click();
    for (const p of [ada, ben, cy]) await waitForQuestion(p, 0, ROUNDS);
    await waitForQuestion(host, 0, ROUNDS);
    const opened0 = world.server.clock.now();
    expectProjectorLayout(await captureHost(host, 'question'));
    await expectNoSeriousViolations(host, 'the host question screen');
    expectPhoneLayout(await capturePlayer(ada, 'question'));
    await expectNoSeriousViolations(ada, 'the player question screen');
    const buttons = await ada
      .locator('button.answer')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(buttons).toHaveLength(3);
    for (const h of buttons) expect(h).toBeGreaterThanOrEqual(48);

    const truth0 = truthOf(code, 0);
    await answerAt(ada, truth0, opened0, 0);
    expectPhoneLayout(await capturePlayer(ada, 'answer-locked'));
    // No change of mind: the answer buttons are gone once an answer is locked in.
    expect(await ada.locator('button.answer').count()).toBe(0);
    await host.getByText('1 of 3 answered').waitFor();
    await answerAt(cy, wrongFor(truth0), opened0, 6_000);
    await answerAt(ben, truth0, opened0, 15_000);

    // Everyone has answered: the round closes (R2) and the projector animates the run.
    await host.locator('.reveal').waitFor();
    await waitForSteps(host, '[data-shown]', 'partway');
    expectProjectorLayout(await captureHost(host, 'reveal-animating'));
    await waitForSteps(host, '[data-shown]', 'all');
    expect(await host.locator('.huge-tag').textContent()).toBe(LABELS[truth0]);
    expect(await host.locator('.bar-correct .bar-count').textContent()).toBe('2 ✓ correct');
    expectProjectorLayout(await captureHost(host, 'reveal-final'));
    await expectNoSeriousViolations(host, 'the host reveal screen');

    await ada.getByText('Right!').waitFor();
    expect(await ada.locator('.stats').textContent()).toContain('+1,000');
    expectPhoneLayout(await capturePlayer(ada, 'reveal-right'));
    await expectNoSeriousViolations(ada, 'the player reveal screen');
    await cy.getByText('Not this time').waitFor();
    expectPhoneLayout(await capturePlayer(cy, 'reveal-wrong'));
    await ben.getByText('+750').waitFor();

    await host.keyboard.press('ArrowRight');
    await host.locator('.leaderboard').waitFor();
    expect(await host.locator('.rank-row').allTextContents()).toEqual(['1stAda1,000', '2ndBen750', '3rdCy0']);
    expectProjectorLayout(await captureHost(host, 'leaderboard'));
    await ben.getByText('2nd').waitFor();
    expectPhoneLayout(await capturePlayer(ben, 'leaderboard'));

    // Round 2. Cy's phone reloads before anyone answers and comes back to the open question.
    // Ada right at 3 s: 1000 × (1 − 0.1/2) = 950, + 100 for one right answer before = 1050.
    // Ben wrong: 0, streak reset. Cy right at 24 s: 1000 × (1 − 0.8/2) = 600, no streak (wrong before).
    await host.keyboard.press('Space');
    await waitForQuestion(host, 1, ROUNDS);
    for (const p of [ada, ben, cy]) await waitForQuestion(p, 1, ROUNDS);
    const opened1 = world.server.clock.now();
    await cy.reload();
    await waitForQuestion(cy, 1, ROUNDS);
    expect(await cy.locator('button.answer').count()).toBe(3);
    const truth1 = truthOf(code, 1);
    await answerAt(ada, truth1, opened1, 3_000);
    await answerAt(ben, wrongFor(truth1), opened1, 10_000);
    await answerAt(cy, truth1, opened1, 24_000);
    await host.locator('.reveal').waitFor();
    await host.getByRole('button', { name: 'Show all steps' }).click();
    await host.getByRole('button', { name: 'Replay' }).waitFor();
    await ada.getByText('+1,050').waitFor();
    await cy.getByText('+600').waitFor();
    await host.getByRole('button', { name: /^Leaderboard/ }).click();
    await host.locator('.leaderboard').waitFor();
    expect(await host.locator('.rank-row').allTextContents()).toEqual([
      '1stAda2,050',
      '2ndBen750',
      '3rdCy600',
    ]);

    // Round 3. The projector tab reloads mid-question and resumes it. Cy right at 0 s: 1000 + 100
    // (one right before) = 1100. Ben right at 12 s: 1000 × (1 − 0.4/2) = 800, no streak (wrong
    // before). Ada never answers: 0, and the deadline closes the round.
    await host.getByRole('button', { name: /^Next question/ }).click();
    await waitForQuestion(host, 2, ROUNDS);
    for (const p of [ada, ben, cy]) await waitForQuestion(p, 2, ROUNDS);
    const opened2 = world.server.clock.now();
    await host.reload();
    await waitForQuestion(host, 2, ROUNDS);
    await host.getByText('0 of 3 answered').waitFor();
    const truth2 = truthOf(code, 2);
    await answerAt(cy, truth2, opened2, 0);
    await answerAt(ben, truth2, opened2, 12_000);
    await host.getByText('2 of 3 answered').waitFor();
    world.server.clock.set(opened2 + ROUND_MS);
    await host.locator('.reveal').waitFor();
    await ada.getByText('No answer this time').waitFor();
    await cy.getByText('+1,100').waitFor();
    await ben.getByText('+800').waitFor();
    await host.keyboard.press('Space');
    await host.locator('.leaderboard').waitFor();

    // After the last round, "next" ends the game: Ada 2050, Cy 600 + 1100 = 1700, Ben 750 + 800 = 1550.
    await host.getByRole('button', { name: /^Final results/ }).click();
    await host.locator('.podium').waitFor();
    const block = async (place: number) =>
      [
        await host.locator(`.block-${place} .block-name`).textContent(),
        await host.locator(`.block-${place} .block-score`).textContent(),
      ] as const;
    expect(await block(1)).toEqual(['Ada', '2,050']);
    expect(await block(2)).toEqual(['Cy', '1,700']);
    expect(await block(3)).toEqual(['Ben', '1,550']);
    expectProjectorLayout(await captureHost(host, 'podium'));

    await ben.locator('.podium').waitFor();
    expect(await ben.locator('.podium-place').allTextContents()).toEqual([
      '1stAda2,050',
      '2ndCy1,700',
      '3rdBen1,550',
    ]);
    expect(await ben.locator('.you').textContent()).toBe('You finished 3rd of 3 with 1,550 points.');
    expectPhoneLayout(await capturePlayer(ben, 'podium'));
  }, 150_000);
});
