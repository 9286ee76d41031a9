// The "largest α" answer form: in the chunk of the reveal (re-exported by ./reveal.tsx), loaded
// when such a question opens, so the page's first load stays within its budget.

import { phoneReveal } from '../../../shared/i18n/en/phone-reveal';
import type { TaskOf } from '../../../shared/protocol/views';
import { MathText } from '../../ui/math-text';
import { formatAlpha } from '../../ui/scenario-text';
import type { PlayerModel } from '../model';

/** Slider positions: fine enough that neighbouring stops differ in the third digit. */
const STOPS = 1000;

/** "0,05", "5e-2", " .05 ": what students type, read as a number; NaN when it is not one. */
export const readAlpha = (text: string): number => Number(text.trim().replace(',', '.') || Number.NaN);

/** What the server takes as a learning rate (AlphaGuess in shared/protocol/schemas.ts). */
const isAlpha = (x: number): boolean => x > 0 && x <= 1e6;

/**
 * A log-scale slider over the task's range, or a typed α (any α > 0, even outside the slider).
 * Slid values keep three significant digits, so the α shown is the α sent. The slider starts with
 * no value: a thumb placed anywhere would anchor the guesses, and in some rooms already score
 * (issue 12). Nothing can be locked in before the student has slid or typed an α, so every α sent
 * is one the student chose, and the answer needs no "moved" flag.
 */
export function MaxAlphaForm({
  round,
  task,
  model,
}: {
  round: number;
  task: TaskOf<'max-alpha'>;
  model: PlayerModel;
}) {
  const { answer, guess } = model;
  const { min, max } = task.range;
  const decades = Math.log(max / min);
  const alphaAt = (stop: number) => Number((min * Math.exp((decades * stop) / STOPS)).toPrecision(3));
  const mine = guess.value?.round === round ? guess.value : null;
  const alpha = mine?.alpha ?? null;
  const typed = mine?.text ?? '';
  const bad = typed.trim() !== '' && !isAlpha(readAlpha(typed));
  const shown = alpha === null ? null : formatAlpha(alpha);
  const stop = alpha === null ? STOPS / 2 : Math.round((STOPS * Math.log(alpha / min)) / decades);
  return (
    <form
      class="guess"
      onSubmit={(e) => {
        e.preventDefault();
        if (!bad && alpha !== null) void answer(alpha);
      }}
    >
      <p class="prompt">{phoneReveal.maxAlphaPrompt}</p>
      <p class={shown === null ? 'alpha guess-value guess-empty' : 'alpha guess-value'} aria-hidden="true">
        {shown === null ? (
          phoneReveal.slideOrType
        ) : (
          <>
            α = <MathText text={shown} />
          </>
        )}
      </p>
      <input
        type="range"
        class={alpha === null ? 'guess-slider guess-slider-empty' : 'guess-slider'}
        min={0}
        max={STOPS}
        value={Math.max(0, Math.min(STOPS, stop))}
        aria-label={phoneReveal.sliderLabel}
        aria-valuetext={shown === null ? phoneReveal.noAlphaYet : `α = ${shown}`}
        onInput={(e) => {
          guess.value = { round, alpha: alphaAt(Number(e.currentTarget.value)), text: '' };
        }}
      />
      <p class="guess-ends muted" aria-hidden="true">
        <MathText text={formatAlpha(Number(min.toPrecision(3)))} />
        <span>{phoneReveal.logScale}</span>
        <MathText text={formatAlpha(Number(max.toPrecision(3)))} />
      </p>
      <label class="field">
        <span>{phoneReveal.orType}</span>
        <input
          name="alpha"
          inputMode="decimal"
          autocomplete="off"
          placeholder={phoneReveal.example}
          value={typed}
          aria-invalid={bad}
          onInput={(e) => {
            const text = e.currentTarget.value;
            const value = readAlpha(text);
            guess.value = { round, alpha: isAlpha(value) ? value : alpha, text };
          }}
        />
      </label>
      {bad && (
        <p class="error" role="alert">
          {phoneReveal.badAlpha}
        </p>
      )}
      <button type="submit" class="primary" disabled={alpha === null || bad}>
        {shown === null ? (
          phoneReveal.chooseFirst
        ) : (
          <>
            {phoneReveal.lockIn} α = <MathText text={shown} />
          </>
        )}
      </button>
    </form>
  );
}
