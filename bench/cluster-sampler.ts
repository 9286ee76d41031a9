// How busy a process of the cluster benchmark was, moment by moment: its event loop's worst delay and
// its CPU time, every SAMPLE_MS. A move's time is only the game's if neither the phones' process nor
// the nodes were stalled: bench/cluster.ts reads these samples over each fault's window.
//
// Two uses: imported by a room process (its phones' own loop), and preloaded into each node process
// (`node --import ./bench/cluster-sampler.ts --import tsx server/index.ts`) with CLUSTER_SAMPLES naming
// the file it appends its samples to, from the first moment of its life: a node's boot is measured too.
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export const SAMPLE_MS = 100;

/** One interval of a process: when it ended, its loop's worst delay then, its CPU time since it started. */
export type Sample = [at: number, loopMaxMs: number, cpuMs: number];

/** Calls `record` every SAMPLE_MS with the interval just ended, until the process exits. */
export function sample(record: (s: Sample) => void): void {
  // 10 ms: the stalls that matter here are tens to hundreds of ms, and a finer timer costs CPU.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const timer = setInterval(() => {
    const cpu = process.cpuUsage();
    record([Date.now(), Math.round(loop.max / 1e5) / 10, Math.round((cpu.user + cpu.system) / 1000)]);
    loop.reset();
  }, SAMPLE_MS);
  timer.unref();
}

const file = process.env.CLUSTER_SAMPLES;
// Preloaded into a node: a line per sample (its pid first, to tell the lives of one node apart), and
// a first line at once with the CPU the process used to get here (Node's own start).
if (file) {
  const write = (s: Sample) => appendFileSync(file, `${process.pid} ${s.join(' ')}\n`);
  const cpu = process.cpuUsage();
  write([Date.now(), 0, Math.round((cpu.user + cpu.system) / 1000)]);
  sample(write);
}
