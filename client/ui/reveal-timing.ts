// How long the projector's reveal animates, as a pure function of the reveal, so that the phones can
// hold their result until the class has watched the run end (issue 12, item 9). The projector's
// screens animate with these paces (client/host/screens/reveal.tsx, fastest-reveal.tsx); the phone
// works out the same number of steps from the same engine (playerRevealSteps) and waits until
// closedAt + revealAnimationMs. test/ui/reveal-timing.test.ts holds the two counts together.
import { revealSteps } from '../../shared/engine/pace';
import { raceRunSteps } from '../../shared/engine/race-steps';
import { trajectoryOfChecked } from '../../shared/engine/trajectory';
import type { RoundType } from '../../shared/protocol/schemas';
import type { PlayerReveal } from '../../shared/protocol/views';

/**
 * Delay before step k of a run appears, ms: slow at first, while each step can be followed and
 * talked over, then faster, so even a 40-step run finishes in about seven seconds. Here rather than
 * beside the hook that uses it (use-step-animation.ts), so the phone reads it without preact/hooks.
 */
export const stepDelayMs = (k: number): number => Math.max(110, Math.round(900 * 0.8 ** (k - 1)));

/**
 * A prediction's pace: up to 40 steps slow then faster (stepDelayMs); a slow run drawn over
 * hundreds of steps (revealSteps) at an even pace instead, in about the time of 40 steps.
 */
export const predictPaceMs =
  (last: number) =>
  (k: number): number =>
    last > 40 ? Math.max(12, 7_000 / last) : stepDelayMs(k);

/** The whole race plays in about this long, however many iterations it has. */
export const RACE_MS = 7_000;

/** The race's even pace: `last` iterations in about RACE_MS, each between 25 and 600 ms. */
export const racePaceMs = (last: number) => (): number => Math.max(25, Math.min(600, RACE_MS / last));

/** Time from the first point to step `last`, ms, when step k appears `delayOf(k)` after step k − 1. */
export function animationMs(last: number, delayOf: (k: number) => number): number {
  let total = 0;
  for (let k = 1; k <= last; k++) total += delayOf(k);
  return total;
}

/**
 * How long the projector animates a reveal of `type` whose longest run has `last` steps after the
 * start, ms. A "largest α" reveal draws its runs whole: 0.
 */
export const REVEAL_ANIMATION_MS: { [T in RoundType]: (last: number) => number } = {
  predict: (last) => animationMs(last, predictPaceMs(last)),
  'max-alpha': () => 0,
  fastest: (last) => animationMs(last, racePaceMs(last)),
};

export const revealAnimationMs = (type: RoundType, last: number): number =>
  REVEAL_ANIMATION_MS[type](Math.max(0, last));

/**
 * The steps after the start of the longest run the projector animates, worked out on the phone from
 * the task and the verdict (the view carries no run): the prediction's run, or the race's runs cut
 * where raceRuns cuts them (shared/engine/round-kinds.ts).
 */
export function playerRevealSteps(reveal: PlayerReveal): number {
  switch (reveal.type) {
    case 'predict':
      return (
        trajectoryOfChecked(reveal.task.scenario, { maxSteps: revealSteps(reveal.task.scenario) }).steps
          .length - 1
      );
    case 'max-alpha':
      return 0;
    case 'fastest': {
      const { task, verdict } = reveal;
      const winner = verdict.winner === null ? -1 : task.alphas.indexOf(verdict.winner);
      const maxSteps = raceRunSteps(winner < 0 ? null : (verdict.iterations[winner] ?? null));
      return Math.max(
        1,
        ...task.alphas.map(
          (alpha) => trajectoryOfChecked({ ...task.problem, alpha }, { maxSteps }).steps.length - 1,
        ),
      );
    }
  }
}
