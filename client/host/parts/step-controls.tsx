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
      <span class={className}>
        Step {animation.shown} of {last}
      </span>
      {animation.done ? (
        <button type="button" class="secondary small" onClick={animation.replay}>
          Replay
        </button>
      ) : (
        <button type="button" class="secondary small" onClick={animation.finish}>
          Show all steps
        </button>
      )}
    </>
  );
}
