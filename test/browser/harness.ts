// The browser tests' world: the real server (in-process, port 0, manual game clock) serving the
// production build, and the machine's Chromium (test/browser/find-chromium.ts) driven by
// playwright-core. Every server and browser made here is closed by the test file that made it
// (useWorld closes its own).
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Download, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { type App, createApp, DEFAULT_STATIC_DIR } from '../../server/app';
import { createManualClock, type ManualClock } from '../../server/room/clock';
import { teacher as enTeacher } from '../../shared/i18n/en/teacher';
import { teacher as frTeacher } from '../../shared/i18n/fr/teacher';
import { CHROMIUM_ARGS, chromiumPath } from './find-chromium';

export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/browser/', import.meta.url));

export const PHONE = { width: 390, height: 844 };
export const SMALL_PHONE = { width: 360, height: 640 };
export const PROJECTOR = { width: 1280, height: 720 };
export const BIG_PROJECTOR = { width: 1920, height: 1080 };

export interface TestServer {
  app: App;
  url: string;
  port: number;
  clock: ManualClock;
  /** Stops accepting connections and drops every open one, as a dead Wi-Fi or server would. */
  cut(): Promise<void>;
  /** Listens again on the same port; clients reconnect by themselves. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `dataDir`: keep games, decks and reports in a real SQLite file there (as `npm start` with DATA_DIR
 * does), so a test can prove they survive; by default everything lives in memory. `port`: listen on
 * that port (a restarted server on the same address, so the pages' origin and storage stay the same).
 */
export async function startServer(options: { dataDir?: string; port?: number } = {}): Promise<TestServer> {
  const clock = createManualClock();
  const app = createApp({
    staticDir: DEFAULT_STATIC_DIR,
    clock,
    log: () => {},
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  await new Promise<void>((resolve) => app.httpServer.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    port,
    clock,
    async cut() {
      app.httpServer.close();
      for (const socket of app.io.sockets.sockets.values()) socket.conn.close();
      app.httpServer.closeAllConnections();
    },
    async restore() {
      await new Promise<void>((resolve) => app.httpServer.listen(port, '127.0.0.1', resolve));
    },
    close: () => app.close(),
  };
}

export interface DeviceOptions {
  reducedMotion?: boolean;
  /** The browser's language (its Accept-Language and navigator.languages), e.g. 'fr-FR'; en-US by default. */
  locale?: string;
}

export interface TestBrowser {
  browser: Browser;
  /** A new, separate browser profile (its own localStorage), like another person's device. */
  device(size: { width: number; height: number }, options?: DeviceOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The browser a test file drives: the run's one Chromium (started by test/browser/global-setup.ts,
 * which offers its address as `chromiumEndpoint`), or one of the file's own when the run started
 * none. Launching Chromium for each of some twenty files cost one to two seconds apiece; what a file
 * could carry over to the next lives in its contexts (each device below is a fresh one, its own
 * storage and cache), and the file closes all of them, so sharing the process shares no state.
 */
async function openBrowser(): Promise<Browser> {
  const endpoint = inject('chromiumEndpoint');
  if (endpoint) return chromium.connect(endpoint);
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await openBrowser();
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async device(size, options = {}) {
      const context = await browser.newContext({
        viewport: size,
        deviceScaleFactor: 1,
        reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
        locale: options.locale ?? 'en-US',
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => {
        throw new Error(`page error on ${page.url()}: ${error.message}`);
      });
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      // A shared browser is only let go of here (Playwright disconnects); one of the file's own ends.
      await browser.close();
    },
  };
}

export interface World {
  /** A test may replace it (a restart on the same port); the one here at the end is closed. */
  server: TestServer;
  browser: TestBrowser;
  /** With `sqlite`: the SQLite DATA_DIR, a fresh temporary folder removed after the file's tests. */
  dataDir: string | undefined;
  /** A student's phone at 390×844. */
  phone(options?: DeviceOptions): Promise<Page>;
  /** The projector at 1280×720, on the host app's first page. */
  host(options?: DeviceOptions): Promise<Page>;
}

/** Waits for a whole screen rather than Playwright's 30 s: a class's screens answer in well under that. */
const PAGE_TIMEOUT_MS = 10_000;

/**
 * One server and one browser for a test file, started before its tests and closed after them.
 * `sqlite`: keep the server's data in a SQLite file (see startServer).
 */
export function useWorld(options: { sqlite?: boolean } = {}): World {
  const world: World = {
    server: undefined as unknown as TestServer,
    browser: undefined as unknown as TestBrowser,
    dataDir: undefined,
    async phone(phoneOptions = {}) {
      const page = await world.browser.device(PHONE, phoneOptions);
      page.setDefaultTimeout(PAGE_TIMEOUT_MS);
      return page;
    },
    async host(hostOptions = {}) {
      const page = await world.browser.device(PROJECTOR, hostOptions);
      page.setDefaultTimeout(PAGE_TIMEOUT_MS);
      await page.goto(`${world.server.url}/host`);
      return page;
    },
  };
  beforeAll(async () => {
    if (options.sqlite) world.dataDir = mkdtempSync(join(tmpdir(), 'overshoot-browser-'));
    world.server = await startServer(world.dataDir ? { dataDir: world.dataDir } : {});
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.server?.close();
    if (world.dataDir) rmSync(world.dataDir, { recursive: true, force: true });
  });
  return world;
}

/** The game's code and join address, as the lobby on the projector shows them. */
export async function lobbyOf(host: Page): Promise<{ code: string; joinUrl: string }> {
  await host.locator('.code-huge').waitFor();
  const code = (await host.locator('.code-huge').textContent())!.replace(/\D/g, '');
  const joinUrl = (await host.locator('.join-url').textContent())!.trim();
  return { code, joinUrl };
}

/** A student follows the join address (the code comes with it), picks a nickname and is in. */
export async function joinGame(page: Page, joinUrl: string, nickname: string): Promise<void> {
  await page.goto(joinUrl);
  await page.getByLabel('Nickname').fill(nickname);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByText("You're in!").waitFor();
}

/** Waits for question `round` (from 0) of `rounds` on a phone or the projector. */
export async function waitForQuestion(page: Page, round: number, rounds: number): Promise<void> {
  await page
    .getByText(`Question ${round + 1} of ${rounds}`)
    .first()
    .waitFor();
  await page.locator('.question').waitFor();
}

/**
 * Waits for the phone to show its answer locked in, or the reveal itself when it was the last answer
 * the round waited for (its "Watch the screen" while the projector plays the run, or its result); a
 * failure says what the phone shows instead.
 */
export async function waitForLock(page: Page): Promise<void> {
  await page
    .getByText('Answer locked in')
    .or(page.locator('.reveal').first())
    .waitFor()
    .catch(async (error: Error) => {
      throw new Error(`${error.message}\nthe phone shows: ${await page.locator('main').textContent()}`);
    });
}

/**
 * Waits for the animated plot at `selector` (it carries data-shown and data-total) to be part way
 * through its steps (at least two drawn, some left), or to have drawn them all.
 */
export async function waitForSteps(page: Page, selector: string, when: 'partway' | 'all'): Promise<void> {
  if (when === 'partway')
    await page.waitForFunction((sel) => {
      const el = document.querySelector(sel);
      const shown = Number(el?.getAttribute('data-shown'));
      return shown >= 2 && shown < Number(el?.getAttribute('data-total'));
    }, selector);
  else
    await page.waitForFunction(
      (sel) => {
        const el = document.querySelector(sel);
        return el !== null && el.getAttribute('data-shown') === el.getAttribute('data-total');
      },
      selector,
      // The whole run at the animation's pace.
      { timeout: 15_000 },
    );
}

/**
 * Calls the host app's /api as this browser's instructor (the key the host app keeps in
 * localStorage): the status and the JSON body.
 */
export async function instructorApi(
  page: Page,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ path, body }) => {
      const key = localStorage.getItem('overshoot:instructor');
      const res = await fetch(
        path,
        body === undefined
          ? { headers: { authorization: `Bearer ${key}` } }
          : {
              method: 'POST',
              headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
              body: JSON.stringify(body),
            },
      );
      return { status: res.status, json: (await res.json()) as unknown };
    },
    { path, body },
  );
}

/**
 * What a download holds, as text. Read as a stream: the run's Chromium is shared over a connection
 * (launchBrowser), where Playwright keeps no local path for a download.
 */
export async function downloadedText(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes test-results/browser/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });
}

