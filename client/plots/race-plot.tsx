// The race of a "which α is fastest?" round: each option's distance to the minimum, as a share of
// the start distance, per iteration on a log axis, with the finish line at 1/1000. One line per
// option, told apart by shade, dash and the letter at its end (not by colour alone); a marker where
// each crosses the finish.
import { formatNumber } from '../../shared/engine/format';
import { FASTEST_FRACTION } from '../../shared/engine/round-kinds';
import { common } from '../../shared/i18n/en/common';
import { projector } from '../../shared/i18n/en/projector';
import { OPTION_LETTERS } from '../ui/options';
import { power } from './distance-plot';
import { linearMap, niceTicks } from './geometry';

export interface RacePlotProps {
  /** Distances per option, iteration by iteration (index 0: the start, the same for every option). */
  distances: number[][];
  /** Iterations to the finish per option; null or Infinity: never. */
  iterations: Array<number | null>;
  winner: number | null;
  /** Index of the last iteration drawn (the animation moves it). */
  shown: number;
  width: number;
  height: number;
  em: number;
  /** Unique in the page (Sized gives one). */
  uid: string;
}

/** The finish line: the share of the start distance that decides the race (K3). */
const FINISH = Math.log10(FASTEST_FRACTION);
const DASHES = ['', '10 6', '3 5', '14 5 3 5'];
/** The axis goes from 10^BOTTOM to at most 10^TOP times the start distance. */
const BOTTOM = -4;
const TOP = 3;

export function RacePlot({ distances, iterations, winner, shown, width, height, em, uid }: RacePlotProps) {
  const d0 = distances[0]?.[0] || 1;
  const n = Math.max(1, ...distances.map((d) => d.length - 1));
  const highest = Math.max(0, ...distances.flat().map((d) => Math.log10(Math.max(d / d0, 1e-300))));
  const hi = Math.min(TOP, Math.max(0.5, Math.ceil(highest)));
  const area = { x0: em * 2.6, x1: width - em * 1.6, y0: em * 0.6, y1: height - em * 1.7 };
  const map = linearMap({ x0: 0, x1: n, y0: BOTTOM, y1: hi }, area);
  const yOf = (d: number) => map.y(Math.max(BOTTOM - 1, Math.log10(Math.max(d / d0, 1e-300))));
  const decades: number[] = [];
  const step = hi - BOTTOM > 5 ? 2 : 1;
  for (let p = BOTTOM; p <= hi; p += step) decades.push(p);
  const last = Math.min(shown, n);
  const ends: Array<{ i: number; x: number; y: number }> = [];
  const lines = distances.map((d, i) => {
    const upTo = d.slice(0, last + 1);
    const end = upTo.length - 1;
    // The letter rides at the line's end as it is drawn.
    ends.push({ i, x: map.x(end), y: Math.min(area.y1, Math.max(area.y0, yOf(upTo[end] ?? d0))) });
    const finish = iterations[i];
    const crossed = finish !== null && finish !== undefined && Number.isFinite(finish) && finish <= last;
    return (
      <g key={i} class={`race-line option-${i}${i === winner ? ' race-winner' : ''}`}>
        <polyline
          points={upTo.map((v, k) => `${map.x(k).toFixed(1)},${yOf(v).toFixed(1)}`).join(' ')}
          stroke-dasharray={DASHES[i]}
        />
        {crossed && <circle class="finish-dot" cx={map.x(finish)} cy={yOf(d[finish] ?? 0)} r={em * 0.3} />}
      </g>
    );
  });
  // Letters at the lines' ends, nudged apart where the lines finish close together.
  ends.sort((a, b) => a.y - b.y);
  for (let k = 1; k < ends.length; k++) ends[k]!.y = Math.max(ends[k]!.y, ends[k - 1]!.y + em * 0.95);
  const xTicks = niceTicks(0, n, 5).filter((t) => Number.isInteger(t));
  return (
    <svg
      class="plot race-plot"
      width={width}
      height={height}
      role="img"
      aria-label={projector.plots.raceAria(
        iterations.map((k, i) =>
          projector.plots.raceOption(OPTION_LETTERS[i] ?? '', k === null || !Number.isFinite(k) ? null : k),
        ),
      )}
    >
      <defs>
        <clipPath id={`${uid}-race`}>
          <rect x={area.x0} y={area.y0} width={area.x1 - area.x0} height={area.y1 - area.y0} />
        </clipPath>
      </defs>
      {decades.map((p) => (
        <g key={p}>
          <line class="grid" x1={area.x0} x2={area.x1} y1={map.y(p)} y2={map.y(p)} />
          <text class="tick" x={area.x0 - em * 0.3} y={map.y(p) + em * 0.35} text-anchor="end">
            {p === 0 ? '1' : power(p)}
          </text>
        </g>
      ))}
      <line class="finish-line" x1={area.x0} x2={area.x1} y1={map.y(FINISH)} y2={map.y(FINISH)} />
      <text class="finish-label" x={area.x0 + em * 0.3} y={map.y(FINISH) + em * 1.1}>
        {projector.plots.finish(`1/${Math.round(1 / FASTEST_FRACTION)}`)}
      </text>
      <line class="axis" x1={area.x0} x2={area.x1} y1={area.y1} y2={area.y1} />
      {xTicks.map((t) => (
        <text key={t} class="tick" x={map.x(t)} y={area.y1 + em * 1.2} text-anchor="middle">
          {formatNumber(t)}
        </text>
      ))}
      <text class="axis-name" x={area.x0 - em * 0.7} y={area.y1 + em * 1.2} text-anchor="end">
        {common.step}
      </text>
      <g clip-path={`url(#${uid}-race)`}>{lines}</g>
      {ends.map(({ i, x, y }) => (
        <text key={i} class={`race-letter option-${i}`} x={x + em * 0.3} y={y + em * 0.35}>
          {OPTION_LETTERS[i]}
        </text>
      ))}
    </svg>
  );
}
