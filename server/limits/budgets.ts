// Budgets: how often one address (or one instructor key) may do something costly. A budget is a
// number of points per window; each action spends one, and when none is left the answer is
// RATE_LIMITED / HTTP 429 with the time until the window frees one.
//
// The counting comes from rate-limiter-flexible rather than hand-written buckets. Its memory store
// (RateLimiterMemory) serves today because Overshoot runs as one process holding its rooms in memory
// anyway; the same library has SQLite (better-sqlite3) and PostgreSQL stores with the same interface,
// so when several nodes serve one site the budgets can be shared by swapping the store here.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { LimitEvents } from './events';

export const BUDGET_KINDS = [
  'api',
  'roomCreate',
  'keyCreate',
  'deckWrite',
  'deckWriteAddress',
  'deckBytes',
  'attemptCreate',
] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];

export interface Budget {
  points: number;
  perSeconds: number;
}
export type BudgetConfig = Record<BudgetKind, Budget>;

/**
 * Generous on purpose: a class of 300 phones behind one school address never uses these (players
 * join over the socket, and the per-socket limits cover them), and a department of instructors
 * behind that same address, each loading their library, saving decks and running three games in a
 * row, stays far below them. What they stop is a script doing the same hundreds of times a second.
 */
export const DEFAULT_BUDGETS: BudgetConfig = {
  /** Every /api request, per address: a library page load is about five. */
  api: { points: 1200, perSeconds: 60 },
  /** New games (host:create), per address: a teacher starts one every few minutes. */
  roomCreate: { points: 30, perSeconds: 60 },
  /** Instructor keys storing their first deck, per address: one per browser, ever (a workshop of 60 still fits). */
  keyCreate: { points: 60, perSeconds: 3600 },
  /** Deck saves, imports and copies, per instructor key: the editor saves when asked, not per keystroke. */
  deckWrite: { points: 30, perSeconds: 60 },
  /** The same, per address, for all the keys behind it. */
  deckWriteAddress: { points: 300, perSeconds: 60 },
  /**
   * KB of deck bodies per address (a point is 1 KB of Content-Length), over a short window so a
   * flood cannot spend a minute's worth at once: the largest deck costs ~60 ms of one core to check
   * and store (in steps), so this bounds a flood of big decks to a small share of a core, while
   * typical decks of 2–20 KB never notice and an import of the largest (3 MB) still fits.
   */
  deckBytes: { points: 6 * 1024, perSeconds: 10 },
  /**
   * New homework attempts (first sittings and tries again), per address: a lecture hall of 300 on one
   * school address, each on a phone and a laptop, starts in well under this; a script with the link
   * cannot fill an assignment's attempts (QUOTA_ATTEMPTS_PER_ASSIGNMENT) in minutes.
   */
  attemptCreate: { points: 600, perSeconds: 3600 },
};

/**
 * How long a refusal by a budget is held before it is sent, over a socket (server/transport/guard.ts)
 * and over HTTP (429, server/limits/http.ts): between REFUSAL_HOLD_MS and twice that, at random,
 * and never past the time the budget frees up. A script that waits for each answer before its next
 * attempt (and opens a fresh connection every few) would otherwise spin hundreds of refused attempts
 * a second, each a handshake and a parse the class pays for: a deck flood's refused POSTs, answered
 * at once, took 900-2,000 connections a second and half the event loop. Held, its connections cost a
 * few attempts a second each, and at random, they do not come back all in the same millisecond.
 * Whoever was refused has to wait anyway.
 */
export const REFUSAL_HOLD_MS = 1_000;

/** The hold of one refusal (see REFUSAL_HOLD_MS). */
export const refusalHold = (retryAfterMs: number): number =>
  Math.max(0, Math.min(REFUSAL_HOLD_MS * (1 + Math.random()), retryAfterMs));

/**
 * Refusals held at once, server-wide, over sockets and HTTP together. Each held one keeps a timer and
 * its connection open for 1-2 s; a script opening connections faster than that would otherwise make
 * the server hold as many as it can open. Past this the refusal is sent at once: the script spins
 * again, but the server holds no more. An honest school is refused a handful of times at most.
 */
export const HELD_REFUSALS_MAX = 256;

/** A refused attempt spends its points too: whoever keeps trying stays refused until the window ends. */
export type Consumed = { ok: true } | { ok: false; retryAfterMs: number };

export interface Budgets {
  /** Spends `points` (one by default) of `kind` for `key` (an address, or an instructor's owner id). */
  consume(kind: BudgetKind, key: string, points?: number): Promise<Consumed>;
  /**
   * Calls `send` with how long the refusal was held, after its hold (see REFUSAL_HOLD_MS), or at once
   * when `heldMax` refusals are held already. The returned function ends the hold without sending,
   * for a client that went away meanwhile.
   */
  holdRefusal(retryAfterMs: number, send: (heldMs: number) => void): () => void;
  /** Refusals held now, the most that may be, and how many were sent at once because of that. */
  holds(): { held: number; max: number; sentAtOnce: number };
  readonly config: BudgetConfig;
}

export function createBudgets(
  config: Partial<BudgetConfig> = {},
  events?: LimitEvents,
  heldMax = HELD_REFUSALS_MAX,
): Budgets {
  const full: BudgetConfig = { ...DEFAULT_BUDGETS, ...config };
  let held = 0;
  let sentAtOnce = 0;
  const limiters = Object.fromEntries(
    BUDGET_KINDS.map((kind) => [
      kind,
      new RateLimiterMemory({ keyPrefix: kind, points: full[kind].points, duration: full[kind].perSeconds }),
    ]),
  ) as Record<BudgetKind, RateLimiterMemory>;
  return {
    config: full,
    holdRefusal(retryAfterMs, send) {
      const hold = refusalHold(retryAfterMs);
      if (hold <= 0 || held >= heldMax) {
        if (hold > 0) sentAtOnce++;
        send(0);
        return () => {};
      }
      held++;
      let pending = true;
      const end = () => {
        if (!pending) return false;
        pending = false;
        held--;
        clearTimeout(timer);
        return true;
      };
      const timer = setTimeout(() => {
        if (end()) send(hold);
      }, hold);
      return () => {
        end();
      };
    },
    holds: () => ({ held, max: heldMax, sentAtOnce }),
    async consume(kind, key, points = 1) {
      try {
        await limiters[kind].consume(key, points);
        return { ok: true };
      } catch (refusal) {
        // The memory store only rejects with a RateLimiterRes; anything else is a bug worth seeing.
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        events?.refused(kind, key);
        return { ok: false, retryAfterMs: Math.max(1, refusal.msBeforeNext) };
      }
    },
  };
}
