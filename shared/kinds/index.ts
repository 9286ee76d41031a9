// The tables of what both sides know about each kind of round: one line per kind, so a kind missing
// here fails to compile.
import type { RoundType } from '../protocol/schemas';
import type { DeckForm } from './deck-form';
import { fastestDeck, fastestInfo } from './fastest';
import type { KindInfo } from './info';
import { maxAlphaDeck, maxAlphaInfo } from './max-alpha';
import { predictDeck, predictInfo } from './predict';

export type { DeckForm } from './deck-form';
export { FASTEST_OPTIONS_MAX, FASTEST_OPTIONS_MIN } from './fastest';
export type { EditorFields, KindInfo } from './info';

export const KIND_INFO: { [T in RoundType]: KindInfo<T> } = {
  predict: predictInfo,
  'max-alpha': maxAlphaInfo,
  fastest: fastestInfo,
};

/** How each kind reads and writes its fields in a deck file. */
export const DECK_FORMS: { [T in RoundType]: DeckForm<T> } = {
  predict: predictDeck,
  'max-alpha': maxAlphaDeck,
  fastest: fastestDeck,
};
