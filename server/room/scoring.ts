// Scoring and ranking rules (README "Game rules": S1–S5, C2–C4).
import { type Confidence, confidencePoints } from '../../shared/protocol/confidence';
import type { Player } from './state';

export const BASE_POINTS = 1000;
export const STREAK_STEP = 100;
export const STREAK_CAP = 500;

/**
 * S1/S2/S3: a correct answer earns 1000 × (1 − t/T/2), rounded (so at least 500), or 1000 flat with
 * speed points off, plus +100 per consecutive correct answer before this one, capped at +500.
 */
export function pointsFor(opts: {
  correct: boolean;
  elapsedMs: number;
  durationMs: number;
  speedPoints: boolean;
  streakBefore: number;
  /** K2: points decided by the answer itself (a "largest α" guess), in place of the speed rule. */
  base?: number;
  /**
   * C2–C4: the level of an answer in a game scored by confidence. Its certainty-based mark replaces
   * the speed rule (S2) and K2's grading: right earns 333 / 667 / 1000, wrong costs 0 / 667 / 2000.
   */
  confidence?: Confidence;
}): { points: number; streakBonus: number } {
  const { confidence } = opts;
  if (!opts.correct)
    return { points: confidence === undefined ? 0 : confidencePoints(confidence, false), streakBonus: 0 };
  const fraction = Math.min(1, Math.max(0, opts.elapsedMs / opts.durationMs));
  const base =
    confidence !== undefined
      ? confidencePoints(confidence, true)
      : (opts.base ?? (opts.speedPoints ? Math.round(BASE_POINTS * (1 - fraction / 2)) : BASE_POINTS));
  // The streak bonus is the same at every level, so it does not change which level pays best (C2).
  const streakBonus = Math.min(STREAK_STEP * opts.streakBefore, STREAK_CAP);
  return { points: base + streakBonus, streakBonus };
}

export interface Ranked {
  /** Players still in the game, best first. */
  order: Player[];
  /** Rank by player id (1 is best; equal score and equal time share a rank); 0 for kicked players. */
  rankOf: number[];
}

const rankCache = new WeakMap<Player[], Ranked>();

/**
 * A new players array whose ranking is the old one's: only a connection changed (a phone dropping or
 * coming back), which moves nobody. Sorting 2,500 players costs 1-2 ms, and a big room's phones come
 * and go many times a second, each change a new array whose views ask for every player's rank. The
 * ranking's players are then the old objects, the same but for `connected`, which no reader of a
 * ranking looks at.
 */
export function keepRanking(before: Player[], after: Player[]): void {
  const ranked = rankCache.get(before);
  if (ranked) rankCache.set(after, ranked);
}

/** S5: by score, ties to the smaller total answer time. Memoised per players array: states are immutable. */
export function rank(players: Player[]): Ranked {
  const cached = rankCache.get(players);
  if (cached) return cached;
  const order = players
    .filter((p) => !p.kicked)
    .sort((a, b) => b.score - a.score || a.answerMs - b.answerMs || a.id - b.id);
  const rankOf = new Array<number>(players.length).fill(0);
  order.forEach((p, i) => {
    const prev = order[i - 1];
    rankOf[p.id] = prev && prev.score === p.score && prev.answerMs === p.answerMs ? rankOf[prev.id]! : i + 1;
  });
  const ranked = { order, rankOf };
  rankCache.set(players, ranked);
  return ranked;
}
