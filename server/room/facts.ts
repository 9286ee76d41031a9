// The facts of a change, as the reducer knows them: what the store writes, one to one, and what says
// who hears of the change. Nothing here is worked out by comparing two states.
import type { DeckRound } from '../../shared/protocol/deck';
import type { FirstVote, Phase, Player, RecordedAnswer, RoundResult } from './state';

export type Fact =
  | { type: 'player-joined'; player: Player }
  /** A player's presence changed, or the host removed them or undid that (H3). */
  | { type: 'player-changed'; player: Player; reason: 'presence' | 'kick' | 'unkick' }
  | { type: 'answer-recorded'; round: number; playerId: number; answer: RecordedAnswer }
  /** A question closed: its result, and the players whose score, streak or time it changed. */
  | { type: 'round-closed'; result: RoundResult; players: Player[] }
  /** PI1: a prediction's first vote closed unscored; its answers now travel in the phase. */
  | { type: 'first-vote-closed'; round: number; first: FirstVote }
  /** PI9: a twin joined the deck at `round`, right after the round it is the twin of; later rounds moved up one. */
  | { type: 'round-added'; round: number; deckRound: DeckRound }
  | { type: 'phase-changed'; phase: Phase }
  /** R5: an open question came back after a restart, its deadline moved by the time it was down. */
  | { type: 'question-resumed'; phase: Phase; downMs: number }
  | { type: 'lock-changed'; locked: boolean };

/** Who a change concerns, for the transport to deliver to and nothing more. */
export interface Affected {
  /** Every player's own view changed (the phase did). */
  allPlayers: boolean;
  /** Players whose own view changed. */
  players: number[];
  /** Players the host removed: their sockets hear nothing more of the room. */
  removed: number[];
  /** The host's view: now, within its throttle (a roster change), or not at all. */
  host: 'now' | 'soon' | null;
  /** The answer count, or who could answer, changed. */
  progress: boolean;
}

export function affectedBy(facts: readonly Fact[]): Affected {
  const affected: Affected = { allPlayers: false, players: [], removed: [], host: null, progress: false };
  // Written out rather than as helper closures: this runs for every change (every answer), and
  // under tsx each named closure costs a property definition.
  for (const fact of facts) {
    switch (fact.type) {
      case 'question-resumed':
        // Every phone's countdown moves with the deadline.
        affected.allPlayers = true;
        affected.host = 'now';
        break;
      case 'phase-changed':
      case 'lock-changed':
        if (fact.type === 'phase-changed') affected.allPlayers = true;
        affected.host = 'now';
        break;
      case 'player-joined':
        affected.host ??= 'soon';
        break;
      case 'player-changed':
        if (fact.reason === 'kick') {
          affected.players.push(fact.player.id);
          affected.removed.push(fact.player.id);
          affected.host = 'now';
        } else if (fact.reason === 'unkick') {
          // Back on the roster; their phone left the game and comes back by joining (J5).
          affected.host = 'now';
        } else {
          affected.progress = true;
          affected.host ??= 'soon';
        }
        break;
      case 'answer-recorded':
        affected.players.push(fact.playerId);
        affected.progress = true;
        break;
      case 'first-vote-closed':
      case 'round-closed':
      case 'round-added':
        // Always with a phase change (to the votes, the reveal or the twin's question), which already
        // reaches everyone.
        break;
    }
  }
  // A phase change re-sends every view: a count on top of it would only repeat it.
  if (affected.allPlayers) affected.progress = false;
  return affected;
}
