// "Predict": a scenario with its α; students say whether gradient descent converges, zig-zags or
// diverges. The engine's simulation decides; the exact r = 2 bounce scores nobody.
import { revealSteps } from '../../../shared/engine/pace';
import { simulate } from '../../../shared/engine/simulate';
import {
  ANSWERS,
  type Answer,
  type Outcome,
  type Scenario,
  type Simulation,
} from '../../../shared/engine/types';
import { OUTCOME_LABELS } from '../../../shared/kinds/outcomes';
import type { AnswerValue, Distribution } from '../../../shared/protocol/views';
import { alphaText, memo, type RoundKind } from './kind';

// Drawn long enough to see the run get 10× closer or further (up to 600 steps): a slow α shows its
// approach instead of a flat line, and the explanation says how many steps it would need.
export const simulationOf: (scenario: Scenario) => Simulation = memo((scenario) =>
  simulate(scenario, { maxSteps: revealSteps(scenario) }),
);

/** "41 % answered zig-zags when it diverged": the outcome in the past tense. */
const _HAPPENED: Record<Outcome, string> = {
  converges: 'it converged',
  zigzag: 'it zig-zagged',
  diverges: 'it diverged',
  oscillates: 'it bounced for ever',
};
const _ANSWERED: Record<Answer, string> = {
  converges: 'converges',
  zigzag: 'zig-zags',
  diverges: 'diverges',
};

/** The class's answers to a prediction per outcome; `none` is how many who could answer did not. */
export function distributionOf(given: ReadonlyArray<{ choice: AnswerValue }>, none: number): Distribution {
  const distribution: Distribution = { converges: 0, zigzag: 0, diverges: 0, none };
  for (const a of given) if (typeof a.choice === 'string') distribution[a.choice]++;
  return distribution;
}

export const predict: RoundKind<'predict'> = {
  task: (round) => ({ type: 'predict', scenario: round.scenario }),

  refusal: (_round, choice) => (typeof choice === 'string' ? null : 'Pick converges, zig-zags or diverges.'),

  judge(round) {
    const { outcome } = simulationOf(round.scenario);
    return { scored: outcome !== 'oscillates', grade: (c) => ({ correct: c === outcome }) };
  },

  detail(round, given, none) {
    return {
      type: 'predict',
      simulation: simulationOf(round.scenario),
      distribution: distributionOf(given, none),
    };
  },

  verdict(round) {
    const { outcome, explanation } = simulationOf(round.scenario);
    return { type: 'predict', outcome, explanation };
  },

  report: {
    summary: (round, alpha) => alphaText(round.scenario.alpha, alpha),
    answerText: (round) => OUTCOME_LABELS[simulationOf(round.scenario).outcome],
    outcome: (round) => simulationOf(round.scenario).outcome,
    ratio: (round) => simulationOf(round.scenario).ratio,
    bars(round, given, scored) {
      const { outcome } = simulationOf(round.scenario);
      return ANSWERS.map((p) => ({
        label: OUTCOME_LABELS[p],
        answer: p,
        count: given.filter((a) => a.answer === p).length,
        isCorrect: scored && outcome === p,
      }));
    },
    answerCell: (answer) => (typeof answer === 'string' ? OUTCOME_LABELS[answer] : answer),
  },
};
