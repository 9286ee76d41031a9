// The follow-up deck of a report (README M5): generated rounds aimed at the misconceptions the class
// held, as a deck file ready to save, host or edit.
import { FOLLOW_UP_TARGETS_MAX, generateFollowUpDeck } from '../../shared/engine/follow-up';
import type { MisconceptionId } from '../../shared/engine/misconceptions';
import { type DeckFile, toDeckFile } from '../../shared/protocol/deck';
import { type StoredReport, upgradeReport } from './misconceptions';
import { type DocumentWords, ENGLISH_WORDS } from './words';

/**
 * Null when the report names no misconception. The seed is the game's start time, so the same report
 * always gives the same deck.
 */
export function followUpDeckOf(body: StoredReport, words: DocumentWords = ENGLISH_WORDS): DeckFile | null {
  const report = upgradeReport(body);
  const targets = report.misconceptions.slice(0, FOLLOW_UP_TARGETS_MAX).map((m) => m.id);
  if (targets.length === 0) return null;
  const titled = (ideas: readonly MisconceptionId[]) =>
    words.followUpTitle(ideas.map(words.idea).join(words.ideasSeparator));
  return toDeckFile(generateFollowUpDeck(report.startedAt % 2 ** 31, targets, titled));
}
