// Loads the phone's reveal (../screens/reveal.tsx) with its plots and the α explorer (./index.tsx)
// once, at the first reveal: a dynamic import, which Vite puts in its own chunk, so the page's first
// load stays within its budget. Until it arrives (or if it never does), the reveal says only
// right or not and the points. The "largest α" answer form rides in the same chunk, asked for when
// such a question opens.
import { cell } from '../../ui/cell';

export type Extras = typeof import('../screens/reveal');

/** The loaded module, or null while it is on its way. */
export const extras = cell<Extras | null>(null);
let requested = false;

export function loadExtras(): void {
  if (requested) return;
  requested = true;
  import('../screens/reveal').then(
    (module) => {
      extras.value = module;
    },
    () => {
      // A dropped Wi-Fi: the next reveal asks again.
      requested = false;
    },
  );
}
