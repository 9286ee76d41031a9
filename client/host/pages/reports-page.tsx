// "Past games": every finished game of this instructor, newest first, any of which can be ticked to
// download them as one gradebook CSV; and one game's report: the rounds with their share correct, the
// misconceptions the class holds (README M1–M4), the share correct against r, how minds changed in the
// rounds that went to a second vote (PI8), and every student's answers; the answers and the game's
// gradebook as CSV.
import { signal } from '@preact/signals';
import { Fragment } from 'preact';
import { useEffect } from 'preact/hooks';
import { KIND_INFO } from '../../../shared/kinds';
import { OUTCOME_LABELS } from '../../../shared/kinds/outcomes';
import { CONFIDENCE_LABELS } from '../../../shared/protocol/confidence';
import type {
  AssignmentReport,
  AssignmentSummary,
  HomeworkReportPart,
} from '../../../shared/protocol/homework';
import {
  type Calibration,
  type CalibrationLevel,
  type GameReport,
  PEER_CHANGE_LABELS,
  PEER_CHANGES,
  type PeerChange,
  type PeerCounts,
  type ReportAnswer,
  type ReportBar,
  type ReportRound,
} from '../../../shared/protocol/report';
import type { RoundType } from '../../../shared/protocol/schemas';
import type { AnswerValue } from '../../../shared/protocol/views';
import { ShareChart } from '../../plots/share-chart';
import { Sized } from '../../plots/sized';
import { MathText } from '../../ui/math-text';
import { OptionMark } from '../../ui/options';
import { formatAlpha } from '../../ui/scenario-text';
import {
  assignmentReport,
  assignments,
  assignmentsError,
  deleteAssignment,
  deleteReport,
  downloadAssignmentCsv,
  downloadCsv,
  downloadGradebook,
  GRADEBOOK_MAX_GAMES,
  homeworkLink,
  loadAssignmentReport,
  loadAssignments,
  loadReport,
  loadReports,
  makeAssignmentWarmupDeck,
  makeFollowUpDeck,
  makeWarmupDeck,
  report,
  reportError,
  reports,
  reportsError,
} from '../library';
import { useHostModel } from '../model';
import { CountBars, type CountRow } from '../parts/count-bars';
import { Link } from '../parts/link';
import { QrCode } from '../qr-code';
import { go } from '../route';
import { spacedCode } from '../screens/lobby';
import { Card, LibraryLayout, percent, when } from './library-layout';
import { SinceLastTimeSection } from './report-since';
import { TwinsSection } from './report-twins';

const confirming = signal<string | null>(null);
const csvNote = signal<string | null>(null);
/** Why the last follow-up deck could not be made. */
const followUpNote = signal<string | null>(null);
/** The warm-up deck just saved from the report shown, or why it could not be. */
const warmupNote = signal<
  { ok: true; id: string; title: string; rounds: number } | { ok: false; message: string } | null
>(null);
const openStudent = signal<number | null>(null);
/** The games ticked for the gradebook; kept while the instructor opens a report and comes back. */
const picked = signal<ReadonlySet<string>>(new Set());
/** Why the last gradebook could not be downloaded. */
const gradebookNote = signal<string | null>(null);

function setPicked(id: string, on: boolean): void {
  const next = new Set(picked.value);
  if (on) next.add(id);
  else next.delete(id);
  picked.value = next;
}

/** Ticking games of one course and downloading them as one sheet, above the list. */
function GradebookBar({ ids }: { ids: string[] }) {
  const count = ids.length;
  const tooMany = count > GRADEBOOK_MAX_GAMES;
  return (
    <section class="gradebook-bar" aria-labelledby="gradebook-heading">
      <h2 id="gradebook-heading">Gradebook</h2>
      <p class="gradebook-help">
        Tick the games of one course, then download them as one sheet for your gradebook: a row per student
        (matched by nickname, ignoring capitals and extra spaces) and a column of points per game, or per
        round for a single game.
      </p>
      <div class="toolbar">
        <button
          type="button"
          class="primary"
          disabled={count === 0 || tooMany}
          onClick={async () => {
            gradebookNote.value = await downloadGradebook(ids);
          }}
        >
          Download the gradebook (CSV)
        </button>
        <span class="picked-count" aria-live="polite">
          {count === 0
            ? 'No game ticked yet.'
            : tooMany
              ? `${count} games ticked: a gradebook holds at most ${GRADEBOOK_MAX_GAMES}.`
              : `${count} ${count === 1 ? 'game' : 'games'} ticked.`}
        </span>
        {count > 0 && (
          <button type="button" class="secondary" onClick={() => (picked.value = new Set())}>
            Untick all
          </button>
        )}
      </div>
      {gradebookNote.value && (
        <p class="error" role="alert">
          {gradebookNote.value}
        </p>
      )}
    </section>
  );
}

