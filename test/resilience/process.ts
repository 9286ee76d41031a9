// The real server as a child process (`node --import tsx server/index.ts`) on a temp DATA_DIR and a
// port of our choosing, so a test can kill it with SIGKILL and start it again on the same data.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY = 'Overshoot is running.';

/** A port nobody listens on right now (the kernel picks it; we release it for the server). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  pid: number;
  url: string;
  port: number;
  dataDir: string;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** SIGKILL: no cleanup, no goodbye to the sockets. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** Starts a new process on the same port and DATA_DIR; resolves when it listens. */
  restart(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills, by pid, every server process a test started and left running (call in afterEach/afterAll). */
export async function killAllServers(): Promise<void> {
  await Promise.all([...running].map((child) => killChild(child)));
}

function killChild(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  });
}

const dataDirs: string[] = [];
export function removeDataDirs(): void {
  for (const d of dataDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'overshoot-data-'));
  dataDirs.push(dataDir);
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = '';

  async function start() {
    const c = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: url,
        DATA_DIR: dataDir,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    running.add(c);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start in 20 s:\n${log}`)), 20_000);
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes(READY)) {
          clearTimeout(timer);
          resolve();
        }
      };
      c.stdout?.on('data', onData);
      c.stderr?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
      });
      c.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${log}`));
      });
    });
    // Later output (errors) is still collected by the listeners above.
  }

  await start();
  return {
    get pid() {
      return child?.pid ?? -1;
    },
    url,
    port,
    dataDir,
    output: () => log,
    kill: async () => {
      if (child) await killChild(child);
    },
    restart: async () => {
      log += '\n--- restart ---\n';
      await start();
    },
  };
}
