// The handlers: for each event of the protocol table, parse its payload, dispatch one command to the
// room layer, and say what to acknowledge. Typed from the table, so a handler that replies with the
// wrong shape does not compile.
import type { Deck } from '../../shared/protocol/deck';
import { parseDeck } from '../../shared/protocol/deck';
import { BUILTIN_GAME_DECK, generateGameDeck, LESSON_GAME_DECK } from '../../shared/protocol/decks';
import { type Failure, fail, type Result, storeUnavailable } from '../../shared/protocol/errors';
import {
  type ClientEventName,
  type ParsedPayloadOf,
  PROTOCOL,
  type ReplyOf,
} from '../../shared/protocol/events';
import { type DeckChoice, parsePayload } from '../../shared/protocol/schemas';
import { ownerOf } from '../api/instructor';
import type { RandomSource } from '../room/random';
import type { RoomManager } from '../room/rooms';
import type { Actor, Command } from '../room/state';
import { toHostView, toPlayerView } from '../room/views';
import type { Publication } from './publication';
import type { AppSocket } from './session';
import { createTurns } from './turns';

/** A reply now, or later when the store is asynchronous (PostgreSQL) and had to be read first. */
type Reply<E extends ClientEventName> = Result<ReplyOf<E>> | Promise<Result<ReplyOf<E>>>;

type Handlers = {
  [E in ClientEventName]: (socket: AppSocket, payload: ParsedPayloadOf<E>) => Reply<E>;
};

export interface HandlerDeps {
  rooms: RoomManager;
  publication: Publication;
  random: RandomSource;
  now(): number;
  joinUrl(code: string): string;
  /** An instructor's saved deck file by id (undefined if they have none with that id). */
  savedDeck?(owner: string, id: string): unknown | Promise<unknown>;
  /** Counts and logs (once a minute per address) a request refused by a limit. */
  refused?(limit: string, socket: AppSocket): void;
}

/** Parses an event's payload with its schema from the table, then runs its handler. */
export type Handle = <E extends ClientEventName>(event: E, socket: AppSocket, payload: unknown) => Reply<E>;

/**
 * From this many players, a host view is big (about 64 bytes a player, ~160 KB at 2,500) and encoding
 * it for a resuming host screen takes a few ms: resumes of such rooms take turns (transport/turns.ts).
 * Twenty screens resuming a 2,500-player room at once otherwise held the loop 40-60 ms.
 */
export const BIG_ROOM_PLAYERS = 500;

/** A seed for the engine's generator, from the server's random source. */
const seedFrom = (random: RandomSource): number => Number.parseInt(random.secret().slice(0, 6), 36) % 2 ** 31;

