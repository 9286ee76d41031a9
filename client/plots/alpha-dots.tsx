// Every guess of a "largest α" round as a dot on a log α axis, coloured and shaped by what gradient
// descent does at that α (circle converges, triangle zig-zags, square diverges, diamond bounces), so
// the cliff at α* shows as the place where the shapes change. Guesses that land in the same column
// stack up; with more dots than fit (2,000 students), each dot stands for several guesses.

import { formatNumber } from '../../shared/engine/format';
import type { Outcome } from '../../shared/engine/types';
import { projector } from '../../shared/i18n/en/projector';
import { OUTCOME_LABELS } from '../../shared/kinds/outcomes';
import { linearMap } from './geometry';

const ORDER: readonly Outcome[] = ['converges', 'zigzag', 'oscillates', 'diverges'];

/** One outcome's marker, centred on (x, y), fitting a circle of radius r. */
export function DotShape({ outcome, x, y, r }: { outcome: Outcome; x: number; y: number; r: number }) {
  const cls = `dot dot-${outcome}`;
  switch (outcome) {
    case 'converges':
      return <circle class={cls} cx={x} cy={y} r={r} />;
    case 'zigzag':
      return (
        <path
          class={cls}
          d={`M${x} ${y - r * 1.1}L${x + r * 1.1} ${y + r * 0.9}L${x - r * 1.1} ${y + r * 0.9}Z`}
        />
      );
    case 'diverges':
      return <rect class={cls} x={x - r * 0.88} y={y - r * 0.88} width={r * 1.76} height={r * 1.76} />;
    case 'oscillates':
      return (
        <path
          class={cls}
          d={`M${x} ${y - r * 1.15}L${x + r * 1.15} ${y}L${x} ${y + r * 1.15}L${x - r * 1.15} ${y}Z`}
        />
      );
  }
}

/** The marker alone, for a legend beside the plot. */
export function DotKey({ outcome }: { outcome: Outcome }) {
  return (
    <svg class="dot-key" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <DotShape outcome={outcome} x={10} y={10} r={8} />
    </svg>
  );
}

export interface AlphaDotsProps {
  guesses: ReadonlyArray<{ alpha: number; outcome: Outcome }>;
  /** α*: where gradient descent starts to diverge. */
  target: number;
  /** The answer slider's ends: the axis spans at least these. */
  range: { min: number; max: number };
  width: number;
  height: number;
  em: number;
}

