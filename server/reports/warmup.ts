// The return trip (README): a warm-up for the next lecture built from a past game's report, and, when
// the warm-up has been played, its comparison with that game on the same ideas. Ideas are the
// misconceptions of README M1–M2: a round tests the ones its wrong answers can show (testedBy, from
// the round as it was asked; a saved report does not hold a deck's tags).
import { FOLLOW_UP_TARGETS_MAX, generateWarmupDeck } from '../../shared/engine/follow-up';
import { MISCONCEPTIONS, type MisconceptionId, testedBy } from '../../shared/engine/misconceptions';
import { type DeckFile, toDeckFile } from '../../shared/protocol/deck';
import {
  type GameReport,
  type ReportSinceLastTime,
  WARMUP_STATES,
  type WarmupCounts,
  type WarmupShare,
  type WarmupState,
} from '../../shared/protocol/report';
import { matchKeys } from './gradebook';
import { type DocumentWords, ENGLISH_WORDS } from './words';

/** Per idea, the scored rounds of a game that test it, in round order. */
function roundsByIdea(report: GameReport): Map<MisconceptionId, number[]> {
  const byIdea = new Map<MisconceptionId, number[]>();
  for (const round of report.rounds) {
    if (!round.scored) continue;
    for (const id of testedBy(round.task)) byIdea.set(id, [...(byIdea.get(id) ?? []), round.index]);
  }
  return byIdea;
}

/** The class's answers given on `rounds`: how many, how many right. */
function shareOn(report: GameReport, rounds: number[]): WarmupShare {
  let answered = 0;
  let correct = 0;
  for (const i of rounds)
    for (const a of report.rounds[i]?.answers ?? []) {
      if (a.answer === null) continue;
      answered++;
      if (a.correct) correct++;
    }
  return { rounds, answered, correct, share: answered > 0 ? correct / answered : null };
}

/**
 * What a warm-up aims at: the misconceptions the class holds (M4, most students first); when none
 * was diagnosed, the ideas the game's scored rounds test, least right first (a tie: the idea tested
 * more often first). Empty when no scored round tests any idea.
 */
export function warmupTargets(report: GameReport): MisconceptionId[] {
  if (report.misconceptions.length > 0)
    return report.misconceptions.slice(0, FOLLOW_UP_TARGETS_MAX).map((m) => m.id);
  return [...roundsByIdea(report)]
    .map(([id, rounds]) => ({ id, rounds, share: shareOn(report, rounds).share ?? 1 }))
    .sort((a, b) => a.share - b.share || b.rounds.length - a.rounds.length)
    .slice(0, FOLLOW_UP_TARGETS_MAX)
    .map((x) => x.id);
}

/**
 * The warm-up deck of report `id` (of the current version), marked `warmupOf: id`; null when no
 * scored round of it tests an idea. The seed is the game's start time, as for the follow-up deck,
 * shifted so that the two decks differ: the same report always gives the same warm-up.
 */
export function warmupDeckOf(
  report: GameReport,
  id: string,
  words: DocumentWords = ENGLISH_WORDS,
): DeckFile | null {
  const targets = warmupTargets(report);
  if (targets.length === 0) return null;
  const deck = generateWarmupDeck((report.startedAt + 0x5eed) % 2 ** 31, targets, {
    title: report.title,
    avoid: report.rounds.map((r) => r.task),
    titled: words.warmUpTitle,
  });
  return toDeckFile({ ...deck, warmupOf: id });
}

const zeroCounts = (): WarmupCounts => Object.fromEntries(WARMUP_STATES.map((s) => [s, 0])) as WarmupCounts;

/**
 * Whether a student was right on an idea in a game: more than half of the answers they gave on the
 * rounds testing it were right; null when they gave none there.
 */
function wasRight(report: GameReport, rounds: number[], playerId: number): boolean | null {
  let answered = 0;
  let correct = 0;
  for (const i of rounds) {
    const a = report.rounds[i]?.answers.find((x) => x.playerId === playerId);
    if (!a || a.answer === null) continue;
    answered++;
    if (a.correct) correct++;
  }
  return answered === 0 ? null : correct * 2 > answered;
}

function stateOf(before: boolean | null, now: boolean | null): WarmupState | null {
  if (before === null || now === null) return null;
  if (before) return now ? 'retained' : 'new-mistake';
  return now ? 'newly-right' : 'still-wrong';
}

/** Said when a warm-up's original report cannot be read by the warm-up's instructor. */
export const ORIGINAL_MISSING =
  'The game this was the warm-up of is not in your Past games (its report was deleted, or it was hosted with another instructor key), so there is nothing to compare with.';

/**
 * "Since last time": the warm-up `now` against the original game `before` (null: not readable by
 * this instructor), on the ideas scored rounds of both test. Students are matched by nickname as the
 * gradebook matches them (gradebook.ts matchKeys).
 */
export function sinceLastTime(of: string, now: GameReport, before: GameReport | null): ReportSinceLastTime {
  if (!before) return { of, available: false, why: ORIGINAL_MISSING };
  const beforeIdeas = roundsByIdea(before);
  const nowIdeas = roundsByIdea(now);
  const ideas = [...nowIdeas]
    .flatMap(([id, rounds]) => {
      const earlier = beforeIdeas.get(id);
      return earlier ? [{ id, before: shareOn(before, earlier), now: shareOn(now, rounds) }] : [];
    })
    .sort((a, b) => (a.before.share ?? 1) - (b.before.share ?? 1));
  const beforeKeys = matchKeys(
    before.players.map((p) => p.nickname),
    'before',
  );
  const beforeByKey = new Map(before.players.map((p, i) => [beforeKeys[i]!, p]));
  const nowKeys = matchKeys(
    now.players.map((p) => p.nickname),
    'now',
  );
  const classCounts = zeroCounts();
  const ideaCounts = ideas.map(zeroCounts);
  const students = now.players.map((p, i) => {
    const earlier = beforeByKey.get(nowKeys[i]!);
    const counts = zeroCounts();
    const states = ideas.map((idea, j) => {
      if (!earlier) return null;
      const state = stateOf(
        wasRight(before, idea.before.rounds, earlier.id),
        wasRight(now, idea.now.rounds, p.id),
      );
      if (state) {
        counts[state]++;
        classCounts[state]++;
        ideaCounts[j]![state]++;
      }
      return state;
    });
    return { nickname: p.nickname, inOriginal: earlier !== undefined, counts, states };
  });
  const present = new Set(nowKeys);
  return {
    of,
    available: true,
    original: { title: before.title, code: before.code, startedAt: before.startedAt },
    ideas: ideas.map((idea, j) => ({
      ...idea,
      name: MISCONCEPTIONS[idea.id].name,
      counts: ideaCounts[j]!,
    })),
    class: classCounts,
    students,
    absent: before.players.filter((_, i) => !present.has(beforeKeys[i]!)).map((p) => p.nickname),
  };
}
