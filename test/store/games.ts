// Random games for the stores' tests: a class joins, then random steps of host and students, with
// reloads and restarts of the store among them.
import fc from 'fast-check';
import type { Actor, Command, RoomState } from '../../server/room/state';
import { ANSWERS } from '../../shared/engine/types';
import { CONVERGES, DIVERGES, OSCILLATES, ZIGZAG } from '../helpers/scenarios';
import { HOST, makeRoom } from '../room/helpers';

/** A deck with every kind of round: scored ones, and the exact r = 2 bounce that scores nobody. */
export const room = () => {
  const s = makeRoom({ rounds: [ZIGZAG, OSCILLATES, DIVERGES, CONVERGES] });
  return {
    ...s,
    deck: { ...s.deck, rounds: s.deck.rounds.map((r, i) => (i === 2 ? { ...r, seconds: 7 } : r)) },
  };
};

export type Op =
  | { op: 'join'; name: number; requestId: boolean }
  | { op: 'presence'; who: number; connected: boolean }
  | { op: 'answer'; who: number; round: number; choice: number }
  | { op: 'deadline' }
  | { op: 'start' | 'reveal' | 'leaderboard'; exact: boolean; round: number; stranger: boolean }
  | { op: 'end' }
  | { op: 'kick'; who: number }
  | { op: 'lock'; locked: boolean }
  | { op: 'advance'; ms: number }
  | { op: 'reload' }
  | { op: 'restart' };

const hostStep = fc.record({
  op: fc.constantFrom('start', 'reveal', 'leaderboard'),
  // Mostly the step the host means to take, sometimes a stale or a stranger's one.
  exact: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  round: fc.nat(4),
  stranger: fc.oneof(
    { weight: 8, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  ),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('join'), name: fc.nat(30), requestId: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('presence'), who: fc.nat(40), connected: fc.boolean() }),
  },
  {
    weight: 12,
    arbitrary: fc.record({
      op: fc.constant('answer'),
      who: fc.nat(40),
      round: fc.integer({ min: -3, max: 4 }),
      choice: fc.nat(2),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deadline') }) },
  { weight: 8, arbitrary: hostStep },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('kick'), who: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('lock'), locked: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('advance'), ms: fc.integer({ min: 1, max: 20_000 }) }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reload') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('restart') }) },
) as fc.Arbitrary<Op>;
/** A class joins, then the game: random steps, and now and then the end. */
export const gameArb: fc.Arbitrary<Op[]> = fc
  .tuple(
    fc.array(fc.record({ op: fc.constant('join' as const), name: fc.nat(30), requestId: fc.boolean() }), {
      minLength: 1,
      maxLength: 12,
      size: 'max',
    }),
    fc.array(opArb, { minLength: 10, maxLength: 150, size: 'max' }),
    fc.option(fc.constant<Op>({ op: 'end' }), { freq: 2 }),
  )
  .map(([joins, ops, end]) => [...joins, ...ops, ...(end ? [end] : []), ...ops.slice(0, 10)]);

/** The round a host step acts on when it is meant to be accepted. */
function currentRound(s: RoomState, op: 'start' | 'reveal' | 'leaderboard'): number {
  const { phase } = s;
  if (op === 'start') return phase.kind === 'lobby' ? 0 : 'round' in phase ? phase.round + 1 : 0;
  return 'round' in phase ? phase.round : 0;
}

export function toCommand(s: RoomState, o: Op, seq: number): Command | null {
  const by: Actor = { role: 'host' };
  switch (o.op) {
    case 'join':
      return { type: 'join', nickname: `Name ${o.name}`, secret: `secret-${seq}-0123456789ab` };
    case 'presence':
      return { type: 'presence', playerId: o.who % (s.players.length + 1), connected: o.connected };
    case 'answer': {
      // Mostly the open round (a negative draw), sometimes another.
      const round = o.round < 0 && 'round' in s.phase ? s.phase.round : Math.max(0, o.round);
      return {
        type: 'answer',
        playerId: o.who % (s.players.length + 1),
        round,
        choice: ANSWERS[o.choice]!,
      };
    }
    case 'deadline':
      return { type: 'deadline', round: 'round' in s.phase ? s.phase.round : 0 };
    case 'start':
    case 'reveal':
    case 'leaderboard':
      return {
        type: o.op,
        by: o.stranger ? { role: 'stranger' } : by,
        round: o.exact ? currentRound(s, o.op) : o.round,
      };
    case 'end':
      return { type: 'end', by: HOST };
    case 'kick':
      return { type: 'kick', by: HOST, playerId: o.who % (s.players.length + 1) };
    case 'lock':
      return { type: 'lock', by: HOST, locked: o.locked };
    default:
      return null;
  }
}
