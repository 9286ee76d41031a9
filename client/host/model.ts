// The projector app's one model: the screen, the connection's state, the host's actions. The server
// runs the game; this keeps the host's secret so a reopened tab resumes the same game, and turns
// "next" into the one host event the current phase calls for.
import { computed, signal } from '@preact/signals';
import { assertNever } from '../../shared/engine/format';
import type { Difficulty } from '../../shared/engine/types';
import type { ErrorCode } from '../../shared/protocol/errors';
import type { DeckChoice } from '../../shared/protocol/schemas';
import type { HostProgress, HostView } from '../../shared/protocol/views';
import { type Connection, createConnection, type Status } from '../net/connection';
import { forget, isRecord, loadJson, saveJson } from '../ui/storage';
import { ticker } from '../ui/ticker';
import { instructorKey } from './instructor';
import { go } from './route';

const SESSION_KEY = 'overshoot:host';

interface StoredHost {
  code: string;
  hostSecret: string;
}
const isStoredHost = (x: unknown): x is StoredHost =>
  isRecord(x) && typeof x.code === 'string' && typeof x.hostSecret === 'string';

export type Screen =
  | { kind: 'create'; notice: string | null }
  /** The stored game is being resumed (a reopened or reloaded tab): waiting for its view. */
  | { kind: 'resuming'; code: string }
  | { kind: 'game'; view: HostView };

export const screen = signal<Screen>({ kind: 'create', notice: null });
export const status = signal<Status>('connecting');
export const progress = signal<HostProgress | null>(null);
/** A refusal worth telling the host about (e.g. "Wait until at least one player has joined"). */
export const actionError = signal<string | null>(null);
export const busy = signal(false);

export const deckSource = signal<'builtin' | 'generated'>('builtin');
export const difficulty = signal<Difficulty>('easy');
export const generatedRounds = signal(5);
/** Generated decks may mix in the other kinds of round (about one in four); predictions only by default. */
export const mixedKinds = signal(false);
export const secondsPerQuestion = signal(30);
export const speedPoints = signal(true);
export const createError = signal<string | null>(null);

/** Local time, ticking while a question is open, for the countdown. */
export const now = signal(Date.now());
const tick = ticker(now);

let connection: Connection | null = null;

export const view = computed(() => (screen.value.kind === 'game' ? screen.value.view : null));

/** Server time now, ms: local time corrected by the offset the latest view measured. */
export const serverNow = computed(() => now.value + (connection?.clockOffset() ?? 0));

/** "N of M answered", from the latest progress message or, failing that, the view. */
export const answered = computed(() => {
  const v = view.value;
  if (v?.phase.kind !== 'question') return null;
  const p = progress.value;
  if (p && p.round === v.phase.round && p.version >= v.version)
    return { answered: p.answered, total: p.total };
  return { answered: v.phase.answered, total: v.phase.total };
});

function showView(next: HostView) {
  screen.value = { kind: 'game', view: next };
  tick(next.phase.kind === 'question');
}

const LOST_NOTICES: Partial<Record<ErrorCode, string>> = {
  ROOM_NOT_FOUND: 'Your last game has ended. Start a new one.',
  NOT_HOST: 'This browser is no longer the host of that game. Start a new one.',
};

function toCreate(notice: string | null) {
  forget(SESSION_KEY);
  connection?.setResume(null);
  progress.value = null;
  actionError.value = null;
  tick(false);
  screen.value = { kind: 'create', notice };
}

export function start(): void {
  const conn = createConnection(undefined);
  connection = conn;
  status.value = conn.status();
  conn.onStatus((s) => {
    status.value = s;
  });
  conn.onView((v) => {
    if (v.role === 'host' && screen.value.kind !== 'create') showView(v);
  });
  conn.onProgress((p) => {
    progress.value = p;
  });
  conn.onSessionLost((code) => toCreate(LOST_NOTICES[code] ?? null));
  const stored = loadJson(SESSION_KEY, isStoredHost);
  if (stored) {
    conn.setResume({ event: 'host:resume', payload: stored });
    screen.value = { kind: 'resuming', code: stored.code };
  }
}

