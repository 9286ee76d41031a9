// The return trip: a warm-up deck aimed at what a class got wrong, none of its rounds one of the
// original game's, every round at least 15 % from a boundary (the generator's BOUNDARY_MARGIN, the
// checks written out again here), the same deck for the same seed.
import { describe, expect, it } from 'vitest';
import {
  BOUNDARY_MARGIN,
  generateWarmupDeck,
  isFairFollowUpRound,
  type MisconceptionId,
  raceAlphas,
  roundKey,
  simulate,
  testedBy,
  WARMUP_AIMED,
  WARMUP_ROUNDS,
} from '../../shared/engine/index';
import { parseDeck, toDeckFile } from '../../shared/protocol/deck';

type Round = ReturnType<typeof generateWarmupDeck>['rounds'][number];

function checkMargins(rounds: readonly Round[]) {
  expect(BOUNDARY_MARGIN).toBe(0.15);
  for (const r of rounds) {
    expect(isFairFollowUpRound(r)).toBe(true);
    if (r.type === 'predict') {
      const { ratio, outcome } = simulate(r.scenario);
      // 15 % of each boundary: |r − 1| ≥ 0.15 and |r − 2| ≥ 0.3.
      expect(Math.abs(ratio - 1)).toBeGreaterThanOrEqual(0.15 - 1e-9);
      expect(Math.abs(ratio - 2)).toBeGreaterThanOrEqual(0.3 - 1e-9);
      expect(outcome).not.toBe('oscillates');
    }
    if (r.type === 'fastest') expect(raceAlphas(r.problem, r.alphas).lead).toBeGreaterThanOrEqual(1.25);
  }
}

describe('warm-up deck', () => {
  it.each<[number, MisconceptionId[]]>([
    [11, ['zigzag-not-convergence', 'overshoot-diverges']],
    [12, ['small-alpha-safe']],
    [13, ['factor-two-slip', 'start-ignored', 'large-alpha-unsafe']],
    [14, ['bigger-faster', 'onset-for-bound']],
  ])('seed %i aims 4 of its 5 rounds at %j in turn, and holds the margins', (seed, targets) => {
    const deck = generateWarmupDeck(seed, targets, { title: 'Week 4' });
    expect(generateWarmupDeck(seed, targets, { title: 'Week 4' }), 'same seed, same deck').toEqual(deck);
    expect(deck.title).toBe('Warm-up: Week 4');
    expect(deck.rounds).toHaveLength(WARMUP_ROUNDS);
    const aimed = deck.rounds.filter((r) => r.tags !== undefined);
    expect(aimed).toHaveLength(WARMUP_AIMED);
    // Each target in turn: 4 rounds over 2 targets is 2 each; over 3, 2, 1 and 1.
    for (const [i, target] of targets.entries()) {
      const mine = aimed.filter((r) => r.tags?.[0] === target);
      expect(mine.length, target).toBe(
        Math.floor(WARMUP_AIMED / targets.length) + (i < WARMUP_AIMED % targets.length ? 1 : 0),
      );
      for (const r of mine) expect(testedBy({ ...r, tags: undefined })).toContain(target);
    }
    checkMargins(deck.rounds);
    expect(new Set(deck.rounds.map(roundKey)).size, 'no round twice').toBe(WARMUP_ROUNDS);
    // A deck file the API accepts.
    expect(parseDeck(toDeckFile(deck)).ok).toBe(true);
  });

  it('repeats no round of the original game, even one the same seed would otherwise generate', () => {
    const targets: MisconceptionId[] = ['zigzag-not-convergence', 'small-alpha-safe'];
    const unconstrained = generateWarmupDeck(21, targets, { title: 'Week 4' });
    const warmup = generateWarmupDeck(21, targets, { title: 'Week 4', avoid: unconstrained.rounds });
    const before = new Set(unconstrained.rounds.map(roundKey));
    expect(warmup.rounds).toHaveLength(WARMUP_ROUNDS);
    for (const r of warmup.rounds) expect(before.has(roundKey(r))).toBe(false);
    checkMargins(warmup.rounds);
  });

  it('roundKey ignores seconds and tags but not α', () => {
    const round: Round = {
      type: 'predict',
      scenario: { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.8 },
    };
    expect(roundKey({ ...round, tags: ['factor-two-slip'] })).toBe(roundKey(round));
    expect(roundKey({ ...round, scenario: { ...round.scenario, alpha: 0.7 } })).not.toBe(roundKey(round));
  });
});
