// The phone app's model, driven through a fake connection: what a student sees on join, on a reload
// (resume with the stored secret), across a reconnection, and when the server refuses something.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPlayerModel } from '../../client/player/model';
import { fail } from '../../shared/protocol/errors';
import type { PlayerPhase, PlayerView } from '../../shared/protocol/views';
import { CONVERGES } from '../helpers/scenarios';
import { FakeConnection, flush, MemoryStorage } from './fake-connection';

const SESSION_KEY = 'overshoot:player';
const SECRET = 's'.repeat(32);

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
  // The countdown ticks on an interval while a question is open; Date moves with it.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function playerView(version: number, phase: PlayerPhase, nickname = 'Ada'): PlayerView {
  return {
    protocol: 1,
    role: 'player',
    scoreBy: 'speed',
    version,
    serverNow: 0,
    code: '123456',
    roundCount: 3,
    me: { id: 0, nickname, score: 0, streak: 0, rank: 1 },
    phase,
  };
}

const LOBBY: PlayerPhase = { kind: 'lobby' };
const question = (round: number): PlayerPhase => ({
  kind: 'question',
  round,
  task: { type: 'predict', scenario: CONVERGES },
  openedAt: 0,
  deadlineAt: 30_000,
  durationMs: 30_000,
  answer: null,
});

function store(session: unknown) {
  storage.setItem(SESSION_KEY, JSON.stringify(session));
}

/** A model whose student joined game 123456 as Ada and sees `phase`. */
async function joined(phase: PlayerPhase = LOBBY) {
  const connection = new FakeConnection();
  const model = createPlayerModel(connection, '/');
  model.joinCode.value = '123456';
  model.joinNickname.value = 'Ada';
  const joining = model.join();
  await connection.reply('player:join', {
    ok: true,
    playerId: 0,
    playerSecret: SECRET,
    view: playerView(1, phase),
  });
  await joining;
  return { connection, model };
}

describe('join', () => {
  it('sends the code and the nickname, stores the secret, presents it after a reconnection and shows the view', async () => {
    const connection = new FakeConnection();
    const model = createPlayerModel(connection, '/');
    expect(model.screen.value).toEqual({ kind: 'join', notice: null });
    model.joinCode.value = '123 456';
    model.joinNickname.value = '  Ada ';
    const joining = model.join();
    expect(model.joining.value).toBe(true);
    const [sent] = connection.pending();
    expect(sent).toMatchObject({
      event: 'player:join',
      payload: { code: '123456', nickname: 'Ada' },
      options: { retry: true },
    });
    // The request id makes a retried join the same join.
    expect(sent?.payload).toHaveProperty('requestId', expect.stringMatching(/^[A-Za-z0-9_-]{22}$/));

    const view = playerView(1, LOBBY);
    await connection.reply('player:join', { ok: true, playerId: 0, playerSecret: SECRET, view });
    await joining;
    expect(model.joining.value).toBe(false);
    expect(model.screen.value).toEqual({ kind: 'game', view });
    expect(connection.adopted).toEqual([view]);
    expect(connection.resume).toEqual({
      event: 'player:resume',
      payload: { code: '123456', playerSecret: SECRET },
    });
    expect(JSON.parse(storage.getItem(SESSION_KEY) ?? 'null')).toEqual({
      code: '123456',
      playerSecret: SECRET,
      nickname: 'Ada',
    });
  });

  it('a /join/CODE address fills in the code', () => {
    const model = createPlayerModel(new FakeConnection(), '/join/654321');
    expect(model.joinCode.value).toBe('654321');
    expect(model.screen.value.kind).toBe('join');
  });

  it('a code that is not six digits, or no nickname, is refused before anything is sent', async () => {
    const connection = new FakeConnection();
    const model = createPlayerModel(connection, '/');
    model.joinCode.value = '12345';
    model.joinNickname.value = 'Ada';
    await model.join();
    expect(model.joinError.value).toBe('The room code is the six digits on the projector.');
    model.joinCode.value = '123456';
    model.joinNickname.value = '   ';
    await model.join();
    expect(model.joinError.value).toBe('Please type a nickname.');
    expect(connection.pending()).toEqual([]);
  });

  it('a second press while joining sends nothing more', async () => {
    const connection = new FakeConnection();
    const model = createPlayerModel(connection, '/');
    model.joinCode.value = '123456';
    model.joinNickname.value = 'Ada';
    void model.join();
    await model.join();
    expect(connection.pending()).toHaveLength(1);
  });
});