export function ReportsPage() {
  useEffect(() => {
    gradebookNote.value = null;
    void loadReports();
    void loadAssignments();
  }, []);
  const list = reports.value;
  const homework = assignments.value ?? [];
  // A game deleted (here or elsewhere) is no longer ticked; the list's order is the sheet's request.
  const ticked = [...homework, ...(list ?? [])].filter((r) => picked.value.has(r.id)).map((r) => r.id);
  return (
    <LibraryLayout title="Past games">
      {(reportsError.value ?? assignmentsError.value) && (
        <p class="error" role="alert">
          {reportsError.value ?? assignmentsError.value}
        </p>
      )}
      {((list !== null && list.length > 0) || homework.length > 0) && <GradebookBar ids={ticked} />}
      {homework.length > 0 && <AssignmentList list={homework} />}
      <h2 class="list-heading">Games</h2>
      {list === null ? (
        <p>Loading your past games…</p>
      ) : list.length === 0 ? (
        <p>No finished games yet. A game's report is saved here when it reaches its final results.</p>
      ) : (
        <ul class="card-list report-list">
          {list.map((r) => (
            <Card
              key={r.id}
              id={r.id}
              pick={
                <label class="card-pick">
                  <input
                    type="checkbox"
                    checked={picked.value.has(r.id)}
                    onChange={(e) => setPicked(r.id, e.currentTarget.checked)}
                  />
                  <span>
                    Add to gradebook
                    <span class="visually-hidden"> ({`${r.title}, ${when(r.endedAt)}`})</span>
                  </span>
                </label>
              }
              title={r.title}
              meta={
                <>
                  {startedEnded(r.startedAt, r.endedAt)} · game {spacedCode(r.code)} · {r.players}{' '}
                  {r.players === 1 ? 'student' : 'students'} · {r.rounds}{' '}
                  {r.rounds === 1 ? 'round' : 'rounds'} · {percent(r.shareCorrect)} right
                </>
              }
              confirming={confirming}
              deleteLabel={`Delete the report of ${r.title}, ${when(r.endedAt)}`}
              legend="Delete this report?"
              question="Delete this report?"
              onDelete={() => void deleteReport(r.id)}
            >
              <button
                type="button"
                class="primary"
                aria-label={`Open the report of ${r.title}, ${when(r.endedAt)}`}
                onClick={() => go({ page: 'report', id: r.id })}
              >
                Open
              </button>
            </Card>
          ))}
        </ul>
      )}
    </LibraryLayout>
  );
}

/** The link of the assignment whose link and QR code are shown, if any. */
const shownLink = signal<{ id: string; link: string } | null>(null);

export function dueText(dueAt: number | null): string {
  return dueAt === null ? 'no due date' : `due ${when(dueAt)}`;
}

