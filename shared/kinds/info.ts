// What both sides know about a kind of round besides its wire types (shared/protocol/views.ts,
// KindWire): its name in lists, reports and the CSV, and the deck editor's defaults for the
// fields only that kind has.
import type { RoundType } from '../protocol/schemas';

/** The deck editor's text fields that belong to one kind of round, as typed. */
export interface EditorFields {
  predict: { alpha: string };
  'max-alpha': Record<never, never>;
  fastest: { alphas: string[] };
}

export interface KindInfo<T extends RoundType> {
  /** The kind in a word or two: in lists of rounds, the reports and the CSV. */
  name: string;
  /** The kind as the deck editor offers it. */
  editorLabel: string;
  /** A sensible value in each of the kind's own fields, so switching to it shows a round at once. */
  editorDefaults: EditorFields[T];
}
