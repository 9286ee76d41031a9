// One name for each outcome everywhere people read it (shared/kinds/outcomes): r = 2 is "Bounces for
// ever" on the phones, the projector, the report page and in the CSV; and a report's bars say which
// answer they count, so the report page never reads an answer back from a label.
import { describe, expect, it } from 'vitest';
import { buildReport, reportCsv } from '../../server/reports/report';
import { OUTCOME_LABELS } from '../../shared/kinds/outcomes';
import { OSCILLATES, ZIGZAG } from '../helpers/scenarios';
import { HOST, makeRoom, step, T0, withPlayers } from '../room/helpers';

function played() {
  let s = withPlayers(makeRoom({ rounds: [OSCILLATES, ZIGZAG] }), 1);
  s = step(s, { type: 'start', by: HOST, round: 0 });
  s = step(s, { type: 'answer', playerId: 0, round: 0, choice: 'converges' }, T0 + 1000);
  s = step(s, { type: 'start', by: HOST, round: 1 }, T0 + 60_000);
  s = step(s, { type: 'answer', playerId: 0, round: 1, choice: 'zigzag' }, T0 + 61_000);
  return step(s, { type: 'end', by: HOST }, T0 + 70_000);
}

describe('S6 the r = 2 bounce has one name in the report and the CSV', () => {
  it('the report names the bounce as the apps do, and its outcome comes from the deck', () => {
    const report = buildReport(played());
    expect(report.rounds[0]).toMatchObject({
      outcome: 'oscillates',
      answerText: 'Bounces for ever',
      scored: false,
    });
    expect(report.rounds[1]).toMatchObject({ outcome: 'zigzag', answerText: OUTCOME_LABELS.zigzag });
  });

  it('the CSV says "Bounces for ever" and never "Oscillates"', () => {
    const csv = reportCsv(buildReport(played()));
    expect(csv).toContain('Bounces for ever');
    expect(csv).not.toMatch(/Oscillates/i);
  });

  it('every bar of a prediction round says which answer it counts', () => {
    const [, zigzag] = buildReport(played()).rounds;
    expect(zigzag?.bars.map((b) => [b.answer, b.label, b.count, b.isCorrect])).toEqual([
      ['converges', 'Converges directly', 0, false],
      ['zigzag', 'Zig-zags in', 1, true],
      ['diverges', 'Diverges', 0, false],
    ]);
  });
});
