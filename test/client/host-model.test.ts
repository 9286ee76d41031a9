// The projector app's model, driven through a fake connection: creating a game, resuming it from the
// stored secret (J3), the "next" button's one event per phase (R1), refusals shown to the host, and
// the answered count kept from going back to an older progress message.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHostModel, type HostPage } from '../../client/host/model';
import { fail } from '../../shared/protocol/errors';
import type { HostPhase, HostView } from '../../shared/protocol/views';
import { CONVERGES } from '../helpers/scenarios';
import { FakeConnection, MemoryStorage } from './fake-connection';

const SESSION_KEY = 'overshoot:host';
const SECRET = 'h'.repeat(32);
const KEY = 'k'.repeat(32);

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function hostView(version: number, phase: HostPhase, roundCount = 2): HostView {
  return {
    protocol: 1,
    role: 'host',
    version,
    serverNow: 0,
    code: '123456',
    roundCount,
    locked: false,
    settings: { secondsPerQuestion: 30, speedPoints: true },
    deckTitle: 'Test deck',
    joinUrl: 'http://127.0.0.1/join/123456',
    players: [],
    kicked: [],
    playerCount: 3,
    connectedCount: 3,
    phase,
  };
}

const question = (round: number, answered = 0): HostPhase => ({
  kind: 'question',
  round,
  task: { type: 'predict', scenario: CONVERGES },
  openedAt: 0,
  deadlineAt: 30_000,
  durationMs: 30_000,
  answered,
  total: 3,
});

function page(): HostPage & { shown: number } {
  return {
    shown: 0,
    instructorKey: () => KEY,
    showGame() {
      this.shown++;
    },
  };
}

/** A model whose host created a game with the built-in deck and sees `phase`. */
async function created(phase: HostPhase = { kind: 'lobby' }) {
  const connection = new FakeConnection();
  const model = createHostModel(connection, page());
  const creating = model.createGame();
  await connection.reply('host:create', {
    ok: true,
    code: '123456',
    hostSecret: SECRET,
    view: hostView(1, phase),
  });
  await creating;
  return { connection, model };
}

describe('create a game', () => {
  it('C1: Score by confidence in the setup asks the server for a game scored by confidence', () => {
    const connection = new FakeConnection();
    const model = createHostModel(connection, page());
    model.byConfidence.value = true;
    void model.createGame();
    expect(connection.pending()[0]?.payload).toMatchObject({ scoreBy: 'confidence' });
  });

  it('sends the deck, the settings and the instructor key, stores the secret and shows the game page', async () => {
    const connection = new FakeConnection();
    const shell = page();
    const model = createHostModel(connection, shell);
    expect(model.screen.value).toEqual({ kind: 'create', notice: null });
    model.secondsPerQuestion.value = 45;
    model.speedPoints.value = false;
    const creating = model.createGame();
    expect(model.busy.value).toBe(true);
    expect(connection.pending()).toEqual([
      {
        event: 'host:create',
        payload: {
          deck: { source: 'builtin' },
          instructorKey: KEY,
          secondsPerQuestion: 45,
          speedPoints: false,
          scoreBy: 'speed',
        },
        options: { retry: false },
      },
    ]);
    const view = hostView(1, { kind: 'lobby' });
    await connection.reply('host:create', { ok: true, code: '123456', hostSecret: SECRET, view });
    expect(await creating).toBe(true);
    expect(model.busy.value).toBe(false);
    expect(model.screen.value).toEqual({ kind: 'game', view });
    expect(connection.adopted).toEqual([view]);
    expect(connection.resume).toEqual({
      event: 'host:resume',
      payload: { code: '123456', hostSecret: SECRET },
    });
    expect(JSON.parse(storage.getItem(SESSION_KEY) ?? 'null')).toEqual({
      code: '123456',
      hostSecret: SECRET,
    });
    expect(shell.shown).toBe(1);
  });

  it('a generated deck names its difficulty, length and kinds of round', async () => {
    const connection = new FakeConnection();
    const model = createHostModel(connection, page());
    model.deckSource.value = 'generated';
    model.difficulty.value = 'hard';
    model.generatedRounds.value = 8;
    void model.createGame();
    expect(connection.pending()[0]?.payload).toMatchObject({
      deck: { source: 'generated', difficulty: 'hard', rounds: 8, kinds: ['predict'] },
    });
    model.mixedKinds.value = true;
    await connection.reply('host:create', fail('INTERNAL'));
    void model.createGame();
    expect(connection.pending()[0]?.payload).toMatchObject({
      deck: { kinds: ['predict', 'max-alpha', 'fastest'] },
    });
  });

  it('a saved deck goes by id; a second press while creating sends nothing more', async () => {
    const connection = new FakeConnection();
    const model = createHostModel(connection, page());
    void model.playDeck('deck-1');
    expect(await model.playDeck('deck-2')).toBe(false);
    expect(connection.pending()).toHaveLength(1);
    expect(connection.pending()[0]?.payload).toMatchObject({ deck: { source: 'saved', id: 'deck-1' } });
  });

  it('a refused create shows the server’s sentence and stores nothing', async () => {
    const connection = new FakeConnection();
    const shell = page();
    const model = createHostModel(connection, shell);
    const creating = model.playDeck('gone');
    await connection.reply('host:create', fail('DECK_NOT_FOUND', 'No deck has that id.'));
    expect(await creating).toBe(false);
    expect(model.createError.value).toBe('No deck has that id.');
    expect(model.busy.value).toBe(false);
    expect(model.screen.value.kind).toBe('create');
    expect(storage.getItem(SESSION_KEY)).toBeNull();
    expect(shell.shown).toBe(0);
  });
});

