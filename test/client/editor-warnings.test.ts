// The deck editor's checks and warnings, as an instructor types a round: what refuses a round (the
// same parser the server uses, with the field at fault), and the warnings shown before a class sees
// it (previewRound). Each round goes the editor's own way: a draft, checked, then previewed.
import { describe, expect, it } from 'vitest';
import { previewRound } from '../../client/host/editor/preview';
import {
  BLANK_ROUND,
  checkDraft,
  numberFrom,
  parseColumns,
  type RoundDraft,
} from '../../client/host/editor/round-draft';

const draft = (patch: Partial<RoundDraft> = {}): RoundDraft => ({
  ...BLANK_ROUND,
  alphas: [...BLANK_ROUND.alphas],
  ...patch,
});

function preview(patch: Partial<RoundDraft>) {
  const checked = checkDraft(draft(patch));
  if (!checked.ok) throw new Error(`the draft was refused: ${checked.field}: ${checked.error}`);
  return previewRound(checked.round);
}

const warningsOf = (patch: Partial<RoundDraft>) => preview(patch).warnings.map((w) => w.id);

describe('what the editor reads from a typed field', () => {
  it('numbers as people type them: a decimal comma, an exponent, a Unicode minus, spaces', () => {
    expect(numberFrom(' 0,05 ')).toBe(0.05);
    expect(numberFrom('5e-2')).toBe(0.05);
    expect(numberFrom('−3')).toBe(-3);
    expect(numberFrom('')).toBeUndefined();
    // Not a number: passed on as typed, so the deck's check names the field.
    expect(numberFrom('0.0.5')).toBe('0.0.5');
  });

  it('two pasted columns, separated by tabs, semicolons, spaces or commas; a header is skipped', () => {
    expect(parseColumns('x\ty\n0\t1\n1\t3')).toEqual({ ok: true, x: [0, 1], y: [1, 3] });
    expect(parseColumns('0;1,5\n\n2;3')).toEqual({ ok: true, x: [0, 2], y: [1.5, 3] });
    expect(parseColumns('0 1\n2  3')).toEqual({ ok: true, x: [0, 2], y: [1, 3] });
    expect(parseColumns('0,1\n2,3')).toEqual({ ok: true, x: [0, 2], y: [1, 3] });
    expect(parseColumns('0,5 1,5\n2 3')).toEqual({ ok: true, x: [0.5, 2], y: [1.5, 3] });
  });

  it('a first line of numbers split by a comma and a space is data, not a header', () => {
    // "0," read alone is not a number: the split on spaces must not win over the one on the comma.
    expect(parseColumns('0, 1\n2, 3')).toEqual({ ok: true, x: [0, 2], y: [1, 3] });
  });

  it('a line that is not two numbers is named by its number', () => {
    expect(parseColumns('x y\n1 2\na b')).toEqual({ ok: false, error: 'line 3: “a b” is not two numbers' });
    expect(parseColumns('1 2\n3')).toEqual({ ok: false, error: 'line 2 needs two numbers, x and y' });
  });
});

describe('a round the server would refuse is refused as it is typed, naming the field', () => {
  it('the blank round of every kind is a valid round', () => {
    for (const type of ['predict', 'max-alpha', 'fastest'] as const)
      for (const kind of ['quadratic', 'quartic', 'bowl', 'linreg'] as const)
        expect(checkDraft(draft({ type, kind })).ok, `${type} on ${kind}`).toBe(true);
  });

  const refused: Array<[Partial<RoundDraft>, string]> = [
    [{ alpha: 'abc' }, 'alpha'],
    [{ alpha: '-0.1' }, 'alpha'],
    [{ type: 'fastest', alphas: ['0.1', '0.3'] }, 'alphas'],
    [{ seconds: '2' }, 'seconds'],
    [{ kind: 'linreg', data: 'x y\n1 2\na b' }, 'cost.x'],
  ];
  it.each(refused)('%o: %s', (patch, field) => {
    const checked = checkDraft(draft(patch));
    expect(checked).toMatchObject({ ok: false, field });
    expect(checked.ok || checked.error.length > 0).toBe(true);
  });
});

