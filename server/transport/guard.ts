// The guard: rate limits on every inbound event, and the masking of guesses (wrong room codes and
// secrets) so that a guesser learns nothing. It knows events only by name; the game is not its job.
import { type ErrorCode, type Failure, fail, type Result } from '../../shared/protocol/errors';
import type { ClientEventName } from '../../shared/protocol/events';
import { type BudgetKind, type Budgets, REFUSAL_HOLD_MS } from '../limits/budgets';
import { DEFAULT_LIMITS, KeyedBuckets, type Limits, TokenBucket } from './rate-limit';
import type { AppSocket } from './session';

/** How long a flooder's connection lingers, unread, for its last acknowledgements to leave. */
const FLOODER_LINGER_MS = 1_000;

/** Events that present a code and a secret or nickname: failures among them are throttled. */
const IDENTITY_EVENTS: ReadonlySet<ClientEventName> = new Set([
  'player:join',
  'player:resume',
  'host:resume',
]);
/** Refusals that mean a wrong code or a wrong secret: what a guesser gets. */
const GUESS_FAILURES: ReadonlySet<ErrorCode> = new Set(['ROOM_NOT_FOUND', 'UNKNOWN_PLAYER', 'NOT_HOST']);

/** The address a connection comes from; behind a trusted proxy, the one the proxy saw. */
export function clientAddress(
  handshake: { address: string; headers: Record<string, string | string[] | undefined> },
  trustProxy: boolean,
): string {
  const forwarded = handshake.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string' && forwarded.trim()) {
    // The nearest proxy appends the address it saw last; earlier entries are the client's to invent.
    return forwarded.split(',').at(-1)?.trim() || handshake.address;
  }
  return handshake.address;
}

/**
 * Events that spend a budget of the sending address (server/limits/budgets.ts) before they run: a
 * new game costs memory and disk, and a fresh socket would otherwise bring a fresh allowance.
 */
const BUDGETED: Partial<Record<ClientEventName, { kind: BudgetKind; what: string }>> = {
  'host:create': { kind: 'roomCreate', what: 'new games' },
};

/** How long a refusal by an address budget is held before it is sent (server/limits/budgets.ts). */
export { REFUSAL_HOLD_MS };

/**
 * The most events one connection may have waiting behind a budget's answer (or its refusal's hold).
 * An honest client sends host:create once and waits; a script that sends on regardless is refused at
 * once past this, rather than queue its events (each a promise and a closure) without bound.
 */
export const MAX_WAITING = 4;

/** RATE_LIMITED by a budget, with how long to wait (rounded up, so that waiting that long is enough). */
function overBudget(what: string, retryAfterMs: number): Failure {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return {
    ...fail('RATE_LIMITED', `Too many ${what} from here. Please wait ${seconds} s and try again.`),
    retryAfterS: seconds,
  };
}

/**
 * One socket's guard. A class, not closures: a class of 2,000 keeps 2,000 of them, and under tsx each
 * named closure made per socket carries a property store of its own (its kept name), about 300 bytes.
 */
export class SocketGuard {
  /** The socket's last event still waiting for its budget, if any: later ones queue behind it. */
  waiting: Promise<Result> | null = null;
  /** How many of the socket's events wait (that one and those behind it). */
  queued = 0;
  /** Made at the socket's first refusal and first identity event: most sockets never need them. */
  refusals: TokenBucket | null = null;
  guesses: TokenBucket | null = null;
  constructor(
    readonly socket: AppSocket,
    readonly address: string,
    readonly events: TokenBucket,
  ) {}
}

export interface Guard {
  /** Guards one socket: every inbound event pays a token first (admit). */
  watch(socket: AppSocket): SocketGuard;
  /**
   * Whether the socket may send this event now. If not, its acknowledgement (the last of `args`, if a
   * function) is told RATE_LIMITED, and a socket that keeps flooding is disconnected: decoding its
   * packets is work the honest clients would otherwise wait for.
   */
  admit(guard: SocketGuard, args: readonly unknown[]): boolean;
  /**
   * Runs `handle` unless the socket's guess budget or its address's budget forbids it, masking what
   * a guess would tell. An event that spends an address budget answers later (the budget's store is
   * asynchronous); the socket's later events wait behind it, so they still run in the order sent.
   */
  run(
    guard: SocketGuard,
    event: ClientEventName,
    handle: () => Result | Promise<Result>,
  ): Result | Promise<Result>;
}