export function createHandlers(deps: HandlerDeps): Handle {
  const { rooms, publication } = deps;
  const bigViews = createTurns();

  const actorOf = (socket: AppSocket): Actor => {
    const s = socket.data.session;
    if (!s) return { role: 'stranger' };
    return s.role === 'host' ? { role: 'host' } : { role: 'player', playerId: s.playerId };
  };

  /** Host commands go to the room the socket belongs to; a stranger belongs to none. */
  function hostCommand(socket: AppSocket, build: (by: Actor) => Command): Result {
    const session = socket.data.session;
    if (!session) return fail('NOT_HOST');
    const result = rooms.dispatch(session.code, build(actorOf(socket)));
    return result.ok ? { ok: true } : result;
  }

  /**
   * Runs `then` once `wait` (a read from an asynchronous store) is done, or at once without one; a
   * read that failed is the reply (STORE_UNAVAILABLE while the database cannot be reached). The
   * socket may have closed meanwhile: it must not then join a room's audience.
   */
  function after<T extends object>(
    socket: AppSocket,
    wait: Promise<Failure | undefined> | undefined,
    then: () => Result<T> | Promise<Result<T>>,
  ): Result<T> | Promise<Result<T>> {
    if (!wait) return then();
    return wait.then(
      (refused) =>
        refused ??
        (socket.disconnected ? fail('INTERNAL', 'The connection closed before this was done.') : then()),
    );
  }

  function parsedSaved(file: unknown): { ok: true; deck: Deck } | Failure {
    if (file === undefined) return fail('DECK_NOT_FOUND');
    const d = parseDeck(file);
    return d.ok ? d : fail('BAD_PAYLOAD', d.error);
  }

  type DeckFound = { ok: true; deck: Deck } | Failure;
  function deckFor(choice: DeckChoice, owner: string | null): DeckFound | Promise<DeckFound> {
    switch (choice.source) {
      case 'builtin':
        return { ok: true, deck: BUILTIN_GAME_DECK };
      case 'lesson':
        return { ok: true, deck: LESSON_GAME_DECK };
      case 'generated': {
        const seed = choice.seed ?? seedFrom(deps.random);
        const { difficulty, rounds, kinds } = choice;
        return {
          ok: true,
          deck: generateGameDeck(seed, { difficulty, rounds, ...(kinds ? { kinds } : {}) }),
        };
      }
      case 'custom': {
        const d = parseDeck(choice.deck);
        return d.ok ? d : fail('BAD_PAYLOAD', d.error);
      }
      case 'saved': {
        const file = owner === null ? undefined : deps.savedDeck?.(owner, choice.id);
        return file instanceof Promise ? file.then(parsedSaved) : parsedSaved(file);
      }
    }
  }

  type Payload<E extends ClientEventName> = ParsedPayloadOf<E>;

  function create(
    socket: AppSocket,
    p: Payload<'host:create'>,
    owner: string | null,
    deck: DeckFound,
  ): Result<ReplyOf<'host:create'>> {
    if (!deck.ok) return deck;
    // A game that cannot be saved is not begun: its host would be given a code the database never
    // heard of. Asked again (the apps do, after the hint), it begins once the database is back.
    if (rooms.health.downSince() !== null) return storeUnavailable();
    // Memory holds as many games as it may and none can make way (each has someone connected):
    // refusing the new game is better than leaving an existing one's sockets deaf.
    if (rooms.full()) {
      deps.refused?.('roomsInMemory', socket);
      return fail('SERVER_BUSY');
    }
    const state = rooms.create(
      deck.deck,
      {
        secondsPerQuestion: p.secondsPerQuestion,
        speedPoints: p.speedPoints,
        scoreBy: p.scoreBy,
        ...(p.peerInstruction ? { peerInstruction: p.peerInstruction } : {}),
      },
      owner,
    );
    publication.bind(socket, { code: state.code, role: 'host' });
    const view = toHostView(state, deps.now(), deps.joinUrl(state.code));
    return { ok: true, code: state.code, hostSecret: state.hostSecret, view };
  }

  function resumeHost(socket: AppSocket, p: Payload<'host:resume'>): Reply<'host:resume'> {
    const host = rooms.identifyHost(p.code, p.hostSecret);
    if (!host.ok) return host;
    const resume = (): Result<ReplyOf<'host:resume'>> => {
      const state = rooms.get(p.code);
      if (!state) return fail('ROOM_NOT_FOUND');
      const view = toHostView(state, deps.now(), deps.joinUrl(p.code));
      publication.bind(socket, { code: p.code, role: 'host' }, view.players);
      return { ok: true, view };
    };
    if (host.state.players.length < BIG_ROOM_PLAYERS) return resume();
    return bigViews
      .next()
      .then(() =>
        socket.disconnected ? fail('INTERNAL', 'The connection closed before this was done.') : resume(),
      );
  }

  function join(socket: AppSocket, p: Payload<'player:join'>): Result<ReplyOf<'player:join'>> {
    const secret = deps.random.secret();
    const joined =
      (p.requestId === undefined ? null : rooms.recallJoin(p.code, p.requestId)) ??
      rooms.join(p.code, p.nickname, secret, p.requestId, p.device);
    if (!joined.ok) return joined;
    const { playerId } = joined;
    publication.bind(socket, { code: p.code, role: 'player', playerId });
    const state = rooms.get(p.code);
    const player = state?.players[playerId];
    if (!state || !player) return fail('INTERNAL');
    return {
      ok: true,
      playerId,
      playerSecret: player.secret,
      view: toPlayerView(state, playerId, deps.now()),
    };
  }

  function resumePlayer(socket: AppSocket, p: Payload<'player:resume'>): Result<ReplyOf<'player:resume'>> {
    const player = rooms.identifyPlayer(p.code, p.playerSecret);
    if (!player.ok) return player;
    const { playerId } = player;
    publication.bind(socket, { code: p.code, role: 'player', playerId });
    const state = rooms.get(p.code);
    return state ? { ok: true, view: toPlayerView(state, playerId, deps.now()) } : fail('ROOM_NOT_FOUND');
  }

  const handlers: Handlers = {
    'host:create': (socket, p) => {
      const owner = p.instructorKey === undefined ? null : ownerOf(p.instructorKey);
      const found = deckFor(p.deck, owner);
      if (!(found instanceof Promise)) return create(socket, p, owner, found);
      let deck: DeckFound = fail('DECK_NOT_FOUND');
      return after(
        socket,
        found.then((d) => {
          deck = d;
          return undefined;
        }),
        () => create(socket, p, owner, deck),
      );
    },
    'host:resume': (socket, p) => after(socket, rooms.ready(p.code), () => resumeHost(socket, p)),
    'player:join': (socket, p) => after(socket, rooms.ready(p.code), () => join(socket, p)),
    'player:resume': (socket, p) => after(socket, rooms.ready(p.code), () => resumePlayer(socket, p)),
    'round:start': (socket, p) => hostCommand(socket, (by) => ({ type: 'start', by, round: p.round })),
    'round:reveal': (socket, p) => hostCommand(socket, (by) => ({ type: 'reveal', by, round: p.round })),
    'round:leaderboard': (socket, p) =>
      hostCommand(socket, (by) => ({ type: 'leaderboard', by, round: p.round })),
    'round:discuss': (socket, p) => hostCommand(socket, (by) => ({ type: 'discuss', by, round: p.round })),
    'discussion:extend': (socket, p) =>
      hostCommand(socket, (by) => ({ type: 'discussion-extend', by, round: p.round })),
    'discussion:end': (socket, p) =>
      hostCommand(socket, (by) => ({ type: 'discussion-end', by, round: p.round })),
    // The engine's seed comes from the server's randomness: the reducer stays pure.
    'round:twin': (socket, p) =>
      hostCommand(socket, (by) => ({ type: 'twin', by, round: p.round, seed: seedFrom(deps.random) })),
    'game:end': (socket) => hostCommand(socket, (by) => ({ type: 'end', by })),
    'player:kick': (socket, p) => hostCommand(socket, (by) => ({ type: 'kick', by, playerId: p.playerId })),
    'player:unkick': (socket, p) =>
      hostCommand(socket, (by) => ({ type: 'unkick', by, playerId: p.playerId })),
    'room:lock': (socket, p) => hostCommand(socket, (by) => ({ type: 'lock', by, locked: p.locked })),
    'answer:submit': (socket, p) => {
      const session = socket.data.session;
      if (session?.role !== 'player') return fail('NOT_IN_ROOM');
      return rooms.answer(session.code, session.playerId, p.round, p.choice, p.confidence);
    },
  };

  return (event, socket, payload) => {
    const parsed = parsePayload(PROTOCOL[event].payload, payload);
    if (!parsed.ok) return fail('BAD_PAYLOAD', parsed.message);
    return handlers[event](socket, parsed.value);
  };
}
