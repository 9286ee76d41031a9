// The phone's final screen. It rides in the reveal's chunk (../explorer/load.ts): a game reaches its
// podium through reveals, which have loaded it; a phone that rejoins at the podium asks for it then.
import type { PlayerView, RankEntry } from '../../../shared/protocol/views';
import { ordinal, points } from '../../ui/format';
import type { PlayerModel } from '../model';

const MEDALS = ['1st', '2nd', '3rd'];

export function PodiumScreen({
  view,
  podium,
  playerCount,
  model,
}: {
  view: PlayerView;
  podium: RankEntry[];
  playerCount: number;
  model: PlayerModel;
}) {
  return (
    <section class="podium">
      <h1>Final results</h1>
      <ol class="podium-list">
        {podium.map((entry, i) => (
          <li key={entry.id} class={`podium-place place-${i + 1} ${entry.id === view.me.id ? 'is-me' : ''}`}>
            <span class="medal">{MEDALS[entry.rank - 1] ?? ordinal(entry.rank)}</span>
            <span class="name">{entry.nickname}</span>
            <span class="score">{points(entry.score)}</span>
          </li>
        ))}
      </ol>
      <p class="you">
        You finished <strong>{ordinal(view.me.rank)}</strong> of {playerCount} with{' '}
        <strong>{points(view.me.score)}</strong> points.
      </p>
      <p class="muted">Thanks for playing, {view.me.nickname}!</p>
      <button type="button" class="secondary" onClick={model.startOver}>
        Join another game
      </button>
    </section>
  );
}
