// Misconceptions, named (README M1–M4). Every wrong answer of a round is mapped to the wrong ideas
// it shows, derived from the round by the engine, so that a report can say which idea a class holds
// rather than which option it picked. A wrong idea is only called one when the answers that show it
// beat what guessing among the options would give, by a margin, over at least two rounds.

import { isHalfTargetGuess } from './half-target';
import { maxAlphaPoints, type Problem, raceAlphas, targetAlpha } from './round-kinds';
import { simulate } from './simulate';
import { outcomeOfRatio } from './trajectory';
import { ANSWERS, type Answer, type Outcome, type Scenario } from './types';

export const MISCONCEPTION_IDS = [
  'zigzag-not-convergence',
  'overshoot-diverges',
  'small-alpha-safe',
  'large-alpha-unsafe',
  'factor-two-slip',
  'start-ignored',
  'bigger-faster',
  'onset-for-bound',
] as const;
export type MisconceptionId = (typeof MISCONCEPTION_IDS)[number];

export interface Misconception {
  id: MisconceptionId;
  /** The wrong idea in a student's words. */
  name: string;
  /** What a student holding it answers. */
  text: string;
  /** What separates it from the right idea: the sentence to say in class. */
  separates: string;
}

export const MISCONCEPTIONS: Record<MisconceptionId, Misconception> = {
  'zigzag-not-convergence': {
    id: 'zigzag-not-convergence',
    name: 'A zig-zag is not convergence',
    text: 'Answers "diverges" when the run zig-zags and still converges.',
    separates:
      'Between α·λ_max = 1 and 2 each step overshoots the minimum but lands closer to it: the run zig-zags and converges.',
  },
  'overshoot-diverges': {
    id: 'overshoot-diverges',
    name: 'Any overshoot diverges',
    text: 'Treats a step past the minimum as the start of a blow-up.',
    separates:
      'An overshoot only diverges when it lands further away than it started, at α·λ_max > 2; from 1 to 2 it still shrinks the distance.',
  },
  'small-alpha-safe': {
    id: 'small-alpha-safe',
    name: 'A small α is always safe',
    text: 'Answers "converges" when the run diverges.',
    separates:
      'What decides is α times the curvature (α·λ_max), not α alone: on a steep cost a small-looking α diverges.',
  },
  'large-alpha-unsafe': {
    id: 'large-alpha-unsafe',
    name: 'A large α always overshoots',
    text: 'Answers "zig-zags" when the run converges smoothly.',
    separates: 'Overshooting starts at α·λ_max = 1: on a flat cost a large-looking α is still a short step.',
  },
  'factor-two-slip': {
    id: 'factor-two-slip',
    name: 'A factor-2 slip on the curvature (used a/2 for a)',
    text: 'Reads the curvature of J = a/2 (θ − c)² as a/2, so every ratio comes out half its size.',
    separates: 'J″ = a, not a/2: the ½ in the cost is there so that the derivative is a(θ − c).',
  },
  'start-ignored': {
    id: 'start-ignored',
    name: 'The start does not matter off a parabola',
    text: 'Judges the quartic by its curvature at the minimum, b, as if the start played no part.',
    separates:
      'Off a parabola the curvature changes along the way: for θ⁴/4 + bθ²/2 what decides is α(θ₀² + b), so a start further out can diverge.',
  },
  'bigger-faster': {
    id: 'bigger-faster',
    name: 'A bigger α is always faster',
    text: 'Picks an α larger than the fastest one, as if a longer step always got there sooner.',
    separates:
      'Past α·λ_max = 1 the extra length is wasted overshooting: the fastest α sits near 1/λ (2/(λ_min + λ_max) in 2-D).',
  },
  'onset-for-bound': {
    id: 'onset-for-bound',
    name: 'The overshoot onset taken for the divergence bound',
    text: 'Guesses the largest α near α*/2 = 1/λ_max, where overshooting starts.',
    separates: 'Overshooting starts at α = 1/λ_max; convergence only ends at α* = 2/λ_max, twice as far.',
  },
};

