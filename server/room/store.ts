// What the room layer needs from persistence: a small interface, so another database could stand in.
import type { Fact } from './facts';
import type { RoomState } from './state';

/** What a store gives back: the room, and the client request id of each join that had one. */
export interface StoredRoom {
  state: RoomState;
  joins: Array<[requestId: string, playerId: number]>;
}

/** What caused a change, beyond its facts: kept with it so a restart remembers it too. */
export interface SaveContext {
  /** The join's client request id: a join retried after a lost acknowledgement is the same join. */
  requestId?: string;
}

export interface RoomStore {
  /** Games not finished, to resume at startup. */
  loadRooms(): StoredRoom[];
  /** Any saved game, finished ones included (they are loaded on demand after leaving memory). */
  loadRoom(code: string): StoredRoom | undefined;
  /** A new room, whole. */
  createRoom(state: RoomState): void;
  /**
   * Writes the facts of one change, in order; `state` is the room after it (its version stamps the
   * rows written). Called before any client is told or acknowledged, and must have made the change
   * durable when it returns (throw otherwise: the change is then refused).
   */
  saveChange(state: RoomState, facts: readonly Fact[], context?: SaveContext): void;
  /**
   * R5: the last moment the server that used this store before was known to be up (its last
   * heartbeat, read when the store opened), or null if the store cannot say (a memory store).
   */
  lastAlive?(): number | null;
  /** R5: records that the server is up at `now`; the app calls it every few seconds. */
  heartbeat?(now: number): void;
  /**
   * Retention: deletes every game not finished (not at the podium) whose last save is before
   * `before` (ms since the epoch), except those in `keep` (the rooms in memory), with all its rows;
   * at most `limit` of them, the oldest first; returns their codes. Finished games stay: their host
   * and players may still open them, and their reports live in the instructors' library, not here.
   * A store without it keeps every game.
   */
  deleteUnfinished?(before: number, keep: ReadonlySet<string>, limit?: number): string[];
  /** Runs `fn` (several saves) as one transaction: all of them are saved, or none. */
  transaction?(fn: () => void): void;
}
