// createApp builds the whole server (Express + Socket.IO + rooms) without listening, so tests run
// it on port 0 and server/index.ts runs it on PORT.
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import expressStaticGzip from 'express-static-gzip';
import { Server } from 'socket.io';
import { playerLanguage } from '../shared/i18n/language';
import type { AssignmentReport } from '../shared/protocol/homework';
import { CLUSTER_PING_INTERVAL_MS, socketPathOf } from '../shared/protocol/rehome';
import type { GameReport } from '../shared/protocol/report';
import { createHomeworkRouter } from './api/homework';
import { createApiRouter } from './api/router';
import { createSystemClock, deferOnWallClock, wallClockMs } from './clock';
import { type Cluster, homeRoutes, startCluster } from './cluster';
import { type BudgetConfig, type Budgets, createBudgets } from './limits/budgets';
import type { RoomLimits } from './limits/config';
import { createLimitEvents, type LimitEvents } from './limits/events';
import { apiBudget, requestAddress } from './limits/http';
import type { OutboxLimits } from './limits/outbox';
import { DEFAULT_QUOTAS, type LibraryQuotas } from './limits/quotas';
import { cryptoRandom } from './random';
import { followUpDeckOf } from './reports/follow-up';
import { gradebookCsv, sourceOfAssignment, sourceOfReport } from './reports/gradebook';
import { type StoredReport, upgradeReport } from './reports/misconceptions';
import { buildReport, overallShare, reportCsv } from './reports/report';
import { sinceLastTime, warmupDeckOf } from './reports/warmup';
import type { Clock } from './room/clock';
import { createMemoryStore } from './room/memory-store';
import type { RandomSource } from './room/random';
import { createRoomManager, type RoomManager, SWEEP_BATCH } from './room/rooms';
import { reportIdOf } from './room/state';
import type { RoomStore } from './room/store';
import { createStoreHealth } from './room/store-health';
import type { Homes } from './store/homes-postgres';
import { createSqliteLibraryStore, type LibraryStore } from './store/library-sqlite';
import { createSqliteRoomStore } from './store/rooms-sqlite';
import { type Db, openDatabase } from './store/sqlite';
import { coalesceWrites } from './transport/coalesce';
import { createOriginCheck } from './transport/origin';
import type { Limits } from './transport/rate-limit';
import { type AppServer, attachTransport, type Transport } from './transport/socket';

export const MAX_MESSAGE_BYTES = 16 * 1024;
/**
 * Heartbeat: the server pings every PING_INTERVAL_MS and drops a client that has not answered within
 * PING_TIMEOUT_MS; a client that has heard nothing for their sum reconnects. So a black-holed Wi-Fi
 * is found within 10 s either way, rather than Socket.IO's default 45 s, while a phone whose screen
 * locks for a few seconds keeps its connection. A request in flight notices sooner: the client's
 * acknowledgement timeout.
 */
export const PING_INTERVAL_MS = 5_000;
export const PING_TIMEOUT_MS = 5_000;
/**
 * R5: how often the store is told the server is up. After a crash, the time from the last one to the
 * restart counts as down: at most this much of it was really up, in the students' favour.
 */
export const ALIVE_EVERY_MS = 2_000;