export const isMisconceptionId = (x: unknown): x is MisconceptionId =>
  MISCONCEPTION_IDS.some((id) => id === x);

/** A round as the engine reads it: structurally a deck round (shared/protocol/deck.ts). */
export type TaggedRound = { tags?: readonly MisconceptionId[] } & (
  | { type: 'predict'; scenario: Scenario }
  | { type: 'max-alpha'; problem: Problem }
  | { type: 'fastest'; problem: Problem; alphas: readonly number[] }
);

/** One thing a student can answer; a largest-α guess falls in one of a few ranges of α. */
export interface AnswerOption {
  key: string;
  correct: boolean;
  /** The share of answers a class guessing at random puts here (sums to 1 over a round's options). */
  chance: number;
  misconceptions: MisconceptionId[];
}

/** Largest α: the slider spans α* ÷ 30 to 30·α* on a log scale (a factor 900). */
const SLIDER_DECADES = Math.log10(900);
/** A "largest α" guess from J″ = a/2 lands near 2α* = 4/a. */
const DOUBLE_RANGE = [1.6, 2.5] as const;
/** A quartic guess from b alone lands near 2/b, give or take the rounding on screen. */
const START_IGNORED_FACTOR = 1.15;

function predictOptions(scenario: Scenario): AnswerOption[] {
  const sim = simulate(scenario);
  const outcome: Outcome = sim.outcome;
  const { cost } = scenario;
  return ANSWERS.map((answer) => {
    const correct = answer === outcome;
    const ids: MisconceptionId[] = [];
    if (!correct) {
      // One option per idea: an idea two of three options showed would be what guessing gives 2/3
      // of the time, and no class could be told from a guessing one (M4).
      if (outcome === 'zigzag' && answer === 'diverges')
        ids.push('zigzag-not-convergence', 'overshoot-diverges');
      if (outcome === 'diverges' && answer === 'converges') ids.push('small-alpha-safe');
      if (outcome === 'converges' && answer === 'zigzag') ids.push('large-alpha-unsafe');
      if (cost.kind === 'quadratic' && outcomeOfRatio(sim.ratio / 2) === answer) ids.push('factor-two-slip');
      if (cost.kind === 'quartic' && outcomeOfRatio(scenario.alpha * cost.b) === answer)
        ids.push('start-ignored');
    }
    return { key: answer, correct, chance: 1 / ANSWERS.length, misconceptions: ids };
  });
}

type MaxAlphaBucket = 'far-below' | 'half' | 'scored' | 'double' | 'start' | 'above';

function maxAlphaBucket(problem: Problem, guess: number): MaxAlphaBucket {
  const target = targetAlpha(problem);
  if (maxAlphaPoints(guess, target) > 0) return 'scored';
  if (isHalfTargetGuess(guess, target)) return 'half';
  if (guess < target) return 'far-below';
  const { cost } = problem;
  if (cost.kind === 'quadratic' && guess >= DOUBLE_RANGE[0] * target && guess <= DOUBLE_RANGE[1] * target)
    return 'double';
  if (cost.kind === 'quartic' && Math.abs(Math.log(guess / (2 / cost.b))) <= Math.log(START_IGNORED_FACTOR))
    return 'start';
  return 'above';
}

