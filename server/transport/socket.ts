// Socket.IO wiring. The transport translates, never decides: the guard meters what comes in, the
// handlers parse and dispatch one command each and the acknowledgement waits for its commit, and
// publication delivers each saved change to whom the room layer says it concerns.

import { inLanguage } from '../../shared/i18n/errors';
import { playerLanguage } from '../../shared/i18n/language';
import { ANSWER_HELD_MESSAGE, fail, type Result, storeUnavailable } from '../../shared/protocol/errors';
import { isClientEvent } from '../../shared/protocol/events';
import { type MovedTo, socketPathOf } from '../../shared/protocol/rehome';
import type { Budgets } from '../limits/budgets';
import type { LimitEvents } from '../limits/events';
import type { OutboxLimits } from '../limits/outbox';
import type { RandomSource } from '../room/random';
import type { RoomManager } from '../room/rooms';
import { clientAddress, createGuard } from './guard';
import { createHandlers } from './handlers';
import { createPublication } from './publication';
import type { Limits } from './rate-limit';
import type { AppServer, AppSocket } from './session';

export { clientAddress } from './guard';
export { HOST_PROGRESS_INTERVAL_MS, HOST_VIEW_INTERVAL_MS } from './publication';
export type { AppServer, AppSocket, Session, SocketData } from './session';

export interface TransportDeps {
  io: AppServer;
  /** An instructor's saved deck file by id (undefined if they have none with that id). */
  savedDeck?(owner: string, id: string): unknown | Promise<unknown>;
  rooms: RoomManager;
  /** Game time, for the views' serverNow. */
  now(): number;
  random: RandomSource;
  joinUrl(code: string): string;
  log(message: string, error?: unknown): void;
  limits?: Limits | undefined;
  /** Take the client's address from X-Forwarded-For (behind a reverse proxy that sets it). */
  trustProxy?: boolean | undefined;
  /** Per-address budgets: host:create spends `roomCreate`. */
  budgets?: Budgets | undefined;
  /** The outgoing backlog a socket may keep, and for how long (README "Limits"). */
  outbox?: Partial<OutboxLimits> | undefined;
  /** Where refusals by a limit are counted and logged (a slow reader's disconnection is one). */
  events?: LimitEvents | undefined;
}

export interface Transport {
  /** What the transport keeps per room, for tests that look for leaks. */
  stats(): { audiences: number; throttles: number; timers: number };
  /** Messages held for a socket that has not written its last ones (at most one per event). */
  pendingOf(socket: AppSocket): number;
  /** Sockets whose outgoing backlog is watched. */
  outboxes(): number;
  /** Stops the transport's own timers. */
  close(): void;
}

/** An acknowledgement callback, if the client sent one: whatever function came last. */
function ackOf(args: unknown[]): ((result: Result) => void) | null {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as (result: Result) => void) : null;
}

