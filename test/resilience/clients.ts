// Clients for the fault tests: the apps' own connection module (client/net/connection.ts), so
// automatic reconnection, resume and retried requests are exactly what the phones do.
import { randomBytes } from 'node:crypto';
import { percentile } from '../../bench/shared';
import { type Connection, createConnection } from '../../client/net/connection';
import type { Result } from '../../shared/protocol/errors';
import type { PayloadOf } from '../../shared/protocol/events';
import type { HostProgress, HostView, PlayerView } from '../../shared/protocol/views';

export { percentile };

export type AnyView = HostView | PlayerView;

export interface Tracked<V extends AnyView = AnyView> {
  conn: Connection;
  /** Every view accepted, with the local time it arrived and the connection it came on (1 = first). */
  views: Array<{ at: number; view: V; connection: number }>;
  /** How many times the socket has connected so far. */
  connections(): number;
  progress: HostProgress[];
  latest(): V | undefined;
  /**
   * Resolves with the arrival time of the first view after `since` (ms), on connection `connection`
   * or a later one, that matches. A view the old server sent just before it died can arrive after
   * the kill: only `connection` tells it apart from one the new server sent.
   */
  waitFor(
    match: (v: V) => boolean,
    opts?: { since?: number; connection?: number; timeoutMs?: number },
  ): Promise<number>;
  close(): void;
}

const all = new Set<Connection>();
export function closeAllConnections(): void {
  for (const c of all) c.close();
  all.clear();
}

export function track<V extends AnyView>(
  url: string,
  options: Parameters<typeof createConnection>[1] = {},
): Tracked<V> {
  const conn = createConnection(url, { ...options, socket: { forceNew: true, ...options.socket } });
  all.add(conn);
  const views: Array<{ at: number; view: V; connection: number }> = [];
  const progress: HostProgress[] = [];
  const waiters = new Set<() => void>();
  let connections = 0;
  conn.onStatus((status) => {
    if (status === 'online') connections++;
  });
  conn.onView((view) => {
    views.push({ at: Date.now(), view: view as V, connection: connections });
    for (const w of [...waiters]) w();
  });
  conn.onProgress((p) => {
    progress.push(p);
    for (const w of [...waiters]) w();
  });
  return {
    conn,
    views,
    progress,
    latest: () => views.at(-1)?.view,
    connections: () => connections,
    waitFor(match, { since = 0, connection = 0, timeoutMs = 15_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = views.find((v) => v.at >= since && v.connection >= connection && match(v.view));
          if (!hit) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit.at);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching view within ${timeoutMs} ms; status ${conn.status()}, last: ${JSON.stringify(
                views.at(-1)?.view,
              )?.slice(0, 300)}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      conn.close();
      all.delete(conn);
    },
  };
}

export const requestId = () => randomBytes(12).toString('base64url');

function unwrap<T extends object>(r: Result<T>, what: string): T {
  if (!r.ok) throw new Error(`${what} refused: ${JSON.stringify(r)}`);
  return r;
}

/** A host app: creates a game and resumes it with its secret after every reconnection. */
export async function hostGame(
  url: string,
  payload: PayloadOf<'host:create'>,
  options?: Parameters<typeof createConnection>[1],
): Promise<Tracked<HostView> & { code: string; hostSecret: string }> {
  const host = track<HostView>(url, options);
  const session = unwrap(await host.conn.request('host:create', payload, { retry: false }), 'host:create');
  host.conn.setResume({
    event: 'host:resume',
    payload: { code: session.code, hostSecret: session.hostSecret },
  });
  host.conn.adoptView(session.view);
  return Object.assign(host, { code: session.code, hostSecret: session.hostSecret });
}

/** A phone: joins with a nickname and resumes with its secret after every reconnection. */
export async function joinGame(
  url: string,
  code: string,
  nickname: string,
  options?: Parameters<typeof createConnection>[1],
): Promise<Tracked<PlayerView> & { playerId: number; playerSecret: string }> {
  const player = track<PlayerView>(url, options);
  const session = unwrap(
    await player.conn.request('player:join', { code, nickname, requestId: requestId() }, { retry: true }),
    'player:join',
  );
  player.conn.setResume({ event: 'player:resume', payload: { code, playerSecret: session.playerSecret } });
  player.conn.adoptView(session.view);
  return Object.assign(player, { playerId: session.playerId, playerSecret: session.playerSecret });
}

export const phaseIs =
  (kind: string, round?: number) =>
  (v: AnyView): boolean =>
    v.phase.kind === kind && (round === undefined || ('round' in v.phase && v.phase.round === round));
