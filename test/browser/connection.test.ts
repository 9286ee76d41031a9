// What a dropped connection looks like: a banner on both apps while the server is unreachable, then
// a quiet resume on the same screen once it answers again. Also: R reveals now, and with reduced
// motion asked for, the reveal shows its final state at once.
import { expect, it } from 'vitest';
import { BUILTIN_GAME_DECK } from '../../shared/protocol/decks';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import { expectPhoneLayout, expectProjectorLayout } from './checks';
import { captureHost, capturePlayer, joinGame, lobbyOf, useWorld } from './harness';

const world = useWorld();

it('shows a banner while the server is unreachable and resumes the same screen after', async () => {
  const host = await world.host({ reducedMotion: true });
  // Sensible defaults: one click starts a lobby with the built-in deck.
  await host.getByRole('button', { name: 'Create game' }).click();
  const { joinUrl } = await lobbyOf(host);

  const player = await world.phone();
  await joinGame(player, joinUrl, 'Zoë');
  // A second student who never answers keeps the question open until the host reveals it.
  await joinGame(await world.phone(), joinUrl, 'Quiet');
  await host.keyboard.press('Space');
  await player.getByText('What does gradient descent do?').waitFor();
  await host.locator('.question').waitFor();

  await world.server.cut();
  await player.getByText('Connection lost. Reconnecting…').waitFor();
  await host.getByText('Connection lost. Reconnecting…').waitFor();
  // The screen stays where it was under the banner.
  expect(await player.locator('button.answer').count()).toBe(3);
  expectPhoneLayout(await capturePlayer(player, 'connection-lost'));
  expectProjectorLayout(await captureHost(host, 'connection-lost'));

  await world.server.restore();
  await player.locator('.connection-banner').waitFor({ state: 'detached', timeout: 15_000 });
  await host.locator('.connection-banner').waitFor({ state: 'detached', timeout: 15_000 });
  // Both students are back (the projector counts the connected ones), so one answer does not close
  // the question. Resumed as the same student: the answer goes through, and the projector counts it.
  await host.getByText('0 of 2 answered').waitFor({ timeout: 15_000 });
  await player.getByRole('button', { name: /^Diverges/ }).click();
  await player.getByText('Answer locked in').waitFor();
  await host.getByText('1 of 2 answered').waitFor();

  await host.keyboard.press('r');
  await host.locator('.reveal').waitFor();
  // Reduced motion: the whole run at once, no animation to wait for.
  const plot = host.locator('[data-shown]');
  expect(await plot.getAttribute('data-shown')).toBe(await plot.getAttribute('data-total'));
  await player.getByText('You said:').waitFor();
  expect(await player.locator('.answer-line').nth(1).textContent()).toBe('You said: Diverges');

  // Ending early takes a second click, then every screen goes to the podium.
  await host.getByRole('button', { name: 'End game' }).click();
  await host.getByRole('button', { name: 'Click again to end the game' }).click();
  await host.getByText(`Ended after 1 of ${BUILTIN_GAME_DECK.rounds.length} questions`).waitFor();
  await player.getByText('Final results').waitFor();
});

it('the banner lies over the projector: the code and the layout under it do not move', async () => {
  const host = await world.host({ reducedMotion: true });
  await host.getByRole('button', { name: 'Create game' }).click();
  await lobbyOf(host);
  const SELECTORS = ['.top', '.stage', '.bottom', '.code-huge', '.join-url'];
  const boxes = () =>
    host.evaluate(
      (selectors) =>
        selectors.map((sel) => {
          const r = document.querySelector(sel)?.getBoundingClientRect();
          return { sel, box: r ? [r.x, r.y, r.width, r.height] : null };
        }),
      SELECTORS,
    );
  const before = await boxes();
  expect(before.find((b) => b.sel === '.code-huge')?.box).not.toBeNull();

  await world.server.cut();
  await host.getByText('Connection lost. Reconnecting…').waitFor();
  expect(await boxes()).toEqual(before);
  // On top of the page at its very top, clear of the code the class is typing.
  const banner = await host.locator('.connection-banner').boundingBox();
  const code = await host.locator('.code-huge').boundingBox();
  expect(banner?.y).toBe(0);
  expect(banner && code && banner.y + banner.height <= code.y).toBe(true);
  expectProjectorLayout(await captureHost(host, 'lobby-connection-lost'));

  await world.server.restore();
  await host.locator('.connection-banner').waitFor({ state: 'detached', timeout: 15_000 });
  expect(await boxes()).toEqual(before);
});

it('a reloaded phone with no game to go back to shows the join screen with a friendly note', async () => {
  const player = await world.phone();
  await player.goto(world.server.url);
  await player.evaluate(() =>
    localStorage.setItem(
      'overshoot:player',
      JSON.stringify({ code: '123456', playerSecret: 'abcdefghijklmnopqrstuvwx', nickname: 'Old' }),
    ),
  );
  await player.reload();
  await player.getByText('Your last game has ended').waitFor();
  expect(await player.evaluate(() => localStorage.getItem('overshoot:player'))).toBeNull();
});

it('a page older than the upgraded server keeps its screen under a banner asking for a reload; the reload carries on', async () => {
  const host = await world.host({ reducedMotion: true });
  await host.getByRole('button', { name: 'Create game' }).click();
  const { joinUrl } = await lobbyOf(host);
  const player = await world.phone();
  // What an upgrade does to a page loaded before it: from now on the server's views (pushed, and in
  // acknowledgements) carry a newer protocol than the page was built for.
  let upgraded = false;
  const newer = (frame: string) =>
    frame.replaceAll(`"protocol":${PROTOCOL_VERSION},`, `"protocol":${PROTOCOL_VERSION + 1},`);
  await player.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((frame) => ws.send(upgraded && typeof frame === 'string' ? newer(frame) : frame));
  });
  await joinGame(player, joinUrl, 'Zoë');
  await joinGame(await world.phone(), joinUrl, 'Quiet');
  upgraded = true;
  await host.keyboard.press('Space');
  await host.locator('.question').waitFor();
  await player.getByText('Overshoot has been updated. Reload this page to carry on').waitFor();
  // The newer view was not drawn: the lobby stays as it was under the banner, with no answers to give.
  expect(await player.locator('button.answer').count()).toBe(0);
  expectPhoneLayout(await capturePlayer(player, 'outdated-page'));

  // The reload gets the app the server serves, which speaks its protocol, and the same student.
  upgraded = false;
  await player.getByRole('button', { name: 'Reload' }).click();
  await player.getByText('What does gradient descent do?').waitFor();
  expect(await player.locator('.connection-banner').count()).toBe(0);
  await player.getByRole('button', { name: /^Diverges/ }).click();
  await player.getByText('Answer locked in').waitFor();
  await host.getByText('1 of 2 answered').waitFor();
});
