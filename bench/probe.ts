// Instruments a benchmark server child: answers the orchestrator's questions over IPC about the
// heap after a full GC, CPU time and the event loop's worst delay since the last mark.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { basename } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ServerCommand, ServerReply } from './shared';

/** Counters a server adds to its usage report (they are reset at each mark). */
export type Counters = Record<string, number>;

/** Evicts every room the server holds and says what per-room state is left (the game server only). */
export type Evict = () => { evicted: number; left: Record<string, number> };

/**
 * BENCH_PROFILE_DIR set (bench/load.ts sets it for BENCH_PROFILE=game or bare): a CPU profile of the
 * rounds alone, from the mark to the usage report, is written there. A profile of the whole process
 * was mostly the class joining, which no figure of the benchmark counts.
 */
function roundsProfiler(dir: string | undefined) {
  if (!dir) return { start() {}, stop() {} };
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  let running = false;
  return {
    start() {
      if (running) return;
      running = true;
      session.post('Profiler.start');
    },
    stop() {
      if (!running) return;
      running = false;
      session.post('Profiler.stop', (error, result) => {
        if (error) return console.error('profile failed', error);
        mkdirSync(dir, { recursive: true });
        const name = `${basename(process.argv[1] ?? 'server', '.ts')}-rounds-${Date.now()}.cpuprofile`;
        writeFileSync(`${dir}/${name}`, JSON.stringify(result.profile));
      });
    },
  };
}

export function attachProbe(port: number, counters: Counters = {}, evict?: Evict): void {
  const profiler = roundsProfiler(process.env.BENCH_PROFILE_DIR);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const send = (reply: ServerReply) => process.send?.(reply);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let cpuMark = process.cpuUsage();
  process.on('message', (command: ServerCommand) => {
    switch (command.type) {
      case 'heap': {
        // Twice: the first pass can leave garbage that only finalizers released.
        gc();
        gc();
        const m = process.memoryUsage();
        send({ type: 'heap', heapUsed: m.heapUsed, rss: m.rss });
        return;
      }
      case 'mark':
        cpuMark = process.cpuUsage();
        loop.reset();
        for (const key of Object.keys(counters)) counters[key] = 0;
        profiler.start();
        send({ type: 'marked' });
        return;
      case 'usage': {
        const cpu = process.cpuUsage(cpuMark);
        profiler.stop();
        send({
          type: 'usage',
          cpuMs: (cpu.user + cpu.system) / 1000,
          loopDelayMaxMs: loop.max / 1e6,
          heapUsed: process.memoryUsage().heapUsed,
          // User and system apart: on loopback the kernel delivers each write to the reader within
          // the writer's system call, so system time moves with the number of writes.
          counters: { ...counters, cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000 },
        });
        return;
      }
      case 'evict': {
        if (!evict) throw new Error('this server cannot evict rooms');
        send({ type: 'evicted', ...evict() });
        return;
      }
    }
  });
  // The orchestrator goes: so does this server.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port });
}
