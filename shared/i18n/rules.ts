// A rule a scenario or a deck broke, as data: its id and parameters (what the API sends beside its
// English sentence), and that rule written out by a language's catalogs.
import type { deckRules } from './en/deck-rules';
import type { rules } from './en/rules';
import type { Strings } from './language';

type RuleCatalog = Omit<typeof rules & typeof deckRules, 'inRound'>;
export type RuleId = keyof RuleCatalog;

/** One broken rule: `params` are what its sentence needs, typed per id. */
export type Rule = { [K in RuleId]: { id: K; params: Parameters<RuleCatalog[K]>[0] } }[RuleId];

export const rule = <K extends RuleId>(id: K, params: Parameters<RuleCatalog[K]>[0]): Rule =>
  ({ id, params }) as Rule;

/**
 * The rule's sentence in the language of `scenario` and `deck` (a language's two rule catalogs). The
 * engine passes its scenario rules only: the deck's stay out of the pages that load the engine alone.
 */
export function ruleText(
  scenario: Strings<typeof rules>,
  deck: Strings<typeof deckRules> | null,
  broken: Rule,
): string {
  const sentences: Record<string, (params: never) => string> = deck ? { ...scenario, ...deck } : scenario;
  return (sentences[broken.id] as (params: Rule['params']) => string)(broken.params);
}

/**
 * A rule as the API sent it, checked as far as its sentence needs: a known id and an object of
 * parameters. Null for anything else (then the page shows the server's English message).
 */
export function ruleFrom(
  x: unknown,
  scenario: Strings<typeof rules>,
  deck: Strings<typeof deckRules>,
): Rule | null {
  if (typeof x !== 'object' || x === null) return null;
  const { id, params } = x as { id?: unknown; params?: unknown };
  if (typeof id !== 'string' || id === 'inRound' || !(Object.hasOwn(scenario, id) || Object.hasOwn(deck, id)))
    return null;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return null;
  return { id, params } as Rule;
}