describe('predict: the warnings before a class sees the round', () => {
  // J(θ) = (θ − 1)² with a = 2, start 5: r = 2α.
  it('a clear round has no warning', () => {
    expect(warningsOf({ alpha: '0.25' })).toEqual([]);
    expect(warningsOf({ alpha: '0.8' })).toEqual([]);
    // Diverges, and the first step stays on the plot: the class sees it leave.
    expect(warningsOf({ alpha: '1.2' })).toEqual([]);
  });

  it.each([
    ['0.525', '1.05', 1],
    ['0.975', '1.95', 2],
  ])('boundary: α = %s gives r = %s, within a tenth of %i', (alpha, r, edge) => {
    const { warnings } = preview({ alpha });
    expect(warnings.map((w) => w.id)).toEqual(['boundary']);
    expect(warnings[0]?.text).toContain(`= ${r} is within 10 % of ${edge}`);
  });

  it('never-settles: r = 2 exactly bounces for ever and nobody can score', () => {
    const { warnings } = preview({ alpha: '1' });
    expect(warnings.map((w) => w.id)).toEqual(['boundary', 'never-settles']);
    expect(warnings[1]?.text).toContain('nobody can score this round');
  });

  it('never-settles: a run still more than half the way out at the last step', () => {
    const { warnings } = preview({ alpha: '0.001' });
    expect(warnings.map((w) => w.id)).toEqual(['never-settles']);
    expect(warnings[0]?.text).toMatch(/still \d+ % of the start distance away/);
  });

  it('off-plot: the first step lands outside the picture', () => {
    expect(warningsOf({ alpha: '1.5' })).toEqual(['off-plot']);
  });

  it('at-minimum: a start on the minimum never moves', () => {
    expect(warningsOf({ start0: '1' })).toEqual(['at-minimum']);
  });

  it('hidden-steep: a 2-D start with under 5 % of its distance along the steep direction', () => {
    // Eigenvalues 1 and 4, axis-aligned: the steep direction is θ₂.
    const bowl = { kind: 'bowl', angle: '0', l1: '1', l2: '4', cx: '0', cy: '0', alpha: '0.1' } as const;
    const { warnings } = preview({ ...bowl, start0: '5', start1: '0.1' });
    expect(warnings.map((w) => w.id)).toEqual(['hidden-steep']);
    expect(warnings[0]?.text).toContain('Only 2 % of the start');
    expect(warningsOf({ ...bowl, start0: '5', start1: '0.5' })).toEqual([]);
    expect(warningsOf({ ...bowl, start0: '0.1', start1: '5' })).toEqual([]);
  });
});

describe('largest α: only the start can be wrong', () => {
  it('no warning for a good start; at-minimum for a start on the minimum', () => {
    expect(warningsOf({ type: 'max-alpha' })).toEqual([]);
    expect(warningsOf({ type: 'max-alpha', start0: '1' })).toEqual(['at-minimum']);
  });
});

describe('fastest α: an unfair or dull race', () => {
  // Each option shrinks the distance by |1 − 2α| per step.
  it('a clear race has no warning and names its winner', () => {
    const p = preview({ type: 'fastest', alphas: ['0.1', '0.3', '0.45'] });
    expect(p.warnings).toEqual([]);
    expect(p.race?.race.winner).toBe(2);
  });

  it('close-race: the winner less than 25 % ahead', () => {
    const { warnings } = preview({ type: 'fastest', alphas: ['0.1', '0.3', '0.32'] });
    expect(warnings.map((w) => w.id)).toEqual(['close-race']);
    expect(warnings[0]?.text).toContain('only 14 % ahead');
  });

  it('no-winner and mirror-pair: r and 2 − r tie in 1-D', () => {
    const p = preview({ type: 'fastest', alphas: ['0.1', '0.25', '0.75'] });
    expect(p.warnings.map((w) => w.id)).toEqual(['no-winner', 'mirror-pair']);
    expect(p.race?.race.winner).toBeNull();
    expect(p.headline).toBe('No single winner');
  });

  it('long-race: a winner needing more than 200 steps', () => {
    const { warnings } = preview({ type: 'fastest', alphas: ['0.002', '0.005', '0.01'] });
    expect(warnings.map((w) => w.id)).toEqual(['long-race']);
    expect(warnings[0]?.text).toContain('342 steps');
  });

  it('a diverging option is a note, not a warning', () => {
    const p = preview({ type: 'fastest', alphas: ['0.1', '0.45', '1.5'] });
    expect(p.warnings).toEqual([]);
    expect(p.notes).toHaveLength(1);
    expect(p.notes[0]).toContain('diverges');
  });
});
