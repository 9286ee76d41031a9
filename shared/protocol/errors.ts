// Errors are data: every acknowledgement is a Result, and a refusal carries one of these codes plus a
// friendly sentence the apps can show as is.

export const ErrorCode = {
  BAD_PAYLOAD: 'BAD_PAYLOAD',
  UNKNOWN_EVENT: 'UNKNOWN_EVENT',
  ROOM_NOT_FOUND: 'ROOM_NOT_FOUND',
  ROOM_LOCKED: 'ROOM_LOCKED',
  ROOM_FULL: 'ROOM_FULL',
  NAME_TAKEN: 'NAME_TAKEN',
  NAME_INVALID: 'NAME_INVALID',
  NOT_HOST: 'NOT_HOST',
  NOT_IN_ROOM: 'NOT_IN_ROOM',
  UNKNOWN_PLAYER: 'UNKNOWN_PLAYER',
  KICKED: 'KICKED',
  WRONG_PHASE: 'WRONG_PHASE',
  WRONG_ROUND: 'WRONG_ROUND',
  NO_PLAYERS: 'NO_PLAYERS',
  ROUND_CLOSED: 'ROUND_CLOSED',
  ALREADY_ANSWERED: 'ALREADY_ANSWERED',
  WRONG_ANSWER_TYPE: 'WRONG_ANSWER_TYPE',
  GAME_OVER: 'GAME_OVER',
  DECK_NOT_FOUND: 'DECK_NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A storage quota (decks or bytes per instructor, or the library's total) would be passed. */
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  /** The server holds as many games as it may, each with someone connected: no new game for now. */
  SERVER_BUSY: 'SERVER_BUSY',
  /**
   * The server cannot reach its database for a moment (PostgreSQL restarting): nothing was saved, and
   * the same request sent again after `retryAfterS` (with some jitter) goes through once it is back.
   */
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
  /**
   * Cluster mode: another server process is this game's home now; the server also sends `moved`,
   * and the apps reconnect there (docs/protocol.md, "Re-homing").
   */
  MOVED: 'MOVED',
  /** Client-side only: the server did not acknowledge in time. */
  NO_RESPONSE: 'NO_RESPONSE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  BAD_PAYLOAD: 'That request was not understood.',
  UNKNOWN_EVENT: 'That action does not exist.',
  ROOM_NOT_FOUND: 'No game has that code. Check the code on the projector.',
  ROOM_LOCKED: 'This game is locked: the host is not letting new players in.',
  ROOM_FULL: 'This game is full.',
  NAME_TAKEN: 'Someone in this game already has that nickname. Please pick another.',
  NAME_INVALID: 'Nicknames are 1 to 20 characters, letters, numbers and symbols only.',
  NOT_HOST: 'Only the host can do that.',
  NOT_IN_ROOM: 'Join a game first.',
  UNKNOWN_PLAYER: 'This game does not know you any more. Please join again.',
  KICKED: 'The host removed you from this game.',
  WRONG_PHASE: 'That is not possible at this point of the game.',
  WRONG_ROUND: 'That round is not the current one.',
  NO_PLAYERS: 'Wait until at least one player has joined.',
  ROUND_CLOSED: 'Too late: this question has closed.',
  ALREADY_ANSWERED: 'You have already answered this question.',
  WRONG_ANSWER_TYPE: 'This question takes a different kind of answer.',
  GAME_OVER: 'This game is over.',
  DECK_NOT_FOUND: 'That deck is not among your saved decks.',
  RATE_LIMITED: 'Too many requests. Please wait a moment.',
  QUOTA_EXCEEDED: 'There is no room left to save that. Delete something you no longer need first.',
  SERVER_BUSY: 'This server is running as many games as it can. Please try again in a few minutes.',
  STORE_UNAVAILABLE: 'The server cannot save right now. It tries again by itself in a moment.',
  INTERNAL: 'Something went wrong on the server. Please try again.',
  MOVED: 'This game moved to another server. Reconnecting…',
  NO_RESPONSE: 'The game server did not answer. Check your connection and try again.',
};

/**
 * `retryAfterS`, on a refusal by a budget (RATE_LIMITED) or for want of the database
 * (STORE_UNAVAILABLE), says how long to wait before trying again.
 */
export type Failure = { ok: false; error: ErrorCode; message: string; retryAfterS?: number };

/** STORE_UNAVAILABLE's hint: the server retries its own saves every half second. */
export const STORE_RETRY_AFTER_S = 1;

/** What an answer refused for want of the database says to the student whose phone sends it again. */
export const ANSWER_HELD_MESSAGE =
  'The server cannot save right now. Your answer will be sent again in a moment.';
export type Result<T extends object = object> = ({ ok: true } & T) | Failure;

export function fail(error: ErrorCode, message: string = ERROR_MESSAGES[error]): Failure {
  return { ok: false, error, message };
}

/** STORE_UNAVAILABLE, with its hint. */
export function storeUnavailable(message: string = ERROR_MESSAGES.STORE_UNAVAILABLE): Failure {
  return { ...fail('STORE_UNAVAILABLE', message), retryAfterS: STORE_RETRY_AFTER_S };
}
