// How the kinds of round are put in words, on the projector, in the editor and in the reports.
import { formatNumber } from '../../../shared/engine/format';
import type { Problem } from '../../../shared/engine/round-kinds';
import type { Simulation } from '../../../shared/engine/types';
import { projector } from '../../../shared/i18n/en/projector';

/** "2/λ_max = 2/37.2": how α* comes from this cost and start. */
export function targetFormula(problem: Problem, target: number): string {
  const curvature = formatNumber(2 / target, 4);
  switch (problem.cost.kind) {
    case 'quartic':
      return `2/(θ₀² + b) = 2/${curvature}`;
    case 'quadratic':
      return `2/J″ = 2/${curvature}`;
    default:
      return `2/λ_max = 2/${curvature}`;
  }
}

/** Iterations arrive as null for "never": JSON has no Infinity. */
export const finishText = (n: number | null | undefined): string =>
  n === null || n === undefined || !Number.isFinite(n) ? projector.never : projector.steps(n);

/** The best α for the cost, in words: what a teacher would add once the race is over. */
export function bestAlphaText(problem: Problem, sim: Simulation | undefined): string | null {
  const best = sim?.thresholds.fastest;
  if (!sim || best === undefined) return null;
  if (problem.cost.kind === 'quartic') return projector.bestQuartic(formatNumber(best));
  if (sim.dimension === 1) return projector.bestLine(formatNumber(best));
  return projector.bestValley(formatNumber(best));
}

/**
 * Said instead of a cost's α thresholds when a later round asks about the same cost, whose answer
 * they would give away (`round` counted from 0).
 */
export const heldForText = (round: number): string => projector.heldFor(round + 1);
