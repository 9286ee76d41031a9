// Self-paced homework (README "Homework", docs/api.md): a deck a teacher assigns, played alone by each
// student from a link, at their own pace. The shapes the API sends and the schemas of what it takes.
import * as v from 'valibot';
import type { GameReport } from './report';
import { SECONDS_MAX, SECONDS_MIN } from './schemas';
import type { AnswerValue, PlayerRevealPhase, PlayerView } from './views';

/** When a student sees the reveal: after each answer, or every round's at the end only. */
export const REVEAL_TIMINGS = ['each', 'end'] as const;
export type RevealTiming = (typeof REVEAL_TIMINGS)[number];

export const STUDENT_ID_MAX_CHARS = 40;
/** The most tries of one round, when the teacher allows retries: the first and two more. */
export const TRIES_PER_ROUND = 3;

/** What a teacher chooses when assigning a deck. */
export interface HomeworkSettings {
  /** ms since the epoch; null: no due date. */
  dueAt: number | null;
  reveal: RevealTiming;
  /** Whether a student may try a round again (up to TRIES_PER_ROUND tries; the last one counts). */
  retries: boolean;
  /** Whether a student gives a student id (for the gradebook) beside their name. */
  askStudentId: boolean;
  /** Seconds per question; null: no timer. */
  timerSeconds: number | null;
}

/** An assignment as the teacher's list shows it. */
export interface AssignmentSummary extends HomeworkSettings {
  id: string;
  deckId: string;
  title: string;
  rounds: number;
  createdAt: number;
  /** Attempts begun, and those that reached the end. */
  started: number;
  finished: number;
}

/** What anyone with the link learns of an assignment before starting: never the deck's answers. */
export interface HomeworkInfo extends HomeworkSettings {
  id: string;
  title: string;
  rounds: number;
  /** The due date has passed: no attempt may start or go on. */
  closed: boolean;
}

/**
 * A student's attempt as their page draws it. `view` is the live player's view of their one-player
 * game (the same question and reveal screens), except that with reveal "end" a round answered shows
 * as `recorded` (no outcome) until the last one is done; `reveals` then holds every round's reveal.
 */
export interface HomeworkView {
  info: HomeworkInfo;
  attempt: {
    nickname: string;
    studentId: string | null;
    /** 1 for the first try of this device, 2 after a retry, … */
    try: number;
    startedAt: number;
    finishedAt: number | null;
  };
  /** The round answered (or timed out) waiting for "Next", when its reveal is kept for the end. */
  recorded: { round: number; answer: AnswerValue | null } | null;
  view: PlayerView;
  /** Every round's reveal, once the attempt is finished; empty before. */
  reveals: PlayerRevealPhase[];
  /**
   * The round that may be tried again now, and the tries left after that one (README "Homework"):
   * with reveal "each" a wrong or missing answer whose outcome is kept back (`view.phase` is `votes`),
   * with reveal "end" any answer just given. Null when no retry is offered.
   */
  retry: { round: number; left: number } | null;
  /** Each closed round's number of tries (1 when not tried again); the last try is what counts. */
  tries: number[];
}

/** One student's progress, in an assignment's report. */
export interface HomeworkStudent {
  /** Their id in the report's players and answers. */
  playerId: number;
  /** As the report names them: a name used on two devices, or twice by retries, is told apart. */
  nickname: string;
  /** As they typed it. */
  name: string;
  studentId: string | null;
  try: number;
  startedAt: number;
  /** The last answer (or start), ms since the epoch. */
  lastAt: number;
  finishedAt: number | null;
  answered: number;
  /** Each closed round's number of tries (1 when not tried again). */
  tries: number[];
}

/** The homework part of an assignment's report. */
export interface HomeworkReportPart extends HomeworkSettings {
  assignmentId: string;
  /** The report was made after the due date: attempts were refused from then on. */
  closed: boolean;
  students: HomeworkStudent[];
}

export interface AssignmentReport extends GameReport {
  homework: HomeworkReportPart;
}

const DueAt = v.nullable(
  v.pipe(v.number('dueAt must be a time in ms since 1970, or null.'), v.integer('dueAt must be whole ms.')),
);
export const AssignSchema = v.object({
  deckId: v.pipe(v.string('deckId must name one of your decks.'), v.minLength(1), v.maxLength(64)),
  dueAt: v.optional(DueAt, null),
  reveal: v.optional(v.picklist(REVEAL_TIMINGS, 'reveal must be each or end.'), 'each'),
  retries: v.optional(v.boolean('retries must be true or false.'), false),
  askStudentId: v.optional(v.boolean('askStudentId must be true or false.'), false),
  timerSeconds: v.optional(
    v.nullable(
      v.pipe(
        v.number('timerSeconds must be a number of seconds, or null.'),
        v.integer('timerSeconds must be whole seconds.'),
        v.minValue(SECONDS_MIN, `timerSeconds must be at least ${SECONDS_MIN}.`),
        v.maxValue(SECONDS_MAX, `timerSeconds must be at most ${SECONDS_MAX}.`),
      ),
    ),
    null,
  ),
});
export type AssignPayload = v.InferOutput<typeof AssignSchema>;

export const StartAttemptSchema = v.object({
  nickname: v.pipe(v.string('nickname must be text.'), v.maxLength(200, 'Names are at most 20 characters.')),
  studentId: v.optional(
    v.pipe(
      v.string('studentId must be text.'),
      v.maxLength(STUDENT_ID_MAX_CHARS, `A student id is at most ${STUDENT_ID_MAX_CHARS} characters.`),
    ),
  ),
});

/** The attempt token a device is given at its first sitting: 32 base64url characters. */
export const ATTEMPT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;
