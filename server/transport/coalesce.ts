// One write per connection per turn of the event loop. A saved batch acknowledges each answer and
// sends its player's new view in the same turn, but engine.io sends a connection's first packet at
// once and keeps the second until that write completes: two system calls per answer where bare
// Socket.IO makes one, and the writes were a third of the server's CPU at 2,000 students
// (`BENCH_PROFILE=game npm run bench -- --players 2000`). So each connection's flush waits for the
// end of the turn, and its packets go out together, the TCP socket corked around them so that its
// WebSocket frames leave in one write. Order is unchanged: packets stay in engine.io's buffer in the
// order they were sent.
//
// engine.io keeps `flush` and its transport's socket private; both are read defensively, and a
// connection whose shape is not the expected one is left as it is.
import type { Server } from 'socket.io';

interface EngineConnection {
  flush(): void;
  transport: { name: string; socket?: unknown };
}

interface Corkable {
  cork(): void;
  uncork(): void;
}

/** The TCP socket under a WebSocket transport (ws keeps it as `_socket`), or null. */
function tcpOf(conn: EngineConnection): Corkable | null {
  if (conn.transport.name !== 'websocket') return null;
  const ws = conn.transport.socket;
  const tcp: unknown = typeof ws === 'object' && ws !== null ? Reflect.get(ws, '_socket') : null;
  return typeof tcp === 'object' &&
    tcp !== null &&
    typeof Reflect.get(tcp, 'cork') === 'function' &&
    typeof Reflect.get(tcp, 'uncork') === 'function'
    ? (tcp as Corkable)
    : null;
}

export function coalesceWrites(io: Server): void {
  const waiting = new Set<EngineConnection>();
  const flushNow = new WeakMap<EngineConnection, () => void>();
  let scheduled = false;

  function release() {
    scheduled = false;
    // Flushing may make engine.io send more (a drain), which waits for the next turn.
    const conns = [...waiting];
    waiting.clear();
    for (const conn of conns) {
      const tcp = tcpOf(conn);
      tcp?.cork();
      try {
        flushNow.get(conn)?.();
      } finally {
        tcp?.uncork();
      }
    }
  }

  io.engine.on('connection', (conn: unknown) => {
    const c = conn as EngineConnection;
    if (typeof c?.flush !== 'function') return;
    flushNow.set(c, c.flush.bind(c));
    c.flush = () => {
      waiting.add(c);
      if (scheduled) return;
      scheduled = true;
      process.nextTick(release);
    };
  });
}
