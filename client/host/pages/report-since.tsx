// The return trip on a warm-up's report: each idea both games test, the class's answers on it last
// time and now, and each student's standing on it (README, "The return trip"). A student is right
// on an idea in a game when more than half of the answers they gave on its rounds were right.
import {
  type ReportSinceLastTime,
  WARMUP_STATE_LABELS,
  WARMUP_STATES,
  type WarmupCounts,
  type WarmupShare,
} from '../../../shared/protocol/report';
import { spacedCode } from '../screens/lobby';
import { percent, when } from './library-layout';

const shareText = (s: WarmupShare): string =>
  s.answered === 0 ? '—' : `${percent(s.share)} (${s.correct} of ${s.answered})`;

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

const STATE_HEADS = WARMUP_STATES.map((state) => (
  <th key={state} scope="col">
    {WARMUP_STATE_LABELS[state][0]!.toUpperCase() + WARMUP_STATE_LABELS[state].slice(1)}
  </th>
));

export function SinceLastTimeSection({ since }: { since: ReportSinceLastTime }) {
  if (!since.available)
    return (
      <section class="report-section since-last-time">
        <h2>Since last time</h2>
        <p>{since.why}</p>
      </section>
    );
  const { original, ideas, students } = since;
  const compared = students.filter((s) => s.inOriginal);
  const fresh = students.filter((s) => !s.inOriginal);
  return (
    <section class="report-section since-last-time">
      <h2>Since last time</h2>
      <p>
        This game was the warm-up of <strong>{original.title}</strong> (game {spacedCode(original.code)},{' '}
        {when(original.startedAt)}). For each idea the rounds of both games test, a student is counted right
        in a game when more than half of the answers they gave on those rounds were right: <em>retained</em>{' '}
        is right both times, <em>newly right</em> wrong then and right now, <em>still wrong</em> wrong both
        times, <em>new mistake</em> right then and wrong now. Students are matched by nickname, ignoring
        capitals and extra spaces.
      </p>
      {ideas.length === 0 ? (
        <p>No idea was tested by scored rounds of both games, so there is nothing to compare.</p>
      ) : (
        <>
          <table class="students since-ideas">
            <thead>
              <tr>
                <th scope="col">Idea tested</th>
                <th scope="col">Answers right then</th>
                <th scope="col">Answers right now</th>
                {STATE_HEADS}
              </tr>
            </thead>
            <tbody>
              {ideas.map((idea) => (
                <tr key={idea.id} data-id={idea.id}>
                  <th scope="row">{idea.name}</th>
                  <td>{shareText(idea.before)}</td>
                  <td>{shareText(idea.now)}</td>
                  <CountCells counts={idea.counts} />
                </tr>
              ))}
            </tbody>
          </table>
          <table class="students since-students">
            <caption class="muted">
              Per student, how many of the {ideas.length} ideas fall in each column.
            </caption>
            <thead>
              <tr>
                <th scope="col">Student</th>
                {STATE_HEADS}
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
        </>
      )}
      {fresh.length > 0 && (
        <p class="muted">New since last time (not compared): {fresh.map((s) => s.nickname).join(', ')}.</p>
      )}
      {since.absent.length > 0 && <p class="muted">Not in this game: {since.absent.join(', ')}.</p>}
    </section>
  );
}
