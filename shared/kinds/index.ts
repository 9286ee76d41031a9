// The table of what both sides know about each kind of round: one line per kind, so a kind missing
// here fails to compile.
import type { RoundType } from '../protocol/schemas';
import { fastestInfo } from './fastest';
import type { KindInfo } from './info';
import { maxAlphaInfo } from './max-alpha';
import { predictInfo } from './predict';

export type { EditorFields, KindInfo } from './info';

export const KIND_INFO: { [T in RoundType]: KindInfo<T> } = {
  predict: predictInfo,
  'max-alpha': maxAlphaInfo,
  fastest: fastestInfo,
};
