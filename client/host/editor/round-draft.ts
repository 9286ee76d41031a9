// A round as the editor holds it while the instructor types: every field as text, exactly as typed,
// so "0," or "-" mid-keystroke is never lost or reformatted. Turned into a deck-file round only to
// check it (parseDeckRound, which names the field at fault) and to save it.

import type { CostKind } from '../../../shared/engine/types';
import { common } from '../../../shared/i18n/en/common';
import { editor } from '../../../shared/i18n/en/editor';
import type { Rule } from '../../../shared/i18n/rules';
import { KIND_INFO } from '../../../shared/kinds';
import { type DeckFileRound, type DeckRound, parseDeckRound } from '../../../shared/protocol/deck';
import type { RoundType } from '../../../shared/protocol/schemas';
import { ruleSentence } from '../language';

export interface RoundDraft {
  type: RoundType;
  kind: CostKind;
  /** quadratic */
  a: string;
  c: string;
  /** quartic */
  b: string;
  /** bowl */
  l1: string;
  l2: string;
  angle: string;
  cx: string;
  cy: string;
  /** linreg: x and y as two columns, one pair per line. */
  data: string;
  start0: string;
  start1: string;
  /** predict */
  alpha: string;
  /** fastest: 3 or 4 */
  alphas: string[];
  /** '' for the game's default. */
  seconds: string;
  /** M1: the misconceptions tested, ids separated by commas or spaces; '' derived by the engine, 'none' none. */
  tags: string;
}

/** A sensible value in every field, so switching the kind of cost or of round shows a round at once. */
export const BLANK_ROUND: RoundDraft = {
  type: 'predict',
  kind: 'quadratic',
  a: '2',
  c: '1',
  b: '1',
  l1: '1',
  l2: '4',
  angle: '30',
  cx: '0',
  cy: '0',
  data: 'x\ty\n0\t1.2\n1\t2.9\n2\t5.1\n3\t7\n4\t8.8',
  start0: '5',
  start1: '2',
  ...KIND_INFO.predict.editorDefaults,
  ...KIND_INFO.fastest.editorDefaults,
  seconds: '',
  tags: '',
};

/** A number as the host's language types it (0,25 in French): numberFrom reads either back. */
const text = (x: number | undefined): string =>
  x === undefined ? '' : String(x).replace('.', common.decimal);

/** The fields of the draft that belong to one kind of round (the others keep their values). */
interface DraftFields {
  /** The kind's own fields of a deck-file round of that kind, as text. */
  read(round: DeckFileRound): Partial<RoundDraft>;
  /** The kind's own fields as a deck-file round has them, for the parser to check. */
  write(draft: RoundDraft): Record<string, unknown>;
  /** The kind's own fields in the deck's list of rounds, e.g. " · α = 0.25". */
  line(draft: RoundDraft): string;
}

/** The deck editor's fields of each kind of round: one line per kind. */
export const DRAFT_FIELDS: { [T in RoundType]: DraftFields } = {
  predict: {
    read: (round) => ('alpha' in round ? { alpha: text(round.alpha) } : {}),
    write: (draft) => ({ alpha: numberFrom(draft.alpha) }),
    line: (draft) => ` · α = ${draft.alpha}`,
  },
  'max-alpha': { read: () => ({}), write: () => ({}), line: () => '' },
  fastest: {
    read: (round) => ('alphas' in round ? { alphas: round.alphas.map((a) => text(a)) } : {}),
    write: (draft) => ({ alphas: draft.alphas.map(numberFrom) }),
    line: (draft) => ` · α = ${draft.alphas.join(common.pointSeparator)}`,
  },
};

export function draftOf(round: DeckFileRound): RoundDraft {
  const draft: RoundDraft = { ...BLANK_ROUND, alphas: [...BLANK_ROUND.alphas] };
  draft.type = round.type ?? 'predict';
  const { cost, start } = round;
  draft.kind = cost.kind;
  switch (cost.kind) {
    case 'quadratic':
      draft.a = text(cost.a);
      draft.c = text(cost.c);
      break;
    case 'quartic':
      draft.b = text(cost.b);
      break;
    case 'bowl':
      draft.l1 = text(cost.eigenvalues[0]);
      draft.l2 = text(cost.eigenvalues[1]);
      draft.angle = text(cost.angle);
      draft.cx = text(cost.center[0]);
      draft.cy = text(cost.center[1]);
      break;
    case 'linreg':
      draft.data = cost.x.map((x, i) => `${x}\t${cost.y[i] ?? ''}`).join('\n');
      break;
  }
  draft.start0 = text(start[0]);
  draft.start1 = start.length > 1 ? text(start[1]) : BLANK_ROUND.start1;
  Object.assign(draft, DRAFT_FIELDS[draft.type].read(round));
  draft.seconds = text(round.seconds);
  draft.tags = round.tags === undefined ? '' : round.tags.length === 0 ? 'none' : round.tags.join(', ');
  return draft;
}

