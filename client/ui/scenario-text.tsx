// The numbers of a question as both apps write them: the cost, the learning rate, the start.
import { formatCost, formatPoint } from '../../shared/engine/format';
import type { Problem } from '../../shared/engine/round-kinds';
import { MathText } from './math-text';

// The screens take the one α format from here, beside the other numbers of a question.
export { formatAlpha } from '../../shared/engine/format';

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
