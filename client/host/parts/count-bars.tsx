// Counts as horizontal bars in plain HTML (they reflow with the text): the class's answers per
// option, a report's answers per round. The right answer is marked by a tick and a heavy outline,
// not by colour alone.
import type { ComponentChildren } from 'preact';

export interface CountRow {
  key: string;
  label: ComponentChildren;
  count: number;
  correct: boolean;
  /** Extra class for the bar's fill (e.g. an option's or an outcome's shade). */
  tone?: string;
}

export function CountBars({ rows, label }: { rows: CountRow[]; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <ul class="count-bars" aria-label={label}>
      {rows.map((r) => (
        <li key={r.key} class={r.correct ? 'count-row count-correct' : 'count-row'}>
          <span class="count-label">{r.label}</span>
          <span class="count-track">
            <span
              class={`count-fill ${r.tone ?? ''}`}
              style={{ width: `${(100 * r.count) / max}%` }}
              aria-hidden="true"
            />
          </span>
          <span class="count-n">
            {r.count}
            {r.correct && ' ✓'}
          </span>
        </li>
      ))}
    </ul>
  );
}