/** Homework assignments, newest first: each with its report, its link and QR code, and a tick for the gradebook. */
function AssignmentList({ list }: { list: AssignmentSummary[] }) {
  return (
    <section aria-labelledby="homework-heading">
      <h2 id="homework-heading" class="list-heading">
        Homework
      </h2>
      <ul class="card-list report-list">
        {list.map((a) => (
          <Fragment key={a.id}>
            <Card
              id={a.id}
              pick={
                <label class="card-pick">
                  <input
                    type="checkbox"
                    checked={picked.value.has(a.id)}
                    onChange={(e) => setPicked(a.id, e.currentTarget.checked)}
                  />
                  <span>
                    Add to gradebook
                    <span class="visually-hidden"> ({`${a.title}, homework`})</span>
                  </span>
                </label>
              }
              title={a.title}
              meta={
                <>
                  Homework · {dueText(a.dueAt)} · {a.started} started · {a.finished} finished · {a.rounds}{' '}
                  {a.rounds === 1 ? 'round' : 'rounds'}
                </>
              }
              confirming={confirming}
              deleteLabel={`Delete the homework ${a.title} and its answers`}
              legend="Delete this homework?"
              question="Delete this homework and every answer to it?"
              onDelete={() => void deleteAssignment(a.id)}
            >
              <button
                type="button"
                class="primary"
                aria-label={`Open the report of the homework ${a.title}`}
                onClick={() => go({ page: 'assignment', id: a.id })}
              >
                Open
              </button>
              <button
                type="button"
                class="secondary"
                aria-expanded={shownLink.value?.id === a.id}
                aria-label={`Link of the homework ${a.title}`}
                onClick={async () => {
                  shownLink.value =
                    shownLink.value?.id === a.id ? null : { id: a.id, link: await homeworkLink(a.id) };
                }}
              >
                Link
              </button>
            </Card>
            {shownLink.value?.id === a.id && <HomeworkLink link={shownLink.value.link} />}
          </Fragment>
        ))}
      </ul>
    </section>
  );
}

/** The link students open, to copy or to scan. */
export function HomeworkLink({ link }: { link: string }) {
  return (
    <li class="homework-link">
      <p>
        Students open <a href={link}>{link}</a> on a phone or a laptop, or scan the code.
      </p>
      <QrCode text={link} class="homework-qr" />
    </li>
  );
}

function answerText(answer: AnswerValue | null): string {
  if (answer === null) return 'no answer';
  return typeof answer === 'string' ? OUTCOME_LABELS[answer] : `α = ${formatAlpha(answer)}`;
}

/** How each kind of round draws a bar of its answers: one line per kind. */
export const REPORT_ROWS: {
  [T in RoundType]: (bar: ReportBar, i: number) => Pick<CountRow, 'label' | 'tone'>;
} = {
  predict: (bar) => ({
    label: <MathText text={bar.label} />,
    tone: typeof bar.answer === 'string' ? `fill-${bar.answer}` : undefined,
  }),
  'max-alpha': (bar) => ({ label: <MathText text={bar.label} />, tone: undefined }),
  fastest: (bar, i) => ({
    label: (
      <>
        <OptionMark index={i} class="mark-small" /> {bar.label}
      </>
    ),
    tone: `fill-option-${i}`,
  }),
};

function barRows(round: ReportRound): CountRow[] {
  const row = REPORT_ROWS[round.type];
  return round.bars.map((bar, i) => ({
    key: `${i}`,
    ...row(bar, i),
    count: bar.count,
    correct: bar.isCorrect,
  }));
}

export function ReportPage({ id }: { id: string }) {
  return <LoadedReport id={id} title="Report" load={loadReport} loaded={report.value} />;
}

export function AssignmentPage({ id }: { id: string }) {
  return (
    <LoadedReport id={id} title="Homework" load={loadAssignmentReport} loaded={assignmentReport.value} />
  );
}

/** A game's or an assignment's report, asked for when its page opens. */
function LoadedReport({
  id,
  title,
  load,
  loaded: shown,
}: {
  id: string;
  title: string;
  load: (id: string) => Promise<void>;
  loaded: { id: string; report: GameReport | AssignmentReport } | null;
}) {
  useEffect(() => {
    void load(id);
    csvNote.value = null;
    gradebookNote.value = null;
    followUpNote.value = null;
    warmupNote.value = null;
    openStudent.value = null;
  }, [id, load]);
  const loaded = shown?.id === id ? shown.report : null;
  if (!loaded)
    return (
      <LibraryLayout title={title}>
        {reportError.value ? (
          <p class="error" role="alert">
            {reportError.value}
          </p>
        ) : (
          <p>Loading the report…</p>
        )}
      </LibraryLayout>
    );
  return <ReportBody id={id} report={loaded} />;
}

