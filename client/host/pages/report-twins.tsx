// PI9 on the report page: each twin question beside its round's two votes. A twin answered alone
// about as well as the vote after the discussion says the discussion taught; one back at the first
// vote's level says the second vote was copied from neighbours.
import type { ReportShare, ReportTwin } from '../../../shared/protocol/report';
import { percent } from './library-layout';

const shareText = (s: ReportShare): string => `${s.correct} of ${s.eligible} (${percent(s.share)})`;

export function TwinsSection({ twins }: { twins: ReportTwin[] }) {
  return (
    <section class="report-section twins">
      <h2>Twin questions: did the discussion teach?</h2>
      <p>
        A twin is the same idea with new numbers, answered alone right after the round's reveal. If the class
        does about as well on the twin as after the discussion, the discussion taught; if it falls back to the
        first vote, the second vote was copied.
      </p>
      <table class="students twins-table">
        <thead>
          <tr>
            <th scope="col">Round and its twin</th>
            <th scope="col">First vote</th>
            <th scope="col">After the discussion</th>
            <th scope="col">Twin, alone</th>
          </tr>
        </thead>
        <tbody>
          {twins.map((t) => (
            <tr key={t.twin} data-round={t.round + 1}>
              <th scope="row">
                Round {t.round + 1} · twin: round {t.twin + 1}
              </th>
              <td>{shareText(t.firstVote)}</td>
              <td>{shareText(t.secondVote)}</td>
              <td>{shareText(t.twinVote)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
