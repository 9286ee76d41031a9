// PI1, PI2: the phone between the first vote and the second. It travels in the reveal's chunk
// (../explorer/load.ts): the page's first load has no bytes left for it.
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
        <h1>Your teacher is looking at the class's votes</h1>
      ) : (
        <>
          <h1>Talk to your neighbours, then vote again.</h1>
          <p class="score-big" role="timer">
            {secondsLeft(phase.endsAt, now())} s
          </p>
        </>
      )}
      {phase.answer === null ? <p>You did not vote.</p> : <p>You voted:</p>}
      {phase.answer !== null && <AnswerShown answer={phase.answer} />}
    </section>
  );
}

/** PI3: over the second vote's question, what this student voted first (the server's view says it). */
export function SecondVote({ first }: { first: AnswerValue | undefined }) {
  return (
    <p class="second-vote">
      Second vote, after the discussion
      {typeof first === 'string' ? `: you voted “${OUTCOME_LABELS[first]}” first.` : '.'}
    </p>
  );
}
