// The homework page's words (client/homework), and the sentences of the students' homework API's
// refusals (server/api/homework.ts), which the page shows as they come. English is the source of
// truth (see ../language.ts); ../fr/homework.ts must match it key for key.
// Two exports: the page imports only `homework`, the server only `homeworkRefusals`.
import type { RevealTiming } from '../../protocol/homework';

/** A date and time in the page's language, in the student's own time zone. */
const dateTime = (ms: number) =>
  new Date(ms).toLocaleString('en', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

export const homework = {
  pageTitle: 'Overshoot homework',
  loading: 'Loading your homework…',
  rounds: (n: number): string => (n === 1 ? '1 question' : `${n} questions`),
  due: (at: number) => `Due ${dateTime(at)}`,
  noDue: 'No due date',
  closed: (at: number) => `This homework was due ${dateTime(at)}: it takes no more answers.`,
  timer: (s: number | null): string =>
    s === null ? 'No timer: take the time you need.' : `Each question has a ${s}-second timer.`,
  reveal: (r: RevealTiming): string =>
    r === 'each'
      ? 'You see the answer and its explanation after each question.'
      : 'You see every answer and its explanation at the end.',
  retries: (n: number) => `You may try each question up to ${n} times; your last try counts.`,
  resume: 'You can stop at any time and carry on later on this device.',
  nameLabel: 'Your name',
  namePlaceholder: 'As your teacher knows you',
  idLabel: 'Your student id',
  idHint: 'Your teacher asks for it, to put your results in the gradebook.',
  start: 'Start',
  starting: 'Starting…',
  readyTitle: (name: string) => `Ready, ${name}?`,
  begin: 'Show the first question',
  question: (k: number, n: number) => `Question ${k} of ${n}`,
  secondsLeft: (s: number) => `${s} s`,
  secondsLeftLabel: (s: number) => `${s} seconds left`,
  noTimer: 'No timer',
  sending: 'Saving your answer…',
  savedTitle: 'Answer saved',
  savedBody: 'You will see whether it was right, and why, when you have answered every question.',
  timeUp: 'Time is up for this question: it counts as not answered.',
  next: 'Next question',
  finish: 'See my results',
  resultsTitle: 'Your results',
  score: (right: number, asked: number, points: string) => `${right} of ${asked} right · ${points} points`,
  roundHeading: (k: number) => `Question ${k}`,
  finishedAt: (at: number) => `Finished ${dateTime(at)}.`,
  /** A round tried more than once: how many tries, on the results. */
  tries: (n: number) => `${n} tries: the last one counts.`,
  tryAgain: 'Try this question again',
  /** With reveal "each": a wrong answer, its outcome kept back while tries are left. */
  notYet: 'Not right yet.',
  notYetBody: (left: number): string =>
    left === 1
      ? 'You have 1 more try. Think again about what each step does, or see the answer.'
      : `You have ${left} more tries. Think again about what each step does, or see the answer.`,
  showAnswer: 'Show me the answer',
  /** With reveal "end": a try again says nothing of the last one's verdict. */
  triesLeft: (left: number): string =>
    left === 1 ? 'You may change this answer once more.' : `You may change this answer ${left} more times.`,
  lost: 'This device has no homework saved for this link any more. Give your name to start again.',
  notFound: 'No homework has this link. Check the link your teacher gave you.',
  network: 'The server could not be reached. Check your connection and try again.',
};

/** What the students' homework API says when it refuses (docs/api.md, "Homework"). */
export const homeworkRefusals = {
  /** `due`: the due date, written by `dueText` below. */
  pastDue: (due: string) =>
    `This homework was due on ${due} UTC, so it takes no more answers. Your answers so far are kept.`,
  dueText: (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16),
  notFound:
    'No homework has this link. Check the link your teacher gave you; the homework may have been deleted.',
  noToken: 'This needs the attempt token this device was given when it started the homework.',
  noAttempt: 'This device has not started this homework yet: give your name to start.',
  studentIdRequired: 'Your teacher asks for your student id: please type it.',
  studentIdTooLong: (max: number) => `A student id is at most ${max} characters.`,
  studentIdUnreadable: 'The student id contains characters that cannot be shown.',
  noRetries: 'Your teacher did not allow the questions of this homework to be tried again.',
  notAnswered: 'Answer this question first; then you may try it again.',
  revealed: 'You have seen the answer to this question, so it cannot be tried again.',
  triesUsed: (max: number) =>
    `You have tried this question ${max} times, the most this homework allows. Go on to the next one.`,
  alreadyStarted: 'This try was started already, maybe in another tab: reload the page.',
  busy: 'This attempt was changed from another tab at the same moment. Please try again.',
  attemptsFull: (max: number) =>
    `This homework already has ${max} attempts, the most one assignment may take. Please tell your teacher.`,
  wrongPhase: 'That is not possible at this point of the homework.',
  /** The router's own refusals: an address it does not serve, a body it cannot read or take, a bug. */
  noRoute: 'There is no such homework address.',
  badJson: 'That request is not valid JSON.',
  tooLarge: (limit: string) =>
    `That is more than a homework request may hold (${limit}): a name, a student id and an answer are a few words each.`,
  internal: 'Something went wrong on the server. Please try again.',
};
