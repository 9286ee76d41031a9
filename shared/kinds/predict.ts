import type { KindInfo } from './info';

export const predictInfo: KindInfo<'predict'> = {
  name: 'Predict',
  editorLabel: 'Predict: converges, zig-zags or diverges?',
  editorDefaults: { alpha: '0.25' },
};
