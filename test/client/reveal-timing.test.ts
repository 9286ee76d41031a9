// Issue 12, item 9: the phone holds its result until the projector's run has ended. Both apps take
// the animation's length from one pure function (client/ui/reveal-timing.ts); the projector counts
// the steps of the runs it was sent, the phone works them out from the task and its verdict. These
// tests hold the two counts together on every built-in round, the lecture's three α and generated
// races, and pin the length itself.
import { describe, expect, it } from 'vitest';
import {
  animationMs,
  playerRevealSteps,
  RACE_MS,
  racePaceMs,
  revealAnimationMs,
  stepDelayMs,
} from '../../client/ui/reveal-timing';
import { ROUND_KINDS } from '../../server/room/kinds';
import { BUILTIN_DECK } from '../../shared/engine/builtin-deck';
import { generateFastestRound, generateMaxAlphaRound } from '../../shared/engine/round-kinds';
import { DIFFICULTIES } from '../../shared/engine/types';
import type { DeckRoundOf } from '../../shared/protocol/deck';
import type { PlayerReveal } from '../../shared/protocol/views';

const AT = { code: '123456', round: 0 };

/** A race as the projector counts its longest run, and the reveal the phone is sent for it. */
function bothSides(round: DeckRoundOf<'fastest'>): { host: number; reveal: PlayerReveal } {
  const kind = ROUND_KINDS.fastest;
  return {
    host: Math.max(1, ...kind.detail(round, [], 0).simulations.map((s) => s.steps.length - 1)),
    reveal: { type: 'fastest', task: kind.task(round, AT), verdict: kind.verdict(round, null) },
  };
}

describe('the reveal animation length: the same on the projector and the phone', () => {
  it('a run of 40 steps: 900 ms, then ×0.8 a step down to 110 ms, about 7.3 s in all', () => {
    // Steps 1–10: 900·0.8^(k−1) rounded (900 720 576 461 369 295 236 189 151 121 = 4018);
    // steps 11–40: the 110 ms floor, 30 × 110 = 3300.
    expect(animationMs(10, stepDelayMs)).toBe(4018);
    expect(revealAnimationMs('predict', 40)).toBe(4018 + 3300);
    expect(revealAnimationMs('predict', 0)).toBe(0);
  });

  it('a race lasts about RACE_MS however long, each step between 25 and 600 ms', () => {
    expect(revealAnimationMs('fastest', 14)).toBeCloseTo(RACE_MS, 6);
    expect(revealAnimationMs('fastest', 250)).toBeCloseTo(RACE_MS, 6);
    expect(revealAnimationMs('fastest', 5)).toBe(3000); // 5 × 600
    expect(racePaceMs(1000)()).toBe(25);
  });

  it('a largest-α reveal draws its runs whole: the phone shows its result at once', () => {
    expect(revealAnimationMs('max-alpha', 40)).toBe(0);
  });

  it('predict: the phone counts the same steps as the run the projector animates, on every built-in round', () => {
    for (const scenario of BUILTIN_DECK.rounds) {
      const round: DeckRoundOf<'predict'> = { type: 'predict', scenario };
      const kind = ROUND_KINDS.predict;
      const host = kind.detail(round, [], 0).simulation.steps.length - 1;
      const reveal: PlayerReveal = {
        type: 'predict',
        task: kind.task(round, AT),
        verdict: kind.verdict(round, null),
      };
      expect(playerRevealSteps(reveal)).toBe(host);
    }
  });

  it('predict: the lecture’s α = 0.02, 0.05 and 0.06 each hold the phone for the whole run', () => {
    const lecture = BUILTIN_DECK.rounds.slice(-3);
    expect(lecture.map((s) => s.alpha)).toEqual([0.02, 0.05, 0.06]);
    const lasts = lecture.map((scenario) => {
      const round: DeckRoundOf<'predict'> = { type: 'predict', scenario };
      return ROUND_KINDS.predict.detail(round, [], 0).simulation.steps.length - 1;
    });
    // α = 0.02 and 0.05 are drawn to 10× closer (576 and 230 steps) at an even pace, in about 7 s
    // like a 40-step run; α = 0.06 escapes within the usual 40 steps, slow then faster.
    expect(lasts).toEqual([576, 230, 40]);
    expect(revealAnimationMs('predict', 576)).toBeCloseTo(7_000, 6);
    expect(revealAnimationMs('predict', 230)).toBeCloseTo(7_000, 6);
    expect(revealAnimationMs('predict', 40)).toBe(animationMs(40, stepDelayMs));
  });

  it('fastest: the phone counts the longest race run the projector animates, on generated races', () => {
    let checked = 0;
    for (const difficulty of DIFFICULTIES)
      for (let seed = 1; seed <= 40; seed++) {
        const { cost, start, alphas } = generateFastestRound(seed, { difficulty });
        const { host, reveal } = bothSides({ type: 'fastest', problem: { cost, start }, alphas });
        expect(playerRevealSteps(reveal)).toBe(host);
        checked++;
      }
    expect(checked).toBe(DIFFICULTIES.length * 40);
  });

  it('fastest: a tie (no winner) too', () => {
    const { host, reveal } = bothSides({
      type: 'fastest',
      problem: { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5] },
      alphas: [0.25, 0.75, 1.2],
    });
    expect(reveal.verdict.type === 'fastest' && reveal.verdict.winner).toBeNull();
    expect(playerRevealSteps(reveal)).toBe(host);
  });

  it('max-alpha: 0 steps to wait for', () => {
    const round: DeckRoundOf<'max-alpha'> = {
      type: 'max-alpha',
      problem: generateMaxAlphaRound(3, { difficulty: 'easy' }),
    };
    const kind = ROUND_KINDS['max-alpha'];
    const reveal: PlayerReveal = {
      type: 'max-alpha',
      task: kind.task(round, AT),
      verdict: kind.verdict(round, 0.1),
    };
    expect(playerRevealSteps(reveal)).toBe(0);
  });
});
