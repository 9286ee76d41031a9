// Peer Instruction (README "Game rules" PI1–PI7): a prediction's first vote, a discussion, a second
// vote, then the reveal. Through the reducer and the views, with time given.
import { describe, expect, it } from 'vitest';
import { reduce } from '../../server/room/reduce';
import type { Command, RoomState } from '../../server/room/state';
import { toHostView, toPlayerView } from '../../server/room/views';
import { DISCUSSION_EXTEND_MS, DISCUSSION_MS } from '../../shared/protocol/views';
import { HOST, makeRoom, ROUND_MS, step, T0, withPlayers } from './helpers';

type Choice = 'converges' | 'zigzag' | 'diverges';
const answer = (playerId: number, choice: Choice, round = 0): Command => ({
  type: 'answer',
  playerId,
  round,
  choice,
});
const refusal = (state: RoomState, command: Command, now = T0) => {
  const r = reduce(state, command, now);
  return r.ok ? 'accepted' : r.error;
};

/** A game with Peer Instruction on (round 0 is a zig-zag), `n` players, round 0 open at T0. */
function peerRoom(n: number, band = { low: 30, high: 70 }): RoomState {
  const room = makeRoom();
  const s = withPlayers({ ...room, settings: { ...room.settings, peerInstruction: band } }, n);
  return step(s, { type: 'start', by: HOST, round: 0 }, T0);
}

/** Players answer the open vote in order, one second apart from `at`. */
function vote(s: RoomState, choices: Choice[], at = T0): RoomState {
  let state = s;
  choices.forEach((c, id) => {
    state = step(state, answer(id, c), at + 1000 * (id + 1));
  });
  return state;
}

const hostPhase = (s: RoomState) => toHostView(s, T0, 'http://x/join/123456').phase;

