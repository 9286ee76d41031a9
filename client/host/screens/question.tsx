import type { ComponentChildren } from 'preact';
import type { Scenario } from '../../../shared/engine/types';
import { ANSWERS } from '../../../shared/engine/types';
import { common } from '../../../shared/i18n/en/common';
import { projector } from '../../../shared/i18n/en/projector';
import { OUTCOME_LABELS } from '../../../shared/kinds/outcomes';
import type { RoundType } from '../../../shared/protocol/schemas';
import type { HostView, TaskOf } from '../../../shared/protocol/views';
import { ScenarioPlot } from '../../plots/scenario-plot';
import { Sized } from '../../plots/sized';
import { ANSWER_HINTS, AnswerIcon } from '../../ui/answers';
import { secondsLeft } from '../../ui/format';
import { MathText } from '../../ui/math-text';
import { OptionMark } from '../../ui/options';
import { CostFormula, formatAlpha, StartText } from '../../ui/scenario-text';
import { useHostModel } from '../model';

type QuestionPhase = Extract<HostView['phase'], { kind: 'question' }>;

/** What the projector shows of a question, beside the plot. */
interface QuestionParts {
  /** What the plot draws: the round's scenario, or the problem with no α yet. */
  scenario: Scenario;
  /** The α asked about, for a kind that gives one. */
  alpha: ComponentChildren;
  /** What is asked and how to answer. */
  ask: ComponentChildren;
}

/** The projector's question for each kind of round: one line per kind. */
export const QUESTION_PARTS: { [T in RoundType]: (task: TaskOf<T>) => QuestionParts } = {
  predict: (task) => ({
    scenario: task.scenario,
    alpha: <p class="alpha-big">α = {formatAlpha(task.scenario.alpha)}</p>,
    ask: (
      <ul class="legend">
        {ANSWERS.map((a) => (
          <li key={a}>
            <span class={`legend-tag tone-${a}`}>
              <AnswerIcon outcome={a} />
              {OUTCOME_LABELS[a]}
            </span>
            <span class="legend-hint">{ANSWER_HINTS[a]}</span>
          </li>
        ))}
      </ul>
    ),
  }),
  'max-alpha': (task) => ({
    scenario: { ...task.problem, alpha: Number.NaN },
    alpha: null,
    ask: (
      <>
        <p class="ask-big">{projector.maxAlphaAsk}</p>
        <p class="ask-note">{projector.maxAlphaNote}</p>
      </>
    ),
  }),
  fastest: (task) => ({
    scenario: { ...task.problem, alpha: Number.NaN },
    alpha: null,
    ask: (
      <>
        <p class="ask-big">{projector.fastestAsk}</p>
        <ul class="options-big">
          {task.alphas.map((a, i) => (
            <li key={a}>
              <OptionMark index={i} />
              <span>
                α = <MathText text={formatAlpha(a)} />
              </span>
            </li>
          ))}
        </ul>
        <p class="ask-note">{projector.fastestNote}</p>
      </>
    ),
  }),
};

function partsOf<T extends RoundType>(task: TaskOf<T>): QuestionParts {
  const parts: (task: TaskOf<T>) => QuestionParts = QUESTION_PARTS[task.type];
  return parts(task);
}

export function QuestionScreen({ phase }: { phase: QuestionPhase }) {
  const { answered, serverNow } = useHostModel();
  const { task } = phase;
  const { scenario, alpha, ask } = partsOf(task);
  const left = secondsLeft(phase.deadlineAt, serverNow.value);
  const count = answered.value ?? { answered: phase.answered, total: phase.total };
  const share = count.total > 0 ? count.answered / count.total : 0;
  return (
    <section class={`question question-${task.type}`}>
      <div class="question-main">
        <Sized class="big-plot">
          {(w, h, em, uid) => <ScenarioPlot scenario={scenario} width={w} height={h} em={em} uid={uid} />}
        </Sized>
        <div class="question-side">
          <CostFormula scenario={scenario} />
          {alpha}
          <p class="start">
            <StartText scenario={scenario} />
          </p>
          {ask}
        </div>
      </div>
      <div class="question-status">
        <p
          class={left <= 5 ? 'countdown countdown-low' : 'countdown'}
          role="timer"
          aria-label={projector.secondsLeft(left)}
        >
          {left}
          <span class="unit"> {common.seconds}</span>
        </p>
        {/* PI3: the same question again, after the discussion: not a new one. */}
        {phase.secondVote && <p class="second-vote-mark">{projector.secondVote}</p>}
        <div class="answered">
          <p aria-live="polite">
            <strong>{count.answered}</strong> {projector.of(count.total)} {projector.answered}
          </p>
          <div class="meter" aria-hidden="true">
            <div class="meter-fill" style={{ width: `${Math.round(share * 100)}%` }} />
          </div>
        </div>
      </div>
    </section>
  );
}