describe('J3: a reopened tab resumes the stored game', () => {
  it('presents the stored secret, shows "resuming", then the resumed view', () => {
    storage.setItem(SESSION_KEY, JSON.stringify({ code: '123456', hostSecret: SECRET }));
    const connection = new FakeConnection();
    const model = createHostModel(connection, page());
    expect(connection.resume).toEqual({
      event: 'host:resume',
      payload: { code: '123456', hostSecret: SECRET },
    });
    expect(model.screen.value).toEqual({ kind: 'resuming', code: '123456' });
    const view = hostView(7, { kind: 'leaderboard', round: 0, top: [] });
    connection.deliver(view);
    expect(model.screen.value).toEqual({ kind: 'game', view });
  });

  it.each([
    ['ROOM_NOT_FOUND', 'Your last game has ended. Start a new one.'],
    ['NOT_HOST', 'This browser is no longer the host of that game. Start a new one.'],
  ] as const)(
    'a resume refused with %s shows the create screen with a note and forgets the game',
    (code, notice) => {
      storage.setItem(SESSION_KEY, JSON.stringify({ code: '123456', hostSecret: SECRET }));
      const connection = new FakeConnection();
      const model = createHostModel(connection, page());
      connection.loseSession(code);
      expect(model.screen.value).toEqual({ kind: 'create', notice });
      expect(connection.resume).toBeNull();
      expect(storage.getItem(SESSION_KEY)).toBeNull();
    },
  );

  it('views are ignored on the create screen', () => {
    const connection = new FakeConnection();
    const model = createHostModel(connection, page());
    connection.deliver(hostView(3, { kind: 'lobby' }));
    expect(model.screen.value.kind).toBe('create');
  });

  it('follows the connection’s status across a reconnection', async () => {
    const { connection, model } = await created();
    connection.setStatus('online');
    connection.setStatus('offline');
    expect(model.status.value).toBe('offline');
    connection.setStatus('online');
    expect(model.status.value).toBe('online');
  });

  it('"New game" forgets the game', async () => {
    const { connection, model } = await created({
      kind: 'podium',
      standings: [],
      endedEarly: false,
      roundsPlayed: 2,
      reportId: null,
    });
    model.newGame();
    expect(model.screen.value).toEqual({ kind: 'create', notice: null });
    expect(connection.resume).toBeNull();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });
});

