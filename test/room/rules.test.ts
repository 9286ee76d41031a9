// The game rules, one per test, named after their ids in README "Game rules".
import { describe, expect, it } from 'vitest';
import { reduce } from '../../server/room/reduce';
import { rank } from '../../server/room/scoring';
import { type Command, MAX_PLAYERS, type RoomState } from '../../server/room/state';
import { toHostView, toPlayerView } from '../../server/room/views';
import { CONVERGES, DIVERGES, OSCILLATES, ZIGZAG } from '../helpers/scenarios';
import { HOST, makeRoom, openRound, ROUND_MS, step, T0, withPlayers } from './helpers';

const answer = (playerId: number, choice: 'converges' | 'zigzag' | 'diverges', round = 0): Command => ({
  type: 'answer',
  playerId,
  round,
  choice,
});
const reveal = (round: number): Command => ({ type: 'reveal', by: HOST, round });
const refusal = (state: RoomState, command: Command, now = T0) => {
  const r = reduce(state, command, now);
  return r.ok ? 'accepted' : r.error;
};
/** Plays rounds 0..n−1 where player 0 answers correctly at `elapsedMs` each time. */
function playCorrectRounds(rounds: number, elapsedMs: number, opts: Parameters<typeof makeRoom>[0] = {}) {
  let s = withPlayers(makeRoom({ rounds: new Array(rounds).fill(ZIGZAG), ...opts }), 1);
  let now = T0;
  const points: number[] = [];
  for (let r = 0; r < rounds; r++) {
    s = step(s, { type: 'start', by: HOST, round: r }, now);
    s = step(s, answer(0, 'zigzag', r), now + elapsedMs); // sole player: closes the round at once
    points.push(s.results[r]!.answers[0]!.points);
    now += ROUND_MS * 2;
  }
  return { state: s, points };
}

describe('S1 speed scoring: 1000 × (1 − t/T/2), rounded', () => {
  it.each([
    [0, 1000], // t = 0: 1000 × (1 − 0) = 1000
    [ROUND_MS / 2, 750], // t = T/2: 1000 × (1 − 1/4) = 750
    [ROUND_MS, 500], // t = T: 1000 × (1 − 1/2) = 500, the floor for a correct answer
    [ROUND_MS / 3, 833], // t = T/3: 1000 × (1 − 1/6) = 833.33 → 833
    [1, 1000], // t = 1 ms: 1000 × (1 − 1/60000) = 999.98 → 1000
  ])('a correct answer at t = %i ms earns %i', (t, expected) => {
    let s = openRound(2);
    s = step(s, answer(0, 'zigzag'), T0 + t);
    s = step(s, answer(1, 'diverges'), T0 + t);
    expect(s.results[0]!.answers[0]!.points).toBe(expected);
    expect(s.players[0]!.score).toBe(expected);
  });
});

describe('S2 streak bonus: +100 per consecutive correct answer before this one, capped at +500', () => {
  it('bonuses run 0, 100, 200, 300, 400, 500, 500', () => {
    const { state, points } = playCorrectRounds(7, 0);
    expect(points).toEqual([1000, 1100, 1200, 1300, 1400, 1500, 1500]);
    expect(state.players[0]!.streak).toBe(7);
    expect(state.players[0]!.score).toBe(9000);
  });
});

describe('S3 speed points off: every correct answer earns 1000 plus the streak bonus', () => {
  it('a slow correct answer still earns 1000, the next one 1100', () => {
    const { points } = playCorrectRounds(2, ROUND_MS - 1, { speedPoints: false });
    expect(points).toEqual([1000, 1100]);
  });
});

