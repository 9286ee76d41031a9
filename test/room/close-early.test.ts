// R2 on random games: a question closes as soon as every connected student still in the game has
// answered (and someone has), never before. The reducer decides it without scanning the class on
// every answer (it counts the connected students once per roster); this checks the rule itself,
// whatever order joins, presence changes, kicks and answers come in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerOf } from '../../server/room/answers';
import { reduce } from '../../server/room/reduce';
import type { Command, RoomState } from '../../server/room/state';
import { HOST, makeRoom, T0 } from './helpers';

const op = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('join' as const), name: fc.nat(12) }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('presence' as const), who: fc.nat(12), connected: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('kick' as const), who: fc.nat(12) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unkick' as const), who: fc.nat(12) }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('answer' as const), who: fc.nat(12) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('next' as const) }) },
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function commandOf(state: RoomState, o: Op): Command {
  const { phase } = state;
  switch (o.op) {
    case 'join':
      return { type: 'join', nickname: `Student ${o.name}`, secret: `secret-${o.name}-0123456789` };
    case 'presence':
      return { type: 'presence', playerId: o.who, connected: o.connected };
    case 'kick':
      return { type: 'kick', by: HOST, playerId: o.who };
    case 'unkick':
      return { type: 'unkick', by: HOST, playerId: o.who };
    case 'answer':
      return {
        type: 'answer',
        playerId: o.who,
        round: phase.kind === 'question' ? phase.round : 0,
        choice: 'zigzag',
      };
    default: {
      // The host moves on: from a reveal to the leaderboard, from anything else to the next question.
      if (phase.kind === 'reveal') return { type: 'leaderboard', by: HOST, round: phase.round };
      const round = phase.kind === 'leaderboard' ? phase.round + 1 : 0;
      return { type: 'start', by: HOST, round };
    }
  }
}

/** Whether every connected student still in the game has answered the open question, and someone has. */
function allAnswered(state: RoomState): boolean {
  const { phase } = state;
  if (phase.kind !== 'question' || phase.answered === 0) return false;
  return state.players.every((p) => p.kicked || !p.connected || answerOf(phase.answers, p.id));
}

describe('R2 on random games', () => {
  it('a question closes exactly when every connected student still in the game has answered', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 120 }), (ops) => {
        let state = makeRoom({ seconds: 600 });
        let now = T0;
        for (const o of ops) {
          now += 10;
          const command = commandOf(state, o);
          const r = reduce(state, command, now);
          if (!r.ok) continue;
          const closedEarly =
            state.phase.kind === 'question' &&
            r.state.phase.kind !== 'question' &&
            r.state.results.at(-1)?.closedBy === 'all-answered';
          if (closedEarly) {
            // Closed by R2: in the state the command made, before the close, everyone had answered.
            const result = r.state.results.at(-1)!;
            for (const p of r.state.players)
              if (!p.kicked && p.connected) expect(result.answers[p.id]).not.toBeNull();
            expect(result.answers.some((a) => a !== null)).toBe(true);
          }
          // Never left open once everyone has answered.
          expect(allAnswered(r.state)).toBe(false);
          state = r.state;
        }
      }),
      { numRuns: 300 },
    );
  });
});
