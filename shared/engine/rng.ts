// A seeded PRNG (mulberry32) whose whole state is one uint32, so a server can keep it in a room's
// JSON state and resume the stream exactly. Only integer arithmetic (Math.imul, >>>) and a
// division by 2³², so every platform draws the same numbers.

/** The complete generator state: an unsigned 32-bit integer. */
export type RngState = number;

const TWO_POW_32 = 4294967296;

/** Reduces any number to a state: integers are taken modulo 2³², fractions truncated, NaN and ±∞ give 0. */
export function toRngState(seed: number): RngState {
  return Number.isFinite(seed) ? (Math.trunc(seed) % TWO_POW_32) >>> 0 : 0;
}

/** One draw in [0, 1) and the state after it. */
export function rngNext(state: RngState): [number, RngState] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / TWO_POW_32, next];
}

export interface Rng {
  /** The current state; createRng(rng.state) continues the same stream. */
  readonly state: RngState;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number;
  /** Uniform in [lo, hi). */
  float(lo: number, hi: number): number;
  /** A uniformly chosen element; the array must not be empty. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

export function createRng(seed: number): Rng {
  let state = toRngState(seed);
  const next = (): number => {
    const [value, after] = rngNext(state);
    state = after;
    return value;
  };
  const int = (lo: number, hi: number): number => {
    const low = Math.ceil(lo);
    const high = Math.floor(hi);
    if (!(high >= low)) throw new RangeError(`rng.int: empty range [${lo}, ${hi}]`);
    return low + Math.floor(next() * (high - low + 1));
  };
  return {
    get state() {
      return state;
    },
    next,
    int,
    float: (lo, hi) => lo + next() * (hi - lo),
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('rng.pick: empty array');
      return items[int(0, items.length - 1)] as T;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy;
    },
  };
}
