// A two-dimensional cost as contour lines (ellipses around the minimum), the valley floor (the
// shallow eigen-direction) dashed, and the run drawn across them. Both axes share one scale: a
// zig-zag across a narrow valley must look narrow. The frame is fixed by the start (geometry.ts).
// The projector adds a zoomed view of a small run through `overlay` (contour-zoom.tsx), which the
// phone app leaves out to keep its download small.
import type { ComponentChildren } from 'preact';
import { formatNumber } from '../../shared/engine/format';
import type { Outcome, Scenario, Step } from '../../shared/engine/types';
import {
  type Box,
  ellipsePoints,
  equalAspectMap,
  isInside,
  type Mapping,
  niceTicks,
  type PlaneFrame,
  planeFrame,
  toPath,
} from './geometry';
import { ArrowMarker, exitIndex, RunPath, type RunPlotProps, type ScreenPoint } from './path-parts';

export interface ContourPlotProps extends RunPlotProps {
  /** No axis names either: small multiples side by side, where one caption names them all. */
  bare?: boolean;
  /** Drawn over the plot, with what it needs to line up with it. */
  overlay?: (context: OverlayContext) => ComponentChildren;
}

export interface OverlayContext extends Omit<FieldProps, 'box' | 'map' | 'labelled' | 'clip'> {
  /** The frame in data units, and as drawn (px). */
  box: Box;
  drawn: Box;
  map: Mapping;
  uid: string;
}

/** Contours at these multiples of the start's height above the minimum. */
const LEVELS = [16, 6, 2.5, 1, 0.4, 0.15, 0.05];
export interface FieldProps {
  frame: PlaneFrame;
  box: Box;
  map: Mapping;
  run: Step[];
  last: number;
  outcome: Outcome | null;
  em: number;
  labelled: number;
  clip: string;
  marker: string;
}

/** Contours, valley floor, the run and the minimum, clipped to `box`; returns the run's screen points. */
export function Field({ frame, box, map, run, last, outcome, em, labelled, clip, marker }: FieldProps) {
  const fx0 = map.x(box.x0);
  const fy0 = map.y(box.y1);
  const points = screenPoints(run, box, map);
  const [v0] = frame.axes;
  const reach =
    Math.hypot(box.x1 - box.x0, box.y1 - box.y0) +
    Math.hypot(...frame.minimum.map((m, i) => m - ([box.x0, box.y0][i] ?? 0)));
  const mx = map.x(frame.minimum[0]);
  const my = map.y(frame.minimum[1]);
  const r = em * 0.4;
  return (
    <>
      <defs>
        <clipPath id={clip}>
          <rect x={fx0} y={fy0} width={map.x(box.x1) - fx0} height={map.y(box.y0) - fy0} />
        </clipPath>
      </defs>
      <rect class="frame" x={fx0} y={fy0} width={map.x(box.x1) - fx0} height={map.y(box.y0) - fy0} />
      <g clip-path={`url(#${clip})`}>
        {LEVELS.map((k) => (
          <path
            key={k}
            class={k === 1 ? 'contour contour-start' : 'contour'}
            d={toPath(ellipsePoints(frame, frame.startLevel * k), map, true)}
          />
        ))}
        <line
          class="valley-floor"
          x1={map.x(frame.minimum[0] - v0[0] * reach)}
          y1={map.y(frame.minimum[1] - v0[1] * reach)}
          x2={map.x(frame.minimum[0] + v0[0] * reach)}
          y2={map.y(frame.minimum[1] + v0[1] * reach)}
        />
        <RunPath
          points={points}
          shown={last}
          outcome={outcome}
          markerId={marker}
          em={em}
          labelled={labelled}
        />
        <path
          class="minimum-mark"
          d={`M${mx - r} ${my - r}L${mx + r} ${my + r}M${mx - r} ${my + r}L${mx + r} ${my - r}`}
        />
      </g>
    </>
  );
}

export function screenPoints(run: Step[], box: Box, map: Mapping): ScreenPoint[] {
  return run.map((s) => {
    const [x = 0, y = 0] = s.theta;
    return { x: map.x(x), y: map.y(y), inside: isInside(box, x, y) };
  });
}

