// What a socket is to the game, and the typed Socket.IO server built from the protocol table.
import type { Server, Socket } from 'socket.io';
import type { Language } from '../../shared/i18n/language';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events';
import type { SocketGuard } from './guard';

export type Session = { code: string; role: 'host' } | { code: string; role: 'player'; playerId: number };
export interface SocketData {
  session: Session | null;
  /** Set on connection: its rate limits and budgets (guard.ts). */
  guard: SocketGuard;
  /** Set on connection: the language of the page that opened the socket; its refusals are written in it. */
  lang: Language;
}
// Inbound events are typed as the protocol says, though what arrives is unknown until parsed: the
// handlers take `unknown` and parse it (server/transport/handlers.ts).
/** One server process: no events between servers. */
type InterServerEvents = Record<never, never>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
