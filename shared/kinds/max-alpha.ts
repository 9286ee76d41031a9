import { type DeckForm, parseProblem } from './deck-form';
import type { KindInfo } from './info';

export const maxAlphaInfo: KindInfo<'max-alpha'> = {
  name: 'Largest α',
  editorLabel: 'Largest α that still converges',
  editorDefaults: {},
};

/** A cost and a start; an α written in the file is ignored, since it is what students find. */
export const maxAlphaDeck: DeckForm<'max-alpha'> = {
  parse(fields, base) {
    const checked = parseProblem(fields);
    return checked.ok
      ? { ok: true, round: { type: 'max-alpha', problem: checked.problem, ...base } }
      : checked;
  },
  toFile: (round, base) => ({ type: 'max-alpha', ...round.problem, ...base }),
  problem: (round) => round.problem,
};
