// Every sentence the homework page shows, in one place, so that they can move into the English and
// French catalogues together. Functions where a sentence holds a number or a name.
import type { RevealTiming } from '../../shared/protocol/homework';

const dateTime = (ms: number) =>
  new Date(ms).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

export const TEXT = {
  pageTitle: 'Overshoot homework',
  loading: 'Loading your homework…',
  rounds: (n: number) => (n === 1 ? '1 question' : `${n} questions`),
  due: (at: number) => `Due ${dateTime(at)}`,
  noDue: 'No due date',
  closed: (at: number) => `This homework was due ${dateTime(at)}: it takes no more answers.`,
  timer: (s: number | null) =>
    s === null ? 'No timer: take the time you need.' : `Each question has a ${s}-second timer.`,
  reveal: (r: RevealTiming) =>
    r === 'each'
      ? 'You see the answer and its explanation after each question.'
      : 'You see every answer and its explanation at the end.',
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
  tryAgain: 'Try again from the start',
  tryNumber: (n: number) => `Try ${n}`,
  retryNote: 'Your teacher sees every try.',
  lost: 'This device has no homework saved for this link any more. Give your name to start again.',
  notFound: 'No homework has this link. Check the link your teacher gave you.',
  network: 'The server could not be reached. Check your connection and try again.',
  retry: 'Try again',
} as const;
