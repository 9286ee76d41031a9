// The typecheck's hold on catalogs made of named exports (a module can't be typed like an object):
// each translation's module must match the English one's keys and sentence types.
import type * as enPlayer from './en/player';
import type * as frPlayer from './fr/player';
import type { Strings } from './language';

type Matches<Translation extends English, English> = Translation;

export type FrenchPlayer = Matches<typeof frPlayer, Strings<typeof enPlayer>>;
