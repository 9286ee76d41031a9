// The rules a scenario must follow (shared/engine/validate.ts, schema.ts), one sentence per rule
// with its parameters. The engine and the server write these English sentences (the API's
// `message`, docs/api.md) and send the rule's id and parameters beside them, so that the host page
// says the same rule in its own language with its own numbers (shared/i18n/rules.ts). The deck's own
// rules are in ./deck-rules.ts: this file is in the player's first load with the engine, that one not.
// English is the source of truth (see ../language.ts).

/** The field a rule is about, as a deck file names it, and whether it is about each number of a list. */
export interface Named {
  field: string;
  each?: boolean;
}
/** A rule without parameters still takes an (empty) object: every rule travels as { id, params }. */
export type NoParams = Record<string, never>;

// English keeps the numbers as JavaScript writes them ("0.000001", "1000000"): the API's sentences
// have always read so.
const named = ({ field, each }: Named): string => (each ? `every number in ${field}` : field);

export const rules = {
  finite: (p: Named) => `${named(p)} must be a finite number`,
  between: (p: Named & { max: number }) => `${named(p)} must be between -${p.max} and ${p.max}`,
  positive: (p: Named) => `${named(p)} must be a number greater than 0`,
  atLeast: (p: Named & { min: number }) => `${named(p)} must be at least ${p.min}`,
  atMost: (p: Named & { max: number }) => `${named(p)} must be at most ${p.max}`,
  pairList: (p: Named) => `${named(p)} must be a list of 2 numbers`,
  pairLength: (p: Named) => `${named(p)} must have 2 numbers`,
  points: (p: Named & { min: number; max: number }) =>
    `${named(p)} must be a list of ${p.min} to ${p.max} numbers`,
  numbers: (p: Named) => `${named(p)} must be a list of numbers`,
  angle: (p: { max: number }) => `cost.angle must be between -${p.max} and ${p.max} degrees`,
  sameLength: (_: NoParams) => 'cost.y must have as many numbers as cost.x',
  spread: (_: NoParams) => 'cost.x must contain at least two different values',
  start: (_: NoParams) => 'start must be a list of 1 or 2 numbers',
  dimension: (p: { count: number; kind: string }) =>
    `start must have ${p.count} number${p.count === 1 ? '' : 's'} for a ${p.kind} cost`,
  kindMissing: (p: { kinds: string }) => `cost.kind is missing: use one of ${p.kinds}`,
  kind: (p: { kinds: string }) => `cost.kind must be one of ${p.kinds}`,
  object: (p: Named) => `${named(p)} must be an object`,
  missing: (p: Named) => `${named(p)} is missing`,
  invalid: (_: NoParams) => 'scenario is invalid',
};
