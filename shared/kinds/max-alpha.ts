import type { KindInfo } from './info';

export const maxAlphaInfo: KindInfo<'max-alpha'> = {
  name: 'Largest α',
  editorLabel: 'Largest α that still converges',
  editorDefaults: {},
};
