// "Past games": every finished game of this instructor, newest first, any of which can be ticked to
// download them as one gradebook CSV; and one game's report: the rounds with their share correct, the
// misconceptions the class holds (README M1–M4), the share correct against r, how minds changed in the
// rounds that went to a second vote (PI8), and every student's answers; the answers and the game's
// gradebook as CSV.
import { signal } from '@preact/signals';
import { Fragment } from 'preact';
import { useEffect } from 'preact/hooks';
import { common } from '../../../shared/i18n/en/common';
import { reports as words } from '../../../shared/i18n/en/reports';
import { teacher } from '../../../shared/i18n/en/teacher';
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
  PEER_CHANGES,
  type PeerChange,
  type PeerCounts,
  type ReportAnswer,
  type ReportBar,
  type ReportRound,
} from '../../../shared/protocol/report';
import type { RoundType } from '../../../shared/protocol/schemas';
import { ShareChart } from '../../plots/share-chart';
import { Sized } from '../../plots/sized';
import { MathText } from '../../ui/math-text';
import { OptionMark } from '../../ui/options';
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
import { answerWords, barLabel, ideaWords, roundAnswer, roundSummary } from '../parts/report-text';
import { TableBox } from '../parts/table-box';
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
      <h2 id="gradebook-heading">{words.gradebook}</h2>
      <p class="gradebook-help">{words.gradebookHelp}</p>
      <div class="toolbar">
        <button
          type="button"
          class="primary"
          disabled={count === 0 || tooMany}
          onClick={async () => {
            gradebookNote.value = await downloadGradebook(ids);
          }}
        >
          {words.downloadGradebook}
        </button>
        <span class="picked-count" aria-live="polite">
          {count === 0
            ? words.noneTicked
            : tooMany
              ? words.tooManyTicked(count, GRADEBOOK_MAX_GAMES)
              : words.ticked(count)}
        </span>
        {count > 0 && (
          <button type="button" class="secondary" onClick={() => (picked.value = new Set())}>
            {words.untickAll}
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
    <LibraryLayout title={teacher.pastGames}>
      {(reportsError.value ?? assignmentsError.value) && (
        <p class="error" role="alert">
          {reportsError.value ?? assignmentsError.value}
        </p>
      )}
      {((list !== null && list.length > 0) || homework.length > 0) && <GradebookBar ids={ticked} />}
      {homework.length > 0 && <AssignmentList list={homework} />}
      <h2 class="list-heading">{words.games}</h2>
      {list === null ? (
        <p>{words.loadingGames}</p>
      ) : list.length === 0 ? (
        <p>{words.noGames}</p>
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
                    {words.addToGradebook}
                    <span class="visually-hidden"> ({`${r.title}, ${when(r.endedAt)}`})</span>
                  </span>
                </label>
              }
              title={r.title}
              meta={
                <>
                  {startedEnded(r.startedAt, r.endedAt)} · {words.game(spacedCode(r.code))} ·{' '}
                  {words.students(r.players)} · {words.rounds(r.rounds)} ·{' '}
                  {words.right(percent(r.shareCorrect))}
                </>
              }
              confirming={confirming}
              deleteLabel={words.deleteReportNamed(`${r.title}, ${when(r.endedAt)}`)}
              legend={words.deleteReport}
              question={words.deleteReport}
              onDelete={() => void deleteReport(r.id)}
            >
              <button
                type="button"
                class="primary"
                aria-label={words.openReportNamed(`${r.title}, ${when(r.endedAt)}`)}
                onClick={() => go({ page: 'report', id: r.id })}
              >
                {words.open}
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
  return dueAt === null ? words.noDue : words.due(when(dueAt));
}

/** Homework assignments, newest first: each with its report, its link and QR code, and a tick for the gradebook. */
function AssignmentList({ list }: { list: AssignmentSummary[] }) {
  return (
    <section aria-labelledby="homework-heading">
      <h2 id="homework-heading" class="list-heading">
        {words.homework}
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
                    {words.addToGradebook}
                    <span class="visually-hidden"> ({`${a.title}, ${words.homeworkWord}`})</span>
                  </span>
                </label>
              }
              title={a.title}
              meta={
                <>
                  {words.homework} · {dueText(a.dueAt)} · {words.started(a.started)} ·{' '}
                  {words.finished(a.finished)} · {words.rounds(a.rounds)}
                </>
              }
              confirming={confirming}
              deleteLabel={words.deleteHomeworkNamed(a.title)}
              legend={words.deleteHomeworkAsk}
              question={words.deleteHomework}
              onDelete={() => void deleteAssignment(a.id)}
            >
              <button
                type="button"
                class="primary"
                aria-label={words.openHomeworkNamed(a.title)}
                onClick={() => go({ page: 'assignment', id: a.id })}
              >
                {words.open}
              </button>
              <button
                type="button"
                class="secondary"
                aria-expanded={shownLink.value?.id === a.id}
                aria-label={words.linkNamed(a.title)}
                onClick={async () => {
                  shownLink.value =
                    shownLink.value?.id === a.id ? null : { id: a.id, link: await homeworkLink(a.id) };
                }}
              >
                {words.link}
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
        {teacher.studentsOpen} <a href={link}>{link}</a> {teacher.studentsOpenEnd}
      </p>
      <QrCode text={link} class="homework-qr" />
    </li>
  );
}

/** How each kind of round draws a bar of its answers: one line per kind. */
export const REPORT_ROWS: {
  [T in RoundType]: (bar: ReportBar, i: number, label: string) => Pick<CountRow, 'label' | 'tone'>;
} = {
  predict: (bar, _i, label) => ({
    label: <MathText text={label} />,
    tone: typeof bar.answer === 'string' ? `fill-${bar.answer}` : undefined,
  }),
  'max-alpha': (_bar, _i, label) => ({ label: <MathText text={label} />, tone: undefined }),
  fastest: (_bar, i, label) => ({
    label: (
      <>
        <OptionMark index={i} class="mark-small" /> {label}
      </>
    ),
    tone: `fill-option-${i}`,
  }),
};

function barRows(round: ReportRound): CountRow[] {
  const row = REPORT_ROWS[round.type];
  return round.bars.map((bar, i) => ({
    key: `${i}`,
    ...row(bar, i, barLabel(round, bar, i)),
    count: bar.count,
    correct: bar.isCorrect,
  }));
}

export function ReportPage({ id }: { id: string }) {
  return <LoadedReport id={id} title={words.report} load={loadReport} loaded={report.value} />;
}

export function AssignmentPage({ id }: { id: string }) {
  return (
    <LoadedReport
      id={id}
      title={words.homework}
      load={loadAssignmentReport}
      loaded={assignmentReport.value}
    />
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
          <p>{words.loadingReport}</p>
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
      <h2>{words.whoHasDone}</h2>
      <p class="muted help">{words.devicesHelp}</p>
      {h.students.length === 0 ? (
        <p>{words.nobodyStarted}</p>
      ) : (
        <TableBox>
          <table class="students">
            <thead>
              <tr>
                <th scope="col">{words.name}</th>
                {h.askStudentId && <th scope="col">{words.studentId}</th>}
                <th scope="col">{words.answeredCol}</th>
                <th scope="col">{words.startedCol}</th>
                <th scope="col">{words.lastAnswer}</th>
                <th scope="col">{words.finishedCol}</th>
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
                  <td>{s.finishedAt === null ? words.notYet : time(s.finishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
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
        {words.warmupSaved(note.title, note.rounds)}{' '}
        <button type="button" class="primary small" onClick={() => void playDeck(note.id)}>
          {words.hostNow}
        </button>{' '}
        <Link to={{ page: 'deck', id: note.id }}>{words.openInEditor}</Link>
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
    ? new Date(endedAt).toLocaleTimeString(teacher.locale, { timeStyle: 'short' })
    : when(endedAt);
  return words.startedEnded(when(startedAt), end);
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
          {words.assignedMeta(when(r.startedAt))} · {dueText(homework.dueAt)} ·{' '}
          {homework.reveal === 'each' ? words.revealEach : words.revealEnd} ·{' '}
          {homework.timerSeconds === null ? words.noTimer : words.perQuestion(homework.timerSeconds)} ·{' '}
          {homework.retries ? words.triesAllowed : words.oneTry}
        </p>
      ) : (
        <p class="muted report-meta">
          {words.gameMeta(spacedCode(r.code))} · {startedEnded(r.startedAt, r.endedAt)} ·{' '}
          {words.students(r.players.length)} · {words.played(r.rounds.length, r.roundCount)}
          {r.endedEarly ? words.endedEarly : ''}
        </p>
      )}
      {homework?.closed && homework.dueAt !== null && (
        <p class="due-note" role="status">
          {words.pastDue(when(homework.dueAt))}
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
          {words.downloadAnswers}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={async () => {
            csvNote.value = null;
            gradebookNote.value = await downloadGradebook([id]);
          }}
        >
          {words.downloadGradebook}
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
          {words.warmup}
        </button>
        <button type="button" class="secondary" onClick={() => go({ page: 'reports' })}>
          {words.allPastGames}
        </button>
      </div>
      <WarmupNote />
      <p class="muted help">{words.gradebookNote}</p>
      {(csvNote.value ?? gradebookNote.value) && (
        <p class="error" role="alert">
          {csvNote.value ?? gradebookNote.value}
        </p>
      )}
      {homework && <HomeworkSection homework={homework} />}
      {r.sinceLastTime && <SinceLastTimeSection since={r.sinceLastTime} />}
      <section class="report-section">
        <h2>{words.misconceptions}</h2>
        <p class="muted help">{words.misconceptionsHelp}</p>
        {r.misconceptions.length === 0 ? (
          <p>{words.noMisconception}</p>
        ) : (
          <ul class="misconceptions">
            {r.misconceptions.map((m) => {
              const idea = ideaWords(m);
              return (
                <li key={m.id} data-id={m.id}>
                  <h3>
                    {idea.name}
                    {teacher.colon}
                    <span class="holders">{words.students(m.students.length)}</span>
                  </h3>
                  <p>
                    <MathText text={idea.text} />{' '}
                    <span class="muted">
                      {words.ofAnswers(
                        percent(m.share),
                        m.rounds.map((i) => i + 1).join(', '),
                        percent(m.chance),
                      )}
                    </span>
                  </p>
                  <p class="separates">
                    <MathText text={idea.separates} />
                  </p>
                  <p class="who">
                    {m.students.map((s) => words.shownOf(s.nickname, s.shown, s.tested)).join(', ')}
                  </p>
                </li>
              );
            })}
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
              {words.followUp}
            </button>
            <p class="muted">{words.followUpHelp}</p>
            {followUpNote.value && (
              <p class="error" role="alert">
                {followUpNote.value}
              </p>
            )}
          </div>
        )}
      </section>
      <section class="report-section">
        <h2>{words.intuition}</h2>
        <p>
          <MathText text={words.intuitionHelp} />
        </p>
        {points.length === 0 ? (
          <p class="muted">{words.noPrediction}</p>
        ) : (
          <>
            <Sized class="share-plot">
              {(w, h, em) => <ShareChart points={points} width={w} height={h} em={em} />}
            </Sized>
            {/* On a phone the zones' names and the axis's are too long for the chart: said here instead. */}
            <div class="share-legend">
              <ul>
                {(['converges', 'zigzag', 'diverges'] as const).map((zone) => (
                  <li key={zone}>
                    <span class={`swatch swatch-${zone}`} /> {words.chartZones[zone]}
                  </li>
                ))}
              </ul>
              <p class="muted axis-caption">{words.chartAxis}</p>
            </div>
          </>
        )}
      </section>
      <section class="report-section">
        <h2>{words.roundsHeading}</h2>
        <ol class="report-rounds">
          {r.rounds.map((round) => (
            <li key={round.index} class="report-round" data-round={round.index + 1}>
              <h3>
                {words.round(round.index + 1)} · {teacher.kinds[round.type].name} ·{' '}
                <span class="share">
                  {round.scored ? words.right(percent(round.shareCorrect)) : words.notScored}
                </span>{' '}
                <span class="muted">({words.of(round.correct, round.eligible)})</span>
              </h3>
              <p class="round-summary">
                <MathText text={roundSummary(round)} />
              </p>
              <p>
                {words.rightAnswer}{' '}
                <strong>
                  <MathText text={roundAnswer(round)} />
                </strong>
              </p>
              {round.firstVote && (
                <p class="first-vote-line">
                  {words.secondVote}{' '}
                  {round.scored ? words.right(percent(round.firstVote.shareCorrect)) : words.notScored}{' '}
                  <span class="muted">({words.of(round.firstVote.correct, round.firstVote.eligible)})</span>
                  {words.barsScored}
                </p>
              )}
              <CountBars label={words.answersIn(round.index + 1)} rows={barRows(round)} />
            </li>
          ))}
        </ol>
      </section>
      {r.peer && <PeerSection report={r} />}
      {r.calibration && <CalibrationSection calibration={r.calibration} />}
      {r.twins && <TwinsSection twins={r.twins} />}
      <section class="report-section">
        <h2>{words.studentsHeading}</h2>
        <TableBox>
          <table class="students">
            <thead>
              <tr>
                <th scope="col">{words.rank}</th>
                <th scope="col">{words.nickname}</th>
                <th scope="col">{words.score}</th>
                <th scope="col">{words.answers}</th>
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
                      <td class="num-cell">{common.points(p.score)}</td>
                      <td>
                        <button
                          type="button"
                          class="secondary small"
                          aria-expanded={open}
                          onClick={() => (openStudent.value = open ? null : p.id)}
                        >
                          {open ? words.hide : words.show}{' '}
                          <span class="visually-hidden">{words.answersOf(p.nickname)}</span>
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
                                  {words.round(round.index + 1)}
                                  {teacher.colon}
                                  {a ? (
                                    <MathText text={answerWords(a.answer)} />
                                  ) : homework ? (
                                    words.notReached
                                  ) : (
                                    words.notJoined
                                  )}
                                  {a && a.answer !== null && (
                                    <>
                                      {' '}
                                      {a.correct ? '✓' : '✗'} ·{' '}
                                      {a.seconds === null ? '' : words.seconds(a.seconds)} ·{' '}
                                      {words.points(a.points)}
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
        </TableBox>
      </section>
    </LibraryLayout>
  );
}

/** "3 of 4 (75 %)", or a dash where no answer was given at that level. */
function levelCell(l: CalibrationLevel | undefined): string {
  return !l || l.answers === 0 ? '–' : words.shareOf(l.correct, l.answers, percent(l.share));
}

/** C5: how often each level was right, for the class and per student, and each student's Brier score. */
function CalibrationSection({ calibration }: { calibration: Calibration }) {
  const levels = [...calibration.levels].reverse();
  return (
    <section class="report-section calibration">
      <h2>{words.calibration}</h2>
      <p>{words.calibrationHelp}</p>
      <TableBox>
        <table class="students calibration-table">
          <thead>
            <tr>
              <th scope="col">{words.who}</th>
              {levels.map((l) => (
                <th key={l.level} scope="col">
                  {CONFIDENCE_LABELS[l.level]}
                </th>
              ))}
              <th scope="col">{words.brier}</th>
            </tr>
          </thead>
          <tbody>
            <tr class="calibration-class">
              <th scope="row">{words.theClass}</th>
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
                <td class="num-cell">{p.brier === null ? '–' : words.decimals(p.brier)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
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
      · {words.firstVote}{' '}
      {first.answer === null ? (
        words.none
      ) : (
        <>
          <MathText text={answerWords(first.answer)} /> {first.correct ? '✓' : '✗'}
        </>
      )}
      {a.change && ` (${words.peerChanges[a.change]})`}
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
  return a.change === 'first-only' ? words.kept(first) : `${first} → ${mark(a.correct)}`;
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
      <h2>{words.peer}</h2>
      <p class="muted help">{words.peerHelp}</p>
      <TableBox>
        <table class="students peer-class">
          <thead>
            <tr>
              <th scope="col">{words.roundCol}</th>
              <th scope="col">{words.firstVoteCol}</th>
              <th scope="col">{words.secondVoteCol}</th>
              {PEER_CHANGES.map((c) => (
                <th key={c} scope="col">
                  {capitalised(words.peerChanges[c])}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {revoted.map((round) => (
              <tr key={round.index} data-round={round.index + 1}>
                <th scope="row">{words.round(round.index + 1)}</th>
                <td>
                  {round.scored
                    ? words.right(percent(round.firstVote?.shareCorrect ?? null))
                    : words.notScored}
                </td>
                <td>{round.scored ? words.right(percent(round.shareCorrect)) : words.notScored}</td>
                <CountCells counts={round.firstVote?.changes ?? null} />
              </tr>
            ))}
            {compared.length > 1 && (
              <tr class="peer-total">
                <th scope="row">{words.all}</th>
                <td />
                <td />
                <CountCells counts={peer.class} />
              </tr>
            )}
          </tbody>
        </table>
      </TableBox>
      {compared.length > 0 && (
        <TableBox>
          <table class="students peer-students">
            <thead>
              <tr>
                <th scope="col">{words.student}</th>
                {compared.map((round) => (
                  <th key={round.index} scope="col">
                    {words.round(round.index + 1)}
                  </th>
                ))}
                {COMPARED.map((c) => (
                  <th key={c} scope="col">
                    {capitalised(words.peerChanges[c])}
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
        </TableBox>
      )}
    </section>
  );
}
