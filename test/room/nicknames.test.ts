// N1: uniqueness holds for what people see. A character that renders as nothing
// (Unicode Default_Ignorable_Code_Point) cannot make two names differ; emoji keep the joiner and
// variation selectors they need, and are compared without them.
import { describe, expect, it } from 'vitest';
import { reduce } from '../../server/room/reduce';
import type { RoomState } from '../../server/room/state';
import { normalizeNickname } from '../../shared/protocol/nickname';
import { makeRoom, step, T0 } from './helpers';

const join = (s: RoomState, nickname: string, secret = 'n-secret-padding-xxxxxx') =>
  reduce(s, { type: 'join', nickname, secret }, T0);
const roomWith = (nickname: string) =>
  step(makeRoom(), { type: 'join', nickname, secret: 'first-secret-padding-xx' });

describe('N1 nicknames: no default-ignorable (invisible) code points, except inside an emoji sequence', () => {
  it.each([
    ['A\u200Dnn', 'a zero-width joiner between letters'],
    ['A\u200Cnn', 'a zero-width non-joiner'],
    ['A\u200Bnn', 'a zero-width space'],
    ['An\u00ADn', 'a soft hyphen'],
    ['A\u034Fnn', 'a combining grapheme joiner'],
    ['A\u2060nn', 'a word joiner'],
    ['A\u2064nn', 'an invisible plus'],
    ['A\u061Cnn', 'an Arabic letter mark'],
    ['A\u200Enn', 'a left-to-right mark'],
    ['A\u2066nn\u2069', 'a bidirectional isolate'],
    ['Ann\uFE0F', 'a variation selector after a letter'],
    ['A\uFE00nn', 'a variation selector that is not U+FE0E/U+FE0F'],
    ['A\u{E0100}nn', 'a supplementary variation selector'],
    ['A\u{E0041}nn', 'a tag character'],
    ['\u3164', 'a Hangul filler alone'],
    ['A\u115Fnn', 'a Hangul choseong filler'],
    ['A\u180Enn', 'a Mongolian vowel separator'],
    ['A\u{1D173}nn', 'a musical symbol format character'],
    ['a\u200D👩', 'a joiner after a letter'],
    ['👩\u200D', 'a joiner with nothing to join'],
    ['👩\u200Dx', 'a joiner before a letter'],
  ])('%j (%s) is refused with NAME_INVALID', (raw) => {
    expect(normalizeNickname(raw)).toMatchObject({ ok: false });
    expect(join(makeRoom(), raw)).toMatchObject({ ok: false, error: 'NAME_INVALID' });
  });

  it('"A\\u200Dnn" cannot sit beside "Ann"', () => {
    expect(join(roomWith('Ann'), 'A\u200Dnn')).toMatchObject({ ok: false });
  });

  it.each([
    ['👩‍💻', 'a ZWJ sequence'],
    ['👨‍👩‍👧', 'a family'],
    ['👩🏽‍💻', 'a joiner after a skin tone'],
    ['🏳️‍🌈', 'a variation selector, then a joiner'],
    ['❤️ Ada', 'an emoji variation selector'],
    ['1️⃣ Bo', 'a keycap'],
    ['🦊\uFE0E', 'a text variation selector after an emoji'],
  ])('%j (%s) is accepted as typed', (raw) => {
    const r = join(makeRoom(), raw);
    expect(r.ok && r.state.players[0]?.nickname).toBe(raw);
  });

  it.each([
    ['👩‍💻', '👩💻'],
    ['👩💻', '👩‍💻'],
    ['❤️ Ada', '❤ Ada'],
    ['❤ ada', '❤️ ADA'],
  ])('%j is taken once %j is in the room: the key leaves the joiner and selectors out', (first, second) => {
    expect(join(roomWith(first), second)).toMatchObject({ ok: false, error: 'NAME_TAKEN' });
  });
});
