// The phone's final screen. It rides in the reveal's chunk (../explorer/load.ts): a game reaches its
// podium through reveals, which have loaded it; a phone that rejoins at the podium asks for it then.

import { phoneReveal } from '../../../shared/i18n/en/phone-reveal';
import type { PlayerView, RankEntry } from '../../../shared/protocol/views';
import { ordinal, points } from '../../ui/format';
import type { PlayerModel } from '../model';

const MEDALS = phoneReveal.medals;

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
      <h1>{phoneReveal.finalResults}</h1>
      <ol class="podium-list">
        {podium.map((entry, i) => (
          <li key={entry.id} class={`podium-place place-${i + 1} ${entry.id === view.me.id ? 'is-me' : ''}`}>
            <span class="medal">{MEDALS[entry.rank - 1] ?? ordinal(entry.rank)}</span>
            <span class="name">{entry.nickname}</span>
            <span class="score">{points(entry.score)}</span>
          </li>
        ))}
      </ol>
      <p class="you">{phoneReveal.finished(ordinal(view.me.rank), playerCount, points(view.me.score))}</p>
      <p class="muted">{phoneReveal.thanks(view.me.nickname)}</p>
      <button type="button" class="secondary" onClick={model.startOver}>
        {phoneReveal.another}
      </button>
    </section>
  );
}
