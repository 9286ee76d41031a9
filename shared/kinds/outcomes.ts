// What each outcome is called, wherever people read it: both apps, the report page and the CSV.
// Kept tiny and alone so the phone's bundle can import it. The course says a zig-zag "will
// converge", so the three answers are worded to exclude each other.
// The words themselves are the language's (shared/i18n/en/common.ts and its translations).

import type { Outcome } from '../engine/types';
import { common } from '../i18n/en/common';

export const OUTCOME_LABELS: Record<Outcome, string> = common.outcomes;