describe('S4 wrong or missing answers earn 0 and reset the streak', () => {
  it('wrong answer', () => {
    let s = withPlayers(makeRoom({ rounds: [ZIGZAG, ZIGZAG, ZIGZAG] }), 1);
    s = step(s, { type: 'start', by: HOST, round: 0 });
    s = step(s, answer(0, 'zigzag', 0));
    s = step(s, { type: 'start', by: HOST, round: 1 }, T0 + 60_000);
    s = step(s, answer(0, 'diverges', 1), T0 + 60_000);
    expect(s.results[1]!.answers[0]).toMatchObject({ correct: false, points: 0 });
    expect(s.players[0]!.streak).toBe(0);
    s = step(s, { type: 'start', by: HOST, round: 2 }, T0 + 120_000);
    s = step(s, answer(0, 'zigzag', 2), T0 + 120_000);
    expect(s.results[2]!.answers[0]!.points).toBe(1000); // no bonus: the streak restarted
  });

  it('missing answer', () => {
    let s = openRound(2);
    s = step(s, answer(0, 'zigzag'));
    s = step(s, { type: 'deadline', round: 0 }, T0 + ROUND_MS);
    expect(s.results[0]!.answers[1]).toBeNull();
    expect(s.players[1]).toMatchObject({ score: 0, streak: 0 });
  });
});

describe('S5 ties in the ranking go to the smaller total answer time', () => {
  it('equal scores: the faster player ranks first; a missing answer counts as the full time', () => {
    let s = openRound(3, { speedPoints: false });
    s = step(s, answer(0, 'zigzag'), T0 + 9000);
    s = step(s, answer(1, 'zigzag'), T0 + 4000);
    s = step(s, { type: 'deadline', round: 0 }, T0 + ROUND_MS);
    const { order, rankOf } = rank(s.players);
    expect(order.map((p) => p.id)).toEqual([1, 0, 2]);
    expect(rankOf).toEqual([2, 1, 3]);
    expect(s.players[2]!.answerMs).toBe(ROUND_MS);
  });

  it('equal score and equal time share a rank', () => {
    let s = openRound(2);
    s = step(s, answer(0, 'zigzag'), T0 + 1000);
    s = step(s, answer(1, 'zigzag'), T0 + 1000);
    expect(rank(s.players).rankOf).toEqual([1, 1]);
  });
});

describe('S6 a round no answer can win (the exact r = 2 bounce) scores nobody and keeps streaks', () => {
  it('oscillates: 0 points, streak unchanged', () => {
    let s = withPlayers(makeRoom({ rounds: [ZIGZAG, OSCILLATES] }), 1);
    s = step(s, { type: 'start', by: HOST, round: 0 });
    s = step(s, answer(0, 'zigzag', 0));
    s = step(s, { type: 'start', by: HOST, round: 1 }, T0 + 60_000);
    s = step(s, answer(0, 'diverges', 1), T0 + 60_000);
    expect(s.results[1]).toMatchObject({ scored: false });
    const host = toHostView(s, T0 + 60_000, 'http://x').phase;
    expect(host.kind === 'reveal' && host.type === 'predict' && host.detail.simulation.outcome).toBe(
      'oscillates',
    );
    expect(s.players[0]).toMatchObject({ score: 1000, streak: 1 });
  });
});

describe('A1–A4 one answer per student per round', () => {
  it('A2 an identical resend gets the original receipt and is never counted twice', () => {
    let s = openRound(3);
    const first = reduce(s, answer(0, 'zigzag'), T0 + 2000);
    expect(first.ok).toBe(true);
    s = first.ok ? first.state : s;
    const again = reduce(s, answer(0, 'zigzag'), T0 + 7000);
    expect(again).toMatchObject({ ok: true, receipt: { round: 0, choice: 'zigzag', elapsedMs: 2000 } });
    expect(again.ok && again.state).toBe(s); // nothing changed, not even the version
    expect(s.phase).toMatchObject({ kind: 'question', answered: 1 });
  });

  it('A3 a different answer after the first is refused', () => {
    const s = step(openRound(3), answer(0, 'zigzag'));
    expect(refusal(s, answer(0, 'diverges'))).toBe('ALREADY_ANSWERED');
  });

  it('A4 an answer after the round closed is refused with the reason', () => {
    let s = openRound(2);
    s = step(s, reveal(0));
    expect(refusal(s, answer(0, 'zigzag'))).toBe('ROUND_CLOSED');
  });

  it('A4 the deadline decides even before the timer has fired', () => {
    const s = openRound(2);
    expect(refusal(s, answer(0, 'zigzag'), T0 + ROUND_MS + 1)).toBe('ROUND_CLOSED');
    expect(refusal(s, answer(0, 'zigzag'), T0 + ROUND_MS)).toBe('accepted');
  });

  it('A2 a resend after the close still gets the original receipt', () => {
    let s = step(openRound(2), answer(0, 'zigzag'), T0 + 1500);
    s = step(s, reveal(0), T0 + 3000);
    expect(reduce(s, answer(0, 'zigzag'), T0 + 9000)).toMatchObject({
      ok: true,
      receipt: { elapsedMs: 1500 },
    });
  });

  it('an answer for a round that has not opened is refused', () => {
    expect(refusal(openRound(2), answer(0, 'zigzag', 1))).toBe('WRONG_ROUND');
    expect(refusal(withPlayers(makeRoom(), 1), answer(0, 'zigzag', 0))).toBe('WRONG_ROUND');
  });
});

