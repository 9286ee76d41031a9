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

/** A value now (SQLite, memory) or later (PostgreSQL): the room shell awaits only what is a Promise. */
export type MaybePromise<T> = T | Promise<T>;

export interface RoomStore {
  /**
   * Set by a store that answers with Promises (PostgreSQL): a new room is then saved with the commit
   * queue's next batch, before any change of it, rather than at once.
   */
  readonly asynchronous?: boolean;
  /** Games not finished, to resume at startup (an asynchronous store reads them when it opens). */
  loadRooms(): StoredRoom[];
  /**
   * Any saved game, finished ones included (they are loaded on demand after leaving memory). An
   * asynchronous store answers with a Promise: the transport then waits for RoomManager.ready.
   */
  loadRoom(code: string): MaybePromise<StoredRoom | undefined>;
  /** A new room, whole. */
  createRoom(state: RoomState): MaybePromise<void>;
  /**
   * Writes the facts of one change, in order; `state` is the room after it (its version stamps the
   * rows written). Called before any client is told or acknowledged, and must have made the change
   * durable when it returns or its Promise resolves (throw or reject otherwise: the change is then
   * refused).
   */
  saveChange(state: RoomState, facts: readonly Fact[], context?: SaveContext): MaybePromise<void>;
  /** Whether a room with this code was ever saved (finished ones included): a new room needs a fresh code. */
  hasRoom?(code: string): boolean;
  /**
   * R5: the last moment the server that used this store before was known to be up (its last
   * heartbeat, read when the store opened), or null if the store cannot say (a memory store).
   */
  lastAlive?(): number | null;
  /** R5: records that the server is up at `now`; the app calls it every few seconds. */
  heartbeat?(now: number): MaybePromise<void>;
  /**
   * Retention: deletes every game not finished (not at the podium) whose last save is before
   * `before` (ms since the epoch), except those in `keep` (the rooms in memory), with all its rows;
   * at most `limit` of them, the oldest first; returns their codes. Finished games stay: their host
   * and players may still open them, and their reports live in the instructors' library, not here.
   * A store without it keeps every game.
   */
  deleteUnfinished?(before: number, keep: ReadonlySet<string>, limit?: number): MaybePromise<string[]>;
  /**
   * Runs `fn` (several saves) as one transaction: all of them are saved, or none. An asynchronous
   * store gets an `fn` that returns a Promise, and returns one.
   */
  transaction?(fn: () => MaybePromise<void>): MaybePromise<void>;
  /** Lets go of the database (its connections); the app calls it last when it closes. */
  close?(): MaybePromise<void>;
  /**
   * Whether an error this store threw or rejected with says it cannot be reached right now (the
   * database stopped, restarting, the network to it cut) rather than that the call was wrong: the
   * room shell then holds the changes and tries again (commit-queue.ts). A store without it has no
   * outages (SQLite is a file of this process).
   */
  unavailable?(error: unknown): boolean;
  /**
   * Cluster mode: the room whose write was refused because another node is its home now (nothing of
   * the batch was saved), or null for any other error.
   */
  movedRoom?(error: unknown): string | null;
}

/** A store that answers at once (SQLite, memory): what the room shell was written for first. */
export interface SyncRoomStore extends RoomStore {
  loadRoom(code: string): StoredRoom | undefined;
  createRoom(state: RoomState): void;
  saveChange(state: RoomState, facts: readonly Fact[], context?: SaveContext): void;
  deleteUnfinished(before: number, keep: ReadonlySet<string>, limit?: number): string[];
}

/** Cluster mode: where a room lives, as a claim or a look finds it (server/store/homes-postgres.ts). */
export type HomeAnswer =
  | { kind: 'mine'; claimed: boolean; downSince: number | null }
  | { kind: 'elsewhere'; node: string | null }
  | { kind: 'none' };

/** What the room shell needs of the cluster's homes: claiming a room before loading it. */
export interface RoomHomes {
  /**
   * Claims `code` for this node unless its home is alive elsewhere; exactly one of several nodes
   * claiming at once wins. `downSince`: when the previous home was last known alive, for R5.
   */
  claim(code: string): Promise<HomeAnswer>;
}
