import type { ComponentChildren } from 'preact';
import { ANSWERS, type Answer, type Scenario } from '../../../shared/engine/types';
import { OUTCOME_LABELS } from '../../../shared/kinds/outcomes';
import type { RoundType } from '../../../shared/protocol/schemas';
import type { PlayerView, TaskOf } from '../../../shared/protocol/views';
import { ScenarioPlot } from '../../plots/scenario-plot';
import { Sized } from '../../plots/sized';
import { ANSWER_HINTS, AnswerIcon, OutcomeTag } from '../../ui/answers';
import { secondsLeft } from '../../ui/format';
import { MathText } from '../../ui/math-text';
import { OptionMark } from '../../ui/options';
import { CostFormula, formatAlpha, StartText } from '../../ui/scenario-text';
import type { PlayerModel } from '../model';

type QuestionPhase = Extract<PlayerView['phase'], { kind: 'question' }>;

/** Slider positions: fine enough that neighbouring stops differ in the third digit. */
const STOPS = 1000;

/** "0,05", "5e-2", " .05 ": what students type, read as a number; NaN when it is not one. */
export const readAlpha = (text: string): number => Number(text.trim().replace(',', '.') || Number.NaN);

/** What the server takes as a learning rate (AlphaGuess in shared/protocol/schemas.ts). */
const isAlpha = (x: number): boolean => x > 0 && x <= 1e6;

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
        <legend class="prompt">What does gradient descent do?</legend>
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
    input: <MaxAlphaForm round={round} task={task} model={model} />,
  }),
  fastest: (task, _round, { answer }) => ({
    scenario: { ...task.problem, alpha: Number.NaN },
    alpha: null,
    input: (
      <fieldset class="answers options">
        <legend class="prompt">Which α gets within 1/1000 of the start distance in the fewest steps?</legend>
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
  const { answerError, sentAnswer, serverNow } = model;
  const { scenario, alpha, input } = partsOf(phase.task, phase.round, model);
  const sent = sentAnswer.value?.round === phase.round ? sentAnswer.value : null;
  const given = phase.answer ?? sent?.choice ?? null;
  const locked = phase.answer !== null || sent?.acknowledged === true;
  const left = secondsLeft(phase.deadlineAt, serverNow());
  return (
    <section class="question">
      <header class="bar">
        <span>
          Question {phase.round + 1} of {view.roundCount}
        </span>
        <span
          class={left <= 5 ? 'timer timer-low' : 'timer'}
          role="timer"
          aria-label={`${left} seconds left`}
        >
          {left} s
        </span>
      </header>
      <CostFormula scenario={scenario} />
      <Sized class="phone-plot">
        {(w, h, em, uid) => (
          <ScenarioPlot scenario={scenario} width={w} height={h} em={em} uid={uid} compact />
        )}
      </Sized>
      <p class="params">
        {alpha}
        <span>
          <StartText scenario={scenario} />
        </span>
      </p>
      {given !== null ? (
        <div class="locked" role="status">
          <p class="locked-title">{locked ? 'Answer locked in' : 'Sending your answer…'}</p>
          {typeof given === 'string' ? (
            <OutcomeTag outcome={given} class="big-tag" />
          ) : (
            <p class="alpha">
              α = <MathText text={formatAlpha(given)} />
            </p>
          )}
          <p class="muted">
            {locked ? 'Watch the projector for the reveal.' : 'It goes as soon as the connection allows.'}
          </p>
        </div>
      ) : left === 0 ? (
        <p class="locked" role="status">
          Time's up! Watch the projector for the reveal.
        </p>
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

/**
 * A log-scale slider over the task's range, or a typed α (any α > 0, even outside the slider).
 * Slid values keep three significant digits, so the α shown is the α sent. The slider starts with
 * no value: a thumb placed anywhere would anchor the guesses, and in some rooms already score
 * (issue 12). Nothing can be locked in before the student has slid or typed an α, so every α sent
 * is one the student chose, and the answer needs no "moved" flag.
 */
function MaxAlphaForm({
  round,
  task,
  model,
}: {
  round: number;
  task: TaskOf<'max-alpha'>;
  model: PlayerModel;
}) {
  const { answer, guess } = model;
  const { min, max } = task.range;
  const decades = Math.log(max / min);
  const alphaAt = (stop: number) => Number((min * Math.exp((decades * stop) / STOPS)).toPrecision(3));
  const mine = guess.value?.round === round ? guess.value : null;
  const alpha = mine?.alpha ?? null;
  const typed = mine?.text ?? '';
  const bad = typed.trim() !== '' && !isAlpha(readAlpha(typed));
  const shown = alpha === null ? null : formatAlpha(alpha);
  const stop = alpha === null ? STOPS / 2 : Math.round((STOPS * Math.log(alpha / min)) / decades);
  return (
    <form
      class="guess"
      onSubmit={(e) => {
        e.preventDefault();
        if (!bad && alpha !== null) void answer(alpha);
      }}
    >
      <p class="prompt">What is the largest α that still converges?</p>
      <p class={shown === null ? 'alpha guess-value guess-empty' : 'alpha guess-value'} aria-hidden="true">
        {shown === null ? (
          'Slide or type α'
        ) : (
          <>
            α = <MathText text={shown} />
          </>
        )}
      </p>
      <input
        type="range"
        class={alpha === null ? 'guess-slider guess-slider-empty' : 'guess-slider'}
        min={0}
        max={STOPS}
        value={Math.max(0, Math.min(STOPS, stop))}
        aria-label="α, on a log scale"
        aria-valuetext={shown === null ? 'no α chosen yet' : `α = ${shown}`}
        onInput={(e) => {
          guess.value = { round, alpha: alphaAt(Number(e.currentTarget.value)), text: '' };
        }}
      />
      <p class="guess-ends muted" aria-hidden="true">
        <MathText text={formatAlpha(Number(min.toPrecision(3)))} />
        <span>log scale</span>
        <MathText text={formatAlpha(Number(max.toPrecision(3)))} />
      </p>
      <label class="field">
        <span>Or type α</span>
        <input
          name="alpha"
          inputMode="decimal"
          autocomplete="off"
          placeholder="e.g. 0.05"
          value={typed}
          aria-invalid={bad}
          onInput={(e) => {
            const text = e.currentTarget.value;
            const value = readAlpha(text);
            guess.value = { round, alpha: isAlpha(value) ? value : alpha, text };
          }}
        />
      </label>
      {bad && (
        <p class="error" role="alert">
          Type a number above 0, like 0.05.
        </p>
      )}
      <button type="submit" class="primary" disabled={alpha === null || bad}>
        {shown === null ? (
          'Choose an α first'
        ) : (
          <>
            Lock in α = <MathText text={shown} />
          </>
        )}
      </button>
    </form>
  );
}
