// The reveal of a "largest α that still converges?" round: every guess on the α axis, shaped by what
// gradient descent does there, α* and α*/2 marked; beside it, the runs at the closest guesses on
// either side of α*, which show the cliff: just below, a zig-zag that dies down; just above, one
// that grows.

import { formatNumber } from '../../../shared/engine/format';
import { isHalfTargetGuess } from '../../../shared/engine/half-target';
import type { Problem } from '../../../shared/engine/round-kinds';
import { simulate } from '../../../shared/engine/simulate';
import type { Outcome } from '../../../shared/engine/types';
import { projector } from '../../../shared/i18n/en/projector';
import { OUTCOME_LABELS } from '../../../shared/kinds/outcomes';
import type { HostRevealPhaseOf } from '../../../shared/protocol/views';
import { AlphaDots, DotKey } from '../../plots/alpha-dots';
import { ScenarioPlot } from '../../plots/scenario-plot';
import { Sized } from '../../plots/sized';
import { OutcomeTag } from '../../ui/answers';
import { MathText } from '../../ui/math-text';
import { formatAlpha } from '../../ui/scenario-text';
import { targetFormula } from '../parts/round-text';

const KEYS: readonly Outcome[] = ['converges', 'zigzag', 'diverges', 'oscillates'];

function NearRun({ problem, alpha, title }: { problem: Problem; alpha: number; title: string }) {
  const sim = simulate({ ...problem, alpha });
  return (
    <figure class="near-run">
      <figcaption>
        {title}: α = {formatAlpha(alpha)} <OutcomeTag outcome={sim.outcome} />
      </figcaption>
      <Sized class="near-plot">
        {(w, h, em, uid) => (
          <ScenarioPlot
            scenario={{ ...problem, alpha }}
            steps={sim.steps}
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
  );
}

export function MaxAlphaReveal({ phase }: { phase: HostRevealPhaseOf<'max-alpha'> }) {
  const { task, detail } = phase;
  const { target, guesses } = detail;
  const below = guesses.filter((g) => g.alpha < target).at(-1);
  const above = guesses.find((g) => g.alpha >= target);
  const shown = Number(target.toPrecision(3));
  const half = guesses.filter((g) => isHalfTargetGuess(g.alpha, target)).length;
  return (
    <section class="reveal reveal-max-alpha">
      <div class="verdict-row">
        <span class="huge-tag target-tag">α* = {formatNumber(shown)}</span>
        <div class="verdict-text">
          <p class="explanation">
            <MathText text={projector.maxAlphaRule(targetFormula(task.problem, target))} />
          </p>
          <p class="thresholds">
            {projector.maxAlphaScored(
              phase.correct,
              phase.total,
              formatNumber(target / Math.sqrt(10)),
              formatNumber(target / 2),
              half,
            )}
          </p>
        </div>
      </div>
      <div class="dots-grid">
        <figure class="dots-figure">
          <figcaption class="dots-caption">
            <span>{projector.guesses(guesses.length, detail.none)}</span>
            <span class="dot-legend">
              {KEYS.filter((k) => k !== 'oscillates' || guesses.some((g) => g.outcome === k)).map((k) => (
                <span key={k} class="dot-legend-item">
                  <DotKey outcome={k} />
                  {OUTCOME_LABELS[k]}
                </span>
              ))}
            </span>
          </figcaption>
          <Sized class="dots-plot">
            {(w, h, em) => (
              <AlphaDots guesses={guesses} target={target} range={task.range} width={w} height={h} em={em} />
            )}
          </Sized>
        </figure>
        <div class="near-runs">
          <NearRun
            problem={task.problem}
            alpha={below?.alpha ?? target * 0.9}
            title={below ? projector.closestBelow : projector.justBelow}
          />
          <NearRun
            problem={task.problem}
            alpha={above?.alpha ?? target * 1.1}
            title={above ? projector.closestAbove : projector.justAbove}
          />
        </div>
      </div>
    </section>
  );
}
