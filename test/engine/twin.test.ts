// PI9: a round's twin, held to the generator's rules written out again (band, 15 % margin, balanced
// start) over generated decks of every difficulty, the built-in deck, hand-written rounds and the
// generator's own fallbacks, with many seeds each.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FALLBACK_ROUNDS, isFairRound } from '../../shared/engine/generate';
import {
  ANSWERS,
  type Answer,
  BUILTIN_DECK,
  DIFFICULTIES,
  eigenComponents,
  generateDeck,
  generateRound,
  generateTwin,
  isNiceAlpha,
  ROUND_BANDS,
  type Scenario,
  simulate,
} from '../../shared/engine/index';
import { fallbackTwin } from '../../shared/engine/twin';
import { PROPERTY_SEED } from './arbitraries';

const SLOW = { timeout: 120_000 };
const SEEDS = [0, 1, 2, 7, 42, 1234, 99_999, 2 ** 31 - 1];

const outcomeOf = (s: Scenario) => simulate(s).outcome;

function checkTwin(original: Scenario, seed: number) {
  const twin = generateTwin(original, seed);
  expect(twin, 'a round with an answer has a twin').not.toBeNull();
  if (twin === null) return;
  expect(generateTwin(original, seed), 'the same seed, the same twin').toEqual(twin);
  expect(twin.cost.kind, 'the same kind of cost').toBe(original.cost.kind);
  const was = simulate(original);
  const sim = simulate(twin);
  expect(sim.outcome, 'the same outcome').toBe(was.outcome);
  const outcome = sim.outcome as Answer;
  const [lo, hi] = ROUND_BANDS[outcome];
  expect(sim.ratio).toBeGreaterThanOrEqual(lo);
  expect(sim.ratio).toBeLessThanOrEqual(hi);
  // Never ambiguous: at least 15 % from r = 1 and from r = 2.
  expect(Math.abs(sim.ratio - 1)).toBeGreaterThanOrEqual(0.15 - 1e-9);
  expect(Math.abs(sim.ratio - 2)).toBeGreaterThanOrEqual(0.3 - 1e-9);
  expect(isNiceAlpha(twin.alpha)).toBe(true);
  // Every eigen-direction of a 2-D start carries at least 30 % of the distance.
  const z = eigenComponents(twin.cost, twin.start);
  const d = Math.hypot(...z);
  expect(d).toBeGreaterThan(0);
  if (z.length === 2) for (const zi of z) expect(Math.abs(zi)).toBeGreaterThanOrEqual(0.3 * d - 1e-9);
  // Other numbers: the original's reveal stated its α thresholds; the twin's are not those.
  expect(JSON.stringify([twin.cost, twin.start])).not.toBe(JSON.stringify([original.cost, original.start]));
  expect(sim.thresholds.divergeFrom).not.toBe(was.thresholds.divergeFrom);
  return twin;
}

describe('PI9 twin of a prediction round', () => {
  it.each(DIFFICULTIES)(
    'generated %s rounds: same kind and outcome, other numbers, fair, deterministic',
    SLOW,
    (difficulty) => {
      const rounds = generateDeck(2026, { difficulty, rounds: 12 });
      for (const round of rounds) for (const seed of SEEDS) checkTwin(round, seed);
    },
  );

  it('the built-in deck and hand-written rounds far from the bands', SLOW, () => {
    const handWritten: Scenario[] = [
      // r = 1.95: a zig-zag a hair from the boundary still gets a twin well inside its band.
      { cost: { kind: 'quadratic', a: 3, c: 0 }, start: [4], alpha: 0.65 },
      // r = 0.01: converging very slowly.
      { cost: { kind: 'quadratic', a: 0.1, c: 2 }, start: [-7], alpha: 0.1 },
      { cost: { kind: 'quartic', b: 0.7 }, start: [2.7], alpha: 0.05 },
      {
        cost: { kind: 'bowl', eigenvalues: [7, 0.3], angle: 33, center: [1.5, -2] },
        start: [4, 4],
        alpha: 0.2,
      },
      { cost: { kind: 'linreg', x: [0, 1, 2, 3, 10], y: [1, 2, 2.5, 4, 9] }, start: [0, 0], alpha: 0.05 },
    ];
    for (const round of [...BUILTIN_DECK.rounds, ...handWritten])
      if (outcomeOf(round) !== 'oscillates') for (const seed of SEEDS.slice(0, 4)) checkTwin(round, seed);
  });

  it(
    "the generator's fallback rounds, whose twin may be a fallback itself, still get other numbers",
    SLOW,
    () => {
      for (const kind of Object.keys(FALLBACK_ROUNDS) as Array<keyof typeof FALLBACK_ROUNDS>)
        for (const outcome of ANSWERS)
          for (const seed of SEEDS) checkTwin(FALLBACK_ROUNDS[kind][outcome], seed);
    },
  );

  it('the last resort, when no seed gives a twin, is fair and has other numbers, even for a fallback round', () => {
    for (const kind of Object.keys(FALLBACK_ROUNDS) as Array<keyof typeof FALLBACK_ROUNDS>)
      for (const outcome of ANSWERS) {
        const original = FALLBACK_ROUNDS[kind][outcome];
        const twin = fallbackTwin(original, outcome);
        expect(isFairRound(twin, outcome), `${kind} ${outcome}`).toBe(true);
        expect(JSON.stringify([twin.cost, twin.start])).not.toBe(
          JSON.stringify([original.cost, original.start]),
        );
      }
  });

  it('property: any generated round of any kind, difficulty and outcome, with any seed', SLOW, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0x7fffffff }),
        fc.integer({ min: 0, max: 0x7fffffff }),
        fc.constantFrom(...DIFFICULTIES),
        fc.constantFrom(...ANSWERS),
        fc.constantFrom('quadratic', 'bowl', 'linreg', 'quartic' as const),
        (roundSeed, twinSeed, difficulty, outcome, kind) => {
          checkTwin(generateRound(roundSeed, { difficulty, outcome, kind }), twinSeed);
        },
      ),
      { numRuns: 400, seed: PROPERTY_SEED },
    );
  });

  it('different seeds give different twins', () => {
    const original: Scenario = { cost: { kind: 'quadratic', a: 4, c: 1 }, start: [5], alpha: 0.4 };
    const twins = new Set(SEEDS.map((seed) => JSON.stringify(generateTwin(original, seed))));
    expect(twins.size).toBeGreaterThan(1);
  });

  it('the exact r = 2 bounce has no answer to twin: null', () => {
    expect(generateTwin({ cost: { kind: 'quadratic', a: 4, c: 0 }, start: [3], alpha: 0.5 }, 1)).toBeNull();
  });
});
