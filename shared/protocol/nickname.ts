// Nicknames are shown on a projector in front of a class, so the rules are strict about what can
// hide or reorder text and lenient about the rest (accents, emoji, any script). Uniqueness must
// hold for what people see: no character that renders as nothing may make two names differ.

import { refusals } from '../i18n/en/refusals';

export const NICKNAME_MAX_CHARS = 20;

// Cc, Co, Cs: control characters, private-use and lone surrogates.
const FORBIDDEN = /[\p{Cc}\p{Co}\p{Cs}]/u;
// Default_Ignorable_Code_Point: the code points fonts draw as nothing (zero-width space and
// joiners, soft hyphen, bidirectional marks, embeddings, overrides and isolates, variation
// selectors, Hangul fillers, tag characters, …). Any of them lets "A\u200Dnn" pass for "Ann".
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
// The two an emoji needs, and only where it needs them: U+200D joining two pictographs (woman,
// ZWJ, laptop), and the variation selectors U+FE0E/U+FE0F right after an emoji-capable character
// (heart, VS16). They are left out of the uniqueness key, so an emoji sequence and its parts written
// side by side are the same name.
const EMOJI_JOINERS =
  /(?<=\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F)\u200D(?=\p{Extended_Pictographic})|(?<=\p{Emoji})(?:\uFE0E|\uFE0F)/gu;

/** Which rule a refused name breaks: the refusal's sentence in each language (shared/i18n/errors.ts). */
export type NicknameRule = keyof typeof refusals.name;
export const NICKNAME_RULES: readonly NicknameRule[] = ['empty', 'tooLong', 'invisible'];

/** `reason`: the rule's English sentence, which a refusal carries as its message. */
export type NicknameCheck =
  | { ok: true; nickname: string; key: string }
  | { ok: false; rule: NicknameRule; reason: string };

/** The sentence of `rule` in a language's refusals catalog. */
export const nameRuleSentence = (words: typeof refusals, rule: NicknameRule): string =>
  rule === 'tooLong' ? words.name.tooLong(NICKNAME_MAX_CHARS) : words.name[rule];

const broken = (rule: NicknameRule): NicknameCheck => ({
  ok: false,
  rule,
  reason: nameRuleSentence(refusals, rule),
});

export function normalizeNickname(raw: string): NicknameCheck {
  const nickname = raw.normalize('NFKC').trim();
  const length = [...nickname].length;
  if (length === 0) return broken('empty');
  if (length > NICKNAME_MAX_CHARS) return broken('tooLong');
  const visible = nickname.replace(EMOJI_JOINERS, '');
  if (FORBIDDEN.test(visible) || INVISIBLE.test(visible)) return broken('invisible');
  // The key decides uniqueness: "Ada" and "ADA" are the same player to a class reading the screen.
  return { ok: true, nickname, key: visible.toLocaleLowerCase('en-US') };
}
