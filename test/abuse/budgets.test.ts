// The budgets module the API and the socket side share, its once-a-minute log, and the variables
// that configure the limits.
import { describe, expect, it } from 'vitest';
import { createBudgets, DEFAULT_BUDGETS, HELD_REFUSALS_MAX } from '../../server/limits/budgets';
import { limitsFromEnv } from '../../server/limits/config';
import { createLimitEvents, LOG_EVERY_MS } from '../../server/limits/events';
import { DEFAULT_OUTBOX_LIMITS } from '../../server/limits/outbox';
import { DEFAULT_QUOTAS } from '../../server/limits/quotas';

describe('budgets', () => {
  it('spends points per key, refuses with the time until one frees, and keeps keys apart', async () => {
    const budgets = createBudgets({ roomCreate: { points: 2, perSeconds: 60 } });
    expect(await budgets.consume('roomCreate', '10.0.0.1')).toEqual({ ok: true });
    expect(await budgets.consume('roomCreate', '10.0.0.1')).toEqual({ ok: true });
    const refused = await budgets.consume('roomCreate', '10.0.0.1');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.retryAfterMs).toBeGreaterThan(50_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
    expect(await budgets.consume('roomCreate', '10.0.0.2')).toEqual({ ok: true });
    // Kinds are separate budgets even for the same key.
    expect(await budgets.consume('api', '10.0.0.1')).toEqual({ ok: true });
  });

  it('frees points when the window passes', async () => {
    const budgets = createBudgets({ api: { points: 1, perSeconds: 1 } });
    expect((await budgets.consume('api', 'a')).ok).toBe(true);
    const refused = await budgets.consume('api', 'a');
    expect(refused.ok).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, refused.ok ? 0 : refused.retryAfterMs + 20));
    expect((await budgets.consume('api', 'a')).ok).toBe(true);
  });

  it('spends several points at once (KB of a body); a refused attempt spends too', async () => {
    const budgets = createBudgets({ deckBytes: { points: 100, perSeconds: 60 } });
    expect((await budgets.consume('deckBytes', 'a', 60)).ok).toBe(true);
    expect((await budgets.consume('deckBytes', 'a', 60)).ok).toBe(false);
    // Whoever keeps trying stays refused until the window ends, rather than slipping in small ones.
    expect((await budgets.consume('deckBytes', 'a', 1)).ok).toBe(false);
  });

  it('counts every refusal and reports it to the events', async () => {
    const lines: string[] = [];
    const events = createLimitEvents((line) => lines.push(line));
    const budgets = createBudgets({ keyCreate: { points: 1, perSeconds: 60 } }, events);
    for (let i = 0; i < 5; i++) await budgets.consume('keyCreate', '10.0.0.9');
    expect(events.counts()).toEqual({ keyCreate: 4 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('keyCreate');
    expect(lines[0]).toContain('10.0.0.9');
  });
});

describe('refusals are logged once per offender, limit and minute', () => {
  it('logs again after a minute, and for another offender or limit at once', () => {
    let now = 0;
    const lines: string[] = [];
    const events = createLimitEvents(
      (line) => lines.push(line),
      () => now,
    );
    for (let i = 0; i < 100; i++) events.refused('api', 'a');
    events.refused('api', 'b');
    events.refused('deckWrite', 'a');
    expect(lines).toHaveLength(3);
    now += LOG_EVERY_MS - 1;
    events.refused('api', 'a');
    expect(lines).toHaveLength(3);
    now += 1;
    events.refused('api', 'a');
    expect(lines).toHaveLength(4);
    expect(events.counts()).toEqual({ api: 103, deckWrite: 1 });
  });

  it('remembers a bounded number of offenders, whatever a flood from many addresses', () => {
    const lines: string[] = [];
    const events = createLimitEvents(
      (line) => lines.push(line),
      () => 0,
    );
    for (let i = 0; i < 20_000; i++) events.refused('api', `10.${i >> 8}.${i & 255}.1`);
    expect(lines).toHaveLength(20_000);
    // The oldest were forgotten: the first offender is logged again, the latest is not.
    events.refused('api', '10.0.0.1');
    events.refused('api', `10.${19_999 >> 8}.${19_999 & 255}.1`);
    expect(lines).toHaveLength(20_001);
  });
});