describe('PI1 a first vote closes to the votes, unscored and unrevealed', () => {
  it('all answered: the votes phase, no result, no score, and no phone learns the outcome', () => {
    const s = vote(peerRoom(3), ['zigzag', 'diverges', 'converges']);
    expect(s.phase.kind).toBe('votes');
    expect(s.results).toEqual([]);
    expect(s.players.map((p) => p.score)).toEqual([0, 0, 0]);
    const phone = toPlayerView(s, 0, T0).phase;
    expect(phone).toEqual({ kind: 'votes', round: 0, answer: 'zigzag' });
    const json = JSON.stringify(toPlayerView(s, 0, T0));
    expect(json).not.toMatch(/correct|outcome|explanation|trajectory/);
  });

  it('the deadline and the host close the first vote to the votes too', () => {
    const byDeadline = step(vote(peerRoom(3), ['zigzag']), { type: 'deadline', round: 0 }, T0 + ROUND_MS);
    expect(byDeadline.phase.kind).toBe('votes');
    const byHost = step(vote(peerRoom(3), ['zigzag']), { type: 'reveal', by: HOST, round: 0 }, T0 + 5000);
    expect(byHost.phase).toMatchObject({ kind: 'votes', first: { closedBy: 'host' } });
  });

  it('the projector gets the counts and the main action, never the right option nor the share', () => {
    const s = vote(peerRoom(4), ['zigzag', 'diverges', 'zigzag', 'converges']);
    const phase = hostPhase(s);
    expect(phase).toEqual({
      kind: 'votes',
      round: 0,
      task: expect.anything(),
      distribution: { converges: 1, zigzag: 2, diverges: 1, none: 0 },
      total: 4,
      main: 'discuss',
    });
    expect(JSON.stringify(phase)).not.toMatch(/correct|simulation|outcome/);
  });

  it.each([
    [['diverges', 'diverges', 'diverges', 'zigzag'], 'reveal'], // 25 %: below the band
    [['zigzag', 'diverges', 'diverges', 'converges'], 'reveal'], // 25 %
    [['zigzag', 'zigzag', 'diverges', 'converges'], 'discuss'], // 50 %
    [['zigzag', 'zigzag', 'zigzag', 'converges'], 'reveal'], // 75 %: above the band
  ] as Array<[Choice[], string]>)('%j → main action %s with the band 30–70 %%', (choices, main) => {
    expect(hostPhase(vote(peerRoom(4), choices))).toMatchObject({ main });
  });

  it('both bounds of the band are inside it, and the band is the game’s own', () => {
    const choices: Choice[] = ['zigzag', 'diverges', 'diverges', 'converges']; // 25 %
    expect(hostPhase(vote(peerRoom(4, { low: 25, high: 25 }), choices))).toMatchObject({ main: 'discuss' });
    expect(hostPhase(vote(peerRoom(4, { low: 26, high: 100 }), choices))).toMatchObject({ main: 'reveal' });
  });

  it('without the setting a prediction reveals as it closes, as before', () => {
    const plain = withPlayers(makeRoom(), 1);
    const s = step(step(plain, { type: 'start', by: HOST, round: 0 }), answer(0, 'zigzag'), T0 + 1000);
    expect(s.phase.kind).toBe('reveal');
  });

  it('the host reveals from the votes: the first vote scores as if it had closed to the reveal', () => {
    let s = vote(peerRoom(2), ['zigzag', 'diverges']);
    s = step(s, { type: 'reveal', by: HOST, round: 0 }, T0 + 10_000);
    expect(s.phase.kind).toBe('reveal');
    expect(s.results[0]!.firstVote).toBeUndefined();
    expect(s.results[0]!.answers.map((a) => a?.correct)).toEqual([true, false]);
    expect(s.players[0]!.score).toBe(Math.round(1000 * (1 - 1000 / ROUND_MS / 2)));
  });

  it('a resent first answer gets its receipt back; a new one is refused ROUND_CLOSED', () => {
    const s = vote(peerRoom(3), ['zigzag', 'diverges']);
    const closed = step(s, { type: 'reveal', by: HOST, round: 0 }, T0 + 5000);
    const resent = reduce(closed, answer(0, 'zigzag'), T0 + 6000);
    expect(resent.ok && resent.receipt).toEqual({ round: 0, choice: 'zigzag', elapsedMs: 1000 });
    expect(refusal(closed, answer(2, 'zigzag'), T0 + 6000)).toBe('ROUND_CLOSED');
  });

  it('only the host may discuss, extend or end a discussion (H1), and only in its phase', () => {
    const s = vote(peerRoom(2), ['zigzag', 'diverges']);
    const player = { role: 'player', playerId: 0 } as const;
    expect(refusal(s, { type: 'discuss', by: player, round: 0 })).toBe('NOT_HOST');
    expect(refusal(s, { type: 'discussion-extend', by: HOST, round: 0 })).toBe('WRONG_PHASE');
    expect(refusal(s, { type: 'discussion-end', by: HOST, round: 0 })).toBe('WRONG_PHASE');
    expect(refusal(s, { type: 'discuss', by: HOST, round: 1 })).toBe('WRONG_ROUND');
    expect(refusal(s, { type: 'start', by: HOST, round: 1 })).toBe('WRONG_PHASE');
  });
});

/** Round 0 through a first vote of two players (one right, one wrong) to the discussion at T0 + 10 s. */
function discussing(n = 2): RoomState {
  const choices: Choice[] = ['zigzag', 'diverges', 'converges', 'zigzag'].slice(0, n) as Choice[];
  const s = vote(peerRoom(n), choices);
  return step(s, { type: 'discuss', by: HOST, round: 0 }, T0 + 10_000);
}
const DISCUSSED_AT = T0 + 10_000;