function maxAlphaOptions(problem: Problem): AnswerOption[] {
  const target = targetAlpha(problem);
  const { cost } = problem;
  const share = (decades: number) => Math.max(0, decades) / SLIDER_DECADES;
  const halfWidth = 2 * Math.log10(1.15);
  const scoredWidth = 0.5 - halfWidth;
  const doubleWidth = cost.kind === 'quadratic' ? Math.log10(DOUBLE_RANGE[1] / DOUBLE_RANGE[0]) : 0;
  // 2/b is only a wrong answer when the start makes α* smaller than it.
  const startWidth =
    cost.kind === 'quartic' && 2 / cost.b > target * START_IGNORED_FACTOR
      ? 2 * Math.log10(START_IGNORED_FACTOR)
      : 0;
  const aboveWidth = Math.log10(30) - doubleWidth - startWidth;
  const farBelowWidth = Math.log10(30) - 0.5;
  const options: AnswerOption[] = [
    { key: 'far-below', correct: false, chance: share(farBelowWidth), misconceptions: [] },
    {
      key: 'half',
      correct: false,
      chance: share(halfWidth),
      misconceptions: ['onset-for-bound', 'overshoot-diverges'],
    },
    { key: 'scored', correct: true, chance: share(scoredWidth), misconceptions: [] },
    { key: 'above', correct: false, chance: share(aboveWidth), misconceptions: [] },
  ];
  if (doubleWidth > 0)
    options.push({
      key: 'double',
      correct: false,
      chance: share(doubleWidth),
      misconceptions: ['factor-two-slip'],
    });
  if (startWidth > 0)
    options.push({
      key: 'start',
      correct: false,
      chance: share(startWidth),
      misconceptions: ['start-ignored'],
    });
  return options;
}

function fastestOptions(problem: Problem, alphas: readonly number[]): AnswerOption[] {
  const race = raceAlphas(problem, alphas);
  const winner = race.winner === null ? null : (alphas[race.winner] ?? null);
  const winnerRatio = winner === null ? 0 : (2 * winner) / targetAlpha(problem);
  return alphas.map((alpha) => {
    const ids: MisconceptionId[] = [];
    if (winner !== null && alpha > winner) ids.push('bigger-faster');
    // A smaller pick only shows a wrong idea when the winner overshoots: then it shuns the overshoot.
    if (winner !== null && alpha < winner && winnerRatio > 1) ids.push('overshoot-diverges');
    return { key: String(alpha), correct: alpha === winner, chance: 1 / alphas.length, misconceptions: ids };
  });
}

/** The options as the engine derives them, before a deck's tags. */
function derivedOptions(round: TaggedRound): AnswerOption[] {
  switch (round.type) {
    case 'predict':
      return predictOptions(round.scenario);
    case 'max-alpha':
      return maxAlphaOptions(round.problem);
    case 'fastest':
      return fastestOptions(round.problem, round.alphas);
  }
}

/**
 * M1: a round's options with the misconceptions each wrong one shows. A deck's `tags` override the
 * derivation: a wrong option keeps only the derived ids that are tagged, and a tag the engine derives
 * on no option is the author's word for every wrong option. `tags: []` tests nothing.
 */
export function answerOptions(round: TaggedRound): AnswerOption[] {
  const options = derivedOptions(round);
  const { tags } = round;
  if (tags === undefined) return options;
  const derived = new Set(options.flatMap((o) => o.misconceptions));
  const added = tags.filter((t) => !derived.has(t));
  return options.map((o) =>
    o.correct
      ? o
      : { ...o, misconceptions: [...o.misconceptions.filter((id) => tags.includes(id)), ...added] },
  );
}

/** The option an answer falls in: an outcome, a race's α, or a largest-α guess's range. */
export function optionKeyOf(round: TaggedRound, answer: Answer | number): string | null {
  switch (round.type) {
    case 'predict':
      return typeof answer === 'string' ? answer : null;
    case 'fastest':
      return typeof answer === 'number' && round.alphas.includes(answer) ? String(answer) : null;
    case 'max-alpha':
      return typeof answer === 'number' && Number.isFinite(answer) && answer > 0
        ? maxAlphaBucket(round.problem, answer)
        : null;
  }
}

/** The misconceptions one answer shows (none for a right answer). */
export function misconceptionsOf(round: TaggedRound, answer: Answer | number): MisconceptionId[] {
  const key = optionKeyOf(round, answer);
  return answerOptions(round).find((o) => o.key === key)?.misconceptions ?? [];
}

