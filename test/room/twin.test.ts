// PI9: the twin question, through the reducer and the views, with time and the seed given.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../server/reports/report';
import { reduce } from '../../server/room/reduce';
import type { Command, RoomState } from '../../server/room/state';
import { toHostView, toPlayerView } from '../../server/room/views';
import { simulate } from '../../shared/engine/index';
import { generateTwin } from '../../shared/engine/twin';
import { DECK_ROUNDS_MAX } from '../../shared/protocol/schemas';
import { HOST, makeRoom, ROUND_MS, step, T0, withPlayers } from './helpers';

type Choice = 'converges' | 'zigzag' | 'diverges';
const SEED = 77;
const twinOf = (round: number, seed = SEED): Command => ({ type: 'twin', by: HOST, round, seed });
const refused = (state: RoomState, command: Command, now = T0) => {
  const r = reduce(state, command, now);
  return r.ok ? { error: 'accepted', message: '' } : r;
};

/** Players answer round `round`'s open vote in order, one second apart from `at`. */
function vote(s: RoomState, round: number, choices: Choice[], at: number): RoomState {
  let state = s;
  choices.forEach((choice, playerId) => {
    state = step(state, { type: 'answer', playerId, round, choice }, at + 1000 * (playerId + 1));
  });
  return state;
}

const PI = { low: 30, high: 70 };
/** Peer Instruction on, 4 players, round 0 (a zig-zag) through a first vote, a discussion and a second vote, revealed. */
function revealedAfterRevote(): RoomState {
  const room = makeRoom();
  let s = withPlayers({ ...room, settings: { ...room.settings, peerInstruction: PI } }, 4);
  s = step(s, { type: 'start', by: HOST, round: 0 }, T0);
  s = vote(s, 0, ['zigzag', 'zigzag', 'diverges', 'converges'], T0);
  s = step(s, { type: 'discuss', by: HOST, round: 0 }, T0 + 10_000);
  s = step(s, { type: 'discussion-end', by: HOST, round: 0 }, T0 + 20_000);
  s = vote(s, 0, ['zigzag', 'zigzag', 'zigzag', 'diverges'], T0 + 20_000);
  expect(s.phase).toEqual({ kind: 'reveal', round: 0 });
  return s;
}
const TWIN_AT = T0 + 60_000;
const hostPhase = (s: RoomState, now = TWIN_AT) => toHostView(s, now, 'http://x/join/123456').phase;

