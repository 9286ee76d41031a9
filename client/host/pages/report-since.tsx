// The return trip on a warm-up's report: each idea both games test, the class's answers on it last
// time and now, and each student's standing on it (README, "The return trip"). A student is right
// on an idea in a game when more than half of the answers they gave on its rounds were right.
import { Fragment } from 'preact';
import { reports as words } from '../../../shared/i18n/en/reports';
import {
  type ReportSinceLastTime,
  WARMUP_STATES,
  type WarmupCounts,
  type WarmupShare,
} from '../../../shared/protocol/report';
import { english } from '../language';
import { ideaWords } from '../parts/report-text';
import { TableBox } from '../parts/table-box';
import { spacedCode } from '../screens/lobby';
import { percent, when } from './library-layout';

/**
 * Why there is no comparison: the server writes it in English; its one reason (the original's report
 * is not this instructor's) reads in the host's language, any other as written.
 */
const whyText = (why: string): string =>
  why === english.reports.originalMissing ? words.originalMissing : why;

const shareText = (s: WarmupShare): string =>
  s.answered === 0 ? '—' : `${percent(s.share)} (${words.of(s.correct, s.answered)})`;

function CountCells({ counts }: { counts: WarmupCounts }) {
  return (
    <>
      {WARMUP_STATES.map((state) => (
        <td key={state} class="num-cell">
          {counts[state]}
        </td>
      ))}
    </>
  );
}

/** Made at each render: the words change with the host's language. */
const stateHeads = () =>
  WARMUP_STATES.map((state) => (
    <th key={state} scope="col">
      {words.warmupStates[state][0]!.toUpperCase() + words.warmupStates[state].slice(1)}
    </th>
  ));

export function SinceLastTimeSection({ since }: { since: ReportSinceLastTime }) {
  if (!since.available)
    return (
      <section class="report-section since-last-time">
        <h2>{words.since}</h2>
        <p>{whyText(since.why)}</p>
      </section>
    );
  const { original, ideas, students } = since;
  const compared = students.filter((s) => s.inOriginal);
  const fresh = students.filter((s) => !s.inOriginal);
  return (
    <section class="report-section since-last-time">
      <h2>{words.since}</h2>
      <p>
        {words.sinceOf}
        <strong>{original.title}</strong>
        {words.sinceGame(spacedCode(original.code), when(original.startedAt))}
        {WARMUP_STATES.map((state, i) => (
          <Fragment key={state}>
            {i > 0 && words.sinceNext}
            <em>{words.warmupStates[state]}</em>
            {words.sinceTerm}
            {words.sinceMeans[state]}
          </Fragment>
        ))}
        {words.sinceMatched}
      </p>
      {ideas.length === 0 ? (
        <p>{words.nothingToCompare}</p>
      ) : (
        <>
          <TableBox>
            <table class="students since-ideas">
              <thead>
                <tr>
                  <th scope="col">{words.ideaTested}</th>
                  <th scope="col">{words.rightThen}</th>
                  <th scope="col">{words.rightNow}</th>
                  {stateHeads()}
                </tr>
              </thead>
              <tbody>
                {ideas.map((idea) => (
                  <tr key={idea.id} data-id={idea.id}>
                    <th scope="row">{ideaWords(idea).name}</th>
                    <td>{shareText(idea.before)}</td>
                    <td>{shareText(idea.now)}</td>
                    <CountCells counts={idea.counts} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
          <TableBox>
            <table class="students since-students">
              <caption class="muted">{words.perStudent(ideas.length)}</caption>
              <thead>
                <tr>
                  <th scope="col">{words.student}</th>
                  {stateHeads()}
                </tr>
              </thead>
              <tbody>
                {compared.map((s) => (
                  <tr key={s.nickname}>
                    <th scope="row" class="student-name">
                      {s.nickname}
                    </th>
                    <CountCells counts={s.counts} />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        </>
      )}
      {fresh.length > 0 && <p class="muted">{words.newSince(fresh.map((s) => s.nickname).join(', '))}</p>}
      {since.absent.length > 0 && <p class="muted">{words.notInGame(since.absent.join(', '))}</p>}
    </section>
  );
}
