// The load generator: its own process, N real socket.io-client students and a host in one room.
// The host starts each round; the students answer all at once (as soon as the question reaches
// them) or spread over 3 s; everyone answers, so the round closes and the reveal goes out; then the
// leaderboard. It times every acknowledgement and every broadcast, and counts what arrived.
//
// Forked by bench/load.ts and bench/soak.ts with the options as JSON in argv[2].
import { io, type Socket } from 'socket.io-client';
import type { PlayerView } from '../shared/protocol/views';
import {
  BENCH_SECONDS,
  benchDeckFile,
  type LoadCommand,
  type LoadOptions,
  type LoadReport,
  type LoadResult,
  nowMs,
  percentile,
  SPREAD_MS,
} from './shared';

const options = JSON.parse(process.argv[2]!) as LoadOptions;
const send = (report: LoadReport) => process.send?.(report);
const CHOICES = ['converges', 'zigzag', 'diverges'] as const;
const JOIN_CONCURRENCY = 200;
const BROADCAST_TIMEOUT_MS = 30_000;

type Kind = 'question' | 'reveal' | 'leaderboard' | 'podium';
interface Broadcast {
  /** The earliest serverNow among the messages: when the server began sending them. */
  firstServerNow: number;
  lastReceivedAt: number;
  count: number;
  waiters: Array<() => void>;
}

const result: LoadResult = {
  joinS: 0,
  acks: [],
  fanouts: [],
  otherFanouts: [],
  expected: 0,
  received: 0,
  errors: {},
  rounds: 0,
};
const countError = (e: string) => {
  result.errors[e] = (result.errors[e] ?? 0) + 1;
};

const broadcasts = new Map<string, Broadcast>();
const keyOf = (kind: Kind, round: number) => `${kind}:${round}`;
function broadcastOf(kind: Kind, round: number): Broadcast {
  const key = keyOf(kind, round);
  let b = broadcasts.get(key);
  if (!b) {
    b = { firstServerNow: Number.POSITIVE_INFINITY, lastReceivedAt: 0, count: 0, waiters: [] };
    broadcasts.set(key, b);
  }
  return b;
}
function waitForAll(kind: Kind, round: number, n: number): Promise<boolean> {
  const b = broadcastOf(kind, round);
  if (b.count >= n) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), BROADCAST_TIMEOUT_MS);
    b.waiters.push(() => {
      if (b.count >= n) {
        clearTimeout(timer);
        resolve(true);
      }
    });
  });
}

