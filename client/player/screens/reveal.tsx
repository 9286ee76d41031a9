import { type Run, trajectoryOfChecked } from '../../../shared/engine/trajectory';
import type { Outcome, Scenario } from '../../../shared/engine/types';
import type { PlayerView } from '../../../shared/protocol/views';
import { ScenarioPlot } from '../../plots/scenario-plot';
import { Sized } from '../../plots/sized';
import { OutcomeTag } from '../../ui/answers';
import { ordinal, points } from '../../ui/format';
import { MathText } from '../../ui/math-text';
import { OptionMark } from '../../ui/options';
import { formatAlpha } from '../../ui/scenario-text';

let drawn: { key: string; run: Run } | null = null;
/**
 * The view carries the verdict but not the run: the same engine the server uses draws it here,
 * which keeps the message to every phone small. Once per round and α, not per render.
 */
function runOf(scenario: Scenario, key: string): Run {
  if (drawn?.key !== key) drawn = { key, run: trajectoryOfChecked(scenario) };
  return drawn.run;
}

type RevealPhase = Extract<PlayerView['phase'], { kind: 'reveal' }>;

/** Iterations arrive as null for "never" (JSON has no Infinity). */
const steps = (n: number | null): string =>
  n === null || !Number.isFinite(n) ? 'never gets there' : n === 1 ? '1 step' : `${n} steps`;

export function RevealScreen({ view, phase }: { view: PlayerView; phase: RevealPhase }) {
  const { task, verdict: truth, answer } = phase;
  const verdict = !phase.scored ? 'void' : phase.correct ? 'right' : answer !== null ? 'wrong' : 'missed';
  const said = (
    <p class="answer-line">
      You said:{' '}
      {answer === null ? (
        <strong>nothing</strong>
      ) : typeof answer === 'string' ? (
        <OutcomeTag outcome={answer} />
      ) : (
        <strong>
          α = <MathText text={formatAlpha(answer)} />
        </strong>
      )}
    </p>
  );
  // What the plot draws: the round's run, or for a guess of α*, the run at the student's own α.
  let plot: { scenario: Scenario; outcome: Outcome } | null = null;
  let body = null;
  if (truth.type === 'predict' && task.type === 'predict') {
    plot = { scenario: task.scenario, outcome: truth.outcome };
    body = (
      <>
        <p class="answer-line">
          The answer: <OutcomeTag outcome={truth.outcome} />
        </p>
        {!phase.scored && <p>Bounces for ever — nobody could win this one, and streaks stay as they were.</p>}
        {said}
      </>
    );
  } else if (truth.type === 'max-alpha' && task.type === 'max-alpha') {
    const at = truth.outcomeAtGuess;
    if (typeof answer === 'number' && at)
      plot = { scenario: { ...task.problem, alpha: answer }, outcome: at };
    body = (
      <>
        <p class="answer-line">
          The answer: just below <strong>α* = {formatAlpha(Number(truth.target.toPrecision(3)))}</strong>
        </p>
        {said}
        {at && (
          <p class="answer-line">
            At your α gradient descent <OutcomeTag outcome={at} />
          </p>
        )}
        <p class="muted">Guesses from α*/√10 up to just below α* score: the closer, the more.</p>
      </>
    );
  } else if (truth.type === 'fastest' && task.type === 'fastest') {
    const winner = truth.winner === null ? -1 : task.alphas.indexOf(truth.winner);
    body = (
      <>
        <p class="answer-line">
          {winner < 0 ? (
            'No single fastest α: nobody scores, and streaks stay as they were.'
          ) : (
            <>
              Fastest: <OptionMark index={winner} /> <strong>α = {formatAlpha(task.alphas[winner]!)}</strong>
            </>
          )}
        </p>
        <ul class="race-list">
          {task.alphas.map((a, i) => (
            <li key={a} class={i === winner ? 'race-winner' : ''}>
              <OptionMark index={i} />
              <span>α = {formatAlpha(a)}</span>
              <span>
                {steps(truth.iterations[i] ?? null)}
                {i === winner && ' ✓'}
                {a === answer && ' (you)'}
              </span>
            </li>
          ))}
        </ul>
        {said}
      </>
    );
  }
  const run = plot && runOf(plot.scenario, `${phase.round}:${plot.scenario.alpha}`);
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
      {body}
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
      {plot && run && (
        <Sized class="phone-plot">
          {(w, h, em, uid) => (
            <ScenarioPlot
              scenario={plot.scenario}
              steps={run.steps}
              outcome={plot.outcome}
              width={w}
              height={h}
              em={em}
              uid={uid}
              compact
            />
          )}
        </Sized>
      )}
      {truth.type === 'predict' && (
        <p class="explanation">
          <MathText text={truth.explanation} />
        </p>
      )}
    </section>
  );
}
