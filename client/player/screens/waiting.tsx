import type { PlayerView } from '../../../shared/protocol/views';
import { ordinal, points } from '../../ui/format';
import type { PlayerModel } from '../model';

export function RejoiningScreen({
  code,
  nickname,
  model,
}: {
  code: string;
  nickname: string;
  model: PlayerModel;
}) {
  return (
    <section class="center">
      <h1>Rejoining…</h1>
      <p>
        Game {code} as <strong class="name">{nickname}</strong>
      </p>
      <button type="button" class="secondary" onClick={model.startOver}>
        Join another game
      </button>
    </section>
  );
}

export function LobbyScreen({ view }: { view: PlayerView }) {
  return (
    <section class="center lobby">
      <p class="big-tick" aria-hidden="true">
        ✓
      </p>
      <h1>You're in!</h1>
      <p class="name-card">{view.me.nickname}</p>
      <p>Waiting for the host to start the game…</p>
      <p class="muted">
        Game {view.code} · {view.roundCount} {view.roundCount === 1 ? 'question' : 'questions'}
      </p>
    </section>
  );
}

export function LeaderboardScreen({
  view,
  round,
  playerCount,
}: {
  view: PlayerView;
  round: number;
  playerCount: number;
}) {
  return (
    <section class="center">
      <p class="muted">
        After question {round + 1} of {view.roundCount}
      </p>
      <h1>
        You're {ordinal(view.me.rank)} <span class="of">of {playerCount}</span>
      </h1>
      <p class="score-big">{points(view.me.score)} points</p>
      {view.me.streak > 1 && <p>{view.me.streak} right in a row</p>}
      <p class="muted">The top five are on the projector.</p>
    </section>
  );
}
