// The projector app's one model: the screen, the connection's state, the host's actions. The server
// runs the game; this keeps the host's secret so a reopened tab resumes the same game, and turns
// "next" into the one host event the current phase calls for. main.tsx makes one per page and hands
// it to the screens through HostModelContext; the unit tests make one per case over a fake connection.
import { computed, signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { assertNever } from '../../shared/engine/format';
import type { Difficulty } from '../../shared/engine/types';
import { projector } from '../../shared/i18n/en/projector';
import { teacher } from '../../shared/i18n/en/teacher';
import type { ErrorCode } from '../../shared/protocol/errors';
import type { DeckChoice } from '../../shared/protocol/schemas';
import {
  type HostProgress,
  type HostView,
  PEER_BAND_DEFAULT,
  type PeerBand,
} from '../../shared/protocol/views';
import type { Connection } from '../net/connection';
import { forget, isRecord, loadJson, saveJson } from '../ui/storage';
import { ticker } from '../ui/ticker';
import { errorText, hostLanguage } from './language';

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

/** What the model needs from the rest of the host page (given as functions, so Node tests can stand in). */
export interface HostPage {
  /** This browser's instructor key: with it, the server saves the game's report for the instructor. */
  instructorKey(): string;
  /** Shows the game page, whichever page the game was started from (the decks page, the editor). */
  showGame(): void;
}

/** Read when the game is lost: the catalog holds the host's language by then. */
const LOST_NOTICES: Partial<Record<ErrorCode, () => string>> = {
  ROOM_NOT_FOUND: () => teacher.lostEnded,
  NOT_HOST: () => teacher.lostHost,
};

/** Host steps name their round, so a repeat (double press, retry) is refused and changes nothing. */
const HARMLESS: ReadonlySet<ErrorCode> = new Set(['WRONG_PHASE', 'WRONG_ROUND', 'GAME_OVER']);

type HostStep =
  | 'round:start'
  | 'round:reveal'
  | 'round:leaderboard'
  | 'round:discuss'
  | 'discussion:extend'
  | 'discussion:end'
  | 'round:twin'
  | 'game:end'
  | 'player:kick'
  | 'player:unkick'
  | 'room:lock';

/** A band bound as typed: a whole percent from 0 to 100, or null. */
function percentOf(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,3}$/.test(t)) return null;
  const n = Number(t);
  return n <= 100 ? n : null;
}

/** PI1: why the band as typed cannot be sent, or null when it can. */
function peerBandProblem(low: string, high: string): string | null {
  const lo = percentOf(low);
  const hi = percentOf(high);
  if (lo === null || hi === null) return teacher.splitWhole;
  if (lo > hi) return teacher.splitOrder(lo, hi);
  return null;
}

function peerBandOf(low: string, high: string): PeerBand | null {
  const lo = percentOf(low);
  const hi = percentOf(high);
  return lo !== null && hi !== null && lo <= hi ? { low: lo, high: hi } : null;
}

export type HostModel = ReturnType<typeof createHostModel>;

/**
 * The model of one host page over `connection`. A game stored by an earlier visit is resumed at
 * once.
 */
