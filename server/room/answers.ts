// An open question's answers by player id, as a persistent vector in chunks: adding an answer copies
// the list of chunks and the one chunk it lands in, never the whole class's slots. The reducer is
// pure, so each answer makes a new state; with one flat array per state, 2,000 students answering
// copied a 2,000-slot array 2,000 times (32 MB of garbage per burst), and each change waiting in the
// commit queue kept its own copy alive. States that share chunks never change them: a chunk is only
// ever written while it is a fresh copy.
//
// Plain JSON (arrays of answers and nulls), and one layout for one set of answers: a state rebuilt
// from the store is deep-equal to the one that was saved.
import type { RecordedAnswer } from './state';

/** Slots per chunk: a copy per answer of ~64 + slots / 64 pointers (96 at 2,000 students). */
export const ANSWER_CHUNK = 64;

export interface Answers {
  /** Slots: the players at the opening, more once a player who joined after it answers. */
  readonly length: number;
  /** Every chunk full (ANSWER_CHUNK slots) but the last, which holds the rest; null where no answer. */
  readonly chunks: ReadonlyArray<ReadonlyArray<RecordedAnswer | null>>;
}

const chunkLength = (length: number, i: number) => Math.min(ANSWER_CHUNK, length - i * ANSWER_CHUNK);

/** `length` slots and no answer yet. */
export function noAnswers(length: number): Answers {
  const chunks: Array<Array<RecordedAnswer | null>> = [];
  for (let i = 0; i * ANSWER_CHUNK < length; i++)
    chunks.push(new Array<RecordedAnswer | null>(chunkLength(length, i)).fill(null));
  return { length, chunks };
}

/** The answer in slot `id`, or null (none given, or no such slot). */
export function answerOf(answers: Answers, id: number): RecordedAnswer | null {
  return answers.chunks[Math.floor(id / ANSWER_CHUNK)]?.[id % ANSWER_CHUNK] ?? null;
}

/** A new vector with `answer` in slot `id` (slots added up to it if it is beyond the last); `answers` is unchanged. */
export function withAnswer(answers: Answers, id: number, answer: RecordedAnswer): Answers {
  if (!Number.isInteger(id) || id < 0) throw new RangeError(`no answer slot ${id}`);
  const length = Math.max(answers.length, id + 1);
  const chunks = answers.chunks.slice();
  const at = Math.floor(id / ANSWER_CHUNK);
  // Slots added by a later joiner's answer: the last chunk is filled up, and new ones follow it.
  if (length > answers.length)
    for (let i = Math.max(0, chunks.length - 1); i * ANSWER_CHUNK < length; i++) {
      const old = chunks[i] ?? [];
      const wanted = chunkLength(length, i);
      if (old.length === wanted) continue;
      const grown = old.slice();
      while (grown.length < wanted) grown.push(null);
      chunks[i] = grown;
    }
  const chunk = chunks[at] === answers.chunks[at] ? chunks[at]!.slice() : (chunks[at] as RecordedAnswer[]);
  chunk[id % ANSWER_CHUNK] = answer;
  chunks[at] = chunk;
  return { length, chunks };
}

/** The answers as one array indexed by player id, null where none: once per close, not per answer. */
export function answersArray(answers: Answers): Array<RecordedAnswer | null> {
  const all: Array<RecordedAnswer | null> = [];
  for (const chunk of answers.chunks) for (const a of chunk) all.push(a);
  return all;
}

/** Calls `fn` with each answer given and its slot, in slot order. */
export function forEachAnswer(answers: Answers, fn: (answer: RecordedAnswer, id: number) => void): void {
  answers.chunks.forEach((chunk, i) => {
    chunk.forEach((a, j) => {
      if (a) fn(a, i * ANSWER_CHUNK + j);
    });
  });
}
