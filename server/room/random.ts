// Where room codes and secrets come from: an injected source, so tests can choose them.
import { randomBytes, randomInt } from 'node:crypto';

export interface RandomSource {
  /** A six-digit room code. */
  roomCode(): string;
  /** An unguessable secret, URL-safe. */
  secret(): string;
}

export const cryptoRandom: RandomSource = {
  // 100000–999999: a leading zero is easy to drop when typing a code off a projector.
  roomCode: () => String(randomInt(100_000, 1_000_000)),
  secret: () => randomBytes(18).toString('base64url'),
};
