// Token buckets for the transport: every event a socket sends costs a token, and join attempts that
// fail (a wrong room code, a wrong secret) cost a token per connection and per address. Successes
// cost nothing there, so a whole class joining from one school address is never slowed down.

export interface BucketSpec {
  /** Tokens available at once. */
  burst: number;
  /** Tokens regained per second. */
  perSecond: number;
}

export interface Limits {
  /** Every event of one socket. */
  events: BucketSpec;
  /** Refused events a socket may go on sending before it is disconnected. */
  refusals: BucketSpec;
  /** Failed join or resume attempts of one socket. */
  failedJoinsPerSocket: BucketSpec;
  /** Failed join or resume attempts from one address (a school's NAT: generous). */
  failedJoinsPerAddress: BucketSpec;
}

export const DEFAULT_LIMITS: Limits = {
  // An honest phone sends a handful of events per question (a resume, a retried request or two, an
  // answer); the host a few per round, one per key press.
  events: { burst: 30, perSecond: 10 },
  // Past its budget a client gets RATE_LIMITED for a while, then is thrown out: every refusal is
  // still a message read and answered.
  refusals: { burst: 20, perSecond: 2 },
  failedJoinsPerSocket: { burst: 8, perSecond: 0.5 },
  // 300 students, one in five mistyping the code once or twice, within a minute.
  failedJoinsPerAddress: { burst: 120, perSecond: 2 },
};

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly spec: BucketSpec,
    now: number,
  ) {
    this.tokens = spec.burst;
    this.at = now;
  }

  private refill(now: number) {
    if (now > this.at) {
      this.tokens = Math.min(this.spec.burst, this.tokens + ((now - this.at) / 1000) * this.spec.perSecond);
      this.at = now;
    }
  }

  /** Takes one token if there is one. */
  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whether a token is available, without taking it. */
  has(now: number): boolean {
    this.refill(now);
    return this.tokens >= 1;
  }

  /** True once the bucket has refilled completely: it carries no memory and can be dropped. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.spec.burst;
  }
}

/** One bucket per key (an address), forgetting full ones so the map stays small. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly spec: BucketSpec,
    private readonly maxKeys = 10_000,
  ) {}

  private bucket(key: string, now: number): TokenBucket {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.sweep(now);
      b = new TokenBucket(this.spec, now);
      this.buckets.set(key, b);
    }
    return b;
  }

  take(key: string, now: number): boolean {
    return this.bucket(key, now).take(now);
  }

  has(key: string, now: number): boolean {
    return this.buckets.get(key)?.has(now) ?? true;
  }

  private sweep(now: number) {
    for (const [key, b] of this.buckets) if (b.isFull(now)) this.buckets.delete(key);
    // Still full of busy keys (an attack from many addresses): start over rather than grow.
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}
