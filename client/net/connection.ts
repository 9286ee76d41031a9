// The only module that imports socket.io-client. It keeps one connection alive, presents the
// session's secret after every (re)connection before anything else is sent, retries requests whose
// acknowledgement is lost, and drops views older than the newest one seen.
//
// It has no DOM dependency, so the fault tests run it in Node against a real server.
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import type { ErrorCode, Failure, Result } from '../../shared/protocol/errors';
import type { ClientEventName, HostViewWire, PayloadOf, ReplyOf } from '../../shared/protocol/events';
import {
  CLUSTER_PING_INTERVAL_MS,
  isSilent,
  type MovedTo,
  nodeOfPath,
  type RehomeStep,
  rehomeWaitMs,
} from '../../shared/protocol/rehome';
import { applyRoster, type RosterUpdate } from '../../shared/protocol/roster';
import { PROTOCOL_VERSION } from '../../shared/protocol/version';
import type { HostProgress, HostView, PlayerView, RosterEntry } from '../../shared/protocol/views';

/** `outdated`: the server speaks a newer protocol than this page; only a reload gets the new app. */
export type Status = 'connecting' | 'online' | 'offline' | 'outdated';
// From the protocol table (types only: the schemas stay out of the pages' bundles).
type EventName = ClientEventName;
type Payload<E extends EventName> = PayloadOf<E>;
type Reply<E extends EventName> = Result<ReplyOf<E>>;

// Written out rather than taken from fail(): that would pull every error message into the player
// page, which counts its bytes.
const NO_RESPONSE: Failure = {
  ok: false,
  error: 'NO_RESPONSE',
  message: 'The game server did not answer. Check your connection and try again.',
};

/**
 * How long to wait for an acknowledgement before treating the connection as dead (and, in a cluster,
 * asking where the room lives now).
 */
export const ACK_TIMEOUT_MS = 4_000;

/** How long a home lookup may take before it counts as unanswered (a paused node holds it), ms. */
const LOOKUP_TIMEOUT_MS = 2_000;
/** How often a cluster client looks at how long its node has been silent, ms. */
const SILENCE_CHECK_MS = 250;

/** The first delay before reconnecting after a drop, ms (±50 %), and the longest. */
export const RECONNECT_DELAY_MS = 500;
export const RECONNECT_DELAY_MAX_MS = 1_000;

/**
 * STORE_UNAVAILABLE (the server cannot reach its database for a moment): the same request goes again
 * on the same connection after the reply's `retryAfterS`, ±50 % so that a class spreads over that
 * time, until the server can save it. Every request may: an answer or a join is the same one again
 * (A2, requestId), a host step repeated is refused harmlessly, and a new game was not begun.
 */
const heldFor = (reply: Failure) => (reply.retryAfterS ?? 1) * (500 + Math.random() * 1000);

/** A resume refused for a moment (a busy or failing server): present the identity again later. */
const TRY_AGAIN: ReadonlySet<ErrorCode> = new Set(['RATE_LIMITED', 'INTERNAL']);

/** A refusal that means the stored identity is gone for good: forget it, show the join screen. */
const SESSION_LOST: ReadonlySet<ErrorCode> = new Set([
  'ROOM_NOT_FOUND',
  'UNKNOWN_PLAYER',
  'KICKED',
  'NOT_HOST',
]);

export interface Resume {
  event: 'host:resume' | 'player:resume';
  payload: Payload<'host:resume'> | Payload<'player:resume'>;
}

export interface RequestOptions {
  /**
   * Keep re-sending, across reconnections, until the server answers. Only for requests the server
   * deduplicates (answers) or refuses harmlessly when repeated (host steps).
   */
  retry?: boolean;
  /** Told the server's sentence each time the request must wait for its database (STORE_UNAVAILABLE). */
  held?(message: string): void;
}

interface Pending {
  event: EventName;
  payload: unknown;
  options: RequestOptions;
  resolve(result: Result): void;
  inFlight: boolean;
  /** The latest sending: a wait for the database is over only if the request was not sent again meanwhile. */
  sent?: object;
}

