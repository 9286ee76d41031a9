import type { PlayerPhase } from '../../../shared/protocol/views';

type Phase = Extract<PlayerPhase, { kind: 'votes' | 'discussion' }>;

/** PI1, PI2: the vote is closed; during the discussion the phone says what to do. */
export function DiscussionScreen({ phase }: { phase: Phase }) {
  return (
    <section class="center">
      <h1>
        {phase.kind === 'discussion' ? 'Talk to your neighbours, then vote again.' : 'Watch the screen'}
      </h1>
    </section>
  );
}