export interface Layout {
  scrollWidth: number;
  scrollHeight: number;
  innerWidth: number;
  innerHeight: number;
  /** The smallest computed font size among visible text, px, with a sample of where. */
  minFontPx: number;
  smallest: string[];
}

/** Measures what the layout rules speak of: overflow, and the size of every visible piece of text. */
export async function measureLayout(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const sizes: Array<[number, string]> = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const el = node.parentElement;
      if (!text || !el) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      // Hidden <option>s of a closed <select> have no box of their own; the select's text counts.
      if (el.closest('option')) continue;
      sizes.push([
        Number.parseFloat(style.fontSize),
        `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}: "${text.slice(0, 30)}"`,
      ]);
    }
    sizes.sort((a, b) => a[0] - b[0]);
    const root = document.documentElement;
    return {
      scrollWidth: root.scrollWidth,
      scrollHeight: root.scrollHeight,
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
      minFontPx: sizes[0]?.[0] ?? Number.POSITIVE_INFINITY,
      smallest: sizes.slice(0, 5).map(([px, where]) => `${px}px ${where}`),
    };
  });
}

let axeSource: Promise<string> | null = null;

/** axe-core's serious and critical violations on the page as it is now. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  axeSource ??= readFile(
    fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)),
    'utf8',
  );
  const hasAxe = await page.evaluate(() => 'axe' in window);
  // Evaluated through the DevTools protocol rather than added as a <script>: the server's
  // Content-Security-Policy rightly refuses inline scripts, and the test must not weaken it.
  if (!hasAxe) await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(): Promise<{
            violations: Array<{
              id: string;
              impact: string;
              help: string;
              nodes: Array<{ target: unknown }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(' ')}`);
}

/** Player rule: no text under 16 px, no horizontal scrolling. */
export const PLAYER_MIN_FONT_PX = 16;
/** The instructor's pages at a laptop: no text under 16 px, no horizontal scrolling. */
export const LIBRARY_MIN_FONT_PX = 16;
/** Host rule: no text under 24 px at 1280×720, no scrolling at all. */
export const HOST_MIN_FONT_PX = 24;

