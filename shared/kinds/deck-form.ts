// How a kind of round reads and writes its own fields in a deck file (docs/scenarios.md): the
// seconds and the "type" are read by shared/protocol/deck.ts for every kind alike.
import type { Problem } from '../engine/round-kinds';
import { parseScenario } from '../engine/schema';
import type { Rule } from '../i18n/rules';
import type { DeckFileRound, DeckRoundOf, RoundBase } from '../protocol/deck';
import type { RoundType } from '../protocol/schemas';

export type FormParse<T extends RoundType> =
  | { ok: true; round: DeckRoundOf<T> }
  | { ok: false; error: string; field: string; rule: Rule };

export interface DeckForm<T extends RoundType> {
  /** Checks a round's fields as written (`type` and `seconds` already taken out). */
  parse(fields: Record<string, unknown>, base: RoundBase): FormParse<T>;
  /** The round as a deck file writes it: what `parse` reads back. */
  toFile(round: DeckRoundOf<T>, base: RoundBase): DeckFileRound;
  /** The cost and start the round is about, for drawing and the engine. */
  problem(round: DeckRoundOf<T>): Problem;
}

/**
 * A cost and start checked by the scenario rules, with α left out: α is the students' to find, so
 * any valid one stands in while checking them.
 */
export function parseProblem(
  fields: Record<string, unknown>,
): { ok: true; problem: Problem } | { ok: false; error: string; field: string; rule: Rule } {
  const { alpha: _ignored, ...problemFields } = fields;
  const checked = parseScenario({ ...problemFields, alpha: 1 });
  if (!checked.ok) return checked;
  return { ok: true, problem: { cost: checked.scenario.cost, start: checked.scenario.start } };
}
