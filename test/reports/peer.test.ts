// PI8: the report of a game with Peer Instruction, on a scripted class with known votes: per round
// that went to a second vote, each student's first vote beside the vote that scored and how the two
// compare; the class's counts and each student's totals; the CSV's new columns.
import { describe, expect, it } from 'vitest';
import { upgradeReport } from '../../server/reports/misconceptions';
import { buildReport, CSV_HEADER, reportCsv } from '../../server/reports/report';
import type { Command, RoomState } from '../../server/room/state';
import type { Confidence } from '../../shared/protocol/confidence';
import { type GameReport, REPORT_VERSION } from '../../shared/protocol/report';
import { CONVERGES, DIVERGES, OSCILLATES, ZIGZAG } from '../helpers/scenarios';
import { HOST, makeRoom, step, T0, withPlayers } from '../room/helpers';

type Choice = 'converges' | 'zigzag' | 'diverges';
type Votes = Array<[playerId: number, choice: Choice]>;
const ROUNDS = [ZIGZAG, DIVERGES, OSCILLATES, CONVERGES];

function peerGame(players: number, scoreBy: 'speed' | 'confidence' = 'speed'): RoomState {
  const room = makeRoom({ rounds: ROUNDS });
  const settings = { ...room.settings, peerInstruction: { low: 30, high: 70 }, scoreBy };
  return withPlayers({ ...room, settings }, players);
}

/** Answers each vote with `level` in a game scored by confidence. */
function answers(s: RoomState, round: number, votes: Votes, at: number, level?: Confidence): RoomState {
  let state = s;
  votes.forEach(([playerId, choice], i) => {
    const command: Command = {
      type: 'answer',
      playerId,
      round,
      choice,
      ...(level ? { confidence: level } : {}),
    };
    state = step(state, command, at + 1000 * (i + 1));
  });
  return state;
}

/**
 * Opens `round` at `at`, takes the first vote, then (when `second` is given) a discussion, a late
 * joiner if named, and the second vote; the host closes each vote.
 */
function playRound(
  s: RoomState,
  round: number,
  at: number,
  first: Votes,
  second?: Votes,
  opts: { lateJoiner?: string; level?: Confidence } = {},
): RoomState {
  let state = step(s, { type: 'start', by: HOST, round }, at);
  state = answers(state, round, first, at, opts.level);
  if (state.phase.kind === 'question') state = step(state, { type: 'reveal', by: HOST, round }, at + 10_000);
  if (!second) return step(state, { type: 'reveal', by: HOST, round }, at + 11_000);
  state = step(state, { type: 'discuss', by: HOST, round }, at + 11_000);
  if (opts.lateJoiner)
    state = step(
      state,
      { type: 'join', nickname: opts.lateJoiner, secret: `secret-${opts.lateJoiner}-padding-xx` },
      at + 12_000,
    );
  state = step(state, { type: 'discussion-end', by: HOST, round }, at + 20_000);
  state = answers(state, round, second, at + 20_000, opts.level);
  return state.phase.kind === 'question'
    ? step(state, { type: 'reveal', by: HOST, round }, at + 30_000)
    : state;
}

// Round 1 (a zig-zag) went to a second vote: Ada stays right, Ben goes wrong → right, Cy right →
// wrong, Dee from one wrong answer to another, Eve does not vote again, Fay never votes, and Gus
// joins during the discussion and votes once. Round 2 is revealed from its first vote. Round 3, the
// r = 2 bounce nobody can win (S6), and round 4 (converges) went to second votes too.
function played(): GameReport {
  let s = peerGame(6);
  const names = ['Ada', 'Ben', 'Cy', 'Dee', 'Eve', 'Fay'];
  s = { ...s, players: s.players.map((p, i) => ({ ...p, nickname: names[i] ?? p.nickname })) };
  s = playRound(
    s,
    0,
    T0,
    [
      [0, 'zigzag'],
      [1, 'diverges'],
      [2, 'zigzag'],
      [3, 'diverges'],
      [4, 'zigzag'],
    ],
    [
      [0, 'zigzag'],
      [1, 'zigzag'],
      [2, 'diverges'],
      [3, 'converges'],
      [6, 'zigzag'],
    ],
    { lateJoiner: 'Gus' },
  );
  s = playRound(s, 1, T0 + 100_000, [
    [0, 'diverges'],
    [1, 'zigzag'],
  ]);
  s = playRound(s, 2, T0 + 200_000, [[0, 'converges']], [[0, 'diverges']]);
  s = playRound(
    s,
    3,
    T0 + 300_000,
    [
      [0, 'zigzag'],
      [1, 'converges'],
    ],
    [
      [0, 'converges'],
      [1, 'converges'],
    ],
  );
  return buildReport(step(s, { type: 'end', by: HOST }, T0 + 400_000));
}

