// The pages as a browser first gets them: compressed on the wire within the phones' budget, with a
// favicon and a description, and no request that fails; the nickname field holds what the server
// accepts (N1: at most 20 characters, counted as the server counts them).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NICKNAME_MAX_CHARS } from '../../shared/protocol/nickname';
import { lobbyOf, useWorld } from './harness';

const world = useWorld();

/** The player's first load: its page, script and style sheet, in bytes received (headers included). */
const PLAYER_FIRST_LOAD_BUDGET_BYTES = 35_000;

interface Received {
  url: string;
  type: string;
  status: number;
  encoding: string | undefined;
  /** Bytes received for it, headers included, as Chromium's network panel counts them. */
  wireBytes: number;
  /** Its size once decoded. */
  bodyBytes: number;
}

/** Loads `path` in a new page and returns every HTTP response it got, with its size on the wire. */
async function load(page: Page, path: string): Promise<Received[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const seen = new Map<string, Omit<Received, 'wireBytes' | 'bodyBytes'> & { bodyBytes: number }>();
  const done: Received[] = [];
  cdp.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
    );
    seen.set(e.requestId, {
      url: e.response.url,
      type: e.type,
      status: e.response.status,
      encoding: headers['content-encoding'],
      bodyBytes: 0,
    });
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.bodyBytes += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = seen.get(e.requestId);
    if (r) done.push({ ...r, wireBytes: e.encodedDataLength });
  });
  await page.goto(`${world.server.url}${path}`, { waitUntil: 'load' });
  await page.waitForFunction(() => (document.getElementById('app')?.childElementCount ?? 0) > 0);
  // Whatever the page asks for once it runs (the favicon among them) has its answer.
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return done;
}

describe('the pages on the wire', () => {
  it(`the player's first load (page, script, style) is at most ${PLAYER_FIRST_LOAD_BUDGET_BYTES / 1000} KB, brotli-compressed`, async () => {
    const page = await world.phone();
    const received = await load(page, '/');
    const firstLoad = received.filter((r) => ['Document', 'Script', 'Stylesheet'].includes(r.type));
    expect(firstLoad.map((r) => r.type).sort()).toEqual(['Document', 'Script', 'Stylesheet']);
    for (const r of firstLoad) {
      console.log(
        `player first load: ${r.type} ${new URL(r.url).pathname} ${r.wireBytes} bytes on the wire ` +
          `(${r.encoding ?? 'uncompressed'}), ${r.bodyBytes} decoded`,
      );
      expect(r.encoding, `${r.url} is sent compressed`).toBe('br');
      // The page is smaller than its headers (the security policy among them); the rest shrink a lot.
      if (r.type !== 'Document') expect(r.wireBytes).toBeLessThan(r.bodyBytes / 2);
    }
    const total = firstLoad.reduce((sum, r) => sum + r.wireBytes, 0);
    console.log(`player first load: ${total} bytes on the wire of ${PLAYER_FIRST_LOAD_BUDGET_BYTES}`);
    expect(total).toBeLessThanOrEqual(PLAYER_FIRST_LOAD_BUDGET_BYTES);
  });

  it.each(['/', '/join/123456', '/host'])(
    '%s: every request answered (no 404), a favicon and a description',
    async (path) => {
      const page = await world.phone();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      const received = await load(page, path);
      const failed = received.filter((r) => r.status >= 400).map((r) => `${r.status} ${r.url}`);
      expect(failed).toEqual([]);
      expect(errors).toEqual([]);

      const description = await page.locator('meta[name="description"]').getAttribute('content');
      expect(description?.length ?? 0).toBeGreaterThan(40);
      const icon = await page.locator('link[rel="icon"]').getAttribute('href');
      expect(icon).toBe('/favicon.svg');
      // Fetched by the page itself, so under the page's Content-Security-Policy.
      const got = await page.evaluate(async (href) => {
        const res = await fetch(href);
        return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
      }, icon ?? '');
      expect(got.status).toBe(200);
      expect(got.type).toBe('image/svg+xml');
      expect(got.text).toMatch(/^<svg /);
    },
  );
});

describe('N1: the nickname field holds at most 20 characters, counted as the server counts', () => {
  it('letters stop at 20; emoji and accents written as two code points count as one each, as on the server', async () => {
    const host = await world.host();
    await host.getByRole('button', { name: 'Create game' }).click();
    const { joinUrl } = await lobbyOf(host);
    const page = await world.phone();
    await page.goto(joinUrl);
    const field = page.getByLabel('Nickname');

    await field.fill('A'.repeat(25));
    expect(await field.inputValue()).toBe('A'.repeat(NICKNAME_MAX_CHARS));
    // Typed one key at a time, the 21st letter does not go in.
    await field.fill('');
    await field.pressSequentially('Abcdefghijklmnopqrstuvw');
    expect(await field.inputValue()).toBe('Abcdefghijklmnopqrst');
    // An emoji is one character to the server but two UTF-16 units to maxLength.
    await field.fill('😀'.repeat(21));
    expect(await field.inputValue()).toBe('😀'.repeat(NICKNAME_MAX_CHARS));
    // e + combining acute: one character once normalised (NFKC), as the server counts it.
    await field.fill('e\u0301'.repeat(NICKNAME_MAX_CHARS));
    expect(await field.inputValue()).toBe('e\u0301'.repeat(NICKNAME_MAX_CHARS));

    await field.fill('😀'.repeat(NICKNAME_MAX_CHARS));
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByText("You're in!").waitFor();
    await host.getByText('😀'.repeat(NICKNAME_MAX_CHARS)).waitFor();
  });
});
