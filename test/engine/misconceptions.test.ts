// M1–M4: wrong answers named by the wrong idea they show, and a class diagnosed only above chance.
import { describe, expect, it } from 'vitest';
import {
  type Answer,
  answerOptions,
  createRng,
  diagnose,
  generateDeck,
  generateFastestRound,
  generateMaxAlphaRound,
  MISCONCEPTIONS,
  misconceptionsOf,
  type PlayedRound,
  simulate,
  type TaggedRound,
  targetAlpha,
  testedBy,
} from '../../shared/engine/index';

const parabola = { kind: 'quadratic' as const, a: 2, c: 1 };
const predictAt = (alpha: number): TaggedRound => ({
  type: 'predict',
  scenario: { cost: parabola, start: [5], alpha },
});

describe('M1: each wrong answer maps to the misconceptions it shows', () => {
  it('a zig-zag (r = 1.6) answered "diverges" or "converges"', () => {
    const round = predictAt(0.8);
    expect(misconceptionsOf(round, 'zigzag')).toEqual([]);
    expect(misconceptionsOf(round, 'diverges')).toEqual(['zigzag-not-convergence', 'overshoot-diverges']);
    // r/2 = 0.8 converges: what a student who read J″ as a/2 answers.
    expect(misconceptionsOf(round, 'converges')).toEqual(['factor-two-slip']);
  });

  it('a divergence (r = 2.4) thought safe; the a/2 slip answers zig-zag', () => {
    const round = predictAt(1.2);
    expect(misconceptionsOf(round, 'converges')).toEqual(['small-alpha-safe']);
    expect(misconceptionsOf(round, 'zigzag')).toEqual(['factor-two-slip']);
  });

  it('a smooth convergence (r = 0.5) thought to overshoot', () => {
    expect(misconceptionsOf(predictAt(0.25), 'zigzag')).toEqual(['large-alpha-unsafe']);
    expect(misconceptionsOf(predictAt(0.25), 'diverges')).toEqual([]);
  });

  it('a quartic judged by b alone: the start does not matter off a parabola', () => {
    // s = 0.5 (2² + 1) = 2.5 diverges; α·b = 0.5 would converge.
    const round: TaggedRound = {
      type: 'predict',
      scenario: { cost: { kind: 'quartic', b: 1 }, start: [2], alpha: 0.5 },
    };
    expect(simulate(round.scenario).outcome).toBe('diverges');
    expect(misconceptionsOf(round, 'converges')).toEqual(['small-alpha-safe', 'start-ignored']);
    expect(misconceptionsOf(round, 'zigzag')).toEqual([]);
  });

  it('largest α: near α*/2 is the onset taken for the bound, near 2α* the a/2 slip', () => {
    const round: TaggedRound = { type: 'max-alpha', problem: { cost: parabola, start: [5] } };
    expect(targetAlpha(round.problem)).toBe(1);
    expect(misconceptionsOf(round, 0.5)).toEqual(['onset-for-bound', 'overshoot-diverges']);
    expect(misconceptionsOf(round, 2)).toEqual(['factor-two-slip']);
    expect(misconceptionsOf(round, 0.8)).toEqual([]);
    expect(misconceptionsOf(round, 0.02)).toEqual([]);
    expect(misconceptionsOf(round, 10)).toEqual([]);
    const chances = answerOptions(round).reduce((s, o) => s + o.chance, 0);
    expect(chances).toBeCloseTo(1, 10);
  });

  it('largest α on a quartic: 2/b is the start ignored', () => {
    const round: TaggedRound = {
      type: 'max-alpha',
      problem: { cost: { kind: 'quartic', b: 1 }, start: [2] },
    };
    expect(targetAlpha(round.problem)).toBeCloseTo(0.4);
    expect(misconceptionsOf(round, 2)).toEqual(['start-ignored']);
    expect(answerOptions(round).reduce((s, o) => s + o.chance, 0)).toBeCloseTo(1, 10);
  });

  it('fastest: a bigger α than the winner, or a smaller one only when the winner overshoots', () => {
    // r = 0.5, 1, 1.6: r = 1 wins.
    const round: TaggedRound = {
      type: 'fastest',
      problem: { cost: parabola, start: [5] },
      alphas: [0.25, 0.5, 0.8],
    };
    expect(misconceptionsOf(round, 0.8)).toEqual(['bigger-faster']);
    expect(misconceptionsOf(round, 0.25)).toEqual([]);
    expect(misconceptionsOf(round, 0.5)).toEqual([]);
    // r = 0.5, 1.1, 2.4: the winner r = 1.1 overshoots.
    const over: TaggedRound = {
      type: 'fastest',
      problem: { cost: parabola, start: [5] },
      alphas: [0.25, 0.55, 1.2],
    };
    expect(misconceptionsOf(over, 0.25)).toEqual(['overshoot-diverges']);
  });

  it('every misconception has a name, what a student answers and what separates it', () => {
    for (const m of Object.values(MISCONCEPTIONS)) {
      expect(m.name.length).toBeGreaterThan(5);
      expect(m.text.length).toBeGreaterThan(5);
      expect(m.separates.length).toBeGreaterThan(5);
    }
  });

  it("a deck's tags keep only the tagged ids, and add those the engine cannot derive", () => {
    const kept: TaggedRound = { ...predictAt(0.8), tags: ['overshoot-diverges'] };
    expect(misconceptionsOf(kept, 'diverges')).toEqual(['overshoot-diverges']);
    expect(misconceptionsOf(kept, 'converges')).toEqual([]);
    expect(testedBy(kept)).toEqual(['overshoot-diverges']);
    const added: TaggedRound = { ...predictAt(0.8), tags: ['bigger-faster'] };
    expect(misconceptionsOf(added, 'diverges')).toEqual(['bigger-faster']);
    expect(misconceptionsOf(added, 'converges')).toEqual(['bigger-faster']);
    expect(misconceptionsOf(added, 'zigzag')).toEqual([]);
    expect(testedBy({ ...predictAt(0.8), tags: [] })).toEqual([]);
  });
});

