// A zoomed view of a run that is small in its contour plot: the lecture's valley is 190 times
// steeper across than along, so its zig-zag is a fraction of a unit wide in a frame twenty units
// across. Projector only (an overlay of ContourPlot): the phones keep their download small.
import type { Step } from '../../shared/engine/types';
import { projector } from '../../shared/i18n/en/projector';
import { FieldRun, type OverlayContext } from './contour-plot';
import { type Box, equalAspectMap, isInside, type Mapping } from './geometry';
import { Field } from './start-plot';

/** A zoomed view is added when it would magnify the first steps at least this much… */
const ZOOM_FROM = 4;
/** …the steps where an overshoot is widest, before it dies down. */
const ZOOM_STEPS = 8;

/** The box around the run's first points inside the frame, padded, or null when it needs no zoom. */
function zoomBox(run: Step[], frame: Box): Box | null {
  const inside = run
    .slice(0, ZOOM_STEPS + 1)
    .map((s) => s.theta)
    .filter(([x = 0, y = 0]) => isInside(frame, x, y));
  if (inside.length < 3) return null;
  const xs = inside.map((t) => t[0] ?? 0);
  const ys = inside.map((t) => t[1] ?? 0);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const pad = Math.max(x1 - x0, y1 - y0) * 0.15 || 1e-9;
  const box = { x0: x0 - pad, x1: x1 + pad, y0: y0 - pad, y1: y1 + pad };
  const magnify = Math.min(
    (frame.x1 - frame.x0) / (box.x1 - box.x0),
    (frame.y1 - frame.y0) / (box.y1 - box.y0),
  );
  return magnify >= ZOOM_FROM ? box : null;
}

/** ContourPlot's `overlay` for the projector: the zoomed view when the run is small, else nothing. */
export function zoomOverlay(context: OverlayContext) {
  const zoom = zoomBox(context.run, context.box);
  if (!zoom) return null;
  const { drawn, map, uid, frame, run, last, outcome, em, marker } = context;
  return (
    <Inset {...{ frame, run, last, outcome, em, marker }} zoom={zoom} main={drawn} mainMap={map} uid={uid} />
  );
}

/**
 * The zoomed view, in the corner of the frame farthest from the run so it hides as little as
 * possible of it, with the zoomed area outlined on the main view.
 */
function Inset({
  zoom,
  main,
  mainMap,
  uid,
  ...common
}: Pick<OverlayContext, 'frame' | 'run' | 'last' | 'outcome' | 'em' | 'marker'> & {
  zoom: Box;
  main: Box;
  mainMap: Mapping;
  uid: string;
}) {
  const { em } = common;
  const w = (main.x1 - main.x0) * 0.44;
  const h = (main.y1 - main.y0) * 0.86;
  const runX = (mainMap.x(zoom.x0) + mainMap.x(zoom.x1)) / 2;
  const runY = (mainMap.y(zoom.y0) + mainMap.y(zoom.y1)) / 2;
  const left = runX > (main.x0 + main.x1) / 2;
  const top = runY > (main.y0 + main.y1) / 2;
  const x0 = left ? main.x0 + 3 : main.x1 - w - 3;
  const y0 = top ? main.y0 + 3 : main.y1 - h - 3;
  const area = { x0: x0 + em * 0.3, x1: x0 + w - em * 0.3, y0: y0 + em * 1.5, y1: y0 + h - em * 0.3 };
  const map = equalAspectMap(zoom, area);
  const magnify = Math.round((map.x(1) - map.x(0)) / (mainMap.x(1) - mainMap.x(0)));
  return (
    <g class="inset">
      <rect
        class="zoom-area"
        x={mainMap.x(zoom.x0)}
        y={mainMap.y(zoom.y1)}
        width={mainMap.x(zoom.x1) - mainMap.x(zoom.x0)}
        height={mainMap.y(zoom.y0) - mainMap.y(zoom.y1)}
      />
      <rect class="inset-back" x={x0} y={y0} width={w} height={h} />
      <text class="inset-label" x={x0 + em * 0.3} y={y0 + em * 1.1}>
        {projector.zoom(ZOOM_STEPS, magnify)}
      </text>
      <Field frame={common.frame} box={zoom} map={map} em={em} clip={`${uid}-zoom`}>
        <FieldRun {...common} box={zoom} map={map} labelled={5} />
      </Field>
    </g>
  );
}
