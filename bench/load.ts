// The load benchmark: `npm run bench -- --players N` (default 1000; --rounds 8, --passes 4).
//
// Alternates the real game server and a bare Socket.IO server that sends the same messages in the
// same pattern (bench/bare-server.ts), each against a separate load-generator process with N
// students and a host (bench/loadgen.ts). Ratios compare figures measured in the same invocation:
// this machine is shared, and its noise weighs on both alike. Prints a table and writes
// bench/results/latest.json (and bench/results/players-N.json). Figures to read, not a test.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type LoadReport,
  type LoadResult,
  percentile,
  type ServerCommand,
  type ServerReply,
  stopChild,
} from './shared';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

export type Kind = 'game' | 'bare';

export interface PassFigures {
  kind: Kind;
  load: LoadResult;
  heapEmpty: number;
  heapFull: number;
  rssEmpty: number;
  rssFull: number;
  cpuMs: number;
  loopDelayMaxMs: number;
  counters: Record<string, number>;
}

/** A child's IPC as request/response: sends a command, resolves with the next reply of that type. */
function ask<T extends ServerReply['type']>(
  child: ChildProcess,
  command: ServerCommand | null,
  type: T,
): Promise<Extract<ServerReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ServerReply) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as Extract<ServerReply, { type: T }>);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`server child exited (${code}) waiting for ${type}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (command) child.send(command);
  });
}

function nextReport<T extends LoadReport['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<LoadReport, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: LoadReport) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as Extract<LoadReport, { type: T }>);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`load generator exited (${code}) before ${type}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * BENCH_PROFILE=game|bare writes a CPU profile of that server over the recorded rounds (bench/probe.ts),
 * BENCH_PROFILE=loadgen one of the whole load generator, to bench/results/profiles.
 */
const profile = (who: string) =>
  process.env.BENCH_PROFILE === who ? ['--cpu-prof', `--cpu-prof-dir=${RESULTS}profiles`] : [];

