// The HTTP side of the limits: who a request comes from, and how a refusal is answered.
import type express from 'express';
import { refusals as en, type Limited } from '../../shared/i18n/en/refusals';
import { refusals as fr } from '../../shared/i18n/fr/refusals';
import { type Language, playerLanguage } from '../../shared/i18n/language';
import type { Budgets } from './budgets';

/**
 * The language of the page that sent a request, by the rule that chose that page (server/app.ts):
 * the phone's switch (a cookie) first, then the browser's Accept-Language. A refusal is written in
 * it, as the students' pages show a refusal's `message` as it comes.
 */
export const requestLanguage = (req: express.Request): Language =>
  playerLanguage(req.headers.cookie, req.headers['accept-language']);

const REFUSALS: Record<Language, typeof en> = { en, fr };

/** The sentences of refusals with a detail (shared/i18n/en/refusals.ts), in the request's language. */
export const refusalsFor = (req: express.Request): typeof en => REFUSALS[requestLanguage(req)];

/** The address a request comes from; behind a trusted proxy, the one the proxy saw. */
export function requestAddress(req: express.Request, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string' && forwarded.trim()) {
    // The nearest proxy appends the address it saw last; earlier entries are the client's to invent.
    const last = forwarded.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** Above this, a refused body that was not read is not read at all: its connection is closed. */
const DRAIN_MAX_BYTES = 64 * 1024;

/**
 * A refusal sent before a big body was read closes the connection after the answer; otherwise Node
 * reads the rest (megabytes, from a flood) only to throw it away. A small body is drained as usual, so
 * an ordinary client always reads its answer; a client still sending megabytes may see the connection
 * close instead.
 */
export function closeIfUnread(res: express.Response): void {
  const declared = Number(res.req.get('content-length') ?? 0);
  const big =
    Number.isNaN(declared) || declared > DRAIN_MAX_BYTES || res.req.get('transfer-encoding') !== undefined;
  if (!res.req.complete && big) res.set('Connection', 'close');
}

/**
 * 429 with Retry-After in whole seconds, rounded up so a client that waits that long gets in. The
 * answer is held first (REFUSAL_HOLD_MS, 1-2 s, never past the wait it names, and not at all past
 * HELD_REFUSALS_MAX): a refused body is not read meanwhile, and a client that goes away is not answered.
 */
export function tooMany(budgets: Budgets, res: express.Response, retryAfterMs: number, what: Limited): void {
  const cancel = budgets.holdRefusal(retryAfterMs, (heldMs) => {
    if (res.headersSent || res.destroyed) return;
    const seconds = Math.max(1, Math.ceil((retryAfterMs - heldMs) / 1000));
    closeIfUnread(res);
    res
      .status(429)
      .set('Retry-After', String(seconds))
      .json({
        error: 'RATE_LIMITED',
        message: refusalsFor(res.req).tooMany(what, seconds),
        retryAfterS: seconds,
      });
  });
  res.once('close', cancel);
}

/** Every /api request spends one point of the address's `api` budget. */
export function apiBudget(
  budgets: Budgets,
  addressOf: (req: express.Request) => string,
): express.RequestHandler {
  return async (req, res, next) => {
    const spent = await budgets.consume('api', addressOf(req));
    if (spent.ok) return next();
    tooMany(budgets, res, spent.retryAfterMs, 'requests');
  };
}
