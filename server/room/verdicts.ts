// The verdict of each kind of round, from the engine. Deck rounds are immutable once in a room, so
// each verdict is computed once per round object and shared by the close and every view.
import { type Race, raceAlphas, raceRuns, targetAlpha } from '../../shared/engine/round-kinds';
import { simulate } from '../../shared/engine/simulate';
import type { Scenario, Simulation } from '../../shared/engine/types';
import type { DeckRound } from '../../shared/protocol/deck';

function memo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}

export const simulationOf: (scenario: Scenario) => Simulation = memo((scenario) => simulate(scenario));

type FastestRound = Extract<DeckRound, { type: 'fastest' }>;
type MaxAlphaRound = Extract<DeckRound, { type: 'max-alpha' }>;

export interface RaceVerdict {
  race: Race;
  /** The winning α, or null on a tie or when no option gets there. */
  winner: number | null;
  /** One run per option, as raceRuns draws them. */
  simulations: Simulation[];
}

export const raceOf: (round: FastestRound) => RaceVerdict = memo((round) => {
  const race = raceAlphas(round.problem, round.alphas);
  const winner = race.winner === null ? null : (round.alphas[race.winner] ?? null);
  return { race, winner, simulations: raceRuns(round.problem, round.alphas, race) };
});

export const targetOf: (round: MaxAlphaRound) => number = memo((round) => targetAlpha(round.problem));

/**
 * Where the answer slider of a "largest α" round sits, in decades from centring on α*: drawn from
 * the room's code and the round (FNV-1a), so every view of that question agrees without storing it.
 */
export function rangeShift(code: string, round: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${code}:${round}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32 - 0.5;
}
