import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { formatNumber } from '../../../shared/engine/format';
import type { Outcome } from '../../../shared/engine/types';
import { projector } from '../../../shared/i18n/en/projector';
import type { RoundType } from '../../../shared/protocol/schemas';
import type { Distribution, HostRevealPhaseOf } from '../../../shared/protocol/views';
import { AnswerBars, largestCount } from '../../plots/answer-bars';
import { zoomOverlay } from '../../plots/contour-zoom';
import { DistancePlot } from '../../plots/distance-plot';
import { ScenarioPlot } from '../../plots/scenario-plot';
import { Sized } from '../../plots/sized';
import { OutcomeTag } from '../../ui/answers';
import { explainText } from '../../ui/explain';
import { MathText } from '../../ui/math-text';
import { reducedMotion } from '../../ui/motion';
import { predictPaceMs } from '../../ui/reveal-timing';
import { curvatureText, formatAlpha } from '../../ui/scenario-text';
import { useStepAnimation } from '../../ui/use-step-animation';
import { heldForText } from '../parts/round-text';
import { StepControls } from '../parts/step-controls';
import { FastestReveal } from './fastest-reveal';
import { MaxAlphaReveal } from './max-alpha-reveal';

/** The projector's reveal of each kind of round: one line per kind. */
export const REVEAL_SCREENS: { [T in RoundType]: (props: { phase: HostRevealPhaseOf<T> }) => JSX.Element } = {
  predict: PredictReveal,
  'max-alpha': MaxAlphaReveal,
  fastest: FastestReveal,
};

export function RevealScreen<T extends RoundType>({ phase }: { phase: HostRevealPhaseOf<T> }) {
  const Screen: (props: { phase: HostRevealPhaseOf<T> }) => JSX.Element = REVEAL_SCREENS[phase.type];
  return <Screen phase={phase} />;
}

function PredictReveal({ phase }: { phase: HostRevealPhaseOf<'predict'> }) {
  const { scenario } = phase.task;
  const { detail } = phase;
  const sim = detail.simulation;
  const last = sim.steps.length - 1;
  const pace = useMemo(() => predictPaceMs(last), [last]);
  const animation = useStepAnimation(last, reducedMotion.value, pace);
  const { thresholds } = sim;
  // The number α multiplies, when the formula hides it: the sentence above uses it.
  const curvature = curvatureText(scenario.cost);
  return (
    <section class={phase.firstVote ? 'reveal reveal-predict reveal-twice' : 'reveal reveal-predict'}>
      <div class="verdict-row">
        <div class="verdict-left">
          <OutcomeTag outcome={sim.outcome} class="huge-tag" />
          {phase.firstVote ? (
            <BeforeAfter
              before={phase.firstVote}
              after={detail.distribution}
              outcome={sim.outcome}
              correct={phase.correct}
              total={phase.total}
            />
          ) : (
            <figure class="side-figure class-figure">
              <figcaption>{projector.theClass(phase.correct, phase.total)}</figcaption>
              <Sized class="side-plot bars-plot">
                {(w, h, em) => (
                  <AnswerBars
                    distribution={detail.distribution}
                    outcome={sim.outcome}
                    width={w}
                    height={h}
                    em={em}
                  />
                )}
              </Sized>
            </figure>
          )}
        </div>
        <div class="verdict-text">
          <p class="explanation">
            <MathText text={explainText(sim.explanation)} />
          </p>
          <p class="thresholds">
            {curvature && <MathText text={`${curvature}. `} />}
            {phase.thresholdsHeldFor === null
              ? projector.thresholds(
                  formatAlpha(scenario.alpha),
                  formatNumber(thresholds.zigzagFrom),
                  formatNumber(thresholds.divergeFrom),
                  scenario.cost.kind === 'quartic',
                )
              : heldForText(phase.thresholdsHeldFor)}
          </p>
          {!phase.scored && <p class="void">{projector.voidPredict}</p>}
        </div>
      </div>
      <div class="reveal-grid">
        <figure class="reveal-run">
          <Sized class="big-plot" data-shown={animation.shown} data-total={last}>
            {(w, h, em, uid) => (
              <ScenarioPlot
                scenario={scenario}
                steps={sim.steps}
                shown={animation.shown}
                outcome={sim.outcome}
                width={w}
                height={h}
                em={em}
                uid={uid}
                overlay={zoomOverlay}
              />
            )}
          </Sized>
          <figcaption class="run-caption">
            <StepControls animation={animation} last={last} />
          </figcaption>
        </figure>
        <figure class="side-figure distance-figure">
          <figcaption>
            {projector.distance} <span class="figure-note">{projector.distanceNote}</span>
          </figcaption>
          <Sized class="side-plot">
            {(w, h, em) => (
              <DistancePlot
                distances={sim.distances}
                shown={animation.shown}
                outcome={sim.outcome}
                width={w}
                height={h}
                em={em}
              />
            )}
          </Sized>
        </figure>
      </div>
    </section>
  );
}

/**
 * PI5: the first vote beside the vote that scored, on one scale, the right answer marked on both; the
 * rows line up, so the labels are written once.
 */
function BeforeAfter(props: {
  before: Distribution;
  after: Distribution;
  outcome: Outcome;
  correct: number;
  total: number;
}) {
  const { before, after, outcome } = props;
  const scale = largestCount(before, after);
  return (
    <figure class="side-figure class-figure">
      <figcaption>
        {projector.theClass(props.correct, props.total)}{' '}
        <span class="figure-note">{projector.rightMark}</span>
      </figcaption>
      <div class="before-after">
        <div class="before-after-part">
          <p class="before-after-head">{projector.before}</p>
          <Sized class="side-plot bars-plot">
            {(w, h, em) => (
              <AnswerBars
                distribution={before}
                outcome={outcome}
                compact
                scale={scale}
                width={w}
                height={h}
                em={em}
              />
            )}
          </Sized>
        </div>
        <div class="before-after-part">
          <p class="before-after-head">{projector.after}</p>
          <Sized class="side-plot bars-plot">
            {(w, h, em) => (
              <AnswerBars
                distribution={after}
                outcome={outcome}
                labels={false}
                compact
                scale={scale}
                width={w}
                height={h}
                em={em}
              />
            )}
          </Sized>
        </div>
      </div>
    </figure>
  );
}
