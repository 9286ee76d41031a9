// What each outcome is called, wherever people read it: both apps, the report page and the CSV.
// Kept tiny and alone so the phone's bundle can import it. The course says a zig-zag "will
// converge", so the three answers are worded to exclude each other.
import type { Outcome } from '../engine/types';

export const OUTCOME_LABELS = {
  converges: 'Converges directly',
  zigzag: 'Zig-zags in',
  diverges: 'Diverges',
  oscillates: 'Bounces for ever',
} as const satisfies Record<Outcome, string>;
