// C1–C4: confidence on every answer, scored by certainty-based marking, at hand-computed points.
import { describe, expect, it } from 'vitest';
import { answerOf } from '../../server/room/answers';
import { reduce } from '../../server/room/reduce';
import type { Command, RoomState } from '../../server/room/state';
import { toPlayerView } from '../../server/room/views';
import type { Problem } from '../../shared/engine/round-kinds';
import { CBM_MARKS, CONFIDENCE_LEVELS, type Confidence } from '../../shared/protocol/confidence';
import type { DeckRound } from '../../shared/protocol/deck';
import type { AnswerValue } from '../../shared/protocol/views';
import { ZIGZAG } from '../helpers/scenarios';
import { HOST, makeRoom, ROUND_MS, step, T0, withPlayers } from './helpers';

// J(θ) = (θ − 1)², start 5: λ_max = 2, α* = 1. The race: α = 0.5 wins (K3's test deck).
const parabola: Problem = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5] };

function room(players: number, rounds?: DeckRound[]): RoomState {
  const s = withPlayers(makeRoom(), players);
  return {
    ...s,
    settings: { ...s.settings, scoreBy: 'confidence' },
    deck: { title: 'Confidence', rounds: rounds ?? [{ type: 'predict', scenario: ZIGZAG }] },
  };
}
const answer = (playerId: number, choice: AnswerValue, confidence?: Confidence, round = 0): Command =>
  confidence === undefined
    ? { type: 'answer', playerId, round, choice }
    : { type: 'answer', playerId, round, choice, confidence };
const start: Command = { type: 'start', by: HOST, round: 0 };
const reveal: Command = { type: 'reveal', by: HOST, round: 0 };

describe('C1 a game scored by confidence asks every answer for a level', () => {
  it('an answer without a level is refused, saying what is missing', () => {
    const s = step(room(1), start);
    const result = reduce(s, answer(0, 'zigzag'), T0 + 1000);
    expect(result).toMatchObject({ ok: false, error: 'WRONG_ANSWER_TYPE' });
    if (!result.ok) expect(result.message).toMatch(/how sure/);
  });

  it('the level is recorded, acknowledged and shown back to the phone', () => {
    const s = step(room(2), start);
    const result = reduce(s, answer(0, 'zigzag', 'sure'), T0 + 1000);
    expect(result.ok && result.receipt).toEqual({
      round: 0,
      choice: 'zigzag',
      confidence: 'sure',
      elapsedMs: 1000,
    });
    if (!result.ok) return;
    const phase = toPlayerView(result.state, 0, T0).phase;
    expect(phase).toMatchObject({ kind: 'question', answer: 'zigzag', confidence: 'sure' });
    expect(toPlayerView(result.state, 0, T0).scoreBy).toBe('confidence');
  });

  it('A2: the same answer with the same level gets the receipt back; another level is ALREADY_ANSWERED', () => {
    const s = step(step(room(2), start), answer(0, 'zigzag', 'fairly-sure'), T0 + 1000);
    const again = reduce(s, answer(0, 'zigzag', 'fairly-sure'), T0 + 2000);
    expect(again.ok && again.receipt).toEqual({
      round: 0,
      choice: 'zigzag',
      confidence: 'fairly-sure',
      elapsedMs: 1000,
    });
    expect(again.ok && again.state).toBe(s);
    expect(reduce(s, answer(0, 'zigzag', 'sure'), T0 + 2000)).toMatchObject({
      ok: false,
      error: 'ALREADY_ANSWERED',
    });
  });

  it('a game scored by speed ignores a level sent with an answer and records none', () => {
    const s = step(withPlayers(makeRoom(), 2), start);
    const result = reduce(s, answer(0, 'zigzag', 'sure'), T0 + 1000);
    expect(result.ok && result.receipt).toEqual({ round: 0, choice: 'zigzag', elapsedMs: 1000 });
    if (!result.ok || result.state.phase.kind !== 'question') throw new Error('not recorded');
    expect(answerOf(result.state.phase.answers, 0)).not.toHaveProperty('confidence');
    expect(toPlayerView(result.state, 0, T0).scoreBy).toBe('speed');
  });
});

describe('C2 certainty-based marking: honest confidence maximises the expected score', () => {
  const expected = (level: Confidence, p: number) =>
    p * CBM_MARKS[level].right + (1 - p) * CBM_MARKS[level].wrong;
  const best = (p: number) => CONFIDENCE_LEVELS.reduce((a, b) => (expected(b, p) > expected(a, p) ? b : a));

  it('guessing is best below 2/3, fairly sure between 2/3 and 0.8, sure above 0.8', () => {
    expect([0, 0.3, 0.5, 0.66].map(best)).toEqual(['guessing', 'guessing', 'guessing', 'guessing']);
    expect([0.67, 0.7, 0.79].map(best)).toEqual(['fairly-sure', 'fairly-sure', 'fairly-sure']);
    expect([0.81, 0.9, 1].map(best)).toEqual(['sure', 'sure', 'sure']);
  });

  it('no fixed level beats answering each question with the level its belief calls for', () => {
    const beliefs = [0.4, 0.6, 0.7, 0.75, 0.85, 0.95];
    const honest = beliefs.reduce((sum, p) => sum + expected(best(p), p), 0);
    for (const level of CONFIDENCE_LEVELS)
      expect(honest).toBeGreaterThan(beliefs.reduce((sum, p) => sum + expected(level, p), 0));
  });
});

