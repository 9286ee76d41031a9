// The phone's reveal, loaded after the first reveal as its own chunk with the α explorer
// (./reveal-hold.tsx loads it through ../explorer/load.ts): the page's first load has no room for
// it within its 30 KB budget, and the reveal waits for the projector's run anyway.
import type { ComponentChildren } from 'preact';
import { formatNumber } from '../../../shared/engine/format';
import { isHalfTargetGuess } from '../../../shared/engine/half-target';
import type { Problem } from '../../../shared/engine/round-kinds';
import type { Outcome, Scenario } from '../../../shared/engine/types';
import { phoneReveal } from '../../../shared/i18n/en/phone-reveal';
import { CONFIDENCE_LABELS, type Confidence } from '../../../shared/protocol/confidence';
import type { RoundType } from '../../../shared/protocol/schemas';
import type { PlayerRevealPhase, PlayerRevealPhaseOf, PlayerView } from '../../../shared/protocol/views';
import { OutcomeTag } from '../../ui/answers';
import { explainText } from '../../ui/explain';
import { ordinal, points } from '../../ui/format';
import { MathText } from '../../ui/math-text';
import { OptionMark } from '../../ui/options';
import { playerRevealSteps, revealAnimationMs } from '../../ui/reveal-timing';
import { formatAlpha } from '../../ui/scenario-text';
import { Explorer, RevealPlots } from '../explorer';

export { ConfidencePicker } from './confidence-picker';
export { LeaderboardScreen } from './leaderboard';
// The "largest α" form rides in this chunk: see ./question.tsx, LazyMaxAlphaForm.
export { MaxAlphaForm } from './max-alpha-form';
export { PodiumScreen } from './podium';
export { SecondVote, VotedScreen } from './voted';

/** Iterations arrive as null for "never" (JSON has no Infinity). */
const steps = (n: number | null): string =>
  n === null || !Number.isFinite(n) ? phoneReveal.never : phoneReveal.steps(n);

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
          {phoneReveal.theAnswer} <OutcomeTag outcome={verdict.outcome} />
        </p>
        {!scored && <p>{phoneReveal.voidPredict}</p>}
        {said}
      </>
    ),
    explanation: explainText(verdict.explanation),
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
            {phoneReveal.justBelow} <strong>α* = {formatAlpha(Number(verdict.target.toPrecision(3)))}</strong>
          </p>
          {said}
          {at && (
            <p class="answer-line">
              {phoneReveal.atYourAlpha} <OutcomeTag outcome={at} />
            </p>
          )}
          {typeof answer === 'number' && isHalfTargetGuess(answer, verdict.target) && (
            <p class="misconception">
              {phoneReveal.halfTarget(formatNumber(Number((verdict.target / 2).toPrecision(3))))}
            </p>
          )}
          <p class="muted">{phoneReveal.maxAlphaScoring}</p>
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
              phoneReveal.noFastest
            ) : (
              <>
                {phoneReveal.fastest} <OptionMark index={winner} />{' '}
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
                  {a === answer && phoneReveal.you}
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
      {phoneReveal.youSaid}{' '}
      {answer === null ? (
        <strong>{phoneReveal.nothing}</strong>
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
        <span>{phoneReveal[verdict]}</span>
      </div>
      {phase.confidence && phase.scored && answer !== null && (
        <ConfidenceNote level={phase.confidence} correct={phase.correct} />
      )}
      {body}
      <dl class="stats">
        <div>
          <dt>{phoneReveal.points}</dt>
          <dd>
            {phase.points < 0 ? points(phase.points) : `+${points(phase.points)}`}
            {phase.streakBonus > 0 && <span class="muted">{phoneReveal.streakBonus(phase.streakBonus)}</span>}
          </dd>
        </div>
        {!pointsOnly && (
          <>
            <div>
              <dt>{phoneReveal.streak}</dt>
              <dd>
                {view.me.streak === 0
                  ? phoneReveal.noStreak
                  : view.me.streak === 1
                    ? phoneReveal.oneRight
                    : phoneReveal.inARow(view.me.streak)}
              </dd>
            </div>
            <div>
              <dt>{phoneReveal.total}</dt>
              <dd>{points(view.me.score)}</dd>
            </div>
            <div>
              <dt>{phoneReveal.rank}</dt>
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
          <p class="muted explorer-held">{phoneReveal.heldFor(phase.thresholdsHeldFor + 1)}</p>
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
  sure: { right: phoneReveal.sureRight, wrong: phoneReveal.sureWrong },
  unsure: { right: phoneReveal.unsureRight, wrong: phoneReveal.unsureWrong },
};

export function ConfidenceNote({ level, correct }: { level: Confidence; correct: boolean }) {
  const side = level === 'guessing' ? 'unsure' : 'sure';
  const outcome = correct ? 'right' : 'wrong';
  return (
    <p class={`confidence-note confidence-note-${side}-${outcome}`}>
      <strong>{phoneReveal.levelAnd(CONFIDENCE_LABELS[level], correct)}</strong>{' '}
      {CONFIDENCE_NOTES[side][outcome]}
    </p>
  );
}
