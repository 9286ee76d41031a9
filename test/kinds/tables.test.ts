// K1: every kind of round has its line in every table: the server's kinds, what both sides know,
// and the screens of both apps. The tables are typed { [T in RoundType]: … }, so a missing line
// fails the typecheck; this test says the same at run time, and the type tests below say that a
// task of one kind cannot travel with the detail or verdict of another.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ROUND_KINDS } from '../../server/room/kinds';
import { simulate } from '../../shared/engine/simulate';
import { DECK_FORMS, KIND_INFO } from '../../shared/kinds';
import { ROUND_TYPES } from '../../shared/protocol/schemas';
import type { HostReveal, PlayerReveal, TaskOf } from '../../shared/protocol/views';
import { CONVERGES } from '../helpers/scenarios';

// The apps' screen modules read the page's address when loaded; outside a browser they get a blank one.
vi.stubGlobal('location', { hash: '', pathname: '/', search: '' });
vi.stubGlobal('window', { addEventListener: () => {} });
// The unit tests share their workers (vite.config.ts): the next file must not find these.
afterAll(() => vi.unstubAllGlobals());
const { REPORT_ROWS } = await import('../../client/host/pages/reports-page');
const { QUESTION_PARTS } = await import('../../client/host/screens/question');
const { REVEAL_SCREENS } = await import('../../client/host/screens/reveal');
const { QUESTION_INPUTS } = await import('../../client/player/screens/question');
const { REVEAL_VERDICTS } = await import('../../client/player/screens/reveal');
const { PREVIEWS } = await import('../../client/host/editor/preview');
const { DRAFT_FIELDS } = await import('../../client/host/editor/round-draft');
const { KIND_FIELDS } = await import('../../client/host/editor/round-form');
const { LIST_VERDICTS } = await import('../../client/host/pages/deck-page');

const KIND_HOOKS = ['task', 'refusal', 'judge', 'detail', 'verdict'] as const;
const REPORT_HOOKS = ['summary', 'answerText', 'outcome', 'ratio', 'bars', 'answerCell'] as const;

describe('K1 every kind of round has its line in every table', () => {
  it.each(ROUND_TYPES)('%s: the server kind has every hook', (type) => {
    const kind = ROUND_KINDS[type];
    for (const hook of KIND_HOOKS) expect(kind[hook], hook).toBeTypeOf('function');
    for (const hook of REPORT_HOOKS) expect(kind.report[hook], `report.${hook}`).toBeTypeOf('function');
  });

  it.each(ROUND_TYPES)('%s: a name, an editor label and editor defaults', (type) => {
    const info = KIND_INFO[type];
    expect(info.name).toMatch(/\S/);
    expect(info.editorLabel).toMatch(/\S/);
    expect(info.editorDefaults).toBeTypeOf('object');
  });

  it.each(ROUND_TYPES)('%s: a screen in every app table', (type) => {
    const tables = {
      REVEAL_SCREENS,
      QUESTION_PARTS,
      QUESTION_INPUTS,
      REVEAL_VERDICTS,
      REPORT_ROWS,
      PREVIEWS,
    };
    for (const [name, table] of Object.entries(tables)) expect(table[type], name).toBeTypeOf('function');
    for (const hook of ['read', 'write', 'line'] as const)
      expect(DRAFT_FIELDS[type][hook], `DRAFT_FIELDS.${hook}`).toBeTypeOf('function');
    expect(DECK_FORMS[type].parse).toBeTypeOf('function');
    expect(KIND_FIELDS[type].inline).toBeTypeOf('function');
    expect(KIND_FIELDS[type].below).toBeTypeOf('function');
  });

  it('no table has a line for a kind that does not exist', () => {
    const kinds = [...ROUND_TYPES].sort();
    for (const table of [
      ROUND_KINDS,
      KIND_INFO,
      REVEAL_SCREENS,
      QUESTION_PARTS,
      QUESTION_INPUTS,
      REVEAL_VERDICTS,
      REPORT_ROWS,
      PREVIEWS,
      DRAFT_FIELDS,
      KIND_FIELDS,
      LIST_VERDICTS,
      DECK_FORMS,
    ])
      expect(Object.keys(table).sort()).toEqual(kinds);
  });
});

describe('K1 a reveal carries its task and its detail or verdict of one kind', () => {
  const predictTask: TaskOf<'predict'> = { type: 'predict', scenario: CONVERGES };
  const fastestDetail = {
    type: 'fastest',
    race: { iterations: [1, 2, 3], winner: 0, lead: 2 },
    simulations: [],
    counts: [0, 0, 0],
    none: 0,
  } as const;
  const fastestVerdict = { type: 'fastest', winner: 0.5, iterations: [1, 2, 3] } as const;

  it('a predict task with a fastest detail or verdict does not type-check', () => {
    // @ts-expect-error: a predict task travels only with a predict detail.
    const host: HostReveal = { type: 'predict', task: predictTask, detail: fastestDetail };
    // @ts-expect-error: nor under the fastest tag.
    const host2: HostReveal = { type: 'fastest', task: predictTask, detail: fastestDetail };
    // @ts-expect-error: a predict task travels only with a predict verdict.
    const player: PlayerReveal = { type: 'predict', task: predictTask, verdict: fastestVerdict };
    expect([host, host2, player]).toHaveLength(3);
  });

  it('the kind tag narrows the task and the detail together', () => {
    const reveal: HostReveal = {
      type: 'predict',
      task: predictTask,
      detail: {
        type: 'predict',
        simulation: simulate(CONVERGES),
        distribution: { converges: 0, zigzag: 0, diverges: 0, none: 0 },
      },
    };
    // Without the correlation, reading a predict-only field after one check would not compile.
    if (reveal.type === 'predict')
      expect(reveal.task.scenario.alpha + reveal.detail.distribution.none).toBe(CONVERGES.alpha);
  });
});
