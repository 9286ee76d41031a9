// What a phone loads after its first reveal, as its own chunk (a dynamic import in
// ../screens/reveal.tsx): the reveal's distance and steep-component plots, and the α explorer, all
// computed here by the shared engine. The first load of the page stays within its 30 KB budget
// (test/browser/bundle-size.test.ts), which has no room for them.
import { useMemo, useState } from 'preact/hooks';
import { quadraticFormOf } from '../../../shared/engine/cost-model';
import { formatNumber } from '../../../shared/engine/format';
import { revealSteps } from '../../../shared/engine/pace';
import type { Problem } from '../../../shared/engine/round-kinds';
import {
  DEFAULT_MAX_STEPS,
  outcomeOfRatio,
  quadraticRatioLabel,
  RATIO_LABELS,
  type Run,
  runQuadraticForm,
  runQuartic,
  snapRatio,
} from '../../../shared/engine/trajectory';
import type { Outcome, Scenario } from '../../../shared/engine/types';
import { phoneReveal } from '../../../shared/i18n/en/phone-reveal';
import { OUTCOME_LABELS } from '../../../shared/kinds/outcomes';
import { DistancePlot } from '../../plots/distance-plot';
import { ScenarioPlot } from '../../plots/scenario-plot';
import { Sized } from '../../plots/sized';
import { OutcomeTag } from '../../ui/answers';
import { MathText } from '../../ui/math-text';
import { formatAlpha } from '../../ui/scenario-text';
import { ComponentPlot } from './component-plot';

/** What the phone draws and says of one α: the run, and the number that decides it. */
interface Explored extends Run {
  outcome: Outcome;
  /** r = α·λ_max, or s = α(θ₀² + b) for the quartic. */
  ratio: number;
  ratioLabel: string;
  /** λ_max (for the quartic, θ₀² + b): α·this = 2 is the edge. */
  curvature: number;
}

/**
 * simulate()'s verdict without simulate(): the same rules on the same run functions (r = α·λ_max
 * for the quadratic kinds, s = α(θ₀² + b) for the quartic, snapped at 1 and 2), but without its
 * explanations, which would pull the whole sentence builder into the chunk.
 */
function explore(scenario: Scenario): Explored {
  const { cost, alpha } = scenario;
  if (cost.kind === 'quartic') {
    const theta0 = scenario.start[0] ?? 0;
    const curvature = theta0 * theta0 + cost.b;
    const ratio = snapRatio(alpha * curvature);
    const run = runQuartic(scenario, cost, DEFAULT_MAX_STEPS);
    const outcome = theta0 === 0 ? 'converges' : outcomeOfRatio(ratio);
    return { ...run, outcome, ratio, ratioLabel: RATIO_LABELS.quartic, curvature };
  }
  const form = quadraticFormOf(cost);
  if (!form) throw new RangeError('explore: unknown cost kind');
  const curvature = form.values[form.values.length - 1] ?? Number.NaN;
  const ratio = snapRatio(alpha * curvature);
  // As many steps as the projector's reveal draws: a slow run shows its approach, not a flat line.
  const run = runQuadraticForm(scenario, form, revealSteps(scenario));
  return {
    ...run,
    outcome: outcomeOfRatio(ratio),
    ratio,
    ratioLabel: quadraticRatioLabel(form.dimension),
    curvature,
  };
}

/** "r" for the quadratic kinds (α·λ_max), "s" for the quartic (α(θ₀² + b), from this start). */
const symbolOf = (scenario: Scenario) => (scenario.cost.kind === 'quartic' ? 's' : 'r');

/** The eigenvector of λ_max and the minimum of a 2-D quadratic form; null in 1-D and for the quartic. */
function steepDirection(scenario: Scenario): { direction: number[]; minimum: number[] } | null {
  const form = quadraticFormOf(scenario.cost);
  if (form?.dimension !== 2) return null;
  const direction = form.vectors[form.vectors.length - 1];
  return direction ? { direction, minimum: form.minimum } : null;
}

/** What the factor 1 − r does to the steep component, step after step. */
function acrossText(factor: number): string {
  if (factor === 0) return phoneReveal.landsOnFloor;
  if (factor > 0) return phoneReveal.keepsSign;
  if (factor > -1) return phoneReveal.zigzag;
  if (factor === -1) return phoneReveal.bounces;
  return phoneReveal.grows;
}