/** The misconceptions a round tests: those shown by at least one of its wrong options (M2). */
export function testedBy(round: TaggedRound): MisconceptionId[] {
  const options = answerOptions(round);
  return MISCONCEPTION_IDS.filter((id) => options.some((o) => o.misconceptions.includes(id)));
}

/** M3: a student holds a misconception with at least this many rounds showing it. */
export const MIN_ROUNDS_SHOWN = 2;
/** M3: … and a share of their answers showing it at least this far above guessing, and at least ½. */
export const STUDENT_MARGIN = 0.25;
/** M4: the class's answers showing it beat guessing by at least this share. */
export const CLASS_MARGIN = 0.15;

export interface PlayedRound {
  /** The round's index in the game. */
  index: number;
  round: TaggedRound;
  /** Scored rounds only: a round nobody could win shows nothing. */
  scored: boolean;
  answers: Array<{ playerId: number; answer: Answer | number | null }>;
}

export interface StudentEvidence {
  playerId: number;
  /** Rounds testing it that the student answered. */
  tested: number;
  /** Of those, rounds whose answer showed it. */
  shown: number;
}

export interface Diagnosis {
  id: MisconceptionId;
  /** The rounds (indexes) that test it. */
  rounds: number[];
  /** The share of the class's answers on those rounds that show it, and what guessing gives. */
  share: number;
  chance: number;
  /** The students who hold it (M3), most evidence first. */
  students: StudentEvidence[];
}

/**
 * M2–M4: the misconceptions a class holds. A student holds one when, over the rounds testing it
 * that they answered, at least 2 answers show it and the share showing it is at least ½ and at least
 * STUDENT_MARGIN above what guessing gives on those rounds. The class is said to hold it only when
 * also the class's answers on those rounds show it at least CLASS_MARGIN more often than guessing
 * would, so a class answering at random is not diagnosed however many students chance picks out.
 */
export function diagnose(played: readonly PlayedRound[]): Diagnosis[] {
  const found: Diagnosis[] = [];
  const rounds = played.filter((p) => p.scored).map((p) => ({ ...p, options: answerOptions(p.round) }));
  for (const id of MISCONCEPTION_IDS) {
    const testing = rounds.filter((r) => r.options.some((o) => o.misconceptions.includes(id)));
    if (testing.length < MIN_ROUNDS_SHOWN) continue;
    let answers = 0;
    let shows = 0;
    let chanceSum = 0;
    const perStudent = new Map<number, { tested: number; shown: number; chance: number }>();
    for (const r of testing) {
      const chance = r.options.filter((o) => o.misconceptions.includes(id)).reduce((s, o) => s + o.chance, 0);
      for (const a of r.answers) {
        if (a.answer === null) continue;
        const key = optionKeyOf(r.round, a.answer);
        const option = r.options.find((o) => o.key === key);
        const shown = option?.misconceptions.includes(id) ?? false;
        answers++;
        chanceSum += chance;
        if (shown) shows++;
        const s = perStudent.get(a.playerId) ?? { tested: 0, shown: 0, chance: 0 };
        s.tested++;
        s.chance += chance;
        if (shown) s.shown++;
        perStudent.set(a.playerId, s);
      }
    }
    if (answers === 0) continue;
    const share = shows / answers;
    const chance = chanceSum / answers;
    if (share < chance + CLASS_MARGIN) continue;
    const students = [...perStudent.entries()]
      .filter(([, s]) => {
        const own = s.shown / s.tested;
        return s.shown >= MIN_ROUNDS_SHOWN && own >= 0.5 && own >= s.chance / s.tested + STUDENT_MARGIN;
      })
      .map(([playerId, s]) => ({ playerId, tested: s.tested, shown: s.shown }))
      .sort((a, b) => b.shown - a.shown || a.playerId - b.playerId);
    if (students.length === 0) continue;
    found.push({ id, rounds: testing.map((r) => r.index), share, chance, students });
  }
  return found.sort((a, b) => b.students.length - a.students.length || b.share - a.share);
}
