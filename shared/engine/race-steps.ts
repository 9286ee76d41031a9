// How many steps a race's runs are drawn to, in a module of its own: the phone works out from it how
// long the projector's race lasts (client/ui/reveal-timing.ts), and its first load has no room for
// the rest of round-kinds.ts.
import { DEFAULT_MAX_STEPS } from './trajectory';

/** A race's runs are drawn to the winner's finish and a quarter beyond, within these bounds. */
export const RACE_RUN_STEPS = { min: 12, max: 250 } as const;

/**
 * Steps each run of a race is drawn to, given the winner's iterations; null for no winner (a tie, or
 * no run arrives), drawn to the engine's default 40 steps.
 */
export function raceRunSteps(finish: number | null): number {
  const to = finish ?? DEFAULT_MAX_STEPS;
  return Math.min(RACE_RUN_STEPS.max, Math.max(RACE_RUN_STEPS.min, Math.ceil(1.25 * to)));
}
