// The shapes the instructor API (/api, docs/api.md) sends, shared by the server and the host app.
import type { DeckFile } from './deck';

/**
 * An instructor's private key, as their browser makes it and the server accepts it: 22 to 64
 * URL-safe characters (the app makes 32). Checked by the API, by host:create and by the host app.
 */
export const INSTRUCTOR_KEY_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

export interface DeckSummary {
  id: string;
  title: string;
  rounds: number;
  /** ms since the epoch */
  createdAt: number;
  updatedAt: number;
}

export interface StoredDeck extends DeckSummary {
  deck: DeckFile;
}

export interface ReportSummary {
  id: string;
  code: string;
  title: string;
  startedAt: number;
  endedAt: number;
  players: number;
  rounds: number;
  /** Correct answers over the students who could answer, across the scored rounds; null if none. */
  shareCorrect: number | null;
}
