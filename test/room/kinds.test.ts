// K1–K3: the two extra kinds of round, scored at hand-computed points.
import { describe, expect, it } from 'vitest';
import { ROUND_KINDS } from '../../server/room/kinds';
import { rangeShift } from '../../server/room/kinds/max-alpha';
import { reduce } from '../../server/room/reduce';
import type { Command, RoomState } from '../../server/room/state';
import { toHostView, toPlayerView } from '../../server/room/views';
import { misconceptionsOf } from '../../shared/engine/misconceptions';
import type { Problem } from '../../shared/engine/round-kinds';
import type { DeckRound, DeckRoundOf } from '../../shared/protocol/deck';
import type { AnswerValue } from '../../shared/protocol/views';
import { ZIGZAG } from '../helpers/scenarios';
import { HOST, makeRoom, ROUND_MS, step, T0, withPlayers } from './helpers';

// J(θ) = 2/2 (θ − 1)², start 5: λ_max = a = 2, so α* = 2/a = 1.
const parabola: Problem = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5] };
const MAX_ALPHA: DeckRoundOf<'max-alpha'> = { type: 'max-alpha', problem: parabola };
// r = 2α: 0.5, 1, 1.6 → 10, 1 and 14 iterations to 10⁻³ of the start distance. α = 0.5 wins.
const FASTEST: DeckRound = { type: 'fastest', problem: parabola, alphas: [0.25, 0.5, 0.8] };
// r = 0.5 and 1.5: both shrink by 0.5 a step, 10 iterations each: a tie, nobody can be right.
const TIED: DeckRound = { type: 'fastest', problem: parabola, alphas: [0.25, 0.75, 1.2] };

function room(rounds: DeckRound[], players = 2, speedPoints = true): RoomState {
  const s = withPlayers(makeRoom({ speedPoints }), players);
  return { ...s, deck: { title: 'Kinds', rounds } };
}
const answer = (playerId: number, choice: AnswerValue, round = 0): Command => ({
  type: 'answer',
  playerId,
  round,
  choice,
});
const start = (round: number): Command => ({ type: 'start', by: HOST, round });
const reveal = (round: number): Command => ({ type: 'reveal', by: HOST, round });

describe('K2 largest α: 1000 × max(0, 1 − |δ|/0.5) below α*, 0 at or above, δ = log₁₀(guess/α*)', () => {
  it.each([
    [0.9, 908], // δ = −0.0458: 1000 × (1 − 0.0915) = 908.5 → 908
    [0.6, 556], // δ = −0.222: 1000 × (1 − 0.444) = 556
    [10 ** -0.2, 600], // δ = −0.2: 1000 × (1 − 0.4) = 600
    [0.25, 0], // δ = −0.602, beyond the half decade: 0
    [1, 0], // at α*: r = 2 bounces, no convergence
    [1.3, 0], // above: diverges
  ])('a guess of %f scores %i, with no speed factor', (guess, points) => {
    let s = step(room([MAX_ALPHA], 1), start(0));
    s = step(s, answer(0, guess), T0 + ROUND_MS - 1); // a last-millisecond answer loses nothing
    expect(s.results[0]!.answers[0]).toMatchObject({ points, correct: points > 0 });
  });

  it.each([
    [0.5, 0], // α*/2 itself: r = 1, where overshooting starts
    [0.5 * 1.14, 0], // 0.57: inside the band, ×1.15 either way on a log scale
    [0.5 / 1.14, 0], // 0.4386
    [0.5 * 1.16, 527], // 0.58, just outside: δ = −0.2366 → 527
    [0.5 / 1.16, 269], // 0.431, just outside: δ = −0.3655 → 269
  ])(
    'K2 α*/2: a guess of %f, near where overshooting starts (within ×/÷ 1.15), scores %i',
    (guess, points) => {
      let s = step(room([MAX_ALPHA], 1), start(0));
      s = step(s, answer(0, guess));
      expect(s.results[0]!.answers[0]).toMatchObject({ points, correct: points > 0 });
    },
  );

  it('K2 α*/2: the report counts guesses near α*/2 apart from the cautious ones, and names it', () => {
    let s = step(room([MAX_ALPHA], 4), start(0));
    for (const [id, guess] of [0.5, 0.52, 0.2, 0.9].entries()) s = step(s, answer(id, guess));
    const given = s.results[0]!.answers.flatMap((a, playerId) =>
      a
        ? [{ playerId, nickname: '', answer: a.choice, correct: a.correct, seconds: 1, points: a.points }]
        : [],
    );
    const { report } = ROUND_KINDS['max-alpha'];
    expect(report.bars(MAX_ALPHA, given, true).map((b) => [b.label, b.count])).toEqual([
      ['far below α*: too cautious to score', 1],
      ['near α*/2: where overshooting starts, not where convergence ends', 2],
      ['just below α*: scored', 1],
      ['α* or above: does not converge', 0],
    ]);
    // M1: the two guesses near α*/2 are the onset taken for the bound; the others show nothing.
    expect(given.map((g) => (g.answer === null ? [] : misconceptionsOf(MAX_ALPHA, g.answer)))).toEqual([
      ['onset-for-bound', 'overshoot-diverges'],
      ['onset-for-bound', 'overshoot-diverges'],
      [],
      [],
    ]);
  });

  it('a scoring guess extends the streak and earns its bonus; a guess at or above α* breaks it', () => {
    let s = step(room([{ type: 'predict', scenario: ZIGZAG }, MAX_ALPHA, MAX_ALPHA], 1), start(0));
    s = step(s, answer(0, 'zigzag', 0)); // 1000, streak 1
    s = step(step(s, start(1), T0 + 60_000), answer(0, 0.9, 1), T0 + 60_000);
    expect(s.results[1]!.answers[0]).toMatchObject({ points: 908 + 100, streakBonus: 100 });
    s = step(step(s, start(2), T0 + 120_000), answer(0, 1.5, 2), T0 + 120_000);
    expect(s.results[2]!.answers[0]).toMatchObject({ points: 0, correct: false });
    expect(s.players[0]).toMatchObject({ score: 1000 + 1008, streak: 0 });
  });
});

