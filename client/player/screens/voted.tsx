// PI1, PI2: the phone between the first vote and the second. It travels in the reveal's chunk
// (../explorer/load.ts): the page's first load has no bytes left for it.

import { common } from '../../../shared/i18n/en/common';
import { phoneReveal } from '../../../shared/i18n/en/phone-reveal';
import { OUTCOME_LABELS } from '../../../shared/kinds/outcomes';
import type { AnswerValue, PlayerPhase } from '../../../shared/protocol/views';
import { secondsLeft } from '../../ui/format';
import { AnswerShown } from './question';

/**
 * PI1, PI2: after the first vote the phone shows the student's own vote, never the outcome (V1);
 * during the discussion, what to do and the time left.
 */
export function VotedScreen({
  phase,
  now,
}: {
  phase: Extract<PlayerPhase, { kind: 'votes' | 'discussion' }>;
  now: () => number;
}) {
  return (
    <section class="center">
      {phase.kind === 'votes' ? (
        <h1>{phoneReveal.votesTitle}</h1>
      ) : (
        <>
          <h1>{phoneReveal.discussTitle}</h1>
          <p class="score-big" role="timer">
            {secondsLeft(phase.endsAt, now())} {common.seconds}
          </p>
        </>
      )}
      {phase.answer === null ? <p>{phoneReveal.didNotVote}</p> : <p>{phoneReveal.youVoted}</p>}
      {phase.answer !== null && <AnswerShown answer={phase.answer} />}
    </section>
  );
}

/** PI3: over the second vote's question, what this student voted first (the server's view says it). */
export function SecondVote({ first }: { first: AnswerValue | undefined }) {
  return (
    <p class="second-vote">
      {phoneReveal.secondVote}
      {typeof first === 'string' ? phoneReveal.votedFirst(OUTCOME_LABELS[first]) : '.'}
    </p>
  );
}