/** Who started, who finished and when; a name on two devices, or a retry, has a line of its own. */
function HomeworkSection({ homework: h }: { homework: HomeworkReportPart }) {
  const time = (ms: number | null) => (ms === null ? '–' : when(ms));
  return (
    <section class="report-section">
      <h2>Who has done it</h2>
      <p class="muted help">
        Each line is one device's try. A name used on two devices is two lines, “(device 2)”; a try again
        after finishing is “(try 2)”.
      </p>
      {h.students.length === 0 ? (
        <p>Nobody has started yet.</p>
      ) : (
        <table class="students">
          <thead>
            <tr>
              <th scope="col">Name</th>
              {h.askStudentId && <th scope="col">Student id</th>}
              <th scope="col">Answered</th>
              <th scope="col">Started</th>
              <th scope="col">Last answer</th>
              <th scope="col">Finished</th>
            </tr>
          </thead>
          <tbody>
            {h.students.map((s) => (
              <tr key={s.playerId}>
                <td class="student-name">{s.nickname}</td>
                {h.askStudentId && <td>{s.studentId}</td>}
                <td class="num-cell">{s.answered}</td>
                <td>{time(s.startedAt)}</td>
                <td>{time(s.lastAt)}</td>
                <td>{s.finishedAt === null ? 'not yet' : time(s.finishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** What the warm-up button did: the deck saved, with a way to host it, or why not. */
function WarmupNote() {
  const { playDeck, createError } = useHostModel();
  const note = warmupNote.value;
  if (!note) return null;
  if (!note.ok)
    return (
      <p class="error" role="alert">
        {note.message}
      </p>
    );
  return (
    <>
      <p class="warmup-note" role="status">
        Saved “{note.title}” to My decks: {note.rounds} generated rounds on the ideas this class found
        hardest, none of them a round of this game. When it is played, its report shows what lasted.{' '}
        <button type="button" class="primary small" onClick={() => void playDeck(note.id)}>
          Host it now
        </button>{' '}
        <Link to={{ page: 'deck', id: note.id }}>Open it in the editor</Link>
      </p>
      {createError.value && (
        <p class="error" role="alert">
          {createError.value}
        </p>
      )}
    </>
  );
}

const sameDay = (a: number, b: number): boolean => new Date(a).toDateString() === new Date(b).toDateString();

/** Both ends of a game, labelled, in the list and on the report alike; the day once if it is one. */
export function startedEnded(startedAt: number, endedAt: number): string {
  const end = sameDay(startedAt, endedAt)
    ? new Date(endedAt).toLocaleTimeString('en-GB', { timeStyle: 'short' })
    : when(endedAt);
  return `Started ${when(startedAt)} · ended ${end}`;
}

function ReportBody({ id, report: r }: { id: string; report: GameReport | AssignmentReport }) {
  const homework = 'homework' in r ? r.homework : null;
  const points = r.rounds
    .filter((x) => x.ratio !== null && x.shareCorrect !== null && x.scored)
    .map((x) => ({ round: x.index + 1, ratio: x.ratio!, share: x.shareCorrect! }));
  return (
    <LibraryLayout title={r.title}>
      {homework ? (
        <p class="muted report-meta">
          Homework · assigned {when(r.startedAt)} · {dueText(homework.dueAt)} · reveal{' '}
          {homework.reveal === 'each' ? 'after each answer' : 'at the end'} ·{' '}
          {homework.timerSeconds === null ? 'no timer' : `${homework.timerSeconds} s per question`} ·{' '}
          {homework.retries ? 'tries again allowed' : 'one try'}
        </p>
      ) : (
        <p class="muted report-meta">
          Game {spacedCode(r.code)} · {startedEnded(r.startedAt, r.endedAt)} · {r.players.length}{' '}
          {r.players.length === 1 ? 'student' : 'students'} · {r.rounds.length} of {r.roundCount} rounds
          played
          {r.endedEarly ? ' (ended early)' : ''}
        </p>
      )}
      {homework?.closed && homework.dueAt !== null && (
        <p class="due-note" role="status">
          Past its due date ({when(homework.dueAt)}): new attempts and answers are refused.
        </p>
      )}
      <div class="toolbar">
        <button
          type="button"
          class="primary"
          onClick={async () => {
            gradebookNote.value = null;
            csvNote.value = await (homework ? downloadAssignmentCsv(id) : downloadCsv(id));
          }}
        >
          Download the answers (CSV)
        </button>
        <button
          type="button"
          class="secondary"
          onClick={async () => {
            csvNote.value = null;
            gradebookNote.value = await downloadGradebook([id]);
          }}
        >
          Download the gradebook (CSV)
        </button>
        <button
          type="button"
          class="secondary"
          onClick={async () => {
            const made = await (homework ? makeAssignmentWarmupDeck(id) : makeWarmupDeck(id));
            warmupNote.value = made.ok
              ? { ok: true, id: made.deck.id, title: made.deck.title, rounds: made.deck.rounds }
              : made;
          }}
        >
          Warm-up for next lecture
        </button>
        <button type="button" class="secondary" onClick={() => go({ page: 'reports' })}>
          All past games
        </button>
      </div>
      <WarmupNote />
      <p class="muted help">
        The gradebook is a sheet to import into Moodle, Canvas or another gradebook: a row per student and a
        column of points per round. To combine several games in one sheet, tick them on Past games.
      </p>
      {(csvNote.value ?? gradebookNote.value) && (
        <p class="error" role="alert">
          {csvNote.value ?? gradebookNote.value}
        </p>
      )}
      {homework && <HomeworkSection homework={homework} />}
      {r.sinceLastTime && <SinceLastTimeSection since={r.sinceLastTime} />}
      <section class="report-section">
        <h2>Misconceptions the class holds</h2>
        <p class="muted help">
          Each wrong answer is read as the wrong idea it shows (a zig-zag answered “diverges”, a largest α
          guessed near α*/2, …). A student holds one when at least 2 of their answers show it and at least
          half of their answers to the rounds that test it, 25 points more than guessing would. The class is
          said to hold it only when its answers on those rounds show it at least 15 points more often than
          guessing among the options would: a class answering at random is not diagnosed.
        </p>
        {r.misconceptions.length === 0 ? (
          <p>None: no wrong idea showed clearly above chance, in at least two rounds.</p>
        ) : (
          <ul class="misconceptions">
            {r.misconceptions.map((m) => (
              <li key={m.id} data-id={m.id}>
                <h3>
                  {m.name}:{' '}
                  <span class="holders">
                    {m.students.length} {m.students.length === 1 ? 'student' : 'students'}
                  </span>
                </h3>
                <p>
                  <MathText text={m.text} />{' '}
                  <span class="muted">
                    {percent(m.share)} of the answers in rounds {m.rounds.map((i) => i + 1).join(', ')}{' '}
                    (guessing: {percent(m.chance)}).
                  </span>
                </p>
                <p class="separates">
                  <MathText text={m.separates} />
                </p>
                <p class="who">
                  {m.students.map((s) => `${s.nickname} (${s.shown} of ${s.tested})`).join(', ')}
                </p>
              </li>
            ))}
          </ul>
        )}
        {r.misconceptions.length > 0 && (
          <div class="follow-up">
            <button
              type="button"
              class="primary"
              onClick={async () => {
                followUpNote.value = await makeFollowUpDeck(id);
              }}
            >
              Build a follow-up deck
            </button>
            <p class="muted">
              Saves a new deck to your decks and opens it in the editor: 3 generated rounds for each of the
              first three misconceptions above, on which the wrong idea and the right one give different
              answers, among other rounds so that the outcomes stay balanced.
            </p>
            {followUpNote.value && (
              <p class="error" role="alert">
                {followUpNote.value}
              </p>
            )}
          </div>
        )}
      </section>
      <section class="report-section">
        <h2>Where the class's intuition breaks</h2>
        <p>
          Share of right answers in each prediction round against its r = α·λ<sub>max</sub>: r = 1 and r = 2
          are the boundaries between converging, zig-zagging and diverging.
        </p>
        {points.length === 0 ? (
          <p class="muted">No prediction round was scored in this game.</p>
        ) : (
          <Sized class="share-plot">
            {(w, h, em) => <ShareChart points={points} width={w} height={h} em={em} />}
          </Sized>
        )}
      </section>
      <section class="report-section">
        <h2>Rounds</h2>
        <ol class="report-rounds">
          {r.rounds.map((round) => (
            <li key={round.index} class="report-round" data-round={round.index + 1}>
              <h3>
                Round {round.index + 1} · {KIND_INFO[round.type].name} ·{' '}
                <span class="share">
                  {round.scored ? `${percent(round.shareCorrect)} right` : 'not scored'}
                </span>{' '}
                <span class="muted">
                  ({round.correct} of {round.eligible})
                </span>
              </h3>
              <p class="round-summary">
                <MathText text={round.summary} />
              </p>
              <p>
                Right answer: <strong>{<MathText text={round.answerText} />}</strong>
              </p>
              {round.firstVote && (
                <p class="first-vote-line">
                  Went to a second vote. First vote:{' '}
                  {round.scored ? `${percent(round.firstVote.shareCorrect)} right` : 'not scored'}{' '}
                  <span class="muted">
                    ({round.firstVote.correct} of {round.firstVote.eligible})
                  </span>
                  ; the bars are the vote that scored.
                </p>
              )}
              <CountBars label={`Answers in round ${round.index + 1}`} rows={barRows(round)} />
            </li>
          ))}
        </ol>
      </section>
      {r.peer && <PeerSection report={r} />}
      {r.calibration && <CalibrationSection calibration={r.calibration} />}
      {r.twins && <TwinsSection twins={r.twins} />}
      <section class="report-section">
        <h2>Students</h2>
        <table class="students">
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Nickname</th>
              <th scope="col">Score</th>
              <th scope="col">Answers</th>
            </tr>
          </thead>
          <tbody>
            {r.players.map((p) => {
              const open = openStudent.value === p.id;
              return (
                <Fragment key={p.id}>
                  <tr>
                    <td>{p.rank}</td>
                    <td class="student-name">{p.nickname}</td>
                    <td class="num-cell">{p.score.toLocaleString('en-US')}</td>
                    <td>
                      <button
                        type="button"
                        class="secondary small"
                        aria-expanded={open}
                        onClick={() => (openStudent.value = open ? null : p.id)}
                      >
                        {open ? 'Hide' : 'Show'} <span class="visually-hidden">{p.nickname}'s answers</span>
                      </button>
                    </td>
                  </tr>
                  {open && (
                    <tr class="student-answers">
                      <td colSpan={4}>
                        <ul>
                          {r.rounds.map((round) => {
                            const a = round.answers.find((x) => x.playerId === p.id);
                            return (
                              <li key={round.index}>
                                Round {round.index + 1}:{' '}
                                {a ? (
                                  <MathText text={answerText(a.answer)} />
                                ) : homework ? (
                                  'not reached yet'
                                ) : (
                                  'not yet joined'
                                )}
                                {a && a.answer !== null && (
                                  <>
                                    {' '}
                                    {a.correct ? '✓' : '✗'} · {a.seconds?.toFixed(1)} s · {a.points} points
                                    {a.confidence && ` · ${CONFIDENCE_LABELS[a.confidence].toLowerCase()}`}
                                  </>
                                )}
                                {a?.firstVote && <FirstVoteText answer={a} />}
                              </li>
                            );
                          })}
                        </ul>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </section>
    </LibraryLayout>
  );
}

/** "3 of 4 (75 %)", or a dash where no answer was given at that level. */
function levelCell(l: CalibrationLevel | undefined): string {
  return !l || l.answers === 0 ? '–' : `${l.correct} of ${l.answers} (${percent(l.share)})`;
}

/** C5: how often each level was right, for the class and per student, and each student's Brier score. */
function CalibrationSection({ calibration }: { calibration: Calibration }) {
  const levels = [...calibration.levels].reverse();
  return (
    <section class="report-section calibration">
      <h2>How sure, how right</h2>
      <p>
        Answers at each level and how many were right, over the scored rounds. A calibrated student is right
        about 90 % of the time when sure, 67–80 % when fairly sure, less when guessing. Sure and wrong is the
        answer most worth going back to: a confident error, once understood, is the one remembered best. The
        Brier score is 0 for perfect confidence; always saying “guessing” scores 0.25.
      </p>
      <table class="students calibration-table">
        <thead>
          <tr>
            <th scope="col">Who</th>
            {levels.map((l) => (
              <th key={l.level} scope="col">
                {CONFIDENCE_LABELS[l.level]}
              </th>
            ))}
            <th scope="col">Brier score</th>
          </tr>
        </thead>
        <tbody>
          <tr class="calibration-class">
            <th scope="row">The class</th>
            {levels.map((l) => (
              <td key={l.level}>{levelCell(l)}</td>
            ))}
            <td>–</td>
          </tr>
          {calibration.students.map((p) => (
            <tr key={p.id}>
              <th scope="row" class="student-name">
                {p.nickname}
              </th>
              {levels.map((l) => (
                <td key={l.level}>{levelCell(p.levels.find((x) => x.level === l.level))}</td>
              ))}
              <td class="num-cell">{p.brier === null ? '–' : p.brier.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** PI8: a student's first vote after the vote that scored, and how the two compare. */
function FirstVoteText({ answer: a }: { answer: ReportAnswer }) {
  const first = a.firstVote;
  if (!first) return null;
  return (
    <span class="first-vote-text">
      {' '}
      · first vote:{' '}
      {first.answer === null ? (
        'none'
      ) : (
        <>
          <MathText text={answerText(first.answer)} /> {first.correct ? '✓' : '✗'}
        </>
      )}
      {a.change && ` (${PEER_CHANGE_LABELS[a.change]})`}
    </span>
  );
}

/** The four changes a student who voted twice can make (PI8); the others are counted for the class only. */
const COMPARED: readonly PeerChange[] = ['wrong-to-right', 'right-to-wrong', 'stayed-right', 'stayed-wrong'];

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "✗ → ✓" for a student who voted twice; a dash for a missing vote. */
function changeMarks(a: ReportAnswer | undefined): string {
  if (!a?.change) return '–';
  const mark = (correct: boolean) => (correct ? '✓' : '✗');
  if (a.change === 'second-only') return `– → ${mark(a.correct)}`;
  const first = mark(a.firstVote?.correct ?? false);
  return a.change === 'first-only' ? `${first} (kept)` : `${first} → ${mark(a.correct)}`;
}

function CountCells({ counts }: { counts: PeerCounts | null }) {
  return (
    <>
      {PEER_CHANGES.map((c) => (
        <td key={c} class="num-cell">
          {counts ? counts[c] : '–'}
        </td>
      ))}
    </>
  );
}

/** PI8: for each round that went to a second vote, how the class's minds changed; then each student's. */
function PeerSection({ report: r }: { report: GameReport }) {
  const peer = r.peer;
  if (!peer) return null;
  const revoted = r.rounds.filter((x) => x.firstVote);
  const compared = r.rounds.filter((x) => peer.rounds.includes(x.index));
  return (
    <section class="report-section peer">
      <h2>Discussion and second vote</h2>
      <p class="muted help">
        Each student's two votes, by whether each was right. A move between two wrong answers stays wrong. A
        student who did not vote again kept their first vote, which scored; one who joined during the
        discussion or missed the first vote has a second vote only. Neither is counted as staying.
      </p>
      <table class="students peer-class">
        <thead>
          <tr>
            <th scope="col">Round</th>
            <th scope="col">First vote</th>
            <th scope="col">Second vote</th>
            {PEER_CHANGES.map((c) => (
              <th key={c} scope="col">
                {capitalised(PEER_CHANGE_LABELS[c])}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {revoted.map((round) => (
            <tr key={round.index} data-round={round.index + 1}>
              <th scope="row">Round {round.index + 1}</th>
              <td>
                {round.scored ? `${percent(round.firstVote?.shareCorrect ?? null)} right` : 'not scored'}
              </td>
              <td>{round.scored ? `${percent(round.shareCorrect)} right` : 'not scored'}</td>
              <CountCells counts={round.firstVote?.changes ?? null} />
            </tr>
          ))}
          {compared.length > 1 && (
            <tr class="peer-total">
              <th scope="row">All</th>
              <td />
              <td />
              <CountCells counts={peer.class} />
            </tr>
          )}
        </tbody>
      </table>
      {compared.length > 0 && (
        <table class="students peer-students">
          <thead>
            <tr>
              <th scope="col">Student</th>
              {compared.map((round) => (
                <th key={round.index} scope="col">
                  Round {round.index + 1}
                </th>
              ))}
              {COMPARED.map((c) => (
                <th key={c} scope="col">
                  {capitalised(PEER_CHANGE_LABELS[c])}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {peer.students.map((p) => (
              <tr key={p.id}>
                <th scope="row" class="student-name">
                  {p.nickname}
                </th>
                {compared.map((round) => (
                  <td key={round.index} class="peer-marks">
                    {changeMarks(round.answers.find((a) => a.playerId === p.id))}
                  </td>
                ))}
                {COMPARED.map((c) => (
                  <td key={c} class="num-cell">
                    {p.changes[c]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
