// The parent's side of the honest class (test/abuse/class.ts): forks it, collects every answer's
// acknowledgement time, and cuts them into the windows a measurement compares.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopChild } from '../../bench/shared';
import { percentile } from './measure';

export interface ClassOptions {
  url: string;
  players: number;
  /** The class's own address (a school's NAT), distinct from the attacker's. */
  localAddress: string;
}

export type ClassMessage =
  | { type: 'ready'; code: string }
  /** [sent at (ms since the epoch), acknowledged after (ms), accepted]. */
  | { type: 'acks'; samples: Array<[number, number, boolean]> }
  | { type: 'failed'; message: string };

export interface Latency {
  answers: number;
  /** Answers refused or never acknowledged (timed out). */
  failed: number;
  p50: number;
  p99: number;
}

export interface HonestClass {
  /** Acknowledgement times of the answers sent in [from, to). */
  latency(from: number, to: number): Latency;
  stop(): Promise<void>;
}

const CLASS_SCRIPT = fileURLToPath(new URL('./class.ts', import.meta.url));

export async function startHonestClass(options: ClassOptions): Promise<HonestClass> {
  const child: ChildProcess = fork(CLASS_SCRIPT, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const samples: Array<[number, number, boolean]> = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the honest class was not playing within 30 s')), 30_000);
    child.on('message', (m: ClassMessage) => {
      if (m.type === 'acks') samples.push(...m.samples);
      else if (m.type === 'ready') {
        clearTimeout(timer);
        resolve();
      } else if (m.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`the honest class failed: ${m.message}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the honest class exited (${code}) before it was playing`));
    });
  });
  return {
    latency(from, to) {
      const inWindow = samples.filter(([at]) => at >= from && at < to);
      const ms = inWindow.map(([, ms]) => ms);
      return {
        answers: inWindow.length,
        failed: inWindow.filter(([, , ok]) => !ok).length,
        p50: percentile(ms, 50),
        p99: percentile(ms, 99),
      };
    },
    stop: () => stopChild(child, () => child.send({ type: 'stop' })),
  };
}
