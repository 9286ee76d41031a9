// The reveal animates step by step unless the viewer asked the system for less motion; then the
// final state shows at once. Followed live, so changing the setting mid-game takes effect.
import { signal } from '@preact/signals';

const query = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;

export const reducedMotion = signal(query?.matches ?? false);
query?.addEventListener?.('change', (e) => {
  reducedMotion.value = e.matches;
});
