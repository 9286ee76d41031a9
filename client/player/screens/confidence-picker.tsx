// C1's picker, in the reveal's chunk (../explorer/load.ts): the page's first load has no bytes for it.

import { phoneReveal } from '../../../shared/i18n/en/phone-reveal';
import { CONFIDENCE_LABELS, type Confidence, confidencePoints } from '../../../shared/protocol/confidence';
import type { AnswerValue } from '../../../shared/protocol/views';
import type { PlayerModel } from '../model';
import { AnswerShown } from './question';

/**
 * C1: three big buttons, one tap each, in the thumb's reach at the bottom of the screen; each says
 * what it wins and risks (C3), so the marking explains itself.
 */
export function ConfidencePicker({ choice, model }: { choice: AnswerValue; model: PlayerModel }) {
  return (
    <fieldset class="answers confidence">
      <legend class="prompt">{phoneReveal.howSure}</legend>
      <AnswerShown answer={choice} />
      {LEVELS_SURE_FIRST.map((level) => (
        <button
          key={level}
          type="button"
          class={`answer confidence-${level}`}
          onClick={() => void model.answer(choice, level)}
        >
          <span class="answer-label">{CONFIDENCE_LABELS[level]}</span>
          <span class="answer-hint">
            {phoneReveal.stakes(`+${confidencePoints(level, true)}`, signed(confidencePoints(level, false)))}
          </span>
        </button>
      ))}
      <button type="button" class="link" onClick={() => (model.pending.value = null)}>
        {phoneReveal.change}
      </button>
    </fieldset>
  );
}

const signed = (n: number) => (n < 0 ? `−${-n}` : String(n));

const LEVELS_SURE_FIRST: Confidence[] = ['sure', 'fairly-sure', 'guessing'];
