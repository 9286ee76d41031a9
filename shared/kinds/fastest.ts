import { parseScenario } from '../engine/schema';
import { rule } from '../i18n/rules';
import { englishDeckRule } from '../protocol/deck-rule';
import { type DeckForm, parseProblem } from './deck-form';
import type { KindInfo } from './info';

export const FASTEST_OPTIONS_MIN = 3;
export const FASTEST_OPTIONS_MAX = 4;

export const fastestInfo: KindInfo<'fastest'> = {
  name: 'Fastest α',
  editorLabel: 'Which α is fastest?',
  editorDefaults: { alphas: ['0.25', '0.5', '0.8'] },
};

/** A cost, a start and 3–4 different α, each one a valid α for that cost. */
export const fastestDeck: DeckForm<'fastest'> = {
  parse({ alphas, ...fields }, base) {
    const checked = parseProblem(fields);
    if (!checked.ok) return checked;
    const options = rule('options', { min: FASTEST_OPTIONS_MIN, max: FASTEST_OPTIONS_MAX });
    const refused = { ok: false, field: 'alphas', error: englishDeckRule(options), rule: options } as const;
    if (!Array.isArray(alphas) || alphas.length < FASTEST_OPTIONS_MIN || alphas.length > FASTEST_OPTIONS_MAX)
      return refused;
    const { alpha: _ignored, ...problemFields } = fields;
    const checkedAlphas: number[] = [];
    for (const a of alphas) {
      const one = parseScenario({ ...problemFields, alpha: a });
      if (!one.ok) {
        // α's rule, said of each option.
        const params = { ...one.rule.params, field: 'alphas', each: true };
        const each = { ...one.rule, params } as typeof one.rule;
        return { ok: false, field: 'alphas', error: englishDeckRule(each), rule: each };
      }
      checkedAlphas.push(one.scenario.alpha);
    }
    if (new Set(checkedAlphas).size !== checkedAlphas.length) return refused;
    return { ok: true, round: { type: 'fastest', problem: checked.problem, alphas: checkedAlphas, ...base } };
  },
  toFile: (round, base) => ({ type: 'fastest', ...round.problem, alphas: round.alphas, ...base }),
  problem: (round) => round.problem,
};