/** Written by hand: the apps load only their own scripts and styles, never inline ones. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

export interface AppDeps {
  clock?: Clock;
  /** Where games are kept. Without it, `dataDir` opens SQLite there; without either, memory only. */
  store?: RoomStore;
  /** Instructors' decks and reports. Without it, `dataDir`'s SQLite file, or an in-memory database. */
  library?: LibraryStore;
  /** DATA_DIR: the directory of the SQLite file (created on first start). */
  dataDir?: string;
  random?: RandomSource;
  /** The address students type, e.g. http://192.168.1.20:3000; defaults to the listening address. */
  publicUrl?: string;
  /** The built client (vite build); null serves no pages (API-only tests). */
  staticDir?: string | null;
  log?: (message: string, error?: unknown) => void;
  /** Origins, besides the server's own, whose pages may open a game connection (ALLOWED_ORIGINS). */
  allowedOrigins?: string[];
  /** Per-socket and per-address limits; tests that fire thousands of events raise them. */
  limits?: Limits;
  /** Client addresses from X-Forwarded-For (TRUST_PROXY=1, behind a reverse proxy). */
  trustProxy?: boolean;
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  /** Per-address and per-key budgets (README "Limits"); server/index.ts reads them from the environment. */
  budgets?: Partial<BudgetConfig>;
  /** Refusals held at once before they are sent (HELD_REFUSALS_MAX by default; README "Limits"). */
  heldRefusalsMax?: number;
  /** Storage quotas of the instructors' library. */
  quotas?: Partial<LibraryQuotas>;
  /** Rooms in memory, their idle time and the retention of unfinished games (README "Limits"). */
  roomLimits?: RoomLimits;
  /** The unread bytes a socket may keep and for how long (OUTBOX_MAX_BYTES, SLOW_READER_MS). */
  outbox?: Partial<OutboxLimits>;
  /** Cluster mode (NODE_ID): this node's homes on PostgreSQL, and how often it renews its lease. */
  cluster?: { homes: Homes; renewMs: number; leaseMs: number };
}

/** How often games not finished and past their retention are looked for on disk. */
export const RETENTION_SWEEP_MS = 10 * 60_000;
/** While the database cannot be reached, how long an HTTP client is asked to wait (Retry-After, s). */
export const STORE_RETRY_AFTER_HTTP_S = 2;
/** A finished game's report that the database could not take is offered to it again this often. */
export const REPORT_RETRY_MS = 2_000;

export interface App {
  app: express.Express;
  httpServer: HttpServer;
  io: AppServer;
  rooms: RoomManager;
  /** What the transport keeps per room (for tests that look for leaks). */
  transport: Transport;
  library: LibraryStore;
  /** Shared by the API and the socket side (host:create spends `roomCreate`). */
  budgets: Budgets;
  limitEvents: LimitEvents;
  /** Cluster mode only: SIGTERM's hand-over. */
  cluster: Cluster | null;
  publicUrl(): string;
  close(): Promise<void>;
}

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../dist/client', import.meta.url));

