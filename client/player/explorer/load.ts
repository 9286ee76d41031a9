// Loads the reveal's extra plots and the α explorer (./index.tsx) once, after the first reveal: a
// dynamic import, which Vite puts in its own chunk, so the page's first load stays within budget.
// Until it arrives (or if it never does), the reveal shows the run alone.
import { cell } from '../../ui/cell';

type Extras = typeof import('./index');

/** The loaded module, or null while it is on its way. */
export const extras = cell<Extras | null>(null);
let requested = false;

export function loadExtras(): void {
  if (requested) return;
  requested = true;
  import('./index').then(
    (module) => {
      extras.value = module;
    },
    () => {
      // A dropped Wi-Fi: the next reveal asks again.
      requested = false;
    },
  );
}
