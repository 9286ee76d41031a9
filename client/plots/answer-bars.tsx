// The class's answers as horizontal bars, one per answer plus "no answer", the correct one marked by
// a tick and a heavy outline (not by colour alone). Without an outcome (a first vote the class has
// not seen judged, PI1) no bar is marked.

import type { Answer, Outcome } from '../../shared/engine/types';
import { projector } from '../../shared/i18n/en/projector';
import { OUTCOME_LABELS } from '../../shared/kinds/outcomes';
import type { Distribution } from '../../shared/protocol/views';
import { AnswerIcon } from '../ui/answers';

export interface AnswerBarsProps {
  distribution: Distribution;
  /** The right answer, marked; absent while the class must not learn it (PI1). */
  outcome?: Outcome;
  /** False: bars and counts only, for a chart drawn beside one with the labels (their rows line up). */
  labels?: boolean;
  /** The tick without its word, in a narrow count column: for two charts side by side (PI5). */
  compact?: boolean;
  /** The count a full bar stands for: charts compared side by side share it. Default: the largest. */
  scale?: number;
  width: number;
  height: number;
  em: number;
}

const ROWS: Array<Answer | 'none'> = ['converges', 'zigzag', 'diverges', 'none'];
const labelOf = (k: Answer | 'none') => (k === 'none' ? projector.noAnswer : OUTCOME_LABELS[k]);

/** The largest count in any of `distributions`: the `scale` of charts compared side by side. */
export const largestCount = (...distributions: Distribution[]): number =>
  Math.max(1, ...distributions.flatMap((d) => ROWS.map((k) => d[k])));

export function AnswerBars({
  distribution,
  outcome,
  labels = true,
  compact = false,
  scale,
  width,
  height,
  em,
}: AnswerBarsProps) {
  const max = Math.max(1, scale ?? 0, ...ROWS.map((k) => distribution[k]));
  const row = Math.max(em * 1.3, Math.min(height / ROWS.length, em * 2.2));
  // Wide enough for "Converges directly" at the projector's size.
  const labelW = labels ? em * 13 : 0;
  const countW = compact ? em * 2.6 : em * 6.6;
  const barX = labelW;
  const barMax = Math.max(em, width - labelW - countW);
  return (
    <svg
      class="plot answer-bars"
      width={width}
      height={row * ROWS.length}
      role="img"
      aria-label={projector.plots.barsAria(ROWS.map((k) => [labelOf(k), distribution[k]] as const))}
    >
      {ROWS.map((k, i) => {
        const y = i * row;
        const count = distribution[k];
        const w = (barMax * count) / max;
        const correct = k === outcome;
        const bar = Math.max(count > 0 ? em * 0.3 : 0, w);
        return (
          <g key={k} class={correct ? 'bar-row bar-correct' : 'bar-row'}>
            {labels && k !== 'none' && (
              <AnswerIcon
                outcome={k}
                class={`bar-icon ink-${k}`}
                x={0}
                y={y + (row - em * 1.2) / 2}
                width={em * 1.2}
                height={em * 1.2}
              />
            )}
            {labels && (
              <text class="bar-label" x={em * 1.5} y={y + row / 2 + em * 0.35}>
                {labelOf(k)}
              </text>
            )}
            <rect
              class={`bar bar-${k}`}
              x={barX}
              y={y + row * 0.15}
              width={bar}
              height={row * 0.7}
              rx={em * 0.15}
            />
            <text class="bar-count" x={barX + bar + em * 0.3} y={y + row / 2 + em * 0.35}>
              {count}
              {correct ? (compact ? ' ✓' : ` ✓ ${projector.correct}`) : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
