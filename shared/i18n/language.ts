// The languages Overshoot speaks, and what a catalog in another language must match. English
// (shared/i18n/en/…) is the source of truth: each other language's file is typed `Strings<typeof
// en…>`, so a key it lacks, or a sentence whose parameters differ, fails `npm run typecheck`.

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The cookie the phone's switch sets and the server reads before Accept-Language. */
export const LANGUAGE_COOKIE = 'overshoot-lang';

export const isLanguage = (x: unknown): x is Language => LANGUAGES.includes(x as Language);

/** The language names as their speakers write them: what a switch offers. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français' };

/**
 * A catalog of another language: the same keys, a string for each string, the same function type
 * for each sentence with parameters (typed params, so a sentence cannot drop or misname one).
 */
export type Strings<T> = {
  [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends (...args: infer A) => infer R
      ? (...args: A) => R
      : T[K] extends readonly string[]
        ? readonly string[]
        : Strings<T[K]>;
};

/**
 * The language a browser asks for (its Accept-Language header, e.g. "fr-CH,fr;q=0.9,en;q=0.8"):
 * the supported one with the highest weight, English when none is.
 */
export function pickLanguage(acceptLanguage: string | undefined): Language {
  let best: Language = 'en';
  let bestWeight = 0;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    if (isLanguage(primary) && weight > bestWeight) {
      best = primary;
      bestWeight = weight;
    }
  }
  return best;
}

/** The phone's switch (a cookie) wins over the browser's Accept-Language; English by default. */
export function playerLanguage(cookie: string | undefined, acceptLanguage: string | undefined): Language {
  for (const part of (cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === LANGUAGE_COOKIE && isLanguage(value)) return value;
  }
  return pickLanguage(acceptLanguage);
}