describe('PI9 the twin of a round that went to a second vote', () => {
  it('the reveal offers it; the twin joins the deck right after the round and opens as a question', () => {
    const revealed = revealedAfterRevote();
    expect(hostPhase(revealed)).toMatchObject({ kind: 'reveal', round: 0, twinAvailable: true });
    const before = revealed.deck.rounds;
    const r = reduce(revealed, twinOf(0), TWIN_AT);
    if (!r.ok) throw new Error(r.message);
    const s = r.state;
    const original = before[0];
    if (original?.type !== 'predict') throw new Error('round 0 is a prediction');
    const scenario = generateTwin(original.scenario, SEED);
    expect(s.deck.rounds).toEqual([before[0], { type: 'predict', scenario }, ...before.slice(1)]);
    if (scenario === null) throw new Error('a zig-zag has a twin');
    expect(simulate(scenario).outcome).toBe('zigzag');
    expect(s.phase).toMatchObject({
      kind: 'question',
      round: 1,
      twinOf: 0,
      openedAt: TWIN_AT,
      deadlineAt: TWIN_AT + ROUND_MS,
      answered: 0,
    });
    expect(r.facts.map((f) => f.type)).toEqual(['round-added', 'phase-changed']);
    // Both audiences: one more round, and the question says whose twin it is.
    const host = toHostView(s, TWIN_AT, 'http://x/join/123456');
    expect(host.roundCount).toBe(4);
    expect(host.phase).toMatchObject({ kind: 'question', round: 1, twinOf: 0 });
    expect(host.phase).not.toHaveProperty('secondVote');
    const phone = toPlayerView(s, 2, TWIN_AT);
    expect(phone.roundCount).toBe(4);
    expect(phone.phase).toMatchObject({ kind: 'question', round: 1, twinOf: 0, answer: null });
  });

  it('answered alone: it reveals as it closes even in a Peer Instruction game, marked as the twin', () => {
    let s = step(revealedAfterRevote(), twinOf(0), TWIN_AT);
    s = vote(s, 1, ['zigzag', 'diverges', 'zigzag', 'zigzag'], TWIN_AT);
    expect(s.phase).toEqual({ kind: 'reveal', round: 1 });
    const result = s.results[1];
    expect(result).toMatchObject({ round: 1, twinOf: 0, closedBy: 'all-answered', scored: true });
    expect(result).not.toHaveProperty('firstVote');
    expect(result?.answers.map((a) => a?.correct)).toEqual([true, false, true, true]);
    // Scored as any round: three more right answers.
    expect(s.players.map((p) => p.streak)).toEqual([2, 0, 2, 1]);
    const phase = hostPhase(s);
    expect(phase).toMatchObject({ kind: 'reveal', round: 1, twinOf: 0, correct: 3 });
    expect(phase).not.toHaveProperty('twinAvailable');
    // The game goes on with the round that was next before the twin.
    const next = step(s, { type: 'start', by: HOST, round: 2 }, TWIN_AT + 60_000);
    expect(next.phase).toMatchObject({ kind: 'question', round: 2 });
    expect(next.phase).not.toHaveProperty('twinOf');
    expect(next.deck.rounds[2]).toEqual(makeRoom().deck.rounds[1]);
  });

  it('a deadline closes it to the reveal too, and the host can reveal it early', () => {
    const open = step(revealedAfterRevote(), twinOf(0), TWIN_AT);
    const byDeadline = step(
      vote(open, 1, ['zigzag'], TWIN_AT),
      { type: 'deadline', round: 1 },
      TWIN_AT + ROUND_MS,
    );
    expect(byDeadline.phase).toEqual({ kind: 'reveal', round: 1 });
    expect(byDeadline.results[1]).toMatchObject({ twinOf: 0, closedBy: 'deadline' });
    const byHost = step(open, { type: 'reveal', by: HOST, round: 1 }, TWIN_AT + 5000);
    expect(byHost.results[1]).toMatchObject({ twinOf: 0, closedBy: 'host' });
  });

  it('a second twin of the same round is refused, naming the first, during its question and after', () => {
    const open = step(revealedAfterRevote(), twinOf(0), TWIN_AT);
    const during = refused(open, twinOf(0, 5), TWIN_AT + 1000);
    expect(during.error).toBe('WRONG_PHASE');
    expect(during.message).toMatch(/Round 1 already had its twin: round 2/);
    const revealed = step(open, { type: 'reveal', by: HOST, round: 1 }, TWIN_AT + 5000);
    expect(refused(revealed, twinOf(0, 5)).error).toBe('WRONG_PHASE');
    // Nor has the twin a twin of its own: it went to no second vote.
    const ofTwin = refused(revealed, twinOf(1, 5));
    expect(ofTwin.error).toBe('WRONG_PHASE');
    expect(ofTwin.message).toMatch(/second vote/);
    expect(hostPhase(revealed)).not.toHaveProperty('twinAvailable');
  });

  it('refused outside the reveal of a round that went to a second vote, and from anyone but the host', () => {
    const revealed = revealedAfterRevote();
    expect(
      refused(revealed, { type: 'twin', by: { role: 'player', playerId: 0 }, round: 0, seed: 1 }).error,
    ).toBe('NOT_HOST');
    expect(refused(revealed, twinOf(1)).error).toBe('WRONG_ROUND');
    const leaderboard = step(revealed, { type: 'leaderboard', by: HOST, round: 0 }, TWIN_AT);
    expect(refused(leaderboard, twinOf(0)).error).toBe('WRONG_PHASE');
    // A round revealed straight from its first vote, and a game without Peer Instruction: no second vote.
    const room = makeRoom();
    let fromVotes = withPlayers({ ...room, settings: { ...room.settings, peerInstruction: PI } }, 2);
    fromVotes = step(fromVotes, { type: 'start', by: HOST, round: 0 }, T0);
    fromVotes = step(
      vote(fromVotes, 0, ['zigzag', 'diverges'], T0),
      { type: 'reveal', by: HOST, round: 0 },
      T0 + 5000,
    );
    expect(fromVotes.phase).toEqual({ kind: 'reveal', round: 0 });
    expect(refused(fromVotes, twinOf(0)).message).toMatch(/second vote/);
    expect(hostPhase(fromVotes)).not.toHaveProperty('twinAvailable');
    let plain = step(withPlayers(makeRoom(), 1), { type: 'start', by: HOST, round: 0 }, T0);
    plain = vote(plain, 0, ['zigzag'], T0);
    expect(plain.phase.kind).toBe('reveal');
    expect(refused(plain, twinOf(0)).error).toBe('WRONG_PHASE');
    // During the question, the votes or the discussion: not yet.
    let during = withPlayers({ ...room, settings: { ...room.settings, peerInstruction: PI } }, 2);
    during = step(during, { type: 'start', by: HOST, round: 0 }, T0);
    expect(refused(during, twinOf(0)).error).toBe('WRONG_PHASE');
  });

  it('a game already at the most rounds a game may have has no room for a twin', () => {
    const revealed = revealedAfterRevote();
    const full: RoomState = {
      ...revealed,
      deck: {
        ...revealed.deck,
        rounds: Array.from({ length: DECK_ROUNDS_MAX }, (_, i) => revealed.deck.rounds[i % 3]!),
      },
    };
    expect(refused(full, twinOf(0)).error).toBe('WRONG_ROUND');
    expect(hostPhase(full)).not.toHaveProperty('twinAvailable');
  });

  it('the exact r = 2 bounce, discussed and voted again, has no twin', () => {
    const bounce = { cost: { kind: 'quadratic' as const, a: 4, c: 0 }, start: [3], alpha: 0.5 };
    const room = makeRoom({ rounds: [bounce] });
    let s = withPlayers({ ...room, settings: { ...room.settings, peerInstruction: PI } }, 2);
    s = step(s, { type: 'start', by: HOST, round: 0 }, T0);
    s = vote(s, 0, ['zigzag', 'diverges'], T0);
    s = step(s, { type: 'discuss', by: HOST, round: 0 }, T0 + 5000);
    s = step(s, { type: 'discussion-end', by: HOST, round: 0 }, T0 + 6000);
    s = vote(s, 0, ['zigzag', 'zigzag'], T0 + 6000);
    expect(s.phase.kind).toBe('reveal');
    expect(refused(s, twinOf(0)).message).toMatch(/no twin/);
    expect(hostPhase(s)).not.toHaveProperty('twinAvailable');
  });

  it('the seed decides the twin: the same seed the same round, deterministically', () => {
    const a = step(revealedAfterRevote(), twinOf(0, 3), TWIN_AT);
    const b = step(revealedAfterRevote(), twinOf(0, 3), TWIN_AT);
    expect(a.deck).toEqual(b.deck);
  });

  it('a late joiner answers the twin; a restart gives its question its downtime back (R5); ending the game scores it', () => {
    let s = step(revealedAfterRevote(), twinOf(0), TWIN_AT);
    s = step(s, { type: 'join', nickname: 'Late', secret: 'secret-late-padding-xx' }, TWIN_AT + 1000);
    s = step(s, { type: 'answer', playerId: 4, round: 1, choice: 'zigzag' }, TWIN_AT + 2000);
    s = step(s, { type: 'resume', downSince: TWIN_AT + 3000 }, TWIN_AT + 13_000);
    expect(s.phase).toMatchObject({
      kind: 'question',
      round: 1,
      twinOf: 0,
      deadlineAt: TWIN_AT + ROUND_MS + 10_000,
    });
    const ended = step(s, { type: 'end', by: HOST }, TWIN_AT + 14_000);
    expect(ended.results[1]).toMatchObject({ twinOf: 0, closedBy: 'game-ended' });
    expect(ended.results[1]?.answers[4]).toMatchObject({ choice: 'zigzag', correct: true });
    expect(ended.phase).toMatchObject({ kind: 'podium', endedEarly: true });
  });
});

describe('PI9 the report sets each twin beside its round', () => {
  it("the twin's share correct beside the first vote's and the second vote's", () => {
    let s = step(revealedAfterRevote(), twinOf(0), TWIN_AT);
    s = vote(s, 1, ['zigzag', 'diverges', 'zigzag'], TWIN_AT);
    s = step(s, { type: 'deadline', round: 1 }, TWIN_AT + ROUND_MS);
    s = step(s, { type: 'end', by: HOST }, TWIN_AT + ROUND_MS + 1000);
    const report = buildReport(s);
    expect(report.twins).toEqual([
      {
        round: 0,
        twin: 1,
        // First vote: zigzag, zigzag, diverges, converges; second: three zig-zags; the twin: two of four.
        firstVote: { correct: 2, eligible: 4, share: 0.5 },
        secondVote: { correct: 3, eligible: 4, share: 0.75 },
        twinVote: { correct: 2, eligible: 4, share: 0.5 },
      },
    ]);
    expect(report.roundCount).toBe(4);
    expect(report.rounds.map((r) => r.index)).toEqual([0, 1]);
  });

  it('a game without a twin has no twins field', () => {
    expect(buildReport(revealedAfterRevote())).not.toHaveProperty('twins');
  });
});
