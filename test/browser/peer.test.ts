// PI1–PI5 through the apps: the host turns Peer Instruction on in the setup, a split class makes
// "Discuss and vote again" the main step, the phones show their own vote and then the discussion,
// the host adds 30 s and ends it early, the class votes again (one changes their mind, one does not
// vote again) and the reveal shows the votes before and after. Screenshots go to test-results/browser/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../shared/engine/simulate';
import { ANSWERS, type Answer } from '../../shared/engine/types';
import { expectPhoneLayout, expectProjectorLayout } from './checks';
import {
  captureHost,
  capturePlayer,
  joinGame,
  lobbyOf,
  screenshot,
  useWorld,
  waitForLock,
  waitForQuestion,
} from './harness';

const LABELS: Record<Answer, string> = {
  converges: 'Converges directly',
  zigzag: 'Zig-zags in',
  diverges: 'Diverges',
};

const world = useWorld();

function truthOf(code: string, round: number): Answer {
  const deckRound = world.server.app.rooms.get(code)?.deck.rounds[round];
  if (deckRound?.type !== 'predict') throw new Error(`no prediction round ${round} in game ${code}`);
  const outcome = simulate(deckRound.scenario).outcome;
  if (outcome === 'oscillates') throw new Error('a generated round must never sit on r = 2');
  return outcome;
}

const wrongFor = (truth: Answer): Answer => ANSWERS[(ANSWERS.indexOf(truth) + 1) % ANSWERS.length]!;

async function vote(page: Page, choice: Answer) {
  await page.getByRole('button', { name: new RegExp(`^${LABELS[choice]}`) }).click();
}

