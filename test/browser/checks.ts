// Assertions on the layout rules of the issue, shared by the browser tests.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  accessibilityViolations,
  HOST_MIN_FONT_PX,
  LIBRARY_MIN_FONT_PX,
  PLAYER_MIN_FONT_PX,
  type ScreenCheck,
} from './harness';

/** axe-core finds nothing serious or critical on the page as it is now; `screen` names it in a failure. */
export async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  expect(await accessibilityViolations(page), `axe on ${screen}`).toEqual([]);
}

export function expectPhoneLayout(check: ScreenCheck): void {
  for (const l of check.layouts) {
    const where = `player ${check.name} at ${l.size}`;
    expect(l.scrollWidth, `${where}: no horizontal scrolling`).toBeLessThanOrEqual(l.innerWidth);
    expect(l.minFontPx, `${where}: smallest text ${l.smallest.join('; ')}`).toBeGreaterThanOrEqual(
      PLAYER_MIN_FONT_PX,
    );
  }
}

export function expectProjectorLayout(check: ScreenCheck): void {
  for (const l of check.layouts) {
    const where = `host ${check.name} at ${l.size}`;
    expect(l.scrollWidth, `${where}: no horizontal scrolling`).toBeLessThanOrEqual(l.innerWidth);
    expect(l.scrollHeight, `${where}: no vertical scrolling`).toBeLessThanOrEqual(l.innerHeight);
    // The rule is 24 px at 720p; the text only grows on a bigger screen.
    expect(l.minFontPx, `${where}: smallest text ${l.smallest.join('; ')}`).toBeGreaterThanOrEqual(
      HOST_MIN_FONT_PX,
    );
  }
}

/** The instructor's pages are read at a laptop: 16 px text, and they may scroll down but not across. */
export function expectLibraryLayout(check: ScreenCheck): void {
  for (const l of check.layouts) {
    const where = `host ${check.name} at ${l.size}`;
    expect(l.scrollWidth, `${where}: no horizontal scrolling`).toBeLessThanOrEqual(l.innerWidth);
    expect(l.minFontPx, `${where}: smallest text ${l.smallest.join('; ')}`).toBeGreaterThanOrEqual(
      LIBRARY_MIN_FONT_PX,
    );
  }
}

/**
 * English words the plots' English catalog uses and French does not; "minimum", "distance", "log",
 * "gradient" and "option" are French too. Letters on either side end a word, accented ones included.
 */
const ENGLISH =
  /(?<!\p{L})(the|of|and|with|step|steps|off|chart|start|descent|visits|contours|around|per|scale|steep|component|guesses|none|each|mark|finish|finishes|never|iteration|converges|zig-zags|diverges|directly|bounces|answer|correct|zoom)(?!\p{L})/iu;

/** Every word a person can see or hear in the page's plots: their text, their labels for a screen reader. */
export async function plotWords(page: Page): Promise<string[]> {
  return page
    .locator('svg.plot')
    .evaluateAll((svgs) =>
      svgs.flatMap((svg) => [
        ...[svg, ...svg.querySelectorAll('[aria-label]')].map((el) => el.getAttribute('aria-label') ?? ''),
        ...[...svg.querySelectorAll('text, title, desc')].map((el) => el.textContent ?? ''),
      ]),
    );
}

/** On a French page: no English word and no decimal point in any plot; the words, for more checks. */
export async function expectFrenchPlots(page: Page, where: string): Promise<string> {
  const words = (await plotWords(page)).filter((w) => w.trim() !== '');
  expect(words.length, `${where}: plots with words`).toBeGreaterThan(0);
  for (const w of words) {
    expect(w, `${where}: an English word`).not.toMatch(ENGLISH);
    expect(w, `${where}: a decimal point`).not.toMatch(/\d\.\d/);
  }
  return words.join('\n');
}
