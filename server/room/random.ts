// Where room codes and secrets come from: an injected source, so tests can choose them and the room
// layer stays free of Node's crypto (the real source is server/random.ts).

export interface RandomSource {
  /** A six-digit room code. */
  roomCode(): string;
  /** An unguessable secret, URL-safe. */
  secret(): string;
}
