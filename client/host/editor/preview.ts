// What the editor shows beside a round as it is typed: the engine's verdict on it, the run to draw,
// and the warnings a teacher wants before a class sees the round (a ratio too close to a boundary to
// argue about, a run that never settles, a first step off the plot, an unfair race…). All from the
// shared engine in the browser: no server round-trip per keystroke.
import { eigenComponents } from '../../../shared/engine/cost-model';
import { formatNumber } from '../../../shared/engine/format';
import {
  FASTEST_MAX_WINNER_STEPS,
  FASTEST_MIN_LEAD,
  mirrorPair,
  type Problem,
  type Race,
  raceAlphas,
  raceRuns,
  targetAlpha,
} from '../../../shared/engine/round-kinds';
import { DEFAULT_MAX_STEPS, simulate } from '../../../shared/engine/simulate';
import type { Outcome, Scenario, Simulation } from '../../../shared/engine/types';
import { editor } from '../../../shared/i18n/en/editor';
import { teacher } from '../../../shared/i18n/en/teacher';
import type { DeckRoundOf } from '../../../shared/protocol/deck';
import type { RoundType } from '../../../shared/protocol/schemas';
import { isInside, lineFrame, planeFrame } from '../../plots/geometry';
import { explainText } from '../../ui/explain';
import { formatAlpha } from '../../ui/scenario-text';
import { bestAlphaText, finishText, targetFormula } from '../parts/round-text';

export type WarningId =
  | 'boundary'
  | 'never-settles'
  | 'off-plot'
  | 'at-minimum'
  | 'hidden-steep'
  | 'no-winner'
  | 'close-race'
  | 'mirror-pair'
  | 'long-race';

export interface PreviewWarning {
  id: WarningId;
  text: string;
}

export interface RoundPreview {
  /** The run drawn on the cost: the round's own, or for the other kinds the one that tells most. */
  scenario: Scenario;
  simulation: Simulation;
  /** What the run drawn is, in words ("At 0.9 α* = 0.0484"). */
  runLabel: string | null;
  /** The engine's explanation of that run, when it is not the round's own. */
  runExplanation: string | null;
  /** The verdict in one line, with the outcome when there is one to show as a tag. */
  outcome: Outcome | null;
  headline: string;
  explanation: string;
  warnings: PreviewWarning[];
  /** Worth knowing but not a problem (a diverging option in a race, a tie-free race's margins). */
  notes: string[];
  /** A race's runs, one per option, and its result. */
  race: { simulations: Simulation[]; race: Race; alphas: number[] } | null;
}

/** |r − 1| ≤ 0.1 or |r − 2| ≤ 0.2: within 10 % of a boundary. */
export const BOUNDARY_MARGIN = 0.1;
/** A 2-D start with less than this share of its distance along the steep direction hides it. */
export const HIDDEN_SHARE = 0.05;

const percent = (share: number) => teacher.percent(Math.round(share * 100));

function isOffPlot(scenario: Scenario, sim: Simulation): boolean {
  const first = sim.steps[1]?.theta;
  if (!first) return false;
  if (sim.dimension === 1) {
    const [lo, hi] = lineFrame(scenario).theta;
    return (first[0] ?? 0) < lo || (first[0] ?? 0) > hi;
  }
  return !isInside(planeFrame(scenario).box, first[0] ?? 0, first[1] ?? 0);
}

/** The share of the start's distance along the steepest direction (2-D quadratic costs only). */
function steepShare(problem: Problem): number | null {
  if (problem.start.length < 2) return null;
  const z = eigenComponents(problem.cost, problem.start);
  const distance = Math.hypot(...z);
  return distance > 0 ? Math.abs(z[z.length - 1] ?? 0) / distance : null;
}

function startWarnings(problem: Problem, sim: Simulation): PreviewWarning[] {
  const warnings: PreviewWarning[] = [];
  if ((sim.distances[0] ?? 0) === 0)
    warnings.push({
      id: 'at-minimum',
      text: editor.atMinimum,
    });
  const share = steepShare(problem);
  if (share !== null && share < HIDDEN_SHARE)
    warnings.push({
      id: 'hidden-steep',
      text: editor.hiddenSteep(percent(share)),
    });
  return warnings;
}

