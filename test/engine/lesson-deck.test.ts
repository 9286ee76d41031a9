// The 15-minute lesson: about nine rounds in the order the course teaches, no ratio near a boundary
// unless that is the round's point, and no reveal that answers a later round.

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { raceAlphas, simulate } from '../../shared/engine/index';
import { laterRoundOnSameCost } from '../../shared/protocol/deck';
import { LESSON_GAME_DECK } from '../../shared/protocol/decks';
import { HostCreateSchema } from '../../shared/protocol/schemas';

const rounds = LESSON_GAME_DECK.rounds;
const margin = (r: number) => Math.min(Math.abs(r - 1), Math.abs(r - 2) / 2);

describe('L1 the 15-minute lesson deck', () => {
  it('has about nine rounds, 1-D predictions first, closing on the largest α for the lecture data', () => {
    expect(rounds.length).toBeGreaterThanOrEqual(8);
    expect(rounds.length).toBeLessThanOrEqual(10);
    for (const r of rounds.slice(0, 3)) {
      expect(r.type).toBe('predict');
      if (r.type === 'predict') expect(r.scenario.cost.kind).toBe('quadratic');
    }
    const last = rounds[rounds.length - 1];
    expect(last?.type).toBe('max-alpha');
    if (last?.type === 'max-alpha') expect(last.problem.cost.kind).toBe('linreg');
  });

  it('races on a parabola, won by α = 1/J″', () => {
    const race = rounds.find((r) => r.type === 'fastest');
    expect(race?.type).toBe('fastest');
    if (race?.type !== 'fastest' || race.problem.cost.kind !== 'quadratic') return;
    const { winner } = raceAlphas(race.problem, race.alphas);
    expect(winner).not.toBeNull();
    expect(race.alphas[winner ?? 0]).toBeCloseTo(1 / race.problem.cost.a, 12);
  });

  it('asks the quartic pair: the same α from two starts, opposite outcomes', () => {
    const quartics = rounds.flatMap((r) =>
      r.type === 'predict' && r.scenario.cost.kind === 'quartic' ? [r.scenario] : [],
    );
    expect(quartics).toHaveLength(2);
    expect(quartics[0]?.alpha).toBe(quartics[1]?.alpha);
    expect(simulate(quartics[0]!).outcome).toBe('converges');
    expect(simulate(quartics[1]!).outcome).toBe('diverges');
  });

  it('asks the lecture α = 0.06 before any other round on the lecture data', () => {
    const first = rounds.findIndex(
      (r) => (r.type === 'predict' ? r.scenario.cost : r.problem.cost).kind === 'linreg',
    );
    const at = rounds[first];
    expect(at?.type).toBe('predict');
    if (at?.type === 'predict') expect(at.scenario.alpha).toBe(0.06);
  });

  it('keeps every prediction 15 % from r = 1 and r = 2, except the lecture figure', () => {
    for (const r of rounds) {
      if (r.type !== 'predict' || r.scenario.cost.kind === 'linreg') continue;
      expect(margin(simulate(r.scenario).ratio)).toBeGreaterThanOrEqual(0.15 - 1e-12);
    }
  });

  it('no prediction is revealed before a later prediction on the same cost and start', () => {
    const keys = rounds.map((r) =>
      r.type === 'predict' ? JSON.stringify([r.scenario.cost, r.scenario.start]) : null,
    );
    keys.forEach((k, i) => {
      if (k !== null) expect(keys.slice(i + 1)).not.toContain(k);
    });
  });

  it("V2 holds back the lecture α = 0.06 reveal's thresholds for the closing largest-α round", () => {
    const held = rounds.map((_, i) => laterRoundOnSameCost(LESSON_GAME_DECK, i));
    const lecture = rounds.findIndex((r) => r.type === 'predict' && r.scenario.cost.kind === 'linreg');
    expect(held[lecture]).toBe(rounds.length - 1);
    // Every other round is the last on its cost (the quartic pair differ in their start).
    expect(held.filter((h) => h !== null)).toHaveLength(1);
  });

  it('is chosen with { source: "lesson" }', () => {
    expect(v.safeParse(HostCreateSchema, { deck: { source: 'lesson' } }).success).toBe(true);
  });
});
