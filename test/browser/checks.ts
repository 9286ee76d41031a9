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
