import { ANSWERS, type Answer, type Scenario } from '../../../shared/engine/types';
import type { PlayerView } from '../../../shared/protocol/views';
import { ScenarioPlot } from '../../plots/scenario-plot';
import { Sized } from '../../plots/sized';
import { ANSWER_HINTS, ANSWER_LABELS, AnswerIcon, OutcomeTag } from '../../ui/answers';
import { secondsLeft } from '../../ui/format';
import { CostFormula, formatAlpha, StartText } from '../../ui/scenario-text';
import { answer, answerError, sentAnswer, serverNow } from '../model';

type QuestionPhase = Extract<PlayerView['phase'], { kind: 'question' }>;

export function QuestionScreen({ view, phase }: { view: PlayerView; phase: QuestionPhase }) {
  const { task } = phase;
  if (task.type !== 'predict') return <OtherQuestion view={view} phase={phase} />;
  return <PredictQuestion view={view} phase={phase} scenario={task.scenario} />;
}

/** Interim answer form for the rounds that take a learning rate. */
function OtherQuestion({ view, phase }: { view: PlayerView; phase: QuestionPhase }) {
  const { task } = phase;
  if (task.type === 'predict') return null;
  const sent = sentAnswer.value?.round === phase.round ? sentAnswer.value : null;
  const chosen = phase.answer ?? sent?.choice ?? null;
  return (
    <section class="question">
      <header class="bar">
        <span>
          Question {phase.round + 1} of {view.roundCount}
        </span>
      </header>
      <CostFormula scenario={task.problem} />
      <p class="prompt">
        {task.type === 'max-alpha' ? 'What is the largest α that still converges?' : 'Which α is fastest?'}
      </p>
      {chosen !== null ? (
        <p class="locked" role="status">
          Answer locked in: α = {typeof chosen === 'number' ? formatAlpha(chosen) : chosen}
        </p>
      ) : task.type === 'fastest' ? (
        <fieldset class="answers">
          {task.alphas.map((a) => (
            <button key={a} type="button" class="answer" onClick={() => void answer(a)}>
              α = {formatAlpha(a)}
            </button>
          ))}
        </fieldset>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const value = Number((e.currentTarget.elements.namedItem('alpha') as HTMLInputElement).value);
            if (value > 0) void answer(value);
          }}
        >
          <label>
            α = <input name="alpha" inputMode="decimal" />
          </label>
          <button type="submit">Lock in</button>
        </form>
      )}
    </section>
  );
}

function PredictQuestion({
  view,
  phase,
  scenario,
}: {
  view: PlayerView;
  phase: QuestionPhase;
  scenario: Scenario;
}) {
  const sent = sentAnswer.value?.round === phase.round ? sentAnswer.value : null;
  const given = phase.answer ?? sent?.choice ?? null;
  const chosen: Answer | null = typeof given === 'string' ? given : null;
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
        <span class="alpha">α = {formatAlpha(scenario.alpha)}</span>
        <span>
          <StartText scenario={scenario} />
        </span>
      </p>
      {chosen ? (
        <div class="locked" role="status">
          <p class="locked-title">{locked ? 'Answer locked in' : 'Sending your answer…'}</p>
          <OutcomeTag outcome={chosen} class="big-tag" />
          <p class="muted">
            {locked ? 'Watch the projector for the reveal.' : 'It goes as soon as the connection allows.'}
          </p>
        </div>
      ) : left === 0 ? (
        <p class="locked" role="status">
          Time's up! Watch the projector for the reveal.
        </p>
      ) : (
        <fieldset class="answers">
          <legend class="prompt">What does gradient descent do?</legend>
          {ANSWERS.map((a) => (
            <button key={a} type="button" class={`answer tone-${a}`} onClick={() => void answer(a)}>
              <AnswerIcon outcome={a} />
              <span class="answer-text">
                <span class="answer-label">{ANSWER_LABELS[a]}</span>
                <span class="answer-hint">{ANSWER_HINTS[a]}</span>
              </span>
            </button>
          ))}
        </fieldset>
      )}
      {answerError.value && (
        <p class="error" role="alert">
          {answerError.value}
        </p>
      )}
    </section>
  );
}
