// The real RandomSource behind server/room: the only place room codes and secrets touch node:crypto.
import { randomBytes, randomInt } from 'node:crypto';
import type { RandomSource } from './room/random';

export const cryptoRandom: RandomSource = {
  // 100000–999999: a leading zero is easy to drop when typing a code off a projector.
  roomCode: () => String(randomInt(100_000, 1_000_000)),
  secret: () => randomBytes(18).toString('base64url'),
};
