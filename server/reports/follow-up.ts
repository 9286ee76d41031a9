// The follow-up deck of a report (README M5): generated rounds aimed at the misconceptions the class
// held, as a deck file ready to save, host or edit.
import { FOLLOW_UP_TARGETS_MAX, generateFollowUpDeck } from '../../shared/engine/follow-up';
import { type DeckFile, toDeckFile } from '../../shared/protocol/deck';
import { type StoredReport, upgradeReport } from './misconceptions';

/**
 * Null when the report names no misconception. The seed is the game's start time, so the same report
 * always gives the same deck.
 */
export function followUpDeckOf(body: StoredReport): DeckFile | null {
  const report = upgradeReport(body);
  const targets = report.misconceptions.slice(0, FOLLOW_UP_TARGETS_MAX).map((m) => m.id);
  if (targets.length === 0) return null;
  return toDeckFile(generateFollowUpDeck(report.startedAt % 2 ** 31, targets));
}