function Plots({
  scenario,
  sim,
  outcome,
  id,
}: {
  scenario: Scenario;
  /** explore(scenario), which the explorer has already worked out for its readout. */
  sim: Explored;
  outcome: Outcome;
  id: string;
}) {
  const steep = steepDirection(scenario);
  const factor = 1 - sim.ratio;
  return (
    <>
      <Sized class="phone-plot">
        {(w, h, em, uid) => (
          <ScenarioPlot
            scenario={scenario}
            steps={sim.steps}
            outcome={outcome}
            width={w}
            height={h}
            em={em}
            uid={uid}
            compact
          />
        )}
      </Sized>
      <figure class="phone-figure">
        <figcaption id={`${id}-distance`}>{phoneReveal.distanceCaption}</figcaption>
        <Sized class="phone-side-plot">
          {(w, h, em) => (
            <DistancePlot distances={sim.distances} outcome={outcome} width={w} height={h} em={em} />
          )}
        </Sized>
      </figure>
      {steep && (
        <figure class="phone-figure">
          <figcaption>
            <MathText
              text={phoneReveal.across(formatNumber(sim.curvature), formatNumber(factor), acrossText(factor))}
            />
          </figcaption>
          <Sized class="phone-side-plot">
            {(w, h, em) => (
              <ComponentPlot
                steps={sim.steps}
                minimum={steep.minimum}
                direction={steep.direction}
                outcome={outcome}
                width={w}
                height={h}
                em={em}
              />
            )}
          </Sized>
        </figure>
      )}
    </>
  );
}

/**
 * The reveal's plots on a phone: the run, its distance and, in 2-D, its steep component, which reads
 * at 390 px where the run itself is a smudge (the lecture's zig-zag is 6 % of the start distance);
 * the projector's zoom inset would cover half of a plot this small.
 */
export function RevealPlots({ scenario, outcome }: { scenario: Scenario; outcome: Outcome }) {
  return (
    <div class="reveal-plots">
      <Plots scenario={scenario} sim={explore(scenario)} outcome={outcome} id="reveal" />
    </div>
  );
}

/** Slider positions over the α range, on a log scale. */
const STOPS = 1000;
/** The slider runs from r = 0.1 to r = 3.2: both boundaries, r = 1 and r = 2, well inside. */
const R_LOW = 0.1;
const R_HIGH = 3.2;

/**
 * The α explorer: the same cost and start, a log-scale α slider with the two boundaries marked, the
 * run and its distance redrawn as the student drags, the regime and r = α·λ_max (s for the quartic)
 * shown live. `alpha` is the round's α, where the slider starts.
 */
export function Explorer({ problem, alpha }: { problem: Problem; alpha: number }) {
  // α at r = 2, i.e. 2/λ_max (2/(θ₀² + b) for the quartic): every α is read against it.
  const edge = useMemo(() => 2 / explore({ ...problem, alpha }).curvature, [problem, alpha]);
  const min = Math.min(alpha / 1.5, (edge * R_LOW) / 2);
  const max = Math.max(alpha * 1.5, (edge * R_HIGH) / 2);
  const span = Math.log(max / min);
  const stopOf = (a: number) => Math.round((STOPS * Math.log(a / min)) / span);
  const alphaAt = (stop: number) => Number((min * Math.exp((span * stop) / STOPS)).toPrecision(3));
  const [picked, setPicked] = useState(alpha);
  const scenario: Scenario = { ...problem, alpha: picked };
  const sim = explore(scenario);
  const symbol = symbolOf(scenario);
  const ratio = `${symbol} = ${sim.ratioLabel} = ${formatNumber(sim.ratio, 3)}`;
  const marks = [
    { r: 1, text: `${symbol} = 1` },
    { r: 2, text: `${symbol} = 2` },
  ];
  return (
    <section class="explorer" aria-labelledby="explorer-title">
      <h2 id="explorer-title">{phoneReveal.tryTitle}</h2>
      <p class="muted">{phoneReveal.tryLead}</p>
      <p class="explorer-readout">
        <strong>
          α = <MathText text={formatAlpha(picked)} />
        </strong>
        <span>
          <MathText text={ratio} />
        </span>
        <span class="explorer-regime" aria-live="polite">
          <OutcomeTag outcome={sim.outcome} />
        </span>
      </p>
      <input
        type="range"
        class="explorer-slider"
        min={0}
        max={STOPS}
        value={stopOf(picked)}
        aria-label={phoneReveal.tryLabel}
        aria-valuetext={`α = ${formatAlpha(picked)}, ${ratio}: ${OUTCOME_LABELS[sim.outcome]}`}
        onInput={(e) => setPicked(alphaAt(Number(e.currentTarget.value)))}
      />
      {/* Under the slider, where its thumb (about 16 px wide, so inset 8 px at each end) stands at r = 1 and r = 2. */}
      <div class="explorer-marks" aria-hidden="true">
        {marks.map((m) => {
          const at = stopOf((edge * m.r) / 2) / STOPS;
          // In the right half the label goes left of its line, so it never runs off a narrow phone.
          return (
            <span
              key={m.r}
              class={at > 0.5 ? 'explorer-mark explorer-mark-end' : 'explorer-mark'}
              style={{ left: `calc(8px + (100% - 16px) * ${at})` }}
            >
              <MathText text={m.text} />
            </span>
          );
        })}
      </div>
      <p class="explorer-legend muted">
        <MathText text={phoneReveal.legend(symbol, formatNumber(edge / 2, 3), formatNumber(edge, 3))} />
      </p>
      <Plots scenario={scenario} sim={sim} outcome={sim.outcome} id="explorer" />
    </section>
  );
}
