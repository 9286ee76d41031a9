// A one-dimensional cost J(θ) with the run of gradient descent drawn on it: each θₖ is a point on
// the curve, consecutive points joined by arrows, the minimum marked by a dashed line so the side of
// each step reads at a glance. The frame is fixed by the start (geometry.ts): a diverging run is
// seen leaving it, never rescaled to look tame. Before a run the curve and the start are all there is
// (start-plot.tsx, which the phone's question uses alone).

import { formatNumber } from '../../shared/engine/format';
import type { Outcome, Scenario, Step } from '../../shared/engine/types';
import { engine } from '../../shared/i18n/en/engine';
import { isInside } from './geometry';
import { ArrowMarker, exitIndex, RunPath, type RunPlotProps, type ScreenPoint } from './path-parts';
import { CurveFrame, CurveStart, curveAria, curveLayout } from './start-plot';

export function CostCurve(props: RunPlotProps) {
  const { scenario, steps, shown, outcome = null, em, compact, uid } = props;
  if (!steps) return <CurveStart {...props} />;
  const layout = curveLayout(props);
  const { frame, box, area, map } = layout;
  const last = Math.min(shown ?? steps.length - 1, steps.length - 1);
  const points: ScreenPoint[] = steps.map((s) => {
    const t = s.theta[0] ?? 0;
    return { x: map.x(t), y: map.y(s.cost), inside: isInside(box, t, s.cost) };
  });
  const exit = exitIndex(points, last);
  const escaped = exit >= 0 ? steps[exit] : undefined;
  const escapedTheta = escaped?.theta[0] ?? 0;
  const marker = `${uid}-arrow`;
  return (
    <CurveFrame
      {...props}
      layout={layout}
      label={describe(scenario, steps, last, outcome)}
      run={
        <>
          <ArrowMarker id={marker} size={em * 0.8} />
          <RunPath
            points={points}
            shown={last}
            outcome={outcome}
            markerId={marker}
            em={em}
            labelled={compact ? 3 : 5}
          />
        </>
      }
      over={
        escaped && (
          <text
            class="exit-label"
            x={escapedTheta < frame.minimum ? area.x0 + em * 0.2 : area.x1 - em * 0.2}
            y={area.y0 + em * 1.4}
            text-anchor={escapedTheta < frame.minimum ? 'start' : 'end'}
          >
            {escapedTheta < frame.minimum ? '← ' : ''}
            {compact
              ? engine.plots.offChart(exit)
              : engine.plots.offChartAt(exit, formatNumber(escapedTheta))}
            {escapedTheta < frame.minimum ? '' : ' →'}
          </text>
        )
      }
    />
  );
}

function describe(scenario: Scenario, run: Step[], last: number, outcome: Outcome | null): string {
  const start = curveAria(scenario);
  if (!outcome) return start;
  const thetas = run.slice(0, Math.min(last, 6) + 1).map((s) => formatNumber(s.theta[0] ?? 0));
  return engine.plots.visits(start, thetas, last > 6);
}
