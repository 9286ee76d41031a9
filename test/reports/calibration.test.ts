// C5: the calibration of a game scored by confidence, on a scripted class with known answers.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../server/reports/report';
import type { Command, RoomState } from '../../server/room/state';
import type { Answer } from '../../shared/engine/types';
import type { Confidence } from '../../shared/protocol/confidence';
import { CONVERGES, DIVERGES, OSCILLATES, ZIGZAG } from '../helpers/scenarios';
import { HOST, makeRoom, step, T0, withPlayers } from '../room/helpers';

const ROUNDS = [ZIGZAG, DIVERGES, CONVERGES, ZIGZAG, OSCILLATES];

/** Per round, each student's answer and level (null: no answer). */
function played(
  script: Array<Array<[Answer, Confidence] | null>>,
  scoreBy: 'speed' | 'confidence',
): RoomState {
  const base = withPlayers(makeRoom({ rounds: ROUNDS }), script[0]?.length ?? 0);
  let s: RoomState = { ...base, settings: { ...base.settings, scoreBy } };
  script.forEach((answers, round) => {
    const at = T0 + round * 60_000;
    s = step(s, { type: 'start', by: HOST, round }, at);
    answers.forEach((given, playerId) => {
      if (!given) return;
      const command: Command = { type: 'answer', playerId, round, choice: given[0], confidence: given[1] };
      s = step(s, command, at + 1000);
    });
    if (s.phase.kind === 'question') s = step(s, { type: 'reveal', by: HOST, round }, at + 2000);
  });
  return step(s, { type: 'end', by: HOST }, T0 + 600_000);
}

// Ada is sure every time and right 3 times of 4; Ben guesses twice (right once) and is fairly sure
// twice (right both times); Cy never answers. Round 5 (the r = 2 bounce) nobody could win: not counted.
const SCRIPT: Array<Array<[Answer, Confidence] | null>> = [
  [['zigzag', 'sure'], ['zigzag', 'guessing'], null],
  [['diverges', 'sure'], ['converges', 'guessing'], null],
  [['converges', 'sure'], ['converges', 'fairly-sure'], null],
  [['diverges', 'sure'], ['zigzag', 'fairly-sure'], null],
  [['converges', 'sure'], ['converges', 'guessing'], null],
];

describe('C5 calibration: share right at each level and each student Brier score', () => {
  it('counts each level for the class and per student, over the scored rounds only', () => {
    const calibration = buildReport(played(SCRIPT, 'confidence')).calibration;
    expect(calibration?.levels).toEqual([
      { level: 'guessing', answers: 2, correct: 1, share: 0.5 },
      { level: 'fairly-sure', answers: 2, correct: 2, share: 1 },
      { level: 'sure', answers: 4, correct: 3, share: 0.75 },
    ]);
    // Students come in the report's ranking order; found here by id (the order they joined).
    const [ada, ben, cy] = [0, 1, 2].map((id) => calibration?.students.find((p) => p.id === id));
    expect(ada?.levels.map((l) => [l.level, l.answers, l.correct])).toEqual([
      ['guessing', 0, 0],
      ['fairly-sure', 0, 0],
      ['sure', 4, 3],
    ]);
    expect(ben?.levels.map((l) => l.share)).toEqual([0.5, 1, null]);
    // Ada: (3 × 0.1² + 0.9²) / 4 = 0.21. Ben: (0.5² + 0.5² + 2 × 0.265²) / 4 = 0.1601125.
    expect(ada?.brier).toBeCloseTo(0.21, 10);
    expect(ben?.brier).toBeCloseTo(0.1601125, 10);
    expect(cy).toMatchObject({ nickname: 'Player 3', brier: null });
  });

  it('always guessing scores 0.25 whatever happens; the report lists each answer with its level', () => {
    const always = SCRIPT.map((round) =>
      round.map((a) => (a ? ([a[0], 'guessing'] as [Answer, Confidence]) : null)),
    );
    const report = buildReport(played(always, 'confidence'));
    const briers = report.calibration?.students.map((p) => p.brier);
    expect(briers?.filter((b) => b !== null)).toEqual([0.25, 0.25]);
    expect(report.rounds[0]?.answers[0]).toMatchObject({ answer: 'zigzag', confidence: 'guessing' });
  });

  it('a game scored by speed has no calibration', () => {
    const report = buildReport(played(SCRIPT, 'speed'));
    expect(report.calibration).toBeUndefined();
    expect(report.rounds[0]?.answers[0]).not.toHaveProperty('confidence');
  });
});
