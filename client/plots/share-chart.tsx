// Where the class's intuition breaks: the share of correct answers of each prediction round against
// its r = α·λ_max, on a log axis with the boundaries r = 1 and r = 2 marked and the three zones
// named. A dip near a boundary, or across a whole zone, is what the next lesson is about.
import { formatNumber } from '../../shared/engine/format';
import { reports } from '../../shared/i18n/en/reports';
import { teacher } from '../../shared/i18n/en/teacher';
import { linearMap } from './geometry';

export interface SharePoint {
  /** 1-based, as the report counts rounds. */
  round: number;
  ratio: number;
  /** 0 to 1. */
  share: number;
}

export interface ShareChartProps {
  points: SharePoint[];
  width: number;
  height: number;
  em: number;
}

const TICKS = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20];

export function ShareChart({ points, width, height, em }: ShareChartProps) {
  const ratios = points.map((p) => p.ratio).filter((r) => r > 0);
  const lo = Math.log10(Math.min(0.25, ...ratios.map((r) => r / 1.4)));
  const hi = Math.log10(Math.max(4, ...ratios.map((r) => r * 1.4)));
  const area = { x0: em * 3.4, x1: width - em * 0.8, y0: em * 1.8, y1: height - em * 2.9 };
  const map = linearMap({ x0: lo, x1: hi, y0: 0, y1: 1 }, area);
  const xOf = (r: number) => map.x(Math.log10(r));
  const zones = [
    { key: 'converges', x0: area.x0, x1: xOf(1), label: reports.chartZones.converges },
    { key: 'zigzag', x0: xOf(1), x1: xOf(2), label: reports.chartZones.zigzag },
    { key: 'diverges', x0: xOf(2), x1: area.x1, label: reports.chartZones.diverges },
  ];
  // Rounds of one r and one share (a deck that asks the same case twice) would draw their dots and
  // labels on top of each other, and a round would seem missing: they share one dot and one label.
  const groups: Array<{ rounds: number[]; x: number; y: number }> = [];
  for (const p of [...points].sort((a, b) => a.ratio - b.ratio || a.round - b.round)) {
    const x = xOf(p.ratio);
    const y = map.y(p.share);
    const same = groups.find((g) => Math.abs(g.x - x) < em * 0.4 && Math.abs(g.y - y) < em * 0.4);
    if (same) same.rounds.push(p.round);
    else groups.push({ rounds: [p.round], x, y });
  }
  // Labels go above their dot, or below when a neighbour's label would overlap it.
  const placed: Array<{ x: number; y: number; half: number }> = [];
  const labels = groups.map((g) => {
    const text = g.rounds.map(reports.chartPoint).join(', ');
    const half = em * 0.32 * text.length + em * 0.3;
    const above = g.y - em * 0.7;
    const clash = placed.some((q) => Math.abs(q.x - g.x) < q.half + half && Math.abs(q.y - above) < em * 1.1);
    const ly = clash || above < area.y0 + em * 0.2 ? g.y + em * 1.5 : above;
    placed.push({ x: g.x, y: ly, half });
    return { ...g, text, ly };
  });
  return (
    <svg
      class="plot share-chart"
      width={width}
      height={height}
      role="img"
      aria-label={reports.chartAria(
        points.map((p) =>
          reports.chartAriaPoint(p.round, formatNumber(p.ratio), teacher.percent(Math.round(p.share * 100))),
        ),
      )}
    >
      {zones.map((z) => (
        <g key={z.key}>
          <rect
            class={`zone zone-${z.key}`}
            x={z.x0}
            y={area.y0}
            width={Math.max(0, z.x1 - z.x0)}
            height={area.y1 - area.y0}
          />
          <text class="zone-label" x={(z.x0 + z.x1) / 2} y={area.y0 - em * 0.5} text-anchor="middle">
            {z.label}
          </text>
        </g>
      ))}
      {[0, 0.25, 0.5, 0.75, 1].map((s) => (
        <g key={s}>
          <line class="grid" x1={area.x0} x2={area.x1} y1={map.y(s)} y2={map.y(s)} />
          <text class="tick" x={area.x0 - em * 0.3} y={map.y(s) + em * 0.35} text-anchor="end">
            {teacher.percent(Math.round(s * 100))}
          </text>
        </g>
      ))}
      {TICKS.filter((t) => Math.log10(t) >= lo && Math.log10(t) <= hi).map((t) => (
        <text key={t} class="tick" x={xOf(t)} y={area.y1 + em * 1.2} text-anchor="middle">
          {formatNumber(t)}
        </text>
      ))}
      <text class="axis-name" x={(area.x0 + area.x1) / 2} y={area.y1 + em * 2.6} text-anchor="middle">
        {reports.chartAxis}
      </text>
      <line class="axis" x1={area.x0} x2={area.x1} y1={area.y1} y2={area.y1} />
      <line class="boundary-line" x1={xOf(1)} x2={xOf(1)} y1={area.y0} y2={area.y1} />
      <line class="boundary-line" x1={xOf(2)} x2={xOf(2)} y1={area.y0} y2={area.y1} />
      {labels.map(({ rounds, text, x, y, ly }) => (
        <g key={rounds[0]} class="share-point" data-rounds={rounds.join(' ')}>
          <circle class="share-dot" cx={x} cy={y} r={em * 0.38} />
          <text class="share-label" x={x} y={ly} text-anchor="middle">
            {text}
          </text>
        </g>
      ))}
    </svg>
  );
}