describe('K3 which α is fastest: the α needing the fewest iterations, scored like a prediction', () => {
  it('picking α = 0.5 at t = T/2 earns 750; the others earn 0', () => {
    let s = step(room([FASTEST], 3), start(0));
    s = step(s, answer(0, 0.5), T0 + ROUND_MS / 2); // 1000 × (1 − 1/4) = 750
    s = step(s, answer(1, 0.25), T0 + 1000); // 10 iterations: slower
    s = step(s, answer(2, 0.8), T0 + 1000); // 14 iterations: slower still
    expect(s.results[0]!.answers.map((a) => a?.points)).toEqual([750, 0, 0]);
    // A race's verdict lives in the deck: no one-kind field on the shared round result.
    expect(s.results[0]).toMatchObject({ scored: true });
    expect(s.results[0]).not.toHaveProperty('outcome');
  });

  it('with speed points off a right pick earns 1000', () => {
    let s = step(room([FASTEST], 1, false), start(0));
    s = step(s, answer(0, 0.5), T0 + ROUND_MS - 1);
    expect(s.results[0]!.answers[0]!.points).toBe(1000);
  });

  it('a race with a tie scores nobody and keeps streaks (S6)', () => {
    let s = step(room([{ type: 'predict', scenario: ZIGZAG }, TIED], 1), start(0));
    s = step(s, answer(0, 'zigzag'));
    s = step(step(s, start(1), T0 + 60_000), answer(0, 0.25, 1), T0 + 60_000);
    expect(s.results[1]).toMatchObject({ scored: false });
    expect(s.players[0]).toMatchObject({ score: 1000, streak: 1 });
  });
});

describe('K1 each kind takes its own kind of answer', () => {
  const refusal = (s: RoomState, c: Command) => {
    const r = reduce(s, c, T0);
    return r.ok ? 'accepted' : r.error;
  };
  it('a prediction takes an outcome, not a number', () => {
    const s = step(room([{ type: 'predict', scenario: ZIGZAG }]), start(0));
    expect(refusal(s, answer(0, 0.5))).toBe('WRONG_ANSWER_TYPE');
  });
  it('a largest-α round takes a number, not an outcome', () => {
    const s = step(room([MAX_ALPHA]), start(0));
    expect(refusal(s, answer(0, 'converges'))).toBe('WRONG_ANSWER_TYPE');
    expect(refusal(s, answer(0, 0.7))).toBe('accepted');
  });
  it('a race takes one of the α offered, nothing else', () => {
    const s = step(room([FASTEST]), start(0));
    expect(refusal(s, answer(0, 0.3))).toBe('WRONG_ANSWER_TYPE');
    expect(refusal(s, answer(0, 'zigzag'))).toBe('WRONG_ANSWER_TYPE');
    expect(refusal(s, answer(0, 0.8))).toBe('accepted');
  });
});

