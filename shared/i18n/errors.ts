// A refusal's sentence in a language. The server writes it in the language of the page that
// opened the socket (the same cookie and Accept-Language that chose the page), so a phone shows
// reply.message as it is and its first load carries no table of sentences.
import { ANSWER_HELD_MESSAGE, ERROR_MESSAGES, type ErrorCode, type Result } from '../protocol/errors';
import * as fr from './fr/errors';
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

/**
 * The code's sentence in `lang` when `message` is that code's usual sentence in any language (the
 * host page may speak another language than its browser's, which the server wrote in); `message`
 * itself otherwise: a rule's own words, which only the host's pages receive, stay as they are.
 */
export function errorSentence(lang: Language, code: ErrorCode, message: string): string {
  const tables = Object.values(TABLES);
  if (tables.some((t) => t.errors[code] === message)) return TABLES[lang].errors[code];
  if (tables.some((t) => t.heldAnswer === message)) return TABLES[lang].heldAnswer;
  return message;
}

export function inLanguage<T extends Result>(result: T, lang: Language): T {
  return result.ok ? result : { ...result, message: errorSentence(lang, result.error, result.message) };
}
