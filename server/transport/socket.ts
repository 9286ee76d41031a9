// Socket.IO wiring. The transport translates, never decides: it parses a payload, dispatches one
// command to the room, acknowledges, and publishes each audience its own view. No game rule lives here.
import type { Server, Socket } from 'socket.io';
import type * as v from 'valibot';
import type { Deck } from '../../shared/protocol/deck';
import { parseDeck } from '../../shared/protocol/deck';
import { BUILTIN_GAME_DECK, generateGameDeck } from '../../shared/protocol/decks';
import { type ErrorCode, fail, type Result } from '../../shared/protocol/errors';
import { CLIENT_EVENTS, type ServerToClientEvents } from '../../shared/protocol/events';
import {
  AnswerSubmitSchema,
  type DeckChoice,
  EmptySchema,
  HostCreateSchema,
  HostResumeSchema,
  KickSchema,
  LockSchema,
  PlayerJoinSchema,
  PlayerResumeSchema,
  parsePayload,
  RoundSchema,
} from '../../shared/protocol/schemas';
import { ownerOf } from '../api/instructor';
import type { Clock } from '../room/clock';
import type { RandomSource, RoomChange, RoomManager } from '../room/rooms';
import type { Actor, Command, RoomState } from '../room/state';
import { toHostProgress, toHostView, toPlayerView } from '../room/views';
import { DEFAULT_LIMITS, KeyedBuckets, type Limits, TokenBucket } from './rate-limit';

export type Session = { code: string; role: 'host' } | { code: string; role: 'player'; playerId: number };
export interface SocketData {
  session: Session | null;
}
type AppSocket = Socket<Record<string, never>, ServerToClientEvents, Record<string, never>, SocketData>;
export type AppServer = Server<
  Record<string, never>,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** How often, at most, the host's full view is re-sent for changes that are not phase changes. */
export const HOST_VIEW_INTERVAL_MS = 100;
/**
 * How often, at most, the host hears the answer count. Per answer, 2,000 students would cost the
 * server 2,000 messages and 2,000 counts of the class in a second; the projector shows no more.
 */
export const HOST_PROGRESS_INTERVAL_MS = 100;

/** At most one send per interval per room: at once if the last was long enough ago, else later. */
function createThrottle(intervalMs: number, send: (code: string) => void) {
  const timers = new Map<string, { lastAt: number; timer: NodeJS.Timeout | null }>();
  return (code: string, immediately = false) => {
    let t = timers.get(code);
    if (!t) {
      t = { lastAt: 0, timer: null };
      timers.set(code, t);
    }
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
  };
}

export interface TransportDeps {
  io: AppServer;
  /** An instructor's saved deck file by id (undefined if they have none with that id). */
  savedDeck?(owner: string, id: string): unknown;
  rooms: RoomManager;
  clock: Clock;
  random: RandomSource;
  joinUrl(code: string): string;
  log(message: string, error?: unknown): void;
  limits?: Limits;
  /** Take the client's address from X-Forwarded-For (behind a reverse proxy that sets it). */
  trustProxy?: boolean;
}

/** How long a flooder's connection lingers, unread, for its last acknowledgements to leave. */
const FLOODER_LINGER_MS = 1_000;

/** Events that present a code and a secret or nickname: failures among them are throttled. */
const IDENTITY_EVENTS: ReadonlySet<string> = new Set(['player:join', 'player:resume', 'host:resume']);
/** Refusals that mean a wrong code or a wrong secret: what a guesser gets. */
const GUESS_FAILURES: ReadonlySet<ErrorCode> = new Set(['ROOM_NOT_FOUND', 'UNKNOWN_PLAYER', 'NOT_HOST']);

/** The address a connection comes from; behind a trusted proxy, the one the proxy saw. */
export function clientAddress(
  handshake: { address: string; headers: Record<string, string | string[] | undefined> },
  trustProxy: boolean,
): string {
  const forwarded = handshake.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string' && forwarded.trim()) {
    // The nearest proxy appends the address it saw last; earlier entries are the client's to invent.
    return forwarded.split(',').at(-1)!.trim();
  }
  return handshake.address;
}

type Handler = (socket: AppSocket, payload: unknown) => Result;

const phaseKey = (s: RoomState) => `${s.phase.kind}:${'round' in s.phase ? s.phase.round : ''}`;

