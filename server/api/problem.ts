// How the API answers a refusal, and names a download: shared by the instructors' and the students' routes.
import type express from 'express';
import { closeIfUnread, refusalsFor } from '../limits/http';

/** A refusal: `error`, a code a program can test, and `message`, a sentence a person can read. */
export function problem(
  res: express.Response,
  status: number,
  error: string,
  message: string,
  extra: object = {},
) {
  closeIfUnread(res);
  res.status(status).json({ error, message, ...extra });
}

/** A file name from a title: letters, digits and dashes only, so no header can be broken. */
export function fileName(title: string, ext: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60);
  return `${base || 'overshoot'}.${ext}`;
}

/**
 * Answers a failed call to the library that says the database cannot be reached: a 503 to try again
 * shortly (nothing was saved), not a 500, in the language of the page that asked. False for anything else, and for the request's own failures
 * (an upload aborted is ECONNABORTED too): those carry a type or a status.
 */
export function sentStoreUnavailable(
  error: { status?: number; type?: string },
  res: express.Response,
  deps: { storeUnavailable?(error: unknown): boolean; storeRetryAfterS?: number },
): boolean {
  if (error.type !== undefined || error.status !== undefined || !deps.storeUnavailable?.(error)) return false;
  res.set('Retry-After', String(deps.storeRetryAfterS ?? 2));
  problem(res, 503, 'STORE_UNAVAILABLE', refusalsFor(res.req).storeUnavailable);
  return true;
}
