// The homework page: a student opens the teacher's link, gives a name, and plays the deck alone at
// their own pace, with the live player's question inputs, reveal, plots and α explorer.
import '../ui/base.css';
import '../ui/answers.css';
import '../plots/plots.css';
import '../player/player.css';
import './homework.css';
import { render } from 'preact';
import { homework as TEXT } from '../../shared/i18n/en/homework';
import { type HomeworkInfo, type HomeworkView, TRIES_PER_ROUND } from '../../shared/protocol/homework';
import type { RoundType } from '../../shared/protocol/schemas';
import type { PlayerRevealPhase, PlayerView, TaskOf } from '../../shared/protocol/views';
import { LanguageSwitch } from '../player/screens/join';
import { AnswerShown, QUESTION_INPUTS } from '../player/screens/question';
import { Result } from '../player/screens/reveal';
import { ScenarioPlot } from '../plots/scenario-plot';
import { Sized } from '../plots/sized';
import { Watch } from '../ui/cell';
import { points, secondsLeft } from '../ui/format';
import { CostFormula, StartText } from '../ui/scenario-text';
import { answerInputs, createHomeworkModel, type HomeworkModel } from './model';

type QuestionPhase = Extract<PlayerView['phase'], { kind: 'question' }>;

function Facts({ info }: { info: HomeworkInfo }) {
  return (
    <ul class="hw-facts">
      <li>{TEXT.rounds(info.rounds)}</li>
      <li>{info.dueAt === null ? TEXT.noDue : TEXT.due(info.dueAt)}</li>
      <li>{TEXT.timer(info.timerSeconds)}</li>
      <li>{TEXT.reveal(info.reveal)}</li>
      {info.retries && <li>{TEXT.retries(TRIES_PER_ROUND)}</li>}
      <li>{TEXT.resume}</li>
    </ul>
  );
}

function ErrorLine({ model }: { model: HomeworkModel }) {
  return (
    <p class="error" role="alert" id="hw-error">
      {model.error.value ?? ''}
    </p>
  );
}

function StartScreen({
  info,
  notice,
  model,
}: {
  info: HomeworkInfo;
  notice: string | null;
  model: HomeworkModel;
}) {
  return (
    <form
      class="join"
      onSubmit={(e) => {
        e.preventDefault();
        void model.start();
      }}
    >
      <p class="hw-kicker">{TEXT.pageTitle}</p>
      <h1>{info.title}</h1>
      {notice && (
        <p class="notice" role="alert">
          {notice}
        </p>
      )}
      <Facts info={info} />
      {info.closed && info.dueAt !== null ? (
        <p class="notice" role="alert">
          {TEXT.closed(info.dueAt)}
        </p>
      ) : (
        <>
          <label class="field">
            <span>{TEXT.nameLabel}</span>
            <input
              name="nickname"
              value={model.name.value}
              onInput={(e) => {
                model.name.value = e.currentTarget.value;
              }}
              autocomplete="name"
              autocapitalize="words"
              spellcheck={false}
              placeholder={TEXT.namePlaceholder}
              aria-describedby="hw-error"
            />
          </label>
          {info.askStudentId && (
            <label class="field">
              <span>{TEXT.idLabel}</span>
              <input
                name="studentId"
                value={model.studentId.value}
                onInput={(e) => {
                  model.studentId.value = e.currentTarget.value;
                }}
                autocomplete="off"
                spellcheck={false}
                aria-describedby="hw-id-hint hw-error"
              />
              <span class="hw-hint" id="hw-id-hint">
                {TEXT.idHint}
              </span>
            </label>
          )}
          <ErrorLine model={model} />
          <button type="submit" class="primary" disabled={model.busy.value}>
            {model.busy.value ? TEXT.starting : TEXT.start}
          </button>
        </>
      )}
    </form>
  );
}