export function createGuard(deps: {
  limits?: Limits | undefined;
  trustProxy?: boolean | undefined;
  budgets?: Budgets | undefined;
}): Guard {
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const { budgets } = deps;
  const guessesByAddress = new KeyedBuckets(limits.failedJoinsPerAddress);

  /**
   * Spends the event's budget, then runs it; refused if the address has spent it all. Always runs
   * after a wait (its budget, or an earlier event's), so the socket may have closed meanwhile.
   */
  async function spendThenRun(
    g: SocketGuard,
    event: ClientEventName,
    handle: () => Result | Promise<Result>,
  ): Promise<Result> {
    const budget = BUDGETED[event];
    if (budget && budgets) {
      const spent = await budgets.consume(budget.kind, g.address);
      if (!spent.ok) {
        const heldMs = await new Promise<number>((resolve) =>
          budgets.holdRefusal(spent.retryAfterMs, resolve),
        );
        return overBudget(budget.what, spent.retryAfterMs - heldMs);
      }
    }
    // A socket that closed must not become a room's audience: its disconnect has already been
    // handled, and nothing would ever take it out again.
    if (g.socket.disconnected) return fail('INTERNAL', 'The connection closed before this was done.');
    return runNow(g, event, handle);
  }

  function runNow(
    g: SocketGuard,
    event: ClientEventName,
    handle: () => Result | Promise<Result>,
  ): Result | Promise<Result> {
    if (!IDENTITY_EVENTS.has(event)) return handle();
    const now = Date.now();
    g.guesses ??= new TokenBucket(limits.failedJoinsPerSocket, now);
    const { guesses, address } = g;
    const throttled = !(guesses.has(now) && guessesByAddress.has(address, now));
    // A join is refused outright while throttled: it would tell a guesser which codes exist.
    if (throttled && event === 'player:join') return fail('RATE_LIMITED');
    // A resume goes through (a student with a valid secret gets back in even when someone at the
    // same school address has been guessing); only its failure is masked while throttled, so that
    // ROOM_NOT_FOUND and UNKNOWN_PLAYER tell a guesser nothing.
    const masked = (result: Result): Result => {
      if (!result.ok && GUESS_FAILURES.has(result.error)) {
        if (throttled) return fail('RATE_LIMITED');
        guesses.take(now);
        guessesByAddress.take(address, now);
      }
      return result;
    };
    // An asynchronous store reads the room first (PostgreSQL); the guess is counted all the same.
    const result = handle();
    return result instanceof Promise ? result.then(masked) : masked(result);
  }

  return {
    // Rate limits run on wall time, not the game clock (which tests move by hand).
    watch: (socket) =>
      new SocketGuard(
        socket,
        clientAddress(socket.handshake, deps.trustProxy ?? false),
        new TokenBucket(limits.events, Date.now()),
      ),
    admit(g, args) {
      const now = Date.now();
      if (g.events.take(now)) return true;
      const last = args[args.length - 1];
      if (typeof last === 'function') last(fail('RATE_LIMITED'));
      g.refusals ??= new TokenBucket(limits.refusals, now);
      if (!g.refusals.take(now)) {
        // Stop reading its bytes at once (every frame read is unmasked and parsed), let the
        // acknowledgements already written and the disconnect go out, then cut the connection:
        // a flooder is in no hurry to answer a WebSocket closing handshake.
        const tcp = g.socket.request.socket;
        tcp?.pause();
        g.socket.disconnect(true);
        setTimeout(() => tcp?.destroy(), FLOODER_LINGER_MS).unref();
      }
      return false;
    },
    run(g, event, handle) {
      if (!g.waiting && !BUDGETED[event]) return runNow(g, event, handle);
      if (g.queued >= MAX_WAITING) return fail('RATE_LIMITED');
      g.queued++;
      const previous = g.waiting;
      const next = previous
        ? previous.then(
            () => spendThenRun(g, event, handle),
            () => spendThenRun(g, event, handle),
          )
        : spendThenRun(g, event, handle);
      g.waiting = next;
      const clear = () => {
        g.queued--;
        if (g.waiting === next) g.waiting = null;
      };
      next.then(clear, clear);
      return next;
    },
  };
}
