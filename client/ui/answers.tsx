// One look per answer, used everywhere an answer appears (buttons, bars, reveal text, on both apps):
// a colour AND a shape, so a colour-blind student tells them apart by the icon alone. Colours are
// from the Okabe–Ito palette (blue, orange, a darkened vermillion): they differ in lightness as
// well as hue, and each carries text at a contrast of at least 4.5:1.
import type { JSX } from 'preact';
import type { Answer, Outcome } from '../../shared/engine/types';
import { common } from '../../shared/i18n/en/common';
import { OUTCOME_LABELS } from '../../shared/kinds/outcomes';

/** What each answer means, in the words of the lesson. */
export const ANSWER_HINTS: Record<Answer, string> = common.hints;

/** A bullseye: the run reaches its target. */
function ConvergesShape() {
  return (
    <>
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2.5" />
      <circle cx="12" cy="12" r="3.5" fill="currentColor" />
    </>
  );
}

/** A zig-zag whose swings shrink. */
function ZigzagShape() {
  return (
    <polyline
      points="2,4 7,20 12,7 16,17 19,10 22,13"
      fill="none"
      stroke="currentColor"
      stroke-width="2.5"
      stroke-linejoin="round"
      stroke-linecap="round"
    />
  );
}

/** Four arrows flying apart. */
function DivergesShape() {
  const arm = (rotate: number) => (
    <g key={rotate} transform={`rotate(${rotate} 12 12)`}>
      <line
        x1="14"
        y1="10"
        x2="20.5"
        y2="3.5"
        stroke="currentColor"
        stroke-width="2.5"
        stroke-linecap="round"
      />
      <polyline
        points="15,3.5 20.5,3.5 20.5,9"
        fill="none"
        stroke="currentColor"
        stroke-width="2.5"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </g>
  );
  return <>{[0, 90, 180, 270].map(arm)}</>;
}

/** A double-headed arrow: back and forth for ever. */
function OscillatesShape() {
  return (
    <>
      <line x1="3" y1="12" x2="21" y2="12" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" />
      <polyline
        points="7,7 2.5,12 7,17"
        fill="none"
        stroke="currentColor"
        stroke-width="2.5"
        stroke-linecap="round"
      />
      <polyline
        points="17,7 21.5,12 17,17"
        fill="none"
        stroke="currentColor"
        stroke-width="2.5"
        stroke-linecap="round"
      />
    </>
  );
}

const SHAPES: Record<Outcome, () => JSX.Element> = {
  converges: ConvergesShape,
  zigzag: ZigzagShape,
  diverges: DivergesShape,
  oscillates: OscillatesShape,
};

/** The answer's shape; decorative, since a label always goes with it. */
export function AnswerIcon({
  outcome,
  class: className = 'answer-icon',
  ...place
}: {
  outcome: Outcome;
  class?: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}) {
  const Shape = SHAPES[outcome];
  return (
    <svg class={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false" {...place}>
      <Shape />
    </svg>
  );
}

/** An outcome as a coloured tag with its icon and its name. */
export function OutcomeTag({ outcome, class: extra = '' }: { outcome: Outcome; class?: string }) {
  return (
    <span class={`outcome-tag tone-${outcome} ${extra}`}>
      <AnswerIcon outcome={outcome} />
      <span>{OUTCOME_LABELS[outcome]}</span>
    </span>
  );
}
