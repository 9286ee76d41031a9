// Publication: who is listening to each room (host sockets, each player's sockets), and delivering
// views to whom a change concerns, as the room layer says. Views are whole snapshots, so a throttled
// send only needs the newest state, and a socket still writing its last view holds only the newest
// (outbox.ts). The host's roster goes as changes against what each host socket was last sent (its
// acknowledgement's roster first).
// Everything kept per room goes when the room leaves memory (drop).
import { diffRoster, type RosterUpdate } from '../../shared/protocol/roster';
import type { RosterEntry } from '../../shared/protocol/views';
import type { OutboxLimits } from '../limits/outbox';
import type { RoomChange, RoomManager } from '../room/rooms';
import type { RoomState } from '../room/state';
import { toHostProgress, toHostView, toPlayerView } from '../room/views';
import { createOutboxes, type OutboxMessage } from './outbox';
import type { AppSocket, Session } from './session';

/** How often, at most, the host's full view is re-sent for changes that are not phase changes. */
export const HOST_VIEW_INTERVAL_MS = 100;
/**
 * How often, at most, the host hears the answer count. Per answer, 2,000 students would cost the
 * server 2,000 messages and 2,000 counts of the class in a second; the projector shows no more.
 */
export const HOST_PROGRESS_INTERVAL_MS = 100;

interface Throttled {
  lastAt: number;
  timer: NodeJS.Timeout | null;
}

/** At most one send per interval per room: at once if the last was long enough ago, else later. */
function createThrottle(intervalMs: number, send: (code: string) => void) {
  const rooms = new Map<string, Throttled>();
  return {
    schedule(code: string, immediately = false) {
      let t = rooms.get(code);
      if (!t) {
        t = { lastAt: 0, timer: null };
        rooms.set(code, t);
      }
      // Wall time, not the game clock: a throttle is about messages per second.
      const since = Date.now() - t.lastAt;
      if (immediately || since >= intervalMs) {
        if (t.timer) clearTimeout(t.timer);
        t.timer = null;
        t.lastAt = Date.now();
        send(code);
      } else if (!t.timer) {
        const entry = t;
        t.timer = setTimeout(() => {
          entry.timer = null;
          entry.lastAt = Date.now();
          send(code);
        }, intervalMs - since);
      }
    },
    drop(code: string) {
      const t = rooms.get(code);
      if (t?.timer) clearTimeout(t.timer);
      rooms.delete(code);
    },
    size: () => rooms.size,
    timers: () => [...rooms.values()].filter((t) => t.timer !== null).length,
  };
}

interface Audience {
  hosts: Set<AppSocket>;
  /** A student may have several sockets (two tabs). */
  players: Map<number, Set<AppSocket>>;
}

export interface Publication {
  /**
   * Makes the socket the session's: it hears its room from now on. A fresh connection's host given
   * `roster` (the roster of the view in its resume's acknowledgement, which the apps start from) is
   * sent the changes from it; any other, a whole roster first (its app may hold another roster).
   */
  bind(socket: AppSocket, session: Session, roster?: RosterEntry[]): void;
  /** The socket is nobody any more (it closed, or its join was undone). */
  unbind(socket: AppSocket): void;
  /** Delivers a saved change to whom it concerns. */
  deliver(change: RoomChange): void;
  /** Forgets a room that left memory: its audience and its throttles. */
  drop(code: string): void;
  /** Messages held for a socket that has not written its last ones yet (at most one per event). */
  pendingOf(socket: AppSocket): number;
  /** Sockets whose outbox is watched. */
  outboxes(): number;
  /** Rooms with an audience, and throttle entries and timers (the outboxes' sweep too), for tests that look for leaks. */
  stats(): { audiences: number; throttles: number; timers: number };
  /** Stops the outboxes' sweep (the server is closing). */
  close(): void;
}

