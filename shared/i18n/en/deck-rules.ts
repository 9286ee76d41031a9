// The rules a deck file must follow beyond its scenarios' (shared/protocol/deck.ts, shared/kinds), as
// ./rules.ts writes the scenarios' ones: the server's English sentence, and the id and parameters
// the host page says in its own language. English is the source of truth (see ../language.ts).
import type { NoParams } from './rules';

export const deckRules = {
  round: (_: NoParams) => 'a round must be an object',
  seconds: (p: { min: number; max: number }) => `seconds must be a whole number from ${p.min} to ${p.max}`,
  type: (p: { types: string }) => `type must be one of ${p.types}`,
  tags: (p: { ids: string }) => `tags must be a list of ${p.ids}`,
  options: (p: { min: number; max: number }) =>
    `alphas must be a list of ${p.min} or ${p.max} different learning rates`,
  deck: (_: NoParams) => 'A deck must be a JSON object with "title" and "rounds".',
  warmupOf: (_: NoParams) => 'warmupOf must be a report id: 1 to 64 letters, digits, "-" or "_".',
  title: (p: { max: number }) => `title must be text of at most ${p.max} characters.`,
  rounds: (_: NoParams) => 'rounds must be a list with at least one round.',
  roundsMax: (p: { max: number }) => `A deck has at most ${p.max} rounds.`,
  /** A round's first problem: where it is (`field` may be empty), then the rule's sentence. */
  inRound: (p: { round: number; field: string; rule: string }) =>
    `${p.field ? `Round ${p.round}, ${p.field}` : `Round ${p.round}`}: ${p.rule}.`,
};
