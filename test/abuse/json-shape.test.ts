// The shape scan that runs over a body's bytes before JSON.parse: what a deck can be passes, what
// only an attacker sends is named and refused.
import { describe, expect, it } from 'vitest';
import { DECK_SHAPE, jsonShapeProblem } from '../../server/limits/json-shape';
import { toDeckFile } from '../../shared/protocol/deck';
import { BUILTIN_GAME_DECK } from '../../shared/protocol/decks';
import { largestDeck, nestedArrays, nestedObjects } from './decks';

const scan = (text: string) => jsonShapeProblem(Buffer.from(text));

describe('every deck the editor can make passes the scan', () => {
  it('the built-in deck, compact and as the exported (indented) file', () => {
    const file = toDeckFile(BUILTIN_GAME_DECK);
    expect(scan(JSON.stringify(file))).toBeUndefined();
    expect(scan(JSON.stringify(file, null, 2))).toBeUndefined();
  });

  it('the largest deck, compact and indented', () => {
    const deck = largestDeck();
    expect(scan(JSON.stringify(deck))).toBeUndefined();
    expect(scan(JSON.stringify(deck, null, 2))).toBeUndefined();
  });

  it('brackets, commas and escaped quotes inside a title count for nothing', () => {
    const title = `[[[[[[[[[[{{{{,,,,\\"${','.repeat(50)}`;
    expect(scan(JSON.stringify({ title, rounds: [] }))).toBeUndefined();
  });

  it('a title of DECK_TITLE_MAX_CHARS characters written as escapes', () => {
    expect(
      scan(JSON.stringify({ title: '\\uD83D\\uDE00'.repeat(100) }).replaceAll('\\\\', '\\')),
    ).toBeUndefined();
  });
});

describe('a body no deck can be is refused, naming why', () => {
  it.each([
    ['nested arrays', nestedArrays(3_000_000), 'nested more than 8 levels'],
    ['nested objects', nestedObjects(3_000_000), 'nested more than 8 levels'],
    ['a list of a million items', `[${'0,'.repeat(1_000_000)}0]`, `more than ${DECK_SHAPE.items} items`],
    ['an object of many keys', `{${Array.from({ length: 5000 }, (_, i) => `"k${i}":0`).join(',')}}`, 'items'],
    ['a 3 MB string', JSON.stringify({ title: 'x'.repeat(3_000_000) }), 'text in it is longer'],
    ['a 3 MB number', `[${'9'.repeat(3_000_000)}]`, 'number in it is longer'],
  ])('%s', (_name, text, why) => {
    const bytes = Buffer.from(text);
    const started = performance.now();
    expect(jsonShapeProblem(bytes)).toContain(why);
    // The excess is found where it starts, not after reading the rest.
    expect(performance.now() - started).toBeLessThan(50);
  });
});
