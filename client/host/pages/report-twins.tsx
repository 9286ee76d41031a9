// PI9 on the report page: each twin question beside its round's two votes. A twin answered alone
// about as well as the vote after the discussion says the discussion taught; one back at the first
// vote's level says the second vote was copied from neighbours.
import { reports as words } from '../../../shared/i18n/en/reports';
import type { ReportShare, ReportTwin } from '../../../shared/protocol/report';
import { TableBox } from '../parts/table-box';
import { percent } from './library-layout';

const shareText = (s: ReportShare): string => words.shareOf(s.correct, s.eligible, percent(s.share));

export function TwinsSection({ twins }: { twins: ReportTwin[] }) {
  return (
    <section class="report-section twins">
      <h2>{words.twins}</h2>
      <p>{words.twinsHelp}</p>
      <TableBox>
        <table class="students twins-table">
          <thead>
            <tr>
              <th scope="col">{words.twinPair}</th>
              <th scope="col">{words.firstVoteCol}</th>
              <th scope="col">{words.afterDiscussion}</th>
              <th scope="col">{words.twinAlone}</th>
            </tr>
          </thead>
          <tbody>
            {twins.map((t) => (
              <tr key={t.twin} data-round={t.round + 1}>
                <th scope="row">{words.twinOf(t.round + 1, t.twin + 1)}</th>
                <td>{shareText(t.firstVote)}</td>
                <td>{shareText(t.secondVote)}</td>
                <td>{shareText(t.twinVote)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
    </section>
  );
}
