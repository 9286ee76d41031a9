// The shapes the instructor API (/api, docs/api.md) sends, shared by the server and the host app.
import type { DeckFile } from './deck';

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
