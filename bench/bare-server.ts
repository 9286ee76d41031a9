// The benchmark's floor: a bare Socket.IO server with the game's transport options that sends the
// same messages in the same pattern as the game (a view per student at each phase change, the
// student's own view on each answer, the answer count and the roster to the host at most every
// 100 ms) but keeps no rules, no store, no validation: a class's worth of objects and emits.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Socket as IoSocket, Server } from 'socket.io';
import { MAX_MESSAGE_BYTES, PING_INTERVAL_MS, PING_TIMEOUT_MS } from '../server/app';
import { simulate } from '../shared/engine/index';
import { attachProbe } from './probe';
import { BENCH_SCENARIOS, BENCH_SECONDS, BENCH_TITLE } from './shared';

type Ack = (reply: unknown) => void;
interface Student {
  id: number;
  nickname: string;
  socket: IoSocket;
  score: number;
  answer: { choice: string; elapsedMs: number } | null;
}

const CODE = '424242';
// Worked out before any client connects: what the game computes once per scenario too.
// Rounds beyond the eight repeat them, as in the game's deck (bench/shared.ts).
const rounds = Array.from({ length: 100 }, (_, i) => {
  const scenario = BENCH_SCENARIOS[i % BENCH_SCENARIOS.length]!;
  return { scenario, simulation: simulate(scenario) };
});
const durationMs = BENCH_SECONDS * 1000;

const httpServer = createServer();
const io = new Server(httpServer, {
  serveClient: false,
  perMessageDeflate: false,
  maxHttpBufferSize: MAX_MESSAGE_BYTES,
  pingInterval: PING_INTERVAL_MS,
  pingTimeout: PING_TIMEOUT_MS,
});

const students: Student[] = [];
let host: IoSocket | null = null;
let version = 1;
let phase: {
  kind: 'lobby' | 'question' | 'reveal' | 'leaderboard' | 'podium';
  round: number;
  openedAt: number;
} = {
  kind: 'lobby',
  round: -1,
  openedAt: 0,
};
let answered = 0;
let hostViewAt = 0;
let hostViewTimer: NodeJS.Timeout | null = null;

const top = () =>
  students.slice(0, 5).map((s, i) => ({ id: s.id, nickname: s.nickname, score: s.score, rank: i + 1 }));

function playerPhase(s: Student): object {
  const r = rounds[phase.round];
  switch (phase.kind) {
    case 'lobby':
      return { kind: 'lobby' };
    case 'question':
      return {
        kind: 'question',
        round: phase.round,
        task: { type: 'predict', scenario: r!.scenario },
        openedAt: phase.openedAt,
        deadlineAt: phase.openedAt + durationMs,
        durationMs,
        answer: s.answer?.choice ?? null,
      };
    case 'reveal':
      return {
        kind: 'reveal',
        round: phase.round,
        task: { type: 'predict', scenario: r!.scenario },
        verdict: { type: 'predict', outcome: r!.simulation.outcome, explanation: r!.simulation.explanation },
        answer: s.answer?.choice ?? null,
        correct: s.answer?.choice === r!.simulation.outcome,
        scored: true,
        points: s.answer ? 1000 : 0,
        streakBonus: 0,
      };
    case 'leaderboard':
      return { kind: 'leaderboard', round: phase.round, playerCount: students.length };
    case 'podium':
      return { kind: 'podium', podium: top().slice(0, 3), playerCount: students.length };
  }
}

const playerView = (s: Student) => ({
  protocol: 1,
  role: 'player',
  version,
  serverNow: Date.now(),
  code: CODE,
  roundCount: BENCH_SCENARIOS.length,
  me: { id: s.id, nickname: s.nickname, score: s.score, streak: 0, rank: s.id + 1 },
  phase: playerPhase(s),
});

function hostPhase(): object {
  const r = rounds[phase.round];
  switch (phase.kind) {
    case 'question':
      return {
        kind: 'question',
        round: phase.round,
        task: { type: 'predict', scenario: r!.scenario },
        openedAt: phase.openedAt,
        deadlineAt: phase.openedAt + durationMs,
        durationMs,
        answered,
        total: students.length,
      };
    case 'reveal':
      return {
        kind: 'reveal',
        round: phase.round,
        task: { type: 'predict', scenario: r!.scenario },
        detail: {
          type: 'predict',
          simulation: r!.simulation,
          distribution: { converges: 0, zigzag: 0, diverges: 0, none: 0 },
        },
        total: students.length,
        correct: 0,
        scored: true,
        top: top(),
      };
    case 'leaderboard':
      return { kind: 'leaderboard', round: phase.round, top: top() };
    default:
      return { kind: phase.kind };
  }
}

