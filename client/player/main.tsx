// The phone app: join with a code and a nickname, then follow the game the server runs.
import '../ui/base.css';
import '../ui/answers.css';
import '../plots/plots.css';
import './player.css';
import { type JSX, render } from 'preact';
import { assertNever } from '../../shared/engine/format';
import type { PlayerView } from '../../shared/protocol/views';
import { createConnection } from '../net/connection';
import { Watch } from '../ui/cell';
import { ConnectionBanner } from '../ui/connection-banner';
import { type Extras, extras, loadExtras } from './explorer/load';
import { createPlayerModel, type PlayerModel, type Screen } from './model';
import { JoinScreen } from './screens/join';
import { QuestionScreen } from './screens/question';
import { RevealScreen } from './screens/reveal-hold';
import { LobbyScreen, RejoiningScreen } from './screens/waiting';

/**
 * A screen from the reveal's chunk, asked for as it opens: the votes and the discussion (PI1, PI2),
 * which come after a question, and the podium, which comes after the reveals.
 */
function Lazy({ screen }: { screen: (loaded: Extras) => JSX.Element }) {
  loadExtras();
  const loaded = extras.value;
  return loaded ? screen(loaded) : null;
}

function GameScreen({ view, model }: { view: PlayerView; model: PlayerModel }) {
  const { phase } = view;
  switch (phase.kind) {
    case 'lobby':
      return <LobbyScreen view={view} />;
    case 'question':
      return <QuestionScreen key={phase.round} view={view} phase={phase} model={model} />;
    case 'reveal':
      return <RevealScreen key={phase.round} view={view} phase={phase} now={model.serverNow} />;
    case 'leaderboard':
      return (
        <Lazy
          screen={(m) => (
            <m.LeaderboardScreen view={view} round={phase.round} playerCount={phase.playerCount} />
          )}
        />
      );
    case 'podium':
      return (
        <Lazy
          screen={(m) => (
            <m.PodiumScreen view={view} podium={phase.podium} playerCount={phase.playerCount} model={model} />
          )}
        />
      );
    case 'votes':
    case 'discussion':
      return <Lazy screen={(m) => <m.VotedScreen phase={phase} now={model.serverNow} />} />;
    case 'kicked':
      // The model turns this view into the join screen; nothing to show in between.
      return null;
    default:
      return assertNever(phase);
  }
}

function Body({ current, model }: { current: Screen; model: PlayerModel }) {
  switch (current.kind) {
    case 'join':
      return <JoinScreen notice={current.notice} model={model} />;
    case 'rejoining':
      return <RejoiningScreen code={current.code} nickname={current.nickname} model={model} />;
    case 'game':
      return <GameScreen view={current.view} model={model} />;
    default:
      return assertNever(current);
  }
}

function App({ model }: { model: PlayerModel }) {
  const current = model.screen.value;
  return (
    <>
      <ConnectionBanner
        status={model.status.value}
        visible={current.kind !== 'join' || model.joining.value}
        inGame={current.kind === 'game'}
      />
      <main class={`page page-${current.kind === 'game' ? current.view.phase.kind : current.kind}`}>
        <Body current={current} model={model} />
      </main>
    </>
  );
}

const model = createPlayerModel(createConnection(undefined), location.pathname);
render(<Watch render={() => <App model={model} />} />, document.getElementById('app')!);
