// A Connection (client/net/connection.ts) the test drives by hand: it delivers the statuses, views,
// progress and refusals the test says, and holds each request until the test answers it. The unit
// under test is the model on top of it; the real connection has its own tests (the stale-view test
// here, the Chromium suite and test/resilience).
import { io } from 'socket.io-client';
import type { Connection, RequestOptions, Resume, Status } from '../../client/net/connection';
import type { ErrorCode } from '../../shared/protocol/errors';
import type { HostProgress, HostView, PlayerView } from '../../shared/protocol/views';

// The event, payload and reply types are read off Connection['request'] itself, so the fake follows
// however that method is typed.
declare const connection: Connection;
export type EventName = Parameters<Connection['request']>[0];
export type PayloadOf<E extends EventName> = Parameters<typeof connection.request<E>>[1];
export type ReplyOf<E extends EventName> = Awaited<ReturnType<typeof connection.request<E>>>;

interface Sent {
  event: EventName;
  payload: unknown;
  options: RequestOptions | undefined;
}

/** Per event, the unanswered requests' resolves, oldest first: each takes that event's reply type. */
type Waiting = { [E in EventName]?: Array<(reply: ReplyOf<E>) => void> };

export class FakeConnection implements Connection {
  /** Never connected: the models do not touch the socket, and nothing here opens one. */
  readonly socket = io('http://127.0.0.1:9', { autoConnect: false });
  /** The identity the model asked to present after each (re)connection. */
  resume: Resume | null = null;
  /** Views the model adopted from an acknowledgement (join, create). */
  readonly adopted: Array<HostView | PlayerView> = [];
  offset = 0;
  private current: Status = 'connecting';
  private readonly sent: Sent[] = [];
  private readonly waiting: Waiting = {};
  private readonly statusListeners = new Set<(s: Status) => void>();
  private readonly viewListeners = new Set<(v: HostView | PlayerView) => void>();
  private readonly progressListeners = new Set<(p: HostProgress) => void>();
  private readonly lostListeners = new Set<(e: ErrorCode, m: string) => void>();

  status(): Status {
    return this.current;
  }
  onStatus(l: (s: Status) => void): () => void {
    return listen(this.statusListeners, l);
  }
  onView(l: (v: HostView | PlayerView) => void): () => void {
    return listen(this.viewListeners, l);
  }
  onProgress(l: (p: HostProgress) => void): () => void {
    return listen(this.progressListeners, l);
  }
  onSessionLost(l: (e: ErrorCode, m: string) => void): () => void {
    return listen(this.lostListeners, l);
  }
  setResume(next: Resume | null): void {
    this.resume = next;
  }
  adoptView(view: HostView | PlayerView): void {
    this.adopted.push(view);
  }
  request<E extends EventName>(
    event: E,
    payload: PayloadOf<E>,
    options?: RequestOptions,
  ): Promise<ReplyOf<E>> {
    return new Promise((resolve) => {
      this.sent.push({ event, payload, options });
      const queue: Waiting[E] = this.waiting[event] ?? [];
      queue.push(resolve);
      this.waiting[event] = queue;
    });
  }
  clockOffset(): number {
    return this.offset;
  }
  close(): void {
    this.socket.close();
  }

  // What the test does as the network and the server.

  setStatus(next: Status): void {
    this.current = next;
    for (const l of this.statusListeners) l(next);
  }
  deliver(view: HostView | PlayerView): void {
    for (const l of this.viewListeners) l(view);
  }
  deliverProgress(progress: HostProgress): void {
    for (const l of this.progressListeners) l(progress);
  }
  loseSession(error: ErrorCode, message = `refused: ${error}`): void {
    for (const l of this.lostListeners) l(error, message);
  }
  /** The requests sent and not answered yet, oldest first. */
  pending(): readonly Sent[] {
    return this.sent;
  }
  /** Answers the oldest unanswered `event` request; throws if there is none, naming the event. */
  async reply<E extends EventName>(event: E, reply: ReplyOf<E>): Promise<void> {
    const resolve = this.waiting[event]?.shift();
    if (!resolve) throw new Error(`No ${event} request is waiting for a reply.`);
    this.sent.splice(
      this.sent.findIndex((s) => s.event === event),
      1,
    );
    resolve(reply);
    // Lets the model's `await` go on before the test looks.
    await flush();
  }
}

function listen<T>(set: Set<T>, l: T): () => void {
  set.add(l);
  return () => void set.delete(l);
}

/** Runs every queued promise continuation (a few ticks deep is all the models need). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** localStorage for Node, where there is none: client/ui/storage.ts reads the global. */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}