export interface ScreenCheck {
  name: string;
  layouts: Array<{ size: string } & Layout>;
}

async function atSize<T>(
  page: Page,
  size: { width: number; height: number },
  run: () => Promise<T>,
): Promise<T> {
  const before = page.viewportSize();
  if (before?.width !== size.width || before?.height !== size.height) {
    await page.setViewportSize(size);
    // Plots measure their box after a resize (ResizeObserver), then draw: let that settle.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
  }
  try {
    return await run();
  } finally {
    if (before && (before.width !== size.width || before.height !== size.height))
      await page.setViewportSize(before);
  }
}

/**
 * Screenshots a phone screen at 390×844 and 360×640 and measures it at both sizes; the caller
 * asserts on the result (so a failure names the screen).
 */
export async function capturePlayer(page: Page, name: string): Promise<ScreenCheck> {
  const layouts: ScreenCheck['layouts'] = [];
  for (const size of [PHONE, SMALL_PHONE]) {
    await atSize(page, size, async () => {
      await screenshot(page, `player-${name}-${size.width}x${size.height}`);
      layouts.push({ size: `${size.width}x${size.height}`, ...(await measureLayout(page)) });
    });
  }
  return { name, layouts };
}

/**
 * An instructor's page (decks, the editor, reports): used at a laptop, so 1280×720 only, the whole
 * page (it may scroll down) in the screenshot.
 */
export async function captureLibrary(page: Page, name: string): Promise<ScreenCheck> {
  return atSize(page, PROJECTOR, async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, `host-${name}-1280x720.png`), fullPage: true });
    return { name, layouts: [{ size: '1280x720', ...(await measureLayout(page)) }] };
  });
}

/** The same for the projector, at 1280×720 and 1920×1080. */
export async function captureHost(page: Page, name: string): Promise<ScreenCheck> {
  const layouts: ScreenCheck['layouts'] = [];
  for (const size of [PROJECTOR, BIG_PROJECTOR]) {
    await atSize(page, size, async () => {
      await screenshot(page, `host-${name}-${size.width}x${size.height}`);
      layouts.push({ size: `${size.width}x${size.height}`, ...(await measureLayout(page)) });
    });
  }
  return { name, layouts };
}

/**
 * Saves `deck` under this browser's instructor key, as the editor would, and opens a game of it from
 * My decks: the lobby's code and join address.
 */
export async function playSavedDeck(
  host: Page,
  deck: { title: string },
): Promise<{ code: string; joinUrl: string }> {
  // The host page speaks its browser's language (or the one picked): its labels come from that catalog.
  await host.locator('form.create button[type="submit"]').waitFor();
  const t = (await host.locator('html').getAttribute('lang')) === 'fr' ? frTeacher : enTeacher;
  const saved = await instructorApi(host, '/api/decks', deck);
  if (saved.status !== 201)
    throw new Error(`saving the deck: HTTP ${saved.status}, ${JSON.stringify(saved.json)}`);
  await host.getByRole('link', { name: t.myDecks }).click();
  await host.getByRole('button', { name: t.playNamed(deck.title) }).click();
  return lobbyOf(host);
}