describe('R1 the flow: lobby → question → reveal → leaderboard → … → podium', () => {
  it('three rounds to the podium, each step naming its round', () => {
    let s = withPlayers(makeRoom(), 2);
    expect(refusal(s, { type: 'start', by: HOST, round: 1 })).toBe('WRONG_ROUND');
    for (let r = 0; r < 3; r++) {
      s = step(s, { type: 'start', by: HOST, round: r });
      expect(s.phase).toMatchObject({ kind: 'question', round: r });
      expect(refusal(s, { type: 'start', by: HOST, round: r + 1 })).toBe('WRONG_PHASE');
      s = step(s, reveal(r));
      expect(s.phase).toEqual({ kind: 'reveal', round: r });
      // A double press does not skip a screen: the second reveal is refused.
      expect(refusal(s, reveal(r))).toBe('WRONG_PHASE');
      s = step(s, { type: 'leaderboard', by: HOST, round: r });
      expect(s.phase).toEqual({ kind: 'leaderboard', round: r });
    }
    expect(refusal(s, { type: 'start', by: HOST, round: 3 })).toBe('WRONG_ROUND');
    s = step(s, { type: 'end', by: HOST }, T0 + 5000);
    expect(s.phase).toEqual({ kind: 'podium', endedAt: T0 + 5000, endedEarly: false });
    expect(refusal(s, { type: 'end', by: HOST })).toBe('GAME_OVER');
  });

  it('a game cannot start without players', () => {
    expect(refusal(makeRoom(), { type: 'start', by: HOST, round: 0 })).toBe('NO_PLAYERS');
  });

  it('the question lasts the deck round’s own seconds when it has them', () => {
    let s = withPlayers(makeRoom(), 1);
    s = { ...s, deck: { ...s.deck, rounds: [{ type: 'predict', scenario: ZIGZAG, seconds: 12 }] } };
    s = step(s, { type: 'start', by: HOST, round: 0 });
    expect(s.phase).toMatchObject({ durationMs: 12_000, deadlineAt: T0 + 12_000 });
  });

  it('every version is larger than the one before', () => {
    const a = withPlayers(makeRoom(), 1);
    const b = step(a, { type: 'lock', by: HOST, locked: true });
    expect(b.version).toBe(a.version + 1);
  });
});

describe('R2 a round closes at the deadline, when every connected player has answered, or on the host’s reveal', () => {
  it('deadline', () => {
    const s = step(openRound(2), { type: 'deadline', round: 0 }, T0 + ROUND_MS);
    expect(s.phase.kind).toBe('reveal');
    expect(s.results[0]!.closedBy).toBe('deadline');
  });

  it('all connected players answered, a disconnected one is not waited for', () => {
    let s = openRound(3);
    s = step(s, { type: 'presence', playerId: 2, connected: false });
    s = step(s, answer(0, 'zigzag'));
    expect(s.phase.kind).toBe('question');
    s = step(s, answer(1, 'converges'));
    expect(s.phase.kind).toBe('reveal');
    expect(s.results[0]).toMatchObject({ closedBy: 'all-answered', eligible: 2 });
  });

  it('the last unanswered player leaving closes the round', () => {
    let s = step(openRound(2), answer(0, 'zigzag'));
    s = step(s, { type: 'presence', playerId: 1, connected: false });
    expect(s.phase.kind).toBe('reveal');
  });

  it('nobody answering and everybody leaving does not close it early', () => {
    let s = openRound(1);
    s = step(s, { type: 'presence', playerId: 0, connected: false });
    expect(s.phase.kind).toBe('question');
  });

  it('host reveal', () => {
    const s = step(openRound(2), reveal(0));
    expect(s.results[0]!.closedBy).toBe('host');
  });
});