describe('an error acknowledgement is shown to the student', () => {
  it('a refused join shows the server’s sentence and stores nothing', async () => {
    const connection = new FakeConnection();
    const model = createPlayerModel(connection, '/');
    model.joinCode.value = '123456';
    model.joinNickname.value = 'Ada';
    const joining = model.join();
    await connection.reply('player:join', fail('NAME_TAKEN'));
    await joining;
    expect(model.joinError.value).toBe(
      'Someone in this game already has that nickname. Please pick another.',
    );
    expect(model.joining.value).toBe(false);
    expect(model.screen.value.kind).toBe('join');
    expect(storage.getItem(SESSION_KEY)).toBeNull();
    expect(connection.resume).toBeNull();
  });

  it('A4: ROUND_CLOSED: the sentence shows and the tapped answer stays on screen', async () => {
    const { connection, model } = await joined(question(0));
    const answering = model.answer('converges');
    expect(model.sentAnswer.value).toEqual({ round: 0, choice: 'converges', acknowledged: false });
    expect(connection.pending()).toEqual([
      {
        event: 'answer:submit',
        payload: { round: 0, choice: 'converges' },
        options: { retry: true, held: expect.any(Function) },
      },
    ]);
    await connection.reply('answer:submit', fail('ROUND_CLOSED'));
    await answering;
    expect(model.answerError.value).toBe(fail('ROUND_CLOSED').message);
    expect(model.sentAnswer.value).toEqual({ round: 0, choice: 'converges', acknowledged: false });
  });

  it('another refusal shows the sentence and lets the student answer again', async () => {
    const { connection, model } = await joined(question(0));
    const answering = model.answer('diverges');
    await connection.reply('answer:submit', fail('WRONG_ANSWER_TYPE', 'Pick one of the options.'));
    await answering;
    expect(model.answerError.value).toBe('Pick one of the options.');
    expect(model.sentAnswer.value).toBeNull();
    void model.answer('converges');
    expect(connection.pending()).toHaveLength(1);
  });

  it('A2: ALREADY_ANSWERED counts as acknowledged (a retry of an answer the server has)', async () => {
    const { connection, model } = await joined(question(0));
    const answering = model.answer('zigzag');
    await connection.reply('answer:submit', fail('ALREADY_ANSWERED'));
    await answering;
    expect(model.answerError.value).toBeNull();
    expect(model.sentAnswer.value).toEqual({ round: 0, choice: 'zigzag', acknowledged: true });
  });

  it("STORE_UNAVAILABLE: the server's calm sentence shows while the answer waits, no error; then it locks in", async () => {
    const { connection, model } = await joined(question(0));
    const answering = model.answer('zigzag');
    // The connection sends it again by itself (client/net/connection.ts); the model hears why it waits.
    const held = 'The server cannot save right now. Your answer will be sent again in a moment.';
    connection.pending()[0]?.options?.held?.(held);
    expect(model.sentAnswer.value).toEqual({ round: 0, choice: 'zigzag', acknowledged: false, held });
    expect(model.answerError.value).toBeNull();
    await connection.reply('answer:submit', { ok: true, round: 0, choice: 'zigzag', elapsedMs: 1200 });
    await answering;
    expect(model.sentAnswer.value).toEqual({ round: 0, choice: 'zigzag', acknowledged: true });
    expect(model.answerError.value).toBeNull();
  });

  it('A1: one tap per round: a second choice is not sent', async () => {
    const { connection, model } = await joined(question(0));
    void model.answer('zigzag');
    await model.answer('converges');
    expect(connection.pending()).toHaveLength(1);
    expect(model.sentAnswer.value?.choice).toBe('zigzag');
  });
});