export function attachTransport(deps: TransportDeps): void {
  const { io, rooms, clock } = deps;
  // Who is listening, per room: host sockets and each player's sockets (a student may have two tabs).
  const audiences = new Map<string, { hosts: Set<AppSocket>; players: Map<number, Set<AppSocket>> }>();

  const audience = (code: string) => {
    let a = audiences.get(code);
    if (!a) {
      a = { hosts: new Set(), players: new Map() };
      audiences.set(code, a);
    }
    return a;
  };

  function sendHostView(code: string) {
    // What is saved, never a change still waiting for its batch to be committed.
    const state = rooms.committed(code);
    const hosts = audiences.get(code)?.hosts;
    if (!state || !hosts?.size) return;
    const view = toHostView(state, clock.now(), deps.joinUrl(code));
    for (const s of hosts) s.emit('view:host', view);
  }

  const scheduleHostView = createThrottle(HOST_VIEW_INTERVAL_MS, sendHostView);

  function sendProgress(code: string) {
    const hosts = audiences.get(code)?.hosts;
    const state = rooms.committed(code);
    if (!state || !hosts?.size) return;
    const progress = toHostProgress(state);
    if (progress) for (const s of hosts) s.emit('host:progress', progress);
  }
  const scheduleProgress = createThrottle(HOST_PROGRESS_INTERVAL_MS, sendProgress);

  function sendPlayerView(state: RoomState, playerId: number) {
    const sockets = audiences.get(state.code)?.players.get(playerId);
    if (!sockets?.size) return;
    const view = toPlayerView(state, playerId, clock.now());
    for (const s of sockets) s.emit('view:player', view);
  }

  function unbind(socket: AppSocket) {
    const session = socket.data.session;
    if (!session) return;
    socket.data.session = null;
    const a = audiences.get(session.code);
    if (session.role === 'host') {
      a?.hosts.delete(socket);
      return;
    }
    stopListening(socket, session.code, session.playerId);
  }

  /** The socket hears nothing more of the player's room; it stays that player, to be told KICKED. */
  function stopListening(socket: AppSocket, code: string, playerId: number) {
    const a = audiences.get(code);
    const set = a?.players.get(playerId);
    if (!set?.delete(socket)) return;
    if (set.size === 0) a?.players.delete(playerId);
    rooms.detach(code, playerId);
  }

  function bind(socket: AppSocket, session: Session) {
    unbind(socket);
    socket.data.session = session;
    const a = audience(session.code);
    if (session.role === 'host') {
      a.hosts.add(socket);
      return;
    }
    let set = a.players.get(session.playerId);
    if (!set) {
      set = new Set();
      a.players.set(session.playerId, set);
    }
    set.add(socket);
    rooms.attach(session.code, session.playerId);
  }

  rooms.onChange(({ prev, next, command }: RoomChange) => {
    const { code } = next;
    const a = audiences.get(code);
    if (phaseKey(prev) !== phaseKey(next)) {
      if (a) for (const id of a.players.keys()) sendPlayerView(next, id);
      scheduleHostView(code, true);
      return;
    }
    switch (command.type) {
      case 'answer': {
        sendPlayerView(next, command.playerId);
        if (a?.hosts.size) scheduleProgress(code);
        return;
      }
      case 'kick': {
        sendPlayerView(next, command.playerId);
        for (const s of [...(a?.players.get(command.playerId) ?? [])])
          stopListening(s, code, command.playerId);
        scheduleHostView(code, true);
        return;
      }
      case 'presence': {
        if (a?.hosts.size) scheduleProgress(code);
        scheduleHostView(code);
        return;
      }
      default:
        scheduleHostView(code, command.type !== 'join');
    }
  });

  const actorOf = (socket: AppSocket): Actor => {
    const s = socket.data.session;
    return !s
      ? { role: 'stranger' }
      : s.role === 'host'
        ? { role: 'host' }
        : { role: 'player', playerId: s.playerId };
  };

  function parsed<S extends v.GenericSchema>(
    schema: S,
    payload: unknown,
    then: (value: v.InferOutput<S>) => Result,
  ): Result {
    const p = parsePayload(schema, payload);
    return p.ok ? then(p.value) : fail('BAD_PAYLOAD', p.message);
  }

  /** Host commands go to the room the socket belongs to; a stranger belongs to none. */
  function hostCommand(socket: AppSocket, build: (by: Actor) => Command): Result {
    const session = socket.data.session;
    if (!session) return fail('NOT_HOST');
    const result = rooms.dispatch(session.code, build(actorOf(socket)));
    return result.ok ? { ok: true } : result;
  }

  function deckFor(
    choice: DeckChoice,
    owner: string | null,
  ): { ok: true; deck: Deck } | { ok: false; error: ErrorCode; message: string } {
    switch (choice.source) {
      case 'builtin':
        return { ok: true, deck: BUILTIN_GAME_DECK };
      case 'generated': {
        const seed = choice.seed ?? Number.parseInt(deps.random.secret().slice(0, 6), 36) % 2 ** 31;
        const { difficulty, rounds, kinds } = choice;
        return {
          ok: true,
          deck: generateGameDeck(seed, { difficulty, rounds, ...(kinds ? { kinds } : {}) }),
        };
      }
      case 'custom': {
        const d = parseDeck(choice.deck);
        return d.ok ? d : { ok: false, error: 'BAD_PAYLOAD', message: d.error };
      }
      case 'saved': {
        const file = owner === null ? undefined : deps.savedDeck?.(owner, choice.id);
        if (file === undefined) return fail('DECK_NOT_FOUND');
        const d = parseDeck(file);
        return d.ok ? d : { ok: false, error: 'BAD_PAYLOAD', message: d.error };
      }
    }
  }

  const handlers: Record<(typeof CLIENT_EVENTS)[number], Handler> = {
    'host:create': (socket, payload) =>
      parsed(HostCreateSchema, payload, (p) => {
        const owner = p.instructorKey === undefined ? null : ownerOf(p.instructorKey);
        const deck = deckFor(p.deck, owner);
        if (!deck.ok) return deck;
        const state = rooms.create(
          deck.deck,
          { secondsPerQuestion: p.secondsPerQuestion, speedPoints: p.speedPoints },
          owner,
        );
        bind(socket, { code: state.code, role: 'host' });
        return {
          ok: true,
          code: state.code,
          hostSecret: state.hostSecret,
          view: toHostView(state, clock.now(), deps.joinUrl(state.code)),
        };
      }),
    'host:resume': (socket, payload) =>
      parsed(HostResumeSchema, payload, (p) => {
        const host = rooms.identifyHost(p.code, p.hostSecret);
        if (!host.ok) return host;
        bind(socket, { code: p.code, role: 'host' });
        return { ok: true, view: toHostView(host.state, clock.now(), deps.joinUrl(p.code)) };
      }),
    'player:join': (socket, payload) =>
      parsed(PlayerJoinSchema, payload, (p) => {
        const known = p.requestId === undefined ? null : rooms.recallJoin(p.code, p.requestId);
        let playerId: number;
        if (known) {
          if (!known.ok) return known;
          playerId = known.playerId;
        } else {
          const result = rooms.dispatch(
            p.code,
            { type: 'join', nickname: p.nickname, secret: deps.random.secret() },
            p.requestId === undefined ? undefined : { requestId: p.requestId },
          );
          if (!result.ok) return result;
          playerId = result.playerId!;
        }
        bind(socket, { code: p.code, role: 'player', playerId });
        const state = rooms.get(p.code)!;
        const player = state.players[playerId]!;
        return {
          ok: true,
          playerId,
          playerSecret: player.secret,
          view: toPlayerView(state, playerId, clock.now()),
        };
      }),
    'player:resume': (socket, payload) =>
      parsed(PlayerResumeSchema, payload, (p) => {
        const player = rooms.identifyPlayer(p.code, p.playerSecret);
        if (!player.ok) return player;
        const { playerId } = player;
        bind(socket, { code: p.code, role: 'player', playerId });
        return { ok: true, view: toPlayerView(rooms.get(p.code)!, playerId, clock.now()) };
      }),
    'round:start': (socket, payload) =>
      parsed(RoundSchema, payload, (p) =>
        hostCommand(socket, (by) => ({ type: 'start', by, round: p.round })),
      ),
    'round:reveal': (socket, payload) =>
      parsed(RoundSchema, payload, (p) =>
        hostCommand(socket, (by) => ({ type: 'reveal', by, round: p.round })),
      ),
    'round:leaderboard': (socket, payload) =>
      parsed(RoundSchema, payload, (p) =>
        hostCommand(socket, (by) => ({ type: 'leaderboard', by, round: p.round })),
      ),
    'game:end': (socket, payload) =>
      parsed(EmptySchema, payload, () => hostCommand(socket, (by) => ({ type: 'end', by }))),
    'player:kick': (socket, payload) =>
      parsed(KickSchema, payload, (p) =>
        hostCommand(socket, (by) => ({ type: 'kick', by, playerId: p.playerId })),
      ),
    'room:lock': (socket, payload) =>
      parsed(LockSchema, payload, (p) =>
        hostCommand(socket, (by) => ({ type: 'lock', by, locked: p.locked })),
      ),
    'answer:submit': (socket, payload) =>
      parsed(AnswerSubmitSchema, payload, (p) => {
        const session = socket.data.session;
        if (session?.role !== 'player') return fail('NOT_IN_ROOM');
        const result = rooms.dispatch(session.code, {
          type: 'answer',
          playerId: session.playerId,
          round: p.round,
          choice: p.choice,
        });
        return result.ok ? { ok: true, ...result.receipt! } : result;
      }),
  };
  const known = new Set<string>(CLIENT_EVENTS);

  const limits = deps.limits ?? DEFAULT_LIMITS;
  const guessesByAddress = new KeyedBuckets(limits.failedJoinsPerAddress);

  io.on('connection', (raw) => {
    const socket = raw as AppSocket;
    socket.data.session = null;
    // Rate limits run on wall time, not the game clock (which tests move by hand).
    const events = new TokenBucket(limits.events, Date.now());
    const refusals = new TokenBucket(limits.refusals, Date.now());
    const guesses = new TokenBucket(limits.failedJoinsPerSocket, Date.now());
    const address = clientAddress(socket.handshake, deps.trustProxy ?? false);

    // Every inbound event pays a token first. A flood gets RATE_LIMITED acknowledgements, and a
    // client that keeps flooding regardless is disconnected: decoding its packets is work the
    // honest clients would otherwise wait for.
    (socket as unknown as Socket).use((packet, next) => {
      const now = Date.now();
      if (events.take(now)) return next();
      const last = packet[packet.length - 1];
      if (typeof last === 'function') (last as (r: Result) => void)(fail('RATE_LIMITED'));
      if (!refusals.take(now)) {
        // Stop reading its bytes at once (every frame read is unmasked and parsed), let the
        // acknowledgements already written and the disconnect go out, then cut the connection:
        // a flooder is in no hurry to answer a WebSocket closing handshake.
        const tcp = socket.request.socket;
        tcp?.pause();
        socket.disconnect(true);
        setTimeout(() => tcp?.destroy(), FLOODER_LINGER_MS).unref();
      }
    });

    const run = (event: string, handler: Handler, payload: unknown): Result => {
      if (!IDENTITY_EVENTS.has(event)) return handler(socket, payload);
      const now = Date.now();
      const throttled = !(guesses.has(now) && guessesByAddress.has(address, now));
      // A join is refused outright while throttled: it would tell a guesser which codes exist.
      if (throttled && event === 'player:join') return fail('RATE_LIMITED');
      // A resume goes through (a student with a valid secret gets back in even when someone at the
      // same school address has been guessing); only its failure is masked while throttled, so that
      // ROOM_NOT_FOUND and UNKNOWN_PLAYER tell a guesser nothing.
      const result = handler(socket, payload);
      if (!result.ok && GUESS_FAILURES.has(result.error)) {
        if (throttled) return fail('RATE_LIMITED');
        guesses.take(now);
        guessesByAddress.take(address, now);
      }
      return result;
    };

    for (const event of CLIENT_EVENTS) {
      const handler = handlers[event];
      // Inbound data is unknown until parsed: the acknowledgement is whatever function came last,
      // and a client that sent none simply gets no reply.
      (socket as unknown as Socket).on(event, (...args: unknown[]) => {
        const last = args[args.length - 1];
        const ack = typeof last === 'function' ? (last as (r: Result) => void) : null;
        const payload = ack && args.length === 1 ? undefined : args[0];
        let result: Result;
        try {
          result = run(event, handler, payload);
        } catch (error) {
          deps.log(`handler for ${event} failed`, error);
          result = fail('INTERNAL');
        }
        // Committed before acknowledged: the reply waits for the batch holding this change.
        rooms.afterCommit((saved) => {
          if (saved || !result.ok) ack?.(result);
          else {
            // The change was undone: a join's player no longer exists, so its socket is nobody.
            if (event === 'player:join') unbind(socket);
            ack?.(fail('INTERNAL'));
          }
        });
      });
    }
    (socket as unknown as Socket).onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event === 'string' && known.has(event)) return;
      const last = args[args.length - 1];
      if (typeof last === 'function') (last as (r: Result) => void)(fail('UNKNOWN_EVENT'));
    });
    socket.on('disconnect', () => unbind(socket));
  });
}
