// The cluster's node processes for the benchmark and `npm run cluster:local`: the real server
// (`node --import tsx server/index.ts`) with NODE_ID, on a loopback port of its own, all on one
// PostgreSQL. Each node can be killed (SIGKILL), paused (SIGSTOP/SIGCONT), stopped as a deploy stops
// it (SIGTERM, which hands its rooms over) and started again with the same id and port.
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/resilience/process';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY = 'Overshoot is running.';
const START_TIMEOUT_MS = 30_000;

export class NodeProcess {
  child: ChildProcess | null = null;
  /** When the current process became ready (its rooms' acknowledgements before it are an older life's). */
  startedAt = 0;
  /** When the current process was spawned: its boot runs from here to startedAt. */
  spawnedAt = 0;
  private output = '';

  constructor(
    readonly id: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    /** Every line the node writes is appended here, for a failure's post-mortem. */
    readonly logFile: string,
    /** The benchmark's: where the node appends its loop delay and CPU samples (bench/cluster-sampler.ts). */
    readonly samplesFile?: string,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  get running() {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    this.output = '';
    appendFileSync(this.logFile, `\n--- start ${new Date().toISOString()} ---\n`);
    const sampled = this.samplesFile ? ['--import', './bench/cluster-sampler.ts'] : [];
    const child = spawn(process.execPath, ['--import', 'tsx', ...sampled, 'server/index.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PUBLIC_URL: this.url,
        // A proxy in front sets PUBLIC_URL (and TRUST_PROXY) for every node.
        ...this.env,
        NODE_ID: this.id,
        PORT: String(this.port),
        ...(this.samplesFile ? { CLUSTER_SAMPLES: this.samplesFile } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.spawnedAt = Date.now();
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      this.output += text;
      appendFileSync(this.logFile, text);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`node ${this.id} did not start in 30 s:\n${this.output}`)),
        START_TIMEOUT_MS,
      );
      const onData = () => {
        if (!this.output.includes(READY)) return;
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve();
      };
      const onExit = (code: number | null, signal: string | null) => {
        clearTimeout(timer);
        reject(new Error(`node ${this.id} exited (${code ?? signal}) before it was ready:\n${this.output}`));
      };
      child.stdout?.on('data', onData);
      child.once('exit', onExit);
    });
    this.startedAt = Date.now();
  }

  signal(signal: NodeJS.Signals) {
    if (this.child?.pid !== undefined && this.running) process.kill(this.child.pid, signal);
  }

  /** Resolves when the process has exited, with how it ended. */
  exited(): Promise<string> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null)
      return Promise.resolve(String(child?.exitCode ?? child?.signalCode ?? 'not started'));
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve(String(code ?? signal))));
  }

  /** SIGKILL; resolves once it is gone. */
  async kill(): Promise<void> {
    const gone = this.exited();
    this.signal('SIGCONT');
    this.signal('SIGKILL');
    await gone;
  }

  /** SIGTERM, as a deploy stops it; SIGKILL if it has not exited in `graceMs`. Resolves with its exit. */
  async terminate(graceMs = 15_000): Promise<string> {
    const gone = this.exited();
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    const how = await gone;
    clearTimeout(timer);
    return how;
  }
}

/** `count` nodes n1, n2, … on free loopback ports, started one after the other. */
export async function startNodes(
  count: number,
  env: Record<string, string>,
  logFile: (id: string) => string,
  samplesFile?: (id: string) => string,
): Promise<NodeProcess[]> {
  const nodes: NodeProcess[] = [];
  for (let i = 1; i <= count; i++) {
    const id = `n${i}`;
    nodes.push(new NodeProcess(id, await freePort(), env, logFile(id), samplesFile?.(id)));
  }
  try {
    for (const node of nodes) await node.start();
  } catch (error) {
    await Promise.all(nodes.map((n) => n.kill()));
    throw error;
  }
  return nodes;
}
