// The projector app: create a game, show the code, run the rounds, animate each reveal.
import '../ui/base.css';
import '../ui/answers.css';
import '../plots/plots.css';
import './host.css';
import './library.css';
import { render } from 'preact';
import { assertNever } from '../../shared/engine/format';
import { projector } from '../../shared/i18n/en/projector';
import type { HostView } from '../../shared/protocol/views';
import { createConnection } from '../net/connection';
import { ConnectionBanner } from '../ui/connection-banner';
import { instructorKey } from './instructor';
import { listenToKeys } from './keyboard';
import { hostLanguage, startHostLanguage } from './language';
import { openReport } from './library';
import { createHostModel, HostModelContext, type Screen, useHostModel } from './model';
import { DeckPage } from './pages/deck-page';
import { DecksPage } from './pages/decks-page';
import { KeyPage } from './pages/key-page';
import { AssignmentPage, ReportPage, ReportsPage } from './pages/reports-page';
import { LanguagePicker } from './parts/language-picker';
import { go, route } from './route';
import { CreateScreen, ResumingScreen } from './screens/create';
import { LobbyScreen, siteOf, spacedCode } from './screens/lobby';
import { QuestionScreen } from './screens/question';
import { RevealScreen } from './screens/reveal';
import { LeaderboardScreen, PodiumScreen } from './screens/standings';
import { VotesScreen } from './screens/votes';

function GameScreen({ view }: { view: HostView }) {
  const { phase } = view;
  switch (phase.kind) {
    case 'lobby':
      return <LobbyScreen view={view} />;
    case 'question':
      return <QuestionScreen key={phase.round} phase={phase} />;
    case 'votes':
    case 'discussion':
      return <VotesScreen key={phase.round} phase={phase} />;
    case 'reveal':
      return <RevealScreen key={phase.round} phase={phase} />;
    case 'leaderboard':
      return <LeaderboardScreen view={view} round={phase.round} top={phase.top} />;
    case 'podium':
      return (
        <PodiumScreen
          standings={phase.standings}
          endedEarly={phase.endedEarly}
          roundsPlayed={phase.roundsPlayed}
          roundCount={view.roundCount}
        />
      );
    default:
      return assertNever(phase);
  }
}

function Header({ view }: { view: HostView }) {
  const { phase } = view;
  const round = 'round' in phase ? projector.questionOf(phase.round + 1, view.roundCount) : null;
  // PI9: a twin says so, so the class knows it is the same idea and not a trick.
  const twin = (phase.kind === 'question' || phase.kind === 'reveal') && phase.twinOf !== undefined;
  return (
    <header class="top">
      <span class="brand-small">Overshoot</span>
      {round && <span class="top-round">{round}</span>}
      {twin && <span class="top-twin">{projector.twin}</span>}
      {phase.kind !== 'lobby' && phase.kind !== 'podium' && (
        <span class="top-join">
          {siteOf(view.joinUrl)} · {projector.code} <strong>{spacedCode(view.code)}</strong>
        </span>
      )}
      <LanguagePicker />
    </header>
  );
}

function Footer({ view }: { view: HostView }) {
  const { actionError, actionHeld, askTwin, endArmed, endGame, newGame, nextStep, revealNow } =
    useHostModel();
  const step = nextStep.value;
  const { phase } = view;
  return (
    <footer class="bottom">
      {actionError.value && (
        <p class="error" role="alert">
          {actionError.value}
        </p>
      )}
      {actionHeld.value && (
        <p class="muted" role="status">
          {actionHeld.value}
        </p>
      )}
      <div class="actions">
        {phase.kind === 'podium' ? (
          <>
            {phase.reportId !== null && (
              <button type="button" class="secondary" onClick={() => openReport(phase.reportId!)}>
                {projector.report}
              </button>
            )}
            <button type="button" class="primary" onClick={newGame}>
              {projector.newGame}
            </button>
          </>
        ) : (
          <>
            {phase.kind !== 'lobby' && (
              <button type="button" class={endArmed.value ? 'primary danger' : 'secondary'} onClick={endGame}>
                {endArmed.value ? projector.endArmed : projector.endGame}
              </button>
            )}
            {phase.kind === 'reveal' && phase.twinAvailable && (
              <button type="button" class="secondary" onClick={() => void askTwin(phase.round)}>
                {projector.askTwin}
              </button>
            )}
            {phase.kind === 'question' && (
              <button type="button" class="primary" onClick={revealNow}>
                {projector.revealNow} <kbd>R</kbd>
              </button>
            )}
            {step && phase.kind !== 'question' && (
              <button
                type="button"
                class="primary"
                onClick={() => void step.run()}
                disabled={phase.kind === 'lobby' && view.playerCount === 0}
              >
                {step.label} <kbd>{projector.spaceKey}</kbd>
              </button>
            )}
          </>
        )}
      </div>
    </footer>
  );
}

function Body({ current }: { current: Screen }) {
  const { newGame } = useHostModel();
  switch (current.kind) {
    case 'create':
      return <CreateScreen notice={current.notice} />;
    case 'resuming':
      return <ResumingScreen code={current.code} onNew={newGame} />;
    case 'game':
      return <GameScreen view={current.view} />;
    default:
      return assertNever(current);
  }
}

function App() {
  const page = route.value;
  switch (page.page) {
    case 'decks':
      return <DecksPage />;
    case 'deck':
      return <DeckPage id={page.id} />;
    case 'reports':
      return <ReportsPage />;
    case 'report':
      return <ReportPage id={page.id} />;
    case 'assignment':
      return <AssignmentPage id={page.id} />;
    case 'key':
      return <KeyPage />;
    case 'game':
      return <GameApp />;
    default:
      return assertNever(page);
  }
}

function GameApp() {
  const { screen, status } = useHostModel();
  const current = screen.value;
  const view = current.kind === 'game' ? current.view : null;
  return (
    <div class={`shell shell-${view ? view.phase.kind : current.kind}`}>
      <ConnectionBanner
        status={status.value}
        visible={current.kind !== 'create'}
        inGame={current.kind === 'game'}
      />
      {view && <Header view={view} />}
      <main class="stage">
        <Body current={current} />
      </main>
      {view && <Footer view={view} />}
    </div>
  );
}

const model = createHostModel(createConnection(undefined), {
  instructorKey: () => instructorKey.value,
  showGame: () => go({ page: 'game' }, { force: true }),
});
listenToKeys(model);
startHostLanguage();
/** A new language renders every page anew: the catalogs were copied into, not replaced (./language.ts). */
function InLanguage() {
  return <App key={hostLanguage.value} />;
}
render(
  <HostModelContext.Provider value={model}>
    <InLanguage />
  </HostModelContext.Provider>,
  document.getElementById('app')!,
);
