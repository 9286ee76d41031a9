// The phone's reveal, loaded after the first reveal as its own chunk with the α explorer
// (./reveal-hold.tsx loads it through ../explorer/load.ts): the page's first load has no room for
// it within its 30 KB budget, and the reveal waits for the projector's run anyway.
import type { ComponentChildren } from 'preact';
import { formatNumber } from '../../../shared/engine/format';
import { isHalfTargetGuess } from '../../../shared/engine/half-target';
import type { Problem } from '../../../shared/engine/round-kinds';
import type { Outcome, Scenario } from '../../../shared/engine/types';
import { CONFIDENCE_LABELS, type Confidence } from '../../../shared/protocol/confidence';
import type { RoundType } from '../../../shared/protocol/schemas';
import type { PlayerRevealPhase, PlayerRevealPhaseOf, PlayerView } from '../../../shared/protocol/views';
import { OutcomeTag } from '../../ui/answers';
import { ordinal, points } from '../../ui/format';
import { MathText } from '../../ui/math-text';
import { OptionMark } from '../../ui/options';
import { playerRevealSteps, revealAnimationMs } from '../../ui/reveal-timing';
import { formatAlpha } from '../../ui/scenario-text';
import { Explorer, RevealPlots } from '../explorer';

// The "largest α" form rides in this chunk: see ./question.tsx, LazyMaxAlphaForm.
export { MaxAlphaForm } from './max-alpha-form';
export { PodiumScreen } from './podium';
export { SecondVote, VotedScreen } from './voted';

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

export function said(answer: PlayerRevealPhase['answer']) {
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

/**
 * Server time, ms, until which the phone holds its result: when the projector's run has ended. With
 * a margin for the projector, whose view arrives a little after the close and whose step timers run
 * late on a busy laptop (about 10 % over a 7 s run in the browser tests, on two shared cores).
 */
export function holdUntil(phase: PlayerRevealPhase): number {
  const ms = revealAnimationMs(phase.type, playerRevealSteps(phase));
  return phase.closedAt + (ms > 0 ? ms * 1.1 + 500 : 0);
}

/** A student's result: verdict, points, the lesson's words, the plots and the α explorer. */
export function Result({
  view,
  phase,
  bar,
  pointsOnly = false,
}: {
  view: PlayerView;
  phase: PlayerRevealPhase;
  bar: ComponentChildren;
  /**
   * Homework shows each round's points but no streak, total or rank: a student alone has no rank,
   * and a list of every round's reveal at the end would repeat the final total beside each.
   */
  pointsOnly?: boolean;
}) {
  const { answer } = phase;
  const verdict = !phase.scored ? 'void' : phase.correct ? 'right' : answer !== null ? 'wrong' : 'missed';
  const { plot, body, explanation, explore } = verdictParts(phase, said(answer));
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
      {phase.confidence && phase.scored && answer !== null && (
        <ConfidenceNote level={phase.confidence} correct={phase.correct} />
      )}
      {body}
      <dl class="stats">
        <div>
          <dt>Points</dt>
          <dd>
            {phase.points < 0 ? points(phase.points) : `+${points(phase.points)}`}
            {phase.streakBonus > 0 && <span class="muted"> (streak bonus +{phase.streakBonus})</span>}
          </dd>
        </div>
        {!pointsOnly && (
          <>
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
          </>
        )}
      </dl>
      {explanation !== null && (
        <p class="explanation">
          <MathText text={explanation} />
        </p>
      )}
      {plot && <RevealPlots scenario={plot.scenario} outcome={plot.outcome} />}
      {explore &&
        (phase.thresholdsHeldFor === null ? (
          <Explorer key={phase.round} problem={explore.problem} alpha={explore.alpha} />
        ) : (
          // Sliding α would find where this cost diverges: a later round's answer.
          <p class="muted explorer-held">
            Round {phase.thresholdsHeldFor + 1} asks about this cost: you can try α yourself after it.
          </p>
        ))}
    </section>
  );
}

/**
 * C1: what the level says about the answer, in the four cases. Sure or fairly sure and wrong is the
 * one worth stopping at: a confident error, once its reason is seen, is the one remembered best
 * (hypercorrection).
 */
const CONFIDENCE_NOTES: Record<'sure' | 'unsure', Record<'right' | 'wrong', string>> = {
  sure: {
    right: 'You knew it, and said so: that pays the most.',
    wrong:
      'The most useful surprise: look at why. A mistake you were sure of is the one you remember best once you see its reason.',
  },
  unsure: {
    right: 'Right, though you were not sure: go over why, so that next time you can be.',
    wrong: 'You were not sure, and saying so cost you little. See below what decides it.',
  },
};

export function ConfidenceNote({ level, correct }: { level: Confidence; correct: boolean }) {
  const side = level === 'guessing' ? 'unsure' : 'sure';
  const outcome = correct ? 'right' : 'wrong';
  return (
    <p class={`confidence-note confidence-note-${side}-${outcome}`}>
      <strong>
        {CONFIDENCE_LABELS[level]} and {outcome}.
      </strong>{' '}
      {CONFIDENCE_NOTES[side][outcome]}
    </p>
  );
}