describe('limits from the environment', () => {
  it('defaults without variables', () => {
    // The room registry keeps its own defaults (server/room/rooms.ts) for variables not set.
    expect(limitsFromEnv({})).toEqual({
      budgets: DEFAULT_BUDGETS,
      heldRefusalsMax: HELD_REFUSALS_MAX,
      quotas: DEFAULT_QUOTAS,
      rooms: {},
      outbox: DEFAULT_OUTBOX_LIMITS,
      invalid: [],
    });
  });

  it('reads the slow-reader limits: bytes, and milliseconds', () => {
    const { outbox, invalid } = limitsFromEnv({ OUTBOX_MAX_BYTES: '65536', SLOW_READER_MS: '2500' });
    expect(invalid).toEqual([]);
    expect(outbox).toEqual({ maxBytes: 65536, slowReaderMs: 2500 });
    expect(limitsFromEnv({ SLOW_READER_MS: '-1' }).outbox).toEqual(DEFAULT_OUTBOX_LIMITS);
  });

  it('reads each variable, in its unit', () => {
    const { budgets, quotas, rooms, heldRefusalsMax, invalid } = limitsFromEnv({
      ROOMS_IN_MEMORY_MAX: '500',
      ROOM_IDLE_MS: '3000',
      ROOM_RETENTION_DAYS: '0.5',
      LIMIT_API_PER_MINUTE: '50',
      LIMIT_ROOMS_PER_MINUTE: '5',
      LIMIT_NEW_KEYS_PER_HOUR: '7',
      LIMIT_DECK_WRITES_PER_MINUTE: '8',
      LIMIT_DECK_WRITES_PER_ADDRESS_PER_MINUTE: '9',
      LIMIT_DECK_MB_PER_10S: '2',
      QUOTA_DECKS_PER_KEY: '10',
      QUOTA_DECK_MB_PER_KEY: '1.5',
      QUOTA_LIBRARY_MB: '100',
      QUOTA_ASSIGNMENTS_PER_KEY: '11',
      QUOTA_ATTEMPTS_PER_ASSIGNMENT: '12',
      LIMIT_HOMEWORK_STARTS_PER_HOUR: '13',
      REFUSALS_HELD_MAX: '16',
    });
    expect(invalid).toEqual([]);
    expect(heldRefusalsMax).toBe(16);
    expect(budgets).toEqual({
      api: { points: 50, perSeconds: 60 },
      roomCreate: { points: 5, perSeconds: 60 },
      keyCreate: { points: 7, perSeconds: 3600 },
      deckWrite: { points: 8, perSeconds: 60 },
      deckWriteAddress: { points: 9, perSeconds: 60 },
      deckBytes: { points: 2048, perSeconds: 10 },
      attemptCreate: { points: 13, perSeconds: 3600 },
    });
    expect(quotas).toEqual({
      decksPerKey: 10,
      deckBytesPerKey: 1.5 * 1024 * 1024,
      libraryBytes: 100 * 1024 * 1024,
      assignmentsPerKey: 11,
      attemptsPerAssignment: 12,
    });
    expect(rooms).toEqual({ maxRooms: 500, idleMs: 3000, retentionMs: 12 * 3_600_000 });
  });

  it('a value that is not a positive number is named and ignored, never "no limit"', () => {
    const { budgets, quotas, rooms, invalid } = limitsFromEnv({
      LIMIT_API_PER_MINUTE: '0',
      QUOTA_LIBRARY_MB: 'lots',
      ROOM_IDLE_MS: '-1',
    });
    expect(invalid).toEqual([
      'LIMIT_API_PER_MINUTE=0 (expected a positive number)',
      'ROOM_IDLE_MS=-1 (expected a positive number)',
      'QUOTA_LIBRARY_MB=lots (expected a positive number)',
    ]);
    expect(rooms).toEqual({});
    expect(budgets.api).toEqual(DEFAULT_BUDGETS.api);
    expect(quotas.libraryBytes).toBe(DEFAULT_QUOTAS.libraryBytes);
  });
});
