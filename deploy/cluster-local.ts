// `npm run cluster:local` (after building the apps): the cluster of docs/deploy.md on this machine, to try it or to show it.
// Three nodes (n1-n3) on loopback ports, one PostgreSQL (DATABASE_URL if set, else a private
// embedded one, deleted at the end) and deploy/nginx/overshoot.conf run by a private nginx on
// 127.0.0.1 (PORT, default 8080) in front of them. Ctrl-C stops everything it started.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NodeProcess, startNodes } from '../bench/cluster-nodes';
import { type Cluster, startCluster } from '../test/postgres/cluster';
import { type NginxProxy, startNginx } from './run-nginx';

const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT=${process.env.PORT}: expected a port number, e.g. PORT=8080`);
  process.exit(1);
}

let postgres: Cluster | null = null;
let nodes: NodeProcess[] = [];
let proxy: NginxProxy | null = null;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await proxy?.stop();
  await Promise.all(nodes.map((n) => n.terminate(5_000)));
  await postgres?.close();
  process.exit(code);
}

try {
  const given = process.env.DATABASE_URL?.trim();
  if (!given) postgres = await startCluster();
  const url = `http://127.0.0.1:${port}`;
  const logDir = mkdtempSync(join(tmpdir(), 'overshoot-cluster-'));
  nodes = await startNodes(
    3,
    { DATABASE_URL: given ?? postgres!.url, PUBLIC_URL: url, TRUST_PROXY: '1' },
    (id) => join(logDir, `${id}.log`),
  );
  proxy = await startNginx(nodes, port);
  console.log(
    [
      '',
      'An Overshoot cluster is running: three nodes behind nginx, one PostgreSQL.',
      `  Projector:        ${url}/host`,
      `  Students join at: ${url}`,
      ...nodes.map((n) => `  ${n.id}: ${n.url} (pid ${n.child?.pid}), log ${n.logFile}`),
      `  PostgreSQL:       ${given ? 'DATABASE_URL' : `private, port ${postgres!.port}`}`,
      '',
      'Try `kill -9 <pid>` on a node during a question: its rooms move to another within a few seconds.',
      'Ctrl-C stops everything.',
    ].join('\n'),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));
} catch (error) {
  console.error((error as Error).message);
  await stop(1);
}
