// A follow-up deck aimed at the misconceptions a class holds (README M5): for each, rounds on which
// the wrong idea and the right one give different answers, tagged with it, among contrast rounds so
// that the outcomes stay balanced and the answer cannot be guessed from the topic. Every round passes
// the generator's own checks (never ambiguous, at least 15 % from a boundary); a seed always gives
// the same deck.
import { documents } from '../i18n/en/documents';
import { generateRound, hasBalancedStart, isFairRound } from './generate';
import { MISCONCEPTIONS, type MisconceptionId, type TaggedRound, testedBy } from './misconceptions';
import { createRng, type Rng } from './rng';
import { generateFastestRound, generateMaxAlphaRound, isFairRace, type Problem } from './round-kinds';
import { ANSWERS, type Answer, type CostKind, type Scenario } from './types';

/** A generated round as a deck holds it (shared/protocol/deck.ts DeckRound). */
export type FollowUpRound =
  | { type: 'predict'; scenario: Scenario; tags?: MisconceptionId[] }
  | { type: 'max-alpha'; problem: Problem; tags?: MisconceptionId[] }
  | { type: 'fastest'; problem: Problem; alphas: number[]; tags?: MisconceptionId[] };

export interface FollowUpDeck {
  title: string;
  rounds: FollowUpRound[];
}

/** The class's top misconceptions a deck aims at, at most; and rounds aimed at each. */
export const FOLLOW_UP_TARGETS_MAX = 3;
export const FOLLOW_UP_AIMED = 3;
const ATTEMPTS = 60;

type Maker = (seed: number) => FollowUpRound;
const predict =
  (outcome: Answer, kind: CostKind): Maker =>
  (seed) => ({ type: 'predict', scenario: generateRound(seed, { difficulty: 'medium', outcome, kind }) });
const maxAlpha =
  (difficulty: 'easy' | 'medium'): Maker =>
  (seed) => ({ type: 'max-alpha', problem: generateMaxAlphaRound(seed, { difficulty }) });
const fastest: Maker = (seed) => {
  const { cost, start, alphas } = generateFastestRound(seed, { difficulty: 'medium' });
  return { type: 'fastest', problem: { cost, start }, alphas };
};

/**
 * What separates each wrong idea from the right one, as rounds: a zig-zag for "a zig-zag is not
 * convergence"; a steep parabola where a small α diverges; a flat one where a large α converges; a
 * parabola with r from 1.15 to 3, where r/2 gives another answer; a quartic whose start decides;
 * a race with an α past the winner; a largest-α round for the onset at half of α*. Cycled in this order.
 */
const RECIPES: Record<MisconceptionId, Maker[]> = {
  'zigzag-not-convergence': [predict('zigzag', 'quadratic'), predict('zigzag', 'bowl')],
  'overshoot-diverges': [predict('zigzag', 'quadratic'), maxAlpha('medium'), predict('zigzag', 'bowl')],
  'small-alpha-safe': [predict('diverges', 'quadratic'), predict('diverges', 'bowl')],
  'large-alpha-unsafe': [predict('converges', 'quadratic'), predict('converges', 'bowl')],
  'factor-two-slip': [predict('zigzag', 'quadratic'), predict('diverges', 'quadratic'), maxAlpha('easy')],
  'start-ignored': [predict('diverges', 'quartic'), predict('zigzag', 'quartic')],
  'bigger-faster': [fastest],
  'onset-for-bound': [maxAlpha('medium')],
};

/** The generator's checks for a round of any kind. */
export function isFairFollowUpRound(round: FollowUpRound): boolean {
  switch (round.type) {
    case 'predict': {
      const outcome = predictOutcome(round.scenario);
      return outcome !== null && isFairRound(round.scenario, outcome);
    }
    case 'max-alpha':
      return hasBalancedStart({ ...round.problem, alpha: 1 });
    case 'fastest':
      return isFairRace(round.problem, round.alphas);
  }
}

function predictOutcome(scenario: Scenario): Answer | null {
  return ANSWERS.find((a) => isFairRound(scenario, a)) ?? null;
}

/**
 * What makes two rounds the same question: the kind, the cost, the start and the α (or the α offered),
 * whatever their seconds or tags.
 */
export function roundKey(round: TaggedRound): string {
  switch (round.type) {
    case 'predict':
      return JSON.stringify(['predict', round.scenario.cost, round.scenario.start, round.scenario.alpha]);
    case 'max-alpha':
      return JSON.stringify(['max-alpha', round.problem.cost, round.problem.start]);
    case 'fastest':
      return JSON.stringify(['fastest', round.problem.cost, round.problem.start, round.alphas]);
  }
}

/**
 * A fair round that tests `target` when its tags are taken away, from the recipe's `i`-th maker, and
 * whose key is not in `avoid`.
 */
function aimedRound(
  rng: Rng,
  target: MisconceptionId,
  i: number,
  avoid: ReadonlySet<string> = new Set(),
): FollowUpRound | null {
  const makers = RECIPES[target];
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const make = makers[(i + attempt) % makers.length];
    if (!make) return null;
    const round = make(rng.int(0, 0x7fffffff));
    if (isFairFollowUpRound(round) && testedBy(round).includes(target) && !avoid.has(roundKey(round)))
      return { ...round, tags: [target] };
  }
  return null;
}

