// What the question's plot draws before there is a run: the cost (a curve for one dimension,
// contours for two), its axes, the minimum and the start. The plots of a run (cost-curve.tsx,
// contour-plot.tsx) draw the same frames with the run on them; this module holds none of the run's
// code, so the phone's question, whose page must load within 30 KB, imports only this (StartPlot).
import type { ComponentChildren } from 'preact';
import { costAt, dimensionOf } from '../../shared/engine/cost-model';
import { formatNumber, formatPoint } from '../../shared/engine/format';
import type { Scenario } from '../../shared/engine/types';
import { common } from '../../shared/i18n/en/common';
import {
  type Box,
  curvePoints,
  ellipsePoints,
  equalAspectMap,
  linearMap,
  lineFrame,
  type Mapping,
  niceTicks,
  type PlaneFrame,
  planeFrame,
  toPath,
} from './geometry';
import type { RunPlotProps } from './path-parts';

/** What a plot of the start alone is given: the question, before there is a run. */
export type StartPlotProps = Omit<RunPlotProps, 'steps' | 'shown' | 'outcome'>;

/** The start, drawn as a run's first point is (RunPath), so the question and its reveal match. */
export function StartPoint({ x, y, em }: { x: number; y: number; em: number }) {
  return <circle class="run-point run-start" cx={x} cy={y} r={em * 0.38} />;
}

/** Where everything sits: shared by the plot of a run and the plot of its start alone. */
export function curveLayout({ scenario, width, height, em }: StartPlotProps) {
  const frame = lineFrame(scenario);
  const box = { x0: frame.theta[0], x1: frame.theta[1], y0: frame.cost[0], y1: frame.cost[1] };
  // A J scale on the left: every parabola is framed by its own start, so without one 10θ² and
  // (θ − 1)² would look alike.
  const area = { x0: em * 2.8, x1: width - em * 0.6, y0: em * 1.7, y1: height - em * 1.9 };
  return { frame, box, area, map: linearMap(box, area) };
}

/** The curve with its axes and minimum, `run` drawn on it (clipped to the plot) and `over` on top. */
export function CurveFrame({
  scenario,
  layout: { frame, box, area, map },
  width,
  height,
  em,
  compact,
  uid,
  label,
  run,
  over,
}: StartPlotProps & {
  layout: ReturnType<typeof curveLayout>;
  label: string;
  run: ComponentChildren;
  over: ComponentChildren;
}) {
  const ticks = niceTicks(box.x0, box.x1, compact ? 4 : 6);
  const clip = `${uid}-clip`;
  const minX = map.x(frame.minimum);
  return (
    <svg class="plot cost-curve" width={width} height={height} role="img" aria-label={label}>
      <defs>
        <clipPath id={clip}>
          <rect
            x={area.x0}
            y={area.y0 - em * 0.8}
            width={area.x1 - area.x0}
            height={area.y1 - area.y0 + em * 0.8}
          />
        </clipPath>
      </defs>
      <line class="axis" x1={area.x0} x2={area.x1} y1={area.y1} y2={area.y1} />
      {ticks.map((t) => (
        <text key={t} class="tick" x={map.x(t)} y={area.y1 + em * 1.2} text-anchor="middle">
          {formatNumber(t)}
        </text>
      ))}
      <text class="axis-name" x={area.x1} y={area.y1 - em * 0.35} text-anchor="end">
        θ
      </text>
      {niceTicks(Math.max(0, box.y0), box.y1, 3)
        .filter((t) => map.y(t) >= area.y0 + em)
        .map((t) => (
          <text key={`J${t}`} class="tick" x={area.x0 - em * 0.3} y={map.y(t) + em * 0.35} text-anchor="end">
            {formatNumber(t)}
          </text>
        ))}
      <text class="axis-name" x={area.x0 - em * 0.3} y={area.y0 - em * 0.5} text-anchor="end">
        J
      </text>
      <line class="minimum-line" x1={minX} x2={minX} y1={area.y0} y2={area.y1} />
      <text class="minimum-label" x={minX} y={area.y0 - em * 0.5} text-anchor="middle">
        {common.plot.minimumAt(formatNumber(frame.minimum), Boolean(compact))}
      </text>
      <g clip-path={`url(#${clip})`}>
        <path class="curve" d={toPath(curvePoints(scenario.cost, frame), map)} />
        {run}
      </g>
      {over}
    </svg>
  );
}

export const curveAria = (scenario: StartPlotProps['scenario']) =>
  common.plot.curveAria(formatNumber(scenario.start[0] ?? 0));