describe('R1: "next" sends the one step the phase calls for, naming its round', () => {
  const steps: Array<[HostPhase, string, string, object]> = [
    [{ kind: 'lobby' }, 'Start', 'round:start', { round: 0 }],
    [question(1), 'Reveal now', 'round:reveal', { round: 1 }],
    [{ kind: 'leaderboard', round: 0, top: [] }, 'Next question', 'round:start', { round: 1 }],
    [{ kind: 'leaderboard', round: 1, top: [] }, 'Final results', 'game:end', {}],
  ];
  it.each(steps)('%o: %s', async (phase, label, event, payload) => {
    const { connection, model } = await created(phase);
    expect(model.nextStep.value?.label).toBe(label);
    model.next();
    expect(connection.pending()).toEqual([
      { event, payload, options: { retry: true, held: expect.any(Function) } },
    ]);
  });

  it('nothing is next on the podium', async () => {
    const { connection, model } = await created({
      kind: 'podium',
      standings: [],
      endedEarly: false,
      roundsPlayed: 2,
      reportId: null,
    });
    expect(model.nextStep.value).toBeNull();
    model.next();
    expect(connection.pending()).toEqual([]);
  });

  it('"End game" needs a second click within 5 s', async () => {
    const { connection, model } = await created(question(0));
    model.endGame();
    expect(model.endArmed.value).toBe(true);
    expect(connection.pending()).toEqual([]);
    vi.advanceTimersByTime(5_000);
    expect(model.endArmed.value).toBe(false);
    model.endGame();
    model.endGame();
    expect(model.endArmed.value).toBe(false);
    expect(connection.pending()).toEqual([
      { event: 'game:end', payload: {}, options: { retry: true, held: expect.any(Function) } },
    ]);
  });

  it('PI9: "Ask its twin" names the revealed round; a refusal is shown', async () => {
    const { connection, model } = await created();
    void model.askTwin(0);
    expect(connection.pending().map((p) => [p.event, p.payload])).toEqual([['round:twin', { round: 0 }]]);
    await connection.reply('round:twin', fail('NO_PLAYERS'));
    expect(model.actionError.value).toBe('Wait until at least one player has joined.');
  });

  it('kick and lock name the player and the state', async () => {
    const { connection, model } = await created();
    model.kick(4);
    model.setLocked(true);
    expect(connection.pending().map((p) => [p.event, p.payload])).toEqual([
      ['player:kick', { playerId: 4 }],
      ['room:lock', { locked: true }],
    ]);
  });
});

describe('an error acknowledgement is shown to the host', () => {
  it('a refused step shows the server’s sentence', async () => {
    const { connection, model } = await created();
    model.next();
    await connection.reply('round:start', fail('NO_PLAYERS', 'Wait until at least one player has joined.'));
    expect(model.actionError.value).toBe('Wait until at least one player has joined.');
    // The next step clears it.
    model.next();
    expect(model.actionError.value).toBeNull();
  });

  it("a step waiting for the server's database shows its calm sentence, not an error, until it is answered", async () => {
    const { connection, model } = await created();
    model.next();
    const held = 'The server cannot save right now. It tries again by itself in a moment.';
    connection.pending()[0]?.options?.held?.(held);
    expect(model.actionHeld.value).toBe(held);
    expect(model.actionError.value).toBeNull();
    await connection.reply('round:start', { ok: true });
    expect(model.actionHeld.value).toBeNull();
    expect(model.actionError.value).toBeNull();
  });

  it.each(['WRONG_PHASE', 'WRONG_ROUND', 'GAME_OVER'] as const)(
    '%s (a repeated step, refused harmlessly) is not shown',
    async (code) => {
      const { connection, model } = await created();
      model.next();
      await connection.reply('round:start', fail(code));
      expect(model.actionError.value).toBeNull();
    },
  );
});

describe('a stale progress message does not move the answered count back', () => {
  it('the count follows progress for the open round, newer than the view, and the view otherwise', async () => {
    const { connection, model } = await created(question(0, 1));
    expect(model.answered.value).toEqual({ answered: 1, total: 3 });
    connection.deliverProgress({ version: 2, round: 0, answered: 2, total: 3 });
    expect(model.answered.value).toEqual({ answered: 2, total: 3 });
    // A newer view (a player joined) with its own count; progress from before it is stale.
    connection.deliver(hostView(5, question(0, 2)));
    connection.deliverProgress({ version: 4, round: 0, answered: 1, total: 3 });
    expect(model.answered.value).toEqual({ answered: 2, total: 3 });
    // Progress about another round does not count either.
    connection.deliverProgress({ version: 6, round: 1, answered: 3, total: 3 });
    expect(model.answered.value).toEqual({ answered: 2, total: 3 });
    connection.deliverProgress({ version: 6, round: 0, answered: 3, total: 3 });
    expect(model.answered.value).toEqual({ answered: 3, total: 3 });
  });

  it('no count outside a question', async () => {
    const { model } = await created();
    expect(model.answered.value).toBeNull();
  });
});

describe('the countdown', () => {
  it('server time is local time plus the connection’s offset, ticking while a question is open', async () => {
    vi.setSystemTime(2_000_000);
    const { connection, model } = await created(question(0));
    connection.offset = -500;
    vi.advanceTimersByTime(1_000);
    expect(model.serverNow.value).toBe(2_000_500);
    connection.deliver(hostView(2, { kind: 'leaderboard', round: 0, top: [] }));
    vi.advanceTimersByTime(1_000);
    expect(model.serverNow.value).toBe(2_000_500);
  });
});
