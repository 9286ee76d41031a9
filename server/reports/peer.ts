// Peer Instruction in the report (README PI8): for each round that went to a second vote, every
// student's first vote beside the vote that scored, how the two compare, and the totals for the class
// and for each student. Pure, like the rest of the report.
import {
  PEER_CHANGE_LABELS,
  type PeerChange,
  type PeerCounts,
  type ReportAnswer,
  type ReportPeer,
  type ReportRound,
} from '../../shared/protocol/report';
import { kindOf } from '../room/kinds';
import type { RecordedAnswer, RoomState, RoundResult } from '../room/state';
import type { Cell } from './csv';

function noChanges(): PeerCounts {
  return {
    'wrong-to-right': 0,
    'right-to-wrong': 0,
    'stayed-right': 0,
    'stayed-wrong': 0,
    'first-only': 0,
    'second-only': 0,
  };
}

function countChanges(changes: ReadonlyArray<PeerChange | null | undefined>): PeerCounts {
  const counts = noChanges();
  for (const c of changes) if (c) counts[c]++;
  return counts;
}

/**
 * A student who did not vote again has their first vote as the vote that scored (PI4): the very
 * answer, received at the same moment. A second vote is received after the first vote closed, the
 * host's clicks and the discussion in between, so it never has the first vote's time of receipt.
 */
function isFirstVote(scoring: RecordedAnswer, first: RecordedAnswer | null): boolean {
  return (
    first !== null &&
    scoring.at === first.at &&
    scoring.choice === first.choice &&
    scoring.confidence === first.confidence
  );
}

/** PI8: how one student's votes compare; null without a vote, or when nobody could be right (S6). */
export function changeOf(
  first: { correct: boolean } | null,
  second: { correct: boolean } | null,
  scored: boolean,
): PeerChange | null {
  if (!scored) return null;
  if (first && second) {
    if (first.correct) return second.correct ? 'stayed-right' : 'right-to-wrong';
    return second.correct ? 'wrong-to-right' : 'stayed-wrong';
  }
  if (first) return 'first-only';
  if (second) return 'second-only';
  return null;
}

/**
 * The round's report with its first vote, when it went to a second vote (PI5, PI8); unchanged
 * otherwise. `round` is the report of the vote that scored.
 */
export function withFirstVote(state: RoomState, result: RoundResult, round: ReportRound): ReportRound {
  const first = result.firstVote;
  const deckRound = state.deck.rounds[result.round];
  if (!first || !deckRound) return round;
  const { grade } = kindOf(deckRound).judge(deckRound);
  const answers = round.answers.map((a): ReportAnswer => {
    const given = first.answers[a.playerId] ?? null;
    const firstCorrect = given !== null && result.scored && grade(given.choice).correct;
    const scoring = result.answers[a.playerId] ?? null;
    const second = scoring && !isFirstVote(scoring, given) ? scoring : null;
    return {
      ...a,
      firstVote: {
        answer: given?.choice ?? null,
        correct: firstCorrect,
        ...(given?.confidence === undefined ? {} : { confidence: given.confidence }),
      },
      change: changeOf(given ? { correct: firstCorrect } : null, second, result.scored),
    };
  });
  const voted = answers.map((a) => ({ ...a, answer: a.firstVote?.answer ?? null }));
  const given = voted.filter((a) => a.answer !== null);
  const correct = answers.filter((a) => a.firstVote?.correct).length;
  return {
    ...round,
    answers,
    firstVote: {
      eligible: first.eligible,
      answered: given.length,
      correct,
      shareCorrect: first.eligible > 0 ? correct / first.eligible : null,
      bars: kindOf(deckRound).report.bars(deckRound, given, result.scored),
      changes: result.scored ? countChanges(answers.map((a) => a.change)) : null,
    },
  };
}

/** PI8: the game's totals over its rounds that went to a second vote; undefined when none did. */
export function peerOf(
  rounds: readonly ReportRound[],
  students: ReadonlyArray<{ id: number; nickname: string }>,
): ReportPeer | undefined {
  const revoted = rounds.filter((r) => r.firstVote !== undefined);
  if (revoted.length === 0) return undefined;
  const compared = revoted.filter((r) => r.firstVote?.changes);
  const all = compared.flatMap((r) => r.answers);
  return {
    rounds: compared.map((r) => r.index),
    class: countChanges(all.map((a) => a.change)),
    students: students.map((p) => ({
      id: p.id,
      nickname: p.nickname,
      changes: countChanges(all.filter((a) => a.playerId === p.id).map((a) => a.change)),
    })),
  };
}

/** `{ peer }` for the game's report when a round went to a second vote, else nothing. */
export function withPeer(
  rounds: readonly ReportRound[],
  students: ReadonlyArray<{ id: number; nickname: string }>,
): { peer?: ReportPeer } {
  const peer = peerOf(rounds, students);
  return peer ? { peer } : {};
}

/** The CSV's `first vote`, `first vote correct` and `change` cells: empty outside a round that went to a second vote. */
export function firstVoteCells(
  a: ReportAnswer,
  answerCell: (answer: NonNullable<ReportAnswer['answer']>) => string | number,
  changes: Record<PeerChange, string> = PEER_CHANGE_LABELS,
): [Cell, Cell, Cell] {
  const first = a.firstVote;
  const change = a.change ? changes[a.change] : null;
  if (!first || first.answer === null) return [null, null, change];
  return [answerCell(first.answer), first.correct, change];
}