export interface Connection {
  status(): Status;
  onStatus(listener: (status: Status) => void): () => void;
  onView(listener: (view: HostView | PlayerView) => void): () => void;
  onProgress(listener: (progress: HostProgress) => void): () => void;
  /** Called when the server refuses the stored identity (kicked, game gone). */
  onSessionLost(listener: (error: ErrorCode, message: string) => void): () => void;
  /** The identity to present after every (re)connection; null for none. */
  setResume(resume: Resume | null): void;
  /** Starts a new session from a view the app got in an acknowledgement (join, create). */
  adoptView(view: HostView | PlayerView): void;
  request<E extends EventName>(event: E, payload: Payload<E>, options?: RequestOptions): Promise<Reply<E>>;
  /** Server time minus local time, ms, from the latest view. */
  clockOffset(): number;
  close(): void;
}

/**
 * Cluster mode outside a browser page (tests): the server to ask where a room lives (any node but
 * `lost`, the one the client just lost, when it can), and a node's address. A page asks its own origin
 * and reaches every node through it (the reverse proxy).
 */
export interface Homes {
  ask(lost?: string | null): string;
  url(node: string): string;
}

export function createConnection(
  url: string | undefined,
  options: {
    ackTimeoutMs?: number;
    socket?: Partial<ManagerOptions & SocketOptions>;
    homes?: Homes | undefined;
  } = {},
): Connection {
  const { homes } = options;
  const ackTimeoutMs = options.ackTimeoutMs ?? ACK_TIMEOUT_MS;
  const socketOptions: Partial<ManagerOptions & SocketOptions> = {
    transports: ['websocket', 'polling'],
    // After a drop the client tries again in 250–750 ms, then 500–1000 ms, then every second: once
    // the server answers again, every phone is back within about a second of it (test/resilience/
    // restart.test.ts). An attempt on a server that is down is refused at once and costs nothing.
    reconnectionDelay: RECONNECT_DELAY_MS,
    // Never more than a second between attempts (Socket.IO caps the delay after adding the jitter).
    reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
    // Jitter spreads a whole class reconnecting after a server restart: the first two random delays
    // set each phone's place in the second, so 300 phones arrive over a second, not in one burst
    // (test/resilience/crowd.test.ts).
    randomizationFactor: 0.5,
    ...options.socket,
  };
  const socket = url ? io(url, socketOptions) : io(socketOptions);

  let status: Status = 'connecting';
  let ready = false;
  let resume: Resume | null = null;
  let version = 0;
  let offset = 0;
  /**
   * The host's roster: view:host comes without it, after the host:roster changes that bring it up to
   * date. Until the first comes, the roster is the one of the view in the acknowledgement (create,
   * resume): after a resume, the server sends the changes from it (docs/protocol.md).
   */
  let roster: RosterEntry[] = [];
  let rosterLive = false;
  const rosterFrom = (view: HostView | PlayerView) => {
    if (view.role === 'host' && !rosterLive) roster = view.players;
  };
  const queue: Pending[] = [];
  const statusListeners = new Set<(s: Status) => void>();
  const viewListeners = new Set<(v: HostView | PlayerView) => void>();
  const progressListeners = new Set<(p: HostProgress) => void>();
  const lostListeners = new Set<(e: ErrorCode, m: string) => void>();

  const setStatus = (next: Status) => {
    if (status === next) return;
    status = next;
    for (const l of statusListeners) l(next);
  };

  function acceptView(view: HostView | PlayerView) {
    // The server was upgraded under this page: its views may hold screens this page cannot draw.
    // Keep the last screen, stop the connection (it would only bring more such views) and say so.
    if (view.protocol > PROTOCOL_VERSION) {
      setStatus('outdated');
      socket.disconnect();
      return;
    }
    offset = view.serverNow - Date.now();
    // A resumed session starts a fresh count only if the room changed (another game).
    if (view.version < version) return;
    version = view.version;
    for (const l of viewListeners) l(view);
  }

  function send(entry: Pending) {
    entry.inFlight = true;
    const sent = {};
    entry.sent = sent;
    socket
      .timeout(ackTimeoutMs)
      .emit(entry.event, entry.payload as never, (err: Error | null, reply: Result) => {
        // Cluster mode: asked of a node that is not the game's home (a join, say). `moved` came
        // first and the connection re-homes; the request goes again from there, unchanged.
        if (!err && !reply.ok && reply.error === 'MOVED') return;
        if (!err && !reply.ok && reply.error === 'STORE_UNAVAILABLE') {
          entry.options.held?.(reply.message);
          // Still in flight for flush() meanwhile; a reconnection sends it again itself.
          setTimeout(() => {
            if (entry.sent !== sent) return;
            entry.inFlight = false;
            flush();
          }, heldFor(reply));
          return;
        }
        entry.inFlight = false;
        if (!err) {
          queue.splice(queue.indexOf(entry), 1);
          entry.resolve(reply);
          return;
        }
        if (!entry.options.retry) {
          queue.splice(queue.indexOf(entry), 1);
          entry.resolve(NO_RESPONSE);
        }
        // No acknowledgement in time: the connection is probably dead even if the socket has not
        // noticed yet (a black-holed Wi-Fi). Start a fresh one; the entry goes again once it is ready.
        if (socket.connected) socket.io.engine?.close();
      });
  }

  function flush() {
    if (!ready || !socket.connected) return;
    for (const entry of queue) if (!entry.inFlight) send(entry);
  }

  /** Presents the session's identity on this connection; nothing else goes out before its reply. */
  function present(current: Resume) {
    socket
      .timeout(ackTimeoutMs)
      .emit(
        current.event,
        current.payload as never,
        (err: Error | null, reply: Result<{ view: HostView | PlayerView }>) => {
          if (resume !== current) return;
          if (err) {
            if (socket.connected) socket.io.engine?.close();
            return;
          }
          if (reply.ok) {
            version = 0; // the resume reply is authoritative for this connection
            rosterFrom(reply.view);
            acceptView(reply.view);
          } else if (SESSION_LOST.has(reply.error)) {
            resume = null;
            for (const l of lostListeners) l(reply.error, reply.message);
          } else if (reply.error === 'STORE_UNAVAILABLE') {
            // The connection is fine; the server's database is away for a moment. Present the
            // identity again on this connection (a reconnection meanwhile presents it itself).
            const id = socket.id;
            setTimeout(() => socket.id === id && resume === current && present(current), heldFor(reply));
            return;
          } else if (reply.error === 'MOVED') {
            // The game lives on another node: `moved` came first, and the re-homed connection
            // presents the identity there. Nothing goes out here meanwhile.
            return;
          } else if (TRY_AGAIN.has(reply.error)) {
            // Not refused, only not now: nothing may go out without the identity (a queued answer
            // would be refused as NOT_IN_ROOM). Reconnect after the usual delay and present it again.
            if (socket.connected) socket.io.engine?.close();
            return;
          }
          ready = true;
          flush();
        },
      );
  }

  /**
   * Cluster mode (docs/protocol.md, "Re-homing"), on the schedule the benchmark measures
   * (shared/protocol/rehome.ts): `moved` naming a new home sends the client there after a short
   * spread; otherwise it asks where the room lives (another node than the one it lost, when it can
   * choose) until connected to its home; the identity and the unacknowledged requests then go again
   * as on any reconnection.
   */
  const manager = socket.io as unknown as { uri: string; opts: { path: string } };
  let rehoming = false;
  let closed = false;
  const roomCode = () => ((resume?.payload ?? queue[0]?.payload) as { code?: string } | undefined)?.code;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** Set while the socket leaves one node for another: that drop is no reason to re-home. */
  let switching = false;
  /** Opens the socket on `node`'s path; false if it is there already. */
  function goTo(node: string, path: string): boolean {
    const uri = homes ? homes.url(node) : manager.uri;
    if (path === manager.opts.path && uri === manager.uri) return false;
    manager.opts.path = path;
    manager.uri = uri;
    switching = true;
    socket.disconnect();
    switching = false;
    socket.connect();
    return true;
  }

  /** The room's home: `null` for a game that is gone, undefined when no answer came. */
  async function lookup(code: string, lost: string | null) {
    const answer = await fetch(`${homes?.ask(lost) ?? ''}/api/rooms/${code}/home`, {
      // A paused node takes the request and says nothing: ask again rather than wait for it.
      signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
    }).catch(() => null);
    if (answer?.status === 404) return null;
    if (!answer?.ok) return undefined;
    return (await answer.json().catch(() => undefined)) as { node: string | null; path: string } | undefined;
  }

  async function rehome(to?: MovedTo) {
    if (rehoming || closed || switching || status === 'outdated') return;
    rehoming = true;
    try {
      const lost = nodeOfPath(manager.opts.path);
      if (to?.node && to.path) {
        await sleep(rehomeWaitMs({ kind: 'moved' }, Math.random));
        if (!closed && !goTo(to.node, to.path) && !socket.active) socket.connect();
        return;
      }
      let step: RehomeStep = { kind: 'failed', failures: 0 };
      let failures = 0;
      let stillThere = 0;
      for (;;) {
        await sleep(rehomeWaitMs(step, Math.random));
        const code = roomCode();
        if (closed || !code) return;
        const home = await lookup(code, lost);
        if (home === null) return;
        if (home && (goTo(home.node ?? '', home.path) || socket.connected)) return;
        // Closed by the server (a node leaving): nothing but this reconnects it.
        if (home && !socket.active) socket.connect();
        // The lookup still names the node this client lost: its lease runs out soon, ask again soon.
        step =
          home?.node != null && home.node === lost
            ? { kind: 'still-there', times: ++stillThere }
            : { kind: 'failed', failures: ++failures };
      }
    } finally {
      rehoming = false;
    }
  }
  socket.on('moved', (to: MovedTo) => void rehome(to));
  // The node named (by `moved` or a lookup) refuses the socket: ask again where the room lives.
  socket.on('connect_error', () => {
    if (nodeOfPath(manager.opts.path) !== null) void rehome();
  });

  // A node's silence (shared/protocol/rehome.ts, SILENT_HOME_MS): a paused node says nothing, not
  // even its pings, while another takes its games. Asked about, it keeps this socket unless the
  // answer names another home.
  let heardAt = Date.now();
  let pingAt = heardAt;
  let pingGap = CLUSTER_PING_INTERVAL_MS;
  let checking = false;
  let recheckAt = 0;
  socket.io.on('packet', () => {
    heardAt = Date.now();
  });
  socket.io.on('ping', () => {
    heardAt = Date.now();
    pingGap = heardAt - pingAt;
    pingAt = heardAt;
  });
  const watch = setInterval(async () => {
    const node = nodeOfPath(manager.opts.path);
    const code = roomCode();
    if (node === null || !code || !socket.connected || rehoming || checking) return;
    if (!isSilent(Date.now() - heardAt, pingGap) || Date.now() < recheckAt) return;
    checking = true;
    const home = await lookup(code, node);
    checking = false;
    if (home?.node && home.node !== node && !rehoming && !closed) goTo(home.node, home.path);
    // The same home (its lease has not run out yet, or the network is slow) or no answer: ask again
    // soon while the silence lasts; the first packet from the node ends it.
    else recheckAt = Date.now() + rehomeWaitMs({ kind: 'still-there', times: 1 }, Math.random);
  }, SILENCE_CHECK_MS);
  (watch as { unref?(): void }).unref?.();

  socket.on('connect', () => {
    heardAt = Date.now();
    pingAt = heardAt;
    pingGap = CLUSTER_PING_INTERVAL_MS;
    setStatus('online');
    rosterLive = false;
    if (resume) present(resume);
    else {
      ready = true;
      flush();
    }
  });
  socket.on('disconnect', () => {
    // A node's own path: this page is on a cluster, and the room may live elsewhere now.
    if (manager.opts.path.startsWith('/n/')) void rehome();
    ready = false;
    for (const entry of queue) entry.inFlight = false;
    if (status !== 'outdated') setStatus('offline');
  });
  socket.io.on('reconnect_attempt', () => setStatus(status === 'online' ? 'online' : 'connecting'));
  socket.on('host:roster', (update: RosterUpdate) => {
    roster = applyRoster(roster, update);
    rosterLive = true;
  });
  socket.on('view:host', (view: HostViewWire) => acceptView({ ...view, players: roster }));
  socket.on('view:player', acceptView);
  socket.on('host:progress', (p: HostProgress) => {
    if (p.version < version) return;
    for (const l of progressListeners) l(p);
  });

  const listen = <T>(set: Set<T>, l: T) => {
    set.add(l);
    return () => void set.delete(l);
  };

  return {
    status: () => status,
    onStatus: (l) => listen(statusListeners, l),
    onView: (l) => listen(viewListeners, l),
    onProgress: (l) => listen(progressListeners, l),
    onSessionLost: (l) => listen(lostListeners, l),
    setResume(next) {
      resume = next;
    },
    adoptView(view) {
      version = 0;
      rosterFrom(view);
      acceptView(view);
    },
    request(event, payload, opts = {}) {
      return new Promise((resolve) => {
        const entry: Pending = {
          event,
          payload,
          options: opts,
          resolve: resolve as never,
          inFlight: false,
        };
        queue.push(entry);
        if (ready && socket.connected) send(entry);
      });
    },
    clockOffset: () => offset,
    close() {
      closed = true;
      clearInterval(watch);
      for (const entry of queue.splice(0)) entry.resolve(NO_RESPONSE);
      socket.close();
    },
  };
}
