// Generated rounds must never be ambiguous and decks must be fair. The checks here are written out
// again from DESIGN.md rather than calling the engine's own isFairRound.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FALLBACK_ROUNDS } from '../../shared/engine/generate';
import {
  ANSWERS,
  BUILTIN_DECK,
  eigenComponents,
  generateDeck,
  generateRound,
  LECTURE_DATASET,
  parseScenario,
  simulate,
} from '../../shared/engine/index';
import type { Answer, CostKind, Difficulty, Outcome, Scenario } from '../../shared/engine/types';
import { propertyOptions } from './arbitraries';

const SLOW = { timeout: 120_000 };
// Every band at least 15 % from r = 1 and from r = 2 (relative to the boundary): |r − 1| ≥ 0.15 and
// |r − 2| ≥ 0.3.
const BANDS: Record<Answer, [number, number]> = {
  converges: [0.2, 0.85],
  zigzag: [1.15, 1.7],
  diverges: [2.3, 3.0],
};
const KINDS: Record<Difficulty, CostKind[]> = {
  easy: ['quadratic'],
  medium: ['quadratic', 'bowl'],
  hard: ['bowl', 'linreg', 'quartic'],
};

/** One or two significant digits. */
const isNiceAlpha = (alpha: number) => Number(alpha.toPrecision(2)) === alpha;
/** An integer or one decimal. */
const isNiceNumber = (x: number) => Number.isFinite(x) && Math.round(x * 10) / 10 === x;

function numbersOf(scenario: Scenario): number[] {
  const { cost } = scenario;
  const parameters = (() => {
    switch (cost.kind) {
      case 'quadratic':
        return [cost.a, cost.c];
      case 'quartic':
        return [cost.b];
      case 'bowl':
        return [...cost.eigenvalues, cost.angle, ...cost.center];
      case 'linreg':
        return [...cost.x, ...cost.y];
    }
  })();
  return [...parameters, ...scenario.start];
}

/** Every rule of a fair generated round, with the reason of the first one broken. */
function unfairness(scenario: Scenario, outcome: Answer): string | undefined {
  if (!parseScenario(scenario).ok) return 'does not parse';
  const sim = simulate(scenario);
  if (sim.outcome !== outcome) return `outcome ${sim.outcome}`;
  const [lo, hi] = BANDS[outcome];
  if (!(sim.ratio >= lo && sim.ratio <= hi)) return `ratio ${sim.ratio} outside [${lo}, ${hi}]`;
  if (Math.abs(sim.ratio - 1) < 0.15 - 1e-12 || Math.abs(sim.ratio - 2) / 2 < 0.15 - 1e-12)
    return `ratio ${sim.ratio} within 15 % of a boundary`;
  if (!isNiceAlpha(scenario.alpha)) return `alpha ${scenario.alpha} not nice`;
  if (!numbersOf(scenario).every(isNiceNumber)) return 'parameters not nice';
  const z = eigenComponents(scenario.cost, scenario.start);
  const distance = Math.hypot(...z);
  if (!(distance > 0)) return 'starts on the minimum';
  if (z.some((zi) => Math.abs(zi) < 0.3 * distance)) return `eigen-components ${z} below 30 %`;
  const d = sim.distances;
  const [first = 0, last = 0] = [d[0], d[d.length - 1]];
  // Visible within the default drawing: a divergence grows tenfold, the others at least halve.
  if (outcome === 'diverges' && !(last >= 10 * first)) return 'divergence not visible';
  if (outcome !== 'diverges' && !(last <= 0.5 * first)) return 'approach not visible';
  // A zig-zag visibly crosses: the steep coordinate changes sign at the first step.
  const steep = (theta: number[]) => eigenComponents(scenario.cost, theta).at(-1) ?? 0;
  const crosses = Math.sign(steep(sim.steps[1]?.theta ?? [])) === -Math.sign(steep(scenario.start));
  if (outcome === 'zigzag' && !crosses) return 'no visible crossing';
  if (outcome === 'converges' && crosses) return 'crosses although it converges';
  return undefined;
}

const difficulty = fc.constantFrom<Difficulty>('easy', 'medium', 'hard');
const seed = fc.integer({ min: 0, max: 0xffffffff });

