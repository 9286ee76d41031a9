// Every sentence a reveal shows must be true of the run the engine draws: the factors quoted, the
// step counts ("about 1,700 steps to get 1,000× closer"), and for a 2-D divergence whose first steps
// get closer, how many. Checked over every round the generator makes for a range of seeds.

import { describe, expect, it } from 'vitest';
import { BUILTIN_DECK, generateRound, iterationsToReach, simulate } from '../../shared/engine/index';
import { revealSteps } from '../../shared/engine/pace';
import type { Difficulty, Scenario } from '../../shared/engine/types';
import { english } from '../helpers/english';

const SLOW = { timeout: 240_000 };
const DIFFICULTIES: Difficulty[] = ['easy', 'medium', 'hard'];
const SEEDS = 130;

function generated(): Scenario[] {
  const rounds: Scenario[] = [];
  for (const difficulty of DIFFICULTIES)
    for (let seed = 0; seed < SEEDS; seed++) rounds.push(generateRound(seed, { difficulty }));
  return rounds;
}
const ROUNDS = [...generated(), ...BUILTIN_DECK.rounds];

const number = (text: string): number => Number(text.replace(/,/g, '').replace('\u2212', '-'));

describe('explanations agree with the engine over generated rounds', () => {
  it('E1 "about N steps to get 1,000× closer" matches the run within rounding', SLOW, () => {
    let checked = 0;
    for (const scenario of ROUNDS) {
      const explanation = english(simulate(scenario).explanation);
      const match = /about ([\d,]+) steps? to get 1,000× closer/.exec(explanation);
      if (!match) continue;
      const claimed = number(match[1] ?? '');
      const actual = iterationsToReach(scenario);
      // Below 100 the count is exact (one step of slack for floating point); above, 2 digits.
      const slack = actual < 100 ? 1 : 0.05 * actual + 1;
      expect(Math.abs(claimed - actual), `${explanation} (engine: ${actual})`).toBeLessThanOrEqual(slack);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('E2 "multiplied by F each step (P % closer)" and "(+P %)" agree with each other', () => {
    for (const scenario of ROUNDS) {
      const explanation = english(simulate(scenario).explanation);
      for (const m of explanation.matchAll(/= ([\d.]+) each step \((\+)?([\d.]+) %/g)) {
        const factor = Number(m[1]);
        const percent = Number(m[3]);
        const change = m[2] === '+' ? factor - 1 : 1 - factor;
        expect(Math.abs(change * 100 - percent), explanation).toBeLessThanOrEqual(
          Math.max(0.6, 0.06 * percent),
        );
        expect(m[2] === '+' ? factor > 1 : factor < 1, explanation).toBe(true);
      }
    }
  });

  it('E3 the factor quoted for a converging 2-D run is the one its distance shrinks by in the end', () => {
    for (const scenario of ROUNDS) {
      const sim = simulate(scenario, { maxSteps: 400 });
      if (sim.dimension !== 2 || sim.outcome === 'diverges') continue;
      const m = /Pace: the \w+ direction is multiplied by [^=]+= ([\d.]+) each step/.exec(
        english(sim.explanation),
      );
      expect(m, english(sim.explanation)).not.toBeNull();
      const d = sim.distances;
      const k = d.length - 1;
      if (k < 30 || !((d[k] ?? 0) > 0)) continue;
      const observed = ((d[k] ?? 0) / (d[k - 10] ?? 1)) ** (1 / 10);
      expect(Math.abs(observed - Number(m?.[1])), english(sim.explanation)).toBeLessThan(0.02);
    }
  });

  it('E4 a 2-D divergence says how many first steps get closer, and the run agrees', () => {
    let closer = 0;
    for (const scenario of ROUNDS) {
      const sim = simulate(scenario);
      if (sim.dimension !== 2 || sim.outcome !== 'diverges') continue;
      const d = sim.distances;
      const firstRise = d.findIndex((x, i) => i > 0 && x >= (d[i - 1] ?? 0));
      const m = /the first (\d+ steps get|step gets) closer/.exec(english(sim.explanation));
      if (firstRise === 1) {
        expect(m, english(sim.explanation)).toBeNull();
        expect(english(sim.explanation)).toContain('every step crosses the valley floor');
        continue;
      }
      closer++;
      expect(m, english(sim.explanation)).not.toBeNull();
      const claimed = m?.[1] === 'step gets' ? 1 : Number.parseInt(m?.[1] ?? '', 10);
      expect(claimed, english(sim.explanation)).toBe(firstRise - 1);
      expect(english(sim.explanation)).toContain('ends up ever further away');
      expect(english(sim.explanation)).not.toContain('every step');
    }
    expect(closer).toBeGreaterThan(0);
  });

  it('E5 the lecture α = 0.06: six steps closer, then the steep direction ×1.23 wins', () => {
    const sim = simulate(BUILTIN_DECK.rounds[11] as Scenario);
    expect(english(sim.explanation)).toContain('|1 − α·λ_max| = 1.23 each step (+23 %)');
    expect(english(sim.explanation)).toContain('the first 6 steps get closer');
  });

  it('E6 the lecture α = 0.02: ×0.996, 0.4 % closer, about 1,700 steps, and the reveal draws 10× closer', () => {
    const scenario = BUILTIN_DECK.rounds[9] as Scenario;
    const sim = simulate(scenario);
    expect(english(sim.explanation)).toContain(
      'is multiplied by 1 − α·λ_min = 0.996 each step (0.4 % closer; about 1,700 steps to get 1,000× closer)',
    );
    const drawn = simulate(scenario, { maxSteps: revealSteps(scenario) });
    const d = drawn.distances;
    expect((d[d.length - 1] ?? 1) / (d[0] ?? 1)).toBeLessThanOrEqual(0.1);
  });

  it('E7 the 1-D sentences use only symbols on screen: α·J″, never a bare "a"', () => {
    for (const scenario of ROUNDS) {
      const sim = simulate(scenario);
      const { dimension } = sim;
      const explanation = english(sim.explanation);
      if (scenario.cost.kind !== 'quadratic' || dimension !== 1) continue;
      expect(explanation).not.toMatch(/α·a\b/);
      expect(explanation).toContain('α·J″');
    }
  });

  it('E8 the quartic says where its factor comes from and that it holds from this start only', () => {
    for (const scenario of ROUNDS) {
      if (scenario.cost.kind !== 'quartic') continue;
      const sim = simulate(scenario, { maxSteps: 400 });
      expect(english(sim.explanation)).toContain('the slope θ³ + bθ divided by the distance θ');
      expect(english(sim.explanation)).toContain('from this start only');
      if (sim.outcome !== 'zigzag') continue;
      const thetas = sim.steps.map((s) => s.theta[0] ?? 0);
      const crossings = thetas.filter((t, i) => i > 0 && t * (thetas[i - 1] ?? 0) < 0).length;
      if (crossings === 1) expect(english(sim.explanation)).toContain('overshoots only once');
      else expect(english(sim.explanation)).not.toContain('only once');
    }
  });

  it('E9 revealSteps draws a slow convergence to 10× closer, at most 600 steps', () => {
    const slow: Scenario = { cost: { kind: 'quadratic', a: 1, c: 0 }, start: [3], alpha: 0.004 };
    expect(english(simulate(slow).explanation)).toContain('about 1,700 steps to get 1,000× closer');
    expect(revealSteps(slow)).toBe(575);
    const fast: Scenario = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.25 };
    expect(revealSteps(fast)).toBe(40);
  });

  it('E10 a run whose slowest factor is within 1e-16 of 1 gets its count at once (it looped for ever)', () => {
    // x = [0, 2e-5]: λ_min = 1e-10, so with α = 1e-6 the slow direction is multiplied by
    // 1 − 1e-16 (the double just below 1) each step, and the count to 1,000× closer (about 6e16)
    // lies past the integers a double holds exactly (2^53).
    const nearlyFlat: Scenario = {
      cost: { kind: 'linreg', x: [0, 2e-5], y: [0, 0] },
      start: [1, 1],
      alpha: 1e-6,
    };
    const started = performance.now();
    const sim = simulate(nearlyFlat, { maxSteps: 10 });
    expect(revealSteps(nearlyFlat)).toBe(600);
    expect(performance.now() - started, 'a few milliseconds, not a hang').toBeLessThan(5_000);
    expect(sim.outcome).toBe('converges');
    const [slowFactor = 0] = sim.eigenvalues.map((l) => 1 - nearlyFlat.alpha * l);
    // The directions are all but the axes, so the start (1, 1) has 1/√2 of its distance along the
    // slow one, which alone is left after the first few million steps.
    const expected = Math.log(1e-3 * Math.SQRT2) / Math.log(slowFactor);
    expect(expected).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    const quoted = english(sim.explanation).match(/about ([\d,]+) steps to get 1,000× closer/)?.[1] ?? '';
    expect(number(quoted) / expected).toBeCloseTo(1, 1);
  });
});
