// What both trajectory plots share: their props, arrowheads, the numbered points of a run, and the
// note where a run leaves the frame.
import type { Outcome, Scenario, Step } from '../../shared/engine/types';
import { StartPoint } from './start-plot';

/** What both trajectory plots are given. */
export interface RunPlotProps {
  scenario: Scenario;
  /** The run; absent before the reveal, when only the start is drawn. */
  steps?: Step[];
  /** Index of the last step drawn (the animation moves it); all of them by default. */
  shown?: number;
  outcome?: Outcome | null;
  width: number;
  height: number;
  em: number;
  /** Fewer labels, for a phone. */
  compact?: boolean;
  /** Unique in the page (Sized gives one). */
  uid: string;
}

/** The arrowhead marker for the steps of a run; `id` must be unique in the page. */
export function ArrowMarker({ id, size }: { id: string; size: number }) {
  return (
    <marker
      id={id}
      viewBox="0 0 10 10"
      refX="9"
      refY="5"
      markerUnits="userSpaceOnUse"
      markerWidth={size}
      markerHeight={size}
      orient="auto-start-reverse"
    >
      <path d="M0 0L10 5L0 10z" fill="var(--ink)" />
    </marker>
  );
}

export interface ScreenPoint {
  x: number;
  y: number;
  inside: boolean;
}

/**
 * Segments k−1 → k with arrowheads, up to the first point outside the frame (the segment toward it
 * is drawn and clipped: the run is seen leaving), then the points inside, numbered while they are
 * few enough to read.
 */
export function RunPath({
  points,
  shown,
  outcome,
  markerId,
  em,
  labelled,
}: {
  points: ScreenPoint[];
  shown: number;
  outcome: Outcome | null;
  markerId: string;
  em: number;
  labelled: number;
}) {
  const visible = points.slice(0, shown + 1);
  const exit = visible.findIndex((p) => !p.inside);
  const drawn = exit < 0 ? visible : visible.slice(0, exit + 1);
  const segments = drawn.slice(1).map((p, i) => {
    const from = drawn[i]!;
    // Stop the line short of the point so the arrowhead does not hide it.
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    const len = Math.hypot(dx, dy);
    const cut = p.inside ? Math.min(len * 0.45, em * 0.45) : 0;
    const x2 = len > 0 ? p.x - (dx / len) * cut : p.x;
    const y2 = len > 0 ? p.y - (dy / len) * cut : p.y;
    return len < em * 0.6 ? null : (
      <line
        key={i}
        class="run-step"
        x1={from.x}
        y1={from.y}
        x2={x2}
        y2={y2}
        marker-end={`url(#${markerId})`}
      />
    );
  });
  const tone = outcome ? `tone-fill-${outcome}` : 'tone-fill-start';
  // Steps too short for an arrow still show as a line; dots only where they do not pile up (a slow
  // run drawn over hundreds of steps would otherwise be a smudge), the start and the newest always.
  const dotted = dottedSteps(drawn, em * 0.7);
  return (
    <g>
      <polyline
        class="run-trace"
        points={drawn.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}
      />
      {segments}
      {drawn.map((p, k) =>
        !dotted.has(k) ? null : k === 0 ? (
          <StartPoint key={k} x={p.x} y={p.y} em={em} />
        ) : (
          <circle key={k} class={`run-point ${tone}`} cx={p.x} cy={p.y} r={em * 0.28} />
        ),
      )}
      {numbered(drawn, labelled, em).map((k) => (
        <text
          key={`l${k}`}
          class="run-label"
          x={drawn[k]!.x}
          y={drawn[k]!.y - em * 0.55}
          text-anchor="middle"
        >
          {k}
        </text>
      ))}
    </g>
  );
}

/**
 * Which points get their step number: the first `max` inside the frame, skipping any that would sit
 * on top of a number already placed (a converging run piles its last points up at the minimum).
 */
function numbered(points: ScreenPoint[], max: number, em: number): number[] {
  const placed: number[] = [0];
  for (let k = 1; k <= max && k < points.length; k++) {
    const p = points[k]!;
    if (!p.inside) break;
    if (placed.every((j) => Math.hypot(points[j]!.x - p.x, points[j]!.y - p.y) > em * 1.3)) placed.push(k);
  }
  return placed.slice(1);
}

/**
 * The steps that get a dot (of those inside the frame, for a plot that has one): the first in each
 * `gap`-sized cell of the plot, and the last step. A slow run drawn over hundreds of steps would
 * otherwise be a smudge of dots; the line still goes through every step.
 */
export function dottedSteps(
  points: readonly { x: number; y: number; inside?: boolean }[],
  gap: number,
): Set<number> {
  const cells = new Set<string>();
  const dotted = new Set<number>();
  points.forEach((p, k) => {
    const cell = `${Math.round(p.x / gap)},${Math.round(p.y / gap)}`;
    if (p.inside !== false && (!cells.has(cell) || k === points.length - 1)) dotted.add(k);
    cells.add(cell);
  });
  return dotted;
}

/** Index of the first shown point outside the frame, or −1. */
export function exitIndex(points: ScreenPoint[], shown: number): number {
  return points.slice(0, shown + 1).findIndex((p) => !p.inside);
}
