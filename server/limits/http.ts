// The HTTP side of the limits: who a request comes from, and how a refusal is answered.
import type express from 'express';
import type { Budgets } from './budgets';

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

/** 429 with Retry-After in whole seconds, rounded up so a client that waits that long gets in. */
export function tooMany(res: express.Response, retryAfterMs: number, what: string): void {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  res
    .status(429)
    .set('Retry-After', String(seconds))
    .json({
      error: 'RATE_LIMITED',
      message: `Too many ${what} from here. Please wait ${seconds} s and try again.`,
      retryAfterS: seconds,
    });
}

/** Every /api request spends one point of the address's `api` budget. */
export function apiBudget(
  budgets: Budgets,
  addressOf: (req: express.Request) => string,
): express.RequestHandler {
  return async (req, res, next) => {
    const spent = await budgets.consume('api', addressOf(req));
    if (spent.ok) return next();
    tooMany(res, spent.retryAfterMs, 'requests');
  };
}
