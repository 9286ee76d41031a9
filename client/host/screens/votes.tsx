// PI1, PI2: the projector after a prediction's first vote: how the class voted, with no option
// marked right (the class is watching), and during the discussion its timer. The question stays on
// the screen: it is what the class argues about. The main step is the footer's (model.ts nextStep);
// the other is here, one click away.

import { projector } from '../../../shared/i18n/en/projector';
import type { Distribution, HostDiscussionPhase, HostVotesPhase } from '../../../shared/protocol/views';
import { AnswerBars } from '../../plots/answer-bars';
import { ScenarioPlot } from '../../plots/scenario-plot';
import { Sized } from '../../plots/sized';
import { secondsLeft } from '../../ui/format';
import { CostFormula, formatAlpha, StartText } from '../../ui/scenario-text';
import { useHostModel } from '../model';

/** The first vote per option, as the reveal's bars with none marked right (V1). */
function FirstVoteBars({ distribution, total }: { distribution: Distribution; total: number }) {
  const voted = total - distribution.none;
  return (
    <figure class="side-figure votes-figure">
      <figcaption>
        {projector.firstVote}{' '}
        <span class="figure-note">
          {voted} of {total}
        </span>
      </figcaption>
      <Sized class="side-plot bars-plot">
        {(w, h, em) => <AnswerBars distribution={distribution} width={w} height={h} em={em} />}
      </Sized>
    </figure>
  );
}

/** "1:25": minutes and seconds, read from the back of the room. */
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

export function VotesScreen({ phase }: { phase: HostVotesPhase | HostDiscussionPhase }) {
  const { serverNow, discuss, revealVotes, extendDiscussion } = useHostModel();
  // Only prediction rounds go to a first vote (PI1).
  const scenario = phase.task.type === 'predict' ? phase.task.scenario : null;
  const left = phase.kind === 'discussion' ? secondsLeft(phase.endsAt, serverNow.value) : 0;
  return (
    <section class={`votes votes-${phase.kind}`}>
      {scenario && (
        <div class="votes-question">
          <Sized class="big-plot">
            {(w, h, em, uid) => <ScenarioPlot scenario={scenario} width={w} height={h} em={em} uid={uid} />}
          </Sized>
          <div class="votes-params">
            <CostFormula scenario={scenario} />
            <p class="votes-alpha">
              <strong>α = {formatAlpha(scenario.alpha)}</strong> · <StartText scenario={scenario} />
            </p>
          </div>
        </div>
      )}
      <div class="votes-side">
        {phase.kind === 'votes' ? (
          <>
            <FirstVoteBars distribution={phase.distribution} total={phase.total} />
            <p class="votes-other">
              {phase.main === 'discuss' ? (
                <button type="button" class="secondary" onClick={() => void revealVotes(phase.round)}>
                  {projector.revealInstead}
                </button>
              ) : (
                <button type="button" class="secondary" onClick={() => void discuss(phase.round)}>
                  {projector.discussInstead}
                </button>
              )}
            </p>
          </>
        ) : (
          <>
            <p class="ask-big">{projector.talk}</p>
            <div class="discussion-timer">
              <p class="countdown discussion-countdown" role="timer" aria-label={projector.secondsLeft(left)}>
                {clock(left)}
              </p>
              <button type="button" class="secondary" onClick={() => void extendDiscussion(phase.round)}>
                +30 s
              </button>
            </div>
            <FirstVoteBars distribution={phase.distribution} total={phase.total} />
          </>
        )}
      </div>
    </section>
  );
}
