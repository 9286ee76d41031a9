// M1: a deck round's "tags" set or override the misconceptions it tests, and survive export.
import { describe, expect, it } from 'vitest';
import { checkDraft, draftOf } from '../../client/host/editor/round-draft';
import { misconceptionsOf } from '../../shared/engine/misconceptions';
import { type DeckFileRound, parseDeck, parseDeckRound, toDeckFile } from '../../shared/protocol/deck';

const zigzag = { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.8 };

describe('M1: deck tags', () => {
  it('are read, kept once each, and written back', () => {
    const parsed = parseDeck({
      title: 't',
      rounds: [
        { ...zigzag, tags: ['overshoot-diverges', 'overshoot-diverges'] },
        { type: 'max-alpha', cost: zigzag.cost, start: [5], tags: [] },
      ],
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [first, second] = parsed.deck.rounds;
    expect(first?.tags).toEqual(['overshoot-diverges']);
    expect(second?.tags).toEqual([]);
    if (first) expect(misconceptionsOf(first, 'diverges')).toEqual(['overshoot-diverges']);
    expect(toDeckFile(parsed.deck).rounds[0]).toEqual({ ...zigzag, tags: ['overshoot-diverges'] });
    const untagged = parseDeck({ rounds: [zigzag] });
    expect(untagged.ok && toDeckFile(untagged.deck).rounds[0]).toEqual(zigzag);
  });

  it('refuse an unknown id, naming the field and the ids allowed', () => {
    const bad = parseDeckRound({ ...zigzag, tags: ['zigzag'] });
    expect(bad).toMatchObject({ ok: false, field: 'tags' });
    expect(!bad.ok && bad.error).toContain('zigzag-not-convergence');
    expect(parseDeck({ rounds: [{ ...zigzag, tags: 'x' }] })).toMatchObject({
      ok: false,
      round: 1,
      field: 'tags',
    });
  });
});

describe("M1: the editor's tags field", () => {
  it('reads ids as typed, "none" as no misconception, empty as derived, and names a wrong id', () => {
    const draft = draftOf({ ...zigzag, type: 'predict', tags: ['overshoot-diverges'] } as DeckFileRound);
    expect(draft.tags).toBe('overshoot-diverges');
    const typed = checkDraft({ ...draft, tags: 'overshoot-diverges, factor-two-slip' });
    expect(typed.ok && typed.round.tags).toEqual(['overshoot-diverges', 'factor-two-slip']);
    const none = checkDraft({ ...draft, tags: 'none' });
    expect(none.ok && none.round.tags).toEqual([]);
    const derived = checkDraft({ ...draft, tags: ' ' });
    expect(derived.ok && derived.round.tags).toBe(undefined);
    expect(checkDraft({ ...draft, tags: 'zig' })).toMatchObject({ ok: false, field: 'tags' });
  });
});
