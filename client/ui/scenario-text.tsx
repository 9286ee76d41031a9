// The numbers of a question as both apps write them: the cost, the learning rate, the start.
import { quadraticFormOf } from '../../shared/engine/cost-model';
import { formatCost, formatNumber, formatPoint } from '../../shared/engine/format';
import type { Problem } from '../../shared/engine/round-kinds';
import { common } from '../../shared/i18n/en/common';
import { MathText } from './math-text';

// The screens take the one α format from here, beside the other numbers of a question.
export { formatAlpha } from '../../shared/engine/format';

/**
 * The number α multiplies in the rule, wherever the formula hides it: a parabola is written with a/2
 * folded in (10θ² has J″ = 20), and a regression's Hessian is not in its sum.
 */
export function curvatureText(cost: Problem['cost']): string | null {
  if (cost.kind === 'quadratic') return `${common.curvature} J″ = a = ${formatNumber(cost.a, 6)}`;
  if (cost.kind !== 'linreg') return null;
  const [low = 0, high = 0] = quadraticFormOf(cost)?.values ?? [];
  return common.hessian(formatNumber(low, 4), formatNumber(high, 4));
}

export function CostFormula({ scenario, class: extra = '' }: { scenario: Problem; class?: string }) {
  const curvature = curvatureText(scenario.cost);
  return (
    <p class={`formula ${extra}`}>
      <MathText text={formatCost(scenario.cost)} />
      {curvature && (
        <span class="curvature">
          <MathText text={curvature} />
        </span>
      )}
    </p>
  );
}

export function StartText({ scenario }: { scenario: Problem }) {
  return scenario.start.length === 1 ? (
    <>
      θ<sub>0</sub> = {formatPoint(scenario.start)}
    </>
  ) : (
    <>
      {common.start} θ = {formatPoint(scenario.start)}
    </>
  );
}