const NONE = {
  'wrong-to-right': 0,
  'right-to-wrong': 0,
  'stayed-right': 0,
  'stayed-wrong': 0,
  'first-only': 0,
  'second-only': 0,
};

describe('PI8 the report compares the two votes of each round that went to a second vote', () => {
  const report = played();
  const [zigzag, diverges, bounce, converges] = report.rounds;

  it('each student: the first vote beside the vote that scored, and how they compare', () => {
    expect(
      zigzag?.answers.map((a) => [a.nickname, a.firstVote?.answer, a.answer, a.correct, a.change]),
    ).toEqual([
      ['Ada', 'zigzag', 'zigzag', true, 'stayed-right'],
      ['Ben', 'diverges', 'zigzag', true, 'wrong-to-right'],
      ['Cy', 'zigzag', 'diverges', false, 'right-to-wrong'],
      // Two different wrong answers: stayed wrong.
      ['Dee', 'diverges', 'converges', false, 'stayed-wrong'],
      // PI4: the first vote stands and scores; not counted as staying.
      ['Eve', 'zigzag', 'zigzag', true, 'first-only'],
      ['Fay', null, null, false, null],
      ['Gus', null, 'zigzag', true, 'second-only'],
    ]);
    expect(zigzag?.answers.map((a) => a.firstVote?.correct)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      false,
    ]);
  });

  it('the class counts per round, and the first vote counted like the round', () => {
    expect(zigzag?.firstVote).toMatchObject({
      eligible: 6,
      answered: 5,
      correct: 3,
      shareCorrect: 0.5,
      changes: {
        'wrong-to-right': 1,
        'right-to-wrong': 1,
        'stayed-right': 1,
        'stayed-wrong': 1,
        'first-only': 1,
        'second-only': 1,
      },
    });
    expect(zigzag?.firstVote?.bars.map((b) => [b.answer, b.count, b.isCorrect])).toEqual([
      ['converges', 0, false],
      ['zigzag', 3, true],
      ['diverges', 2, false],
    ]);
    // The round itself is the vote that scored: Ada, Ben, Eve and Gus right.
    expect(zigzag).toMatchObject({ correct: 4, answered: 6 });
  });

  it('a round revealed from its first vote has no first vote of its own', () => {
    expect(diverges?.firstVote).toBeUndefined();
    expect(diverges?.answers[0]).not.toHaveProperty('firstVote');
    expect(diverges?.answers[0]).not.toHaveProperty('change');
  });

  it('a round nobody could win (S6) lists its first vote but compares nobody', () => {
    expect(bounce?.firstVote).toMatchObject({ answered: 1, correct: 0, changes: null });
    expect(bounce?.answers[0]).toMatchObject({
      firstVote: { answer: 'converges', correct: false },
      answer: 'diverges',
      change: null,
    });
  });

  it("the game's totals, for the class and for each student, over the compared rounds", () => {
    expect(converges?.firstVote?.changes).toMatchObject({ 'wrong-to-right': 1, 'stayed-right': 1 });
    expect(report.peer?.rounds).toEqual([0, 3]);
    expect(report.peer?.class).toEqual({
      'wrong-to-right': 2,
      'right-to-wrong': 1,
      'stayed-right': 2,
      'stayed-wrong': 1,
      'first-only': 1,
      'second-only': 1,
    });
    const of = (name: string) => report.peer?.students.find((p) => p.nickname === name)?.changes;
    expect(of('Ada')).toEqual({ ...NONE, 'stayed-right': 1, 'wrong-to-right': 1 });
    expect(of('Ben')).toEqual({ ...NONE, 'wrong-to-right': 1, 'stayed-right': 1 });
    expect(of('Fay')).toEqual(NONE);
    expect(of('Gus')).toEqual({ ...NONE, 'second-only': 1 });
    // In the report's ranking order, every student once.
    expect(report.peer?.students.map((p) => p.id)).toEqual(report.players.map((p) => p.id));
  });

  it('a game without a second vote has no peer section', () => {
    const plain = buildReport(
      step(playRound(peerGame(1), 0, T0, [[0, 'zigzag']]), { type: 'end', by: HOST }, T0 + 60_000),
    );
    expect(plain.peer).toBeUndefined();
    expect(plain.rounds[0]?.firstVote).toBeUndefined();
  });
});