export function createApp(deps: AppDeps = {}): App {
  const clock = deps.clock ?? createSystemClock();
  const log = deps.log ?? ((message, error) => console.error(message, error ?? ''));
  const limitEvents = createLimitEvents((message) => log(message));
  const budgets = createBudgets(deps.budgets, limitEvents, deps.heldRefusalsMax);
  const quotas: LibraryQuotas = { ...DEFAULT_QUOTAS, ...deps.quotas };
  let db: Db | null = null;
  let store: RoomStore;
  if (deps.store) store = deps.store;
  else if (deps.dataDir) {
    db = openDatabase(deps.dataDir);
    store = createSqliteRoomStore(db);
  } else store = createMemoryStore(() => clock.now());
  let library = deps.library;
  if (!library) {
    db ??= openDatabase(':memory:');
    library = createSqliteLibraryStore(db, quotas);
  }
  const random = deps.random ?? cryptoRandom;
  // One word on whether the database answers, from every user of it: the rooms' saves and loads, the
  // heartbeat, the library's API; /healthz and /metrics say it.
  const health = createStoreHealth({
    unavailable: store.unavailable?.bind(store),
    now: () => Date.now(),
    log,
  });
  const rooms = createRoomManager({
    clock,
    defer: deferOnWallClock,
    wallNow: wallClockMs,
    store,
    random,
    log,
    health,
    homes: deps.cluster?.homes ?? null,
    ...deps.roomLimits,
  });

  // Wall time: the retention is days, and the store stamps its rows with the wall clock. A backlog
  // (after a flood) is deleted a batch at a time, yielding to the games between batches.
  const sweepStep = () => {
    const deleted = rooms.sweep();
    const again = (codes: string[]) => {
      if (codes.length === SWEEP_BATCH) setImmediate(sweepStep);
    };
    if (deleted instanceof Promise) void deleted.then(again);
    else again(deleted);
  };
  const sweeper = setInterval(sweepStep, RETENTION_SWEEP_MS).unref();
  // Written only once the rooms are restored: the restore reads the previous server's last one. It
  // is also how the server finds the database back after an outage when no game is saving anything.
  const beat = (): Promise<void> | undefined => {
    const failed = (error: unknown) => {
      if (!health.failed(error)) log('could not record that the server is up', error);
    };
    try {
      const done = store.heartbeat?.(clock.now());
      if (done instanceof Promise) return done.then(() => health.answered(), failed);
    } catch (error) {
      failed(error);
    }
    return undefined;
  };
  void beat();
  const alive = setInterval(() => void beat(), ALIVE_EVERY_MS);
  alive.unref();

  // A game that reaches the podium is saved as a report for its instructor, once; a database that
  // cannot be reached just then is asked again until it takes it (a report is saved once per game,
  // so asking twice is harmless).
  const reportRetries = new Set<NodeJS.Timeout>();
  rooms.onChange(({ next, facts }) => {
    const id = reportIdOf(next);
    const ended = facts.some((f) => f.type === 'phase-changed' && f.phase.kind === 'podium');
    const owner = next.owner;
    if (!ended || owner === null || id === null) return;
    const save = () => {
      const failed = (error: unknown) => {
        if (!health.failed(error)) return log(`could not save the report of game ${next.code}`, error);
        const timer = setTimeout(() => {
          reportRetries.delete(timer);
          save();
        }, REPORT_RETRY_MS);
        reportRetries.add(timer);
      };
      try {
        const report = buildReport(next);
        const saved = library.saveReport(
          owner,
          {
            id,
            code: report.code,
            title: report.title,
            startedAt: report.startedAt,
            endedAt: report.endedAt,
            players: report.players.length,
            rounds: report.rounds.length,
            shareCorrect: overallShare(report),
          },
          report,
        );
        if (saved instanceof Promise) saved.catch(failed);
      } catch (error) {
        failed(error);
      }
    };
    save();
  });

  const app = express();
  app.disable('x-powered-by');
  const addressOf = (req: express.Request) => requestAddress(req, deps.trustProxy ?? false);
  app.use((_req, res, next) => {
    res.set(SECURITY_HEADERS);
    next();
  });
  const httpServer = createServer(app);
  const publicUrl = () => {
    if (deps.publicUrl) return deps.publicUrl.replace(/\/+$/, '');
    const address = httpServer.address() as AddressInfo | null;
    return `http://localhost:${address?.port ?? 3000}`;
  };

  /** Whether the database answers, and since when it has not: seconds, or null. */
  const storeState = () => {
    const since = health.downSince();
    return {
      reachable: since === null,
      downS: since === null ? null : Math.round((Date.now() - since) / 1000),
    };
  };
  // 503 while the database cannot be reached, for a proxy or a monitor: the games go on in memory
  // and every socket stays open, but nothing new is saved until it is back.
  app.get('/healthz', (_req, res) => {
    const store = storeState();
    res.status(store.reachable ? 200 : 503).json({
      ok: store.reachable,
      store: store.reachable ? 'ok' : 'unreachable',
      ...(store.reachable ? {} : { storeDownS: store.downS }),
      rooms: rooms.codes().length,
      uptimeS: Math.round(process.uptime()),
    });
  });
  // Counters only (no addresses, no keys): what each limit refused since the start, and the library's size.
  app.get('/metrics', (_req, res) => {
    res.json({
      uptimeS: Math.round(process.uptime()),
      rooms: rooms.codes().length,
      // Games that left memory (idle, or making way for another) or the disk (retention).
      roomsRetired: rooms.counts(),
      refused: limitEvents.counts(),
      heldRefusals: budgets.holds(),
      library: library.usage(),
      store: { ...storeState(), ...health.counts() },
    });
  });
  app.use('/api', apiBudget(budgets, addressOf));
  app.get('/api/info', (_req, res) => {
    res.json({ publicUrl: publicUrl() });
  });
  let cluster: (Cluster & { draining(): boolean }) | null = null;
  homeRoutes(app, {
    homes: deps.cluster?.homes ?? null,
    rooms,
    draining: () => cluster?.draining() ?? false,
    failed: (error) => health.failed(error),
  });
  // Students' homework routes need no instructor key: mounted before the routes that all ask for one.
  app.use(
    '/api/homework',
    createHomeworkRouter({
      library,
      now: () => clock.now(),
      newId: () => random.secret(),
      quotas,
      events: limitEvents,
      budgets,
      addressOf,
      storeUnavailable: (error) => health.failed(error),
      storeRetryAfterS: STORE_RETRY_AFTER_HTTP_S,
    }),
  );
  app.use(
    '/api',
    createApiRouter({
      library,
      now: () => clock.now(),
      newId: () => random.secret(),
      reportCsv: (body, words) => reportCsv(body as GameReport, undefined, words),
      upgradeReport: (body) => upgradeReport(body as StoredReport),
      followUpDeck: (body, words) => followUpDeckOf(body as StoredReport, words),
      warmupDeck: (body, id, words) => warmupDeckOf(upgradeReport(body as StoredReport), id, words),
      warmupOf: (body) => (body as GameReport).warmupOf ?? null,
      withSinceLastTime: (report, original) => {
        const now = report as GameReport;
        const of = now.warmupOf;
        if (of === undefined) return now;
        const before = original === null ? null : upgradeReport(original as StoredReport);
        return { ...now, sinceLastTime: sinceLastTime(of, now, before) };
      },
      gradebookSource: (body, perRound, words) =>
        typeof body === 'object' && body !== null && 'homework' in body
          ? sourceOfAssignment(body as AssignmentReport, perRound, words)
          : sourceOfReport(body as GameReport, perRound, words),
      gradebookCsv,
      budgets,
      events: limitEvents,
      quotas,
      addressOf,
      storeUnavailable: (error) => health.failed(error),
      storeRetryAfterS: STORE_RETRY_AFTER_HTTP_S,
    }),
  );

  const staticDir = deps.staticDir === undefined ? DEFAULT_STATIC_DIR : deps.staticDir;
  if (staticDir && existsSync(staticDir)) {
    // The build writes a .br and a .gz beside each text file (vite.config.ts); this serves the one
    // the request's Accept-Encoding allows, brotli first (the smaller), with Vary: Accept-Encoding
    // and the plain file's Content-Type, or the plain file to a client that accepts neither.
    const precompressed = (
      root: string,
      caching: expressStaticGzip.ExpressStaticGzipOptions['serveStatic'],
    ) =>
      expressStaticGzip(root, {
        enableBrotli: true,
        orderPreference: ['br'],
        index: false,
        serveStatic: { index: false, ...caching },
      });
    // Hashed names: a new build makes new names, so a browser may keep these for good.
    app.use('/assets', precompressed(`${staticDir}/assets`, { immutable: true, maxAge: '1y' }));
    // The pages and the favicon keep their names across builds: the browser asks each time.
    const files = precompressed(staticDir, {
      cacheControl: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    });
    const page =
      (file: string): express.RequestHandler =>
      (req, res, next) => {
        req.url = `/${file}`;
        files(req, res, next);
      };
    // One player page per language (vite.config.ts): the phone's own choice (its switch's cookie)
    // first, else the browser's language. Caches must keep one copy per language.
    const inLanguage =
      (file: string): express.RequestHandler =>
      (req, res, next) => {
        const lang = playerLanguage(req.headers.cookie, req.headers['accept-language']);
        res.vary('Accept-Language');
        res.vary('Cookie');
        page(lang === 'en' ? file : `${lang}/${file}`)(req, res, next);
      };
    const playerPage = inLanguage('index.html');
    app.get('/', playerPage);
    app.get('/join/:code', playerPage);
    app.get('/host', page('host.html'));
    // The homework page is built per language too, and chosen by the same rule.
    app.get('/homework/:id', inLanguage('homework.html'));
    app.use(files);
  }

  const node = deps.cluster?.homes.node ?? null;
  const io: AppServer = new Server(httpServer, {
    serveClient: false,
    path: socketPathOf(node),
    // Compression costs ~10x memory and ~3.4x CPU per socket for messages this small.
    perMessageDeflate: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // A cluster node pings more often: its clients take a second's silence as a sign it may be
    // paused, and ask where their game lives (shared/protocol/rehome.ts, SILENT_HOME_MS).
    pingInterval: deps.pingIntervalMs ?? (deps.cluster ? CLUSTER_PING_INTERVAL_MS : PING_INTERVAL_MS),
    pingTimeout: deps.pingTimeoutMs ?? PING_TIMEOUT_MS,
    // Identity comes only from our own secrets (host:resume, player:resume): Socket.IO's connection
    // state recovery stays off (not set), as it keeps sessions in memory only and skips middlewares.
    // Socket.IO's `cors` does not protect WebSockets; the handshake's Origin is checked here.
    allowRequest: createOriginCheck(() => [publicUrl(), ...(deps.allowedOrigins ?? [])]),
  });
  coalesceWrites(io);
  if (node !== null) alsoAtDefaultPath(httpServer, socketPathOf(node));
  if (deps.cluster)
    cluster = startCluster({
      homes: deps.cluster.homes,
      rooms,
      health,
      renewMs: deps.cluster.renewMs,
      leaseMs: deps.cluster.leaseMs,
      log,
    });
  const transport = attachTransport({
    io,
    savedDeck(owner, id) {
      const found = library.getDeck(owner, id);
      return found instanceof Promise ? found.then((d) => d?.deck) : found?.deck;
    },
    rooms,
    now: () => clock.now(),
    random,
    joinUrl: (code) => `${publicUrl()}/join/${code}`,
    log,
    limits: deps.limits,
    trustProxy: deps.trustProxy,
    budgets,
    outbox: deps.outbox,
    events: limitEvents,
  });

  return {
    app,
    httpServer,
    io,
    rooms,
    transport,
    library,
    budgets,
    limitEvents,
    cluster,
    publicUrl,
    close: async () => {
      cluster?.stop();
      clearInterval(alive);
      clearInterval(sweeper);
      for (const timer of reportRetries) clearTimeout(timer);
      await rooms.close();
      transport.close();
      // A clean stop is downtime too: from here to the next start.
      await beat();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      db?.close();
      await store.close?.();
      await library.close?.();
    },
  };
}

/**
 * Cluster mode: Socket.IO listens at /n/<NODE_ID>/socket.io (where the proxy sends this node's
 * sockets) and at /socket.io too, for a page's first connection before it knows its room's home:
 * requests for the second are handed to the first, ahead of the listeners Socket.IO put in place.
 */
function alsoAtDefaultPath(httpServer: HttpServer, path: string) {
  for (const event of ['request', 'upgrade'] as const) {
    const listeners = httpServer.listeners(event) as Array<
      (req: { url?: string }, ...rest: unknown[]) => void
    >;
    httpServer.removeAllListeners(event);
    httpServer.on(event, (req: { url?: string }, ...rest: unknown[]) => {
      if (req.url?.startsWith('/socket.io/')) req.url = path + req.url.slice('/socket.io'.length);
      for (const listener of listeners) listener.call(httpServer, req, ...rest);
    });
  }
}
