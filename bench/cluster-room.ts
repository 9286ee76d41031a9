// One room of the cluster benchmark in its own process: a host and N simulated phones (real
// socket.io-client sockets) that follow the cluster contract (docs/deploy.md, "A cluster"): they find
// the room's home with GET /api/rooms/:code/home, open their socket on its path, and re-home on a
// disconnect, on `moved` (straight to the home it names, if it does), when an acknowledgement has not
// come in 4 s or when their node has been silent for SILENT_HOME_MS and another names a new home, on
// the apps' own schedule (shared/protocol/rehome.ts); after a re-home they resume with their secret and send their unacknowledged answer again,
// unchanged. Every acknowledgement is logged with the node that sent it and when, and every socket's
// life (which node, when it was ready, when it was lost), for bench/cluster.ts to hold against the
// database.
//
// Forked by bench/cluster.ts with its RoomOptions as JSON in argv[2].
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  CLUSTER_PING_INTERVAL_MS,
  isSilent,
  type MovedTo,
  type RehomeStep,
  rehomeWaitMs,
} from '../shared/protocol/rehome';
import type { HostView, PlayerView } from '../shared/protocol/views';
import { sample } from './cluster-sampler';
import {
  type AckEntry,
  type RoomCommand,
  type RoomLog,
  type RoomOptions,
  type RoomReport,
  seeded,
} from './cluster-shared';
import { benchDeckFile } from './shared';

const options = JSON.parse(process.argv[2]!) as RoomOptions;
const random = seeded(options.seed * 7919 + options.index);
const send = (report: RoomReport) => process.send?.(report);
const ACK_TIMEOUT_MS = 4_000;
const CONNECT_TIMEOUT_MS = 3_000;
const JOIN_CONCURRENCY = 50;
const JOIN_GIVE_UP_MS = 30_000;
/** finish(): how long past the question's latest deadline the phones wait for the reveal, and how much past the run's plan at most. */
const FINISH_AFTER_DEADLINE_MS = 10_000;
const FINISH_LATER_MS = 25_000;
const CHOICES = ['converges', 'zigzag', 'diverges'] as const;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const portOf = new Map(options.nodes.map((n) => [n.id, n.port]));

const log: RoomLog = {
  code: '',
  home: '',
  joined: 0,
  joinMs: [],
  acks: [],
  segments: [],
  errors: {},
  revealed: 0,
  unacked: 0,
  samples: [],
  deadlineMovedMs: 0,
};
// Was this process, which plays the whole room, too busy to play it at some moment? Then part of a
// move's time there is the generator's, not the game's.
sample((s) => log.samples.push(s));
const countError = (e: string) => {
  log.errors[e] = (log.errors[e] ?? 0) + 1;
};
let finished = false;

interface Home {
  node: string;
  path: string;
}

/**
 * Asks the nodes, starting with a different one each time and never the one just lost, where the room
 * lives: a node that does not answer is passed over at once, as the proxy's round-robin passes over it.
 */
let lookups = 0;
async function lookupHome(lost: string): Promise<Home> {
  const others = options.nodes.filter((n) => n.id !== lost);
  const start = lookups++;
  let failure: unknown;
  for (let i = 0; i < others.length; i++) {
    const node = others[(start + i) % others.length]!;
    let response: Response;
    try {
      response = await fetch(`http://127.0.0.1:${node.port}/api/rooms/${log.code}/home`, {
        signal: AbortSignal.timeout(2_000),
      });
    } catch (error) {
      failure = error;
      continue;
    }
    if (!response.ok) throw new Error(`home: HTTP ${response.status}`);
    const home = (await response.json()) as { node: string | null; path: string };
    if (!home.node || !portOf.has(home.node)) throw new Error(`home: unknown node ${home.node}`);
    return { node: home.node, path: home.path };
  }
  throw failure;
}

