// The deck editor's model (client/host/editor/editor-model.ts): Save sends only a deck the server
// will take, and otherwise says which round stops it and opens that round; a refusal from the server
// does the same with the round it names. The module reads the page's address and calls /api, so the
// browser globals it touches are stood in for, and fetch answers as the test says.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

type EditorModel = typeof import('../../client/host/editor/editor-model');

const calls: Array<{ method: string; url: string; body: unknown }> = [];
let answer: () => Response = () => new Response(null, { status: 500 });
let editor: EditorModel;

beforeAll(async () => {
  vi.stubGlobal('location', { hash: '#/decks/new', pathname: '/host', search: '' });
  vi.stubGlobal('window', { addEventListener: () => {} });
  vi.stubGlobal('history', { pushState: () => {}, replaceState: () => {} });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ method: init.method ?? 'GET', url, body: JSON.parse(String(init.body ?? 'null')) });
    return answer();
  });
  editor = await import('../../client/host/editor/editor-model');
});
afterAll(() => {
  vi.unstubAllGlobals();
});
beforeEach(() => {
  calls.length = 0;
  editor.newDeck();
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('Save', () => {
  it('a round the server would refuse stops the save, named and counted from 1, and opens it', async () => {
    editor.addRound();
    editor.addRound();
    editor.updateRound(1, { alpha: 'abc' });
    editor.selected.value = 2;
    expect(await editor.save()).toBe(false);
    expect(editor.saveError.value).toBe('Not saved. Round 2: alpha must be a number greater than 0');
    expect(editor.selected.value).toBe(1);
    expect(calls).toEqual([]);
    expect(editor.checks.value.map((c) => c.ok)).toEqual([true, false, true]);
  });

  it('a new deck is created, then counts as saved', async () => {
    editor.title.value = '  ';
    expect(editor.isDirty.value).toBe(true);
    answer = () => json(201, { id: 'd1', title: 'Untitled deck', rounds: 1, updatedAt: 0 });
    expect(await editor.save()).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/api/decks', body: { title: 'Untitled deck' } });
    expect(editor.deckId.value).toBe('d1');
    expect(editor.saveNotice.value).toBe('Saved.');
    expect(editor.isDirty.value).toBe(false);
    editor.updateRound(0, { alpha: '0.3' });
    expect(editor.isDirty.value).toBe(true);
  });

  it('a refusal from the server shows its sentence and opens the round it names', async () => {
    editor.addRound();
    answer = () =>
      json(400, { error: 'BAD_DECK', message: 'Round 2: cost.a is too large.', round: 2, field: 'cost.a' });
    editor.selected.value = 0;
    expect(await editor.save()).toBe(false);
    expect(editor.saveError.value).toBe('Not saved. Round 2: cost.a is too large.');
    expect(editor.selected.value).toBe(1);
    expect(editor.isDirty.value).toBe(true);
  });
});

describe('a warm-up deck (README, "The return trip")', () => {
  it('keeps warmupOf through an edit and a save, so its report still compares', async () => {
    const deck = {
      title: 'Warm-up: Week 4',
      warmupOf: 'report-1',
      rounds: [{ cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.8 }],
    };
    answer = () => json(200, { id: 'w1', title: deck.title, rounds: 1, updatedAt: 0, deck });
    editor.closeDeck();
    await editor.openDeck('w1');
    editor.title.value = 'Warm-up for Tuesday';
    answer = () => json(200, { id: 'w1', title: 'Warm-up for Tuesday', rounds: 1, updatedAt: 0 });
    expect(await editor.save()).toBe(true);
    expect(calls.at(-1)).toMatchObject({
      method: 'PUT',
      url: '/api/decks/w1',
      body: { title: 'Warm-up for Tuesday', warmupOf: 'report-1' },
    });
    // A deck opened after it is not a warm-up.
    editor.closeDeck();
    editor.newDeck();
    answer = () => json(201, { id: 'd2', title: 'New deck', rounds: 1, updatedAt: 0 });
    expect(await editor.save()).toBe(true);
    expect(calls.at(-1)?.body).not.toHaveProperty('warmupOf');
  });
});

describe('the list of rounds', () => {
  it('a new round copies the open one, and opens', () => {
    editor.updateRound(0, { a: '3', alpha: '0.1' });
    editor.addRound();
    expect(editor.rounds.value.map((r) => r.draft.a)).toEqual(['3', '3']);
    expect(editor.selected.value).toBe(1);
    expect(new Set(editor.rounds.value.map((r) => r.key)).size).toBe(2);
  });

  it('the last round cannot be deleted', () => {
    editor.deleteRound(0);
    expect(editor.rounds.value).toHaveLength(1);
  });

  it('moving a round keeps the open round open', () => {
    editor.updateRound(0, { alpha: '0.1' });
    editor.addRound();
    editor.updateRound(1, { alpha: '0.2' });
    editor.selected.value = 0;
    editor.moveRound(0, 1);
    expect(editor.rounds.value.map((r) => r.draft.alpha)).toEqual(['0.2', '0.1']);
    expect(editor.selected.value).toBe(1);
    editor.moveRound(1, 1);
    expect(editor.rounds.value.map((r) => r.draft.alpha)).toEqual(['0.2', '0.1']);
  });
});
