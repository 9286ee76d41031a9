// The right picture for a scenario: a curve for a one-dimensional cost, contours for two dimensions.

import { dimensionOf } from '../../shared/engine/cost-model';
import { ContourPlot, type ContourPlotProps } from './contour-plot';
import { CostCurve } from './cost-curve';

/** A one-dimensional cost has no use for `bare` and `overlay`: the curve leaves them out. */
export type ScenarioPlotProps = ContourPlotProps;

export function ScenarioPlot(props: ScenarioPlotProps) {
  return dimensionOf(props.scenario.cost) === 1 ? <CostCurve {...props} /> : <ContourPlot {...props} />;
}
