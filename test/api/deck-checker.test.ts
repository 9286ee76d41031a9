// Big deck bodies are checked on a worker thread (server/api/deck-checker.ts): the same answers as
// on the event loop, while the event loop stays free for the games.
import { describe, expect, it } from 'vitest';
import { checkDeckBytes } from '../../server/api/deck-check';
import { checkDeckBody, DECK_CHECKS_WAITING_MAX, DECK_WORKER_MIN_BYTES } from '../../server/api/deck-checker';
import { largestDeck, nestedArrays } from '../abuse/decks';

describe('deck bodies checked on a thread', () => {
  it('a big deck gets the answer the event loop would give, without holding it', async () => {
    const body = Buffer.from(JSON.stringify(largestDeck()));
    expect(body.byteLength).toBeGreaterThan(DECK_WORKER_MIN_BYTES);
    // The thread's first start (loading its code) is not what is measured.
    await checkDeckBody(Buffer.from('{"title":"warm","rounds":[]}'.padEnd(DECK_WORKER_MIN_BYTES, ' ')));
    let last = performance.now();
    let stallMs = 0;
    const timer = setInterval(() => {
      const at = performance.now();
      stallMs = Math.max(stallMs, at - last);
      last = at;
    }, 1);
    const onThread = await checkDeckBody(body);
    clearInterval(timer);
    expect(onThread).toEqual(checkDeckBytes(body));
    expect(onThread.ok && onThread.rounds).toBe(100);
    // Inline, validating this deck holds the loop 40-100 ms; on the thread only the copies remain.
    expect(stallMs).toBeLessThan(40);
  });

  it('bad JSON, a hostile shape and a bad deck are named as inline', async () => {
    const pad = (s: string) => Buffer.from(s.padEnd(DECK_WORKER_MIN_BYTES, ' '));
    expect(await checkDeckBody(pad('{"title": '))).toMatchObject({ ok: false, error: 'BAD_JSON' });
    const hostile = Buffer.from(nestedArrays(DECK_WORKER_MIN_BYTES));
    expect(await checkDeckBody(hostile)).toEqual(checkDeckBytes(hostile));
    expect(await checkDeckBody(pad('{"title":"x","rounds":[{"cost":{"kind":"nope"}}]}'))).toMatchObject({
      ok: false,
      error: 'BAD_DECK',
      round: 1,
    });
  });

  it('holds at most DECK_CHECKS_WAITING_MAX big bodies waiting; the next is told to come back', async () => {
    const body = Buffer.from(JSON.stringify(largestDeck()));
    const checks = Array.from({ length: DECK_CHECKS_WAITING_MAX + 1 }, () => checkDeckBody(body));
    const results = await Promise.all(checks);
    expect(results.slice(0, -1).every((r) => r.ok)).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, error: 'SERVER_BUSY' });
    // Once they are answered, the next is checked again.
    expect((await checkDeckBody(body)).ok).toBe(true);
  });
});
