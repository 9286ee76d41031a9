// The French explanations say what the English ones say: the same numbers, in the same order, over
// every round the generator makes and the built-in deck, written with a decimal comma and narrow
// no-break spaces. The English ones are checked against the maths (explanations.test.ts); this holds
// the French to them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_DECK, generateRound, simulate } from '../../shared/engine/index';
import type { Difficulty, Scenario } from '../../shared/engine/types';
import { common } from '../../shared/i18n/en/common';
import { explain } from '../../shared/i18n/explain';
import { common as frCommon } from '../../shared/i18n/fr/common';
import { engine as fr } from '../../shared/i18n/fr/engine';
import { english } from '../helpers/english';

const DIFFICULTIES: Difficulty[] = ['easy', 'medium', 'hard'];
const ROUNDS: Scenario[] = [
  ...DIFFICULTIES.flatMap((difficulty) =>
    Array.from({ length: 60 }, (_, seed) => generateRound(seed, { difficulty })),
  ),
  ...BUILTIN_DECK.rounds,
  // The rarer sentences: at the minimum, a start with no steep component, the exact bounce, the quartic.
  { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [1], alpha: 0.3 },
  { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 1 },
  { cost: { kind: 'bowl', eigenvalues: [1, 4], angle: 0, center: [0, 0] }, start: [3, 0], alpha: 0.6 },
  { cost: { kind: 'quartic', b: 1 }, start: [2], alpha: 0.3 },
  { cost: { kind: 'quartic', b: 1 }, start: [0.5], alpha: 1.5 },
];

/** The numbers a sentence quotes, as plain decimals: "1,000" and "1 000" are both 1000. */
const englishNumbers = (text: string) =>
  [...text.matchAll(/−?\d[\d,]*(?:\.\d+)?/g)].map((m) => m[0].replace(/,/g, ''));
const frenchNumbers = (text: string) =>
  [...text.matchAll(/−?\d(?:\d|\u202F(?=\d))*(?:,\d+)?/g)].map((m) =>
    m[0].replace(/\u202F/g, '').replace(',', '.'),
  );

// French numbers as a French page writes them (the host page does the same, client/host/language.ts).
const english_ = { decimal: common.decimal, pointSeparator: common.pointSeparator };
const french = (s: Scenario) => {
  Object.assign(common, { decimal: frCommon.decimal, pointSeparator: frCommon.pointSeparator });
  try {
    return explain(fr, simulate(s).explanation);
  } finally {
    Object.assign(common, english_);
  }
};
beforeAll(() => expect(common.decimal).toBe('.'));
afterAll(() => expect(common.decimal).toBe('.'));

describe('the French explanations', () => {
  it('quote the numbers the English ones quote, in the same order', () => {
    for (const scenario of ROUNDS) {
      const en = english(simulate(scenario).explanation);
      const text = french(scenario);
      expect(frenchNumbers(text), `${en}\n${text}`).toEqual(englishNumbers(en));
    }
  });

  it('write a decimal comma, never a decimal point, and a narrow no-break space before : ; %', () => {
    for (const scenario of ROUNDS) {
      const text = french(scenario);
      expect(text).not.toMatch(/\d\.\d/);
      expect(text).not.toMatch(/[^\u202F][:;%]/);
    }
  });

  it('write the example of docs/scenarios.md word for word as a French teacher would', () => {
    expect(
      french({
        cost: { kind: 'quadratic', a: 2, c: 0 },
        start: [3],
        alpha: 0.8,
      }),
    ).toBe(
      'α·J″ = 0,8 × 2 = 1,6 est entre 1 et 2\u202F: chaque pas dépasse le minimum mais arrive plus près\u202F; la distance est multipliée par |1 − α·J″| = 0,6 à chaque pas (40\u202F% plus près\u202F; environ 14 pas pour être 1\u202F000 fois plus près).',
    );
  });
});
