import { projector } from '../../../shared/i18n/en/projector';
import type { StepAnimation } from '../../ui/use-step-animation';

/** Where an animated run is, and the one button that fits: show the rest now, or play it again. */
export function StepControls({
  animation,
  last,
  class: className,
}: {
  animation: StepAnimation;
  last: number;
  class?: string;
}) {
  return (
    <>
      <span class={className}>{projector.stepOf(animation.shown, last)}</span>
      {animation.done ? (
        <button type="button" class="secondary small" onClick={animation.replay}>
          {projector.replay}
        </button>
      ) : (
        <button type="button" class="secondary small" onClick={animation.finish}>
          {projector.showAll}
        </button>
      )}
    </>
  );
}
