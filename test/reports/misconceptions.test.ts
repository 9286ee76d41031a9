// M2–M4 in the report: a class holding one misconception is diagnosed with its students and rounds;
// a class answering at random is not; a deck's tags are honoured; a version 1 report is upgraded.
import { describe, expect, it } from 'vitest';
import { upgradeReport } from '../../server/reports/misconceptions';
import { buildReport } from '../../server/reports/report';
import type { RoomState } from '../../server/room/state';
import { createRng, generateDeck, simulate } from '../../shared/engine/index';
import type { MisconceptionId } from '../../shared/engine/misconceptions';
import type { Answer, Scenario } from '../../shared/engine/types';
import { CONVERGES, DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { HOST, makeRoom, step, T0, withPlayers } from '../room/helpers';

/** Plays every round; `choose(player, scenario)` is each player's answer. */
function play(
  rounds: Scenario[],
  players: number,
  choose: (player: number, s: Scenario) => Answer,
  tags?: MisconceptionId[],
) {
  let s: RoomState = withPlayers(makeRoom({ rounds }), players);
  // The tags go on the zig-zag rounds: on the others the author's word would stand for both wrong answers.
  if (tags)
    s = {
      ...s,
      deck: { ...s.deck, rounds: s.deck.rounds.map((r, i) => (rounds[i] === ZIGZAG ? { ...r, tags } : r)) },
    };
  rounds.forEach((scenario, round) => {
    const at = T0 + round * 60_000;
    s = step(s, { type: 'start', by: HOST, round }, at);
    for (let p = 0; p < players; p++)
      s = step(s, { type: 'answer', playerId: p, round, choice: choose(p, scenario) }, at + 1000 + p);
  });
  return step(s, { type: 'end', by: HOST }, T0 + rounds.length * 60_000);
}

const outcomeOf = (s: Scenario) => simulate(s).outcome as Answer;
const ROUNDS = [ZIGZAG, ZIGZAG, DIVERGES, ZIGZAG, CONVERGES];
/** Players 0–3 answer "diverges" to every zig-zag; 4 and 5 are always right. */
const zigzagFearing = (p: number, s: Scenario): Answer =>
  p < 4 && outcomeOf(s) === 'zigzag' ? 'diverges' : outcomeOf(s);

describe('M3 M4 the report names the misconceptions a class holds', () => {
  it('a class that answers "diverges" to zig-zags: named, with its four students and its rounds', () => {
    const report = buildReport(play(ROUNDS, 6, zigzagFearing));
    expect(report.misconceptions.map((m) => m.id)).toEqual(['zigzag-not-convergence', 'overshoot-diverges']);
    const [m] = report.misconceptions;
    expect(m).toMatchObject({ name: 'A zig-zag is not convergence', rounds: [0, 1, 3], share: 4 / 6 });
    expect(m?.chance).toBeCloseTo(1 / 3, 12);
    expect(m?.students).toEqual(
      [1, 2, 3, 4].map((n) => ({ playerId: n - 1, nickname: `Player ${n}`, shown: 3, tested: 3 })),
    );
  });

  it('a class answering at random (seeded) holds none', () => {
    const rng = createRng(2026);
    const rounds = generateDeck(13, { difficulty: 'medium', rounds: 12 });
    const report = buildReport(
      play(rounds, 30, () => rng.pick(['converges', 'zigzag', 'diverges'] as const)),
    );
    expect(report.misconceptions).toEqual([]);
  });

  it("one student's single slip, or two rounds answered right, names nobody", () => {
    const report = buildReport(
      play(ROUNDS, 6, (p, s) => (p === 0 && s === ROUNDS[0] ? 'diverges' : outcomeOf(s))),
    );
    expect(report.misconceptions).toEqual([]);
  });

  it("a deck's tags decide what its rounds test", () => {
    const report = buildReport(play(ROUNDS, 6, zigzagFearing, ['overshoot-diverges']));
    expect(report.misconceptions.map((m) => m.id)).toEqual(['overshoot-diverges']);
  });

  it('a version 1 report (with "confusions") is served with its misconceptions', () => {
    const { misconceptions, ...current } = buildReport(play(ROUNDS, 6, zigzagFearing));
    const old = {
      ...current,
      version: 1,
      confusions: [{ round: 0, share: 0.67, text: '67 % answered diverges' }],
    };
    const upgraded = upgradeReport(old);
    expect(upgraded.version).toBe(3);
    expect('confusions' in upgraded).toBe(false);
    expect(upgraded.misconceptions).toEqual(misconceptions);
  });
});
