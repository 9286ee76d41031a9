// A deck file is what instructors write and share: { "title": "...", "rounds": [...] }. A round is a
// scenario (predict the outcome), or a cost and start with "type": "max-alpha" (find the largest α
// that still converges), or with "type": "fastest" and 3–4 "alphas" (which is fastest?); any round
// may carry "seconds". Errors name the round (counted from 1, as a teacher counts) and the field, so
// a colleague's file can be fixed by hand. docs/scenarios.md is the reference.

import { isMisconceptionId, MISCONCEPTION_IDS, type MisconceptionId } from '../engine/misconceptions';
import type { Problem } from '../engine/round-kinds';
import type { Scenario } from '../engine/types';
import { deckRules } from '../i18n/en/deck-rules';
import { type Rule, rule } from '../i18n/rules';
import { DECK_FORMS, type DeckForm } from '../kinds';
import { englishDeckRule } from './deck-rule';
import { DECK_ROUNDS_MAX, ROUND_TYPES, type RoundType, SECONDS_MAX, SECONDS_MIN } from './schemas';

export interface RoundBase {
  /** Overrides the game's seconds per question for this round. */
  seconds?: number;
  /**
   * M1: the misconceptions the round tests, overriding the engine's: each wrong answer keeps only the
   * tagged ones it shows, and a tag the engine derives on no answer stands for every wrong answer.
   */
  tags?: MisconceptionId[];
}
/** What each kind of round adds to a deck round: its one line of the deck's table of kinds. */
export interface DeckRoundFields {
  predict: { scenario: Scenario };
  'max-alpha': { problem: Problem };
  fastest: { problem: Problem; alphas: number[] };
}
/**
 * A deck round of kind T; with T a union, the union of each kind's round. Written as a mapped type
 * indexed by T so that code generic over T keeps a round and its kind's hooks together.
 */
export type DeckRoundOf<T extends RoundType = RoundType> = {
  [P in T]: RoundBase & { type: P } & DeckRoundFields[P];
}[T];
export type DeckRound = DeckRoundOf;

export interface Deck {
  title: string;
  rounds: DeckRound[];
  /** The report id of the game this deck is the warm-up of (README, "The return trip"). */
  warmupOf?: string;
}

/** A round as written in a deck file: the fields flattened. */
export type DeckFileRound =
  | (Scenario & { type?: 'predict' } & RoundBase)
  | (Problem & { type: 'max-alpha' } & RoundBase)
  | (Problem & { type: 'fastest'; alphas: number[] } & RoundBase);

export interface DeckFile {
  title: string;
  rounds: DeckFileRound[];
  warmupOf?: string;
}

/** A report id as `warmupOf` names it: the API's ids are base64url. */
const REPORT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const DECK_TITLE_MAX_CHARS = 100;

/**
 * A refusal: the English sentence (`error`), the round (counted from 1) and field at fault, and the
 * broken rule's id and parameters (shared/i18n/rules.ts), for a page to say it in its language.
 */
export type DeckParse =
  | { ok: true; deck: Deck }
  | { ok: false; error: string; round?: number; field?: string; rule: Rule };
type RoundParse = { ok: true; round: DeckRound } | { ok: false; error: string; field: string; rule: Rule };

/** A refusal of `broken`, in English, about `field`. */
const refusal = (broken: Rule, field: string) => ({
  ok: false as const,
  field,
  error: englishDeckRule(broken),
  rule: broken,
});

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** The scenario/problem of the round that a deck round is about, for drawing and the engine. */
export function problemOf<T extends RoundType>(round: DeckRoundOf<T>): Problem {
  const form: DeckForm<T> = DECK_FORMS[round.type];
  return form.problem(round);
}

/**
 * The first round after `round` (both counted from 0) whose answer this round's reveal would give
 * away if it stated the cost's α thresholds or let students slide α: a later round about the same
 * cost (and, for the quartic, whose thresholds depend on the start, the same start). Null if none.
 * The lesson deck asks the lecture's α = 0.06 just before it asks the largest α on the same data.
 */
