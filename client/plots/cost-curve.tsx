// A one-dimensional cost J(θ) with the run of gradient descent drawn on it: each θₖ is a point on
// the curve, consecutive points joined by arrows, the minimum marked by a dashed line so the side of
// each step reads at a glance. The frame is fixed by the start (geometry.ts): a diverging run is
// seen leaving it, never rescaled to look tame.
import { costAt } from '../../shared/engine/cost-model';
import { formatNumber } from '../../shared/engine/format';
import type { Outcome, Scenario, Step } from '../../shared/engine/types';
import { curvePoints, isInside, linearMap, lineFrame, niceTicks, toPath } from './geometry';
import { ArrowMarker, exitIndex, RunPath, type RunPlotProps, type ScreenPoint } from './path-parts';

export function CostCurve({
  scenario,
  steps,
  shown,
  outcome = null,
  width,
  height,
  em,
  compact,
  uid,
}: RunPlotProps) {
  const frame = lineFrame(scenario);
  const box = { x0: frame.theta[0], x1: frame.theta[1], y0: frame.cost[0], y1: frame.cost[1] };
  // A J scale on the left: every parabola is framed by its own start, so without one 10θ² and
  // (θ − 1)² would look alike.
  const area = { x0: em * 2.8, x1: width - em * 0.6, y0: em * 1.7, y1: height - em * 1.9 };
  const map = linearMap(box, area);
  const run = steps ?? [{ theta: [...scenario.start], cost: costAt(scenario.cost, scenario.start) }];
  const last = Math.min(shown ?? run.length - 1, run.length - 1);
  const points: ScreenPoint[] = run.map((s) => {
    const t = s.theta[0] ?? 0;
    return { x: map.x(t), y: map.y(s.cost), inside: isInside(box, t, s.cost) };
  });
  const exit = exitIndex(points, last);
  const escaped = exit >= 0 ? run[exit] : undefined;
  const escapedTheta = escaped?.theta[0] ?? 0;
  const ticks = niceTicks(box.x0, box.x1, compact ? 4 : 6);
  const clip = `${uid}-clip`;
  const marker = `${uid}-arrow`;
  const minX = map.x(frame.minimum);
  const startTheta = scenario.start[0] ?? 0;
  return (
    <svg
      class="plot cost-curve"
      width={width}
      height={height}
      role="img"
      aria-label={describe(scenario, run, last, outcome)}
    >
      <defs>
        <clipPath id={clip}>
          <rect
            x={area.x0}
            y={area.y0 - em * 0.8}
            width={area.x1 - area.x0}
            height={area.y1 - area.y0 + em * 0.8}
          />
        </clipPath>
        <ArrowMarker id={marker} size={em * 0.8} />
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
        {compact ? `min θ* = ${formatNumber(frame.minimum)}` : `minimum θ* = ${formatNumber(frame.minimum)}`}
      </text>
      <g clip-path={`url(#${clip})`}>
        <path class="curve" d={toPath(curvePoints(scenario.cost, frame), map)} />
        <RunPath
          points={points}
          shown={last}
          outcome={outcome}
          markerId={marker}
          em={em}
          labelled={compact ? 3 : 5}
        />
      </g>
      {!steps && (
        <text class="start-label" {...labelBeside(points[0]!, width, em)}>
          θ₀ = {formatNumber(startTheta)}
        </text>
      )}
      {escaped && (
        <text
          class="exit-label"
          x={escapedTheta < frame.minimum ? area.x0 + em * 0.2 : area.x1 - em * 0.2}
          y={area.y0 + em * 1.4}
          text-anchor={escapedTheta < frame.minimum ? 'start' : 'end'}
        >
          {escapedTheta < frame.minimum ? '← ' : ''}
          {compact
            ? `step ${exit} is off the chart`
            : `step ${exit}: θ = ${formatNumber(escapedTheta)}, off the chart`}
          {escapedTheta < frame.minimum ? '' : ' →'}
        </text>
      )}
    </svg>
  );
}

function labelBeside(p: ScreenPoint, width: number, em: number) {
  const right = p.x < width / 2;
  return {
    x: right ? p.x + em * 0.7 : p.x - em * 0.7,
    y: p.y + em * 0.35,
    'text-anchor': right ? 'start' : 'end',
  };
}

function describe(scenario: Scenario, run: Step[], last: number, outcome: Outcome | null): string {
  const start = `J(θ) with the start θ₀ = ${formatNumber(scenario.start[0] ?? 0)}`;
  if (!outcome) return start;
  const thetas = run.slice(0, Math.min(last, 6) + 1).map((s) => formatNumber(s.theta[0] ?? 0));
  return `${start}; gradient descent visits ${thetas.join(', ')}${last > 6 ? ', …' : ''}`;
}
