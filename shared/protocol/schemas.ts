// The schemas that validate every inbound payload. Payload types are inferred from them, so the
// server never trusts a shape the schema did not check. Everything arriving is `unknown` until parsed.
import * as v from 'valibot';
import { ANSWERS, DIFFICULTIES } from '../engine/types';
import { INSTRUCTOR_KEY_PATTERN } from './api';
import { CONFIDENCE_LEVELS, SCORE_BY } from './confidence';

export { PROTOCOL_VERSION } from './version';

export const SECONDS_MIN = 5;
export const SECONDS_MAX = 300;
export const SECONDS_DEFAULT = 30;
export const GENERATED_ROUNDS_MAX = 30;
export const DECK_ROUNDS_MAX = 100;

/** predict: which outcome? max-alpha: the largest α that still converges? fastest: which α is fastest? */
export const ROUND_TYPES = ['predict', 'max-alpha', 'fastest'] as const;
export type RoundType = (typeof ROUND_TYPES)[number];

const RoomCode = v.pipe(v.string(), v.regex(/^\d{6}$/, 'The room code is six digits.'));
const Secret = v.pipe(v.string(), v.minLength(16), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/));
const RoundIndex = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(DECK_ROUNDS_MAX - 1));

export const Seconds = v.pipe(
  v.number(),
  v.integer('Seconds per question must be a whole number.'),
  v.minValue(SECONDS_MIN, `Seconds per question must be at least ${SECONDS_MIN}.`),
  v.maxValue(SECONDS_MAX, `Seconds per question must be at most ${SECONDS_MAX}.`),
);

export const DeckChoiceSchema = v.variant('source', [
  v.object({ source: v.literal('builtin') }),
  // The 15-minute lesson (shared/protocol/decks.ts LESSON_GAME_DECK).
  v.object({ source: v.literal('lesson') }),
  v.object({
    source: v.literal('generated'),
    difficulty: v.picklist(DIFFICULTIES),
    rounds: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(GENERATED_ROUNDS_MAX)),
    seed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31 - 1))),
    /** Kinds of round to mix in; prediction only by default. */
    kinds: v.optional(
      v.pipe(v.array(v.picklist(ROUND_TYPES)), v.minLength(1), v.maxLength(ROUND_TYPES.length)),
    ),
  }),
  // The deck itself is checked round by round by parseDeck, which names the round and field.
  v.object({ source: v.literal('custom'), deck: v.unknown() }),
  // One of the instructor's saved decks (docs/api.md), by id: a deck of long data sets can be larger
  // than a socket message may be. Needs the instructorKey it belongs to.
  v.object({ source: v.literal('saved'), id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) }),
]);

/** An instructor's private key (made by their browser): their games' reports are saved for them. */
export const InstructorKey = v.pipe(
  v.string(),
  v.regex(INSTRUCTOR_KEY_PATTERN, 'The instructor key is not valid.'),
);

const Percent = v.pipe(
  v.number('The band is in percent.'),
  v.integer('The band is in whole percent.'),
  v.minValue(0, 'The band starts at 0 %.'),
  v.maxValue(100, 'The band ends at 100 %.'),
);
export const HostCreateSchema = v.object({
  deck: v.optional(DeckChoiceSchema, { source: 'builtin' }),
  instructorKey: v.optional(InstructorKey),
  secondsPerQuestion: v.optional(Seconds, SECONDS_DEFAULT),
  speedPoints: v.optional(v.boolean(), true),
  /** C1: score by speed (S2, as before) or by the confidence each answer is given with (C2). */
  scoreBy: v.optional(v.picklist(SCORE_BY, 'scoreBy must be speed or confidence.'), 'speed'),
  /** PI1: prediction rounds close to the votes, and a discussion is the main action within this band. */
  peerInstruction: v.optional(
    v.pipe(
      v.object({ low: Percent, high: Percent }),
      v.check((b) => b.low <= b.high, 'peerInstruction: low must not be above high.'),
    ),
  ),
});
export const HostResumeSchema = v.object({ code: RoomCode, hostSecret: Secret });
export const PlayerJoinSchema = v.object({
  code: RoomCode,
  nickname: v.pipe(v.string(), v.maxLength(200, 'Nicknames are at most 20 characters.')),
  /** Chosen by the client per join attempt: a retry with the same id gets the same session back. */
  requestId: v.optional(Secret),
  /**
   * J5: the browser's own random id, kept in its storage: a kicked player's browser stays out of the
   * game, and a player whose kick was undone comes back from it. A speed bump, not a lock.
   */
  device: v.optional(Secret),
});
export const PlayerResumeSchema = v.object({ code: RoomCode, playerSecret: Secret });
export const RoundSchema = v.object({ round: RoundIndex });
export const EmptySchema = v.optional(v.object({}), {});
export const KickSchema = v.object({
  playerId: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
});
/** H3: the player whose kick the host undoes. */
export const UnkickSchema = KickSchema;
export const LockSchema = v.object({ locked: v.boolean() });
/** A learning rate as students type or slide it. */
export const AlphaGuess = v.pipe(
  v.number('α must be a number.'),
  v.finite('α must be a number.'),
  v.gtValue(0, 'α must be greater than 0.'),
  v.maxValue(1e6, 'α must be at most 1000000.'),
);
/**
 * `choice` is one of the three outcomes for a prediction round, and a learning rate for the other
 * kinds (a guess of the largest α, or the α picked among a race's options).
 */
export const AnswerSubmitSchema = v.object({
  round: RoundIndex,
  choice: v.union(
    [v.picklist(ANSWERS), AlphaGuess],
    'choice must be converges, zigzag, diverges or a learning rate.',
  ),
  /** C1: how sure the student is; required in a game scored by confidence, ignored in the others. */
  confidence: v.optional(v.picklist(CONFIDENCE_LEVELS, 'confidence must be guessing, fairly-sure or sure.')),
});

export type DeckChoice = v.InferOutput<typeof DeckChoiceSchema>;
export type HostCreatePayload = v.InferInput<typeof HostCreateSchema>;
export type HostResumePayload = v.InferOutput<typeof HostResumeSchema>;
export type PlayerJoinPayload = v.InferOutput<typeof PlayerJoinSchema>;
export type PlayerResumePayload = v.InferOutput<typeof PlayerResumeSchema>;
export type RoundPayload = v.InferOutput<typeof RoundSchema>;
export type KickPayload = v.InferOutput<typeof KickSchema>;
export type LockPayload = v.InferOutput<typeof LockSchema>;
export type AnswerSubmitPayload = v.InferOutput<typeof AnswerSubmitSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A JSON object: not an array, a buffer or anything else that merely has typeof 'object'. */
function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * Parses a payload and turns the first issue into a sentence that names the field. A payload is a
 * plain object or nothing at all: valibot's object schemas take an array as an object with no keys,
 * which made `[]` a valid "end the game" or "create a room with the defaults" (P1). Keys the schema
 * does not name are dropped, not refused (docs/protocol.md).
 */
export function parsePayload<S extends v.GenericSchema>(schema: S, input: unknown): Parsed<v.InferOutput<S>> {
  if (input !== undefined && !isPlainObject(input))
    return { ok: false, message: 'The payload must be an object: { … }.' };
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  return { ok: false, message: path ? `${path}: ${issue.message}` : issue.message };
}
