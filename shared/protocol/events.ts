// The typed events both sides use. Client-to-server events all take an acknowledgement that carries
// either a result or an error code; server-to-client events are view snapshots.
import type * as v from 'valibot';
import type { Confidence } from './confidence';
import type { Result } from './errors';
import type { MovedTo } from './rehome';
import type { RosterUpdate } from './roster';
import {
  AnswerSubmitSchema,
  EmptySchema,
  HostCreateSchema,
  HostResumeSchema,
  KickSchema,
  LockSchema,
  PlayerJoinSchema,
  PlayerResumeSchema,
  RoundSchema,
  UnkickSchema,
} from './schemas';
import type { AnswerValue, HostProgress, HostView, PlayerView } from './views';

export type Ack<T extends object = object> = (result: Result<T>) => void;

export interface HostSession {
  code: string;
  hostSecret: string;
  view: HostView;
}
export interface PlayerSession {
  playerId: number;
  playerSecret: string;
  view: PlayerView;
}
export interface AnswerReceipt {
  round: number;
  choice: AnswerValue;
  /** C1: the level the answer was recorded with, in a game scored by confidence. */
  confidence?: Confidence;
  /** Time from the question opening to the server receiving the answer. */
  elapsedMs: number;
}

/**
 * One entry of the protocol table: the schema of the event's payload, and (at the type level only)
 * what its successful acknowledgement carries beside `ok: true`.
 */
export interface EventSpec<S extends v.GenericSchema = v.GenericSchema, R extends object = object> {
  payload: S;
  /** Never set: it carries the reply's type, so the table is the one place that names it. */
  reply?: R;
}
/** `event<Reply>()(Schema)`: an event whose acknowledgement carries `Reply`. */
const event =
  <R extends object = Record<never, never>>() =>
  <S extends v.GenericSchema>(payload: S): EventSpec<S, R> => ({ payload });

/**
 * The protocol: every client-to-server event, its payload schema and its reply. The event names, the
 * payload and reply types, the client's request typing, the server's handler table and the fuzzer's
 * event list all come from here.
 */
export const PROTOCOL = {
  'host:create': event<HostSession>()(HostCreateSchema),
  'host:resume': event<{ view: HostView }>()(HostResumeSchema),
  'player:join': event<PlayerSession>()(PlayerJoinSchema),
  'player:resume': event<{ view: PlayerView }>()(PlayerResumeSchema),
  'round:start': event()(RoundSchema),
  'round:reveal': event()(RoundSchema),
  'round:leaderboard': event()(RoundSchema),
  /** PI2: a closed first vote goes to a discussion. */
  'round:discuss': event()(RoundSchema),
  /** PI2: the discussion gets 30 s more. */
  'discussion:extend': event()(RoundSchema),
  /** PI3: the discussion ends now; the second vote opens. */
  'discussion:end': event()(RoundSchema),
  /** PI9: from the reveal of a round that went to a second vote, its twin opens as the next round. */
  'round:twin': event()(RoundSchema),
  'game:end': event()(EmptySchema),
  'player:kick': event()(KickSchema),
  'player:unkick': event()(UnkickSchema),
  'room:lock': event()(LockSchema),
  'answer:submit': event<AnswerReceipt>()(AnswerSubmitSchema),
} as const satisfies Record<string, EventSpec>;

type Protocol = typeof PROTOCOL;
export type ClientEventName = keyof Protocol;
/** What a client sends: the schema's input (defaults not filled in yet). */
export type PayloadOf<E extends ClientEventName> = v.InferInput<Protocol[E]['payload']>;
/** What a handler receives: the schema's output. */
export type ParsedPayloadOf<E extends ClientEventName> = v.InferOutput<Protocol[E]['payload']>;
/** What a successful acknowledgement carries beside `ok: true`. */
export type ReplyOf<E extends ClientEventName> = NonNullable<Protocol[E]['reply']>;

export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: PayloadOf<E>, ack: Ack<ReplyOf<E>>) => void;
};

export const CLIENT_EVENT_NAMES: readonly ClientEventName[] = Object.freeze(
  Object.keys(PROTOCOL) as ClientEventName[],
);

export function isClientEvent(name: unknown): name is ClientEventName {
  return typeof name === 'string' && Object.hasOwn(PROTOCOL, name);
}

/**
 * The host's view as `view:host` sends it: without the roster, which goes before it as changes
 * (`host:roster`, shared/protocol/roster.ts). Acknowledgements (host:create, host:resume) carry the
 * whole HostView, roster included.
 */
export type HostViewWire = Omit<HostView, 'players'>;

export interface ServerToClientEvents {
  'host:roster': (update: RosterUpdate) => void;
  'view:host': (view: HostViewWire) => void;
  'view:player': (view: PlayerView) => void;
  'host:progress': (progress: HostProgress) => void;
  /**
   * Cluster mode: this room's home is another server process now: the one named (a node handing its
   * rooms over), else ask GET /api/rooms/:code/home (shared/protocol/rehome.ts).
   */
  moved: (payload: MovedTo) => void;
}
