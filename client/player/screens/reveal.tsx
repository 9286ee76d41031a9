import type { ComponentChildren } from 'preact';
import { type Run, trajectoryOfChecked } from '../../../shared/engine/trajectory';
import type { Outcome, Scenario } from '../../../shared/engine/types';
import type { RoundType } from '../../../shared/protocol/schemas';
import type { PlayerRevealPhase, PlayerRevealPhaseOf, PlayerView } from '../../../shared/protocol/views';
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

/** Iterations arrive as null for "never" (JSON has no Infinity). */
const steps = (n: number | null): string =>
  n === null || !Number.isFinite(n) ? 'never gets there' : n === 1 ? '1 step' : `${n} steps`;

/** A student's reveal of a round of one kind: what the round was, and what the plot draws. */
interface VerdictParts {
  /** The round's run, or for a guess of α*, the run at the student's own α; null for no plot. */
  plot: { scenario: Scenario; outcome: Outcome } | null;
  body: ComponentChildren;
  /** The lesson's words on why, under the plot. */
  explanation: string | null;
}

/** The phone's verdict for each kind of round: one line per kind. `said` is "You said: …". */
export const REVEAL_VERDICTS: {
  [T in RoundType]: (phase: PlayerRevealPhaseOf<T>, said: ComponentChildren) => VerdictParts;
} = {
  predict: ({ task, verdict, scored }, said) => ({
    plot: { scenario: task.scenario, outcome: verdict.outcome },
    body: (
      <>
        <p class="answer-line">
          The answer: <OutcomeTag outcome={verdict.outcome} />
        </p>
        {!scored && <p>Bounces for ever — nobody could win this one, and streaks stay as they were.</p>}
        {said}
      </>
    ),
    explanation: verdict.explanation,
  }),
  'max-alpha': ({ task, verdict, answer }, said) => {
    const at = verdict.outcomeAtGuess;
    return {
      plot:
        typeof answer === 'number' && at
          ? { scenario: { ...task.problem, alpha: answer }, outcome: at }
          : null,
      body: (
        <>
          <p class="answer-line">
            The answer: just below <strong>α* = {formatAlpha(Number(verdict.target.toPrecision(3)))}</strong>
          </p>
          {said}
          {at && (
            <p class="answer-line">
              At your α gradient descent <OutcomeTag outcome={at} />
            </p>
          )}
          <p class="muted">Guesses from α*/√10 up to just below α* score: the closer, the more.</p>
        </>
      ),
      explanation: null,
    };
  },
  fastest: ({ task, verdict, answer }, said) => {
    const winner = verdict.winner === null ? -1 : task.alphas.indexOf(verdict.winner);
    return {
      plot: null,
      body: (
        <>
          <p class="answer-line">
            {winner < 0 ? (
              'No single fastest α: nobody scores, and streaks stay as they were.'
            ) : (
              <>
                Fastest: <OptionMark index={winner} />{' '}
                <strong>α = {formatAlpha(task.alphas[winner] ?? Number.NaN)}</strong>
              </>
            )}
          </p>
          <ul class="race-list">
            {task.alphas.map((a, i) => (
              <li key={a} class={i === winner ? 'race-winner' : ''}>
                <OptionMark index={i} />
                <span>α = {formatAlpha(a)}</span>
                <span>
                  {steps(verdict.iterations[i] ?? null)}
                  {i === winner && ' ✓'}
                  {a === answer && ' (you)'}
                </span>
              </li>
            ))}
          </ul>
          {said}
        </>
      ),
      explanation: null,
    };
  },
};

function verdictParts<T extends RoundType>(
  phase: PlayerRevealPhaseOf<T>,
  said: ComponentChildren,
): VerdictParts {
  const parts: (phase: PlayerRevealPhaseOf<T>, said: ComponentChildren) => VerdictParts =
    REVEAL_VERDICTS[phase.type];
  return parts(phase, said);
}

export function RevealScreen({ view, phase }: { view: PlayerView; phase: PlayerRevealPhase }) {
  const { answer } = phase;
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
  const { plot, body, explanation } = verdictParts(phase, said);
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
      {explanation !== null && (
        <p class="explanation">
          <MathText text={explanation} />
        </p>
      )}
    </section>
  );
}
