// Nicknames are shown on a projector in front of a class, so the rules are strict about what can
// hide or reorder text (control and bidirectional-override characters) and lenient about the rest
// (accents, emoji, any script).

export const NICKNAME_MAX_CHARS = 20;

// Cc: control characters. The bidi embeddings/overrides/isolates can flip the text around them;
// zero-width and other format characters can make two names look identical. ZWJ (U+200D) and
// variation selectors stay allowed because emoji sequences need them.
const FORBIDDEN =
  /[\p{Cc}\p{Co}\p{Cs}\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

export type NicknameCheck = { ok: true; nickname: string; key: string } | { ok: false; reason: string };

export function normalizeNickname(raw: string): NicknameCheck {
  const nickname = raw.normalize('NFKC').trim();
  const length = [...nickname].length;
  if (length === 0) return { ok: false, reason: 'Please type a nickname.' };
  if (length > NICKNAME_MAX_CHARS)
    return { ok: false, reason: `Nicknames are at most ${NICKNAME_MAX_CHARS} characters.` };
  if (FORBIDDEN.test(nickname)) return { ok: false, reason: 'That nickname contains invisible characters.' };
  // The key decides uniqueness: "Ada" and "ADA" are the same player to a class reading the screen.
  return { ok: true, nickname, key: nickname.toLocaleLowerCase('en-US') };
}
