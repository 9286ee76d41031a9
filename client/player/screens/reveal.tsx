import { Component, type ComponentChildren } from 'preact';
import { formatNumber } from '../../../shared/engine/format';
import { isHalfTargetGuess } from '../../../shared/engine/half-target';
import type { Problem } from '../../../shared/engine/round-kinds';
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
import { playerRevealSteps, revealAnimationMs } from '../../ui/reveal-timing';
import { formatAlpha } from '../../ui/scenario-text';
import { extras, loadExtras } from '../explorer/load';

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
  /** Where the α explorer starts: this round's cost and start, at this α; null for none. */
  explore: { problem: Problem; alpha: number } | null;
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
    explore: { problem: task.scenario, alpha: task.scenario.alpha },
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
          {typeof answer === 'number' && isHalfTargetGuess(answer, verdict.target) && (
            <p class="misconception">
              Your α is near α*/2 = {formatNumber(Number((verdict.target / 2).toPrecision(3)))}: α*/2 is where
              overshooting starts, not where it stops converging. Between α*/2 and α* the steps zig-zag in.
            </p>
          )}
          <p class="muted">
            Guesses from α*/√10 up to just below α* score, the closer the more; none near α*/2.
          </p>
        </>
      ),
      explanation: null,
      explore: { problem: task.problem, alpha: typeof answer === 'number' ? answer : verdict.target * 0.9 },
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
      explore: null,
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

/**
 * Shows `waiting` until server time `until`, then `children`. A class, not hooks: the player page
 * leaves preact/hooks out of its first load (ui/cell.ts). A phone that arrives after `until` (a
 * reconnect, a woken screen) shows `children` at once.
 */
class Hold extends Component<{
  until: number;
  now: () => number;
  waiting: ComponentChildren;
  children: ComponentChildren;
}> {
  override state = { open: this.props.now() >= this.props.until };
  private timer: ReturnType<typeof setTimeout> | undefined;
  override componentDidMount() {
    if (!this.state.open)
      this.timer = setTimeout(() => this.setState({ open: true }), this.props.until - this.props.now());
  }
  override componentWillUnmount() {
    clearTimeout(this.timer);
  }
  override render() {
    return this.state.open ? this.props.children : this.props.waiting;
  }
}

export function RevealScreen({
  view,
  phase,
  now,
}: {
  view: PlayerView;
  phase: PlayerRevealPhase;
  /** Server time, ms (the model's serverNow). */
  now: () => number;
}) {
  loadExtras();
  const until = phase.closedAt + revealAnimationMs(phase.type, playerRevealSteps(phase));
  const bar = (
    <header class="bar">
      <span>
        Question {phase.round + 1} of {view.roundCount}
      </span>
      <span>{points(view.me.score)} pts</span>
    </header>
  );
  return (
    <Hold
      until={until}
      now={now}
      waiting={
        <section class="reveal reveal-hold">
          {bar}
          <div class="hold" role="status">
            <p class="hold-title">Watch the screen</p>
            <p>The run is playing on the projector. Your result appears here when it ends.</p>
          </div>
          {said(phase.answer)}
        </section>
      }
    >
      <Result view={view} phase={phase} bar={bar} />
    </Hold>
  );
}

function said(answer: PlayerRevealPhase['answer']) {
  return (
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
}

function Result({
  view,
  phase,
  bar,
}: {
  view: PlayerView;
  phase: PlayerRevealPhase;
  bar: ComponentChildren;
}) {
  const { answer } = phase;
  const verdict = !phase.scored ? 'void' : phase.correct ? 'right' : answer !== null ? 'wrong' : 'missed';
  const { plot, body, explanation, explore } = verdictParts(phase, said(answer));
  const loaded = extras.value;
  const run = plot && !loaded && runOf(plot.scenario, `${phase.round}:${plot.scenario.alpha}`);
  return (
    <section class="reveal">
      {bar}
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
      {explanation !== null && (
        <p class="explanation">
          <MathText text={explanation} />
        </p>
      )}
      {plot && loaded && <loaded.RevealPlots scenario={plot.scenario} outcome={plot.outcome} />}
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
      {explore && loaded && (
        <loaded.Explorer key={phase.round} problem={explore.problem} alpha={explore.alpha} />
      )}
    </section>
  );
}