/** Tick values on a log axis from 10^lo to 10^hi: decades, with 2 and 5 between when few fit. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  const steps = hi - lo < 2.5 ? [1, 2, 5] : [1];
  for (let p = Math.floor(lo); p <= Math.ceil(hi); p++)
    for (const m of steps) {
      const v = m * 10 ** p;
      const l = Math.log10(v);
      if (l >= lo && l <= hi) ticks.push(Number(v.toPrecision(2)));
    }
  return ticks;
}

export function AlphaDots({ guesses, target, range, width, height, em }: AlphaDotsProps) {
  const alphas = guesses.map((g) => g.alpha);
  const lo0 = Math.log10(Math.min(range.min, ...alphas));
  const hi0 = Math.log10(Math.max(range.max, ...alphas));
  const pad = (hi0 - lo0) * 0.02;
  const lo = lo0 - pad;
  const hi = hi0 + pad;
  const area = { x0: em * 0.4, x1: width - em * 0.4, y0: em * 1.6, y1: height - em * 1.9 };
  const map = linearMap({ x0: lo, x1: hi, y0: 0, y1: 1 }, area);
  const xOf = (alpha: number) => map.x(Math.log10(alpha));
  const d = Math.max(6, Math.min(em * 0.62, (area.x1 - area.x0) / 60));

  // Columns one dot wide; within a column, guesses grouped by outcome in the order of the axis.
  const columns = new Map<number, Map<Outcome, number>>();
  for (const g of guesses) {
    const c = Math.floor((xOf(g.alpha) - area.x0) / d);
    const column = columns.get(c) ?? new Map<Outcome, number>();
    column.set(g.outcome, (column.get(g.outcome) ?? 0) + 1);
    columns.set(c, column);
  }
  const tallest = Math.max(
    0,
    ...[...columns.values()].map((col) => [...col.values()].reduce((a, b) => a + b, 0)),
  );
  // Room above the stacks for the zone names, and when dots must stand for several guesses, a line
  // below them saying how many.
  const rowsBelow = (room: number) => Math.max(1, Math.floor((area.y1 - area.y0 - room) / d));
  const crowded = tallest > rowsBelow(em * 1.5);
  const rows = rowsBelow(em * (crowded ? 2.8 : 1.5));
  const perDot = Math.max(1, Math.ceil(tallest / rows));
  const dots: Array<{ x: number; y: number; outcome: Outcome }> = [];
  for (const [c, column] of columns) {
    let row = 0;
    for (const outcome of ORDER) {
      const n = Math.ceil((column.get(outcome) ?? 0) / perDot);
      for (let i = 0; i < n; i++, row++)
        dots.push({ x: area.x0 + (c + 0.5) * d, y: area.y1 - (row + 0.5) * d, outcome });
    }
  }

  const half = xOf(target / 2);
  const edge = xOf(target);
  const names = projector.plots.zones;
  const zones = [
    { outcome: 'converges' as const, x0: area.x0, x1: half, label: names.converges },
    { outcome: 'zigzag' as const, x0: half, x1: edge, label: names.zigzag },
    { outcome: 'diverges' as const, x0: edge, x1: area.x1, label: names.diverges },
  ];
  const counts = ORDER.map((o) => [o, guesses.filter((g) => g.outcome === o).length] as const).filter(
    ([, n]) => n > 0,
  );
  return (
    <svg
      class="plot alpha-dots"
      width={width}
      height={height}
      role="img"
      data-per-dot={perDot}
      aria-label={projector.plots.guessesAria(
        guesses.length,
        counts.map(([o, n]) => projector.plots.guessCount(n, OUTCOME_LABELS[o])),
        formatNumber(target),
      )}
    >
      {zones.map((z) => (
        <g key={z.outcome}>
          <rect
            class={`zone zone-${z.outcome}`}
            x={z.x0}
            y={area.y0}
            width={Math.max(0, z.x1 - z.x0)}
            height={area.y1 - area.y0}
          />
          {z.x1 - z.x0 > z.label.length * em * 0.55 && (
            <text class="zone-label" x={(z.x0 + z.x1) / 2} y={area.y0 + em * 1.1} text-anchor="middle">
              {z.label}
            </text>
          )}
        </g>
      ))}
      <line class="axis" x1={area.x0} x2={area.x1} y1={area.y1} y2={area.y1} />
      {logTicks(lo, hi).map((t) => (
        <g key={t}>
          <line class="tick-mark" x1={xOf(t)} x2={xOf(t)} y1={area.y1} y2={area.y1 + em * 0.3} />
          <text class="tick" x={xOf(t)} y={area.y1 + em * 1.25} text-anchor="middle">
            {formatNumber(t)}
          </text>
        </g>
      ))}
      <line class="half-line" x1={half} x2={half} y1={area.y0 - em * 0.3} y2={area.y1} />
      <text class="line-label" x={half - em * 0.25} y={area.y0 - em * 0.45} text-anchor="end">
        α*/2 = {formatNumber(target / 2)}
      </text>
      <line class="target-line" x1={edge} x2={edge} y1={area.y0 - em * 0.3} y2={area.y1} />
      <text class="line-label target-label" x={edge + em * 0.25} y={area.y0 - em * 0.45}>
        α* = {formatNumber(target)}
      </text>
      {perDot > 1 && (
        <text class="per-dot" x={area.x0 + em * 0.3} y={area.y0 + em * 2.45}>
          {projector.plots.perDot(perDot)}
        </text>
      )}
      <g class="dots">
        {dots.map((p, i) => (
          <DotShape key={i} outcome={p.outcome} x={p.x} y={p.y} r={d * 0.45} />
        ))}
      </g>
    </svg>
  );
}
