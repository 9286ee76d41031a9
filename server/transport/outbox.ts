// Outboxes: what the server has yet to get through to each socket. Views are whole snapshots, so a
// socket still busy with its last one only needs the newest: each socket holds at most one pending
// message per event, the newest replacing the older, sent once its connection has written what it
// had. Without this, a client that stops reading (deliberately or not) made the server queue every
// view for it, without bound. Acknowledgements do not pass through here: each answers a request and
// is never dropped (the per-socket rate limit bounds how many a socket may ask for). So a socket's
// unsent bytes can still grow, by acknowledgements it does not read: one whose unsent bytes stay
// above a cap for a while is disconnected, as a reader that far behind is gone or hostile, and an
// honest one that reconnects gets the full view again.
import type { HostProgress, HostView, PlayerView } from '../../shared/protocol/views';
import { DEFAULT_OUTBOX_LIMITS, type OutboxLimits } from '../limits/outbox';
import type { AppSocket } from './session';

/**
 * What may wait in an outbox: snapshots, of which only the newest matters. A host view waits whole,
 * and is put on the wire by the caller's `emit` (publication sends its roster as changes against
 * what that socket has, computed when it is sent).
 */
export type OutboxMessage =
  | { event: 'view:host'; payload: HostView }
  | { event: 'view:player'; payload: PlayerView }
  | { event: 'host:progress'; payload: HostProgress };
export type OutboxEvent = OutboxMessage['event'];

interface Box {
  socket: AppSocket;
  /**
   * At most one message per event, the newest, in the order they were first held; null while none
   * is (most sockets, most of the time: a class of 1,000 holds no 1,000 maps).
   */
  pending: Map<OutboxEvent, OutboxMessage> | null;
  /** The transport whose 'ready' this box listens to, while anything is pending. */
  listening: TransportLike | null;
  /** Since when the socket's outgoing bytes are above the cap (wall time), or null. */
  overSince: number | null;
}

/** What this module uses of engine.io's transport: whether it can write now, and when it can again. */
interface TransportLike {
  writable: boolean;
  on(event: 'ready', listener: () => void): unknown;
  off(event: 'ready', listener: () => void): unknown;
}

export interface Outboxes {
  /** Sends now if the socket has written everything it had; else keeps it as the newest pending. */
  send(socket: AppSocket, message: OutboxMessage): void;
  /** Starts watching a socket's backlog (it joined a room). */
  watch(socket: AppSocket): void;
  /** Forgets a socket (it closed or left its room), with whatever it had pending. */
  forget(socket: AppSocket): void;
  /** Messages pending for a socket (0, 1 or one per event), for tests. */
  pendingOf(socket: AppSocket): number;
  /** Sockets watched, and the sweep timer, for tests that look for leaks. */
  stats(): { sockets: number; timers: number };
  /** Stops the sweep. */
  close(): void;
}

/** The engine's send buffer, which engine.io keeps private: read defensively. */
function writeBufferOf(socket: AppSocket): unknown[] {
  const buffer: unknown = Reflect.get(socket.conn, 'writeBuffer');
  return Array.isArray(buffer) ? buffer : [];
}

/**
 * Bytes waiting to be written to the socket: the WebSocket's own buffer (ws's `bufferedAmount`, what
 * Node has not handed to the kernel yet) plus the engine's packets not yet given to the transport.
 */
export function outgoingBytes(socket: AppSocket): number {
  let bytes = 0;
  const ws: unknown = Reflect.get(socket.conn.transport, 'socket');
  if (typeof ws === 'object' && ws !== null) {
    const buffered: unknown = Reflect.get(ws, 'bufferedAmount');
    if (typeof buffered === 'number') bytes += buffered;
  }
  for (const packet of writeBufferOf(socket)) {
    const data: unknown = typeof packet === 'object' && packet !== null ? Reflect.get(packet, 'data') : null;
    if (typeof data === 'string') bytes += data.length;
    else if (data instanceof Uint8Array) bytes += data.byteLength;
  }
  return bytes;
}

/**
 * Whether the socket has written everything it was given before this turn of the event loop, so a
 * new message goes out at once: what engine.io holds while its transport is writable leaves at the
 * end of this turn (coalesce.ts), and the new message with it, in the same write.
 */
function idle(socket: AppSocket): boolean {
  return socket.conn.transport.writable;
}

