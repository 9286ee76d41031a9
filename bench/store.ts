// The SQLite room store under one big room: the time to reduce and save each answer of a
// 2,000-player round, one by one, and the close that the last answer triggers (every student scored
// and saved). Figures to read, not a test: the machine is shared, so compare runs made together.
// Run with `npm run bench:store` (`-- --players N --repeats K`).
import { parseArgs } from 'node:util';
import { createSqliteRoomStore } from '../server/store/rooms-sqlite';
import { openDatabase } from '../server/store/sqlite';
import { ZIGZAG } from '../test/helpers/scenarios';
import { HOST, makeRoom, playSaving, T0 } from '../test/room/helpers';
import { percentile } from './shared';

const { values } = parseArgs({
  options: { players: { type: 'string', default: '2000' }, repeats: { type: 'string', default: '7' } },
});
const players = Number(values.players);
const repeats = Number(values.repeats);

function oneRound(): { perAnswerMs: number; closeMs: number } {
  const db = openDatabase(':memory:');
  const store = createSqliteRoomStore(db);
  const play = playSaving(store, makeRoom({ rounds: [ZIGZAG] }));
  store.createRoom(play.state);
  const { apply } = play;
  for (let i = 0; i < players; i++)
    apply({ type: 'join', nickname: `P${i}`, secret: `secret-${i}-0123456789ab` });
  apply({ type: 'start', by: HOST, round: 0 });
  let t = performance.now();
  for (let i = 0; i < players - 1; i++)
    apply({ type: 'answer', playerId: i, round: 0, choice: 'zigzag' }, T0 + 1000);
  const perAnswerMs = (performance.now() - t) / (players - 1);
  t = performance.now();
  apply({ type: 'answer', playerId: players - 1, round: 0, choice: 'zigzag' }, T0 + 2000);
  const closeMs = performance.now() - t;
  db.close();
  return { perAnswerMs, closeMs };
}

oneRound(); // warm-up: the first round pays for compiling the code
const runs = Array.from({ length: repeats }, oneRound);
const fmt = (xs: number[], digits: number) =>
  `p50 ${percentile(xs, 50).toFixed(digits)}, max ${Math.max(...xs).toFixed(digits)}`;
console.log(`SQLite room store, ${players} players, ${repeats} rounds (after one warm-up):`);
const perAnswer = fmt(
  runs.map((r) => r.perAnswerMs),
  3,
);
const close = fmt(
  runs.map((r) => r.closeMs),
  1,
);
console.log(`  per answer (reduce + save): ${perAnswer} ms`);
console.log(`  the close (score and save everyone): ${close} ms`);
