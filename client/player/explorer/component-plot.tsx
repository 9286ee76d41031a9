// The steep component against the step, for a 2-D run: θ − θ* projected on the eigenvector of
// λ_max, on a linear axis through 0 (the valley floor). A zig-zag across the valley is a sign that
// flips every step, which stays readable on a phone even where the contour plot shows a smudge (the
// lecture's zig-zag is 6 % of the start distance).
import { formatNumber } from '../../../shared/engine/format';
import type { Outcome, Step } from '../../../shared/engine/types';
import { common } from '../../../shared/i18n/en/common';
import { engine } from '../../../shared/i18n/en/engine';
import { linearMap, niceTicks } from '../../plots/geometry';

export interface ComponentPlotProps {
  steps: Step[];
  minimum: number[];
  /** Unit eigenvector of λ_max. */
  direction: number[];
  outcome: Outcome;
  width: number;
  height: number;
  em: number;
}

export const steepComponents = (steps: Step[], minimum: number[], direction: number[]): number[] =>
  steps.map((s) => s.theta.reduce((sum, t, i) => sum + (t - (minimum[i] ?? 0)) * (direction[i] ?? 0), 0));

export function ComponentPlot({ steps, minimum, direction, outcome, width, height, em }: ComponentPlotProps) {
  const z = steepComponents(steps, minimum, direction);
  const top = Math.max(...z.map(Math.abs)) || 1;
  const n = Math.max(1, z.length - 1);
  const area = { x0: em * 3.2, x1: width - em * 0.8, y0: em * 0.8, y1: height - em * 1.7 };
  const map = linearMap({ x0: 0, x1: n, y0: -top, y1: top }, area);
  const xTicks = niceTicks(0, n, Math.min(6, n)).filter((t) => Number.isInteger(t));
  return (
    <svg
      class="plot component-plot"
      width={width}
      height={height}
      role="img"
      aria-label={engine.plots.steepAria(
        z.slice(0, 6).map((v) => formatNumber(v)),
        z.length > 6,
      )}
    >
      {[top, -top].map((v) => (
        <text key={v} class="tick" x={area.x0 - em * 0.3} y={map.y(v) + em * 0.35} text-anchor="end">
          {formatNumber(Number(v.toPrecision(2)))}
        </text>
      ))}
      <line class="axis" x1={area.x0} x2={area.x1} y1={map.y(0)} y2={map.y(0)} />
      <text class="tick" x={area.x0 - em * 0.3} y={map.y(0) + em * 0.35} text-anchor="end">
        0
      </text>
      {xTicks.map((t) => (
        <text key={t} class="tick" x={map.x(t)} y={area.y1 + em * 1.2} text-anchor="middle">
          {t}
        </text>
      ))}
      <text class="axis-name" x={area.x0 - em * 0.7} y={area.y1 + em * 1.2} text-anchor="end">
        {common.step}
      </text>
      <polyline
        class={`distance-line stroke-${outcome}`}
        points={z.map((v, k) => `${map.x(k).toFixed(1)},${map.y(v).toFixed(1)}`).join(' ')}
      />
      {z.map((v, k) => (
        <circle key={k} class={`run-point tone-fill-${outcome}`} cx={map.x(k)} cy={map.y(v)} r={em * 0.2} />
      ))}
    </svg>
  );
}