/**
 * M5: a deck aimed at `targets` (the class's misconceptions, most held first; the first 3 are used),
 * FOLLOW_UP_AIMED rounds each, tagged with the one it aims at, then untagged contrast predictions
 * until the prediction rounds' outcomes differ in count by at most one, all shuffled by the seed.
 */
export function generateFollowUpDeck(
  seed: number,
  targets: readonly MisconceptionId[],
  /** The title from the misconceptions aimed at: the server writes it in the teacher's language. */
  titled: (ideas: readonly MisconceptionId[]) => string = englishFollowUpTitle,
): FollowUpDeck {
  const aimedAt = [...new Set(targets)].slice(0, FOLLOW_UP_TARGETS_MAX);
  if (aimedAt.length === 0) throw new RangeError('generateFollowUpDeck: name at least one misconception');
  const rng = createRng(seed);
  const rounds: FollowUpRound[] = [];
  for (const target of aimedAt)
    for (let i = 0; i < FOLLOW_UP_AIMED; i++) {
      const round = aimedRound(rng, target, i);
      if (round) rounds.push(round);
    }
  const count = (outcome: Answer) =>
    rounds.filter((r) => r.type === 'predict' && predictOutcome(r.scenario) === outcome).length;
  const most = Math.max(...ANSWERS.map(count));
  const kinds: readonly CostKind[] = ['quadratic', 'bowl'];
  for (const outcome of ANSWERS)
    for (let n = count(outcome); n < most - 1; n++)
      rounds.push({
        type: 'predict',
        scenario: generateRound(rng.int(0, 0x7fffffff), {
          difficulty: 'medium',
          outcome,
          kind: rng.pick(kinds),
        }),
      });
  return { title: deckTitle(titled(aimedAt)), rounds: rng.shuffle(rounds) };
}

const englishFollowUpTitle = (ideas: readonly MisconceptionId[]): string =>
  documents.followUpTitle(ideas.map((id) => MISCONCEPTIONS[id].name).join(documents.ideasSeparator));

const deckTitle = (title: string): string =>
  [...title].length > 100 ? `${[...title].slice(0, 99).join('')}…` : title;

/** A warm-up's rounds: WARMUP_AIMED aimed at the class's ideas, then one contrast prediction. */
export const WARMUP_ROUNDS = 5;
export const WARMUP_AIMED = 4;

/**
 * The warm-up for the next lecture (README, "The return trip"): WARMUP_AIMED rounds aimed at
 * `targets` (what the class got wrong, most first; the first FOLLOW_UP_TARGETS_MAX are used, in
 * turn: 2 targets give 2 rounds each), tagged as M5's are, then one untagged prediction of the
 * outcome the others ask least, so the answer cannot be read off the topic; shuffled by the seed. No
 * round is one of `avoid` (roundKey: the original game's rounds), and every round passes the
 * generator's checks, as M5's do. The same seed, targets and avoid give the same deck.
 */
export function generateWarmupDeck(
  seed: number,
  targets: readonly MisconceptionId[],
  /** `titled` writes the warm-up's title from the original's (the server's, in the teacher's language). */
  opts: { title: string; avoid?: readonly TaggedRound[]; titled?: (title: string) => string },
): FollowUpDeck {
  const aimedAt = [...new Set(targets)].slice(0, FOLLOW_UP_TARGETS_MAX);
  if (aimedAt.length === 0) throw new RangeError('generateWarmupDeck: name at least one idea');
  const avoid = new Set((opts.avoid ?? []).map(roundKey));
  const rng = createRng(seed);
  const rounds: FollowUpRound[] = [];
  for (let i = 0; i < WARMUP_AIMED; i++) {
    const target = aimedAt[i % aimedAt.length]!;
    const round = aimedRound(rng, target, Math.floor(i / aimedAt.length), avoid);
    if (round) {
      rounds.push(round);
      avoid.add(roundKey(round));
    }
  }
  const count = (outcome: Answer) =>
    rounds.filter((r) => r.type === 'predict' && predictOutcome(r.scenario) === outcome).length;
  const least = ANSWERS.reduce((a, b) => (count(b) < count(a) ? b : a));
  const kinds: readonly CostKind[] = ['quadratic', 'bowl'];
  for (let attempt = 0; rounds.length < WARMUP_ROUNDS && attempt < ATTEMPTS; attempt++) {
    const round: FollowUpRound = {
      type: 'predict',
      scenario: generateRound(rng.int(0, 0x7fffffff), {
        difficulty: 'medium',
        outcome: least,
        kind: rng.pick(kinds),
      }),
    };
    if (isFairFollowUpRound(round) && !avoid.has(roundKey(round))) rounds.push(round);
  }
  const titled = opts.titled ?? documents.warmUpTitle;
  return { title: deckTitle(titled(opts.title)), rounds: rng.shuffle(rounds) };
}
