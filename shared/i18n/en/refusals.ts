// The sentences of refusals that carry a detail, which the server writes in the language of the
// page that asked (server/limits/http.ts requestLanguage): the wait of an HTTP 429, the database's
// 503, and what exactly is wrong with a name (README rule N1). English is the source of truth (see
// ../language.ts); ../fr/refusals.ts must match it key for key.

/** What one address may do only so often over HTTP (server/limits/budgets.ts), as the 429 names it. */
export type Limited = 'requests' | 'deck saves' | 'homework starts';

export const refusals = {
  /** HTTP 429 RATE_LIMITED: `seconds`, whole, is also the Retry-After header. */
  tooMany: (what: Limited, seconds: number) =>
    `Too many ${what} from here. Please wait ${seconds} s and try again.`,
  /** HTTP 503 STORE_UNAVAILABLE. */
  storeUnavailable:
    'The server cannot reach its database right now, so nothing was saved. Please try again in a moment.',
  /** NAME_INVALID, by the rule a name breaks (shared/protocol/nickname.ts), live or in homework. */
  name: {
    empty: 'Please type a nickname.',
    tooLong: (max: number) => `Nicknames are at most ${max} characters.`,
    invisible: 'That nickname contains invisible characters.',
  },
};
