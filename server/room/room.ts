// One game in memory: its latest state and the latest saved one, who its secrets belong to, which of
// its players have a socket open, and its timers. Every timer goes through the room's own clock, so
// dispose() leaves nothing of the room behind.
import type { Confidence } from '../../shared/protocol/confidence';
import { type Failure, fail } from '../../shared/protocol/errors';
import type { AnswerReceipt } from '../../shared/protocol/events';
import type { AnswerValue } from '../../shared/protocol/views';
import { type Clock, createRoomClock, type TimerHandle } from './clock';
import type { CommitQueue } from './commit-queue';
import type { Affected, Fact } from './facts';
import { answer, join, type Reduced, reduce } from './reduce';
import type { Command, RoomState } from './state';
import type { SaveContext, StoredRoom } from './store';

/** A saved change, as the room layer tells it: the states around it, its facts, and whom it concerns. */
export interface RoomChange {
  code: string;
  prev: RoomState;
  next: RoomState;
  facts: readonly Fact[];
  affected: Affected;
}

/** When saving a deadline's close fails (a full disk), how long before trying again. */
const RETRY_MS = 1_000;

/** Compares secrets in constant time: how long a refusal takes says nothing of how close a guess was. */
function sameSecret(a: string, b: string): boolean {
  // Every character is looked at whatever differs first; secrets are ASCII, so a length difference
  // is the only early answer, and the length of a secret is no secret.
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export interface Room {
  readonly code: string;
  /** The latest state, with the changes of the batch not saved yet. */
  state(): RoomState;
  /** The latest state saved: what clients may be told. */
  committed(): RoomState;
  /** Applies a command now; its change is saved with the current batch. */
  dispatch(command: Command): Reduced;
  /** J1: a new player; `requestId` makes a retried join the same join; `device` is the browser's id (J5). */
  join(
    nickname: string,
    secret: string,
    requestId?: string,
    device?: string,
  ): Failure | { ok: true; playerId: number };
  /** A1–A3: the player's answer, and the receipt to acknowledge it with. */
  answer(
    playerId: number,
    round: number,
    choice: AnswerValue,
    confidence?: Confidence,
  ): Failure | ({ ok: true } & AnswerReceipt);
  /** J2/H2: the player a secret belongs to; a kicked player is refused, with the reason. */
  identifyPlayer(secret: string): { ok: true; playerId: number } | Failure;
  /** J3/H1: whether `secret` is its host's. */
  isHost(secret: string): boolean;
  /** The player a join with this request id made, refused if kicked since; null for one never seen. */
  recallJoin(requestId: string): { ok: true; playerId: number } | Failure | null;
  /** Socket bookkeeping for presence: the first open socket of a player marks them connected. */
  attach(playerId: number): void;
  detach(playerId: number): void;
  /** Host sockets open on the room (they keep it in memory, as players' do). */
  attachHost(): void;
  detachHost(): void;
  /** Whether anyone has a socket open on the room. */
  watched(): boolean;
  /** Whether a change of the room is waiting to be saved. */
  unsaved(): boolean;
  /** Timers the room has armed. */
  timers(): number;
  /** Runs `fn` at `at` on the room's clock (cancelled by dispose). */
  at(at: number, fn: () => void): TimerHandle;
  /** Cancels every timer of the room. */
  dispose(): void;
}

export function createRoom(
  stored: StoredRoom,
  deps: {
    clock: Clock;
    queue: CommitQueue;
    /** Players connected when the server stopped count as connected this long after a restore. */
    graceMs: number | null;
  },
): Room {
  const clock = createRoomClock(deps.clock);
  const { queue } = deps;
  const code = stored.state.code;
  let state = stored.state;
  let committed = stored.state;
  let unsavedChanges = 0;
  const secrets = new Map<string, number>();
  for (const p of state.players) secrets.set(p.secret, p.id);
  /** Open sockets per player: presence only flips when the last one closes. */
  const sockets = new Map<number, number>();
  let hosts = 0;
  const joins = new Map(stored.joins);
  /** The deadline timer: the one place it is armed is arm(). */
  let deadline: { round: number; at: number; handle: TimerHandle } | null = null;
  /** After a failed save of a deadline's close, not before this time. */
  let retryAt = 0;

  /** Keeps the deadline timer in step with the phase. */
  function arm() {
    const { phase } = state;
    // PI3: a discussion's end opens the second vote the way a deadline closes a question.
    const due =
      phase.kind === 'question'
        ? { round: phase.round, at: phase.deadlineAt }
        : phase.kind === 'discussion'
          ? { round: phase.round, at: phase.endsAt }
          : null;
    const wanted = due === null ? null : { round: due.round, at: Math.max(due.at, retryAt) };
    if (deadline && wanted && deadline.round === wanted.round && deadline.at === wanted.at) return;
    deadline?.handle.cancel();
    deadline = null;
    if (!wanted) return;
    const handle = clock.at(wanted.at, () => {
      deadline = null;
      dispatch({ type: 'deadline', round: wanted.round });
    });
    deadline = { ...wanted, handle };
  }

  function apply<X extends object>(
    result: Reduced<X>,
    context?: SaveContext,
    onUndo?: () => void,
  ): Reduced<X> {
    if (!result.ok || result.facts.length === 0) return result;
    // A close writes every student's score (thousands of rows in a big class): the answers already
    // waiting in the batch are saved, and so acknowledged, first rather than held up behind it. The
    // close was worked out on the state they made: if saving them failed and undid them, it is void.
    if (result.facts.some((f) => f.type === 'round-closed')) {
      const before = state;
      queue.saveWaiting();
      if (state !== before) return fail('INTERNAL', 'Saving the answers before this one failed.');
    }
    const prev = state;
    const next = result.state;
    state = next;
    unsavedChanges++;
    queue.push({
      prev,
      next,
      facts: result.facts,
      context,
      // Methods, not arrow properties: under tsx an arrow given a name costs a property definition
      // per change (a microsecond), and a class answering at once makes thousands of changes.
      saved() {
        unsavedChanges--;
        committed = next;
        retryAt = 0;
      },
      undo() {
        unsavedChanges--;
        state = prev;
        onUndo?.();
        const { phase } = prev;
        // A deadline whose close could not be saved is tried again a moment later, not at once.
        const due =
          phase.kind === 'question' ? phase.deadlineAt : phase.kind === 'discussion' ? phase.endsAt : null;
        if (due !== null && due <= clock.now()) retryAt = clock.now() + RETRY_MS;
        arm();
      },
    });
    arm();
    return result;
  }

  function dispatch(command: Command): Reduced {
    if (command.type === 'join') return joinAs(command.nickname, command.secret, undefined, command.device);
    return apply(reduce(state, command, clock.now()));
  }

  function joinAs(
    nickname: string,
    secret: string,
    requestId?: string,
    device?: string,
  ): Reduced<{ playerId: number }> {
    const result = join(state, nickname, secret, clock.now(), device ?? null);
    if (!result.ok) return result;
    // J5: a player back from their own browser keeps the secret they had; nothing new to remember.
    if (result.facts.length === 0) return result;
    // Known before the change is queued: a full batch is saved (or undone) within apply.
    secrets.set(secret, result.playerId);
    if (requestId !== undefined) joins.set(requestId, result.playerId);
    return apply(result, requestId === undefined ? undefined : { requestId }, () => {
      secrets.delete(secret);
      if (requestId !== undefined) joins.delete(requestId);
    });
  }

  /** A known player comes back unless kicked (H2); an unknown one is for the caller to name. */
  function admit(playerId: number | undefined): { ok: true; playerId: number } | Failure | null {
    if (playerId === undefined) return null;
    return state.players[playerId]?.kicked ? fail('KICKED') : { ok: true, playerId };
  }

  if (deps.graceMs !== null && state.players.some((p) => p.connected && !p.kicked))
    clock.at(clock.now() + deps.graceMs, () => {
      for (const p of state.players)
        if (p.connected && !p.kicked && !sockets.has(p.id))
          dispatch({ type: 'presence', playerId: p.id, connected: false });
    });
  arm();

  return {
    code,
    state: () => state,
    committed: () => committed,
    dispatch,
    join(nickname, secret, requestId, device) {
      const result = joinAs(nickname, secret, requestId, device);
      return result.ok ? { ok: true, playerId: result.playerId } : result;
    },
    answer(playerId, round, choice, confidence) {
      const result = apply(answer(state, playerId, round, choice, clock.now(), confidence));
      return result.ok ? { ok: true, ...result.receipt } : result;
    },
    identifyPlayer: (secret) => admit(secrets.get(secret)) ?? fail('UNKNOWN_PLAYER'),
    isHost: (secret) => sameSecret(state.hostSecret, secret),
    recallJoin: (requestId) => admit(joins.get(requestId)),
    // Presence is not worth holding past MAX_HELD changes for a store that cannot be reached (phones
    // that drop and come back during a long outage): the roster may show a player's presence late.
    attach(playerId) {
      const count = (sockets.get(playerId) ?? 0) + 1;
      sockets.set(playerId, count);
      if (count === 1 && !queue.full()) dispatch({ type: 'presence', playerId, connected: true });
    },
    detach(playerId) {
      const count = (sockets.get(playerId) ?? 1) - 1;
      if (count > 0) {
        sockets.set(playerId, count);
        return;
      }
      sockets.delete(playerId);
      if (!queue.full()) dispatch({ type: 'presence', playerId, connected: false });
    },
    attachHost() {
      hosts++;
    },
    detachHost() {
      hosts = Math.max(0, hosts - 1);
    },
    watched: () => hosts > 0 || sockets.size > 0,
    unsaved: () => unsavedChanges > 0,
    timers: () => clock.pending(),
    at: (at, fn) => clock.at(at, fn),
    dispose() {
      deadline = null;
      clock.dispose();
    },
  };
}
