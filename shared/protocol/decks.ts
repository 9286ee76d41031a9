// The decks a game can start from without an instructor writing one: the built-in deck and
// generated ones, both mixing in the two extra kinds of round.
import { BUILTIN_DECK, lecture } from '../engine/builtin-deck';
import { generateDeck } from '../engine/generate';
import { LECTURE_DATASET } from '../engine/lecture-dataset';
import { createRng } from '../engine/rng';
import { generateFastestRound, generateMaxAlphaRound } from '../engine/round-kinds';
import type { Difficulty } from '../engine/types';
import type { Deck, DeckRound, DeckRoundOf } from './deck';
import type { RoundType } from './schemas';

const predict = BUILTIN_DECK.rounds.map((scenario): DeckRound => ({ type: 'predict', scenario }));

/**
 * The built-in deck: the engine's twelve prediction rounds, with a race after the bowls (in 2-D the
 * fastest α is 2/(λ_min + λ_max), not the largest safe one) and, to close, the largest α that still
 * converges on the lecture's own data.
 */
export const BUILTIN_GAME_DECK: Deck = {
  title: BUILTIN_DECK.title,
  rounds: [
    ...predict.slice(0, 7),
    {
      type: 'fastest',
      // λ = 1 and 4: r = 4α gives 0.8, 1, 1.6, 1.8; α = 0.4 = 2/(1 + 4) shrinks both directions by 0.6.
      problem: { cost: { kind: 'bowl', eigenvalues: [1, 4], angle: 30, center: [0, 0] }, start: [3, 2] },
      alphas: [0.2, 0.25, 0.4, 0.45],
    },
    ...predict.slice(7),
    {
      type: 'max-alpha',
      // α* = 2/λ_max = 0.0538: between the lecture's 0.05 (zig-zags) and 0.06 (diverges).
      problem: {
        cost: { kind: 'linreg', x: [...LECTURE_DATASET.x], y: [...LECTURE_DATASET.y] },
        start: [...LECTURE_DATASET.start],
      },
    },
  ],
};

/**
 * The 15-minute lesson (nine rounds, speed points off by default): 1-D first, a 1-D race won by
 * α = 1/J″, the quartic pair where only the start differs, a 2-D zig-zag, the lecture's α = 0.06
 * asked before any lecture round is revealed, and to close the largest α on the lecture's data.
 * Every deciding ratio sits at least 15 % from r = 1 and r = 2, except the lecture's 2.229 (the
 * point of that round is the course's own figure). No reveal gives a later round's answer: each
 * round's cost, or start for the quartic, is new, so its thresholds do not carry over; the α = 0.06
 * reveal states λ_max, from which the closing round asks the class to work out α* = 2/λ_max; that
 * reveal holds back its α thresholds and the phone's explorer, which would give α* (V2).
 */
