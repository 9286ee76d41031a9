// What a socket that does not read what it is sent may cost the server (server/transport/outbox.ts).

export interface OutboxLimits {
  /** Bytes a socket may have waiting to be written (OUTBOX_MAX_BYTES). */
  maxBytes: number;
  /** How long it may stay above maxBytes before it is disconnected (SLOW_READER_MS). */
  slowReaderMs: number;
}

/**
 * 1 MB is ten of the largest host views (2,500 players) and a thousand of a phone's; 5 s is a
 * phone's Wi-Fi hiccup, and within the heartbeat's 10 s, after which a dead one is dropped anyway.
 */
export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = { maxBytes: 1024 * 1024, slowReaderMs: 5_000 };
