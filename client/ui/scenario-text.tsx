// The numbers of a question as both apps write them: the cost, the learning rate, the start.
import { formatCost, formatNumber, formatPoint } from '../../shared/engine/format';
import type { Problem } from '../../shared/engine/round-kinds';
import { MathText } from './math-text';

/** α keeps more digits than results do: 0.0125 must not read as 0.013. */
export const formatAlpha = (alpha: number): string => formatNumber(alpha, 6);

export function CostFormula({ scenario }: { scenario: Problem }) {
  return (
    <p class="formula">
      <MathText text={formatCost(scenario.cost)} />
    </p>
  );
}

export function StartText({ scenario }: { scenario: Problem }) {
  return scenario.start.length === 1 ? (
    <>
      θ<sub>0</sub> = {formatPoint(scenario.start)}
    </>
  ) : (
    <>start θ = {formatPoint(scenario.start)}</>
  );
}