describe('Peer Instruction through the apps', () => {
  it('PI1-PI5: a split class discusses, votes again, and the reveal shows before and after', async () => {
    const host = await world.host();
    await host.getByRole('button', { name: 'Create game' }).waitFor();
    await host.getByLabel('Generated questions').check();
    await host.getByLabel('Questions', { exact: true }).selectOption('3');
    await host.getByLabel('Discuss and vote again when the class is split').check();
    // A band upside down is refused with a clear word, and the game cannot be created.
    await host.getByLabel('Lowest share right for a discussion').fill('80');
    await host.getByText('The lower bound (80 %) is above the upper one (70 %).').waitFor();
    expect(await host.getByRole('button', { name: 'Create game' }).isDisabled()).toBe(true);
    await host.getByLabel('Lowest share right for a discussion').fill('30');
    await screenshot(host, 'host-create-peer-1280x720');
    await host.getByRole('button', { name: 'Create game' }).click();
    const { code, joinUrl } = await lobbyOf(host);

    const names = ['Ada', 'Bo', 'Cy'];
    const phones: Page[] = [];
    for (const name of names) {
      const phone = await world.phone();
      await joinGame(phone, joinUrl, name);
      phones.push(phone);
    }
    const [ada, bo, cy] = phones as [Page, Page, Page];
    await host.getByText('3 players').waitFor();

    await host.keyboard.press('Space');
    await waitForQuestion(ada, 0, 3);
    const truth = truthOf(code, 0);
    const wrong = wrongFor(truth);
    // One of three right: 33 %, inside the band.
    await vote(ada, truth);
    await vote(bo, wrong);
    await vote(cy, wrong);

    // The votes: bars with none marked right, the discussion the footer's main step.
    await host.getByText('How the class voted (first vote)').waitFor();
    expect(await host.locator('.bar-correct').count()).toBe(0);
    await host.getByRole('button', { name: /^Discuss and vote again/ }).waitFor();
    await host.getByRole('button', { name: 'Reveal instead' }).waitFor();
    expectProjectorLayout(await captureHost(host, 'peer-votes'));
    await bo.getByText("Your teacher is looking at the class's votes").waitFor();
    expect(await bo.getByText('You voted:').count()).toBe(1);
    expect(await bo.locator('.verdict').count()).toBe(0);
    expectPhoneLayout(await capturePlayer(bo, 'peer-votes'));

    // The discussion: 90 s, then +30 s.
    await host.getByRole('button', { name: /^Discuss and vote again/ }).click();
    await host.getByText('Talk to your neighbours, then vote again.').waitFor();
    await host
      .getByRole('timer')
      .getByText(/^1:(30|29)$/)
      .waitFor();
    await host.getByRole('button', { name: '+30 s' }).click();
    await host
      .getByRole('timer')
      .getByText(/^(2:00|1:59)$/)
      .waitFor();
    expectProjectorLayout(await captureHost(host, 'peer-discussion'));
    await cy.getByText('Talk to your neighbours, then vote again.').waitFor();
    await cy
      .getByRole('timer')
      .getByText(/^(120|119) s$/)
      .waitFor();
    expectPhoneLayout(await capturePlayer(cy, 'peer-discussion'));

    // Ended early: the second vote.
    await host.getByRole('button', { name: /^Vote again now/ }).click();
    await bo.getByText(`Second vote, after the discussion: you voted “${LABELS[wrong]}” first.`).waitFor();
    expectPhoneLayout(await capturePlayer(bo, 'peer-second-vote'));
    await vote(bo, truth);
    await vote(cy, wrong);
    await screenshot(host, 'host-peer-second-vote-1280x720');
    // Ada does not vote again: her first vote stands (PI4).
    await host.getByRole('button', { name: /^Reveal now/ }).click();

    await host.getByText('Before discussion').waitFor();
    await host.getByText('After discussion').waitFor();
    expect(await host.locator('.bar-correct').count()).toBe(2);
    expect(await host.locator('figcaption').first().textContent()).toContain('The class: 2 of 3 right');
    expectProjectorLayout(await captureHost(host, 'peer-reveal'));
    await bo.locator('.verdict').waitFor({ timeout: 20_000 });
    expect(await bo.getByText('Right!').count()).toBe(1);
    expectPhoneLayout(await capturePlayer(bo, 'peer-reveal'));
  });

  it('PI3: a phone reloaded during the second vote still says its first vote; the projector says it is the second', async () => {
    const host = await world.host();
    await host.getByLabel('Generated questions').check();
    await host.getByLabel('Questions', { exact: true }).selectOption('3');
    await host.getByLabel('Discuss and vote again when the class is split').check();
    await host.getByRole('button', { name: 'Create game' }).click();
    const { code, joinUrl } = await lobbyOf(host);
    const [ada, bo] = [await world.phone(), await world.phone()] as [Page, Page];
    await joinGame(ada, joinUrl, 'Ada');
    await joinGame(bo, joinUrl, 'Bo');
    await host.getByText('2 players').waitFor();

    await host.keyboard.press('Space');
    await waitForQuestion(host, 0, 3);
    // The first vote is not marked: only the second is.
    expect(await host.getByText('Second vote: after the discussion').count()).toBe(0);
    const truth = truthOf(code, 0);
    const wrong = wrongFor(truth);
    // One of two right: 50 %, inside the band.
    await vote(ada, truth);
    await vote(bo, wrong);
    await host.getByRole('button', { name: /^Discuss and vote again/ }).click();
    await host.getByRole('button', { name: /^Vote again now/ }).click();

    // Bo's phone comes back fresh in the second vote: what Bo voted first comes from the server.
    const line = `Second vote, after the discussion: you voted “${LABELS[wrong]}” first.`;
    await bo.getByText(line).waitFor();
    await bo.reload();
    await waitForQuestion(bo, 0, 3);
    await bo.getByText(line).waitFor();
    expectPhoneLayout(await capturePlayer(bo, 'peer-second-vote-reloaded'));

    // The projector says this is the second vote, not a new question.
    await host.getByText('Second vote: after the discussion').waitFor();
    expectProjectorLayout(await captureHost(host, 'peer-second-vote'));

    // The reloaded phone still votes.
    await vote(bo, truth);
    await waitForLock(bo);
  });

  it('the setup with generated questions and Peer Instruction fits 1280×720: Create game in view, no scrolling', async () => {
    const host = await world.host();
    await host.getByLabel('Generated questions').check();
    await host.getByLabel('Mix in “largest α” and “fastest α” rounds').check();
    await host.getByLabel('Discuss and vote again when the class is split').check();
    const create = host.getByRole('button', { name: 'Create game' });
    const inView = async () => {
      const box = await create.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(720);
      const scroll = await host.evaluate(() => document.scrollingElement!.scrollHeight);
      expect(scroll).toBeLessThanOrEqual(720);
    };
    const layout = await captureHost(host, 'create-peer-generated');
    await inView();
    expectProjectorLayout(layout);
    // Still so with the split's error under it.
    await host.getByLabel('Lowest share right for a discussion').fill('80');
    await host.getByText('The lower bound (80 %) is above the upper one (70 %).').waitFor();
    await screenshot(host, 'host-create-peer-error-1280x720');
    await inView();
  });
});
