import type { ComponentChildren } from 'preact';
import { ANSWERS, type Answer, type Scenario } from '../../../shared/engine/types';
import { common } from '../../../shared/i18n/en/common';
import * as player from '../../../shared/i18n/en/player';
import { OUTCOME_LABELS } from '../../../shared/kinds/outcomes';
import { CONFIDENCE_LABELS } from '../../../shared/protocol/confidence';
import type { RoundType } from '../../../shared/protocol/schemas';
import type { AnswerValue, PlayerView, TaskOf } from '../../../shared/protocol/views';
import { Sized } from '../../plots/sized';
import { StartPlot } from '../../plots/start-plot';
import { ANSWER_HINTS, AnswerIcon, OutcomeTag } from '../../ui/answers';
import { secondsLeft } from '../../ui/format';
import { MathText } from '../../ui/math-text';
import { OptionMark } from '../../ui/options';
import { CostFormula, formatAlpha, StartText } from '../../ui/scenario-text';
import { extras, loadExtras } from '../explorer/load';
import type { PlayerModel } from '../model';

type QuestionPhase = Extract<PlayerView['phase'], { kind: 'question' }>;

/** What a phone shows of a question: the plot's scenario, the α asked about, the answer input. */
interface QuestionParts {
  scenario: Scenario;
  alpha: ComponentChildren;
  input: ComponentChildren;
}

/** The phone's question for each kind of round: one line per kind. */
export const QUESTION_INPUTS: {
  [T in RoundType]: (task: TaskOf<T>, round: number, model: PlayerModel) => QuestionParts;
} = {
  predict: (task, _round, { answer }) => ({
    scenario: task.scenario,
    alpha: <span class="alpha">α = {formatAlpha(task.scenario.alpha)}</span>,
    input: (
      <fieldset class="answers">
        <legend class="prompt">{player.predictPrompt}</legend>
        {ANSWERS.map((a: Answer) => (
          <button key={a} type="button" class={`answer tone-${a}`} onClick={() => void answer(a)}>
            <AnswerIcon outcome={a} />
            <span class="answer-text">
              <span class="answer-label">{OUTCOME_LABELS[a]}</span>
              <span class="answer-hint">{ANSWER_HINTS[a]}</span>
            </span>
          </button>
        ))}
      </fieldset>
    ),
  }),
  'max-alpha': (task, round, model) => ({
    scenario: { ...task.problem, alpha: Number.NaN },
    alpha: null,
    input: <LazyMaxAlphaForm round={round} task={task} model={model} />,
  }),
  fastest: (task, _round, { answer }) => ({
    scenario: { ...task.problem, alpha: Number.NaN },
    alpha: null,
    input: (
      <fieldset class="answers options">
        <legend class="prompt">{player.fastestPrompt}</legend>
        {task.alphas.map((a, i) => (
          <button key={a} type="button" class="answer option" onClick={() => void answer(a)}>
            <OptionMark index={i} />
            <span class="answer-label">
              α = <MathText text={formatAlpha(a)} />
            </span>
          </button>
        ))}
      </fieldset>
    ),
  }),
};

function partsOf<T extends RoundType>(task: TaskOf<T>, round: number, model: PlayerModel): QuestionParts {
  const parts: (task: TaskOf<T>, round: number, model: PlayerModel) => QuestionParts =
    QUESTION_INPUTS[task.type];
  return parts(task, round, model);
}

export function QuestionScreen({
  view,
  phase,
  model,
}: {
  view: PlayerView;
  phase: QuestionPhase;
  model: PlayerModel;
}) {
  const { answerError, sentAnswer, serverNow, pending } = model;
  const byConfidence = view.scoreBy === 'confidence';
  // C1: in a game scored by confidence a tap on an answer asks for its level before anything is sent.
  const picking: PlayerModel = byConfidence
    ? {
        ...model,
        answer: async (choice) => {
          pending.value = { round: phase.round, choice };
        },
      }
    : model;
  const { scenario, alpha, input } = partsOf(phase.task, phase.round, picking);
  const sent = sentAnswer.value?.round === phase.round ? sentAnswer.value : null;
  const given = phase.answer ?? sent?.choice ?? null;
  const level = phase.confidence ?? sent?.confidence;
  const waiting = byConfidence && pending.value?.round === phase.round ? pending.value.choice : null;
  const locked = phase.answer !== null || sent?.acknowledged === true;
  const left = secondsLeft(phase.deadlineAt, serverNow());
  // PI3: the second vote's line rides in the reveal's chunk; a reloaded phone asks for it here. So
  // does the confidence picker (C1), wanted as soon as a student taps.
  if (phase.secondVote || byConfidence) loadExtras();
  return (
    <section class="question">
      <header class="bar">
        <span>{player.questionOf(phase.round + 1, view.roundCount)}</span>
        <span
          class={left <= 5 ? 'timer timer-low' : 'timer'}
          role="timer"
          aria-label={player.secondsLeft(left)}
        >
          {left} {common.seconds}
        </span>
      </header>
      {phase.secondVote && extras.value && <extras.value.SecondVote first={phase.firstAnswer} />}
      <CostFormula scenario={scenario} />
      <Sized class="phone-plot">
        {(w, h, em, uid) => <StartPlot scenario={scenario} width={w} height={h} em={em} uid={uid} compact />}
      </Sized>
      <p class="params">
        {alpha}
        <span>
          <StartText scenario={scenario} />
        </span>
      </p>
      {given !== null ? (
        <div class="locked" role="status">
          <p class="locked-title">{locked ? player.locked : player.sending}</p>
          <AnswerShown answer={given} />
          {level && <p class="confidence-given">{CONFIDENCE_LABELS[level]}</p>}
          <p class="muted">{locked ? player.watchReveal : (sent?.held ?? player.goesSoon)}</p>
        </div>
      ) : left === 0 ? (
        <p class="locked" role="status">
          {player.timesUp}
        </p>
      ) : waiting !== null ? (
        <LazyConfidencePicker choice={waiting} model={model} />
      ) : (
        input
      )}
      {answerError.value && (
        <p class="error" role="alert">
          {answerError.value}
        </p>
      )}
    </section>
  );
}

export function AnswerShown({ answer }: { answer: AnswerValue }) {
  return typeof answer === 'string' ? (
    <OutcomeTag outcome={answer} class="big-tag" />
  ) : (
    <p class="alpha">
      α = <MathText text={formatAlpha(answer)} />
    </p>
  );
}

/**
 * The "largest α" form travels in the chunk of the reveal (../explorer/load.ts), asked for when such
 * a question opens, so the page's first load stays within its budget; on a school Wi-Fi it is there
 * well before a student has read the question.
 */
function LazyMaxAlphaForm(props: { round: number; task: TaskOf<'max-alpha'>; model: PlayerModel }) {
  loadExtras();
  const loaded = extras.value;
  return loaded ? (
    <loaded.MaxAlphaForm {...props} />
  ) : (
    <p class="muted" role="status">
      {player.loadingSlider}
    </p>
  );
}

/** C1's picker rides in the reveal's chunk too, asked for as a question of a game scored by confidence opens. */
function LazyConfidencePicker(props: { choice: AnswerValue; model: PlayerModel }) {
  loadExtras();
  const loaded = extras.value;
  return loaded ? <loaded.ConfidencePicker {...props} /> : null;
}
