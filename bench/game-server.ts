// The real game server for the load benchmark: createApp with SQLite in a fresh DATA_DIR and the
// system clock, exactly as `npm start` runs it, on a port of the kernel's choosing.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../server/app';
import { attachProbe } from './probe';

const dataDir = mkdtempSync(join(tmpdir(), 'overshoot-bench-'));
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
const app = createApp({
  dataDir,
  staticDir: null,
  log: (message, error) => console.error(message, error ?? ''),
});
app.httpServer.listen(0, '127.0.0.1', () => attachProbe((app.httpServer.address() as AddressInfo).port));