function predictPreview(scenario: Scenario): RoundPreview {
  const sim = simulate(scenario);
  const warnings: PreviewWarning[] = [];
  const r = sim.ratio;
  const name = sim.ratioLabel;
  if (Math.abs(r - 1) <= BOUNDARY_MARGIN || Math.abs(r - 2) <= 2 * BOUNDARY_MARGIN) {
    const edge = Math.abs(r - 1) <= BOUNDARY_MARGIN ? 1 : 2;
    warnings.push({
      id: 'boundary',
      text: editor.boundary(name, formatNumber(r, 4), percent(BOUNDARY_MARGIN), edge),
    });
  }
  const d0 = sim.distances[0] ?? 0;
  const end = sim.distances[sim.distances.length - 1] ?? 0;
  if (sim.outcome === 'oscillates')
    warnings.push({
      id: 'never-settles',
      text: editor.bouncesForEver(name),
    });
  else if (sim.outcome !== 'diverges' && d0 > 0 && end > d0 / 2)
    warnings.push({
      id: 'never-settles',
      text: editor.neverSettles(DEFAULT_MAX_STEPS, percent(end / d0)),
    });
  if (isOffPlot(scenario, sim))
    warnings.push({
      id: 'off-plot',
      text: editor.offPlot,
    });
  warnings.push(...startWarnings(scenario, sim));
  return {
    scenario,
    simulation: sim,
    runLabel: null,
    runExplanation: null,
    outcome: sim.outcome,
    headline: `${name} = ${formatNumber(r, 4)}`,
    explanation: explainText(sim.explanation),
    warnings,
    notes: [],
    race: null,
  };
}

function maxAlphaPreview(problem: Problem): RoundPreview {
  const target = targetAlpha(problem);
  // Just below α*: the run students must imagine, a zig-zag that barely dies down.
  const alpha = Number((0.9 * target).toPrecision(3));
  const scenario = { ...problem, alpha };
  const sim = simulate(scenario);
  return {
    scenario,
    simulation: sim,
    runLabel: editor.runAt(formatAlpha(alpha)),
    runExplanation: explainText(sim.explanation),
    outcome: null,
    headline: `α* = ${targetFormula(problem, target)} = ${formatNumber(target, 4)}`,
    explanation: editor.maxAlphaAnswer(formatNumber(target, 4)),
    warnings: startWarnings(problem, sim),
    notes: [],
    race: null,
  };
}

function fastestPreview(problem: Problem, alphas: number[]): RoundPreview {
  const race = raceAlphas(problem, alphas);
  const curvature = 2 / targetAlpha(problem);
  const simulations = raceRuns(problem, alphas, race);
  const warnings: PreviewWarning[] = [];
  const notes: string[] = [];
  if (race.winner === null)
    warnings.push({
      id: 'no-winner',
      text: editor.noWinnerWarning,
    });
  else if (race.lead < FASTEST_MIN_LEAD)
    warnings.push({
      id: 'close-race',
      text: editor.closeRace(percent(race.lead - 1), percent(FASTEST_MIN_LEAD - 1)),
    });
  const ratios = alphas.map((a) => a * curvature);
  const pair = mirrorPair(ratios);
  if (pair) {
    const [i, j] = pair;
    warnings.push({
      id: 'mirror-pair',
      text: editor.mirrorPair(
        formatAlpha(alphas[i]!),
        formatAlpha(alphas[j]!),
        formatNumber(ratios[i]!),
        formatNumber(ratios[j]!),
      ),
    });
  }
  if (race.winner !== null && (race.iterations[race.winner] ?? 0) > FASTEST_MAX_WINNER_STEPS)
    warnings.push({
      id: 'long-race',
      text: editor.longRace(race.iterations[race.winner] ?? 0),
    });
  for (const [i, sim] of simulations.entries())
    if (sim.outcome === 'diverges' || sim.outcome === 'oscillates')
      notes.push(editor.trap(formatAlpha(alphas[i]!), sim.outcome === 'diverges', formatNumber(ratios[i]!)));
  const shown = race.winner ?? 0;
  return {
    scenario: { ...problem, alpha: alphas[shown]! },
    simulation: simulations[shown]!,
    runLabel: race.winner === null ? null : editor.winnerRun(formatAlpha(alphas[shown]!)),
    runExplanation: null,
    outcome: null,
    headline:
      race.winner === null
        ? editor.noWinner
        : editor.fastest(formatAlpha(alphas[race.winner]!), finishText(race.iterations[race.winner])),
    explanation: bestAlphaText(problem, simulations[0]) ?? '',
    warnings,
    notes,
    race: { simulations, race, alphas },
  };
}

/** The editor's preview of each kind of round: one line per kind. */
export const PREVIEWS: { [T in RoundType]: (round: DeckRoundOf<T>) => RoundPreview } = {
  predict: (round) => predictPreview(round.scenario),
  'max-alpha': (round) => maxAlphaPreview(round.problem),
  fastest: (round) => fastestPreview(round.problem, round.alphas),
};

export function previewRound<T extends RoundType>(round: DeckRoundOf<T>): RoundPreview {
  const preview: (round: DeckRoundOf<T>) => RoundPreview = PREVIEWS[round.type];
  return preview(round);
}
