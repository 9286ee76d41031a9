import { projector } from '../../../shared/i18n/en/projector';
import type { HostView, RankEntry } from '../../../shared/protocol/views';
import { ordinal, points } from '../../ui/format';

export function LeaderboardScreen({ view, round, top }: { view: HostView; round: number; top: RankEntry[] }) {
  return (
    <section class="leaderboard">
      <h1>{projector.leaderboard}</h1>
      <p class="muted">
        {projector.afterQuestion(round + 1, view.roundCount)} · {projector.players(view.playerCount)}
      </p>
      <ol class="ranking">
        {top.map((e) => (
          <li key={e.id} class={`rank-row rank-${e.rank}`}>
            <span class="rank">{ordinal(e.rank)}</span>
            <span class="rank-name">{e.nickname}</span>
            <span class="rank-score">{points(e.score)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

const PLACES = [2, 1, 3];

export function PodiumScreen({
  standings,
  endedEarly,
  roundsPlayed,
  roundCount,
}: {
  standings: RankEntry[];
  endedEarly: boolean;
  roundsPlayed: number;
  roundCount: number;
}) {
  const podium = standings.slice(0, 3);
  const rest = standings.slice(3, 8);
  return (
    <section class="podium">
      <h1>{projector.finalResults}</h1>
      <p class="muted">
        {endedEarly ? projector.endedAfter(roundsPlayed, roundCount) : projector.questions(roundsPlayed)} ·{' '}
        {projector.players(standings.length)}
      </p>
      <ol class="podium-blocks">
        {PLACES.map((place) => {
          const entry = podium[place - 1];
          return entry ? (
            <li key={entry.id} class={`block block-${place}`}>
              <span class="block-name">{entry.nickname}</span>
              <span class="block-score">{points(entry.score)}</span>
              <span class="block-step">{ordinal(entry.rank)}</span>
            </li>
          ) : null;
        })}
      </ol>
      {rest.length > 0 && (
        <ol class="rest" start={4}>
          {rest.map((e) => (
            <li key={e.id}>
              <span>{ordinal(e.rank)}</span> <span class="rank-name">{e.nickname}</span>{' '}
              <span class="rank-score">{points(e.score)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
