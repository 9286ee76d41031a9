// The phone app's one model: which screen shows, the connection's state, and the actions a student
// takes. The server decides everything; this keeps the session's secret, sends requests and renders
// the newest view it is given. main.tsx makes one per page; the unit tests make one per case, each
// over a fake connection.

import * as player from '../../shared/i18n/en/player';
import type { Confidence } from '../../shared/protocol/confidence';
import type { ErrorCode } from '../../shared/protocol/errors';
import type { AnswerValue, PlayerView } from '../../shared/protocol/views';
import type { Connection } from '../net/connection';
import { cell } from '../ui/cell';
import { forget, isRecord, loadJson, saveJson } from '../ui/storage';
import { ticker } from '../ui/ticker';

const SESSION_KEY = 'overshoot:player';
const DEVICE_KEY = 'overshoot:device';

interface StoredSession {
  code: string;
  playerSecret: string;
  nickname: string;
}

const isStoredSession = (x: unknown): x is StoredSession =>
  isRecord(x) &&
  typeof x.code === 'string' &&
  typeof x.playerSecret === 'string' &&
  typeof x.nickname === 'string';

export type Screen =
  | { kind: 'join'; notice: string | null }
  /** A stored session is being presented again (reload, phone woken up): waiting for its view. */
  | { kind: 'rejoining'; code: string; nickname: string }
  | { kind: 'game'; view: PlayerView };

const KICKED_NOTICE = player.kicked;

/** A code from a /join/CODE address (the QR code on the projector), or null. */
export function codeFromPath(path: string): string | null {
  const m = /^\/join\/(\d{6})\/?$/.exec(path);
  return m ? (m[1] ?? null) : null;
}

/** 16 random bytes, base64url: makes a join retried after a lost acknowledgement the same join. */
function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const isDeviceId = (x: unknown): x is string => typeof x === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(x);

/**
 * J5: this browser's own id, made once and kept: a kicked player's browser stays out of the game,
 * and one whose kick was undone comes back as themselves. A private window makes a new one.
 */
function deviceId(): string {
  const known = loadJson(DEVICE_KEY, isDeviceId);
  if (known) return known;
  const made = newRequestId();
  saveJson(DEVICE_KEY, made);
  return made;
}

const LOST_NOTICES: Partial<Record<ErrorCode, string>> = {
  KICKED: KICKED_NOTICE,
  UNKNOWN_PLAYER: player.forgotten,
  ROOM_NOT_FOUND: player.ended,
};

export type PlayerModel = ReturnType<typeof createPlayerModel>;

/**
 * The model of one phone page over `connection`, opened at `path` (a /join/CODE address fills in
 * the code). A session stored by an earlier visit is presented again at once, unless the address
 * names another game.
 */
