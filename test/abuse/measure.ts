// What the abuse harness measures of the server process from outside it: its resident memory (the
// kernel's VmRSS, so the load generators' own memory never counts) and the bytes its DATA_DIR holds
// (the SQLite file with its -wal and -shm, as the disk sees them).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { percentile } from '../../bench/shared';

export { percentile };

export const MB = 1024 * 1024;

/** Resident memory of a process, in bytes; NaN once it is gone. */
export function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? Number.NaN : Number(kb) * 1024;
  } catch {
    return Number.NaN;
  }
}

/** The sum of the sizes of every file under `dir`. */
export function dirBytes(dir: string): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of entries) {
    const path = join(dir, name);
    try {
      const s = statSync(path);
      total += s.isDirectory() ? dirBytes(path) : s.size;
    } catch {
      // A file SQLite removed between the listing and the stat (a -wal after a checkpoint).
    }
  }
  return total;
}

export interface Sample {
  at: number;
  rss: number;
  disk: number;
}

/** Samples the server's memory and disk every `everyMs` until stopped. */
export function startSampler(pid: number, dataDir: string, everyMs = 200) {
  const samples: Sample[] = [];
  const take = (): Sample => {
    const sample = { at: Date.now(), rss: rssBytes(pid), disk: dirBytes(dataDir) };
    samples.push(sample);
    return sample;
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    samples,
    /** The samples taken in [from, to). */
    between: (from: number, to: number) => samples.filter((s) => s.at >= from && s.at < to),
    latest: take,
    stop: () => clearInterval(timer),
  };
}
export type Sampler = ReturnType<typeof startSampler>;

export const median = (values: readonly number[]) => percentile(values, 50);
