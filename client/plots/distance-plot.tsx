// The distance to the minimum per iteration on a log axis: shrinking by a constant factor is a
// straight line going down, growing is a straight line going up, so converges, zig-zags and diverges
// read as the slope of one line (a zig-zag and a converging run with r and 2 − r look the same here,
// which is the point: they converge equally fast).
import { formatNumber } from '../../shared/engine/format';
import type { Outcome } from '../../shared/engine/types';
import { common } from '../../shared/i18n/en/common';
import { engine } from '../../shared/i18n/en/engine';
import { linearMap, niceTicks } from './geometry';
import { dottedSteps } from './path-parts';

export interface DistancePlotProps {
  distances: number[];
  shown?: number;
  outcome: Outcome;
  width: number;
  height: number;
  em: number;
}

const SUPER: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};
/** "10⁻³": a decade as a tick label, in the text's own size. */
export const power = (n: number) => `10${[...String(n)].map((c) => SUPER[c] ?? c).join('')}`;

export function DistancePlot({ distances, shown, outcome, width, height, em }: DistancePlotProps) {
  const last = Math.min(shown ?? distances.length - 1, distances.length - 1);
  const positive = distances.filter((d) => d > 0);
  const lo = Math.floor(Math.log10(Math.min(...positive, distances[0] || 1)));
  let hi = Math.ceil(Math.log10(Math.max(...positive, distances[0] || 1)));
  if (hi === lo) hi = lo + 1;
  const n = Math.max(1, distances.length - 1);
  const area = { x0: em * 3.2, x1: width - em * 0.8, y0: em * 0.8, y1: height - em * 1.7 };
  const map = linearMap({ x0: 0, x1: n, y0: lo, y1: hi }, area);
  // Decades one, two, three… apart, as many as fit one above the other with room to read them.
  // n labels 1.6 em apart need (n − 1)·1.6 em: a short plot keeps only the top decade.
  const fit = Math.max(1, Math.floor((area.y1 - area.y0) / (em * 1.6)) + 1);
  const decadeStep = [1, 2, 3, 5, 10, 20, 50].find((k) => Math.floor((hi - lo) / k) + 1 <= fit);
  const decades: number[] = [];
  if (decadeStep === undefined || fit === 1) decades.push(hi);
  else for (let p = Math.ceil(lo / decadeStep) * decadeStep; p <= hi; p += decadeStep) decades.push(p);
  // An exact landing on the minimum (r = 1) has distance 0, which a log axis cannot show: it sits on
  // the floor of the plot, drawn hollow.
  const yOf = (d: number) => map.y(d > 0 ? Math.log10(d) : lo);
  const shownPoints = distances.slice(0, last + 1).map((d, k) => ({ x: map.x(k), y: yOf(d), zero: d === 0 }));
  const dotted = dottedSteps(shownPoints, em * 0.6);
  // Step numbers keep clear of the axis name at the right end.
  const xTicks = niceTicks(0, n, Math.min(6, n)).filter(
    (t) => Number.isInteger(t) && map.x(t) < area.x1 - em * 3.4,
  );
  const start = distances[0] ?? 0;
  return (
    <svg
      class="plot distance-plot"
      width={width}
      height={height}
      role="img"
      aria-label={engine.plots.distanceAria(
        distances.slice(0, Math.min(last, 5) + 1).map((d) => formatNumber(d)),
        last > 5,
      )}
    >
      {decades.map((p) => (
        <g key={p}>
          <line class="grid" x1={area.x0} x2={area.x1} y1={map.y(p)} y2={map.y(p)} />
          <text class="tick" x={area.x0 - em * 0.3} y={map.y(p) + em * 0.35} text-anchor="end">
            {power(p)}
          </text>
        </g>
      ))}
      {start > 0 && <line class="start-line" x1={area.x0} x2={area.x1} y1={yOf(start)} y2={yOf(start)} />}
      <line class="axis" x1={area.x0} x2={area.x1} y1={area.y1} y2={area.y1} />
      {xTicks.map((t) => (
        <text key={t} class="tick" x={map.x(t)} y={area.y1 + em * 1.2} text-anchor="middle">
          {t}
        </text>
      ))}
      <text class="axis-name" x={area.x1} y={area.y1 + em * 1.2} text-anchor="end">
        {common.step}
      </text>
      <polyline
        class={`distance-line stroke-${outcome}`}
        points={shownPoints.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}
      />
      {shownPoints.map((p, k) =>
        dotted.has(k) ? (
          <circle
            key={k}
            class={p.zero ? 'distance-zero' : `run-point tone-fill-${outcome}`}
            cx={p.x}
            cy={p.y}
            r={em * 0.2}
          />
        ) : null,
      )}
    </svg>
  );
}
