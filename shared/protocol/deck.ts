// A deck file is what instructors write and share: { "title": "...", "rounds": [scenario, ...] },
// each round a scenario with an optional "seconds". Errors name the round (counted from 1, as a
// teacher counts) and the field, so a colleague's file can be fixed by hand.
import { parseScenario } from '../engine/index';
import type { Scenario } from '../engine/types';
import { DECK_ROUNDS_MAX, SECONDS_MAX, SECONDS_MIN } from './schemas';

export interface DeckRound {
  scenario: Scenario;
  /** Overrides the game's seconds per question for this round. */
  seconds?: number;
}

export interface Deck {
  title: string;
  rounds: DeckRound[];
}

export const DECK_TITLE_MAX_CHARS = 100;

export type DeckParse =
  | { ok: true; deck: Deck }
  | { ok: false; error: string; round?: number; field?: string };

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

export function parseDeck(input: unknown): DeckParse {
  if (!isRecord(input))
    return { ok: false, error: 'A deck must be a JSON object with "title" and "rounds".' };
  const { title = 'Untitled deck', rounds } = input;
  if (typeof title !== 'string' || [...title].length > DECK_TITLE_MAX_CHARS)
    return {
      ok: false,
      field: 'title',
      error: `title must be text of at most ${DECK_TITLE_MAX_CHARS} characters.`,
    };
  if (!Array.isArray(rounds) || rounds.length === 0)
    return { ok: false, field: 'rounds', error: 'rounds must be a list with at least one round.' };
  if (rounds.length > DECK_ROUNDS_MAX)
    return { ok: false, field: 'rounds', error: `A deck has at most ${DECK_ROUNDS_MAX} rounds.` };

  const parsed: DeckRound[] = [];
  for (const [index, raw] of rounds.entries()) {
    const round = index + 1;
    if (!isRecord(raw)) return { ok: false, round, error: `Round ${round} must be an object.` };
    const { seconds, ...scenario } = raw;
    if (
      seconds !== undefined &&
      (typeof seconds !== 'number' ||
        !Number.isInteger(seconds) ||
        seconds < SECONDS_MIN ||
        seconds > SECONDS_MAX)
    ) {
      return {
        ok: false,
        round,
        field: 'seconds',
        error: `Round ${round}, seconds: must be a whole number from ${SECONDS_MIN} to ${SECONDS_MAX}.`,
      };
    }
    const checked = parseScenario(scenario);
    if (!checked.ok)
      return {
        ok: false,
        round,
        field: checked.field,
        error: `Round ${round}, ${checked.field}: ${checked.error}`,
      };
    parsed.push(
      seconds === undefined ? { scenario: checked.scenario } : { scenario: checked.scenario, seconds },
    );
  }
  return { ok: true, deck: { title: title.trim() || 'Untitled deck', rounds: parsed } };
}

/** A deck as a file: each round's scenario fields flattened, as docs/scenarios.md describes. */
export interface DeckFile {
  title: string;
  rounds: Array<Scenario & { seconds?: number }>;
}

/** The deck file form of a deck. */
export function toDeckFile(deck: Deck): DeckFile {
  return {
    title: deck.title,
    rounds: deck.rounds.map((r) =>
      r.seconds === undefined ? { ...r.scenario } : { ...r.scenario, seconds: r.seconds },
    ),
  };
}