/** The CSV as rows of cells (no quoted field here holds a comma or a line break). */
const csvRows = (report: GameReport) =>
  reportCsv(report)
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

describe('PI8 C1 the CSV carries the first vote and the confidence level of each answer', () => {
  it('first vote, whether it was right and the change, in a round that went to a second vote', () => {
    const [header, ...rows] = csvRows(played());
    expect(header).toEqual([...CSV_HEADER]);
    const col = (name: (typeof CSV_HEADER)[number]) => CSV_HEADER.indexOf(name);
    const pick = (r: string[]) => [
      r[col('nickname')],
      r[col('round')],
      r[col('answer')],
      r[col('first vote')],
      r[col('first vote correct')],
      r[col('change')],
    ];
    expect(rows.slice(0, 7).map(pick)).toEqual([
      ['Ada', '1', 'Zig-zags in', 'Zig-zags in', 'yes', 'stayed right'],
      ['Ben', '1', 'Zig-zags in', 'Diverges', 'no', 'wrong → right'],
      ['Cy', '1', 'Diverges', 'Zig-zags in', 'yes', 'right → wrong'],
      ['Dee', '1', 'Converges directly', 'Diverges', 'no', 'stayed wrong'],
      ['Eve', '1', 'Zig-zags in', 'Zig-zags in', 'yes', 'did not vote again'],
      ['Fay', '1', '', '', '', ''],
      ['Gus', '1', 'Zig-zags in', '', '', 'second vote only'],
    ]);
    // A round revealed from its first vote leaves the three cells empty; so does a speed game's level.
    const round2 = rows.filter((r) => r[col('round')] === '2');
    expect(round2.map((r) => r.slice(col('confidence')))).toEqual(round2.map(() => ['', '', '', '']));
  });

  it('the level of every answer in a game scored by confidence, the first vote’s level kept in the report', () => {
    let s = peerGame(2, 'confidence');
    s = playRound(
      s,
      0,
      T0,
      [
        [0, 'zigzag'],
        [1, 'diverges'],
      ],
      [[1, 'zigzag']],
      { level: 'sure' },
    );
    const report = buildReport(step(s, { type: 'end', by: HOST }, T0 + 60_000));
    expect(report.rounds[0]?.answers.map((a) => [a.confidence, a.firstVote?.confidence])).toEqual([
      ['sure', 'sure'],
      ['sure', 'sure'],
    ]);
    const [, ...rows] = csvRows(report);
    expect(rows.map((r) => r.slice(CSV_HEADER.indexOf('confidence')))).toEqual([
      ['Sure', 'Zig-zags in', 'yes', 'did not vote again'],
      ['Sure', 'Diverges', 'no', 'wrong → right'],
    ]);
  });
});

describe('PI8 a report saved as version 2 still reads', () => {
  it('is served as the current version without first votes, and its CSV leaves their cells empty', () => {
    const current = played();
    // What version 2 saved: no first vote on rounds or answers, no peer totals.
    const { peer: _peer, ...rest } = current;
    const v2 = {
      ...rest,
      version: 2,
      rounds: current.rounds.map(({ firstVote: _first, ...round }) => ({
        ...round,
        answers: round.answers.map(({ firstVote: _f, change: _c, ...a }) => a),
      })),
    };
    const upgraded = upgradeReport(v2);
    expect(upgraded.version).toBe(REPORT_VERSION);
    expect(upgraded.peer).toBeUndefined();
    expect(upgraded.rounds).toEqual(v2.rounds);
    const [header, ...rows] = csvRows(v2);
    expect(header).toEqual([...CSV_HEADER]);
    for (const row of rows) expect(row.slice(CSV_HEADER.indexOf('first vote'))).toEqual(['', '', '']);
  });
});
