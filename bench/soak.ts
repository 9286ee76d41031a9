// The soak: `npm run bench:soak` (--players 300 --seconds 120 --window 10). The real game server
// and a load-generator process play round after round, answers spread over 3 s, for two minutes.
// Every window it reports the answers' acknowledgement p99 and the server's heap after a full GC,
// then the heap's growth from the first window to the last. Writes bench/results/soak.json.
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

async function main() {
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