describe('R3 a stale deadline is ignored', () => {
  it('round 0’s deadline arriving during round 1 changes nothing', () => {
    let s = step(openRound(1), answer(0, 'zigzag'));
    s = step(s, { type: 'start', by: HOST, round: 1 }, T0 + 5000);
    const stale = reduce(s, { type: 'deadline', round: 0 }, T0 + ROUND_MS);
    expect(stale.ok && stale.state).toBe(s);
  });

  it('a deadline that has not passed yet changes nothing', () => {
    const s = openRound(1);
    const early = reduce(s, { type: 'deadline', round: 0 }, T0 + ROUND_MS - 1);
    expect(early.ok && early.state).toBe(s);
  });
});

describe('R4 ending the game early scores the open question and shows the podium', () => {
  it('answers already given count', () => {
    let s = step(openRound(2), answer(0, 'zigzag'), T0 + ROUND_MS / 2);
    s = step(s, { type: 'end', by: HOST }, T0 + ROUND_MS / 2);
    expect(s.phase).toMatchObject({ kind: 'podium', endedEarly: true });
    expect(s.players[0]!.score).toBe(750);
    expect(s.results[0]!.closedBy).toBe('game-ended');
  });
});

describe('J1 late joiners come in with 0 points unless the room is locked', () => {
  it('a late joiner starts at 0 and can answer the open question', () => {
    let s = step(openRound(1), answer(0, 'zigzag'));
    s = step(s, { type: 'start', by: HOST, round: 1 }, T0 + 60_000);
    s = step(s, { type: 'join', nickname: 'Late', secret: 'late-secret-padding-xx' }, T0 + 61_000);
    expect(s.players[1]).toMatchObject({ nickname: 'Late', score: 0, streak: 0 });
    s = step(s, answer(1, 'diverges', 1), T0 + 61_000);
    s = step(s, reveal(1), T0 + 62_000);
    expect(s.results[1]!.answers[1]).toMatchObject({ correct: true, points: 983 }); // t = 1 s: 1000 × (1 − 1/60) = 983.3
  });

  it('a locked room refuses new players, and unlocking lets them in', () => {
    let s = step(withPlayers(makeRoom(), 1), { type: 'lock', by: HOST, locked: true });
    expect(refusal(s, { type: 'join', nickname: 'New', secret: 'x-secret-padding-xxxxx' })).toBe(
      'ROOM_LOCKED',
    );
    s = step(s, { type: 'lock', by: HOST, locked: false });
    expect(refusal(s, { type: 'join', nickname: 'New', secret: 'x-secret-padding-xxxxx' })).toBe('accepted');
  });

  it('a finished game takes nobody', () => {
    const s = step(withPlayers(makeRoom(), 1), { type: 'end', by: HOST });
    expect(refusal(s, { type: 'join', nickname: 'New', secret: 'x-secret-padding-xxxxx' })).toBe('GAME_OVER');
  });

  it(`a room holds at most ${MAX_PLAYERS} players`, () => {
    const s = withPlayers(makeRoom(), MAX_PLAYERS);
    expect(refusal(s, { type: 'join', nickname: 'One more', secret: 'x-secret-padding-xxxxx' })).toBe(
      'ROOM_FULL',
    );
  });
});

