// Engine timings: median time to simulate and classify one round, and of an α-sweep of 1,000
// values, per cost kind. Figures to read, not a test. Targets: well under 1 ms per round, under
// 50 ms per sweep. Run with `npm run bench:engine`.
import { BUILTIN_DECK, LECTURE_DATASET, simulate, sweepAlpha } from '../shared/engine/index';
import type { Scenario } from '../shared/engine/types';

const ROUND_BATCHES = 200;
const ROUNDS_PER_BATCH = 100;
const SWEEP_REPEATS = 200;
const SWEEP_SIZE = 1000;

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Median over batches of the mean time per call, in ms: one call is too short to time alone. */
function timePerCall(run: () => unknown, batches: number, perBatch: number): number {
  for (let i = 0; i < perBatch * 5; i++) run();
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < perBatch; i++) run();
    samples.push((performance.now() - t0) / perBatch);
  }
  return median(samples);
}

const byKind = (kind: Scenario['cost']['kind']): Scenario => {
  const round = BUILTIN_DECK.rounds.find((r) => r.cost.kind === kind && simulate(r).outcome === 'zigzag');
  return (
    round ?? BUILTIN_DECK.rounds.find((r) => r.cost.kind === kind) ?? (BUILTIN_DECK.rounds[0] as Scenario)
  );
};

const bigX = Array.from({ length: 500 }, (_, i) => (i % 50) / 5);
const cases: [string, Scenario][] = [
  ['quadratic', byKind('quadratic')],
  ['quartic', byKind('quartic')],
  ['bowl', byKind('bowl')],
  [`linreg (lecture, m = ${LECTURE_DATASET.x.length})`, byKind('linreg')],
  [
    'linreg (m = 500)',
    {
      cost: { kind: 'linreg', x: bigX, y: bigX.map((x) => 2 + 3 * x + (x % 1)) },
      start: [10, -2],
      alpha: 0.01,
    },
  ],
];

/** 1,000 α log-spaced across two decades either side of the divergence threshold. */
function sweepAlphas(scenario: Scenario): number[] {
  const pivot = simulate(scenario, { maxSteps: 0 }).thresholds.divergeFrom;
  return Array.from({ length: SWEEP_SIZE }, (_, i) => pivot * 10 ** (-2 + (4 * i) / (SWEEP_SIZE - 1)));
}

const rows = cases.map(([name, scenario]) => {
  const outcome = simulate(scenario).outcome;
  const steps = simulate(scenario).steps.length - 1;
  const roundMs = timePerCall(() => simulate(scenario), ROUND_BATCHES, ROUNDS_PER_BATCH);
  const alphas = sweepAlphas(scenario);
  const sweepMs = timePerCall(() => sweepAlpha(scenario, alphas), SWEEP_REPEATS, 1);
  return { name, outcome, steps, roundMs, sweepMs };
});

const pad = (s: string, n: number) => s.padEnd(n);
console.log(
  `Engine benchmark (Node ${process.version}, median of ${ROUND_BATCHES}×${ROUNDS_PER_BATCH} rounds, ${SWEEP_REPEATS} sweeps)`,
);
console.log(
  `${pad('cost kind', 30)}${pad('outcome', 11)}${pad('steps', 7)}${pad('simulate, ms', 15)}sweep of ${SWEEP_SIZE} α, ms`,
);
for (const r of rows) {
  console.log(
    `${pad(r.name, 30)}${pad(r.outcome, 11)}${pad(String(r.steps), 7)}${pad(r.roundMs.toFixed(4), 15)}${r.sweepMs.toFixed(4)}`,
  );
}
const worstRound = Math.max(...rows.map((r) => r.roundMs));
const worstSweep = Math.max(...rows.map((r) => r.sweepMs));
console.log(
  `worst: ${worstRound.toFixed(4)} ms per round (target < 1 ms), ${worstSweep.toFixed(4)} ms per sweep (target < 50 ms)`,
);