/** The curve and the start alone: the question's plot, in the phone's first load (no run code). */
export function CurveStart(props: StartPlotProps) {
  const { scenario, width, em } = props;
  const layout = curveLayout(props);
  const theta = scenario.start[0] ?? 0;
  const start = { x: layout.map.x(theta), y: layout.map.y(costAt(scenario.cost, scenario.start)) };
  return (
    <CurveFrame
      {...props}
      layout={layout}
      label={curveAria(scenario)}
      run={<StartPoint {...start} em={em} />}
      over={
        <text class="start-label" {...labelBeside(start, width, em)}>
          θ₀ = {formatNumber(theta)}
        </text>
      }
    />
  );
}

function labelBeside(p: { x: number; y: number }, width: number, em: number) {
  const right = p.x < width / 2;
  return {
    x: right ? p.x + em * 0.7 : p.x - em * 0.7,
    y: p.y + em * 0.35,
    'text-anchor': right ? 'start' : 'end',
  };
}

/** Contours at these multiples of the start's height above the minimum. */
const LEVELS = [16, 6, 2.5, 1, 0.4, 0.15, 0.05];

/**
 * Contours, valley floor and the minimum, clipped to `box`; `children` (a run, or the start alone)
 * is drawn over the contours and under the minimum's mark, clipped too.
 */
export function Field({
  frame,
  box,
  map,
  em,
  clip,
  children,
}: {
  frame: PlaneFrame;
  box: Box;
  map: Mapping;
  em: number;
  clip: string;
  children: ComponentChildren;
}) {
  const fx0 = map.x(box.x0);
  const fy0 = map.y(box.y1);
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
        {children}
        <path
          class="minimum-mark"
          d={`M${mx - r} ${my - r}L${mx + r} ${my + r}M${mx - r} ${my + r}L${mx + r} ${my - r}`}
        />
      </g>
    </>
  );
}

/** Where everything sits: shared by the plot of a run and the plot of its start alone. */
export function contourLayout({
  scenario,
  width,
  height,
  em,
  compact,
  bare,
}: StartPlotProps & { bare?: boolean }) {
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
  const drawn: Box = { x0: map.x(box.x0), x1: map.x(box.x1), y0: map.y(box.y1), y1: map.y(box.y0) };
  return { frame, box, map, drawn };
}

/**
 * The contours with their ticks and axis names, around `run` (drawn on the field) and under `over`.
 * The start's side decides where the minimum's name goes: beside the minimum, toward the start, as
 * the zoom inset takes the corner away from the run.
 */
export function ContourFrame({
  scenario,
  layout: { frame, box, map, drawn },
  width,
  height,
  em,
  compact,
  bare,
  uid,
  label,
  run,
  over,
}: StartPlotProps & {
  bare?: boolean | undefined;
  layout: ReturnType<typeof contourLayout>;
  label: string;
  run: ComponentChildren;
  over?: ComponentChildren;
}) {
  const { x0: fx0, x1: fx1, y1: fy1 } = drawn;
  const mx = map.x(frame.minimum[0]);
  const my = map.y(frame.minimum[1]);
  const startRight = map.x(scenario.start[0] ?? 0) > mx;
  // Tick values stay clear of the axis names in the bottom corners.
  const xTicks = compact
    ? []
    : niceTicks(box.x0, box.x1, 4).filter((t) => map.x(t) > fx0 + em * 3.2 && map.x(t) < fx1 - em * 3.6);
  const yTicks = compact ? [] : niceTicks(box.y0, box.y1, 3);
  return (
    <svg class="plot contour-plot" width={width} height={height} role="img" aria-label={label}>
      <Field frame={frame} box={box} map={map} em={em} clip={`${uid}-clip`}>
        {run}
      </Field>
      {!compact && (
        <text
          class="minimum-label"
          x={startRight ? mx + em * 0.6 : mx - em * 0.6}
          y={my + em * 1.3}
          text-anchor={startRight ? 'start' : 'end'}
        >
          {common.plot.minimum}
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
      {over}
    </svg>
  );
}

export const contoursAria = (scenario: Scenario, minimum: readonly number[]) =>
  common.plot.contoursAria(formatPoint(minimum), formatPoint(scenario.start));

/** The contours and the start alone: the question's plot, in the phone's first load (no run code). */
export function ContourStart(props: StartPlotProps & { bare?: boolean | undefined }) {
  const layout = contourLayout(props);
  const { scenario, em } = props;
  const [x = 0, y = 0] = scenario.start;
  return (
    <ContourFrame
      {...props}
      layout={layout}
      label={contoursAria(scenario, layout.frame.minimum)}
      run={<StartPoint x={layout.map.x(x)} y={layout.map.y(y)} em={em} />}
    />
  );
}

/**
 * The cost and the start alone, as ScenarioPlot draws them before a run: for a page that never
 * draws a run (the phone's question), so its first load carries none of the run's code.
 */
export function StartPlot(props: StartPlotProps) {
  return dimensionOf(props.scenario.cost) === 1 ? <CurveStart {...props} /> : <ContourStart {...props} />;
}