describe('N1 nicknames: 1–20 characters after trimming and NFKC, no control characters, unique ignoring case', () => {
  const join = (s: RoomState, nickname: string) =>
    reduce(s, { type: 'join', nickname, secret: 's-secret-padding-xxxxx' }, T0);
  it.each([
    ['  Ada  ', 'Ada'],
    ['Ａｄａ', 'Ada'], // full-width letters fold under NFKC
    ['ﬁona', 'fiona'], // the ﬁ ligature too
    ['李小龍', '李小龍'],
    ['🦊 fox', '🦊 fox'],
    ['x'.repeat(20), 'x'.repeat(20)],
    ['<b>bold</b>', '<b>bold</b>'], // kept as text; the apps render it as text
  ])('%j is accepted as %j', (raw, stored) => {
    const r = join(makeRoom(), raw);
    expect(r.ok && r.state.players[0]!.nickname).toBe(stored);
  });

  it.each([
    [''],
    ['   '],
    ['x'.repeat(21)],
    ['a\u0007b'],
    ['evil\u202Eeman'],
    ['zero\u200Bwidth'],
    ['new\nline'],
  ])('%j is refused', (raw) => {
    expect(join(makeRoom(), raw)).toMatchObject({ ok: false, error: 'NAME_INVALID' });
  });

  it('a name that differs only by case, or by full-width form, is taken', () => {
    const s = withPlayers(makeRoom(), 1); // "Player 1"
    expect(join(s, 'PLAYER 1')).toMatchObject({ ok: false, error: 'NAME_TAKEN' });
    expect(join(s, 'Ｐｌａｙｅｒ 1')).toMatchObject({ ok: false, error: 'NAME_TAKEN' });
  });
});

describe('H1 only the host can start, reveal, advance, kick, lock or end', () => {
  const hostCommands = (by: { role: 'player'; playerId: number } | { role: 'stranger' }): Command[] => [
    { type: 'start', by, round: 0 },
    { type: 'reveal', by, round: 0 },
    { type: 'leaderboard', by, round: 0 },
    { type: 'end', by },
    { type: 'kick', by, playerId: 0 },
    { type: 'lock', by, locked: true },
  ];
  it.each([
    ['a player', { role: 'player', playerId: 0 } as const],
    ['a stranger', { role: 'stranger' } as const],
  ])('%s gets NOT_HOST for every host command', (_who, by) => {
    const lobby = withPlayers(makeRoom(), 2);
    const question = openRound(2);
    for (const s of [lobby, question])
      for (const c of hostCommands(by)) expect(refusal(s, c)).toBe('NOT_HOST');
  });
});

describe('H2 kicking', () => {
  it('a kicked player is out of the ranking and cannot answer', () => {
    let s = step(openRound(3), { type: 'kick', by: HOST, playerId: 1 });
    expect(s.players[1]).toMatchObject({ kicked: true, connected: false });
    expect(refusal(s, answer(1, 'zigzag'))).toBe('KICKED');
    s = step(s, answer(0, 'zigzag'));
    s = step(s, answer(2, 'zigzag'));
    expect(s.phase.kind).toBe('reveal'); // the kicked player is not waited for
    expect(rank(s.players).order.map((p) => p.id)).not.toContain(1);
  });

  it('the kicked nickname cannot be taken again', () => {
    const s = step(withPlayers(makeRoom(), 1), { type: 'kick', by: HOST, playerId: 0 });
    expect(refusal(s, { type: 'join', nickname: 'player 1', secret: 'z-secret-padding-xxxxx' })).toBe(
      'NAME_TAKEN',
    );
  });
});

describe('outcomes come from the engine', () => {
  it.each([
    [CONVERGES, 'converges'],
    [ZIGZAG, 'zigzag'],
    [DIVERGES, 'diverges'],
  ] as const)('round closes with the engine’s outcome', (scenario, outcome) => {
    let s = withPlayers(makeRoom({ rounds: [scenario] }), 1);
    s = step(s, { type: 'start', by: HOST, round: 0 });
    s = step(s, answer(0, outcome));
    expect(s.results[0]!.answers[0]).toMatchObject({ correct: true });
    const host = toHostView(s, T0, 'http://x').phase;
    expect(host.kind === 'reveal' && host.type === 'predict' && host.detail.simulation.outcome).toBe(outcome);
    expect(toPlayerView(s, 0, T0).phase).toMatchObject({ verdict: { outcome } });
  });
});
