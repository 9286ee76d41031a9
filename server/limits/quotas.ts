// Storage quotas: how much of the disk the instructors' library may take, per key and in all.

export interface LibraryQuotas {
  /** Saved decks per instructor key. */
  decksPerKey: number;
  /** Bytes of saved decks (their JSON) per instructor key. */
  deckBytesPerKey: number;
  /** Bytes of every deck and report together: the library's share of DATA_DIR's disk. */
  libraryBytes: number;
  /** Homework assignments kept per instructor key. */
  assignmentsPerKey: number;
  /** Attempts (one per device) at one assignment. */
  attemptsPerAssignment: number;
}

const MB = 1024 * 1024;

/**
 * A teacher with a deck per week for years and a few imported data sets stays far below the per-key
 * figures (a typical deck is 2–20 KB; the largest the editor can make, ~2.5 MB). The library total
 * bounds what a flood of fresh keys can write, whatever the per-key quotas.
 */
export const DEFAULT_QUOTAS: LibraryQuotas = {
  decksPerKey: 500,
  deckBytesPerKey: 64 * MB,
  libraryBytes: 2048 * MB,
  // A teacher assigning every deck of a year to several classes; a lecture hall doing one, each
  // student on a phone and a laptop, with retries.
  assignmentsPerKey: 500,
  attemptsPerAssignment: 2000,
};

export type QuotaName =
  | 'decksPerKey'
  | 'deckBytesPerKey'
  | 'libraryBytes'
  | 'assignmentsPerKey'
  | 'attemptsPerAssignment';

/** A friendly sentence naming the limit that a save would pass. */
export function quotaMessage(name: QuotaName, quotas: LibraryQuotas): string {
  switch (name) {
    case 'decksPerKey':
      return `You have ${quotas.decksPerKey} saved decks, the most one instructor may keep. Delete one you no longer need, then save again.`;
    case 'deckBytesPerKey':
      return `Your saved decks would take more than ${formatBytes(quotas.deckBytesPerKey)}, the most one instructor may keep. Delete a large deck you no longer need, then save again.`;
    case 'libraryBytes':
      return `This server's library is full (${formatBytes(quotas.libraryBytes)} of decks and reports). Ask whoever runs it to make room; your deck was not saved.`;
    case 'assignmentsPerKey':
      return `You have ${quotas.assignmentsPerKey} homework assignments, the most one instructor may keep. Delete one you no longer need, then assign again.`;
    case 'attemptsPerAssignment':
      return `This homework already has ${quotas.attemptsPerAssignment} attempts, the most one assignment may take. Please tell your teacher.`;
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
