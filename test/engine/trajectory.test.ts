// trajectory() is the run without the verdict (what a phone draws); it must be simulate()'s run exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../shared/engine/simulate';
import { trajectory } from '../../shared/engine/trajectory';
import { anyScenario, propertyOptions } from './arbitraries';

describe('trajectory', () => {
  it('gives the same steps and distances as simulate, for every kind of cost', () => {
    fc.assert(
      fc.property(anyScenario, fc.integer({ min: 0, max: 60 }), (scenario, maxSteps) => {
        const run = trajectory(scenario, { maxSteps });
        const sim = simulate(scenario, { maxSteps });
        expect(run.steps).toEqual(sim.steps);
        expect(run.distances).toEqual(sim.distances);
      }),
      propertyOptions,
    );
  });
});
