// Decks at the editor's own limits, and bodies built to hurt the parser, for the abuse tests.
import { SCENARIO_LIMITS } from '../../shared/engine/schema';
import { DECK_TITLE_MAX_CHARS } from '../../shared/protocol/deck';
import { DECK_ROUNDS_MAX } from '../../shared/protocol/schemas';

/** A seeded stream in [0, 1), so every run measures the same deck. */
function seeded(seed = 1) {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

/**
 * The largest deck the editor allows: DECK_ROUNDS_MAX regression rounds of maxPoints points, every
 * number a double at full precision within ±1e6 (as measured or computed data prints).
 */
export function largestDeck() {
  const random = seeded();
  const value = () => (random() * 2 - 1) * 1e6;
  const points = () => Array.from({ length: SCENARIO_LIMITS.maxPoints }, value);
  return {
    title: 'D'.repeat(DECK_TITLE_MAX_CHARS),
    rounds: Array.from({ length: DECK_ROUNDS_MAX }, () => ({
      cost: { kind: 'linreg', x: points(), y: points() },
      start: [value(), value()],
      alpha: 0.000123456789012345,
      seconds: 60,
    })),
  };
}

/** A deck of about `bytes` bytes of JSON: regression rounds of full-precision points. */
export function deckOfSize(bytes: number, title = 'Flood') {
  const random = seeded(7);
  const value = () => (random() * 2 - 1) * 1e6;
  // One point pair is ~40 bytes; a round of maxPoints pairs ~19 KB.
  const perRound = SCENARIO_LIMITS.maxPoints * 2 * 19;
  const rounds = Math.max(1, Math.min(DECK_ROUNDS_MAX, Math.round(bytes / perRound)));
  const points = () => Array.from({ length: SCENARIO_LIMITS.maxPoints }, value);
  return {
    title,
    rounds: Array.from({ length: rounds }, () => ({
      cost: { kind: 'linreg', x: points(), y: points() },
      start: [0, 0],
      alpha: 0.001,
    })),
  };
}

/** `[[[[…1…]]]]` of exactly `bytes` bytes (give or take one). */
export function nestedArrays(bytes: number): string {
  const depth = Math.floor((bytes - 1) / 2);
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

/** `{"a":{"a":…}}` of about `bytes` bytes. */
export function nestedObjects(bytes: number): string {
  const depth = Math.floor((bytes - 1) / 6);
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}
