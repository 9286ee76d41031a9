// An open question's answers as a chunked persistent vector (server/room/answers.ts), against the flat
// array the reducer copied for every answer before: the same answers at the same slots, states that
// are never changed by what comes after them, and one layout per set of answers (so a state rebuilt
// from the store is deep-equal to the one saved).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANSWER_CHUNK,
  type Answers,
  answerOf,
  answersArray,
  forEachAnswer,
  noAnswers,
  withAnswer,
} from '../../server/room/answers';
import { reduce } from '../../server/room/reduce';
import type { RecordedAnswer, RoomState } from '../../server/room/state';
import { HOST, makeRoom, step, T0, withPlayers } from './helpers';

const given = (i: number): RecordedAnswer => ({ choice: 'zigzag', at: T0 + i, elapsedMs: i });

/** The old form: `answers.slice()`, then `answers[id] = a`, holes read as null. */
function flatWith(flat: Array<RecordedAnswer | null>, id: number, a: RecordedAnswer) {
  const copy = flat.slice();
  copy[id] = a;
  return copy;
}
const normal = (flat: Array<RecordedAnswer | null>) => Array.from(flat, (a) => a ?? null);

/** Opening slots (up to three chunks and a bit) and answers, some beyond the last slot (a late joiner). */
const scripts = fc.record({
  slots: fc.nat(3 * ANSWER_CHUNK + 5),
  ids: fc.array(fc.nat(4 * ANSWER_CHUNK), { maxLength: 80 }),
});

describe('the answers vector', () => {
  it('holds what the flat array held, slot for slot, after any answers', () => {
    fc.assert(
      fc.property(scripts, ({ slots, ids }) => {
        let flat = new Array<RecordedAnswer | null>(slots).fill(null);
        let vector = noAnswers(slots);
        ids.forEach((id, i) => {
          flat = flatWith(flat, id, given(i));
          vector = withAnswer(vector, id, given(i));
          expect(vector.length).toBe(flat.length);
        });
        expect(answersArray(vector)).toEqual(normal(flat));
        for (let id = 0; id < flat.length + ANSWER_CHUNK + 2; id++)
          expect(answerOf(vector, id)).toEqual(flat[id] ?? null);
        const seen: Array<[number, RecordedAnswer]> = [];
        forEachAnswer(vector, (a, id) => seen.push([id, a]));
        expect(seen).toEqual(
          normal(flat).flatMap((a, id): Array<[number, RecordedAnswer]> => (a ? [[id, a]] : [])),
        );
      }),
    );
  });

  it('never changes a vector an answer was added to', () => {
    fc.assert(
      fc.property(scripts, ({ slots, ids }) => {
        const versions: Answers[] = [noAnswers(slots)];
        const snapshots = [JSON.stringify(versions[0])];
        ids.forEach((id, i) => {
          versions.push(withAnswer(versions.at(-1)!, id, given(i)));
          snapshots.push(JSON.stringify(versions.at(-1)));
        });
        expect(versions.map((v) => JSON.stringify(v))).toEqual(snapshots);
      }),
    );
  });

  it('lays the same answers out the same way whatever order they came in', () => {
    fc.assert(
      fc.property(scripts, fc.func(fc.integer()), ({ slots, ids }, order) => {
        const unique = [...new Set(ids)];
        const build = (list: number[]) =>
          list.reduce((v, id) => withAnswer(v, id, given(id)), noAnswers(slots));
        const shuffled = [...unique].sort((a, b) => order(a) - order(b) || a - b);
        expect(build(shuffled)).toEqual(build(unique));
      }),
    );
  });

  it('refuses a slot that is not a player id', () => {
    expect(() => withAnswer(noAnswers(3), -1, given(0))).toThrow(RangeError);
    expect(() => withAnswer(noAnswers(3), 1.5, given(0))).toThrow(RangeError);
  });

  it('copies one chunk and the list of chunks per answer, not the class', () => {
    const before = noAnswers(2_000);
    const after = withAnswer(before, 1_234, given(1));
    const changed = after.chunks.filter((c, i) => c !== before.chunks[i]);
    expect(changed).toHaveLength(1);
    expect(after.chunks.length).toBe(Math.ceil(2_000 / ANSWER_CHUNK));
  });
});

describe('the reducer with the answers vector', () => {
  /** A room of `n` students with round 0 open; some join after the opening. */
  function open(n: number, late: number): RoomState {
    let s = step(withPlayers(makeRoom(), n), { type: 'start', by: HOST, round: 0 }, T0);
    for (let i = 0; i < late; i++)
      s = step(s, { type: 'join', nickname: `Late ${i}`, secret: `late-secret-${i}-0123456789` }, T0);
    return s;
  }

  it('records the answers the flat array recorded, and leaves every earlier state as it was', () => {
    fc.assert(
      fc.property(
        fc.nat(ANSWER_CHUNK + 10),
        fc.nat(4),
        fc.array(fc.tuple(fc.nat(ANSWER_CHUNK + 14), fc.constantFrom('converges', 'zigzag', 'diverges')), {
          maxLength: 60,
        }),
        (n, late, answers) => {
          let state = open(n + 1, late);
          const phase0 = state.phase.kind === 'question' ? state.phase : null;
          let flat = new Array<RecordedAnswer | null>(phase0!.answers.length).fill(null);
          const states: Array<[RoomState, string]> = [];
          let t = T0;
          for (const [who, choice] of answers) {
            if (state.phase.kind !== 'question') break;
            t += 10;
            const before = JSON.stringify(state);
            const result = reduce(state, { type: 'answer', playerId: who, round: 0, choice }, t);
            expect(JSON.stringify(state)).toBe(before);
            states.push([state, before]);
            if (!result.ok) continue;
            const fact = result.facts.find((f) => f.type === 'answer-recorded');
            if (fact?.type === 'answer-recorded') flat = flatWith(flat, fact.playerId, fact.answer);
            state = result.state;
            if (state.phase.kind === 'question')
              expect(answersArray(state.phase.answers)).toEqual(normal(flat));
            // The round closed on the answer: its result holds every answer given.
            else
              expect(state.results[0]!.answers.map((a) => a?.choice ?? null)).toEqual(
                state.players.map((p) => flat[p.id]?.choice ?? null),
              );
          }
          for (const [s, json] of states) expect(JSON.stringify(s)).toBe(json);
        },
      ),
      { numRuns: 60 },
    );
  });
});
