// What each outcome is called, wherever people read it: both apps, the report page and the CSV.
// Kept tiny and alone so the phone's bundle can import it.
import type { Outcome } from '../engine/types';

export const OUTCOME_LABELS = {
  converges: 'Converges',
  zigzag: 'Zig-zags',
  diverges: 'Diverges',
  oscillates: 'Bounces for ever',
} as const satisfies Record<Outcome, string>;