export function createOutboxes(deps: {
  limits?: Partial<OutboxLimits> | undefined;
  /** Puts a message on the wire. */
  emit(socket: AppSocket, message: OutboxMessage): void;
  /** A socket disconnected for reading too slowly (counted and logged by the caller). */
  onSlowReader(socket: AppSocket, bytes: number): void;
  /** Wall time: the cap is about bytes per second, not the game clock. */
  now?: () => number;
}): Outboxes {
  const limits: OutboxLimits = { ...DEFAULT_OUTBOX_LIMITS, ...deps.limits };
  const now = deps.now ?? Date.now;
  const { emit } = deps;
  const boxes = new Map<AppSocket, Box>();
  let sweep: NodeJS.Timeout | null = null;

  function boxOf(socket: AppSocket): Box {
    let box = boxes.get(socket);
    if (!box) {
      box = { socket, pending: null, listening: null, overSince: null };
      boxes.set(socket, box);
      startSweep();
    }
    return box;
  }

  /**
   * The box each listened-to transport flushes. One 'ready' listener serves every socket (the emitter
   * is `this`): a closure per held message was thousands a second in a burst, and one per socket a
   * hundred bytes of every student's heap.
   */
  const listened = new WeakMap<TransportLike, Box>();
  function onReady(this: TransportLike) {
    const box = listened.get(this);
    if (box) flush(box);
  }

  function stopListening(box: Box) {
    if (!box.listening) return;
    box.listening.off('ready', onReady);
    listened.delete(box.listening);
    box.listening = null;
  }

  /** Waits for the transport to have written its last batch (re-armed if the transport changed). */
  function listen(box: Box) {
    const transport = box.socket.conn.transport;
    if (box.listening === transport) return;
    stopListening(box);
    transport.on('ready', onReady);
    listened.set(transport, box);
    box.listening = transport;
  }

  function flush(box: Box) {
    const { socket } = box;
    if (!socket.connected) return forget(socket);
    const held = box.pending;
    if (!held) return stopListening(box);
    // engine.io flushes its own buffer on 'ready' first; anything it sent keeps the transport busy.
    if (!idle(socket)) return listen(box);
    box.pending = null;
    stopListening(box);
    for (const m of held.values()) emit(socket, m);
  }

  /** Checks each watched socket's backlog against the cap, and flushes any that went quiet. */
  function check(box: Box, at: number) {
    const { socket } = box;
    if (!socket.connected) return forget(socket);
    const bytes = outgoingBytes(socket);
    if (bytes <= limits.maxBytes) {
      box.overSince = null;
      if (box.pending && idle(socket)) flush(box);
      return;
    }
    box.overSince ??= at;
    if (at - box.overSince < limits.slowReaderMs) return;
    forget(socket);
    deps.onSlowReader(socket, bytes);
    socket.disconnect(true);
    // ws would wait up to 30 s for a closing handshake the reader never reads; its buffer goes now.
    const ws: unknown = Reflect.get(socket.conn.transport, 'socket');
    const terminate: unknown = typeof ws === 'object' && ws !== null ? Reflect.get(ws, 'terminate') : null;
    if (typeof terminate === 'function') terminate.call(ws);
  }

  /** The sweep is what notices a socket that never drains (it fires no event), so it runs while any is watched. */
  function startSweep() {
    if (sweep) return;
    const every = Math.max(10, Math.min(1_000, Math.floor(limits.slowReaderMs / 5)));
    sweep = setInterval(() => {
      const at = now();
      for (const box of [...boxes.values()]) check(box, at);
    }, every);
    sweep.unref();
  }

  function forget(socket: AppSocket) {
    const box = boxes.get(socket);
    if (!box) return;
    stopListening(box);
    boxes.delete(socket);
    if (boxes.size === 0 && sweep) {
      clearInterval(sweep);
      sweep = null;
    }
  }

  return {
    send(socket, message) {
      const box = boxOf(socket);
      if (!box.pending && idle(socket)) {
        emit(socket, message);
        return;
      }
      box.pending ??= new Map();
      box.pending.set(message.event, message);
      listen(box);
      if (box.overSince === null && outgoingBytes(socket) > limits.maxBytes) box.overSince = now();
    },
    watch: (socket) => {
      boxOf(socket);
    },
    forget,
    pendingOf: (socket) => boxes.get(socket)?.pending?.size ?? 0,
    stats: () => ({ sockets: boxes.size, timers: sweep ? 1 : 0 }),
    close() {
      for (const socket of [...boxes.keys()]) forget(socket);
    },
  };
}
