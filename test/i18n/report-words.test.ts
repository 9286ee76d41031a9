// Issue 14, item 4: a report's words in the host's language. The server stores a report's words in
// English; the host page writes them from the ids and numbers beside them (client/host/parts/
// report-text.ts). In English the page must say exactly what the server said, so nothing a teacher
// reads changes; in French every number has its decimal comma and every sentence is French; a
// misconception reads by its id, an old report's English words stay readable for an id the page does
// not know; every refusal code the instructors' API sends has a sentence in each language.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { applyCatalogs, english } from '../../client/host/language';
import { barLabel, ideaWords, roundAnswer, roundSummary } from '../../client/host/parts/report-text';
import { buildReport } from '../../server/reports/report';
import { ORIGINAL_MISSING } from '../../server/reports/warmup';
import { reports } from '../../shared/i18n/en/reports';
import { teacher as frTeacher } from '../../shared/i18n/fr/teacher';
import { ZIGZAG } from '../helpers/scenarios';
import { HOST, makeRoom, step, T0, withPlayers } from '../room/helpers';

const NB = '\u202F';

/** A game of each kind of round, the α's with decimals, one student answering each. */
function played() {
  const problem = { cost: ZIGZAG.cost, start: ZIGZAG.start };
  let s = withPlayers(makeRoom(), 1);
  s = {
    ...s,
    deck: {
      title: 'Trois types',
      rounds: [
        { type: 'predict', scenario: { ...ZIGZAG, alpha: 0.0123456789 } },
        { type: 'fastest', problem, alphas: [0.0123456789, 0.4] },
        { type: 'max-alpha', problem },
        { type: 'fastest', problem, alphas: [0.5, 1.5] },
      ],
    },
  };
  const answers = ['zigzag', 0.4, 0.0537123456, 0.5] as const;
  answers.forEach((choice, round) => {
    s = step(s, { type: 'start', by: HOST, round }, T0 + round * 60_000);
    s = step(s, { type: 'answer', playerId: 0, round, choice }, T0 + round * 60_000 + 1000);
  });
  return buildReport(step(s, { type: 'end', by: HOST }, T0 + 300_000));
}

afterEach(() => applyCatalogs('en'));

describe('a report in English reads as the server wrote it', () => {
  it('each round’s line, right answer and bars equal the stored English words', () => {
    const report = played();
    expect(report.rounds.map((r) => r.type)).toEqual(['predict', 'fastest', 'max-alpha', 'fastest']);
    for (const round of report.rounds) {
      expect(roundSummary(round)).toBe(round.summary);
      expect(roundAnswer(round)).toBe(round.answerText);
      expect(round.bars.map((b, i) => barLabel(round, b, i))).toEqual(round.bars.map((b) => b.label));
    }
  });

  it('a misconception reads by its id, as the server named it', () => {
    const m = { id: 'zigzag-not-convergence' as const, name: 'x', text: 'y', separates: 'z' };
    expect(ideaWords(m).name).toBe('A zig-zag is not convergence');
  });

  it('the warm-up’s one reason for no comparison is the server’s sentence', () => {
    expect(english.reports.originalMissing).toBe(ORIGINAL_MISSING);
  });
});

describe('the same report in French', () => {
  it('writes every line, answer and bar in French, numbers with a decimal comma', () => {
    const report = played();
    applyCatalogs('fr');
    const [predict, fastest, maxAlpha] = report.rounds;
    expect(roundSummary(predict!)).toMatch(new RegExp(`${NB}; α = 0,01235$`));
    expect(roundSummary(fastest!)).toContain(`le plus rapide parmi 0,01235${NB}; 0,4${NB}?`);
    expect(roundSummary(maxAlpha!)).toContain(`plus grand α qui converge${NB}?`);
    expect(predict!.outcome).toBe('converges');
    expect(roundAnswer(predict!)).toBe('Converge directement');
    expect(roundAnswer(maxAlpha!)).toMatch(/^α juste en dessous de α\* = [\d,]+$/);
    expect(fastest!.bars.map((b, i) => barLabel(fastest!, b, i))).toEqual(['α = 0,01235', 'α = 0,4']);
    expect(maxAlpha!.bars.map((b, i) => barLabel(maxAlpha!, b, i))).toEqual([
      `très en dessous de α*${NB}: trop prudent pour marquer`,
      `près de α*/2${NB}: là où le dépassement commence, pas là où la convergence s’arrête`,
      `juste en dessous de α*${NB}: marque des points`,
      `α* ou plus${NB}: ne converge pas`,
    ]);
    for (const round of report.rounds) expect(roundSummary(round)).not.toMatch(/\d\.\d/);
  });

  it('names a misconception in French by its id; an unknown id keeps the words the report holds', () => {
    applyCatalogs('fr');
    const stored = {
      id: 'zigzag-not-convergence' as const,
      name: 'A zig-zag is not convergence',
      text: 'Answers "diverges" when the run zig-zags and still converges.',
      separates: 'Between …',
    };
    expect(ideaWords(stored)).toEqual(reports.ideas['zigzag-not-convergence']);
    expect(ideaWords(stored).name).toBe('Un zigzag n’est pas une convergence');
    // A report from a newer server, with an idea this page has no words for.
    const newer = { ...stored, id: 'some-new-idea' as 'zigzag-not-convergence' };
    expect(ideaWords(newer)).toEqual({ name: stored.name, text: stored.text, separates: stored.separates });
  });
});

describe('every refusal of the instructors’ API has a sentence in French', () => {
  it('each code server/api/router.ts sends is in the catalog', () => {
    const source = readFileSync(new URL('../../server/api/router.ts', import.meta.url), 'utf8');
    const codes = new Set(
      [...source.matchAll(/(?:problem\(\s*res,\s*\d+,\s*|code: )'([A-Z_]+)'/g)].map((m) => m[1]!),
    );
    // The refusals built elsewhere and sent through the router: the budgets' and the database's.
    for (const code of ['RATE_LIMITED', 'STORE_UNAVAILABLE', 'QUOTA_EXCEEDED', 'SERVER_BUSY'])
      codes.add(code);
    expect(codes.size).toBeGreaterThan(10);
    const missing = [...codes].filter((c) => !(c in frTeacher.apiErrors));
    expect(missing).toEqual([]);
  });
});

describe('the built-in decks’ titles', () => {
  it('the English catalog names them as the decks do', async () => {
    const { BUILTIN_GAME_DECK, LESSON_GAME_DECK } = await import('../../shared/protocol/decks');
    expect(english.teacher.lessonTitle).toBe(LESSON_GAME_DECK.title);
    expect(english.teacher.builtinTitle).toBe(BUILTIN_GAME_DECK.title);
  });
});
