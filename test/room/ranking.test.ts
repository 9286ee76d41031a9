// S5 and S6 as the README states them: which rounds add to the tie-break time, how a late joiner's
// time is counted, and that shared ranks are competition ranks.
import { describe, expect, it } from 'vitest';
import { rank } from '../../server/room/scoring';
import type { Command } from '../../server/room/state';
import { OSCILLATES, ZIGZAG } from '../helpers/scenarios';
import { HOST, makeRoom, openRound, ROUND_MS, step, T0, withPlayers } from './helpers';

const answer = (playerId: number, choice: 'converges' | 'zigzag' | 'diverges', round = 0): Command => ({
  type: 'answer',
  playerId,
  round,
  choice,
});
const start = (round: number): Command => ({ type: 'start', by: HOST, round });
const deadline = (round: number): Command => ({ type: 'deadline', round });
const joinAs = (nickname: string): Command => ({
  type: 'join',
  nickname,
  secret: `${nickname}-secret-padding-xx`,
});

describe('S5 the tie-break time sums, over scored rounds, the answer time or the whole question length', () => {
  it('a disconnected player who does not answer adds the whole question length', () => {
    let s = openRound(2);
    s = step(s, { type: 'presence', playerId: 1, connected: false }, T0 + 1000);
    s = step(s, answer(0, 'zigzag'), T0 + 3000); // the only connected player: the round closes
    expect(s.players.map((p) => p.answerMs)).toEqual([3000, ROUND_MS]);
  });

  it('rounds closed before a late joiner arrived add nothing to their time', () => {
    let s = withPlayers(makeRoom({ rounds: [ZIGZAG, ZIGZAG], speedPoints: false }), 1);
    s = step(s, start(0));
    s = step(s, answer(0, 'diverges'), T0 + 5000); // wrong: 0 points, 5 s of answer time
    s = step(s, joinAs('Late'), T0 + 40_000);
    s = step(s, start(1), T0 + 60_000);
    s = step(s, answer(0, 'zigzag', 1), T0 + 62_000);
    s = step(s, answer(1, 'zigzag', 1), T0 + 62_000);
    expect(s.players.map((p) => [p.score, p.answerMs])).toEqual([
      [1000, 5000 + 2000],
      [1000, 2000],
    ]);
    // Equal scores: the late joiner's shorter total ranks them first.
    expect(rank(s.players).rankOf).toEqual([2, 1]);
  });

  it('a player who joins during an open question is timed from the question’s opening, not from the join', () => {
    let s = openRound(1);
    s = step(s, joinAs('Late'), T0 + 10_000);
    s = step(s, answer(1, 'zigzag'), T0 + 12_000);
    s = step(s, deadline(0), T0 + ROUND_MS);
    expect(s.results[0]?.answers[1]?.elapsedMs).toBe(12_000);
    expect(s.players[1]?.answerMs).toBe(12_000);
    expect(s.players[0]?.answerMs).toBe(ROUND_MS); // missing: the whole question length
  });

  it('shared ranks are competition ranks: 1, 1, 1, 4', () => {
    let s = openRound(4, { speedPoints: false });
    for (const id of [0, 1, 2]) s = step(s, answer(id, 'zigzag'), T0 + 2000);
    s = step(s, answer(3, 'zigzag'), T0 + 9000);
    const { order, rankOf } = rank(s.players);
    expect(order.map((p) => p.id)).toEqual([0, 1, 2, 3]);
    expect(rankOf).toEqual([1, 1, 1, 4]);
  });
});

describe('S6 a round nobody can win is left out of the tie-break time', () => {
  it('answers and missing answers in an unscored round add no time, points or streak', () => {
    let s = withPlayers(makeRoom({ rounds: [OSCILLATES, ZIGZAG] }), 2);
    s = step(s, start(0));
    s = step(s, answer(0, 'diverges'), T0 + 4000);
    s = step(s, deadline(0), T0 + ROUND_MS); // player 1 never answered
    expect(s.results[0]).toMatchObject({ scored: false });
    expect(s.results[0]?.answers[0]).toMatchObject({ points: 0, streakBonus: 0, elapsedMs: 4000 });
    expect(s.players.map((p) => [p.score, p.streak, p.answerMs])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });
});

describe('a ranking is kept while only connections change', () => {
  it('a phone dropping or coming back keeps the ranking, equal to one computed afresh; a kick does not', () => {
    let s = openRound(4);
    s = step(s, answer(2, 'zigzag'), T0 + 2000);
    s = step(s, answer(0, 'zigzag'), T0 + 4000);
    const before = rank(s.players);
    s = step(s, { type: 'presence', playerId: 1, connected: false }, T0 + 5000);
    expect(rank(s.players), 'not sorted again').toBe(before);
    expect(rank(s.players.slice())).toEqual({
      order: before.order.map((p) => s.players[p.id]),
      rankOf: before.rankOf,
    });
    s = step(s, { type: 'presence', playerId: 1, connected: true }, T0 + 6000);
    expect(rank(s.players)).toBe(before);
    s = step(s, { type: 'kick', by: HOST, playerId: 2 }, T0 + 7000);
    expect(rank(s.players)).not.toBe(before);
    expect(rank(s.players).order.map((p) => p.id)).not.toContain(2);
  });
});
