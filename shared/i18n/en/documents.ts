// What the server writes into a teacher's documents: the titles of the decks it makes (a copy, a
// follow-up, a warm-up) and the words of the CSVs (a report's answers, a homework's, the gradebook).
// The API writes them in the language the page asks for (`?lang=`, docs/api.md), English by default.
// Only the server imports this: the host page copies French into the English catalogs it imports,
// and English here must stay English. English is the source of truth (see ../language.ts).
import type { RoundType } from '../../protocol/schemas';

export const documents = {
  copyTitle: (title: string) => `${title} (copy)`,
  followUpTitle: (ideas: string) => `Follow-up: ${ideas}`,
  /** Between two misconceptions' names in a follow-up's title. */
  ideasSeparator: '; ',
  warmUpTitle: (title: string) => `Warm-up: ${title}`,

  /** A report's CSV, one row per student per round (server/reports/report.ts). */
  reportColumns: [
    'nickname',
    'round',
    'kind',
    'scenario',
    'answer',
    'correct answer',
    'correct',
    'seconds',
    'points',
    'confidence',
    'first vote',
    'first vote correct',
    'change',
  ] as const,
  /** The columns a homework's CSV adds (server/homework/report.ts). */
  homeworkColumns: ['student id', 'tries', 'started (UTC)', 'finished (UTC)'] as const,
  kinds: { predict: 'predict', 'max-alpha': 'largest α', fastest: 'fastest α' } satisfies Record<
    RoundType,
    string
  >,
  /** A report's `scenario` and `correct answer` cells: what a round asks, beside its cost and start. */
  askMaxAlpha: 'largest α that converges?',
  askFastest: (alphas: readonly string[]) => `fastest of ${alphas.join(', ')}?`,
  justBelow: (target: string) => `α just below α* = ${target}`,
  tie: 'no single fastest α (a tie)',
  yes: 'yes',
  no: 'no',

  /** The gradebook (server/reports/gradebook.ts). */
  name: 'name',
  studentId: 'student id',
  gradebookTail: ['total points', 'share correct (%)', 'games played'] as const,
  roundColumn: (n: number) => `round ${n}`,
  // No digits alone in the brackets: Canvas reads "Title (123)" as its assignment number 123.
  gameColumn: (title: string, day: string, code: string) => `${title} (${day}, game ${code})`,
  homeworkColumn: (title: string, day: string) => `${title} (homework assigned ${day})`,
};
