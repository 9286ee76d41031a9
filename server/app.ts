// createApp builds the whole server (Express + Socket.IO + rooms) without listening, so tests run
// it on port 0 and server/index.ts runs it on PORT.
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { Server } from 'socket.io';
import { type Clock, createSystemClock } from './room/clock';
import {
  createMemoryStore,
  createRoomManager,
  cryptoRandom,
  type RandomSource,
  type RoomManager,
  type RoomStore,
} from './room/rooms';
import { type AppServer, attachTransport } from './transport/socket';

export const MAX_MESSAGE_BYTES = 16 * 1024;

export interface AppDeps {
  clock?: Clock;
  store?: RoomStore;
  random?: RandomSource;
  /** The address students type, e.g. http://192.168.1.20:3000; defaults to the listening address. */
  publicUrl?: string;
  /** The built client (vite build); null serves no pages (API-only tests). */
  staticDir?: string | null;
  log?: (message: string, error?: unknown) => void;
}

export interface App {
  app: express.Express;
  httpServer: HttpServer;
  io: AppServer;
  rooms: RoomManager;
  publicUrl(): string;
  close(): Promise<void>;
}

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../dist/client', import.meta.url));

export function createApp(deps: AppDeps = {}): App {
  const clock = deps.clock ?? createSystemClock();
  const store = deps.store ?? createMemoryStore();
  const random = deps.random ?? cryptoRandom;
  const log = deps.log ?? ((message, error) => console.error(message, error ?? ''));
  const rooms = createRoomManager({ clock, store, random });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const publicUrl = () => {
    if (deps.publicUrl) return deps.publicUrl.replace(/\/+$/, '');
    const address = httpServer.address() as AddressInfo | null;
    return `http://localhost:${address?.port ?? 3000}`;
  };

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, rooms: rooms.codes().length, uptimeS: Math.round(process.uptime()) });
  });
  app.get('/api/info', (_req, res) => {
    res.json({ publicUrl: publicUrl() });
  });

  const staticDir = deps.staticDir === undefined ? DEFAULT_STATIC_DIR : deps.staticDir;
  if (staticDir && existsSync(staticDir)) {
    app.use(
      '/assets',
      express.static(`${staticDir}/assets`, { immutable: true, maxAge: '1y', index: false }),
    );
    const page = (file: string) => (_req: express.Request, res: express.Response) =>
      res.sendFile(`${staticDir}/${file}`, { headers: { 'Cache-Control': 'no-cache' } });
    app.get('/', page('index.html'));
    app.get('/join/:code', page('index.html'));
    app.get('/host', page('host.html'));
    app.use(express.static(staticDir, { index: false }));
  }

  const io: AppServer = new Server(httpServer, {
    serveClient: false,
    // Compression costs ~10x memory and ~3.4x CPU per socket for messages this small.
    perMessageDeflate: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
  });
  attachTransport({ io, rooms, clock, random, joinUrl: (code) => `${publicUrl()}/join/${code}`, log });

  return {
    app,
    httpServer,
    io,
    rooms,
    publicUrl,
    close: async () => {
      rooms.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
