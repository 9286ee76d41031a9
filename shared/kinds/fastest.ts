import { parseScenario } from '../engine/schema';
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
    const message = `alphas must be a list of ${FASTEST_OPTIONS_MIN} or ${FASTEST_OPTIONS_MAX} different learning rates`;
    if (!Array.isArray(alphas) || alphas.length < FASTEST_OPTIONS_MIN || alphas.length > FASTEST_OPTIONS_MAX)
      return { ok: false, field: 'alphas', error: message };
    const { alpha: _ignored, ...problemFields } = fields;
    const checkedAlphas: number[] = [];
    for (const a of alphas) {
      const one = parseScenario({ ...problemFields, alpha: a });
      if (!one.ok)
        return { ok: false, field: 'alphas', error: one.error.replace(/^alpha\b/, 'every number in alphas') };
      checkedAlphas.push(one.scenario.alpha);
    }
    if (new Set(checkedAlphas).size !== checkedAlphas.length)
      return { ok: false, field: 'alphas', error: message };
    return { ok: true, round: { type: 'fastest', problem: checked.problem, alphas: checkedAlphas, ...base } };
  },
  toFile: (round, base) => ({ type: 'fastest', ...round.problem, alphas: round.alphas, ...base }),
  problem: (round) => round.problem,
};
