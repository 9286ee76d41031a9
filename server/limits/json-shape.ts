// A cheap look at a JSON text's shape before JSON.parse sees it. Parsing is the expensive step for
// hostile bodies: 3 MB of "[[[[…" takes V8 about 2 s of one core, during which no game moves. One
// pass over the bytes, stopping at the first excess, refuses such bodies in well under a millisecond
// and reads a legitimate 3 MB deck in a few.
//
// The bounds come from the deck format (docs/scenarios.md): a deck file is 5 levels deep
// (deck → rounds → round → cost → x), its longest list is a data set of SCENARIO_LIMITS.maxPoints
// numbers (or DECK_ROUNDS_MAX rounds), its longest text is a title of DECK_TITLE_MAX_CHARS
// characters. Each bound below leaves room above that.
import { SCENARIO_LIMITS } from '../../shared/engine/schema';
import { DECK_TITLE_MAX_CHARS } from '../../shared/protocol/deck';
import { DECK_ROUNDS_MAX } from '../../shared/protocol/schemas';

export interface JsonShapeLimits {
  /** Nested objects and arrays. */
  depth: number;
  /** Items of one array, or keys of one object. */
  items: number;
  /** Bytes of one string, quotes and escapes included. */
  stringBytes: number;
  /** Bytes of one number or literal. */
  tokenBytes: number;
}

export const DECK_SHAPE: JsonShapeLimits = {
  depth: 8,
  items: 2 * Math.max(SCENARIO_LIMITS.maxPoints, DECK_ROUNDS_MAX),
  // "\uD83D\uDE00" is 12 bytes for one character: the longest way to write a title.
  stringBytes: 12 * DECK_TITLE_MAX_CHARS + 2,
  // -1.2345678901234567e-100 is 24; a hand-typed number may carry more digits than a double keeps.
  tokenBytes: 64,
};

/** Undefined when the text stays within `limits`, else a sentence saying which bound it passes. */
export function jsonShapeProblem(text: Uint8Array, limits: JsonShapeLimits = DECK_SHAPE): string | undefined {
  // items[d] counts the separators seen in the container open at depth d; the items are one more.
  const items: number[] = [];
  let depth = 0;
  let token = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === 0x22 /* " */) {
      const end = Math.min(text.length, i + limits.stringBytes);
      for (i++; i < end && text[i] !== 0x22; i++) if (text[i] === 0x5c /* \ */) i++;
      if (i >= end && end < text.length) return `a text in it is longer than ${limits.stringBytes} bytes`;
      token = 0;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > limits.depth) return `it is nested more than ${limits.depth} levels deep`;
      items[depth] = 0;
      token = 0;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
      token = 0;
    } else if (c === 0x2c /* , */) {
      const n = (items[depth] ?? 0) + 1;
      items[depth] = n;
      if (n >= limits.items) return `a list in it has more than ${limits.items} items`;
      token = 0;
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3a /* : */) {
      token = 0;
    } else if (++token > limits.tokenBytes) {
      return `a number in it is longer than ${limits.tokenBytes} characters`;
    }
  }
  return undefined;
}
