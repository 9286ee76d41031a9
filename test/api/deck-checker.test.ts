// Big deck bodies are checked on a worker thread (server/api/deck-checker.ts): the same answers as
// on the event loop, while the event loop stays free for the games.
import { describe, expect, it } from 'vitest';
import { checkDeckBytes, type DeckCheck } from '../../server/api/deck-check';
import { checkDeckBody, DECK_CHECKS_WAITING_MAX, DECK_WORKER_MIN_BYTES } from '../../server/api/deck-checker';
import { largestDeck, nestedArrays } from '../abuse/decks';

/** A check with its deck's JSON as text: comparing megabytes as text is quick, byte by byte is not. */
const asText = (c: DeckCheck) =>
  c.ok ? { ...c, json: Buffer.from(c.json.buffer, c.json.byteOffset, c.json.byteLength).toString() } : c;

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
    expect(asText(onThread)).toEqual(asText(checkDeckBytes(body)));
    expect(onThread.ok && onThread.rounds).toBe(100);
    // Inline, validating this deck holds the loop 40-100 ms; on the thread only the copies remain.
    expect(stallMs).toBeLessThan(40);
  });

  it("hands a body over to the thread when asked (no copy): the same answer, the caller's buffer detached", async () => {
    const body = Buffer.from(JSON.stringify(largestDeck()));
    const inline = asText(checkDeckBytes(body));
    const kept = await checkDeckBody(body);
    expect(asText(kept)).toEqual(inline);
    expect(body.byteLength, "a body copied to the thread is still the caller's").toBeGreaterThan(0);
    const handed = await checkDeckBody(body, { transfer: true });
    expect(asText(handed)).toEqual(inline);
    expect(body.byteLength, 'a body handed over is gone from here').toBe(0);
    // The deck's JSON comes back as a Buffer, as inline.
    expect(handed.ok && Buffer.isBuffer(handed.json)).toBe(true);
    // A slice of a larger buffer cannot be handed over: it is copied, and stays the caller's.
    const shared = Buffer.concat([Buffer.from(' '), Buffer.from(JSON.stringify(largestDeck()))]).subarray(1);
    expect(asText(await checkDeckBody(shared, { transfer: true }))).toEqual(inline);
    expect(shared.byteLength).toBeGreaterThan(0);
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
