// The soak: `npm run bench:soak` (--players 300 --seconds 120 --window 10). The real game server
// and a load-generator process play round after round, answers spread over 3 s, for two minutes.
// Every window it reports the answers' acknowledgement p99 and the server's heap after a full GC,
// then the heap's growth from the first window to the last. Writes bench/results/soak.json.
//
// `npm run bench:soak -- --games 20` (--players 100 --rounds 5) plays game after game instead: each
// a new room, its students joining, its rounds, the podium, everyone leaving; then the server evicts
// the finished game and reports its heap after a full GC and what per-room state is left. A server
// that forgets a game once it is evicted shows no growth per game. Writes bench/results/soak-games.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ask, nextReport, startLoadChild, startServerChild, stop } from './load';
import type { LoadReport } from './shared';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
}

interface Window {
  atS: number;
  rounds: number;
  acks: number;
  ackP99Ms: number;
  heapMb: number;
}

/** One game after another, each evicted once over: the heap per game, which should not grow. */
async function games() {
  const count = arg('games', 20);
  const players = arg('players', 100);
  const rounds = arg('rounds', 5);
  console.log(`Overshoot soak, games: ${count} games of ${rounds} rounds, ${players} students each.`);
  const server = startServerChild('game');
  const { port } = await ask(server, null, 'ready');
  const rows: Array<{ game: number; heapMb: number; evicted: number; left: Record<string, number> }> = [];
  try {
    console.log('| game | evicted | left (rooms, timers, audiences, throttles) | heap after GC (MB) |');
    console.log('| ---: | ---: | --- | ---: |');
    for (let game = 1; game <= count; game++) {
      const load = startLoadChild({ url: `http://127.0.0.1:${port}`, players, rounds, pattern: 'spread' });
      await nextReport(load, 'joined');
      load.send({ type: 'play' });
      const { result } = await nextReport(load, 'result');
      await stop(load);
      if (Object.keys(result.errors).length > 0)
        throw new Error(`game ${game}: ${JSON.stringify(result.errors)}`);
      // The students' disconnections are presence changes: let their batch be saved before evicting.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { evicted, left } = await ask(server, { type: 'evict' }, 'evicted');
      const heap = await ask(server, { type: 'heap' }, 'heap');
      const row = { game, heapMb: Math.round((heap.heapUsed / 2 ** 20) * 10) / 10, evicted, left };
      rows.push(row);
      const l = left;
      console.log(
        `| ${game} | ${evicted} | ${l.rooms}, ${(l.roomTimers ?? 0) + (l.throttleTimers ?? 0)}, ${l.audiences}, ${l.throttles} | ${row.heapMb} |`,
      );
    }
    // The first games warm the process up (code compiled, caches and pools grown, which levels off
    // after a score of games): growth is read over the second half.
    const from = rows[Math.floor((rows.length - 1) / 2)]!;
    const last = rows.at(-1)!;
    const games = last.game - from.game;
    const summary = {
      games: count,
      players,
      rounds,
      heap_from_mb: from.heapMb,
      heap_last_mb: last.heapMb,
      growth_per_game_kb: games > 0 ? Math.round(((last.heapMb - from.heapMb) * 1024) / games) : 0,
      rows,
    };
    console.log(
      `\nheap after GC ${from.heapMb} MB after game ${from.game}, ${last.heapMb} MB after game ${last.game}: ` +
        `${summary.growth_per_game_kb} KB per game`,
    );
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(`${RESULTS}soak-games.json`, `${JSON.stringify(summary, null, 2)}\n`);
    console.log('written: bench/results/soak-games.json');
  } finally {
    await stop(server);
  }
}

async function main() {
  if (process.argv.includes('--games')) return games();
  const players = arg('players', 300);
  const seconds = arg('seconds', 120);
  const windowS = arg('window', 10);
  console.log(
    `Overshoot soak: ${players} students, ${seconds} s, answers spread over 3 s, a report every ${windowS} s.`,
  );
  const server = startServerChild('game');
  const { port } = await ask(server, null, 'ready');
  const load = startLoadChild({
    url: `http://127.0.0.1:${port}`,
    players,
    rounds: 99,
    durationS: seconds,
    windowS,
    pattern: 'spread',
  });
  const windows: Window[] = [];
  try {
    await nextReport(load, 'joined');
    const start = await ask(server, { type: 'heap' }, 'heap');
    console.log(`joined; heap after GC ${(start.heapUsed / 2 ** 20).toFixed(1)} MB\n`);
    console.log(
      '| t (s) | rounds | answers | ack p99 (ms) | heap after GC (MB) |\n| ---: | ---: | ---: | ---: | ---: |',
    );
    const onWindow = async (m: LoadReport) => {
      if (m.type !== 'window') return;
      const heap = await ask(server, { type: 'heap' }, 'heap');
      const w: Window = {
        atS: m.atS,
        rounds: m.rounds,
        acks: m.acks,
        ackP99Ms: Math.round(m.ackP99 * 10) / 10,
        heapMb: Math.round((heap.heapUsed / 2 ** 20) * 10) / 10,
      };
      windows.push(w);
      console.log(`| ${w.atS} | ${w.rounds} | ${w.acks} | ${w.ackP99Ms} | ${w.heapMb} |`);
    };
    load.on('message', (m: LoadReport) => void onWindow(m));
    load.send({ type: 'play' });
    const { result } = await nextReport(load, 'result');
    const first = windows[0];
    const last = windows.at(-1);
    if (!first || !last) throw new Error('no window was reported');
    const summary = {
      players,
      seconds,
      rounds: result.rounds,
      heap_start_mb: first.heapMb,
      heap_end_mb: last.heapMb,
      heap_growth_mb: Math.round((last.heapMb - first.heapMb) * 10) / 10,
      ack_p99_max_ms: Math.max(...windows.map((w) => w.ackP99Ms)),
      delivered: Math.round((10_000 * result.received) / result.expected) / 10_000,
      errors: result.errors,
      windows,
    };
    console.log(
      `\n${result.rounds} rounds; heap after GC ${summary.heap_start_mb} MB at ${first.atS} s, ` +
        `${summary.heap_end_mb} MB at ${last.atS} s (growth ${summary.heap_growth_mb} MB); ` +
        `worst window ack p99 ${summary.ack_p99_max_ms} ms; delivered ${summary.delivered}`,
    );
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(`${RESULTS}soak.json`, `${JSON.stringify(summary, null, 2)}\n`);
    console.log('written: bench/results/soak.json');
  } finally {
    await stop(load);
    await stop(server);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