export function createHostModel(connection: Connection, page: HostPage) {
  const screen = signal<Screen>({ kind: 'create', notice: null });
  const status = signal(connection.status());
  const progress = signal<HostProgress | null>(null);
  /** A refusal worth telling the host about (e.g. "Wait until at least one player has joined"). */
  const actionError = signal<string | null>(null);
  /**
   * The server's sentence while a step waits for its database (STORE_UNAVAILABLE): the step is sent
   * again by itself, so this is a note, not an error, and it goes once the step is answered.
   */
  const actionHeld = signal<string | null>(null);
  const busy = signal(false);

  const deckSource = signal<'builtin' | 'lesson' | 'generated'>('builtin');
  const difficulty = signal<Difficulty>('easy');
  const generatedRounds = signal(5);
  /** Generated decks may mix in the other kinds of round (about one in four); predictions only by default. */
  const mixedKinds = signal(false);
  const secondsPerQuestion = signal(30);
  const speedPoints = signal(true);
  /** C1: score by the confidence each answer is given with, instead of by speed. */
  const byConfidence = signal(false);
  /** PI1: discuss and vote again when the class is split; the band's bounds as typed, in percent. */
  const peerInstruction = signal(false);
  const peerLow = signal(String(PEER_BAND_DEFAULT.low));
  const peerHigh = signal(String(PEER_BAND_DEFAULT.high));
  /** What is wrong with the band as typed, or null; the game is not created while it says something. */
  // Reads the language too: its sentence is in the host's language.
  const peerBandError = computed(() => {
    // Read so that a new language writes the sentence anew.
    void hostLanguage.value;
    return peerBandProblem(peerLow.value, peerHigh.value);
  });
  const createError = signal<string | null>(null);

  /** Local time, ticking while a question is open, for the countdown. */
  const now = signal(Date.now());
  const tick = ticker(now);

  const view = computed(() => (screen.value.kind === 'game' ? screen.value.view : null));

  /** Server time now, ms: local time corrected by the offset the latest view measured. */
  const serverNow = computed(() => now.value + connection.clockOffset());

  /** "N of M answered", from the latest progress message or, failing that, the view. */
  const answered = computed(() => {
    const v = view.value;
    if (v?.phase.kind !== 'question') return null;
    const p = progress.value;
    if (p && p.round === v.phase.round && p.version >= v.version)
      return { answered: p.answered, total: p.total };
    return { answered: v.phase.answered, total: v.phase.total };
  });

  function showView(next: HostView) {
    screen.value = { kind: 'game', view: next };
    tick(next.phase.kind === 'question' || next.phase.kind === 'discussion');
  }

  function toCreate(notice: string | null) {
    forget(SESSION_KEY);
    connection.setResume(null);
    progress.value = null;
    actionError.value = null;
    tick(false);
    screen.value = { kind: 'create', notice };
  }

  connection.onStatus((s) => {
    status.value = s;
  });
  connection.onView((v) => {
    if (v.role === 'host' && screen.value.kind !== 'create') showView(v);
  });
  connection.onProgress((p) => {
    progress.value = p;
  });
  connection.onSessionLost((code) => toCreate(LOST_NOTICES[code]?.() ?? null));
  const stored = loadJson(SESSION_KEY, isStoredHost);
  if (stored) {
    connection.setResume({ event: 'host:resume', payload: stored });
    screen.value = { kind: 'resuming', code: stored.code };
  }

  async function startGame(deck: DeckChoice): Promise<boolean> {
    if (busy.value) return false;
    const band = peerInstruction.value ? peerBandOf(peerLow.value, peerHigh.value) : null;
    if (peerInstruction.value && !band) {
      createError.value = peerBandError.value;
      return false;
    }
    busy.value = true;
    createError.value = null;
    const reply = await connection.request(
      'host:create',
      {
        deck,
        instructorKey: page.instructorKey(),
        secondsPerQuestion: secondsPerQuestion.value,
        speedPoints: speedPoints.value,
        scoreBy: byConfidence.value ? 'confidence' : 'speed',
        ...(band ? { peerInstruction: band } : {}),
      },
      { retry: false },
    );
    busy.value = false;
    if (!reply.ok) {
      createError.value = errorText(reply.error, reply.message);
      return false;
    }
    saveJson(SESSION_KEY, { code: reply.code, hostSecret: reply.hostSecret });
    connection.setResume({
      event: 'host:resume',
      payload: { code: reply.code, hostSecret: reply.hostSecret },
    });
    progress.value = null;
    showView(reply.view);
    connection.adoptView(reply.view);
    page.showGame();
    return true;
  }

  async function send(event: HostStep, payload: object): Promise<void> {
    actionError.value = null;
    const reply = await connection.request(event, payload as never, {
      retry: true,
      held: (message) => {
        actionHeld.value = message;
      },
    });
    actionHeld.value = null;
    if (!reply.ok && !HARMLESS.has(reply.error)) actionError.value = errorText(reply.error, reply.message);
  }

  /** What "next" does now, for the button's label; null when there is nothing next. */
  const nextStep = computed((): { label: string; run: () => Promise<void> } | null => {
    const v = view.value;
    if (!v) return null;
    const { phase } = v;
    switch (phase.kind) {
      case 'lobby':
        return { label: projector.start, run: () => send('round:start', { round: 0 }) };
      case 'question':
        return { label: projector.revealNow, run: () => send('round:reveal', { round: phase.round }) };
      case 'votes':
        // PI1: the band decides which action comes first; the other stays on the screen.
        return phase.main === 'discuss'
          ? { label: projector.discuss, run: () => send('round:discuss', { round: phase.round }) }
          : { label: projector.reveal, run: () => send('round:reveal', { round: phase.round }) };
      case 'discussion':
        return { label: projector.voteAgainNow, run: () => send('discussion:end', { round: phase.round }) };
      case 'reveal':
        return { label: projector.leaderboard, run: () => send('round:leaderboard', { round: phase.round }) };
      case 'leaderboard':
        return phase.round + 1 < v.roundCount
          ? { label: projector.nextQuestion, run: () => send('round:start', { round: phase.round + 1 }) }
          : { label: projector.finalResults, run: () => send('game:end', {}) };
      case 'podium':
        return null;
      default:
        return assertNever(phase);
    }
  });

  /** "End game" asks for a second click: a stray click must not end a class's game. */
  const endArmed = signal(false);
  let disarm: ReturnType<typeof setTimeout> | undefined;

  return {
    screen,
    status,
    progress,
    actionError,
    actionHeld,
    busy,
    deckSource,
    difficulty,
    generatedRounds,
    mixedKinds,
    secondsPerQuestion,
    speedPoints,
    byConfidence,
    peerInstruction,
    peerLow,
    peerHigh,
    peerBandError,
    createError,
    view,
    serverNow,
    answered,
    nextStep,
    /** PI1, PI2: the host's other steps around a discussion. */
    discuss: (round: number) => send('round:discuss', { round }),
    revealVotes: (round: number) => send('round:reveal', { round }),
    extendDiscussion: (round: number) => send('discussion:extend', { round }),
    /** PI9: from the reveal of a round that went to a second vote, its twin opens as the next question. */
    askTwin: (round: number) => send('round:twin', { round }),
    endArmed,

    createGame(): Promise<boolean> {
      return startGame(
        deckSource.value !== 'generated'
          ? { source: deckSource.value }
          : {
              source: 'generated',
              difficulty: difficulty.value,
              rounds: generatedRounds.value,
              kinds: mixedKinds.value ? ['predict', 'max-alpha', 'fastest'] : ['predict'],
            },
      );
    },

    /**
     * Starts a game with one of the instructor's saved decks, by id (a deck of long data sets can be
     * larger than a socket message); false, and `createError` says why, if refused.
     */
    playDeck(id: string): Promise<boolean> {
      return startGame({ source: 'saved', id });
    },

    next(): void {
      void nextStep.value?.run();
    },

    revealNow(): void {
      const phase = view.value?.phase;
      if (phase?.kind === 'question') void send('round:reveal', { round: phase.round });
    },

    endGame(): void {
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
    },

    kick(playerId: number): void {
      void send('player:kick', { playerId });
    },

    /** H3: undoes a kick; the player is back with their name and score when their phone joins again. */
    unkick(playerId: number): void {
      void send('player:unkick', { playerId });
    },

    setLocked(locked: boolean): void {
      void send('room:lock', { locked });
    },

    /** Leaves the finished (or abandoned) game for the create screen. */
    newGame(): void {
      toCreate(null);
    },
  };
}

/** The page's model, for the screens under main.tsx's provider. */
export const HostModelContext = createContext<HostModel | null>(null);

export function useHostModel(): HostModel {
  const model = useContext(HostModelContext);
  if (!model) throw new Error('A host screen was rendered outside HostModelContext.');
  return model;
}