export function createPublication(deps: {
  rooms: RoomManager;
  now(): number;
  joinUrl(code: string): string;
  outbox?: Partial<OutboxLimits> | undefined;
  /** A socket disconnected for not reading what it is sent (OUTBOX_MAX_BYTES, SLOW_READER_MS). */
  onSlowReader?(socket: AppSocket, bytes: number): void;
}): Publication {
  const { rooms } = deps;
  const audiences = new Map<string, Audience>();
  /** The roster each host socket was last sent: its next roster message is the change from it. */
  const rosterSent = new WeakMap<AppSocket, RosterEntry[]>();
  /** Host sockets of a room usually share what they were sent: one diff serves them all. */
  let lastDiff: { prev: RosterEntry[] | undefined; next: RosterEntry[]; update: RosterUpdate | null } | null =
    null;

  function emit(socket: AppSocket, m: OutboxMessage) {
    switch (m.event) {
      case 'view:host': {
        const { players, ...view } = m.payload;
        const prev = rosterSent.get(socket);
        let diff = lastDiff;
        if (diff === null || diff.prev !== prev || diff.next !== players) {
          diff = { prev, next: players, update: diffRoster(prev ?? null, players, view.version) };
          lastDiff = diff;
        }
        if (diff.update) {
          rosterSent.set(socket, players);
          socket.emit('host:roster', diff.update);
        }
        socket.emit('view:host', view);
        return;
      }
      case 'view:player':
        socket.emit('view:player', m.payload);
        return;
      case 'host:progress':
        socket.emit('host:progress', m.payload);
        return;
    }
  }

  // Every view goes through the socket's outbox: a socket that is not reading holds one, the newest.
  const outbox = createOutboxes({
    limits: deps.outbox,
    emit,
    onSlowReader: (socket, bytes) => deps.onSlowReader?.(socket, bytes),
  });

  function audience(code: string): Audience {
    let a = audiences.get(code);
    if (!a) {
      a = { hosts: new Set(), players: new Map() };
      audiences.set(code, a);
    }
    return a;
  }

  const hostView = createThrottle(HOST_VIEW_INTERVAL_MS, (code) => {
    // What is saved, never a change still waiting for its batch to be committed.
    const hosts = audiences.get(code)?.hosts;
    const state = hosts?.size ? rooms.committed(code) : undefined;
    if (!state || !hosts) return;
    const view = toHostView(state, deps.now(), deps.joinUrl(code));
    for (const s of hosts) outbox.send(s, { event: 'view:host', payload: view });
  });

  const progress = createThrottle(HOST_PROGRESS_INTERVAL_MS, (code) => {
    const hosts = audiences.get(code)?.hosts;
    const state = hosts?.size ? rooms.committed(code) : undefined;
    if (!state || !hosts) return;
    const p = toHostProgress(state);
    if (p) for (const s of hosts) outbox.send(s, { event: 'host:progress', payload: p });
  });

  function sendPlayerView(state: RoomState, playerId: number) {
    const sockets = audiences.get(state.code)?.players.get(playerId);
    // A join held while the database was away, then undone, leaves a socket bound to nobody until
    // its phone joins again.
    if (!sockets?.size || !state.players[playerId]) return;
    const view = toPlayerView(state, playerId, deps.now());
    for (const s of sockets) outbox.send(s, { event: 'view:player', payload: view });
  }

  /** The socket hears nothing more of the player's room; it stays that player (to be told KICKED). */
  function stopListening(socket: AppSocket, code: string, playerId: number) {
    const a = audiences.get(code);
    const set = a?.players.get(playerId);
    if (!set?.delete(socket)) return;
    outbox.forget(socket);
    if (set.size === 0) a?.players.delete(playerId);
    rooms.detach(code, playerId);
    forgetIfEmpty(code);
  }

  /** An audience nobody is in is not kept: a room's map entries go with its last socket. */
  function forgetIfEmpty(code: string) {
    const a = audiences.get(code);
    if (a && a.hosts.size === 0 && a.players.size === 0) audiences.delete(code);
  }

  function unbind(socket: AppSocket) {
    const session = socket.data.session;
    if (!session) return;
    socket.data.session = null;
    outbox.forget(socket);
    if (session.role === 'host') {
      if (audiences.get(session.code)?.hosts.delete(socket)) rooms.detachHost(session.code);
      forgetIfEmpty(session.code);
    } else stopListening(socket, session.code, session.playerId);
  }

  return {
    bind(socket, session, roster) {
      const was = socket.data.session;
      // Twenty host screens resuming a room of 2,500 were each sent its whole roster (~160 KB to walk
      // and encode per socket, 140 ms of the event loop together) right after their acknowledgement
      // had carried it: on a fresh connection, the roster it was given there is what it has.
      const given = () => {
        if (roster && session.role === 'host' && !was) rosterSent.set(socket, roster);
        else rosterSent.delete(socket);
      };
      const heard = audiences.get(session.code);
      // The same socket presenting the same identity again (a resume or join retried while the
      // database is away) changes nothing: no presence to flip off and on again.
      if (
        was?.code === session.code &&
        (was.role === 'host'
          ? session.role === 'host' && heard?.hosts.has(socket)
          : session.role === 'player' &&
            session.playerId === was.playerId &&
            heard?.players.get(was.playerId)?.has(socket))
      ) {
        given();
        return;
      }
      unbind(socket);
      socket.data.session = session;
      const a = audience(session.code);
      outbox.watch(socket);
      given();
      if (session.role === 'host') {
        a.hosts.add(socket);
        rooms.attachHost(session.code);
        return;
      }
      let set = a.players.get(session.playerId);
      if (!set) {
        set = new Set();
        a.players.set(session.playerId, set);
      }
      set.add(socket);
      rooms.attach(session.code, session.playerId);
    },
    unbind,
    deliver({ code, next, affected }) {
      const a = audiences.get(code);
      if (a) {
        if (affected.allPlayers) for (const id of a.players.keys()) sendPlayerView(next, id);
        else for (const id of affected.players) sendPlayerView(next, id);
        for (const id of affected.removed)
          for (const s of [...(a.players.get(id) ?? [])]) stopListening(s, code, id);
      }
      // Nothing is kept for a room no host is watching: a host who comes back gets the view in the
      // acknowledgement of their resume.
      if (!a?.hosts.size) return;
      if (affected.host) hostView.schedule(code, affected.host === 'now');
      if (affected.progress) progress.schedule(code);
    },
    drop(code) {
      audiences.delete(code);
      // The cached diff may hold this room's roster: it goes with the room.
      lastDiff = null;
      hostView.drop(code);
      progress.drop(code);
    },
    pendingOf: (socket) => outbox.pendingOf(socket),
    stats: () => ({
      audiences: audiences.size,
      throttles: hostView.size() + progress.size(),
      timers: hostView.timers() + progress.timers() + outbox.stats().timers,
    }),
    outboxes: () => outbox.stats().sockets,
    close: () => outbox.close(),
  };
}
