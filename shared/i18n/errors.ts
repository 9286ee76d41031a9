// A refusal's sentence in a language. The server writes it in the language of the page that
// opened the socket (the same cookie and Accept-Language that chose the page), so a phone shows
// reply.message as it is and its first load carries no table of sentences.
import { ANSWER_HELD_MESSAGE, ERROR_MESSAGES, type ErrorCode, type Result } from '../protocol/errors';
import { NICKNAME_RULES, type NicknameRule, nameRuleSentence } from '../protocol/nickname';
import { refusals as enRefusals } from './en/refusals';
import * as fr from './fr/errors';
import { refusals as frRefusals } from './fr/refusals';
import type { Language } from './language';

const SENTENCES: Record<
  Exclude<Language, 'en'>,
  { errors: Record<ErrorCode, string>; heldAnswer: string }
> = {
  fr,
};

const TABLES: Record<Language, { errors: Record<ErrorCode, string>; heldAnswer: string }> = {
  en: { errors: ERROR_MESSAGES, heldAnswer: ANSWER_HELD_MESSAGE },
  ...SENTENCES,
};

/** What is wrong with a name (NAME_INVALID), rule by rule, in each language. */
const nameRules = (words: typeof enRefusals) =>
  Object.fromEntries(NICKNAME_RULES.map((r) => [r, nameRuleSentence(words, r)])) as Record<
    NicknameRule,
    string
  >;
const NAME_RULES: Record<Language, Record<NicknameRule, string>> = {
  en: nameRules(enRefusals),
  fr: nameRules(frRefusals),
};

/** The sentence of the name rule `rule` in `lang`. */
export const nameRuleIn = (lang: Language, rule: NicknameRule): string => NAME_RULES[lang][rule];

/**
 * The code's sentence in `lang` when `message` is that code's usual sentence in any language (the
 * host page may speak another language than its browser's, which the server wrote in); `message`
 * itself otherwise: a rule's own words, which only the host's pages receive, stay as they are.
 */
export function errorSentence(lang: Language, code: ErrorCode, message: string): string {
  const tables = Object.values(TABLES);
  if (tables.some((t) => t.errors[code] === message)) return TABLES[lang].errors[code];
  if (tables.some((t) => t.heldAnswer === message)) return TABLES[lang].heldAnswer;
  // A name refused by a rule of its own (server/room/reduce.ts sends the rule's English sentence).
  const rule =
    code === 'NAME_INVALID'
      ? NICKNAME_RULES.find((r) => Object.values(NAME_RULES).some((t) => t[r] === message))
      : undefined;
  if (rule) return NAME_RULES[lang][rule];
  return message;
}

export function inLanguage<T extends Result>(result: T, lang: Language): T {
  return result.ok ? result : { ...result, message: errorSentence(lang, result.error, result.message) };
}
