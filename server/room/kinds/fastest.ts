import { type Race, raceAlphas, raceRuns } from '../../../shared/engine/round-kinds';
import type { Simulation } from '../../../shared/engine/types';
import type { DeckRoundOf } from '../../../shared/protocol/deck';
import { alphaText, finiteOrNull, memo, type RoundKind } from './kind';

export interface RaceVerdict {
  race: Race;
  /** The winning α, or null on a tie or when no option gets there. */
  winner: number | null;
  /** One run per option, as raceRuns draws them. */
  simulations: Simulation[];
}

export const raceOf: (round: DeckRoundOf<'fastest'>) => RaceVerdict = memo((round) => {
  const race = raceAlphas(round.problem, round.alphas);
  const winner = race.winner === null ? null : (round.alphas[race.winner] ?? null);
  return { race, winner, simulations: raceRuns(round.problem, round.alphas, race) };
});

export const fastest: RoundKind<'fastest'> = {
  task: (round) => ({ type: 'fastest', problem: round.problem, alphas: round.alphas }),

  refusal: (round, choice) =>
    typeof choice === 'number' && round.alphas.includes(choice)
      ? null
      : 'Pick one of the learning rates offered.',

  judge(round) {
    const { winner } = raceOf(round);
    return { scored: winner !== null, grade: (c) => ({ correct: c === winner }) };
  },

  detail(round, given, none) {
    const { race, simulations } = raceOf(round);
    return {
      type: 'fastest',
      race: {
        iterations: race.iterations.map(finiteOrNull),
        winner: race.winner,
        lead: finiteOrNull(race.lead),
      },
      simulations,
      counts: round.alphas.map((alpha) => given.filter((a) => a.choice === alpha).length),
      none,
    };
  },

  verdict(round) {
    const { race, winner } = raceOf(round);
    return { type: 'fastest', winner, iterations: race.iterations.map(finiteOrNull) };
  },

  report: {
    summary: (round, alpha) => `fastest of ${round.alphas.map(alpha).join(', ')}?`,
    answerText(round, alpha) {
      const { winner } = raceOf(round);
      return winner === null ? 'no single fastest α (a tie)' : alphaText(winner, alpha);
    },
    outcome: () => null,
    ratio: () => null,
    bars(round, given) {
      const { winner } = raceOf(round);
      return round.alphas.map((alpha) => ({
        label: alphaText(alpha),
        answer: alpha,
        count: given.filter((a) => a.answer === alpha).length,
        isCorrect: alpha === winner,
      }));
    },
    answerCell: (answer) => answer,
  },
};
