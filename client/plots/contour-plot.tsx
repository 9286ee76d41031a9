// A two-dimensional cost as contour lines (ellipses around the minimum), the valley floor (the
// shallow eigen-direction) dashed, and the run drawn across them. Both axes share one scale: a
// zig-zag across a narrow valley must look narrow. The frame is fixed by the start (geometry.ts).
// The projector adds a zoomed view of a small run through `overlay` (contour-zoom.tsx), which the
// phone app leaves out to keep its download small; the contours without a run, and Field, which
// both draw, are in start-plot.tsx, which the phone's question uses alone.
import type { ComponentChildren } from 'preact';
import { formatPoint } from '../../shared/engine/format';
import type { Outcome, Scenario, Step } from '../../shared/engine/types';
import { engine } from '../../shared/i18n/en/engine';
import { type Box, isInside, type Mapping, type PlaneFrame } from './geometry';
import { ArrowMarker, exitIndex, RunPath, type RunPlotProps, type ScreenPoint } from './path-parts';
import { ContourFrame, ContourStart, contourLayout, contoursAria } from './start-plot';

export interface ContourPlotProps extends RunPlotProps {
  /** No axis names either: small multiples side by side, where one caption names them all. */
  bare?: boolean;
  /** Drawn over the plot, with what it needs to line up with it. */
  overlay?: (context: OverlayContext) => ComponentChildren;
}

/** What an overlay (contour-zoom.tsx) is given: the run, and the frame in data units and as drawn (px). */
export interface OverlayContext {
  frame: PlaneFrame;
  run: Step[];
  last: number;
  outcome: Outcome | null;
  em: number;
  /** The arrowhead marker's id. */
  marker: string;
  box: Box;
  drawn: Box;
  map: Mapping;
  uid: string;
}

export function screenPoints(run: Step[], box: Box, map: Mapping): ScreenPoint[] {
  return run.map((s) => {
    const [x = 0, y = 0] = s.theta;
    return { x: map.x(x), y: map.y(y), inside: isInside(box, x, y) };
  });
}

/** The run drawn on a field whose frame is `box`, mapped by `map`. */
export function FieldRun({
  run,
  last,
  outcome,
  box,
  map,
  em,
  labelled,
  marker,
}: Pick<OverlayContext, 'run' | 'last' | 'outcome' | 'box' | 'map' | 'em' | 'marker'> & {
  labelled: number;
}) {
  return (
    <RunPath
      points={screenPoints(run, box, map)}
      shown={last}
      outcome={outcome}
      markerId={marker}
      em={em}
      labelled={labelled}
    />
  );
}

export function ContourPlot(props: ContourPlotProps) {
  const { scenario, steps, shown, outcome = null, em, compact, uid, overlay } = props;
  if (!steps) return <ContourStart {...props} />;
  const layout = contourLayout(props);
  const { frame, box, map, drawn } = layout;
  const last = Math.min(shown ?? steps.length - 1, steps.length - 1);
  const points = screenPoints(steps, box, map);
  const exit = exitIndex(points, last);
  const exitPoint = exit >= 0 ? points[exit] : undefined;
  const run = { frame, run: steps, last, outcome, em, marker: `${uid}-arrow` };
  return (
    <ContourFrame
      {...props}
      layout={layout}
      label={describe(scenario, frame.minimum, steps, last, outcome)}
      run={
        <>
          <ArrowMarker id={run.marker} size={em * 0.8} />
          <FieldRun {...run} box={box} map={map} labelled={compact ? 3 : 5} />
        </>
      }
      over={
        <>
          {overlay?.({ ...run, box, drawn, map, uid })}
          {exitPoint && (
            <text
              class="exit-label"
              x={(drawn.x0 + drawn.x1) / 2}
              y={drawn.y0 + em * 1.1}
              text-anchor="middle"
            >
              {engine.plots.offChart(exit)} {arrowToward(exitPoint, drawn)}
            </text>
          )}
        </>
      }
    />
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
  const base = contoursAria(scenario, minimum);
  if (!outcome) return base;
  const visited = run.slice(0, Math.min(last, 4) + 1).map((s) => formatPoint(s.theta));
  return engine.plots.visits(base, visited, last > 4);
}
