import * as player from '../../../shared/i18n/en/player';
import type { PlayerView } from '../../../shared/protocol/views';
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
      <h1>{player.rejoining}</h1>
      <p>
        {player.gameAs(code)} <strong class="name">{nickname}</strong>
      </p>
      <button type="button" class="secondary" onClick={model.startOver}>
        {player.another}
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
      <h1>{player.youreIn}</h1>
      <p class="name-card">{view.me.nickname}</p>
      <p>{player.waitingHost}</p>
      <p class="muted">{player.gameOf(view.code, view.roundCount)}</p>
    </section>
  );
}