export function ContourPlot({
  scenario,
  steps,
  shown,
  outcome = null,
  width,
  height,
  em,
  compact,
  bare,
  uid,
  overlay,
}: ContourPlotProps) {
  const frame = planeFrame(scenario);
  const { box } = frame;
  const outer: Box = {
    x0: em * (compact ? 0.4 : 2.6),
    x1: width - em * 0.4,
    y0: em * 0.4,
    y1: height - em * (bare ? 0.4 : 1.6),
  };
  const map = equalAspectMap(box, outer);
  // The frame as drawn: the box mapped, centred in the space available.
  const fx0 = map.x(box.x0);
  const fx1 = map.x(box.x1);
  const fy0 = map.y(box.y1);
  const fy1 = map.y(box.y0);
  const run = steps ?? [{ theta: [...scenario.start], cost: 0 }];
  const last = Math.min(shown ?? run.length - 1, run.length - 1);
  const points = screenPoints(run, box, map);
  const exit = exitIndex(points, last);
  const exitPoint = exit >= 0 ? points[exit] : undefined;
  const mx = map.x(frame.minimum[0]);
  const my = map.y(frame.minimum[1]);
  const startRight = map.x(scenario.start[0] ?? 0) > mx;
  // Tick values stay clear of the axis names in the bottom corners.
  const xTicks = compact
    ? []
    : niceTicks(box.x0, box.x1, 4).filter((t) => map.x(t) > fx0 + em * 3.2 && map.x(t) < fx1 - em * 3.6);
  const yTicks = compact ? [] : niceTicks(box.y0, box.y1, 3);
  const common = { frame, run, last, outcome, em, marker: `${uid}-arrow` };
  return (
    <svg
      class="plot contour-plot"
      width={width}
      height={height}
      role="img"
      aria-label={describe(scenario, frame.minimum, run, last, outcome)}
    >
      <defs>
        <ArrowMarker id={`${uid}-arrow`} size={em * 0.8} />
      </defs>
      <Field {...common} box={box} map={map} labelled={compact ? 3 : 5} clip={`${uid}-clip`} />
      {!compact && (
        // Beside the minimum, toward the start: the zoom inset takes the corner away from the run.
        <text
          class="minimum-label"
          x={startRight ? mx + em * 0.6 : mx - em * 0.6}
          y={my + em * 1.3}
          text-anchor={startRight ? 'start' : 'end'}
        >
          minimum
        </text>
      )}
      {xTicks.map((t) => (
        <text key={`x${t}`} class="tick" x={map.x(t)} y={fy1 + em * 1.1} text-anchor="middle">
          {formatNumber(t)}
        </text>
      ))}
      {yTicks.map((t) => (
        <text key={`y${t}`} class="tick" x={fx0 - em * 0.25} y={map.y(t) + em * 0.35} text-anchor="end">
          {formatNumber(t)}
        </text>
      ))}
      {!bare && (
        <>
          <text class="axis-name" x={fx1} y={fy1 + em * 1.1} text-anchor="end">
            θ₀ →
          </text>
          <text class="axis-name" x={fx0} y={fy1 + em * 1.1}>
            θ₁ ↑
          </text>
        </>
      )}
      {overlay?.({ ...common, box, drawn: { x0: fx0, x1: fx1, y0: fy0, y1: fy1 }, map, uid })}
      {exitPoint && (
        <text class="exit-label" x={(fx0 + fx1) / 2} y={fy0 + em * 1.1} text-anchor="middle">
          step {exit} is off the chart {arrowToward(exitPoint, { x0: fx0, x1: fx1, y0: fy0, y1: fy1 })}
        </text>
      )}
    </svg>
  );
}

function arrowToward(p: ScreenPoint, f: Box): string {
  const cx = (f.x0 + f.x1) / 2;
  const cy = (f.y0 + f.y1) / 2;
  const dx = p.x - cx;
  const dy = p.y - cy;
  if (Math.abs(dx) > Math.abs(dy)) return dx > 0 ? '→' : '←';
  return dy > 0 ? '↓' : '↑';
}

function describe(
  scenario: Scenario,
  minimum: number[],
  run: Step[],
  last: number,
  outcome: Outcome | null,
): string {
  const point = (t: readonly number[]) => `(${t.map((x) => formatNumber(x)).join(', ')})`;
  const base = `Contours of J around the minimum ${point(minimum)}, start ${point(scenario.start)}`;
  if (!outcome) return base;
  return `${base}; gradient descent visits ${run
    .slice(0, Math.min(last, 4) + 1)
    .map((s) => point(s.theta))
    .join(', ')}${last > 4 ? ', …' : ''}`;
}
