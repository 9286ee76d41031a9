import { describe, expect, it } from 'vitest';
import { defuseFormula, toCsv } from '../../server/reports/csv';

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
