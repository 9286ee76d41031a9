// The typed events both sides use. Client-to-server events all take an acknowledgement that carries
// either a result or an error code; server-to-client events are view snapshots.
import type { Result } from './errors';
import type {
  AnswerSubmitPayload,
  HostCreatePayload,
  HostResumePayload,
  KickPayload,
  LockPayload,
  PlayerJoinPayload,
  PlayerResumePayload,
  RoundPayload,
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
  /** Time from the question opening to the server receiving the answer. */
  elapsedMs: number;
}

export interface ClientToServerEvents {
  'host:create': (payload: HostCreatePayload, ack: Ack<HostSession>) => void;
  'host:resume': (payload: HostResumePayload, ack: Ack<{ view: HostView }>) => void;
  'player:join': (payload: PlayerJoinPayload, ack: Ack<PlayerSession>) => void;
  'player:resume': (payload: PlayerResumePayload, ack: Ack<{ view: PlayerView }>) => void;
  'round:start': (payload: RoundPayload, ack: Ack) => void;
  'round:reveal': (payload: RoundPayload, ack: Ack) => void;
  'round:leaderboard': (payload: RoundPayload, ack: Ack) => void;
  'game:end': (payload: Record<string, never>, ack: Ack) => void;
  'player:kick': (payload: KickPayload, ack: Ack) => void;
  'room:lock': (payload: LockPayload, ack: Ack) => void;
  'answer:submit': (payload: AnswerSubmitPayload, ack: Ack<AnswerReceipt>) => void;
}

export interface ServerToClientEvents {
  'view:host': (view: HostView) => void;
  'view:player': (view: PlayerView) => void;
  'host:progress': (progress: HostProgress) => void;
}

export type ClientEventName = keyof ClientToServerEvents;
export const CLIENT_EVENTS = [
  'host:create',
  'host:resume',
  'player:join',
  'player:resume',
  'round:start',
  'round:reveal',
  'round:leaderboard',
  'game:end',
  'player:kick',
  'room:lock',
  'answer:submit',
] as const satisfies readonly ClientEventName[];
