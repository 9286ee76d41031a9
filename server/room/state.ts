// The room's state: plain JSON, so the store can save it as is and a restarted server resumes it.
// Phases are a discriminated union; each carries only its own fields.

import type { Confidence } from '../../shared/protocol/confidence';
import type { Deck } from '../../shared/protocol/deck';
import type { AnswerValue, Settings } from '../../shared/protocol/views';
import type { Answers } from './answers';

/** Players are never removed, only marked kicked, so a player's id is their index in `players`. */
export interface Player {
  id: number;
  nickname: string;
  /** Case-folded nickname: what uniqueness is decided on. */
  key: string;
  secret: string;
  joinedAt: number;
  score: number;
  /** Consecutive correct answers up to the last closed round. */
  streak: number;
  /** Sum over closed rounds of the time taken to answer (the full question length if no answer): the tie-break. */
  answerMs: number;
  connected: boolean;
  kicked: boolean;
  /**
   * The browser's own random id (J5), or null for a client that sent none: a kicked player's device
   * may not join again, and a player whose kick was undone comes back from it.
   */
  device: string | null;
}

export interface RecordedAnswer {
  /** An outcome for a prediction round, a learning rate for the other kinds. */
  choice: AnswerValue;
  /** Server time at receipt, ms since the epoch. */
  at: number;
  /** at − openedAt − the time the server was down meanwhile (R5), clamped to [0, durationMs]. */
  elapsedMs: number;
  /** C1: how sure the student said they were; only in a game scored by confidence. */
  confidence?: Confidence;
}

export interface ScoredAnswer extends RecordedAnswer {
  correct: boolean;
  /** Points earned this round, streak bonus included. */
  points: number;
  streakBonus: number;
}

export type CloseReason = 'deadline' | 'all-answered' | 'host' | 'game-ended';

export interface RoundResult {
  round: number;
  /**
   * False when no student answer could be right (the exact r = 2 bounce, a race with a tie): nobody
   * scores or loses a streak.
   */
  scored: boolean;
  openedAt: number;
  closedAt: number;
  durationMs: number;
  closedBy: CloseReason;
  /** Indexed by player id; null where that player did not answer. */
  answers: Array<ScoredAnswer | null>;
  /** Students who could have answered: connected at the close, or who answered. */
  eligible: number;
  /**
   * PI: the round went to a discussion and a second vote. `answers` then holds the vote that scored
   * (the second, or the first for a student who did not vote again: PI4) and the timing fields above
   * are the second vote's; this is the first vote as it closed.
   */
  firstVote?: FirstVote;
  /** PI9: this round is the twin of that round (counted from 0), asked after its reveal. */
  twinOf?: number;
}

/** PI: a prediction round's first vote, closed but not scored nor revealed. */
export interface FirstVote {
  openedAt: number;
  closedAt: number;
  durationMs: number;
  closedBy: CloseReason;
  /** Indexed by player id; null where that player did not answer. */
  answers: Array<RecordedAnswer | null>;
  eligible: number;
}

export type Phase =
  | { kind: 'lobby' }
  | {
      kind: 'question';
      round: number;
      openedAt: number;
      deadlineAt: number;
      durationMs: number;
      /**
       * R5: time the question was unavailable (the server down) since it opened: added to the
       * deadline already, and taken off every answer's time.
       */
      pausedMs: number;
      /** When the question last came back after a restart (R5), or null: downtime is never counted twice. */
      resumedAt: number | null;
      /** By player id (server/room/answers.ts): added to without copying the whole class's slots. */
      answers: Answers;
      answered: number;
      /** PI: set on a second vote (after a discussion): the first vote, which stands for whoever does not vote again. */
      first?: FirstVote;
      /** PI9: the question is the twin of that round (counted from 0): answered alone, no discussion. */
      twinOf?: number;
    }
  /** PI1: a prediction's first vote closed; the host chooses a discussion or the reveal. */
  | { kind: 'votes'; round: number; first: FirstVote }
  /** PI2: students talk; the second vote opens at `endsAt` or when the host ends it. */
  | { kind: 'discussion'; round: number; first: FirstVote; startedAt: number; endsAt: number }
  | { kind: 'reveal'; round: number }
  | { kind: 'leaderboard'; round: number }
  | { kind: 'podium'; endedAt: number; endedEarly: boolean };

export interface RoomState {
  code: string;
  hostSecret: string;
  /** The instructor the game's report is saved for (a hash of their key), or null. */
  owner: string | null;
  createdAt: number;
  settings: Settings;
  deck: Deck;
  locked: boolean;
  players: Player[];
  /** One per closed round, in order: results[i].round === i. */
  results: RoundResult[];
  /** Grows by one with every change; views carry it so clients drop stale snapshots. */
  version: number;
  phase: Phase;
}

export type Actor = { role: 'host' } | { role: 'player'; playerId: number } | { role: 'stranger' };

export type Command =
  | { type: 'join'; nickname: string; secret: string; device?: string }
  | { type: 'presence'; playerId: number; connected: boolean }
  | { type: 'answer'; playerId: number; round: number; choice: AnswerValue; confidence?: Confidence }
  | { type: 'deadline'; round: number }
  | { type: 'start'; by: Actor; round: number }
  | { type: 'reveal'; by: Actor; round: number }
  | { type: 'leaderboard'; by: Actor; round: number }
  /** PI2: from the votes of a closed first vote to a discussion. */
  | { type: 'discuss'; by: Actor; round: number }
  /** PI2: the host adds time to the discussion. */
  | { type: 'discussion-extend'; by: Actor; round: number }
  /** PI3: the host ends the discussion early; the second vote opens. */
  | { type: 'discussion-end'; by: Actor; round: number }
  /**
   * PI9: after the reveal of a round that went to a second vote, its twin (the engine's, from `seed`)
   * is added right after it and opens as a question.
   */
  | { type: 'twin'; by: Actor; round: number; seed: number }
  | { type: 'end'; by: Actor }
  | { type: 'kick'; by: Actor; playerId: number }
  | { type: 'unkick'; by: Actor; playerId: number }
  /**
   * R5: the room is back after a restart; the server was last known alive at `downSince` (null if
   * the store cannot say). An open question gets the time it was unavailable back.
   */
  | { type: 'resume'; downSince: number | null }
  | { type: 'lock'; by: Actor; locked: boolean };

export const MAX_PLAYERS = 2500;

/**
 * The id under which a game's report is saved for its instructor, or null for a game without one:
 * fixed by the game itself, so the podium can link to it before anyone asks the report store.
 */
export function reportIdOf(state: RoomState): string | null {
  return state.owner === null ? null : `${state.code}-${state.createdAt.toString(36)}`;
}

export { assertNever } from '../../shared/engine/format';
