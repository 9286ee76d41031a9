// The report's misconceptions (README M2–M4): the engine's diagnosis of the rounds as played, with
// names. Works from the report's own rounds, so a report saved before misconceptions were named gets
// them too when it is read (upgradeReport).
import { diagnose, MISCONCEPTIONS, type MisconceptionId } from '../../shared/engine/misconceptions';
import {
  type GameReport,
  REPORT_VERSION,
  type ReportMisconception,
  type ReportRound,
} from '../../shared/protocol/report';

/** `tags[i]`: the deck's tags of round i, if it set any (a saved report's tasks do not hold them). */
export function misconceptionsOf(
  rounds: readonly ReportRound[],
  tags: ReadonlyArray<MisconceptionId[] | undefined> = [],
): ReportMisconception[] {
  const nicknames = new Map<number, string>();
  for (const r of rounds) for (const a of r.answers) nicknames.set(a.playerId, a.nickname);
  const found = diagnose(
    rounds.map((r) => {
      const own = tags[r.index];
      return {
        index: r.index,
        round: own === undefined ? r.task : { ...r.task, tags: own },
        scored: r.scored,
        answers: r.answers.map((a) => ({ playerId: a.playerId, answer: a.answer })),
      };
    }),
  );
  return found.map((d) => ({
    ...MISCONCEPTIONS[d.id],
    rounds: d.rounds,
    share: d.share,
    chance: d.chance,
    students: d.students.map((s) => ({ ...s, nickname: nicknames.get(s.playerId) ?? `#${s.playerId}` })),
  }));
}

/** A report as saved: version 1 had `confusions` (any wrong option given by a fifth of the class). */
export type StoredReport = Omit<GameReport, 'misconceptions'> & {
  misconceptions?: ReportMisconception[];
  confusions?: unknown;
};

/** A saved report in the current version: a version 1 report gets its misconceptions from its rounds. */
export function upgradeReport(body: StoredReport): GameReport {
  const { confusions: _gone, misconceptions, ...rest } = body;
  return {
    ...rest,
    version: REPORT_VERSION,
    misconceptions: misconceptions ?? misconceptionsOf(rest.rounds),
  };
}