function openSocket(home: Home): Promise<Socket> {
  const socket = io(`http://127.0.0.1:${portOf.get(home.node)}`, {
    path: home.path,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/**
 * A client of the room (a phone or the host): one socket at a time, on the room's home. `enter` says
 * who it is on a new socket (a join the first time, a resume after); it answers true once accepted.
 */
abstract class Client {
  socket: Socket | null = null;
  node = '';
  /** When this client last heard its socket's node (any packet, or its ping), and its pings' gap. */
  heardAt = 0;
  pingAt = 0;
  pingGap = CLUSTER_PING_INTERVAL_MS;
  private checking = false;
  private recheckAt = 0;
  private movingNow: Promise<void> | null = null;
  constructor(readonly player: number) {}

  protected abstract enter(socket: Socket, node: string): Promise<boolean>;
  protected abstract listen(socket: Socket): void;
  protected abstract afterEnter(): void;

  /**
   * Finds the home and enters, on the apps' schedule (shared/protocol/rehome.ts) or the contract's,
   * until it is in (or the run ends). `to`: the home `moved` named, if it did.
   */
  connect(reason: string, to?: MovedTo): Promise<void> {
    if (this.movingNow) return this.movingNow;
    const old = this.socket;
    let lost = old ? this.node : '';
    if (old) {
      const segment = [...log.segments]
        .reverse()
        .find((s) => s.player === this.player && s.lostAt === undefined);
      if (segment) {
        segment.lostAt = Date.now();
        segment.reason = reason;
      }
      this.socket = null;
      old.removeAllListeners();
      old.close();
    }
    const appsSchedule = options.rehome === 'lease-aware';
    let named: Home | null =
      appsSchedule && to?.node && to.path && portOf.has(to.node) ? { node: to.node, path: to.path } : null;
    this.movingNow = (async () => {
      // The first try waits too: a dead node's 300 phones spread over half a second, a moved
      // class over MOVED_SPREAD_MS.
      let step: RehomeStep = named ? { kind: 'moved' } : { kind: 'failed', failures: 0 };
      let failures = 0;
      let stillThere = 0;
      let attempts = 0;
      while (!finished) {
        await sleep(rehomeWaitMs(step, random));
        if (finished) return;
        attempts++;
        let socket: Socket | null = null;
        try {
          let home = named;
          let lookupAt: number | undefined;
          named = null;
          if (!home) {
            home = await lookupHome(lost);
            lookupAt = Date.now();
            // The lost node is still named: its lease has not run out yet. Ask again soon.
            if (appsSchedule && home.node === lost) {
              step = { kind: 'still-there', times: ++stillThere };
              continue;
            }
          }
          stillThere = 0;
          const dialAt = Date.now();
          try {
            socket = await openSocket(home);
          } catch (error) {
            // A home that refuses the socket is down: while lookups still name it, its lease runs on.
            lost = home.node;
            throw error;
          }
          const connectAt = Date.now();
          this.listen(socket);
          if (await this.enter(socket, home.node)) {
            this.adopt(socket, home.node);
            log.segments.push({
              player: this.player,
              node: home.node,
              readyAt: Date.now(),
              ...(lookupAt === undefined ? {} : { lookupAt }),
              dialAt,
              connectAt,
              attempts,
            });
            return;
          }
        } catch (error) {
          countError(`re-home: ${(error as Error).message.slice(0, 60)}`);
        }
        socket?.removeAllListeners();
        socket?.close();
        step = { kind: 'failed', failures: ++failures };
      }
    })().finally(() => {
      this.movingNow = null;
    });
    return this.movingNow.then(() => this.afterEnter());
  }

  /** This client's socket from now on: it re-homes when the socket drops or its node says `moved`. */
  protected adopt(socket: Socket, node: string) {
    this.socket = socket;
    this.node = node;
    this.heardAt = Date.now();
    this.pingAt = this.heardAt;
    this.pingGap = CLUSTER_PING_INTERVAL_MS;
    socket.io.on('ping', () => {
      this.heardAt = Date.now();
      this.pingGap = this.heardAt - this.pingAt;
      this.pingAt = this.heardAt;
    });
    socket.io.on('packet', () => {
      this.heardAt = Date.now();
    });
    socket.on('disconnect', () => {
      if (socket === this.socket && !finished) void this.connect('disconnect');
    });
    socket.on('moved', (to: MovedTo) => {
      if (socket === this.socket && !finished) void this.connect('moved', to);
    });
  }

  /**
   * The apps' watch on a silent node (SILENT_HOME_MS): asks another node where the room lives,
   * keeping the socket, and moves only if the answer names another home.
   */
  async checkSilence(now: number) {
    const socket = this.socket;
    if (!socket || this.checking || this.moving || !isSilent(now - this.heardAt, this.pingGap)) return;
    if (now < this.recheckAt) return;
    this.checking = true;
    try {
      const home = await lookupHome(this.node);
      if (socket === this.socket && !finished && home.node !== this.node) return void this.connect('silent');
    } catch {
      // No node answered: ask again, as for the same home.
    } finally {
      this.checking = false;
    }
    // The same home (its lease runs on) or no answer: ask again soon while the silence lasts.
    this.recheckAt = Date.now() + rehomeWaitMs({ kind: 'still-there', times: 1 }, random);
  }

  /** An acknowledgement that did not come in 4 s: the home may be gone or paused. */
  ackTimedOut(socket: Socket) {
    if (socket === this.socket && !finished) void this.connect('ack-timeout');
  }

  get moving() {
    return this.movingNow !== null;
  }

  close() {
    this.socket?.removeAllListeners();
    this.socket?.close();
  }
}

/** Emits with the contract's 4 s acknowledgement timeout; null when it timed out. */
async function request(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<Record<string, unknown> | null> {
  try {
    return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as Record<string, unknown>;
  } catch {
    return null;
  }
}

class Phone extends Client {
  secret = '';
  playerId = -1;
  readonly requestId = randomBytes(12).toString('base64url');
  /** The answer sent and not yet acknowledged, per round: sent again, unchanged, after a re-home. */
  readonly pending = new Map<number, { round: number; choice: string }>();
  readonly scheduled = new Set<number>();
  version = -1;
  revealed = false;

  protected async enter(socket: Socket, node: string): Promise<boolean> {
    for (;;) {
      const joining = this.secret === '';
      const reply = joining
        ? await request(socket, 'player:join', {
            code: log.code,
            nickname: `Room${options.index + 1} Student ${this.player + 1}`,
            requestId: this.requestId,
          })
        : await request(socket, 'player:resume', { code: log.code, playerSecret: this.secret });
      if (!reply) return false;
      if (reply.ok) {
        if (joining) {
          this.secret = reply.playerSecret as string;
          this.playerId = reply.playerId as number;
        }
        this.node = node;
        this.onView(reply.view as PlayerView);
        return true;
      }
      countError(`${joining ? 'join' : 'resume'} ${reply.error}`);
      if (reply.error !== 'STORE_UNAVAILABLE') return false;
      await sleep(1_000 * (0.5 + random()));
    }
  }

  protected listen(socket: Socket) {
    socket.on('view:player', (view: PlayerView) => this.onView(view));
  }

  protected afterEnter() {
    for (const payload of this.pending.values()) this.submit(payload);
  }

  onView(view: PlayerView) {
    if (view.version < this.version) return;
    this.version = view.version;
    const { phase } = view;
    if (phase.kind === 'question' && !this.scheduled.has(phase.round)) {
      this.scheduled.add(phase.round);
      const at = phase.openedAt + random() * options.answerShare * phase.durationMs;
      const payload = { round: phase.round, choice: CHOICES[Math.floor(random() * CHOICES.length)]! };
      setTimeout(
        () => {
          this.pending.set(payload.round, payload);
          this.submit(payload);
        },
        Math.max(0, at - Date.now()),
      );
    }
    if (
      (phase.kind === 'reveal' || phase.kind === 'leaderboard' || phase.kind === 'podium') &&
      !this.revealed
    ) {
      this.revealed = true;
      log.revealed++;
      for (const w of revealWaiters.splice(0)) w();
    }
  }

  submit(payload: { round: number; choice: string }) {
    const socket = this.socket;
    // Between sockets: afterEnter sends it once the phone is back.
    if (!socket || finished) return;
    const node = this.node;
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emit('answer:submit', payload, (error: Error | null, reply: Record<string, unknown>) => {
        if (finished) return;
        if (error) return this.ackTimedOut(socket);
        if (reply.ok) {
          const entry: AckEntry = {
            player: this.player,
            playerId: this.playerId,
            round: payload.round,
            choice: reply.choice as string,
            elapsedMs: reply.elapsedMs as number,
            node,
            at: Date.now(),
          };
          log.acks.push(entry);
          this.pending.delete(payload.round);
          return;
        }
        countError(`answer ${reply.error}`);
        if (reply.error === 'STORE_UNAVAILABLE') {
          const wait = 1_000 * ((reply.retryAfterS as number) ?? 1) * (0.5 + random());
          setTimeout(() => this.pending.has(payload.round) && this.submit(payload), wait);
        } else this.pending.delete(payload.round);
      });
  }
}

class Host extends Client {
  secret = '';
  questionSent = false;

  protected async enter(socket: Socket): Promise<boolean> {
    for (;;) {
      const reply = await request(socket, 'host:resume', { code: log.code, hostSecret: this.secret });
      if (!reply) return false;
      if (reply.ok) {
        this.onView(reply.view as HostView);
        return true;
      }
      countError(`host:resume ${reply.error}`);
      if (reply.error !== 'STORE_UNAVAILABLE') return false;
      await sleep(1_000);
    }
  }

  protected listen(socket: Socket) {
    socket.on('view:host', (view: HostView) => this.onView(view));
  }

  protected afterEnter() {}

  firstDeadlineAt = 0;
  deadlineAt = 0;

  onView(view: HostView) {
    if (view.phase.kind !== 'question') return;
    this.deadlineAt = view.phase.deadlineAt;
    if (!this.questionSent) {
      this.questionSent = true;
      this.firstDeadlineAt = view.phase.deadlineAt;
      send({ type: 'question', openedAt: view.phase.openedAt, deadlineAt: view.phase.deadlineAt });
    }
    log.deadlineMovedMs = this.deadlineAt - this.firstDeadlineAt;
  }

  /** Makes the room on the node the orchestrator chose (GET /api/home there names where to). */
  async create(): Promise<void> {
    const port = portOf.get(options.createOn)!;
    const response = await fetch(`http://127.0.0.1:${port}/api/home`);
    if (!response.ok) throw new Error(`GET /api/home on ${options.createOn}: HTTP ${response.status}`);
    const home = (await response.json()) as Home;
    const socket = await openSocket(home);
    this.listen(socket);
    const reply = await request(socket, 'host:create', {
      deck: { source: 'custom', deck: benchDeckFile(1) },
      secondsPerQuestion: options.secondsPerQuestion,
      speedPoints: true,
    });
    if (!reply?.ok) throw new Error(`host:create refused: ${JSON.stringify(reply)}`);
    log.code = reply.code as string;
    log.home = home.node;
    this.secret = reply.hostSecret as string;
    this.adopt(socket, home.node);
  }

  /** round:start, sent again after a re-home until it is in (WRONG_PHASE then means it was). */
  async start(): Promise<void> {
    for (let tries = 0; ; tries++) {
      const socket = this.socket;
      const reply = socket ? await request(socket, 'round:start', { round: 0 }) : null;
      if (reply?.ok || (tries > 0 && reply?.error === 'WRONG_PHASE')) return;
      if (reply) countError(`round:start ${reply.error}`);
      else if (socket) this.ackTimedOut(socket);
      await sleep(1_000);
    }
  }

  /**
   * game:end once the run is over, as a class ends its game: a finished game has no home, so the next
   * seed's hand-overs weigh only its own rooms (each node's unfinished games count as its load).
   */
  async end(): Promise<void> {
    const socket = this.socket;
    const reply = socket ? await request(socket, 'game:end', {}) : null;
    if (reply && !reply.ok) countError(`game:end ${reply.error}`);
  }
}

const revealWaiters: Array<() => void> = [];
const phones = Array.from({ length: options.players }, (_, i) => new Phone(i));
const host = new Host(-1);
if (options.rehome === 'lease-aware') {
  const watch = setInterval(() => {
    const now = Date.now();
    for (const client of [host, ...phones]) void client.checkSilence(now);
  }, 250);
  watch.unref();
}

async function joinAll() {
  let next = 0;
  const worker = async () => {
    while (next < phones.length) {
      const phone = phones[next++]!;
      const started = Date.now();
      // A phone that cannot get in within 30 s is counted and left trying: the run goes on without it.
      await Promise.race([phone.connect('join'), sleep(JOIN_GIVE_UP_MS)]);
      if (!phone.secret) countError('join: not in after 30 s');
      else {
        log.joined++;
        log.joinMs.push(Date.now() - started);
      }
    }
  };
  await Promise.all(Array.from({ length: JOIN_CONCURRENCY }, worker));
}

async function finish(waitUntil: number) {
  // Until every phone saw the reveal and none is between two homes (a home killed after the reveal
  // still moves its phones), or the time is up: the run's, or later if the question's deadline moved
  // (R5), by up to FINISH_LATER_MS.
  const until = () =>
    Math.min(waitUntil + FINISH_LATER_MS, Math.max(waitUntil, host.deadlineAt + FINISH_AFTER_DEADLINE_MS));
  while (
    (log.revealed < phones.length || phones.some((p) => p.moving) || host.moving) &&
    Date.now() < until()
  )
    await new Promise<void>((resolve) => {
      revealWaiters.push(resolve);
      setTimeout(resolve, 250);
    });
  finished = true;
  log.unacked = phones.reduce((n, p) => n + p.pending.size, 0);
  for (const p of phones) p.close();
  await host.end().catch((error: Error) => countError(`game:end ${error.message}`));
  host.close();
  send({ type: 'log', log });
}

process.on('message', (command: RoomCommand) => {
  const run =
    command.type === 'join'
      ? joinAll().then(() => send({ type: 'joined', joined: log.joined }))
      : command.type === 'start'
        ? host.start()
        : finish(command.waitUntil);
  run.catch((error: Error) => send({ type: 'failed', error: error.stack ?? String(error) }));
});
process.on('disconnect', () => process.exit(0));

host
  .create()
  .then(() => send({ type: 'created', code: log.code, home: log.home }))
  .catch((error: Error) => {
    send({ type: 'failed', error: error.stack ?? String(error) });
    setTimeout(() => process.exit(1), 100);
  });