function Bar({ view, round, right }: { view: PlayerView; round: number; right?: preact.ComponentChildren }) {
  return (
    <header class="bar">
      <span>{TEXT.question(round + 1, view.roundCount)}</span>
      {right}
    </header>
  );
}

function inputsOf<T extends RoundType>(task: TaskOf<T>, round: number, model: HomeworkModel) {
  const parts: (
    task: TaskOf<T>,
    round: number,
    m: ReturnType<typeof answerInputs>,
  ) => ReturnType<(typeof QUESTION_INPUTS)['predict']> = QUESTION_INPUTS[task.type];
  return parts(task, round, answerInputs(model));
}

function Question({ hw, phase, model }: { hw: HomeworkView; phase: QuestionPhase; model: HomeworkModel }) {
  const { scenario, alpha, input } = inputsOf(phase.task, phase.round, model);
  const timed = hw.info.timerSeconds !== null;
  const left = secondsLeft(phase.deadlineAt, model.serverNow());
  const sending = model.sending.value?.round === phase.round ? model.sending.value.choice : null;
  return (
    <section class="question">
      <Bar
        view={hw.view}
        round={phase.round}
        right={
          timed ? (
            <span
              class={left <= 5 ? 'timer timer-low' : 'timer'}
              role="timer"
              aria-label={TEXT.secondsLeftLabel(left)}
            >
              {TEXT.secondsLeft(left)}
            </span>
          ) : (
            <span class="muted">{TEXT.noTimer}</span>
          )
        }
      />
      <CostFormula scenario={scenario} />
      <Sized class="phone-plot">
        {(w, h, em, uid) => (
          <ScenarioPlot scenario={scenario} width={w} height={h} em={em} uid={uid} compact />
        )}
      </Sized>
      <p class="params">
        {alpha}
        <span>
          <StartText scenario={scenario} />
        </span>
      </p>
      {sending !== null ? (
        <div class="locked" role="status">
          <p class="locked-title">{TEXT.sending}</p>
          <AnswerShown answer={sending} />
        </div>
      ) : timed && left === 0 ? (
        <div class="locked" role="status">
          <p>{TEXT.timeUp}</p>
          <button type="button" class="primary" onClick={() => void model.load()}>
            {TEXT.next}
          </button>
        </div>
      ) : (
        input
      )}
      <ErrorLine model={model} />
    </section>
  );
}

function NextButton({ hw, round, model }: { hw: HomeworkView; round: number; model: HomeworkModel }) {
  const last = round + 1 >= hw.view.roundCount;
  return (
    <div class="hw-next">
      <ErrorLine model={model} />
      <button type="button" class="primary" disabled={model.busy.value} onClick={() => void model.next()}>
        {last ? TEXT.finish : TEXT.next}
      </button>
    </div>
  );
}

function Finished({ hw, model }: { hw: HomeworkView; model: HomeworkModel }) {
  const scored = hw.reveals.filter((r) => r.scored);
  const right = scored.filter((r) => r.correct).length;
  return (
    <section class="hw-results">
      <p class="hw-kicker">{hw.info.title}</p>
      <h1>{TEXT.resultsTitle}</h1>
      <p class="score-big">{TEXT.score(right, scored.length, points(hw.view.me.score))}</p>
      {hw.attempt.finishedAt !== null && <p class="muted">{TEXT.finishedAt(hw.attempt.finishedAt)}</p>}
      <ErrorLine model={model} />
      {hw.reveals.map((phase: PlayerRevealPhase) => (
        <article key={phase.round} class="hw-round">
          <Result
            view={hw.view}
            phase={phase}
            pointsOnly
            bar={<h2 class="hw-round-title">{TEXT.roundHeading(phase.round + 1)}</h2>}
          />
          {(hw.tries[phase.round] ?? 1) > 1 && (
            <p class="muted hw-tries">{TEXT.tries(hw.tries[phase.round] ?? 1)}</p>
          )}
        </article>
      ))}
    </section>
  );
}

