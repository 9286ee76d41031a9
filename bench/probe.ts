// Instruments a benchmark server child: answers the orchestrator's questions over IPC about the
// heap after a full GC, CPU time and the event loop's worst delay since the last mark.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ServerCommand, ServerReply } from './shared';

/** Counters a server adds to its usage report (they are reset at each mark). */
export type Counters = Record<string, number>;

/** Evicts every room the server holds and says what per-room state is left (the game server only). */
export type Evict = () => { evicted: number; left: Record<string, number> };

export function attachProbe(port: number, counters: Counters = {}, evict?: Evict): void {
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
        send({ type: 'marked' });
        return;
      case 'usage': {
        const cpu = process.cpuUsage(cpuMark);
        send({
          type: 'usage',
          cpuMs: (cpu.user + cpu.system) / 1000,
          loopDelayMaxMs: loop.max / 1e6,
          heapUsed: process.memoryUsage().heapUsed,
          counters: { ...counters },
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