/**
 * A typed number: "0.05", "5e-2", "0,05" (a decimal comma), " 2 ". Text that is not a number is
 * passed on as it is, so the deck's own check says what is wrong with that field.
 */
export function numberFrom(typed: string): number | string | undefined {
  const t = typed.trim();
  if (t === '') return undefined;
  const n = Number(t.replace(/^([+-]?\d*),(\d+)$/, '$1.$2').replace('−', '-'));
  return Number.isNaN(n) ? t : n;
}

export type Columns = { ok: true; x: number[]; y: number[] } | { ok: false; error: string };

/** One cell of a pasted table; a decimal comma is allowed when commas do not separate the columns. */
const cellNumber = (cell: string): number => {
  const n = numberFrom(cell);
  return typeof n === 'number' && Number.isFinite(n) ? n : Number.NaN;
};

/**
 * The two cells of a line, split on tabs, semicolons, spaces or commas: the first split that gives
 * two numbers ("0, 1" split on its space gives "0," and "1"), else the first that gives two cells
 * (a header, or a line to name in the error).
 */
function splitPair(line: string): string[] | null {
  let pair: string[] | null = null;
  for (const separator of [/\t/, /;/, /\s+/, /\s*,\s*/]) {
    const cells = line
      .split(separator)
      .map((c) => c.trim())
      .filter((c) => c !== '');
    if (cells.length !== 2) continue;
    if (cells.every((c) => Number.isFinite(cellNumber(c)))) return cells;
    pair ??= cells;
  }
  return pair;
}

/**
 * x and y pasted as two columns (from a spreadsheet, a CSV file or typed): one pair per line,
 * separated by a tab, a semicolon, spaces or a comma. A first line that is not numbers (a header)
 * is skipped; blank lines are ignored.
 */
export function parseColumns(pasted: string): Columns {
  const x: number[] = [];
  const y: number[] = [];
  let first = true;
  for (const [i, raw] of pasted.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const cells = splitPair(line);
    const pair = cells?.map(cellNumber) ?? [];
    const isNumbers = pair.length === 2 && pair.every(Number.isFinite);
    if (first && !isNumbers) {
      first = false;
      continue;
    }
    first = false;
    if (!cells) return { ok: false, error: editor.lineNeedsTwo(i + 1) };
    if (!isNumbers) return { ok: false, error: editor.lineNotNumbers(i + 1, cells.join(' ')) };
    x.push(pair[0]!);
    y.push(pair[1]!);
  }
  return { ok: true, x, y };
}

/** A draft that fails: `error` in the page's language, and the rule it broke (none for unreadable data). */
export type DraftCheck =
  | { ok: true; round: DeckRound }
  | { ok: false; field: string; error: string; rule?: Rule };

/** The draft as a deck-file round, checked as the server will check it. */
export function checkDraft(draft: RoundDraft): DraftCheck {
  let cost: Record<string, unknown>;
  switch (draft.kind) {
    case 'quadratic':
      cost = { kind: 'quadratic', a: numberFrom(draft.a), c: numberFrom(draft.c) };
      break;
    case 'quartic':
      cost = { kind: 'quartic', b: numberFrom(draft.b) };
      break;
    case 'bowl':
      cost = {
        kind: 'bowl',
        eigenvalues: [numberFrom(draft.l1), numberFrom(draft.l2)],
        angle: numberFrom(draft.angle),
        center: [numberFrom(draft.cx), numberFrom(draft.cy)],
      };
      break;
    case 'linreg': {
      const columns = parseColumns(draft.data);
      if (!columns.ok) return { ok: false, field: 'cost.x', error: columns.error };
      cost = { kind: 'linreg', x: columns.x, y: columns.y };
      break;
    }
  }
  const twoD = draft.kind === 'bowl' || draft.kind === 'linreg';
  const raw: Record<string, unknown> = {
    type: draft.type,
    cost,
    start: twoD ? [numberFrom(draft.start0), numberFrom(draft.start1)] : [numberFrom(draft.start0)],
  };
  Object.assign(raw, DRAFT_FIELDS[draft.type].write(draft));
  const seconds = numberFrom(draft.seconds);
  if (seconds !== undefined) raw.seconds = seconds;
  const tags = draft.tags.trim();
  if (tags !== '') raw.tags = tags === 'none' ? [] : tags.split(/[\s,;]+/).filter((t) => t !== '');
  const checked = parseDeckRound(raw);
  if (checked.ok) return checked;
  return { ok: false, field: checked.field, error: ruleSentence(checked.rule), rule: checked.rule };
}