describe('PI2 the discussion: 90 s with an absolute end, +30 s, ended early by the host', () => {
  it('starts with its own end; the phones say to talk; the projector keeps the counts', () => {
    const s = discussing();
    expect(s.phase).toMatchObject({
      kind: 'discussion',
      startedAt: DISCUSSED_AT,
      endsAt: DISCUSSED_AT + DISCUSSION_MS,
    });
    expect(toPlayerView(s, 1, T0).phase).toEqual({
      kind: 'discussion',
      round: 0,
      answer: 'diverges',
      endsAt: DISCUSSED_AT + DISCUSSION_MS,
    });
    expect(hostPhase(s)).toMatchObject({
      kind: 'discussion',
      distribution: { converges: 0, zigzag: 1, diverges: 1, none: 0 },
      endsAt: DISCUSSED_AT + DISCUSSION_MS,
    });
    expect(DISCUSSION_MS).toBe(90_000);
  });

  it('+30 s moves the end; an early timer changes nothing; the end opens the second vote', () => {
    let s = step(discussing(), { type: 'discussion-extend', by: HOST, round: 0 }, DISCUSSED_AT + 1000);
    const endsAt = DISCUSSED_AT + DISCUSSION_MS + DISCUSSION_EXTEND_MS;
    expect(s.phase).toMatchObject({ kind: 'discussion', endsAt });
    s = step(s, { type: 'deadline', round: 0 }, endsAt - 1);
    expect(s.phase.kind).toBe('discussion');
    s = step(s, { type: 'deadline', round: 0 }, endsAt);
    expect(s.phase).toMatchObject({
      kind: 'question',
      round: 0,
      openedAt: endsAt,
      deadlineAt: endsAt + ROUND_MS,
    });
  });

  it('the host ends it early', () => {
    const s = step(discussing(), { type: 'discussion-end', by: HOST, round: 0 }, DISCUSSED_AT + 5000);
    expect(s.phase).toMatchObject({ kind: 'question', openedAt: DISCUSSED_AT + 5000 });
  });

  it('an answer during the discussion is refused ROUND_CLOSED', () => {
    // Player 2 gave no first vote; the first vote is closed to everyone until the second opens.
    let s = vote(peerRoom(3), ['zigzag', 'diverges']);
    s = step(s, { type: 'reveal', by: HOST, round: 0 }, T0 + 5000);
    s = step(s, { type: 'discuss', by: HOST, round: 0 }, DISCUSSED_AT);
    expect(refusal(s, answer(2, 'zigzag'), DISCUSSED_AT + 1000)).toBe('ROUND_CLOSED');
  });
});

const VOTE2_AT = DISCUSSED_AT + 5000;
function secondVote(n = 2): RoomState {
  return step(discussing(n), { type: 'discussion-end', by: HOST, round: 0 }, VOTE2_AT);
}

