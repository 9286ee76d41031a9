// The instructor API for decks, against a real server whose library is a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DECK_WORKER_MIN_BYTES } from '../../server/api/deck-checker';
import { toDeckFile } from '../../shared/protocol/deck';
import { BUILTIN_GAME_DECK } from '../../shared/protocol/decks';
import { deckOfSize } from '../abuse/decks';
import { startServer, type TestServer } from '../helpers/server';

const ADA = 'ada-instructor-key-0123456789abcd';
const BOB = 'bob-instructor-key-0123456789abcd';

let dataDir: string;
let server: TestServer;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'overshoot-api-'));
  server = await startServer({ dataDir });
});
afterEach(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function api(
  path: string,
  init: { key?: string | null; method?: string; body?: unknown; raw?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? ADA}`;
  if (init.body !== undefined || init.raw !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server.url}/api${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
}

const deckFile = {
  title: 'Week 3',
  rounds: [
    { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.8, seconds: 20 },
    { type: 'max-alpha', cost: { kind: 'quartic', b: 1 }, start: [2] },
    { type: 'fastest', cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alphas: [0.25, 0.5, 0.8] },
  ],
};

async function createDeck(body: unknown = deckFile, key = ADA) {
  const res = await api('/decks', { method: 'POST', body, key });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; title: string; rounds: number; deck: typeof deckFile };
}

describe('decks: create, read, edit, duplicate, delete', () => {
  it('creates a deck and reads it back exactly as its file', async () => {
    const created = await createDeck();
    expect(created).toMatchObject({ title: 'Week 3', rounds: 3 });
    const list = await (await api('/decks')).json();
    expect(list.decks).toEqual([expect.objectContaining({ id: created.id, title: 'Week 3', rounds: 3 })]);
    const got = await (await api(`/decks/${created.id}`)).json();
    expect(got.deck).toEqual(deckFile);
  });

  it('a big deck (checked on the thread) is answered, stored and read back as the small ones', async () => {
    const big = deckOfSize(800_000, 'Big, with é');
    const raw = JSON.stringify(big);
    expect(Buffer.byteLength(raw)).toBeGreaterThan(DECK_WORKER_MIN_BYTES);
    const res = await api('/decks', { method: 'POST', raw });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    // Written in parts, not hashed for an ETag: nobody asks for a save's answer again.
    expect(res.headers.get('etag')).toBeNull();
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(Buffer.byteLength(raw) - 1000);
    const created = await res.json();
    expect(created).toMatchObject({ title: 'Big, with é', rounds: big.rounds.length, deck: big });
    const stored = await (await api(`/decks/${created.id}`)).json();
    expect(stored).toEqual(created);
    const replaced = await api(`/decks/${created.id}`, {
      method: 'PUT',
      raw: raw.replace('Big,', 'Bigger,'),
    });
    expect(replaced.status).toBe(200);
    expect((await replaced.json()).deck.title).toBe('Bigger, with é');
    expect((await (await api(`/decks/${created.id}`)).json()).deck).toEqual({
      ...big,
      title: 'Bigger, with é',
    });
  });

  it('replaces a deck (edit, reorder) and keeps its id', async () => {
    const { id } = await createDeck();
    const reordered = { title: 'Week 3, reordered', rounds: [deckFile.rounds[2], deckFile.rounds[0]] };
    const res = await api(`/decks/${id}`, { method: 'PUT', body: reordered });
    expect(res.status).toBe(200);
    expect((await (await api(`/decks/${id}`)).json()).deck).toEqual(reordered);
  });

  it('duplicates and deletes', async () => {
    const { id } = await createDeck();
    const copy = await (await api(`/decks/${id}/duplicate`, { method: 'POST' })).json();
    expect(copy).toMatchObject({ title: 'Week 3 (copy)', rounds: 3 });
    expect(copy.id).not.toBe(id);
    // Asked from the French page, the copy is titled in French.
    const copie = await (await api(`/decks/${id}/duplicate?lang=fr`, { method: 'POST' })).json();
    expect(copie).toMatchObject({ title: 'Week 3 (copie)', rounds: 3 });
    expect((await api(`/decks/${copie.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/decks/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/decks/${id}`)).status).toBe(404);
    expect((await (await api('/decks')).json()).decks.map((d: { id: string }) => d.id)).toEqual([copy.id]);
  });

  it('exports a file that imports back to the same deck', async () => {
    const { id } = await createDeck();
    const res = await api(`/decks/${id}/file`);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?Week-3\.json"?$/);
    const file = await res.json();
    const again = await createDeck(file);
    expect(again.deck).toEqual(deckFile);
  });

  it('imports the built-in deck as a file, every kind of round included', async () => {
    const file = toDeckFile(BUILTIN_GAME_DECK);
    const created = await createDeck(file);
    expect(created.rounds).toBe(BUILTIN_GAME_DECK.rounds.length);
    expect(new Set(created.deck.rounds.map((r: { type?: string }) => r.type ?? 'predict'))).toEqual(
      new Set(['predict', 'max-alpha', 'fastest']),
    );
  });

  it('survives a restart of the server on the same DATA_DIR', async () => {
    const { id } = await createDeck();
    await server.close();
    server = await startServer({ dataDir });
    expect((await (await api(`/decks/${id}`)).json()).deck).toEqual(deckFile);
  });
});

describe('a bad deck file gets an error naming the round and field, and nothing saved is touched', () => {
  it.each([
    [
      2,
      'cost.a',
      {
        title: 'x',
        rounds: [deckFile.rounds[0], { cost: { kind: 'quadratic', a: -1, c: 0 }, start: [1], alpha: 0.1 }],
      },
    ],
    [
      1,
      'start',
      {
        title: 'x',
        rounds: [
          { cost: { kind: 'bowl', eigenvalues: [1, 2], angle: 0, center: [0, 0] }, start: [1], alpha: 0.1 },
        ],
      },
    ],
    [
      1,
      'alphas',
      {
        title: 'x',
        rounds: [{ type: 'fastest', cost: { kind: 'quartic', b: 1 }, start: [1], alphas: [0.1, 0.2] }],
      },
    ],
    [1, 'type', { title: 'x', rounds: [{ type: 'race', cost: { kind: 'quartic', b: 1 }, start: [1] }] }],
    [
      3,
      'cost.y',
      {
        title: 'x',
        rounds: [
          deckFile.rounds[0],
          deckFile.rounds[0],
          { cost: { kind: 'linreg', x: [1, 2], y: [1] }, start: [0, 0], alpha: 0.1 },
        ],
      },
    ],
    [
      1,
      'seconds',
      {
        title: 'x',
        rounds: [{ cost: { kind: 'quadratic', a: 1, c: 0 }, start: [1], alpha: 0.5, seconds: 2 }],
      },
    ],
  ] as const)('round %i, %s', async (round, field, bad) => {
    const { id } = await createDeck();
    const before = await (await api('/decks')).json();
    const created = await api('/decks', { method: 'POST', body: bad });
    expect(created.status).toBe(400);
    const error = await created.json();
    expect(error).toMatchObject({ error: 'BAD_DECK', round, field });
    expect(error.message).toContain(`Round ${round}, ${field}`);
    const replaced = await api(`/decks/${id}`, { method: 'PUT', body: bad });
    expect(replaced.status).toBe(400);
    expect(await (await api('/decks')).json()).toEqual(before);
    expect((await (await api(`/decks/${id}`)).json()).deck).toEqual(deckFile);
  });

  it('a refusal names the broken rule by id and parameters beside its English sentence', async () => {
    const cases = [
      [
        { title: 'x', rounds: [deckFile.rounds[0], { ...deckFile.rounds[0], alpha: 2e6 }] },
        { round: 2, field: 'alpha', rule: { id: 'atMost', params: { field: 'alpha', max: 1e6 } } },
        'Round 2, alpha: alpha must be at most 1000000.',
      ],
      [
        { title: 'x', rounds: [{ ...deckFile.rounds[2], alphas: [0.5, 0.8] }] },
        { round: 1, field: 'alphas', rule: { id: 'options', params: { min: 3, max: 4 } } },
        'Round 1, alphas: alphas must be a list of 3 or 4 different learning rates.',
      ],
      [
        { title: 'x', rounds: [{ ...deckFile.rounds[2], alphas: [0.5, 0.8, -0.8] }] },
        {
          round: 1,
          field: 'alphas',
          rule: { id: 'positive', params: { field: 'alphas', each: true } },
        },
        'Round 1, alphas: every number in alphas must be a number greater than 0.',
      ],
      [
        {
          title: 'x',
          rounds: [
            {
              cost: { kind: 'bowl', eigenvalues: [1, 2], angle: 400, center: [0, 0] },
              start: [1, 1],
              alpha: 0.1,
            },
          ],
        },
        { round: 1, field: 'cost.angle', rule: { id: 'angle', params: { max: 360 } } },
        'Round 1, cost.angle: cost.angle must be between -360 and 360 degrees.',
      ],
      [
        { title: 'x', rounds: [] },
        { field: 'rounds', rule: { id: 'rounds', params: {} } },
        'rounds must be a list with at least one round.',
      ],
    ] as const;
    for (const [bad, named, message] of cases) {
      const res = await api('/decks', { method: 'POST', body: bad });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'BAD_DECK', message, ...named });
    }
  });

  it('a file that is not JSON, or not a deck, is refused plainly', async () => {
    const res = await api('/decks', { method: 'POST', raw: '{"title": "x", rounds: [' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'BAD_JSON' });
    const empty = await api('/decks', { method: 'POST', body: { title: 'x', rounds: [] } });
    expect(await empty.json()).toMatchObject({ error: 'BAD_DECK', field: 'rounds' });
    expect((await (await api('/decks')).json()).decks).toEqual([]);
  });
});

describe('decks belong to the instructor who made them', () => {
  it('without a key: 401, for every route', async () => {
    const { id } = await createDeck();
    for (const [method, path] of [
      ['GET', '/decks'],
      ['POST', '/decks'],
      ['GET', `/decks/${id}`],
      ['PUT', `/decks/${id}`],
      ['DELETE', `/decks/${id}`],
      ['GET', `/decks/${id}/file`],
      ['GET', '/reports'],
    ] as const) {
      const res = await api(path, {
        method,
        key: null,
        ...(method === 'POST' || method === 'PUT' ? { body: deckFile } : {}),
      });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    const malformed = await api('/decks', { key: 'short' });
    expect(malformed.status).toBe(401);
  });

  it('another instructor can neither list, read, change, copy nor delete them', async () => {
    const { id } = await createDeck();
    expect((await (await api('/decks', { key: BOB })).json()).decks).toEqual([]);
    for (const [method, path] of [
      ['GET', `/decks/${id}`],
      ['GET', `/decks/${id}/file`],
      ['PUT', `/decks/${id}`],
      ['POST', `/decks/${id}/duplicate`],
      ['DELETE', `/decks/${id}`],
    ] as const) {
      const res = await api(path, { method, key: BOB, ...(method === 'PUT' ? { body: deckFile } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await (await api(`/decks/${id}`)).json()).deck).toEqual(deckFile);
  });
});

describe('a saved deck is played by its id', () => {
  it('even one larger than a socket message may be, and only by its owner', async () => {
    const { LECTURE_DATASET } = await import('../../shared/engine/lecture-dataset');
    const lecture = {
      cost: { kind: 'linreg', x: [...LECTURE_DATASET.x], y: [...LECTURE_DATASET.y] },
      start: [25, 0],
    };
    const big = {
      title: 'The lecture, many times',
      rounds: Array.from({ length: 12 }, (_, i) => ({ ...lecture, alpha: 0.01 + i / 400 })),
    };
    expect(JSON.stringify(big).length).toBeGreaterThan(16 * 1024);
    const { id } = await createDeck(big);
    const { connect, ok } = await import('../helpers/server');
    const host = await connect(server.url);
    const created = ok(
      await host.call<{ view: { roundCount: number; deckTitle: string } }>('host:create', {
        deck: { source: 'saved', id },
        instructorKey: ADA,
      }),
    );
    expect(created.view).toMatchObject({ roundCount: 12, deckTitle: 'The lecture, many times' });
    for (const key of [BOB, undefined]) {
      const refused = await host.call('host:create', {
        deck: { source: 'saved', id },
        ...(key ? { instructorKey: key } : {}),
      });
      expect(refused).toMatchObject({ ok: false, error: 'DECK_NOT_FOUND' });
    }
    host.close();
  });
});
