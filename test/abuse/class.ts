// The honest class, in a process of its own so that the attacker's work never slows its clock: a
// host and 20 phones (real socket.io-client sockets, a browser's Origin) playing round after round.
// The host starts a round; each phone answers within ANSWER_SPREAD_MS of seeing the question;
// the last answer closes it; the host shows the leaderboard and starts the next. Every answer's
// acknowledgement is timed and reported to the parent (test/abuse/honest.ts) in batches.
//
// Forked with its options as JSON in argv[2].
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import type { ClassMessage, ClassOptions } from './honest';

const options = JSON.parse(process.argv[2] ?? '{}') as ClassOptions;
const send = (m: ClassMessage) => process.send?.(m);

const CHOICES = ['converges', 'zigzag', 'diverges'] as const;
/** Phones answer within this long of the question reaching them: a class thinking, compressed. */
const ANSWER_SPREAD_MS = 150;
/** The host's pause on the reveal and on the leaderboard before pressing on. */
const HOST_PAUSE_MS = 100;
/** An acknowledgement that has not come by then is recorded as this long (and counted as lost). */
export const ACK_TIMEOUT_MS = 10_000;
/** The host reveals by hand if the last answer has not closed the question by then. */
const REVEAL_AFTER_MS = 5_000;
const ROUNDS = 100;
/** After a refusal the host waits this long, so it never floods the server itself. */
const REFUSED_PAUSE_MS = 500;

const nowMs = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function connect(): Promise<Socket> {
  const opts: Partial<ManagerOptions & SocketOptions> & { localAddress: string } = {
    transports: ['websocket'],
    forceNew: true,
    reconnection: true,
    reconnectionDelay: 200,
    // A phone's browser sends its page's origin: the server's own address.
    extraHeaders: { Origin: options.url },
    localAddress: options.localAddress,
  };
  const socket = io(options.url, opts);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

// A deck of quadratic rounds: small enough for host:create's 16 KB message.
const deck = {
  title: 'Honest class',
  rounds: Array.from({ length: ROUNDS }, (_, i) => ({
    cost: { kind: 'quadratic', a: 2, c: 1 },
    start: [5],
    alpha: [0.2, 0.8, 1.2][i % 3],
  })),
};

let samples: Array<[number, number, boolean]> = [];
/**
 * Answers still waiting for their acknowledgement. When the class stops, each is reported as failed
 * after the time it has waited so far, so an answer the server never acknowledged still counts.
 */
const waiting = new Set<{ sentAt: number }>();
let recording = false;

interface Phone {
  socket: Socket;
  answered: Set<string>;
}

let game = '';
function answer(phone: Phone, round: number) {
  const key = `${game}:${round}`;
  if (phone.answered.has(key)) return;
  phone.answered.add(key);
  setTimeout(() => {
    const sentAt = nowMs();
    const pending = { sentAt };
    waiting.add(pending);
    phone.socket
      .timeout(ACK_TIMEOUT_MS)
      .emit(
        'answer:submit',
        { round, choice: CHOICES[Math.floor(Math.random() * 3)] },
        (error: Error | null, reply?: { ok: boolean }) => {
          waiting.delete(pending);
          if (!recording) return;
          samples.push([sentAt, error ? ACK_TIMEOUT_MS : nowMs() - sentAt, !error && reply?.ok === true]);
        },
      );
  }, Math.random() * ANSWER_SPREAD_MS);
}

async function request(socket: Socket, event: string, payload: object): Promise<{ ok: boolean }> {
  try {
    return await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
  } catch {
    return { ok: false };
  }
}

async function newGame(host: Socket, phones: Phone[]): Promise<void> {
  const created = await host.timeout(ACK_TIMEOUT_MS).emitWithAck('host:create', {
    deck: { source: 'custom', deck },
    secondsPerQuestion: 300,
  });
  if (!created.ok) throw new Error(`the class could not create its game: ${JSON.stringify(created)}`);
  game = created.code as string;
  const hostSecret = created.hostSecret as string;
  // After a reconnection the host and the phones present their secrets, as the apps do.
  host.io.off('reconnect');
  host.io.on('reconnect', () => void request(host, 'host:resume', { code: game, hostSecret }));
  await Promise.all(
    phones.map(async (phone, i) => {
      const joined = await phone.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('player:join', { code: game, nickname: `Student ${i + 1}` });
      if (!joined.ok) throw new Error(`phone ${i + 1} could not join: ${JSON.stringify(joined)}`);
      const code = game;
      phone.socket.io.off('reconnect');
      phone.socket.io.on(
        'reconnect',
        () => void request(phone.socket, 'player:resume', { code, playerSecret: joined.playerSecret }),
      );
    }),
  );
}

function waitForHostPhase(host: Socket, kind: string, round: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onView = (view: HostView) => {
      if (view.phase.kind === kind && 'round' in view.phase && view.phase.round === round) done(true);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    const done = (hit: boolean) => {
      clearTimeout(timer);
      host.off('view:host', onView);
      resolve(hit);
    };
    host.on('view:host', onView);
  });
}

let lastHostView: HostView | undefined;

async function main() {
  const host = await connect();
  host.on('view:host', (view: HostView) => {
    lastHostView = view;
  });
  const phones: Phone[] = await Promise.all(
    Array.from({ length: options.players }, async () => {
      const phone: Phone = { socket: await connect(), answered: new Set() };
      phone.socket.on('view:player', (view: PlayerView) => {
        if (view.phase.kind === 'question') answer(phone, view.phase.round);
      });
      return phone;
    }),
  );
  await newGame(host, phones);

  const flush = setInterval(() => {
    if (samples.length === 0) return;
    send({ type: 'acks', samples });
    samples = [];
  }, 250);
  // Stops at once, wherever the round is: a request the server is sitting on must not hold it up.
  process.on('message', (m: { type: string }) => {
    if (m.type !== 'stop') return;
    clearInterval(flush);
    const stoppedAt = nowMs();
    for (const { sentAt } of waiting) samples.push([sentAt, stoppedAt - sentAt, false]);
    if (samples.length) send({ type: 'acks', samples });
    host.close();
    for (const p of phones) p.socket.close();
    setTimeout(() => process.exit(0), 100);
  });

  // Round 0 warms both sides up and is not recorded.
  let round = 0;
  let warm = false;
  for (;;) {
    if (round >= ROUNDS) {
      await request(host, 'game:end', {});
      await newGame(host, phones);
      round = 0;
    }
    const revealed = waitForHostPhase(host, 'reveal', round, REVEAL_AFTER_MS);
    const started = await request(host, 'round:start', { round });
    if (!started.ok) {
      // Out of step (an acknowledgement lost while the server was overwhelmed): go on from the
      // round the host's last view shows, closing it first if it is still open.
      await sleep(REFUSED_PAUSE_MS);
      const phase = lastHostView?.phase;
      if (phase && 'round' in phase && phase.round >= round - 1) {
        if (phase.kind === 'question') await request(host, 'round:reveal', { round: phase.round });
        round = phase.round + 1;
      }
      continue;
    }
    if (!(await revealed)) await request(host, 'round:reveal', { round });
    await sleep(HOST_PAUSE_MS);
    await request(host, 'round:leaderboard', { round });
    await sleep(HOST_PAUSE_MS);
    round++;
    if (!warm) {
      warm = true;
      recording = true;
      send({ type: 'ready', code: game });
    }
  }
}

process.on('disconnect', () => process.exit(0));
main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