function Attempt({ hw, model }: { hw: HomeworkView; model: HomeworkModel }) {
  const { view } = hw;
  const { phase } = view;
  // Past the due date an unfinished attempt takes no more answers: the rounds done, with their reveals.
  if (hw.info.closed && hw.info.dueAt !== null && phase.kind !== 'podium')
    return (
      <>
        <p class="notice" role="alert">
          {TEXT.closed(hw.info.dueAt)}
        </p>
        <Finished hw={hw} model={model} />
      </>
    );
  switch (phase.kind) {
    case 'lobby':
      return (
        <section class="center">
          <p class="hw-kicker">{hw.info.title}</p>
          <h1>{TEXT.readyTitle(hw.attempt.nickname)}</h1>
          <Facts info={hw.info} />
          <ErrorLine model={model} />
          <button type="button" class="primary" disabled={model.busy.value} onClick={() => void model.next()}>
            {TEXT.begin}
          </button>
        </section>
      );
    case 'question':
      return <Question key={phase.round} hw={hw} phase={phase} model={model} />;
    case 'votes': {
      // Reveal "at the end": the answer is saved, its verdict kept by the server until the last one.
      // Reveal "each" with tries left after a wrong answer: only that it is not right yet.
      const { retry } = hw;
      const notYet = retry !== null && hw.info.reveal === 'each';
      return (
        <section class="question">
          <Bar view={view} round={phase.round} />
          <div class="locked" role="status">
            <p class="locked-title">{notYet ? TEXT.notYet : TEXT.savedTitle}</p>
            {phase.answer !== null ? <AnswerShown answer={phase.answer} /> : <p>{TEXT.timeUp}</p>}
            <p class="muted">{notYet ? TEXT.notYetBody(retry.left) : TEXT.savedBody}</p>
          </div>
          {retry !== null && (
            <div class="hw-next">
              <button
                type="button"
                class={notYet ? 'primary' : 'secondary'}
                disabled={model.busy.value}
                onClick={() => void model.retry(retry.round)}
              >
                {TEXT.tryAgain}
              </button>
              {!notYet && <p class="muted">{TEXT.triesLeft(retry.left)}</p>}
            </div>
          )}
          {notYet ? (
            <div class="hw-next">
              <ErrorLine model={model} />
              <button
                type="button"
                class="secondary"
                disabled={model.busy.value}
                onClick={() => void model.show(retry.round)}
              >
                {TEXT.showAnswer}
              </button>
            </div>
          ) : (
            <NextButton hw={hw} round={phase.round} model={model} />
          )}
        </section>
      );
    }
    case 'reveal':
      return (
        <>
          <Result view={view} phase={phase} pointsOnly bar={<Bar view={view} round={phase.round} />} />
          <NextButton hw={hw} round={phase.round} model={model} />
        </>
      );
    case 'podium':
      return <Finished hw={hw} model={model} />;
    default:
      return null;
  }
}

function App({ model }: { model: HomeworkModel }) {
  const current = model.screen.value;
  return (
    <main
      class={`page page-hw-${current.kind === 'attempt' ? current.homework.view.phase.kind : current.kind}`}
    >
      {current.kind === 'loading' ? (
        <p class="muted" role="status">
          {model.error.value ?? TEXT.loading}
        </p>
      ) : current.kind === 'missing' ? (
        <p class="notice" role="alert">
          {TEXT.notFound}
        </p>
      ) : current.kind === 'start' ? (
        <StartScreen info={current.info} notice={current.notice} model={model} />
      ) : (
        <Attempt hw={current.homework} model={model} />
      )}
      {/* On every screen: the attempt is kept by the server, so the reload that switches loses nothing. */}
      <LanguageSwitch />
    </main>
  );
}

const model = createHomeworkModel(location.pathname);
void model.load();
render(<Watch render={() => <App model={model} />} />, document.getElementById('app')!);
