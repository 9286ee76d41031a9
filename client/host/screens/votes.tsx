// PI1, PI2: the projector after a prediction's first vote: how the class voted, with no option
// marked right (the class is watching), and during the discussion its timer.
import { ANSWERS } from '../../../shared/engine/types';
import { OUTCOME_LABELS } from '../../../shared/kinds/outcomes';
import type { Distribution, HostDiscussionPhase, HostVotesPhase } from '../../../shared/protocol/views';
import { secondsLeft } from '../../ui/format';
import { useHostModel } from '../model';

/** The class's votes per option, as bars; `label` says which vote. */
export function VoteBars({ distribution, label }: { distribution: Distribution; label: string }) {
  const voted = ANSWERS.reduce((n, a) => n + distribution[a], 0);
  return (
    <figure class="vote-bars">
      <figcaption>{label}</figcaption>
      <ul>
        {ANSWERS.map((a) => {
          const share = voted > 0 ? distribution[a] / voted : 0;
          return (
            <li key={a} class={`tone-${a}`}>
              <span class="vote-label">{OUTCOME_LABELS[a]}</span>
              <span class="vote-bar" style={{ width: `${Math.round(share * 100)}%` }} />
              <span class="vote-count">{distribution[a]}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

export function VotesScreen({ phase }: { phase: HostVotesPhase | HostDiscussionPhase }) {
  const { serverNow, discuss, revealVotes, extendDiscussion } = useHostModel();
  return (
    <section class="votes">
      <VoteBars distribution={phase.distribution} label="How the class voted" />
      {phase.kind === 'votes' ? (
        <p class="votes-other">
          {phase.main === 'discuss' ? (
            <button type="button" class="secondary" onClick={() => void revealVotes(phase.round)}>
              Reveal instead
            </button>
          ) : (
            <button type="button" class="secondary" onClick={() => void discuss(phase.round)}>
              Discuss and vote again instead
            </button>
          )}
        </p>
      ) : (
        <div class="discussion">
          <p class="ask-big">Talk to your neighbours, then vote again.</p>
          <p class="countdown" aria-live="off">
            {secondsLeft(phase.endsAt, serverNow.value)} s
          </p>
          <button type="button" class="secondary" onClick={() => void extendDiscussion(phase.round)}>
            +30 s
          </button>
        </div>
      )}
    </section>
  );
}