export function createPlayerModel(connection: Connection, path: string) {
  const screen = cell<Screen>({ kind: 'join', notice: null });
  const status = cell(connection.status());
  const joinCode = cell('');
  const joinNickname = cell('');
  const joinError = cell<string | null>(null);
  const joining = cell(false);
  /**
   * The answer tapped for a round, before and after the server acknowledged it; `held`, the server's
   * sentence while it cannot save it yet (its database is away: the phone sends it again by itself).
   */
  const sentAnswer = cell<{
    round: number;
    choice: AnswerValue;
    confidence?: Confidence;
    acknowledged: boolean;
    held?: string;
  } | null>(null);
  /** C1: in a game scored by confidence, the answer tapped and waiting for its level. */
  const pending = cell<{ round: number; choice: AnswerValue } | null>(null);
  const answerError = cell<string | null>(null);
  /** A "largest α" answer being chosen: the α on the slider or typed (null: none yet), and the text typed. */
  const guess = cell<{ round: number; alpha: number | null; text: string } | null>(null);
  /** Local time, ticking while a question is open, for the countdown. */
  const now = cell(Date.now());
  const tick = ticker(now);

  const view = (): PlayerView | null => (screen.value.kind === 'game' ? screen.value.view : null);

  function leaveGame(notice: string | null) {
    forget(SESSION_KEY);
    // The old game's code is of no more use: a removed player, or one whose game is gone, starts blank.
    joinCode.value = '';
    connection.setResume(null);
    sentAnswer.value = null;
    answerError.value = null;
    joining.value = false;
    screen.value = { kind: 'join', notice };
    tick(false);
  }

  function showView(next: PlayerView) {
    if (next.phase.kind === 'kicked') {
      leaveGame(KICKED_NOTICE);
      return;
    }
    const phase = next.phase;
    const sent = sentAnswer.value;
    if (sent && (phase.kind !== 'question' || phase.round !== sent.round)) sentAnswer.value = null;
    if (phase.kind !== 'question') answerError.value = null;
    if (pending.value && (phase.kind !== 'question' || phase.round !== pending.value.round))
      pending.value = null;
    screen.value = { kind: 'game', view: next };
    tick(phase.kind === 'question' || phase.kind === 'discussion');
  }

  connection.onStatus((s) => {
    status.value = s;
  });
  connection.onView((v) => {
    if (v.role === 'player' && screen.value.kind !== 'join') showView(v);
  });
  connection.onSessionLost((code) => leaveGame(LOST_NOTICES[code] ?? null));

  const fromPath = codeFromPath(path);
  const stored = loadJson(SESSION_KEY, isStoredSession);
  // A /join/CODE address for another game than the stored one means a new game: start afresh.
  if (stored && (!fromPath || fromPath === stored.code)) {
    connection.setResume({
      event: 'player:resume',
      payload: { code: stored.code, playerSecret: stored.playerSecret },
    });
    screen.value = { kind: 'rejoining', code: stored.code, nickname: stored.nickname };
    joinNickname.value = stored.nickname;
  } else {
    if (stored) forget(SESSION_KEY);
    joinCode.value = fromPath ?? '';
  }

  return {
    screen,
    status,
    joinCode,
    joinNickname,
    joinError,
    joining,
    sentAnswer,
    answerError,
    guess,
    pending,
    /** Server time now, ms: local time corrected by the offset the latest view measured. */
    serverNow: (): number => now.value + connection.clockOffset(),

    async join(): Promise<void> {
      if (joining.value) return;
      const code = joinCode.value.replace(/\D/g, '');
      if (!/^\d{6}$/.test(code)) {
        joinError.value = player.badCode;
        return;
      }
      // The server applies the nickname rules (README N1) and says what is wrong; only the obvious
      // is checked here, to spare a round trip.
      const nickname = joinNickname.value.trim();
      if (!nickname) {
        joinError.value = player.noNickname;
        return;
      }
      joinError.value = null;
      joining.value = true;
      const reply = await connection.request(
        'player:join',
        { code, nickname, requestId: newRequestId(), device: deviceId() },
        { retry: true },
      );
      joining.value = false;
      if (!reply.ok) {
        joinError.value = reply.message;
        return;
      }
      const session = { code, playerSecret: reply.playerSecret, nickname: reply.view.me.nickname };
      saveJson(SESSION_KEY, session);
      connection.setResume({ event: 'player:resume', payload: { code, playerSecret: reply.playerSecret } });
      screen.value = { kind: 'game', view: reply.view };
      connection.adoptView(reply.view);
    },

    /** `confidence`: the level, in a game scored by confidence (C1). */
    async answer(choice: AnswerValue, confidence?: Confidence): Promise<void> {
      const phase = view()?.phase;
      if (phase?.kind !== 'question' || phase.answer) return;
      const round = phase.round;
      // One tap, no change of mind: the first choice is the one sent, however often it is retried.
      if (sentAnswer.value?.round === round) return;
      const sent = confidence === undefined ? { round, choice } : { round, choice, confidence };
      sentAnswer.value = { ...sent, acknowledged: false };
      answerError.value = null;
      const reply = await connection.request('answer:submit', sent, {
        retry: true,
        // Another round's screen ignores it (the question shows only its own round's answer).
        held: (held) => {
          sentAnswer.value = { ...sent, acknowledged: false, held };
        },
      });
      if (sentAnswer.value?.round !== round) return;
      if (reply.ok || reply.error === 'ALREADY_ANSWERED') {
        sentAnswer.value = { ...sent, acknowledged: true };
        return;
      }
      answerError.value = reply.message;
      if (reply.error !== 'ROUND_CLOSED') sentAnswer.value = null;
    },

    /** From the join screen's notice back to a blank form. */
    startOver(): void {
      leaveGame(null);
    },
  };
}
