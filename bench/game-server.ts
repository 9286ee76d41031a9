// The real game server for the load benchmark: createApp with SQLite in a fresh DATA_DIR and the
// system clock, exactly as `npm start` runs it, on a port of the kernel's choosing.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../server/app';
import type { RoomStore } from '../server/room/store';
import { createSqliteRoomStore } from '../server/store/rooms-sqlite';
import { openDatabase } from '../server/store/sqlite';
import { attachProbe, type Counters } from './probe';

const dataDir = mkdtempSync(join(tmpdir(), 'overshoot-bench-'));
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));

// The store createApp would open on DATA_DIR, timed: how much of a round is spent saving, in wall
// time. Not in CPU time: process.cpuUsage() around each of the ~200 commits of a round was 1–1.4 % of
// the game's profile, charged to the game's CPU figure by the benchmark's own instrument. SQLite saves
// synchronously, so on a quiet machine the wall time is the CPU time.
const counters: Counters = { storeMs: 0, commits: 0, changes: 0 };
const db = openDatabase(dataDir);
const sqlite = createSqliteRoomStore(db);
const store: RoomStore = {
  loadRooms: () => sqlite.loadRooms(),
  loadRoom: (code) => sqlite.loadRoom(code),
  createRoom: (state) => sqlite.createRoom(state),
  saveChange: (...args) => {
    counters.changes!++;
    sqlite.saveChange(...args);
  },
  transaction: (fn) => {
    const t = performance.now();
    sqlite.transaction!(fn);
    counters.storeMs! += performance.now() - t;
    counters.commits!++;
  },
};
const app = createApp({
  store,
  staticDir: null,
  log: (message, error) => console.error(message, error ?? ''),
});
// The soak's games mode evicts finished games at once instead of waiting out EVICT_AFTER_MS.
const evictAll = () => {
  let evicted = 0;
  for (const code of app.rooms.codes()) if (app.rooms.evict(code)) evicted++;
  const rooms = app.rooms.stats();
  const transport = app.transport.stats();
  return {
    evicted,
    left: {
      rooms: rooms.rooms,
      roomTimers: rooms.timers,
      audiences: transport.audiences,
      throttles: transport.throttles,
      throttleTimers: transport.timers,
    },
  };
};
app.httpServer.listen(0, '127.0.0.1', () =>
  attachProbe((app.httpServer.address() as AddressInfo).port, counters, evictAll),
);