describe('PI3 the same question opens again for a second vote, with the usual closing rules', () => {
  it('every phone gets the question again, marked as the second vote, with no answer yet', () => {
    const s = secondVote();
    expect(toPlayerView(s, 0, VOTE2_AT).phase).toMatchObject({
      kind: 'question',
      round: 0,
      answer: null,
      secondVote: true,
    });
    expect(hostPhase(s)).toMatchObject({ kind: 'question', secondVote: true, answered: 0, total: 2 });
  });

  it('each phone’s second vote carries its own first answer, and only its own', () => {
    // First vote: 0 zigzag, 1 diverges, 2 none; 3 joins during the discussion.
    let s = vote(peerRoom(3), ['zigzag', 'diverges']);
    s = step(s, { type: 'reveal', by: HOST, round: 0 }, T0 + 5000);
    s = step(s, { type: 'discuss', by: HOST, round: 0 }, DISCUSSED_AT);
    s = step(s, { type: 'join', nickname: 'Late', secret: 'secret-late-padding-xx' }, DISCUSSED_AT + 1000);
    s = step(s, { type: 'discussion-end', by: HOST, round: 0 }, VOTE2_AT);
    const phone = (id: number) => toPlayerView(s, id, VOTE2_AT).phase;
    expect(phone(0)).toMatchObject({
      kind: 'question',
      secondVote: true,
      answer: null,
      firstAnswer: 'zigzag',
    });
    expect(phone(1)).toMatchObject({
      kind: 'question',
      secondVote: true,
      answer: null,
      firstAnswer: 'diverges',
    });
    expect(phone(2)).not.toHaveProperty('firstAnswer');
    expect(phone(3)).not.toHaveProperty('firstAnswer');
    // Nobody else's first vote: player 0's view names no answer but its own.
    expect(JSON.stringify(toPlayerView(s, 0, VOTE2_AT))).not.toContain('diverges');
    // It stays beside the second answer once given, and the projector's question has none.
    s = step(s, answer(1, 'zigzag'), VOTE2_AT + 1000);
    expect(phone(1)).toMatchObject({ answer: 'zigzag', firstAnswer: 'diverges' });
    expect(hostPhase(s)).not.toHaveProperty('firstAnswer');
    // A first vote has none: it is the first.
    expect(toPlayerView(vote(peerRoom(2), ['zigzag']), 0, T0).phase).not.toHaveProperty('firstAnswer');
  });

  it('closes when all have voted again (R2), then reveals: no third vote', () => {
    let s = secondVote();
    s = step(s, answer(0, 'zigzag'), VOTE2_AT + 1000);
    s = step(s, answer(1, 'zigzag'), VOTE2_AT + 2000);
    expect(s.phase).toEqual({ kind: 'reveal', round: 0 });
  });

  it('closes at its deadline (R3) and by the host', () => {
    const late = step(secondVote(), { type: 'deadline', round: 0 }, VOTE2_AT + ROUND_MS);
    expect(late.phase.kind).toBe('reveal');
    expect(late.results[0]!.closedBy).toBe('deadline');
    const early = step(secondVote(), { type: 'reveal', by: HOST, round: 0 }, VOTE2_AT + 3000);
    expect(early.results[0]!.closedBy).toBe('host');
  });

  it('one answer per student in the second vote (A1–A3)', () => {
    let s = step(secondVote(), answer(0, 'zigzag'), VOTE2_AT + 1000);
    const again = reduce(s, answer(0, 'zigzag'), VOTE2_AT + 1500);
    expect(again.ok && again.receipt).toEqual({ round: 0, choice: 'zigzag', elapsedMs: 1000 });
    expect(refusal(s, answer(0, 'diverges'), VOTE2_AT + 1500)).toBe('ALREADY_ANSWERED');
    s = step(s, { type: 'join', nickname: 'Late', secret: 'secret-late-padding-xx' }, VOTE2_AT + 2000);
    s = step(s, { type: 'deadline', round: 0 }, VOTE2_AT + ROUND_MS);
    expect(refusal(s, answer(2, 'zigzag'), VOTE2_AT + ROUND_MS + 1)).toBe('ROUND_CLOSED');
  });
});

describe('PI4 the second vote scores; whoever did not vote again keeps their first vote', () => {
  it('wrong → right scores with the second vote’s time; right → silent keeps the first vote', () => {
    let s = secondVote(3); // first vote: 0 zigzag (right), 1 diverges, 2 converges
    s = step(s, answer(1, 'zigzag'), VOTE2_AT + 3000); // wrong → right
    s = step(s, answer(2, 'diverges'), VOTE2_AT + 6000); // wrong → wrong
    s = step(s, { type: 'deadline', round: 0 }, VOTE2_AT + ROUND_MS);
    const result = s.results[0]!;
    expect(result.answers.map((a) => a?.choice)).toEqual(['zigzag', 'zigzag', 'diverges']);
    expect(result.answers.map((a) => a?.correct)).toEqual([true, true, false]);
    // Player 0 kept their first vote, answered 1 s into it; player 1 answered 3 s into the second.
    expect(result.answers[0]!.elapsedMs).toBe(1000);
    expect(result.answers[1]!.elapsedMs).toBe(3000);
    expect(s.players.map((p) => p.score)).toEqual([
      Math.round(1000 * (1 - 1000 / ROUND_MS / 2)),
      Math.round(1000 * (1 - 3000 / ROUND_MS / 2)),
      0,
    ]);
  });

  it('right → wrong in the second vote scores nothing', () => {
    let s = secondVote();
    s = step(s, answer(0, 'diverges'), VOTE2_AT + 1000);
    s = step(s, { type: 'reveal', by: HOST, round: 0 }, VOTE2_AT + 2000);
    expect(s.results[0]!.answers[0]).toMatchObject({ choice: 'diverges', correct: false, points: 0 });
  });
});