describe('generateRound', () => {
  it('always yields a fair round of the wanted outcome, from the difficulty’s kinds', SLOW, () => {
    fc.assert(
      fc.property(seed, difficulty, fc.option(fc.constantFrom(...ANSWERS)), (s, level, wanted) => {
        const round = generateRound(
          s,
          wanted === null ? { difficulty: level } : { difficulty: level, outcome: wanted },
        );
        const outcome = simulate(round).outcome;
        if (wanted !== null) expect(outcome).toBe(wanted);
        expect(ANSWERS as readonly Outcome[]).toContain(outcome);
        expect(unfairness(round, outcome as Answer)).toBeUndefined();
        expect(KINDS[level]).toContain(round.cost.kind);
      }),
      propertyOptions,
    );
  });

  it('is deterministic per seed', () => {
    fc.assert(
      fc.property(seed, difficulty, (s, level) => {
        expect(generateRound(s, { difficulty: level })).toEqual(generateRound(s, { difficulty: level }));
      }),
      propertyOptions,
    );
  });

  it('honours a requested kind at any difficulty', SLOW, () => {
    const kind = fc.constantFrom<CostKind>('quadratic', 'quartic', 'bowl', 'linreg');
    fc.assert(
      fc.property(seed, difficulty, kind, fc.constantFrom(...ANSWERS), (s, level, k, outcome) => {
        const round = generateRound(s, { difficulty: level, kind: k, outcome });
        expect(round.cost.kind).toBe(k);
        expect(unfairness(round, outcome)).toBeUndefined();
      }),
      propertyOptions,
    );
  });

  it('covers every kind of its difficulty over a few seeds', () => {
    for (const level of ['easy', 'medium', 'hard'] as const) {
      const kinds = new Set(
        Array.from({ length: 60 }, (_, s) => generateRound(s, { difficulty: level }).cost.kind),
      );
      expect([...kinds].sort()).toEqual([...KINDS[level]].sort());
    }
  });

  it('has fair fallbacks for the (never yet seen) case where every draft fails', () => {
    for (const [kind, rounds] of Object.entries(FALLBACK_ROUNDS))
      for (const outcome of ANSWERS)
        expect([kind, unfairness(rounds[outcome], outcome)]).toEqual([kind, undefined]);
  });
});

function hasTripleRun(outcomes: readonly string[]): boolean {
  return outcomes.some((o, i) => i >= 2 && o === outcomes[i - 1] && o === outcomes[i - 2]);
}

describe('generateDeck', () => {
  it('is balanced across the three outcomes, never three alike in a row, deterministic', SLOW, () => {
    fc.assert(
      fc.property(seed, difficulty, fc.integer({ min: 1, max: 50 }), (s, level, rounds) => {
        const deck = generateDeck(s, { difficulty: level, rounds });
        expect(deck).toHaveLength(rounds);
        const outcomes = deck.map((round) => simulate(round).outcome);
        const counts = ANSWERS.map((a) => outcomes.filter((o) => o === a).length);
        expect(counts.reduce((x, y) => x + y, 0)).toBe(rounds);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        expect(hasTripleRun(outcomes)).toBe(false);
        expect(deck.every((round) => KINDS[level].includes(round.cost.kind))).toBe(true);
        expect(generateDeck(s, { difficulty: level, rounds })).toEqual(deck);
      }),
      propertyOptions,
    );
  });

  it('makes every round of a deck fair', () => {
    const deck = generateDeck(2024, { difficulty: 'hard', rounds: 50 });
    for (const round of deck) expect(unfairness(round, simulate(round).outcome as Answer)).toBeUndefined();
  });

  it('refuses a number of rounds outside 1..50', () => {
    for (const rounds of [0, 51, 2.5, Number.NaN])
      expect(() => generateDeck(1, { difficulty: 'easy', rounds })).toThrow(RangeError);
  });
});

describe('BUILTIN_DECK', () => {
  const outcomes = BUILTIN_DECK.rounds.map((round) => simulate(round).outcome);

  it('has a title and about ten rounds that all parse', () => {
    expect(BUILTIN_DECK.title.length).toBeGreaterThan(0);
    expect(BUILTIN_DECK.rounds.length).toBeGreaterThanOrEqual(9);
    expect(BUILTIN_DECK.rounds.length).toBeLessThanOrEqual(14);
    for (const round of BUILTIN_DECK.rounds)
      expect(parseScenario(round)).toEqual({ ok: true, scenario: round });
  });

  it('covers every cost kind and each of the three answers, and never asks for a bounce', () => {
    const kinds = new Set(BUILTIN_DECK.rounds.map((round) => round.cost.kind));
    expect([...kinds].sort()).toEqual(['bowl', 'linreg', 'quadratic', 'quartic']);
    expect(new Set(outcomes)).toEqual(new Set(ANSWERS));
    expect(outcomes).not.toContain('oscillates');
    expect(hasTripleRun(outcomes)).toBe(false);
  });

  it('goes from easy to hard: parabolas first, the lecture last', () => {
    expect(BUILTIN_DECK.rounds[0]?.cost.kind).toBe('quadratic');
    expect(BUILTIN_DECK.rounds.at(-1)?.cost.kind).toBe('linreg');
  });

  it('replays the lecture: start (25, 0) with α = 0.02, 0.05, 0.06', () => {
    const lecture = BUILTIN_DECK.rounds.filter((round) => round.cost.kind === 'linreg');
    expect(lecture.map((round) => [round.alpha, round.start, simulate(round).outcome])).toEqual([
      [0.02, [25, 0], 'converges'],
      [0.05, [25, 0], 'zigzag'],
      [0.06, [25, 0], 'diverges'],
    ]);
    for (const round of lecture)
      expect(round.cost).toEqual({ kind: 'linreg', x: LECTURE_DATASET.x, y: LECTURE_DATASET.y });
  });

  it('keeps every non-lecture round away from the boundaries, with balanced 2-D starts', () => {
    for (const round of BUILTIN_DECK.rounds.filter((r) => r.cost.kind !== 'linreg')) {
      const sim = simulate(round);
      expect(unfairness(round, sim.outcome as Answer)).toBeUndefined();
    }
  });
});