export const LESSON_GAME_DECK: Deck = {
  title: 'The learning rate in 15 minutes',
  rounds: [
    // r = α·J″ = 0.3 × 2 = 0.6: converges directly.
    { type: 'predict', scenario: { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.3 } },
    // J = 10θ², J″ = 20: a small α, r = 0.07 × 20 = 1.4, zig-zags in.
    { type: 'predict', scenario: { cost: { kind: 'quadratic', a: 20, c: 0 }, start: [3], alpha: 0.07 } },
    // J″ = 4: r = 0.6 × 4 = 2.4, diverges.
    { type: 'predict', scenario: { cost: { kind: 'quadratic', a: 4, c: -2 }, start: [1], alpha: 0.6 } },
    {
      type: 'fastest',
      // J″ = 5: r = 0.3, 1, 1.5. α = 1/J″ = 0.2 lands in 1 step; 1.5 (×0.5, zig-zags) beats 0.3
      // (×0.7): too small an α is slow, and overshooting is not always slower.
      problem: { cost: { kind: 'quadratic', a: 5, c: 0 }, start: [4] },
      alphas: [0.06, 0.2, 0.3],
    },
    // The quartic: s = α(θ₀² + b) = 0.3 × (1 + 1) = 0.6 converges…
    { type: 'predict', scenario: { cost: { kind: 'quartic', b: 1 }, start: [1], alpha: 0.3 } },
    // …and the same α from θ₀ = 3: s = 0.3 × (9 + 1) = 3, diverges.
    { type: 'predict', scenario: { cost: { kind: 'quartic', b: 1 }, start: [3], alpha: 0.3 } },
    // A rotated valley, λ_max = 8: r = 0.2 × 8 = 1.6, zig-zags across the valley floor.
    {
      type: 'predict',
      scenario: {
        cost: { kind: 'bowl', eigenvalues: [1, 8], angle: 45, center: [1, -1] },
        start: [5, -2],
        alpha: 0.2,
      },
    },
    // The lecture's α = 0.06: r = 2.229, diverges, though its first 6 steps get closer.
    { type: 'predict', scenario: lecture(0.06) },
    {
      type: 'max-alpha',
      // α* = 2/λ_max = 0.0538.
      problem: {
        cost: { kind: 'linreg', x: [...LECTURE_DATASET.x], y: [...LECTURE_DATASET.y] },
        start: [...LECTURE_DATASET.start],
      },
    },
  ],
};

export interface GeneratedDeckOptions {
  difficulty: Difficulty;
  rounds: number;
  /** Kinds of round to mix; prediction only by default. */
  kinds?: readonly RoundType[];
}

/**
 * A generated round of each kind other than prediction (predictions are drawn as a batch, to balance
 * their outcomes): one line per kind.
 */
const GENERATE_OTHER: {
  [T in Exclude<RoundType, 'predict'>]: (seed: number, difficulty: Difficulty) => DeckRoundOf<T>;
} = {
  'max-alpha': (seed, difficulty) => ({
    type: 'max-alpha',
    problem: generateMaxAlphaRound(seed, { difficulty }),
  }),
  fastest: (seed, difficulty) => {
    const { alphas, ...problem } = generateFastestRound(seed, { difficulty });
    return { type: 'fastest', problem, alphas };
  },
};

/**
 * A generated deck, deterministic from its seed. With prediction rounds and other kinds mixed, about
 * one round in four is of another kind, spread through the deck; prediction rounds keep the
 * generator's balance of outcomes.
 */
export function generateGameDeck(seed: number, options: GeneratedDeckOptions): Deck {
  const { difficulty, rounds } = options;
  const kinds: readonly RoundType[] = options.kinds?.length ? options.kinds : ['predict'];
  const others = kinds.filter((k): k is Exclude<RoundType, 'predict'> => k !== 'predict');
  const otherCount = !kinds.includes('predict')
    ? rounds
    : others.length === 0
      ? 0
      : Math.max(1, Math.floor(rounds / 4));
  const rng = createRng(seed);
  const predictions =
    rounds - otherCount > 0
      ? generateDeck(rng.int(0, 0xffffffff), { difficulty, rounds: rounds - otherCount })
      : [];
  // Other kinds go at evenly spaced places, never first: the class warms up on predictions.
  const slots = new Set(
    Array.from({ length: otherCount }, (_, i) =>
      otherCount === rounds ? i : Math.min(rounds - 1, Math.round(((i + 1) * rounds) / (otherCount + 1))),
    ),
  );
  const deck: DeckRound[] = [];
  let p = 0;
  let o = 0;
  for (let i = 0; i < rounds; i++) {
    if (slots.has(i) && o < otherCount) {
      const type = others[o++ % others.length]!;
      deck.push(GENERATE_OTHER[type](rng.int(0, 0xffffffff), difficulty));
    } else {
      const scenario = predictions[p++];
      if (scenario) deck.push({ type: 'predict', scenario });
    }
  }
  const names = kinds.length > 1 || kinds[0] !== 'predict' ? ', mixed' : '';
  return { title: `Generated (${difficulty}${names})`, rounds: deck };
}