describe('V1 for the new kinds: nothing before the reveal gives the verdict away', () => {
  it('the question carries the problem, the offered α and a slider range whose middle is not α*', () => {
    for (const code of ['123456', '654321', '100000', '999999']) {
      let s = step({ ...room([MAX_ALPHA, FASTEST]), code }, start(0));
      const q = toPlayerView(s, 0, T0);
      const text = JSON.stringify(q);
      for (const secret of ['target', 'winner', 'iterations', 'race', 'outcome'])
        expect(text).not.toContain(secret);
      const { range } =
        q.phase.kind === 'question' && q.phase.task.type === 'max-alpha' ? q.phase.task : { range: null };
      expect(range!.max / range!.min).toBeCloseTo(900, 6);
      // The geometric middle sits |shift| decades from α* = 1.
      expect(Math.log10(Math.sqrt(range!.min * range!.max))).toBeCloseTo(rangeShift(code, 0), 10);
      s = step(step(s, reveal(0)), { type: 'leaderboard', by: HOST, round: 0 });
      s = step(s, start(1));
      const f = JSON.stringify(toPlayerView(s, 0, T0)) + JSON.stringify(toHostView(s, T0, 'http://x'));
      for (const secret of ['winner', 'iterations', 'race', 'simulation']) expect(f).not.toContain(secret);
    }
  });

  it('the slider is slid by different amounts in different games, never more than half a decade', () => {
    const shifts = Array.from({ length: 500 }, (_, i) => rangeShift(String(100000 + i * 1777), i % 7));
    expect(Math.max(...shifts)).toBeLessThanOrEqual(0.5);
    expect(Math.min(...shifts)).toBeGreaterThanOrEqual(-0.5);
    expect(Math.max(...shifts) - Math.min(...shifts)).toBeGreaterThan(0.8);
  });

  it('the reveal shows every guess with what gradient descent does there, and the race', () => {
    let s = step(room([MAX_ALPHA, FASTEST], 3), start(0));
    s = step(s, answer(0, 0.4));
    s = step(s, answer(1, 0.9));
    s = step(s, answer(2, 1.5));
    const host = toHostView(s, T0, 'http://x');
    expect(host.phase.kind === 'reveal' && host.phase.detail).toEqual({
      type: 'max-alpha',
      target: 1,
      guesses: [
        // r = 2α: 0.8 converges, 1.8 zig-zags, 3 diverges.
        { alpha: 0.4, outcome: 'converges', points: 204 }, // δ = −0.398: 1000 × (1 − 0.796) = 204
        { alpha: 0.9, outcome: 'zigzag', points: 908 },
        { alpha: 1.5, outcome: 'diverges', points: 0 },
      ],
      none: 0,
    });
    const player = toPlayerView(s, 2, T0);
    expect(player.phase).toMatchObject({
      verdict: { type: 'max-alpha', target: 1, outcomeAtGuess: 'diverges' },
    });
    s = step(step(s, { type: 'leaderboard', by: HOST, round: 0 }), start(1));
    s = step(step(step(s, answer(0, 0.5, 1)), answer(1, 0.5, 1)), answer(2, 0.8, 1));
    const race = toHostView(s, T0, 'http://x');
    expect(race.phase.kind === 'reveal' && race.phase.detail).toMatchObject({
      type: 'fastest',
      race: { iterations: [10, 1, 14], winner: 1 },
      counts: [0, 2, 1],
      none: 0,
    });
    expect(toPlayerView(s, 0, T0).phase).toMatchObject({
      verdict: { type: 'fastest', winner: 0.5, iterations: [10, 1, 14] },
    });
  });
});
