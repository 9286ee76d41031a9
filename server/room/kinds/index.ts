// The table of the kinds of round: one line per kind. Typed by RoundType, so a kind missing here, or
// a hook missing from a kind, fails to compile. The room, the views and the report reach a kind
// only through `kindOf`.
import type { DeckRoundOf } from '../../../shared/protocol/deck';
import type { RoundType } from '../../../shared/protocol/schemas';
import { fastest } from './fastest';
import type { RoundKind } from './kind';
import { maxAlpha } from './max-alpha';
import { predict } from './predict';

export type { AskedAt, GivenAnswer, Judge, ReportHooks, RoundKind } from './kind';

export const ROUND_KINDS: { [T in RoundType]: RoundKind<T> } = {
  predict,
  'max-alpha': maxAlpha,
  fastest,
};

/**
 * The hooks of a round's own kind. Generic over the kind: called with one round of a union type,
 * T is the union and every hook's result is the correlated union of the kinds' results.
 */
export function kindOf<T extends RoundType>(round: DeckRoundOf<T>): RoundKind<T> {
  return ROUND_KINDS[round.type];
}