describe('C3 one mark is 1000/3 points: right 333 / 667 / 1000, wrong 0 / −667 / −2000', () => {
  // ZIGZAG's answer is zigzag. Six players: right and wrong at each level, answered at t = T/2.
  const levels: Confidence[] = ['guessing', 'fairly-sure', 'sure'];
  function played() {
    let s = step(room(7), start);
    levels.forEach((level, i) => {
      s = step(s, answer(i, 'zigzag', level), T0 + ROUND_MS / 2);
      s = step(s, answer(i + 3, 'diverges', level), T0 + ROUND_MS / 2);
    });
    return step(s, reveal, T0 + ROUND_MS / 2);
  }

  it('marks replace the speed points; player 6 did not answer and loses nothing', () => {
    const s = played();
    expect(s.results[0]?.answers.map((a) => a?.points ?? null)).toEqual([
      333,
      667,
      1000,
      0,
      -667,
      -2000,
      null,
    ]);
    expect(s.players.map((p) => p.score)).toEqual([333, 667, 1000, 0, -667, -2000, 0]);
    expect(toPlayerView(s, 5, T0).phase).toMatchObject({
      kind: 'reveal',
      correct: false,
      points: -2000,
      confidence: 'sure',
    });
  });

  it('the streak bonus comes on top of a right answer at every level; a wrong one resets the streak', () => {
    let s = room(2, [
      { type: 'predict', scenario: ZIGZAG },
      { type: 'predict', scenario: ZIGZAG },
    ]);
    s = step(s, start);
    s = step(s, answer(0, 'zigzag', 'guessing'), T0 + 1000);
    s = step(s, answer(1, 'zigzag', 'sure'), T0 + 1000);
    s = step(s, { type: 'start', by: HOST, round: 1 }, T0 + 2000);
    s = step(s, answer(0, 'zigzag', 'guessing', 1), T0 + 3000);
    s = step(s, answer(1, 'diverges', 'sure', 1), T0 + 3000);
    const second = s.results[1]?.answers;
    expect(second?.[0]).toMatchObject({ points: 433, streakBonus: 100, correct: true });
    expect(second?.[1]).toMatchObject({ points: -2000, streakBonus: 0, correct: false });
    expect(s.players.map((p) => [p.score, p.streak])).toEqual([
      [766, 2],
      [-1000, 0],
    ]);
  });

  it('a round nobody can win (S6) marks nobody, even a sure wrong answer', () => {
    const tied: DeckRound = { type: 'fastest', problem: parabola, alphas: [0.25, 0.75, 1.2] };
    let s = step(room(1, [tied]), start);
    s = step(s, answer(0, 0.25, 'sure'), T0 + 1000);
    expect(s.results[0]).toMatchObject({ scored: false });
    expect(s.players[0]?.score).toBe(0);
  });
});

describe('C4 numeric rounds: the level is about being right as the kind decides, marked flat', () => {
  it('largest α: a guess that scores under K2 earns the flat mark, not its closeness points', () => {
    let s = step(room(3, [{ type: 'max-alpha', problem: parabola }]), start);
    s = step(s, answer(0, 0.6, 'sure'), T0 + 1000); // K2 would give 556
    s = step(s, answer(1, 0.95, 'fairly-sure'), T0 + 1000);
    s = step(s, answer(2, 1.2, 'sure'), T0 + 1000); // above α*: wrong
    expect(s.results[0]?.answers.map((a) => a?.points)).toEqual([1000, 667, -2000]);
  });

  it('largest α: a guess near α*/2 is wrong, and a sure one costs 2000', () => {
    let s = step(room(1, [{ type: 'max-alpha', problem: parabola }]), start);
    s = step(s, answer(0, 0.5, 'sure'), T0 + 1000);
    expect(s.results[0]?.answers[0]).toMatchObject({ correct: false, points: -2000 });
  });

  it('which α is fastest: the winning pick earns the mark whatever the time', () => {
    const race: DeckRound = { type: 'fastest', problem: parabola, alphas: [0.25, 0.5, 0.8] };
    let s = step(room(2, [race]), start);
    s = step(s, answer(0, 0.5, 'fairly-sure'), T0 + ROUND_MS - 1);
    s = step(s, answer(1, 0.8, 'guessing'), T0 + 1000);
    expect(s.results[0]?.answers.map((a) => a?.points)).toEqual([667, 0]);
  });
});
