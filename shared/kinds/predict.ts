import { parseScenario } from '../engine/schema';
import type { DeckForm } from './deck-form';
import type { KindInfo } from './info';

export const predictInfo: KindInfo<'predict'> = {
  name: 'Predict',
  editorLabel: 'Predict: converges, zig-zags or diverges?',
  editorDefaults: { alpha: '0.25' },
};

/** A scenario, its α included: the deck file's fields are the scenario's, and "type" may be left out. */
export const predictDeck: DeckForm<'predict'> = {
  parse(fields, base) {
    const checked = parseScenario(fields);
    return checked.ok
      ? { ok: true, round: { type: 'predict', scenario: checked.scenario, ...base } }
      : checked;
  },
  toFile: (round, base) => ({ ...round.scenario, ...base }),
  problem: (round) => ({ cost: round.scenario.cost, start: round.scenario.start }),
};
