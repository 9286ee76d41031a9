// In real Chromium: the lobby's Undo of a kick (H3, J5) and the podium showing 20-character names in
// full (N1: names are up to 20 characters) on the projector at 1280×720 and on a 390 px phone.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectPhoneLayout, expectProjectorLayout } from './checks';
import { captureHost, capturePlayer, joinGame, lobbyOf, useWorld } from './harness';

const world = useWorld();

async function newGame(): Promise<{ host: Page; code: string; joinUrl: string }> {
  const host = await world.host();
  await host.getByRole('button', { name: 'Create game' }).click();
  return { host, ...(await lobbyOf(host)) };
}

/** Whether every element matched shows its whole text: nothing cut, nothing outside the screen. */
async function shownInFull(page: Page, selector: string): Promise<Array<{ text: string; full: boolean }>> {
  return page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      const inside = r.left >= 0 && r.right <= window.innerWidth && r.top >= 0;
      return {
        text: el.textContent ?? '',
        full: inside && el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1,
      };
    }),
  );
}

describe('H3 the lobby undoes a kick; J5 the kicked browser stays out meanwhile', () => {
  it('Remove, a rejoin under another name refused, Undo, and the student is back under their name', async () => {
    const { host, joinUrl } = await newGame();
    const bea = await world.phone();
    await joinGame(bea, joinUrl, 'Bea');
    await host.getByText('1 player', { exact: true }).waitFor();
    await host.getByRole('button', { name: 'Remove Bea' }).click();
    await bea.getByText('The host removed you from this game').waitFor();

    // The same browser under a new name is turned away.
    await bea.goto(joinUrl);
    await bea.getByLabel('Nickname').fill('Not Bea');
    await bea.getByRole('button', { name: 'Join' }).click();
    await bea.getByText('The host removed you from this game').waitFor();

    const undo = host.getByRole('button', { name: 'Undo removing Bea' });
    await undo.waitFor();
    expectProjectorLayout(await captureHost(host, 'lobby-removed'));
    await undo.click();
    await undo.waitFor({ state: 'detached' });
    await host.getByText('1 player', { exact: true }).waitFor();

    await bea.getByLabel('Nickname').fill('Bea');
    await bea.getByRole('button', { name: 'Join' }).click();
    await bea.getByText("You're in!").waitFor();
    expect(await host.locator('.roster .chip-name').allTextContents()).toEqual(['Bea']);
    await host.locator('.roster .chip:not(.chip-away)').waitFor();
  }, 60_000);
});

describe('N1 a 20-character name is shown in full on the podium', () => {
  it('on the projector at 1280×720 and on a 390×844 phone, wrapped rather than cut', async () => {
    const { host, code, joinUrl } = await newGame();
    const names = ['WWWWWWWWWWWWWWWWWWWW', 'Maximiliane Theodora', 'Bartholomew-Fitzgera'];
    for (const n of names) expect([...n]).toHaveLength(20);
    const phones: Page[] = [];
    for (const n of names) {
      const phone = await world.phone();
      await joinGame(phone, joinUrl, n);
      phones.push(phone);
    }
    await host.getByText('3 players').waitFor();
    // Straight to the podium: all three share first place, each on a step of its own.
    expect(world.server.app.rooms.dispatch(code, { type: 'end', by: { role: 'host' } }).ok).toBe(true);
    await host.locator('.podium').waitFor();
    const onProjector = await shownInFull(host, '.block-name');
    expect(onProjector.map((n) => n.text).sort()).toEqual([...names].sort());
    expect(
      onProjector.every((n) => n.full),
      JSON.stringify(onProjector),
    ).toBe(true);
    expectProjectorLayout(await captureHost(host, 'podium-long-names'));

    const phone = phones[0]!;
    await phone.locator('.podium').waitFor();
    const onPhone = await shownInFull(phone, '.podium-place .name');
    expect(onPhone.map((n) => n.text).sort()).toEqual([...names].sort());
    expect(
      onPhone.every((n) => n.full),
      JSON.stringify(onPhone),
    ).toBe(true);
    expectPhoneLayout(await capturePlayer(phone, 'podium-long-names'));
  }, 60_000);
});
