import type { Scenario } from '../../shared/engine/types';
import type { AnswerReceipt, HostSession, PlayerSession } from '../../shared/protocol/events';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { type Client, connect, ok, type TestServer } from './server';

export interface HostClient extends Client {
  code: string;
  hostSecret: string;
}
export interface PlayerClient extends Client {
  id: number;
  secret: string;
  nickname: string;
}

export async function createGame(
  server: TestServer,
  opts: {
    rounds?: Scenario[];
    /** A whole deck file, for rounds of every kind. */
    deck?: unknown;
    seconds?: number;
    speedPoints?: boolean;
    scoreBy?: 'speed' | 'confidence';
    instructorKey?: string;
  } = {},
): Promise<HostClient> {
  const host = await connect(server.url);
  const deck = opts.deck ?? (opts.rounds ? { title: 'Test', rounds: opts.rounds } : undefined);
  const payload = {
    deck: deck ? { source: 'custom', deck } : { source: 'builtin' },
    secondsPerQuestion: opts.seconds ?? 30,
    speedPoints: opts.speedPoints ?? true,
    ...(opts.instructorKey ? { instructorKey: opts.instructorKey } : {}),
    ...(opts.scoreBy ? { scoreBy: opts.scoreBy } : {}),
  };
  const session = ok(await host.call<HostSession>('host:create', payload));
  return Object.assign(host, { code: session.code, hostSecret: session.hostSecret });
}

export async function joinPlayer(server: TestServer, code: string, nickname: string): Promise<PlayerClient> {
  const client = await connect(server.url);
  const session = ok(await client.call<PlayerSession>('player:join', { code, nickname }));
  return Object.assign(client, { id: session.playerId, secret: session.playerSecret, nickname });
}

export async function joinPlayers(server: TestServer, code: string, n: number): Promise<PlayerClient[]> {
  const players: PlayerClient[] = [];
  for (let i = 0; i < n; i++) players.push(await joinPlayer(server, code, `Student ${i + 1}`));
  return players;
}

export const isPhase =
  (kind: string, round?: number) =>
  (v: HostView | PlayerView): boolean =>
    v.phase.kind === kind && (round === undefined || ('round' in v.phase && v.phase.round === round));

/** A new connection presenting the host's secret, as a reopened projector tab does. */
export async function resumeHost(
  server: TestServer,
  host: HostClient,
): Promise<{ host: HostClient; view: HostView }> {
  const client = await connect(server.url);
  const { view } = ok(
    await client.call<{ view: HostView }>('host:resume', { code: host.code, hostSecret: host.hostSecret }),
  );
  return { host: Object.assign(client, { code: host.code, hostSecret: host.hostSecret }), view };
}

/** A new connection presenting the student's secret, as a reloaded phone does. */
export async function resumePlayer(
  server: TestServer,
  code: string,
  player: PlayerClient,
): Promise<{ player: PlayerClient; view: PlayerView }> {
  const client = await connect(server.url);
  const { view } = ok(
    await client.call<{ view: PlayerView }>('player:resume', { code, playerSecret: player.secret }),
  );
  return {
    player: Object.assign(client, { id: player.id, secret: player.secret, nickname: player.nickname }),
    view,
  };
}

/** Sets the server's clock to `atMs` after the question opened, and answers then. */
export async function answerAt(
  server: TestServer,
  player: PlayerClient,
  round: number,
  choice: unknown,
  atMs: number,
  openedAt: number,
) {
  server.clock.set(openedAt + atMs);
  return ok(await player.call<AnswerReceipt>('answer:submit', { round, choice }));
}

/** Starts `round` and resolves with when it opened, as `player` sees it. */
export async function openRound(host: Client, player: PlayerClient, round: number): Promise<number> {
  ok(await host.call('round:start', { round }));
  const q = await player.view<PlayerView>(isPhase('question', round));
  return q.phase.kind === 'question' ? q.phase.openedAt : 0;
}