describe('J2: a reload resumes with the stored secret', () => {
  it('presents the stored secret and shows "rejoining" until the view comes', async () => {
    store({ code: '123456', playerSecret: SECRET, nickname: 'Ada' });
    const connection = new FakeConnection();
    const model = createPlayerModel(connection, '/');
    expect(connection.resume).toEqual({
      event: 'player:resume',
      payload: { code: '123456', playerSecret: SECRET },
    });
    expect(model.screen.value).toEqual({ kind: 'rejoining', code: '123456', nickname: 'Ada' });
    expect(model.joinNickname.value).toBe('Ada');
    const view = playerView(9, LOBBY);
    connection.deliver(view);
    expect(model.screen.value).toEqual({ kind: 'game', view });
  });

  it('the QR address of the same game resumes too', () => {
    store({ code: '123456', playerSecret: SECRET, nickname: 'Ada' });
    const connection = new FakeConnection();
    createPlayerModel(connection, '/join/123456');
    expect(connection.resume?.payload).toEqual({ code: '123456', playerSecret: SECRET });
  });

  it('the QR address of another game starts afresh and forgets the stored session', () => {
    store({ code: '123456', playerSecret: SECRET, nickname: 'Ada' });
    const connection = new FakeConnection();
    const model = createPlayerModel(connection, '/join/654321');
    expect(connection.resume).toBeNull();
    expect(model.screen.value).toEqual({ kind: 'join', notice: null });
    expect(model.joinCode.value).toBe('654321');
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('a stored session of the wrong shape is ignored', () => {
    store({ code: '123456', nickname: 'Ada' });
    const connection = new FakeConnection();
    const model = createPlayerModel(connection, '/');
    expect(connection.resume).toBeNull();
    expect(model.screen.value.kind).toBe('join');
  });

  it.each([
    ['KICKED', 'The host removed you from this game.'],
    ['UNKNOWN_PLAYER', 'That game no longer knows you. Join again with the code on the projector.'],
    ['ROOM_NOT_FOUND', 'Your last game has ended. Join a new one with the code on the projector.'],
  ] as const)(
    'a resume refused with %s shows the join screen with a note and forgets the session',
    (code, notice) => {
      store({ code: '123456', playerSecret: SECRET, nickname: 'Ada' });
      const connection = new FakeConnection();
      const model = createPlayerModel(connection, '/');
      connection.loseSession(code);
      expect(model.screen.value).toEqual({ kind: 'join', notice });
      expect(model.joinCode.value).toBe('');
      expect(connection.resume).toBeNull();
      expect(storage.getItem(SESSION_KEY)).toBeNull();
    },
  );

  it('"Join another game" while rejoining goes back to a blank form', () => {
    store({ code: '123456', playerSecret: SECRET, nickname: 'Ada' });
    const connection = new FakeConnection();
    const model = createPlayerModel(connection, '/');
    model.startOver();
    expect(model.screen.value).toEqual({ kind: 'join', notice: null });
    expect(connection.resume).toBeNull();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });
});

describe('J2: reconnect', () => {
  it('follows the connection’s status, and the resumed view replaces the screen', async () => {
    const { connection, model } = await joined(question(0));
    connection.setStatus('online');
    expect(model.status.value).toBe('online');
    connection.setStatus('offline');
    expect(model.status.value).toBe('offline');
    // The game went on while the phone was away.
    connection.setStatus('online');
    const later = playerView(5, { kind: 'leaderboard', round: 0, playerCount: 4 });
    connection.deliver(later);
    expect(model.screen.value).toEqual({ kind: 'game', view: later });
  });

  it('an answer sent before the connection dropped is acknowledged after it comes back', async () => {
    const { connection, model } = await joined(question(0));
    const answering = model.answer('converges');
    connection.setStatus('offline');
    connection.setStatus('online');
    connection.deliver(playerView(2, question(0)));
    expect(model.sentAnswer.value).toEqual({ round: 0, choice: 'converges', acknowledged: false });
    await connection.reply('answer:submit', { ok: true, round: 0, choice: 'converges', elapsedMs: 1200 });
    await answering;
    expect(model.sentAnswer.value).toEqual({ round: 0, choice: 'converges', acknowledged: true });
  });

  it('an acknowledgement that arrives after the round moved on changes nothing', async () => {
    const { connection, model } = await joined(question(0));
    const answering = model.answer('converges');
    connection.deliver(playerView(3, { kind: 'leaderboard', round: 0, playerCount: 4 }));
    expect(model.sentAnswer.value).toBeNull();
    await connection.reply('answer:submit', fail('ROUND_CLOSED'));
    await answering;
    expect(model.sentAnswer.value).toBeNull();
    expect(model.answerError.value).toBeNull();
  });

  it('H2: a view saying the player was removed shows the join screen with a note', async () => {
    const { connection, model } = await joined();
    connection.deliver(playerView(4, { kind: 'kicked' }));
    expect(model.screen.value).toEqual({ kind: 'join', notice: 'The host removed you from this game.' });
    expect(connection.resume).toBeNull();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('views are ignored on the join screen (a refused session must not come back)', () => {
    const connection = new FakeConnection();
    const model = createPlayerModel(connection, '/');
    connection.deliver(playerView(4, LOBBY));
    expect(model.screen.value.kind).toBe('join');
  });
});

describe('the countdown', () => {
  it('server time is local time plus the connection’s offset, ticking while a question is open', async () => {
    vi.setSystemTime(1_000_000);
    const { connection, model } = await joined(LOBBY);
    connection.offset = 250;
    connection.deliver(playerView(2, question(0)));
    vi.advanceTimersByTime(1_000);
    expect(model.serverNow()).toBe(1_001_250);
    connection.deliver(playerView(3, { kind: 'leaderboard', round: 0, playerCount: 4 }));
    vi.advanceTimersByTime(1_000);
    // Stands still outside a question, so an idle phone does not re-render.
    expect(model.serverNow()).toBe(1_001_250);
    await flush();
  });
});

describe('J5 the device id', () => {
  it('is made once, kept in storage and sent with every join, also after the host removed the player', async () => {
    const connection = new FakeConnection();
    const model = createPlayerModel(connection, '/');
    model.joinCode.value = '123456';
    model.joinNickname.value = 'Ada';
    const joining = model.join();
    const [first] = connection.pending();
    const device: unknown = JSON.parse(storage.getItem('overshoot:device') ?? 'null');
    expect(device).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{22}$/));
    expect(first?.payload).toMatchObject({ device });
    await connection.reply('player:join', {
      ok: true,
      playerId: 0,
      playerSecret: SECRET,
      view: playerView(1, LOBBY),
    });
    await joining;

    connection.deliver(playerView(4, { kind: 'kicked' }));
    model.joinCode.value = '123456';
    model.joinNickname.value = 'Someone else';
    const again = model.join();
    const [sent] = connection.pending();
    expect(sent?.payload).toMatchObject({ nickname: 'Someone else', device });
    await connection.reply('player:join', fail('KICKED'));
    await again;
    expect(model.joinError.value).toBe('The host removed you from this game.');
  });
});
