// The limits from the environment (README "Limits"): every variable is optional, and a value that is
// not a positive number is reported and ignored rather than turned into "no limit".
import { type BudgetConfig, DEFAULT_BUDGETS, HELD_REFUSALS_MAX } from './budgets';
import { DEFAULT_OUTBOX_LIMITS, type OutboxLimits } from './outbox';
import { DEFAULT_QUOTAS, type LibraryQuotas } from './quotas';

/** The room registry's bounds (server/room/rooms.ts has the defaults and why). */
export interface RoomLimits {
  /** ROOMS_IN_MEMORY_MAX */
  maxRooms?: number;
  /** ROOM_IDLE_MS */
  idleMs?: number;
  /** ROOM_RETENTION_DAYS, in ms */
  retentionMs?: number;
}

export interface LimitsConfig {
  budgets: BudgetConfig;
  /** REFUSALS_HELD_MAX */
  heldRefusalsMax: number;
  quotas: LibraryQuotas;
  /** Only the variables that were set: the registry keeps its own defaults for the rest. */
  rooms: RoomLimits;
  /** What a socket that does not read may leave unsent, and for how long. */
  outbox: OutboxLimits;
  /** Variables whose value was not understood, with what was expected. */
  invalid: string[];
}

const MB = 1024 * 1024;
const DAY = 24 * 3_600_000;

/** `{ [key]: value }` for a value that was set (read gives 0 for one not set), else nothing. */
const optional = <K extends keyof RoomLimits>(key: K, value: number): RoomLimits =>
  value > 0 ? { [key]: value } : {};

export function limitsFromEnv(env: Record<string, string | undefined>): LimitsConfig {
  const invalid: string[] = [];
  const read = (name: string, fallback: number, scale = 1) => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) {
      invalid.push(`${name}=${raw} (expected a positive number)`);
      return fallback;
    }
    return Math.round(n * scale);
  };
  const per = (name: string, kind: keyof BudgetConfig) => ({
    ...DEFAULT_BUDGETS[kind],
    points: read(name, DEFAULT_BUDGETS[kind].points),
  });
  return {
    budgets: {
      api: per('LIMIT_API_PER_MINUTE', 'api'),
      roomCreate: per('LIMIT_ROOMS_PER_MINUTE', 'roomCreate'),
      keyCreate: per('LIMIT_NEW_KEYS_PER_HOUR', 'keyCreate'),
      deckWrite: per('LIMIT_DECK_WRITES_PER_MINUTE', 'deckWrite'),
      deckWriteAddress: per('LIMIT_DECK_WRITES_PER_ADDRESS_PER_MINUTE', 'deckWriteAddress'),
      attemptCreate: per('LIMIT_HOMEWORK_STARTS_PER_HOUR', 'attemptCreate'),
      deckBytes: {
        ...DEFAULT_BUDGETS.deckBytes,
        points: read('LIMIT_DECK_MB_PER_10S', DEFAULT_BUDGETS.deckBytes.points, 1024),
      },
    },
    heldRefusalsMax: read('REFUSALS_HELD_MAX', HELD_REFUSALS_MAX),
    rooms: {
      ...optional('maxRooms', read('ROOMS_IN_MEMORY_MAX', 0)),
      ...optional('idleMs', read('ROOM_IDLE_MS', 0)),
      ...optional('retentionMs', read('ROOM_RETENTION_DAYS', 0, DAY)),
    },
    quotas: {
      decksPerKey: read('QUOTA_DECKS_PER_KEY', DEFAULT_QUOTAS.decksPerKey),
      deckBytesPerKey: read('QUOTA_DECK_MB_PER_KEY', DEFAULT_QUOTAS.deckBytesPerKey, MB),
      libraryBytes: read('QUOTA_LIBRARY_MB', DEFAULT_QUOTAS.libraryBytes, MB),
      assignmentsPerKey: read('QUOTA_ASSIGNMENTS_PER_KEY', DEFAULT_QUOTAS.assignmentsPerKey),
      attemptsPerAssignment: read('QUOTA_ATTEMPTS_PER_ASSIGNMENT', DEFAULT_QUOTAS.attemptsPerAssignment),
    },
    outbox: {
      maxBytes: read('OUTBOX_MAX_BYTES', DEFAULT_OUTBOX_LIMITS.maxBytes),
      slowReaderMs: read('SLOW_READER_MS', DEFAULT_OUTBOX_LIMITS.slowReaderMs),
    },
    invalid,
  };
}