/** Nine prediction rounds (three of each outcome) and two races, on quadratics and bowls. */
function mixedDeck(seed: number): TaggedRound[] {
  const predicts: TaggedRound[] = generateDeck(seed, { difficulty: 'medium', rounds: 9 }).map((scenario) => ({
    type: 'predict',
    scenario,
  }));
  const races: TaggedRound[] = [1, 2].map((i) => {
    const { cost, start, alphas } = generateFastestRound(seed + i, { difficulty: 'medium' });
    return { type: 'fastest', problem: { cost, start }, alphas };
  });
  const maxes: TaggedRound[] = [3, 4].map((i) => ({
    type: 'max-alpha',
    problem: generateMaxAlphaRound(seed + i, { difficulty: 'medium' }),
  }));
  return [...predicts, ...races, ...maxes];
}

function rightAnswer(round: TaggedRound): Answer | number {
  if (round.type === 'predict') return simulate(round.scenario).outcome as Answer;
  if (round.type === 'max-alpha') return 0.8 * targetAlpha(round.problem);
  const key = answerOptions(round).find((o) => o.correct)?.key;
  return Number(key);
}

describe('M2–M4: diagnosing a class', () => {
  it('a scripted class holding "a small α is always safe" is diagnosed, with its students and rounds', () => {
    const deck = mixedDeck(7);
    const played: PlayedRound[] = deck.map((round, index) => ({
      index,
      round,
      scored: true,
      answers: Array.from({ length: 25 }, (_, playerId) => {
        const holds = playerId < 20;
        const diverges = round.type === 'predict' && simulate(round.scenario).outcome === 'diverges';
        return { playerId, answer: holds && diverges ? 'converges' : rightAnswer(round) };
      }),
    }));
    const found = diagnose(played);
    expect(found.map((d) => d.id)).toEqual(['small-alpha-safe']);
    const [d] = found;
    expect(d?.students.map((s) => s.playerId)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const divergingRounds = deck.flatMap((r, i) =>
      r.type === 'predict' && simulate(r.scenario).outcome === 'diverges' ? [i] : [],
    );
    for (const i of divergingRounds) expect(d?.rounds).toContain(i);
    expect(d?.share).toBeGreaterThan((d?.chance ?? 1) + 0.15);
  });

  it('one round of evidence names nobody', () => {
    const round = predictAt(1.2);
    const played: PlayedRound[] = [
      {
        index: 0,
        round,
        scored: true,
        answers: Array.from({ length: 10 }, (_, playerId) => ({ playerId, answer: 'converges' })),
      },
      {
        index: 1,
        round: predictAt(1.25),
        scored: true,
        answers: Array.from({ length: 10 }, (_, playerId) => ({ playerId, answer: 'diverges' })),
      },
    ];
    expect(diagnose(played)).toEqual([]);
  });

  it.each([1, 2, 3, 4, 5])('a class answering at random (seed %i) holds no misconception', (seed) => {
    const rng = createRng(seed);
    const deck = mixedDeck(seed * 11);
    const played: PlayedRound[] = deck.map((round, index) => ({
      index,
      round,
      scored: true,
      answers: Array.from({ length: 30 }, (_, playerId) => {
        if (round.type === 'predict')
          return { playerId, answer: rng.pick(['converges', 'zigzag', 'diverges'] as const) };
        if (round.type === 'fastest') return { playerId, answer: rng.pick(round.alphas) };
        // Anywhere on the slider, α*/30 to 30·α*, on its log scale.
        return { playerId, answer: targetAlpha(round.problem) * 30 ** rng.float(-1, 1) };
      }),
    }));
    expect(diagnose(played)).toEqual([]);
  });
});