function sendHostView() {
  hostViewAt = Date.now();
  host?.emit('view:host', {
    protocol: 1,
    role: 'host',
    version,
    serverNow: Date.now(),
    code: CODE,
    roundCount: BENCH_SCENARIOS.length,
    locked: false,
    settings: { secondsPerQuestion: BENCH_SECONDS, speedPoints: true },
    deckTitle: BENCH_TITLE,
    joinUrl: `http://127.0.0.1/join/${CODE}`,
    players: students.map((s) => ({ id: s.id, nickname: s.nickname, connected: true, score: s.score })),
    playerCount: students.length,
    connectedCount: students.length,
    phase: hostPhase(),
  });
}

/** The roster changes often while a class joins: the host hears of it at most every 100 ms. */
function scheduleHostView() {
  if (hostViewTimer) return;
  hostViewTimer = setTimeout(
    () => {
      hostViewTimer = null;
      sendHostView();
    },
    Math.max(0, 100 - (Date.now() - hostViewAt)),
  );
}

/** The answer count goes to the host at most every 100 ms, as the game sends it. */
let progressAt = 0;
let progressTimer: NodeJS.Timeout | null = null;
function sendProgress() {
  progressAt = Date.now();
  if (phase.kind === 'question')
    host?.emit('host:progress', { version, round: phase.round, answered, total: students.length });
}
function scheduleProgress() {
  if (progressTimer) return;
  const since = Date.now() - progressAt;
  if (since >= 100) sendProgress();
  else
    progressTimer = setTimeout(() => {
      progressTimer = null;
      sendProgress();
    }, 100 - since);
}

function broadcast(kind: typeof phase.kind, round: number) {
  version++;
  phase = { kind, round, openedAt: kind === 'question' ? Date.now() : phase.openedAt };
  for (const s of students) s.socket.emit('view:player', playerView(s));
  sendHostView();
}

io.on('connection', (socket) => {
  let me: Student | null = null;
  socket.on('host:create', (_p: unknown, ack: Ack) => {
    host = socket;
    ack({ ok: true, code: CODE, hostSecret: 'h'.repeat(24), view: {} });
    sendHostView();
  });
  socket.on('player:join', (p: { nickname: string }, ack: Ack) => {
    me = { id: students.length, nickname: p.nickname, socket, score: 0, answer: null };
    students.push(me);
    version++;
    ack({ ok: true, playerId: me.id, playerSecret: 's'.repeat(24), view: playerView(me) });
    scheduleHostView();
  });
  socket.on('round:start', (p: { round: number }, ack: Ack) => {
    for (const s of students) s.answer = null;
    answered = 0;
    broadcast('question', p.round);
    ack({ ok: true });
  });
  socket.on('answer:submit', (p: { round: number; choice: string }, ack: Ack) => {
    if (!me) return ack({ ok: false, error: 'NOT_IN_ROOM', message: '' });
    if (!me.answer) {
      me.answer = { choice: p.choice, elapsedMs: Date.now() - phase.openedAt };
      answered++;
      version++;
      socket.emit('view:player', playerView(me));
      scheduleProgress();
      if (answered === students.length) broadcast('reveal', p.round);
    }
    ack({ ok: true, round: p.round, choice: me.answer.choice, elapsedMs: me.answer.elapsedMs });
  });
  socket.on('round:reveal', (p: { round: number }, ack: Ack) => {
    if (phase.kind === 'question') broadcast('reveal', p.round);
    ack({ ok: true });
  });
  socket.on('round:leaderboard', (p: { round: number }, ack: Ack) => {
    broadcast('leaderboard', p.round);
    ack({ ok: true });
  });
  socket.on('game:end', (_p: unknown, ack: Ack) => {
    broadcast('podium', phase.round);
    ack({ ok: true });
  });
});

httpServer.listen(0, '127.0.0.1', () => attachProbe((httpServer.address() as AddressInfo).port));
