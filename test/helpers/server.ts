// Integration helpers: a real server on port 0 (loopback) and real socket.io-client sockets.
import type { AddressInfo } from 'node:net';
import { io as ioClient, type Socket } from 'socket.io-client';
import { type App, type AppDeps, createApp } from '../../server/app';
import { createManualClock, type ManualClock } from '../../server/room/clock';
import type { Result } from '../../shared/protocol/errors';
import type { HostViewWire } from '../../shared/protocol/events';
import { applyRoster, type RosterUpdate } from '../../shared/protocol/roster';
import type { HostView, PlayerView, RosterEntry } from '../../shared/protocol/views';

export interface TestServer {
  app: App;
  url: string;
  clock: ManualClock;
  close(): Promise<void>;
}

export async function startServer(deps: AppDeps = {}): Promise<TestServer> {
  const clock = (deps.clock as ManualClock | undefined) ?? createManualClock();
  const app = createApp({ staticDir: null, log: () => {}, ...deps, clock });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const sockets: Socket[] = [];
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    clock,
    close: async () => {
      for (const s of sockets) s.disconnect();
      await app.close();
    },
  };
}

const open = new Set<Socket>();

/** A client socket that records every view it receives, so tests can wait for one. */
export interface Client {
  socket: Socket;
  /** Every server-to-client message, in order: [event, payload]. */
  received: Array<[string, unknown]>;
  call<T extends object = object>(event: string, payload?: unknown): Promise<Result<T>>;
  /**
   * Resolves with the first view that satisfies `match`, among those received from index `since` of
   * `received` on (pass `received.length` to wait for a new one).
   */
  view<V extends HostView | PlayerView>(match: (v: V) => boolean, since?: number): Promise<V>;
  latest<V extends HostView | PlayerView>(): V | undefined;
  close(): void;
}

export async function connect(url: string, opts: { reconnection?: boolean } = {}): Promise<Client> {
  const socket = ioClient(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: opts.reconnection ?? false,
  });
  open.add(socket);
  const received: Array<[string, unknown]> = [];
  const waiters = new Set<() => void>();
  // The host's roster comes apart from its view (host:roster, as changes): each view:host is recorded
  // whole, as the apps see it, with the roster the changes before it built.
  // Until the first host:roster, the roster is the one of the view in an acknowledgement, as in the
  // apps (client/net/connection.ts): a resume's is what the server sends changes from.
  let roster: RosterEntry[] = [];
  let rosterLive = false;
  socket.onAny((event: string, payload: unknown) => {
    if (event === 'host:roster') {
      roster = applyRoster(roster, payload as RosterUpdate);
      rosterLive = true;
    }
    received.push([
      event,
      event === 'view:host' ? { ...(payload as HostViewWire), players: roster } : payload,
    ]);
    for (const w of [...waiters]) w();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const views = (since = 0) =>
    received
      .slice(since)
      .filter(([e]) => e === 'view:host' || e === 'view:player')
      .map(([, v]) => v as HostView | PlayerView);
  return {
    socket,
    received,
    call: (event, payload) =>
      new Promise<never>((resolve, reject) => {
        // The acknowledgement's callback, not emitWithAck's promise: the roster must be taken from it
        // before the next message is handled.
        socket
          .timeout(5000)
          .emit(event, ...(payload === undefined ? [] : [payload]), (err: Error | null, reply: never) => {
            if (err) return reject(err);
            const view = (reply as { view?: HostView | PlayerView } | null)?.view;
            if (view?.role === 'host' && !rosterLive) roster = view.players;
            resolve(reply);
          });
      }),
    view<V extends HostView | PlayerView>(match: (v: V) => boolean, since = 0) {
      return new Promise<V>((resolve, reject) => {
        const check = () => {
          const hit = (views(since) as V[]).find(match);
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching view; last: ${JSON.stringify(views().at(-1))?.slice(0, 400)}`));
        }, 5000);
        waiters.add(check);
        check();
      });
    },
    latest: <V extends HostView | PlayerView>() => views().at(-1) as V | undefined,
    close: () => {
      socket.disconnect();
      open.delete(socket);
    },
  };
}

export function closeAllClients() {
  for (const s of open) s.disconnect();
  open.clear();
}

/** Unwraps a successful acknowledgement, failing the test with the error code otherwise. */
export function ok<T extends object>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error}: ${result.message}`);
  return result;
}
