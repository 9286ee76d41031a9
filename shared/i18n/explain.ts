// An engine explanation (its id and facts) written out by a language's catalog.
import type { Explanation } from '../engine/types';
import type { engine } from './en/engine';
import type { Strings } from './language';

export function explain(catalog: Strings<typeof engine>, e: Explanation): string {
  switch (e.id) {
    case 'line':
      return catalog.line(e.params);
    case 'valley':
      return catalog.valley(e.params);
    case 'quartic':
      return catalog.quartic(e.params);
  }
}
