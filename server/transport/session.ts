// What a socket is to the game, and the typed Socket.IO server built from the protocol table.
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events';

export type Session = { code: string; role: 'host' } | { code: string; role: 'player'; playerId: number };
export interface SocketData {
  session: Session | null;
}
// Inbound events are typed as the protocol says, though what arrives is unknown until parsed: the
// handlers take `unknown` and parse it (server/transport/handlers.ts).
/** One server process: no events between servers. */
type InterServerEvents = Record<never, never>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