describe('PI5 both votes are kept, and the reveal shows both distributions', () => {
  it('the result holds the first vote; the projector’s reveal carries before and after', () => {
    let s = secondVote();
    s = step(s, answer(1, 'zigzag'), VOTE2_AT + 1000);
    s = step(s, answer(0, 'zigzag'), VOTE2_AT + 2000);
    const { firstVote } = s.results[0]!;
    expect(firstVote?.answers.map((a) => a?.choice)).toEqual(['zigzag', 'diverges']);
    expect(firstVote).toMatchObject({ openedAt: T0, closedBy: 'all-answered', eligible: 2 });
    const phase = hostPhase(s);
    expect(phase).toMatchObject({
      kind: 'reveal',
      correct: 2,
      firstVote: { converges: 0, zigzag: 1, diverges: 1, none: 0 },
      detail: { distribution: { converges: 0, zigzag: 2, diverges: 0, none: 0 } },
    });
  });
});

describe('PI6 late joiners and returning players in the new phases', () => {
  it('a student who joins during the discussion votes in the second vote and is scored on it', () => {
    let s = step(
      discussing(),
      { type: 'join', nickname: 'Late', secret: 'secret-late-padding-xx' },
      DISCUSSED_AT + 2000,
    );
    expect(toPlayerView(s, 2, DISCUSSED_AT + 2000).phase).toMatchObject({ kind: 'discussion', answer: null });
    s = step(s, { type: 'discussion-end', by: HOST, round: 0 }, VOTE2_AT);
    s = step(s, answer(2, 'zigzag'), VOTE2_AT + 1000);
    s = step(s, { type: 'deadline', round: 0 }, VOTE2_AT + ROUND_MS);
    expect(s.results[0]!.answers[2]).toMatchObject({ choice: 'zigzag', correct: true });
    expect(s.results[0]!.firstVote!.answers[2]).toBeUndefined();
  });

  it('a student who left before the second vote keeps their first vote; the vote closes without them', () => {
    let s = step(discussing(), { type: 'presence', playerId: 0, connected: false }, DISCUSSED_AT + 1000);
    s = step(s, { type: 'discussion-end', by: HOST, round: 0 }, VOTE2_AT);
    s = step(s, answer(1, 'zigzag'), VOTE2_AT + 1000);
    expect(s.phase.kind).toBe('reveal');
    expect(s.results[0]!.answers[0]).toMatchObject({ choice: 'zigzag', correct: true });
  });

  it('R5: a second vote open at a restart gets the downtime back like any question', () => {
    const s = secondVote();
    const r = reduce(s, { type: 'resume', downSince: VOTE2_AT + 2000 }, VOTE2_AT + 12_000);
    expect(r.ok && r.state.phase).toMatchObject({
      kind: 'question',
      deadlineAt: VOTE2_AT + ROUND_MS + 10_000,
    });
  });
});

describe('PI7 ending the game in the new phases scores what was given (R4)', () => {
  it('during the votes or the discussion: the first vote scores', () => {
    for (const s of [vote(peerRoom(2), ['zigzag', 'diverges']), discussing()]) {
      const ended = step(s, { type: 'end', by: HOST }, DISCUSSED_AT + 1000);
      expect(ended.phase.kind).toBe('podium');
      expect(ended.results[0]).toMatchObject({ closedBy: 'game-ended' });
      expect(ended.results[0]!.answers[0]).toMatchObject({ correct: true });
    }
  });

  it('during the second vote: as PI4', () => {
    let s = step(secondVote(), answer(1, 'zigzag'), VOTE2_AT + 1000);
    s = step(s, { type: 'end', by: HOST }, VOTE2_AT + 2000);
    expect(s.results[0]!.answers.map((a) => a?.correct)).toEqual([true, true]);
    expect(s.results[0]!.firstVote).toBeDefined();
  });

  it('a game ended during the first vote scores it at once, with no votes phase', () => {
    const s = step(vote(peerRoom(2), ['zigzag']), { type: 'end', by: HOST }, T0 + 5000);
    expect(s.phase.kind).toBe('podium');
    expect(s.results[0]!.firstVote).toBeUndefined();
  });
});
