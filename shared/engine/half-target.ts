// The "α*/2" misconception of a largest-α round (README K2), in a module of its own with no imports:
// the phone names it at the reveal, and its first load has no room for the rest of round-kinds.ts.

/**
 * How far from α* / 2 a guess still counts as "half of α*", as a factor either way on a log scale: within
 * ×/÷ 1.15, so from 0.435·α* to 0.575·α*. α* / 2 = 1/λ_max is where overshooting starts (r = 1), not
 * where convergence ends, and a student who confuses the two lands there from the eigenvalue or
 * curvature on screen give or take its rounding (two or three digits, a few per cent); 15 % holds
 * that with room to spare, while a guess of 0.6·α* or 0.4·α*, a cautious answer rather than that
 * confusion, still scores.
 */
export const HALF_TARGET_FACTOR = 1.15;

/** Whether a guess is the "half of α*" misconception: within a factor 1.15 of α* / 2 either way. */
export function isHalfTargetGuess(guess: number, target: number): boolean {
  if (!(Number.isFinite(guess) && guess > 0 && target > 0)) return false;
  return Math.abs(Math.log(guess / (target / 2))) <= Math.log(HALF_TARGET_FACTOR);
}
