import type { KindInfo } from './info';

export const fastestInfo: KindInfo<'fastest'> = {
  name: 'Fastest α',
  editorLabel: 'Which α is fastest?',
  editorDefaults: { alphas: ['0.25', '0.5', '0.8'] },
};
