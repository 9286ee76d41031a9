// The phone between two questions. It rides in the reveal's chunk (../explorer/load.ts): a game
// reaches its leaderboard through a reveal, which has loaded it; a phone that rejoins here asks for it.

import { phoneReveal } from '../../../shared/i18n/en/phone-reveal';
import type { PlayerView } from '../../../shared/protocol/views';
import { ordinal, points } from '../../ui/format';

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
      <p class="muted">{phoneReveal.afterQuestion(round + 1, view.roundCount)}</p>
      <h1>
        {phoneReveal.youAre(ordinal(view.me.rank))} <span class="of">{phoneReveal.of(playerCount)}</span>
      </h1>
      <p class="score-big">{phoneReveal.pointsBig(points(view.me.score))}</p>
      {view.me.streak > 1 && <p>{phoneReveal.inARow(view.me.streak)}</p>}
      <p class="muted">{phoneReveal.topFive}</p>
    </section>
  );
}
