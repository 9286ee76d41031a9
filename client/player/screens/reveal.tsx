import { simulate } from '../../../shared/engine/simulate';
import type { Scenario, Simulation } from '../../../shared/engine/types';
import type { PlayerView } from '../../../shared/protocol/views';
import { ScenarioPlot } from '../../plots/scenario-plot';
import { Sized } from '../../plots/sized';
import { OutcomeTag } from '../../ui/answers';
import { ordinal, points } from '../../ui/format';
import { MathText } from '../../ui/math-text';

const runs = new WeakMap<Scenario, Simulation>();
/**
 * The view carries the verdict but not the run: the same engine the server uses draws it here,
 * which keeps the message to every phone small. Once per view, not per render.
 */
function runOf(scenario: Scenario): Simulation {
  let run = runs.get(scenario);
  if (!run) {
    run = simulate(scenario);
    runs.set(scenario, run);
  }
  return run;
}

type RevealPhase = Extract<PlayerView['phase'], { kind: 'reveal' }>;

export function RevealScreen({ view, phase }: { view: PlayerView; phase: RevealPhase }) {
  const run = runOf(phase.scenario);
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
        The answer: <OutcomeTag outcome={phase.outcome} />
      </p>
      {!phase.scored && <p>Bounces for ever — nobody could win this one, and streaks stay as they were.</p>}
      <p class="answer-line">
        You said: {phase.answer ? <OutcomeTag outcome={phase.answer} /> : <strong>nothing</strong>}
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
            scenario={phase.scenario}
            steps={run.steps}
            outcome={phase.outcome}
            width={w}
            height={h}
            em={em}
            uid={uid}
            compact
          />
        )}
      </Sized>
      <p class="explanation">
        <MathText text={phase.explanation} />
      </p>
    </section>
  );
}
