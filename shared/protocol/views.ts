// Each audience gets its own view: small snapshots, never patches, stamped with the room's version
// so a client can drop a stale one. A player's view never holds the verdict before the reveal.
import type { Answer, Outcome, Scenario, Simulation } from '../engine/types';

export type PhaseKind = 'lobby' | 'question' | 'reveal' | 'leaderboard' | 'podium';

export interface Settings {
  secondsPerQuestion: number;
  speedPoints: boolean;
}

export interface RankEntry {
  id: number;
  nickname: string;
  score: number;
  rank: number;
}

export interface RosterEntry {
  id: number;
  nickname: string;
  connected: boolean;
  score: number;
}

export type Distribution = Record<Answer | 'none', number>;

interface ViewBase {
  protocol: number;
  /** Grows with every change of the room; a client keeps the highest it has seen. */
  version: number;
  /** The server's clock when the view was made, in ms since the epoch: lets a client correct its own. */
  serverNow: number;
  code: string;
  roundCount: number;
}

export interface QuestionInfo {
  round: number;
  scenario: Scenario;
  openedAt: number;
  deadlineAt: number;
  durationMs: number;
}

export type HostPhase =
  | { kind: 'lobby' }
  | ({ kind: 'question'; answered: number; total: number } & QuestionInfo)
  | {
      kind: 'reveal';
      round: number;
      scenario: Scenario;
      simulation: Simulation;
      distribution: Distribution;
      /** Students who could have answered: those connected at the close, or who answered. */
      total: number;
      correct: number;
      scored: boolean;
      top: RankEntry[];
    }
  | { kind: 'leaderboard'; round: number; top: RankEntry[] }
  | { kind: 'podium'; standings: RankEntry[]; endedEarly: boolean; roundsPlayed: number };

export interface HostView extends ViewBase {
  role: 'host';
  locked: boolean;
  settings: Settings;
  deckTitle: string;
  /** Where students join this game, e.g. http://192.168.1.20:3000/join/123456 (the QR code's text). */
  joinUrl: string;
  players: RosterEntry[];
  playerCount: number;
  connectedCount: number;
  phase: HostPhase;
}

export interface Me {
  id: number;
  nickname: string;
  score: number;
  /** Consecutive correct answers up to now. */
  streak: number;
  rank: number;
}

export type PlayerPhase =
  | { kind: 'lobby' }
  | ({ kind: 'question'; answer: Answer | null } & QuestionInfo)
  | {
      kind: 'reveal';
      round: number;
      scenario: Scenario;
      outcome: Outcome;
      explanation: string;
      answer: Answer | null;
      correct: boolean;
      /** False when the outcome is one no student could pick (the exact r = 2 bounce). */
      scored: boolean;
      points: number;
      streakBonus: number;
    }
  | { kind: 'leaderboard'; round: number; playerCount: number }
  | { kind: 'podium'; podium: RankEntry[]; playerCount: number }
  | { kind: 'kicked' };

export interface PlayerView extends ViewBase {
  role: 'player';
  me: Me;
  phase: PlayerPhase;
}

/** Sent to the host as answers arrive, instead of the whole host view. */
export interface HostProgress {
  version: number;
  round: number;
  answered: number;
  total: number;
}
