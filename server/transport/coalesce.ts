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

/**
 * A connection as this module keeps it. Its flag, in place of a Set of waiting connections, and its
 * TCP socket, found once per transport rather than once per flush: every packet engine.io sends calls
 * flush, some 8,000 a round at 2,000 students, and the Set and the lookups were 3 % of the game's CPU.
 */
interface Held {
  conn: EngineConnection;
  flushNow: () => void;
  waiting: boolean;
  /** The transport `tcp` was found for; it changes once, when polling upgrades to a WebSocket. */
  transport: EngineConnection['transport'] | null;
  tcp: Corkable | null;
}

function tcpFor(held: Held): Corkable | null {
  const { transport } = held.conn;
  if (held.transport !== transport) {
    held.transport = transport;
    held.tcp = tcpOf(held.conn);
  }
  return held.tcp;
}

export function coalesceWrites(io: Server): void {
  let waiting: Held[] = [];
  let scheduled = false;

  function release() {
    scheduled = false;
    // Flushing may make engine.io send more (a drain), which waits for the next turn.
    const held = waiting;
    waiting = [];
    // All flags first: a flush that throws must not leave the connections after it marked as waiting
    // with nobody to flush them.
    for (const h of held) h.waiting = false;
    for (const h of held) {
      const tcp = tcpFor(h);
      tcp?.cork();
      try {
        h.flushNow();
      } finally {
        tcp?.uncork();
      }
    }
  }

  io.engine.on('connection', (conn: unknown) => {
    const c = conn as EngineConnection;
    if (typeof c?.flush !== 'function') return;
    const h: Held = { conn: c, flushNow: c.flush.bind(c), waiting: false, transport: null, tcp: null };
    c.flush = () => {
      if (h.waiting) return;
      h.waiting = true;
      waiting.push(h);
      if (scheduled) return;
      scheduled = true;
      process.nextTick(release);
    };
  });
}
