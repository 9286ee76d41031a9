// Runs deploy/nginx/overshoot.conf, as shipped, in front of nodes on loopback: a private nginx with
// its own prefix, configuration, pid file, logs and temp folders in a fresh temp dir, listening on
// 127.0.0.1 only, and never the machine's nginx service. Used by `npm run cluster:local` and
// test/deploy/proxy.test.ts.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NGINX_CONF = fileURLToPath(new URL('./nginx/overshoot.conf', import.meta.url));
const SHIPPED_PORTS = [3001, 3002, 3003];
const NOBODY = 65534;

export interface NginxProxy {
  url: string;
  port: number;
  /** The configuration nginx runs (the shipped one with this run's ports). */
  config: string;
  /** Everything nginx logged (error log), for failure messages. */
  errors(): string;
  stop(): Promise<void>;
}

/** The nginx binary, or null when it is not installed (`apt-get install -y nginx`). */
export function findNginx(): string | null {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) {
    try {
      execFileSync(candidate, ['-v'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // not there
    }
  }
  return null;
}

/**
 * The nginx binary; where there is none, Debian's package installed as .ci/run does (as root, or with
 * sudo without a password), so that `npm test` needs nothing installed by hand. Throws one sentence
 * saying what to install where it cannot.
 */
export function ensureNginx(): string {
  const found = findNginx();
  if (found) return found;
  const asRoot =
    userInfo().uid === 0
      ? []
      : spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0
        ? ['sudo', '-n']
        : null;
  if (asRoot && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0) {
    const run = (args: string[]) =>
      spawnSync(asRoot[0] ?? args[0]!, asRoot.length ? [...asRoot.slice(1), ...args] : args.slice(1), {
        stdio: 'ignore',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', 'nginx']);
    const installed = findNginx();
    if (installed) return installed;
  }
  throw new Error(
    'The proxy test needs nginx: install it (Debian: sudo apt-get install nginx) and run the tests again.',
  );
}

/**
 * The shipped configuration for these nodes: its three upstreams pointed at their ports, its listen
 * line at 127.0.0.1:`port`. Fails if the file no longer has the lines it expects, so the file tested
 * is always the file shipped.
 */
export function configFor(nodes: { id: string; port: number }[], port: number): string {
  let text = readFileSync(NGINX_CONF, 'utf8');
  if (nodes.length !== SHIPPED_PORTS.length || nodes.some((n, i) => n.id !== `n${i + 1}`))
    throw new Error(
      `deploy/nginx/overshoot.conf names nodes n1-n3; got ${nodes.map((n) => n.id).join(', ')}`,
    );
  nodes.forEach((node, i) => {
    const shipped = new RegExp(`127\\.0\\.0\\.1:${SHIPPED_PORTS[i]}\\b`, 'g');
    const count = text.match(shipped)?.length ?? 0;
    if (count !== 3)
      throw new Error(
        `deploy/nginx/overshoot.conf: expected 127.0.0.1:${SHIPPED_PORTS[i]} three times, found it ${count} times`,
      );
    text = text.replace(shipped, `127.0.0.1:${node.port}`);
  });
  if (!/^\s*listen 80;$/m.test(text)) throw new Error('deploy/nginx/overshoot.conf: no `listen 80;` line');
  return text.replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`);
}

function waitForPort(port: number, timeoutMs: number, log: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > until)
          reject(new Error(`nginx did not listen on ${port} in ${timeoutMs} ms:\n${log()}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * Starts nginx in the foreground (`daemon off`, one worker) on 127.0.0.1:`port`. As root it runs as
 * user nobody (setpriv), so a mistake in the configuration cannot touch the machine.
 */
export async function startNginx(nodes: { id: string; port: number }[], port: number): Promise<NginxProxy> {
  const nginx = findNginx();
  if (!nginx) throw new Error('nginx is not installed: apt-get install -y nginx');
  const prefix = mkdtempSync(join(tmpdir(), 'overshoot-nginx-'));
  for (const dir of ['logs', 'tmp']) mkdirSync(join(prefix, dir));
  const config = configFor(nodes, port);
  const tmp = join(prefix, 'tmp');
  writeFileSync(join(prefix, 'overshoot.conf'), config);
  writeFileSync(
    join(prefix, 'nginx.conf'),
    [
      'worker_processes 1;',
      `pid ${join(prefix, 'nginx.pid')};`,
      `error_log ${join(prefix, 'logs', 'error.log')} warn;`,
      'events { worker_connections 4096; }',
      'http {',
      `  access_log ${join(prefix, 'logs', 'access.log')};`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(tmp, t)};`),
      `  include ${join(prefix, 'overshoot.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  const root = userInfo().uid === 0;
  if (root) execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, prefix]);
  chmodSync(prefix, 0o755);
  // -e: Debian's nginx would first try its own /var/log/nginx/error.log.
  const args = [
    '-p',
    prefix,
    '-e',
    join(prefix, 'logs', 'error.log'),
    '-c',
    join(prefix, 'nginx.conf'),
    '-g',
    'daemon off;',
  ];
  const child: ChildProcess = root
    ? spawn('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', nginx, ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawn(nginx, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const errors = () => {
    let log = '';
    try {
      log = readFileSync(join(prefix, 'logs', 'error.log'), 'utf8');
    } catch {
      // not written yet
    }
    return `${stderr}${log}`;
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      // SIGQUIT: nginx's graceful stop; the master takes its worker with it.
      process.kill(child.pid, 'SIGQUIT');
      const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(prefix, { recursive: true, force: true });
  };
  try {
    await Promise.race([
      waitForPort(port, 10_000, errors),
      exited.then(() => {
        throw new Error(`nginx exited at start:\n${errors()}`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, port, config, errors, stop };
}