export function startServerChild(kind: Kind): ChildProcess {
  const profiled = process.env.BENCH_PROFILE === kind;
  return fork(`${HERE}${kind}-server.ts`, [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: profiled ? { ...process.env, BENCH_PROFILE_DIR: `${RESULTS}profiles` } : process.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

export function startLoadChild(options: object): ChildProcess {
  return fork(`${HERE}loadgen.ts`, [JSON.stringify(options)], {
    execArgv: [...profile('loadgen'), '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Lets the child exit by itself (its IPC channel closes), and kills it by pid if it lingers. */
export const stop = (child: ChildProcess): Promise<void> => stopChild(child);

export { ask, nextReport };

async function runPass(kind: Kind, players: number, rounds: number): Promise<PassFigures> {
  const server = startServerChild(kind);
  let load: ChildProcess | null = null;
  try {
    const { port } = await ask(server, null, 'ready');
    const empty = await ask(server, { type: 'heap' }, 'heap');
    load = startLoadChild({
      url: `http://127.0.0.1:${port}`,
      players,
      rounds,
      pattern: 'alternate',
      pauseAfterRounds: true,
    });
    await nextReport(load, 'joined');
    const full = await ask(server, { type: 'heap' }, 'heap');
    await ask(server, { type: 'mark' }, 'marked');
    const played = nextReport(load, 'played');
    load.send({ type: 'play' });
    await played;
    // The rounds alone: read before the game ends and the class's sockets close (the game marks
    // each student away, and saves it; bare Socket.IO has nothing to do).
    const usage = await ask(server, { type: 'usage' }, 'usage');
    const finished = nextReport(load, 'result');
    load.send({ type: 'finish' });
    const { result } = await finished;
    return {
      kind,
      load: result,
      heapEmpty: empty.heapUsed,
      heapFull: full.heapUsed,
      rssEmpty: empty.rss,
      rssFull: full.rss,
      cpuMs: usage.cpuMs,
      loopDelayMaxMs: usage.loopDelayMaxMs,
      counters: usage.counters,
    };
  } finally {
    if (load) await stop(load);
    await stop(server);
  }
}

const median = (xs: number[]) => percentile(xs, 50);
const round1 = (x: number) => Math.round(x * 10) / 10;

export interface Figures {
  join_s: number;
  ack_p50_ms: number;
  ack_p99_ms: number;
  fanout_p50_ms: number;
  fanout_p99_ms: number;
  mem_per_player_kb: number;
  cpu_per_round_ms: number;
  loop_delay_max_ms: number;
  delivered: number;
}

interface Extra {
  /** The game's store: time in its transactions (wall), and how many, per round. */
  store_ms_per_round?: number;
  commits_per_round?: number;
  /** The CPU per round in user and in system (kernel) time. */
  cpu_user_ms_per_round: number;
  cpu_system_ms_per_round: number;
  rss_per_player_kb: number;
  acks: number;
  reveals: number;
  errors: Record<string, number>;
}

function summarize(passes: PassFigures[], players: number): { figures: Figures; extra: Extra } {
  const acks = passes.flatMap((p) => p.load.acks);
  const fanouts = passes.flatMap((p) => p.load.fanouts);
  const rounds = passes.reduce((n, p) => n + p.load.rounds, 0);
  const errors: Record<string, number> = {};
  for (const p of passes)
    for (const [k, v] of Object.entries(p.load.errors)) errors[k] = (errors[k] ?? 0) + v;
  const figures: Figures = {
    join_s: Math.round(median(passes.map((p) => p.load.joinS)) * 100) / 100,
    ack_p50_ms: round1(percentile(acks, 50)),
    ack_p99_ms: round1(percentile(acks, 99)),
    fanout_p50_ms: round1(percentile(fanouts, 50)),
    fanout_p99_ms: round1(percentile(fanouts, 99)),
    mem_per_player_kb: round1(median(passes.map((p) => (p.heapFull - p.heapEmpty) / players / 1024))),
    cpu_per_round_ms: round1(passes.reduce((n, p) => n + p.cpuMs, 0) / rounds),
    loop_delay_max_ms: round1(Math.max(...passes.map((p) => p.loopDelayMaxMs))),
    delivered:
      Math.round(
        (10_000 * passes.reduce((n, p) => n + p.load.received, 0)) /
          passes.reduce((n, p) => n + p.load.expected, 0),
      ) / 10_000,
  };
  const counter = (key: string) => passes.reduce((n, p) => n + (p.counters[key] ?? 0), 0);
  const extra: Extra = {
    ...(passes.some((p) => 'storeMs' in p.counters)
      ? {
          store_ms_per_round: round1(counter('storeMs') / rounds),
          commits_per_round: round1(counter('commits') / rounds),
        }
      : {}),
    cpu_user_ms_per_round: round1(counter('cpuUserMs') / rounds),
    cpu_system_ms_per_round: round1(counter('cpuSystemMs') / rounds),
    rss_per_player_kb: round1(median(passes.map((p) => (p.rssFull - p.rssEmpty) / players / 1024))),
    acks: acks.length,
    reveals: fanouts.length,
    errors,
  };
  return { figures, extra };
}

async function main() {
  const players = arg('players', 1000);
  const rounds = arg('rounds', 8);
  // Four of each: either server's CPU per round alone moves 15–25 % from one pass to the next on this
  // machine (bare Socket.IO's 455–628 ms at 2,000 in five runs of 7 December), and two of each let one
  // unlucky pass decide a ratio.
  const passes = arg('passes', 4);
  console.log(
    `Overshoot load benchmark: ${players} students, ${rounds} rounds per pass (all at once / spread over 3 s), ` +
      `${passes} passes each of the game and of bare Socket.IO, alternating.`,
  );
  const results: PassFigures[] = [];
  for (let i = 0; i < passes * 2; i++) {
    const kind: Kind = i % 2 === 0 ? 'game' : 'bare';
    const t = Date.now();
    const pass = await runPass(kind, players, rounds);
    results.push(pass);
    console.log(
      `  pass ${i + 1}: ${kind.padEnd(4)} ${((Date.now() - t) / 1000).toFixed(1)} s, ack p99 ` +
        `${percentile(pass.load.acks, 99).toFixed(1)} ms, reveal fan-out p50 ${percentile(pass.load.fanouts, 50).toFixed(1)} ms`,
    );
  }
  const { figures: game, extra: gameExtra } = summarize(
    results.filter((r) => r.kind === 'game'),
    players,
  );
  const { figures: bare, extra: bareExtra } = summarize(
    results.filter((r) => r.kind === 'bare'),
    players,
  );
  const ratio = (a: number, b: number) => Math.round((100 * a) / b) / 100;
  const output = {
    players,
    game,
    bare,
    ratio: {
      ack_p99: ratio(game.ack_p99_ms, bare.ack_p99_ms),
      fanout_p50: ratio(game.fanout_p50_ms, bare.fanout_p50_ms),
      mem_per_player: ratio(game.mem_per_player_kb, bare.mem_per_player_kb),
      cpu_per_round: ratio(game.cpu_per_round_ms, bare.cpu_per_round_ms),
    },
    extra: { rounds, passes, game: gameExtra, bare: bareExtra },
  };

  const rows: Array<[string, keyof Figures, string]> = [
    ['join all (s)', 'join_s', ''],
    ['answer ack p50 (ms)', 'ack_p50_ms', ''],
    ['answer ack p99 (ms)', 'ack_p99_ms', 'ack_p99'],
    ['reveal fan-out p50 (ms)', 'fanout_p50_ms', 'fanout_p50'],
    ['reveal fan-out p99 (ms)', 'fanout_p99_ms', ''],
    ['heap per student (KB)', 'mem_per_player_kb', 'mem_per_player'],
    ['server CPU per round (ms)', 'cpu_per_round_ms', 'cpu_per_round'],
    ['event loop delay max (ms)', 'loop_delay_max_ms', ''],
    ['delivered', 'delivered', ''],
  ];
  console.log(`\n| ${players} students | game | bare Socket.IO | ratio |\n| --- | ---: | ---: | ---: |`);
  for (const [label, key, r] of rows)
    console.log(
      `| ${label} | ${game[key]} | ${bare[key]} | ${r ? output.ratio[r as keyof typeof output.ratio] : ''} |`,
    );
  console.log(
    `(${gameExtra.acks} + ${bareExtra.acks} answers, ${gameExtra.reveals} + ${bareExtra.reveals} reveals; ` +
      `RSS per student: game ${gameExtra.rss_per_player_kb} KB, bare ${bareExtra.rss_per_player_kb} KB; ` +
      `CPU per round in user + system: game ${gameExtra.cpu_user_ms_per_round} + ${gameExtra.cpu_system_ms_per_round} ms, ` +
      `bare ${bareExtra.cpu_user_ms_per_round} + ${bareExtra.cpu_system_ms_per_round} ms; ` +
      `game store: ${gameExtra.store_ms_per_round} ms in ` +
      `${gameExtra.commits_per_round} commits per round)`,
  );
  if (Object.keys(gameExtra.errors).length || Object.keys(bareExtra.errors).length)
    console.log('errors:', JSON.stringify({ game: gameExtra.errors, bare: bareExtra.errors }));

  mkdirSync(RESULTS, { recursive: true });
  const json = `${JSON.stringify(output, null, 2)}\n`;
  writeFileSync(`${RESULTS}latest.json`, json);
  writeFileSync(`${RESULTS}players-${players}.json`, json);
  console.log(`\nwritten: bench/results/latest.json, bench/results/players-${players}.json`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