export function createGame(): Promise<boolean> {
  return startGame(
    deckSource.value === 'builtin'
      ? { source: 'builtin' }
      : {
          source: 'generated',
          difficulty: difficulty.value,
          rounds: generatedRounds.value,
          kinds: mixedKinds.value ? ['predict', 'max-alpha', 'fastest'] : ['predict'],
        },
  );
}

/**
 * Starts a game with one of the instructor's saved decks, by id (a deck of long data sets can be
 * larger than a socket message); false, and `createError` says why, if refused.
 */
export function playDeck(id: string): Promise<boolean> {
  return startGame({ source: 'saved', id });
}

async function startGame(deck: DeckChoice): Promise<boolean> {
  if (!connection || busy.value) return false;
  busy.value = true;
  createError.value = null;
  // The instructor's key makes the server save this game's report for them.
  const reply = await connection.request(
    'host:create',
    {
      deck,
      instructorKey: instructorKey.value,
      secondsPerQuestion: secondsPerQuestion.value,
      speedPoints: speedPoints.value,
    },
    { retry: false },
  );
  busy.value = false;
  if (!reply.ok) {
    createError.value = reply.message;
    return false;
  }
  saveJson(SESSION_KEY, { code: reply.code, hostSecret: reply.hostSecret });
  connection.setResume({ event: 'host:resume', payload: { code: reply.code, hostSecret: reply.hostSecret } });
  progress.value = null;
  showView(reply.view);
  connection.adoptView(reply.view);
  go({ page: 'game' }, { force: true });
  return true;
}

/** Host steps name their round, so a repeat (double press, retry) is refused and changes nothing. */
const HARMLESS: ReadonlySet<ErrorCode> = new Set(['WRONG_PHASE', 'WRONG_ROUND', 'GAME_OVER']);

async function send(
  event: 'round:start' | 'round:reveal' | 'round:leaderboard' | 'game:end' | 'player:kick' | 'room:lock',
  payload: object,
): Promise<void> {
  if (!connection) return;
  actionError.value = null;
  const reply = await connection.request(event, payload as never, { retry: true });
  if (!reply.ok && !HARMLESS.has(reply.error)) actionError.value = reply.message;
}

/** What "next" does now, for the button's label; null when there is nothing next. */
export const nextStep = computed((): { label: string; run: () => Promise<void> } | null => {
  const v = view.value;
  if (!v) return null;
  const { phase } = v;
  switch (phase.kind) {
    case 'lobby':
      return { label: 'Start', run: () => send('round:start', { round: 0 }) };
    case 'question':
      return { label: 'Reveal now', run: () => send('round:reveal', { round: phase.round }) };
    case 'reveal':
      return { label: 'Leaderboard', run: () => send('round:leaderboard', { round: phase.round }) };
    case 'leaderboard':
      return phase.round + 1 < v.roundCount
        ? { label: 'Next question', run: () => send('round:start', { round: phase.round + 1 }) }
        : { label: 'Final results', run: () => send('game:end', {}) };
    case 'podium':
      return null;
    default:
      return assertNever(phase);
  }
});

export function next(): void {
  void nextStep.value?.run();
}

export function revealNow(): void {
  const phase = view.value?.phase;
  if (phase?.kind === 'question') void send('round:reveal', { round: phase.round });
}

/** "End game" asks for a second click: a stray click must not end a class's game. */
export const endArmed = signal(false);
let disarm: ReturnType<typeof setTimeout> | undefined;

export function endGame(): void {
  if (!endArmed.value) {
    endArmed.value = true;
    clearTimeout(disarm);
    disarm = setTimeout(() => {
      endArmed.value = false;
    }, 5_000);
    return;
  }
  endArmed.value = false;
  void send('game:end', {});
}

export function kick(playerId: number): void {
  void send('player:kick', { playerId });
}

export function setLocked(locked: boolean): void {
  void send('room:lock', { locked });
}

/** Leaves the finished (or abandoned) game for the create screen. */
export function newGame(): void {
  toCreate(null);
}
