// M5: follow-up decks aimed at a class's misconceptions, held to the generator's rules: the checks
// are written out again here (bands, margins, a race's lead) rather than calling isFairRound.
import { describe, expect, it } from 'vitest';
import {
  type Answer,
  FOLLOW_UP_AIMED,
  generateFollowUpDeck,
  MISCONCEPTION_IDS,
  type MisconceptionId,
  raceAlphas,
  simulate,
  testedBy,
} from '../../shared/engine/index';
import { parseDeck, toDeckFile } from '../../shared/protocol/deck';

const SLOW = { timeout: 120_000 };

function checkDeck(seed: number, targets: MisconceptionId[]) {
  const deck = generateFollowUpDeck(seed, targets);
  expect(generateFollowUpDeck(seed, targets), 'the same seed, the same deck').toEqual(deck);
  expect(deck.title.startsWith('Follow-up: ')).toBe(true);
  expect([...deck.title].length).toBeLessThanOrEqual(100);
  for (const target of targets.slice(0, 3)) {
    const aimed = deck.rounds.filter((r) => r.tags?.includes(target));
    expect(aimed.length, target).toBe(FOLLOW_UP_AIMED);
    // The round tests the idea by the engine's own reading, not only by its tag.
    for (const r of aimed) expect(testedBy({ ...r, tags: undefined })).toContain(target);
  }
  const outcomes: Answer[] = [];
  for (const r of deck.rounds) {
    if (r.type === 'predict') {
      const sim = simulate(r.scenario);
      // Never ambiguous: at least 15 % from r = 1 and from r = 2.
      expect(Math.abs(sim.ratio - 1)).toBeGreaterThanOrEqual(0.15 - 1e-9);
      expect(Math.abs(sim.ratio - 2)).toBeGreaterThanOrEqual(0.3 - 1e-9);
      expect(sim.outcome).not.toBe('oscillates');
      outcomes.push(sim.outcome as Answer);
    }
    if (r.type === 'fastest') {
      const race = raceAlphas(r.problem, r.alphas);
      expect(race.winner).not.toBeNull();
      expect(race.lead).toBeGreaterThanOrEqual(1.25);
    }
  }
  // Balanced: the prediction rounds' outcomes differ in count by at most one.
  if (outcomes.length > 0) {
    const counts = (['converges', 'zigzag', 'diverges'] as const).map(
      (o) => outcomes.filter((x) => x === o).length,
    );
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  }
  // A deck the server takes as it is.
  const parsed = parseDeck(toDeckFile(deck));
  expect(parsed.ok, parsed.ok ? '' : parsed.error).toBe(true);
  return deck;
}

describe('M5 follow-up decks', () => {
  it.each(MISCONCEPTION_IDS)('aimed at "%s" alone: fair, balanced, deterministic', SLOW, (id) => {
    for (const seed of [1, 2, 3]) checkDeck(seed, [id]);
  });

  it('aims at the first three misconceptions named, in one shuffled deck', SLOW, () => {
    const deck = checkDeck(42, [
      'zigzag-not-convergence',
      'start-ignored',
      'bigger-faster',
      'onset-for-bound',
    ]);
    expect(deck.rounds.some((r) => r.tags?.includes('onset-for-bound'))).toBe(false);
    // Three names are longer than a deck's title may be (100 characters): cut with an ellipsis.
    expect(deck.title).toMatch(
      /^Follow-up: A zig-zag is not convergence; The start does not matter off a parabola; A bigger .*…$/,
    );
    expect(generateFollowUpDeck(43, ['zigzag-not-convergence'])).not.toEqual(
      generateFollowUpDeck(42, ['zigzag-not-convergence']),
    );
  });

  it('refuses an empty list', () => {
    expect(() => generateFollowUpDeck(1, [])).toThrow(RangeError);
  });
});
