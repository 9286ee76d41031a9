import { describe, expect, it } from 'vitest';
import { defuseFormula, toCsv } from '../../server/reports/csv';
import { buildReport, reportCsv } from '../../server/reports/report';
import { targetOf } from '../../server/room/kinds/max-alpha';
import { ZIGZAG } from '../helpers/scenarios';
import { HOST, makeRoom, step, T0, withPlayers } from '../room/helpers';

/** A small RFC 4180 reader: what a spreadsheet does with the bytes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('CSV export', () => {
  it('starts with a UTF-8 byte-order mark and ends every line with CRLF', () => {
    const csv = toCsv(['a', 'b'], [['θ', 1]]);
    expect(csv.startsWith('\uFEFFa,b\r\n')).toBe(true);
    expect(csv.endsWith('θ,1\r\n')).toBe(true);
  });

  it('quotes commas, quotes and line breaks so every row keeps its columns', () => {
    const nasty = ['Smith, Ann', 'say "hi"', 'two\nlines', 'plain'];
    const back = parseCsv(
      toCsv(
        ['x'],
        nasty.map((n) => [n]),
      ).slice(1),
    );
    expect(back.slice(1).map((r) => r[0])).toEqual(nasty);
  });

  it.each(['=1+1', '+33 6 12', '-2', '@SUM(A1)', '=HYPERLINK("http://x","click")', '\t=1', '\r=1'])(
    'a nickname %j cannot become a formula',
    (nickname) => {
      const [, row] = parseCsv(toCsv(['nickname'], [[nickname]]).slice(1));
      expect(row![0]!.startsWith("'")).toBe(true);
      expect(row![0]!.slice(1)).toBe(nickname);
    },
  );

  it('leaves ordinary text and numbers alone; negative numbers stay numbers', () => {
    expect(defuseFormula('Ada')).toBe('Ada');
    const [, row] = parseCsv(toCsv(['n', 'p'], [[-3, 0.5]]).slice(1));
    expect(row).toEqual(['-3', '0.5']);
  });

  it('writes null as an empty cell and booleans as yes/no', () => {
    const [, row] = parseCsv(toCsv(['a', 'b', 'c'], [[null, true, false]]).slice(1));
    expect(row).toEqual(['', 'yes', 'no']);
  });
});

describe('the CSV writes every α one way: the shortest round-trip decimal', () => {
  it('in the scenario, the answer and the right answer, for each kind of round', () => {
    const problem = { cost: ZIGZAG.cost, start: ZIGZAG.start };
    let s = withPlayers(makeRoom(), 1);
    s = {
      ...s,
      deck: {
        title: 'α',
        rounds: [
          { type: 'predict', scenario: { ...ZIGZAG, alpha: 0.0123456789 } },
          { type: 'predict', scenario: { ...ZIGZAG, alpha: 1.5e-5 } },
          { type: 'fastest', problem, alphas: [0.0123456789, 0.4] },
          { type: 'max-alpha', problem },
        ],
      },
    };
    const guess = 0.0537123456;
    const answers = ['zigzag', 'converges', 0.4, guess] as const;
    answers.forEach((choice, round) => {
      s = step(s, { type: 'start', by: HOST, round }, T0 + round * 60_000);
      s = step(s, { type: 'answer', playerId: 0, round, choice }, T0 + round * 60_000 + 1000);
    });
    s = step(s, { type: 'end', by: HOST }, T0 + 300_000);
    const rows = parseCsv(reportCsv(buildReport(s)).slice(1)).slice(1);
    const cells = rows.map((r) => [r[3], r[4], r[5]]);
    const target = targetOf({ type: 'max-alpha', problem });
    expect(cells[0]![0]).toMatch(/; α = 0\.0123456789$/);
    expect(cells[1]![0]).toMatch(/; α = 0\.000015$/);
    expect(cells[2]![0]).toMatch(/; fastest of 0\.0123456789, 0\.4\?$/);
    expect(cells[2]![1]).toBe('0.4');
    expect(cells[3]![1]).toBe(String(guess));
    expect(cells[3]![2]).toBe(`α just below α* = ${String(target)}`);
    // No display form is left: no "× 10", no α rounded to 4 digits.
    for (const row of cells) for (const cell of row) expect(cell).not.toMatch(/× 10|0\.01235\b/);
  });
});
