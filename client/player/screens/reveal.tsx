import { formatNumber } from '../../../shared/engine/format';
import { type Run, trajectory } from '../../../shared/engine/trajectory';
import type { Outcome, Scenario } from '../../../shared/engine/types';
import type { PlayerView } from '../../../shared/protocol/views';
import { ScenarioPlot } from '../../plots/scenario-plot';
import { Sized } from '../../plots/sized';
import { OutcomeTag } from '../../ui/answers';
import { ordinal, points } from '../../ui/format';
import { MathText } from '../../ui/math-text';

const runs = new WeakMap<Scenario, Run>();
/**
 * The view carries the verdict but not the run: the same engine the server uses draws it here,
 * which keeps the message to every phone small. Once per view, not per render.
 */
function runOf(scenario: Scenario): Run {
  let run = runs.get(scenario);
  if (!run) {
    run = trajectory(scenario);
    runs.set(scenario, run);
  }
  return run;
}

type RevealPhase = Extract<PlayerView['phase'], { kind: 'reveal' }>;

export function RevealScreen({ view, phase }: { view: PlayerView; phase: RevealPhase }) {
  const { task, verdict: truth } = phase;
  if (task.type !== 'predict' || truth.type !== 'predict') return <OtherReveal view={view} phase={phase} />;
  return (
    <PredictReveal
      view={view}
      phase={phase}
      scenario={task.scenario}
      outcome={truth.outcome}
      explanation={truth.explanation}
    />
  );
}

/** Interim reveal for the rounds that take a learning rate. */
function OtherReveal({ view, phase }: { view: PlayerView; phase: RevealPhase }) {
  const { verdict } = phase;
  return (
    <section class="reveal">
      <header class="bar">
        <span>
          Question {phase.round + 1} of {view.roundCount}
        </span>
        <span>{points(view.me.score)} pts</span>
      </header>
      <p class="answer-line">
        {verdict.type === 'max-alpha'
          ? `The largest α that converges is just under ${formatNumber(verdict.target)}.`
          : verdict.type === 'fastest' && verdict.winner !== null
            ? `The fastest α is ${formatNumber(verdict.winner)}.`
            : 'No single fastest α this time.'}
      </p>
      <p class="answer-line">+{points(phase.points)} points</p>
    </section>
  );
}

function PredictReveal({
  view,
  phase,
  scenario,
  outcome,
  explanation,
}: {
  view: PlayerView;
  phase: RevealPhase;
  scenario: Scenario;
  outcome: Outcome;
  explanation: string;
}) {
  const run = runOf(scenario);
  const answer = typeof phase.answer === 'string' ? phase.answer : null;
  const verdict = !phase.scored ? 'void' : phase.correct ? 'right' : phase.answer ? 'wrong' : 'missed';
  return (
    <section class="reveal">
      <header class="bar">
        <span>
          Question {phase.round + 1} of {view.roundCount}
        </span>
        <span>{points(view.me.score)} pts</span>
      </header>
      <div class={`verdict verdict-${verdict}`} role="status">
        <span class="verdict-mark" aria-hidden="true">
          {verdict === 'right' ? '✓' : verdict === 'void' ? '↔' : '✗'}
        </span>
        <span>
          {verdict === 'right'
            ? 'Right!'
            : verdict === 'wrong'
              ? 'Not this time'
              : verdict === 'missed'
                ? 'No answer this time'
                : 'Nobody could win this one'}
        </span>
      </div>
      <p class="answer-line">
        The answer: <OutcomeTag outcome={outcome} />
      </p>
      {!phase.scored && <p>Bounces for ever — nobody could win this one, and streaks stay as they were.</p>}
      <p class="answer-line">
        You said: {answer ? <OutcomeTag outcome={answer} /> : <strong>nothing</strong>}
      </p>
      <dl class="stats">
        <div>
          <dt>Points</dt>
          <dd>
            +{points(phase.points)}
            {phase.streakBonus > 0 && <span class="muted"> (streak bonus +{phase.streakBonus})</span>}
          </dd>
        </div>
        <div>
          <dt>Streak</dt>
          <dd>
            {view.me.streak === 0
              ? 'none'
              : view.me.streak === 1
                ? '1 right'
                : `${view.me.streak} right in a row`}
          </dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>{points(view.me.score)}</dd>
        </div>
        <div>
          <dt>Rank</dt>
          <dd>{ordinal(view.me.rank)}</dd>
        </div>
      </dl>
      <Sized class="phone-plot">
        {(w, h, em, uid) => (
          <ScenarioPlot
            scenario={scenario}
            steps={run.steps}
            outcome={outcome}
            width={w}
            height={h}
            em={em}
            uid={uid}
            compact
          />
        )}
      </Sized>
      <p class="explanation">
        <MathText text={explanation} />
      </p>
    </section>
  );
}
