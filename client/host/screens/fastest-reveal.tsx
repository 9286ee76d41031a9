// The reveal of a "which α is fastest?" round: the race. Every option's run side by side on the same
// frame, stepping in lock-step with one iteration counter, beside the distance per iteration on a
// log scale with the finish line at 1/1000, and the class's picks per option.
import { useMemo } from 'preact/hooks';
import { projector } from '../../../shared/i18n/en/projector';
import type { HostRevealPhaseOf } from '../../../shared/protocol/views';
import { RacePlot } from '../../plots/race-plot';
import { ScenarioPlot } from '../../plots/scenario-plot';
import { Sized } from '../../plots/sized';
import { AnswerIcon } from '../../ui/answers';
import { MathText } from '../../ui/math-text';
import { reducedMotion } from '../../ui/motion';
import { OptionMark } from '../../ui/options';
import { racePaceMs } from '../../ui/reveal-timing';
import { formatAlpha } from '../../ui/scenario-text';
import { useStepAnimation } from '../../ui/use-step-animation';
import { bestAlphaText, finishText, heldForText } from '../parts/round-text';
import { StepControls } from '../parts/step-controls';

export function FastestReveal({ phase }: { phase: HostRevealPhaseOf<'fastest'> }) {
  const { task, detail } = phase;
  const { race, simulations, counts } = detail;
  const winner = race.winner;
  const last = Math.max(1, ...simulations.map((s) => s.steps.length - 1));
  const pace = useMemo(() => racePaceMs(last), [last]);
  const animation = useStepAnimation(last, reducedMotion.value, pace);
  const ranked = race.iterations
    .map((n, i) => [n === null || !Number.isFinite(n) ? Number.POSITIVE_INFINITY : n, i] as const)
    .sort((a, b) => a[0] - b[0]);
  const second = ranked[1];
  const best = bestAlphaText(task.problem, simulations[0]);
  return (
    <section class="reveal reveal-fastest">
      <div class="verdict-row">
        {winner === null ? (
          <span class="huge-tag winner-tag">{projector.noWinner}</span>
        ) : (
          <span class="huge-tag winner-tag">
            <OptionMark index={winner} /> α = <MathText text={formatAlpha(task.alphas[winner]!)} />
          </span>
        )}
        <div class="verdict-text">
          <p class="explanation">
            {winner === null
              ? projector.tie
              : projector.winnerFinish(
                  finishText(race.iterations[winner]),
                  second && Number.isFinite(second[0])
                    ? { alpha: formatAlpha(task.alphas[second[1]]!), finish: finishText(second[0]) }
                    : null,
                )}
          </p>
          {winner !== null && simulations[winner]?.outcome === 'zigzag' && (
            // The course says a zig-zag needs more steps; this race shows otherwise, so say it.
            <p class="thresholds zigzag-winner">{projector.zigzagWinner}</p>
          )}
          {phase.thresholdsHeldFor !== null ? (
            <p class="thresholds">{heldForText(phase.thresholdsHeldFor)}</p>
          ) : (
            best && (
              <p class="thresholds">
                <MathText text={best} />
              </p>
            )
          )}
        </div>
      </div>
      <div class="race-grid">
        <figure class="race-figure">
          <figcaption>{projector.distance}</figcaption>
          <Sized class="race-plot-box" data-shown={animation.shown} data-total={last}>
            {(w, h, em, uid) => (
              <RacePlot
                distances={simulations.map((s) => s.distances)}
                iterations={race.iterations}
                winner={winner}
                shown={animation.shown}
                width={w}
                height={h}
                em={em}
                uid={uid}
              />
            )}
          </Sized>
        </figure>
        <div class="multiples">
          {simulations.map((sim, i) => (
            <figure key={i} class={i === winner ? 'multiple multiple-winner' : 'multiple'}>
              <figcaption>
                <OptionMark index={i} class="mark-small" />
                <span class="multiple-alpha">{formatAlpha(task.alphas[i]!)}</span>
                <AnswerIcon outcome={sim.outcome} class={`answer-icon ink-${sim.outcome}`} />
                <span class="multiple-finish">
                  {finishText(race.iterations[i])}
                  {i === winner && ' ✓'}
                </span>
              </figcaption>
              <Sized class="multiple-plot" data-option={i}>
                {(w, h, em, uid) => (
                  <ScenarioPlot
                    scenario={{ ...task.problem, alpha: task.alphas[i]! }}
                    steps={sim.steps}
                    shown={Math.min(animation.shown, sim.steps.length - 1)}
                    outcome={sim.outcome}
                    width={w}
                    height={h}
                    em={em}
                    uid={uid}
                    compact
                    bare
                  />
                )}
              </Sized>
            </figure>
          ))}
        </div>
      </div>
      <div class="race-foot">
        <p class="class-counts">
          <span class="class-counts-title">{projector.classCounts(phase.correct, phase.total)}</span>
          {task.alphas.map((a, i) => (
            <span key={a} class={i === winner ? 'count-chip count-chip-right' : 'count-chip'}>
              <OptionMark index={i} class="mark-small" /> {counts[i] ?? 0}
              {i === winner && ' ✓'}
            </span>
          ))}
          {detail.none > 0 && <span class="count-chip">none {detail.none}</span>}
        </p>
        <StepControls animation={animation} last={last} class="step-count" />
      </div>
    </section>
  );
}
