// The guard: rate limits on every inbound event, and the masking of guesses (wrong room codes and
// secrets) so that a guesser learns nothing. It knows events only by name; the game is not its job.
import { type ErrorCode, fail, type Result } from '../../shared/protocol/errors';
import type { ClientEventName } from '../../shared/protocol/events';
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

export interface SocketGuard {
  /** Runs `handle` unless the socket's guess budget forbids it, masking what a guess would tell. */
  run(event: ClientEventName, handle: () => Result): Result;
}

export function createGuard(deps: { limits?: Limits | undefined; trustProxy?: boolean | undefined }) {
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const guessesByAddress = new KeyedBuckets(limits.failedJoinsPerAddress);

  return {
    /** Guards one socket: every inbound packet pays a token first. */
    watch(socket: AppSocket): SocketGuard {
      // Rate limits run on wall time, not the game clock (which tests move by hand).
      const events = new TokenBucket(limits.events, Date.now());
      const refusals = new TokenBucket(limits.refusals, Date.now());
      const guesses = new TokenBucket(limits.failedJoinsPerSocket, Date.now());
      const address = clientAddress(socket.handshake, deps.trustProxy ?? false);

      // A flood gets RATE_LIMITED acknowledgements, and a client that keeps flooding regardless is
      // disconnected: decoding its packets is work the honest clients would otherwise wait for.
      socket.use((packet, next) => {
        const now = Date.now();
        if (events.take(now)) return next();
        const last: unknown = packet[packet.length - 1];
        if (typeof last === 'function') last(fail('RATE_LIMITED'));
        if (!refusals.take(now)) {
          // Stop reading its bytes at once (every frame read is unmasked and parsed), let the
          // acknowledgements already written and the disconnect go out, then cut the connection:
          // a flooder is in no hurry to answer a WebSocket closing handshake.
          const tcp = socket.request.socket;
          tcp?.pause();
          socket.disconnect(true);
          setTimeout(() => tcp?.destroy(), FLOODER_LINGER_MS).unref();
        }
      });

      return {
        run(event, handle) {
          if (!IDENTITY_EVENTS.has(event)) return handle();
          const now = Date.now();
          const throttled = !(guesses.has(now) && guessesByAddress.has(address, now));
          // A join is refused outright while throttled: it would tell a guesser which codes exist.
          if (throttled && event === 'player:join') return fail('RATE_LIMITED');
          // A resume goes through (a student with a valid secret gets back in even when someone at
          // the same school address has been guessing); only its failure is masked while throttled,
          // so that ROOM_NOT_FOUND and UNKNOWN_PLAYER tell a guesser nothing.
          const result = handle();
          if (!result.ok && GUESS_FAILURES.has(result.error)) {
            if (throttled) return fail('RATE_LIMITED');
            guesses.take(now);
            guessesByAddress.take(address, now);
          }
          return result;
        },
      };
    },
  };
}