export function laterRoundOnSameCost(deck: Deck, round: number): number | null {
  const here = deck.rounds[round];
  if (here === undefined) return null;
  const key = thresholdKey(problemOf(here));
  for (let later = round + 1; later < deck.rounds.length; later++) {
    const other = deck.rounds[later];
    if (other !== undefined && thresholdKey(problemOf(other)) === key) return later;
  }
  return null;
}

/** What a cost's α thresholds depend on, as a string to compare: the cost, and the start for the quartic. */
const thresholdKey = ({ cost, start }: Problem): string =>
  JSON.stringify(cost.kind === 'quartic' ? [cost, start] : [cost]);

const isRoundType = (x: unknown): x is RoundType => ROUND_TYPES.some((t) => t === x);

/** Checks one round (the deck editor checks each round as the instructor types). */
export function parseDeckRound(raw: unknown): RoundParse {
  if (!isRecord(raw)) return refusal(rule('round', {}), '');
  const { seconds, tags, type = 'predict', ...fields } = raw;
  if (
    seconds !== undefined &&
    (typeof seconds !== 'number' ||
      !Number.isInteger(seconds) ||
      seconds < SECONDS_MIN ||
      seconds > SECONDS_MAX)
  )
    return refusal(rule('seconds', { min: SECONDS_MIN, max: SECONDS_MAX }), 'seconds');
  if (!isRoundType(type)) return refusal(rule('type', { types: ROUND_TYPES.join(', ') }), 'type');
  if (tags !== undefined && !(Array.isArray(tags) && tags.every(isMisconceptionId)))
    return refusal(rule('tags', { ids: MISCONCEPTION_IDS.join(', ') }), 'tags');
  const base: RoundBase = {
    ...(seconds === undefined ? {} : { seconds }),
    ...(tags === undefined ? {} : { tags: [...new Set(tags)] }),
  };
  return DECK_FORMS[type].parse(fields, base);
}

export function parseDeck(input: unknown): DeckParse {
  if (!isRecord(input)) {
    const broken = rule('deck', {});
    return { ok: false, error: englishDeckRule(broken), rule: broken };
  }
  const { title = 'Untitled deck', rounds, warmupOf } = input;
  if (warmupOf !== undefined && !(typeof warmupOf === 'string' && REPORT_ID.test(warmupOf)))
    return refusal(rule('warmupOf', {}), 'warmupOf');
  if (typeof title !== 'string' || [...title].length > DECK_TITLE_MAX_CHARS)
    return refusal(rule('title', { max: DECK_TITLE_MAX_CHARS }), 'title');
  if (!Array.isArray(rounds) || rounds.length === 0) return refusal(rule('rounds', {}), 'rounds');
  if (rounds.length > DECK_ROUNDS_MAX) return refusal(rule('roundsMax', { max: DECK_ROUNDS_MAX }), 'rounds');

  const parsed: DeckRound[] = [];
  for (const [index, raw] of rounds.entries()) {
    const round = index + 1;
    const checked = parseDeckRound(raw);
    if (!checked.ok) {
      return {
        ok: false,
        round,
        ...(checked.field ? { field: checked.field } : {}),
        error: deckRules.inRound({ round, field: checked.field, rule: checked.error }),
        rule: checked.rule,
      };
    }
    parsed.push(checked.round);
  }
  return {
    ok: true,
    deck: {
      title: title.trim() || 'Untitled deck',
      rounds: parsed,
      ...(warmupOf === undefined ? {} : { warmupOf }),
    },
  };
}

export function toDeckFileRound<T extends RoundType>(round: DeckRoundOf<T>): DeckFileRound {
  const form: DeckForm<T> = DECK_FORMS[round.type];
  return form.toFile(round, {
    ...(round.seconds === undefined ? {} : { seconds: round.seconds }),
    ...(round.tags === undefined ? {} : { tags: round.tags }),
  });
}

/** The deck file form of a deck: what export writes and import reads back. */
export function toDeckFile(deck: Deck): DeckFile {
  return {
    title: deck.title,
    rounds: deck.rounds.map(toDeckFileRound),
    ...(deck.warmupOf === undefined ? {} : { warmupOf: deck.warmupOf }),
  };
}
