// CSV that opens as-is in LibreOffice, Excel and Google Sheets: UTF-8 with a byte-order mark (Excel
// needs it to read θ and accents), CRLF line ends, fields quoted when they hold a comma, quote or
// line break (RFC 4180), and text cells that a spreadsheet would run as a formula defused.

/**
 * A cell starting with = + - @ (or a tab or carriage return, which some spreadsheets skip before
 * looking) becomes a formula when opened: `=HYPERLINK(...)` as a nickname would run in the
 * teacher's spreadsheet. A leading apostrophe makes every one of them show it as plain text.
 */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

export type Cell = string | number | boolean | null;

/**
 * Text cells are defused, the header's too (a gradebook's columns are named after the games' titles);
 * numbers are written as numbers so sums and charts work.
 */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<readonly Cell[]>,
  /** How a boolean reads, in the sheet's language. */
  words: { yes: string; no: string } = { yes: 'yes', no: 'no' },
): string {
  const cell = (value: Cell): string => {
    if (value === null) return '';
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
    if (typeof value === 'boolean') return value ? words.yes : words.no;
    return quote(defuseFormula(value));
  };
  const lines = [header.map((h) => quote(defuseFormula(h))), ...rows.map((r) => r.map(cell))].map((r) =>
    r.join(','),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
