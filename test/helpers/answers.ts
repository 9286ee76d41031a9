// A right or a wrong answer to any deck round, by the engine: for tests that play generated decks.
import { raceAlphas, simulate, targetAlpha } from '../../shared/engine/index';
import type { DeckRound } from '../../shared/protocol/deck';

export function answerOf(round: DeckRound, right: boolean): unknown {
  switch (round.type) {
    case 'predict': {
      const outcome = simulate(round.scenario).outcome;
      return right ? outcome : outcome === 'diverges' ? 'converges' : 'diverges';
    }
    case 'max-alpha':
      // K2: below α*, within half a decade of it, not near α*/2; or above α*.
      return (right ? 0.9 : 1.5) * targetAlpha(round.problem);
    case 'fastest': {
      const { winner } = raceAlphas(round.problem, round.alphas);
      return round.alphas[right ? winner! : (winner! + 1) % round.alphas.length];
    }
  }
}
