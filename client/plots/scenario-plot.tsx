// The right picture for a scenario: a curve for a one-dimensional cost, contours for two dimensions.

import type { ComponentChildren } from 'preact';
import { dimensionOf } from '../../shared/engine/cost-model';
import type { Outcome, Scenario, Step } from '../../shared/engine/types';
import { ContourPlot, type OverlayContext } from './contour-plot';
import { CostCurve } from './cost-curve';

export interface ScenarioPlotProps {
  scenario: Scenario;
  steps?: Step[];
  shown?: number;
  outcome?: Outcome | null;
  width: number;
  height: number;
  em: number;
  compact?: boolean;
  /** 2-D only: no axis names (small multiples). */
  bare?: boolean;
  uid: string;
  /** For 2-D plots: drawn over the contours (contour-zoom.tsx). */
  overlay?: (context: OverlayContext) => ComponentChildren;
}

export function ScenarioPlot(props: ScenarioPlotProps) {
  return dimensionOf(props.scenario.cost) === 1 ? <CostCurve {...props} /> : <ContourPlot {...props} />;
}