function connect(): Promise<Socket> {
  const socket = io(options.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 60_000,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

interface Student {
  socket: Socket;
  /** Rounds whose question broadcast this student has seen (the next question view is its own update). */
  questionSeen: Set<number>;
}

let spreadRound = false;
let windowAcks: number[] = [];
/** Acknowledgements received, per round. */
const acked = new Map<number, number>();
/** The warm-up round is played but not recorded. */
let recording = true;

function answer(s: Student, round: number) {
  const sentAt = nowMs();
  s.socket.emit(
    'answer:submit',
    { round, choice: CHOICES[Math.floor(Math.random() * 3)] },
    (reply: { ok: boolean; error?: string }) => {
      const ms = nowMs() - sentAt;
      acked.set(round, (acked.get(round) ?? 0) + 1);
      if (!recording) return;
      if (reply.ok) {
        result.acks.push(ms);
        windowAcks.push(ms);
      } else countError(reply.error ?? '?');
    },
  );
}

function onView(s: Student, view: PlayerView) {
  const at = nowMs();
  const { phase } = view;
  if (phase.kind === 'question') {
    const key = phase.round;
    if (s.questionSeen.has(key)) return; // the student's own view, updated with the answer
    s.questionSeen.add(key);
    if (spreadRound) setTimeout(() => answer(s, phase.round), Math.random() * SPREAD_MS);
    else answer(s, phase.round);
  }
  if (
    phase.kind === 'kicked' ||
    phase.kind === 'lobby' ||
    phase.kind === 'votes' ||
    phase.kind === 'discussion'
  )
    return;
  const round = 'round' in phase ? phase.round : -1;
  const b = broadcastOf(phase.kind, round);
  b.firstServerNow = Math.min(b.firstServerNow, view.serverNow);
  b.lastReceivedAt = Math.max(b.lastReceivedAt, at);
  b.count++;
  for (const w of [...b.waiters]) w();
}

async function createGame(hostSocket: Socket): Promise<string> {
  const reply = await hostSocket.emitWithAck('host:create', {
    deck: { source: 'custom', deck: benchDeckFile(options.rounds + 1) },
    secondsPerQuestion: BENCH_SECONDS,
    speedPoints: true,
  });
  if (!reply.ok) throw new Error(`host:create refused: ${JSON.stringify(reply)}`);
  return reply.code as string;
}

async function joinAll(code: string, students: Student[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < options.players) {
      const i = next++;
      const socket = students[i]?.socket ?? (await connect());
      const s: Student = students[i] ?? { socket, questionSeen: new Set() };
      if (!students[i]) {
        students[i] = s;
        socket.on('view:player', (v: PlayerView) => onView(s, v));
      }
      const reply = await socket.emitWithAck('player:join', { code, nickname: `Student ${i + 1}` });
      if (!reply.ok) throw new Error(`join ${i} refused: ${JSON.stringify(reply)}`);
    }
  };
  await Promise.all(Array.from({ length: JOIN_CONCURRENCY }, worker));
}

const fanout = (b: Broadcast) => b.lastReceivedAt - b.firstServerNow;

async function playRound(hostSocket: Socket, round: number, n: number) {
  // Round 1 (the first recorded) all at once, round 2 spread over 3 s, and so on.
  spreadRound = options.pattern === 'spread' || round % 2 === 0;
  const started = await hostSocket.emitWithAck('round:start', { round });
  if (!started.ok) countError(`round:start ${started.error}`);
  await waitForAll('question', round, n);
  // Everyone answers: the last answer closes the round and the reveal goes out.
  if (!(await waitForAll('reveal', round, n))) {
    await hostSocket.emitWithAck('round:reveal', { round });
    await waitForAll('reveal', round, n);
  }
  await hostSocket.emitWithAck('round:leaderboard', { round });
  await waitForAll('leaderboard', round, n);
  if (!recording) return;
  // Each student: the question, the answer's acknowledgement, the reveal, the leaderboard.
  result.expected += n * 4;
  result.received +=
    Math.min(n, broadcastOf('question', round).count) +
    Math.min(n, acked.get(round) ?? 0) +
    Math.min(n, broadcastOf('reveal', round).count) +
    Math.min(n, broadcastOf('leaderboard', round).count);
  result.fanouts.push(fanout(broadcastOf('reveal', round)));
  result.otherFanouts.push(fanout(broadcastOf('question', round)), fanout(broadcastOf('leaderboard', round)));
  result.rounds++;
}

async function main() {
  const hostSocket = await connect();
  const students: Student[] = [];
  const code = await createGame(hostSocket);
  const joinStart = nowMs();
  await joinAll(code, students);
  result.joinS = (nowMs() - joinStart) / 1000;
  // Round 0 warms up both sides (code paths compiled, buffers grown) and is not recorded.
  recording = false;
  await playRound(hostSocket, 0, options.players);
  recording = true;
  send({ type: 'joined', joinS: result.joinS });
  await new Promise<void>((resolve) =>
    process.once('message', (m: LoadCommand) => m.type === 'play' && resolve()),
  );

  if (options.durationS === undefined) {
    for (let r = 1; r <= options.rounds; r++) await playRound(hostSocket, r, options.players);
  } else {
    // Soak: round after round until the time is up, a report every window.
    const start = nowMs();
    const end = start + options.durationS * 1000;
    const windowMs = (options.windowS ?? 10) * 1000;
    const timer = setInterval(() => {
      send({
        type: 'window',
        atS: Math.round((nowMs() - start) / 1000),
        acks: windowAcks.length,
        ackP99: percentile(windowAcks, 99),
        rounds: result.rounds,
      });
      windowAcks = [];
    }, windowMs);
    for (let r = 1; r <= options.rounds && nowMs() < end; r++)
      await playRound(hostSocket, r, options.players);
    clearInterval(timer);
  }
  if (options.pauseAfterRounds) {
    send({ type: 'played' });
    await new Promise<void>((resolve) =>
      process.once('message', (m: LoadCommand) => m.type === 'finish' && resolve()),
    );
  }
  await hostSocket.emitWithAck('game:end', {});
  hostSocket.close();
  for (const s of students) s.socket.close();
  // The result (tens of thousands of figures) is written to the IPC pipe asynchronously: exiting
  // before it has gone lost it on a busy machine ("load generator exited (0) before result").
  process.send?.({ type: 'result', result } satisfies LoadReport, () => process.exit(0));
}

process.on('disconnect', () => process.exit(0));
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