export function attachTransport(deps: TransportDeps): Transport {
  const { io, rooms } = deps;
  const publication = createPublication({
    rooms,
    now: deps.now,
    joinUrl: deps.joinUrl,
    outbox: deps.outbox,
    onSlowReader: (socket, bytes) =>
      deps.events?.refused(
        'slowReader',
        clientAddress(socket.handshake, deps.trustProxy ?? false),
        `${Math.round(bytes / 1024)} KB unread; disconnected`,
      ),
  });
  const handle = createHandlers({
    rooms,
    publication,
    random: deps.random,
    now: deps.now,
    joinUrl: deps.joinUrl,
    ...(deps.savedDeck ? { savedDeck: deps.savedDeck } : {}),
    refused: (limit, socket) =>
      deps.events?.refused(limit, clientAddress(socket.handshake, deps.trustProxy ?? false)),
  });
  const guard = createGuard({ limits: deps.limits, trustProxy: deps.trustProxy, budgets: deps.budgets });

  rooms.onChange((change) => publication.deliver(change));
  // Cluster mode: a room that left this node. Every socket speaking for it is told to move, and
  // closed, so that nothing more of it (an acknowledgement, a view) reaches them from here.
  rooms.onMoved((code, home) => {
    const to: MovedTo = home === null ? {} : { node: home, path: socketPathOf(home) };
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.session?.code !== code) continue;
      socket.emit('moved', to);
      socket.disconnect(true);
    }
  });
  rooms.onEvict((code) => publication.drop(code));

  // These are made once for the transport, not per connection or per event: a class answering at
  // once sends thousands of events a second, and the server runs under tsx, whose kept function names
  // cost a property definition (about a microsecond) per closure made.
  function failed(event: string, error: unknown): Result {
    // A read the handler awaited (a saved deck) found the database away: not a bug of ours.
    if (rooms.health.failed(error)) return storeUnavailable();
    deps.log(`handler for ${event} failed`, error);
    return fail('INTERNAL');
  }

  /** Committed before acknowledged: the reply waits for the batch holding this change. */
  function reply(socket: AppSocket, event: string, ack: ((result: Result) => void) | null, result: Result) {
    // Cluster mode: this room's home is another node; the client asks where, and goes there.
    if (!result.ok && result.error === 'MOVED') socket.emit('moved', {});
    const { lang } = socket.data;
    rooms.afterCommit((saved, held) => {
      if (saved || !result.ok) ack?.(inLanguage(result, lang));
      else if (held) {
        // Not saved yet, and kept: the same request sent again gets its reply once it is
        // (an answer resent is the same answer, A2; a join resent with its requestId the same
        // join). Only a new game is dropped rather than kept: its host asks again.
        if (event === 'host:create') publication.unbind(socket);
        ack?.(
          inLanguage(storeUnavailable(event === 'answer:submit' ? ANSWER_HELD_MESSAGE : undefined), lang),
        );
      } else {
        // The change was undone: a join's player, or a new game, no longer exists, so its
        // socket is nobody.
        if (event === 'player:join' || event === 'host:create') publication.unbind(socket);
        ack?.(inLanguage(fail('INTERNAL'), lang));
      }
    });
  }

  /**
   * Every inbound event of every socket comes here (socket.onAny, with the socket as `this`, before
   * Socket.IO dispatches it to listeners, of which there are none): one function for all, where one
   * closure per event per socket, their contexts and a listener table of 19 entries were about 2 KB
   * of each student's heap (heap snapshots of the load benchmark at 2,000), and a middleware for the
   * rate limit cost a few allocations per event.
   */
  function onEvent(this: AppSocket, event: unknown, ...args: unknown[]) {
    received(this, event, args);
  }

  function received(socket: AppSocket, event: unknown, args: unknown[]) {
    const guarded = socket.data.guard;
    if (!guard.admit(guarded, args)) return;
    // Inbound data is unknown until parsed, whatever the typed map says: the acknowledgement is
    // whatever function came last, and a client that sent none simply gets no reply.
    const ack = ackOf(args);
    if (!isClientEvent(event)) {
      ack?.(fail('UNKNOWN_EVENT'));
      return;
    }
    const payload = ack && args.length === 1 ? undefined : args[0];
    let result: Result | Promise<Result>;
    try {
      result = guard.run(guarded, event, () => handle(event, socket, payload));
    } catch (error) {
      result = failed(event, error);
    }
    // An event that spent an address budget first answers once the budget has (a microtask).
    if (result instanceof Promise)
      void result.catch((error: unknown) => failed(event, error)).then((r) => reply(socket, event, ack, r));
    else reply(socket, event, ack, result);
  }

  function onDisconnect(this: AppSocket) {
    publication.unbind(this);
  }

  io.on('connection', (socket) => {
    const { headers } = socket.handshake;
    socket.data.session = null;
    socket.data.lang = playerLanguage(headers.cookie, headers['accept-language']);
    socket.data.guard = guard.watch(socket);
    socket.onAny(onEvent);
    socket.on('disconnect', onDisconnect);
  });

  return {
    stats: () => publication.stats(),
    pendingOf: (socket) => publication.pendingOf(socket),
    outboxes: () => publication.outboxes(),
    close: () => publication.close(),
  };
}
