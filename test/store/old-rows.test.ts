// Files written before a round's verdict moved to its kind hold the prediction's outcome in
// results.outcome; they still load, and the loaded game is the one that was played.
import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../server/reports/report';
import { reduce } from '../../server/room/reduce';
import type { Command, RoomState } from '../../server/room/state';
import { createSqliteRoomStore } from '../../server/store/rooms-sqlite';
import { type Db, openDatabase } from '../../server/store/sqlite';
import { OSCILLATES, ZIGZAG } from '../helpers/scenarios';
import { HOST, makeRoom, T0 } from '../room/helpers';

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

describe('a saved game from before the kinds of round still loads', () => {
  it('ignores the outcome an older version stored beside each round', () => {
    const db = openDatabase(':memory:');
    dbs.push(db);
    const store = createSqliteRoomStore(db);
    let state: RoomState = makeRoom({ rounds: [ZIGZAG, OSCILLATES] });
    store.createRoom(state);
    const commands: Command[] = [
      { type: 'join', nickname: 'Ann', secret: 'ann-secret-ann-secret-x' },
      { type: 'start', by: HOST, round: 0 },
      { type: 'answer', playerId: 0, round: 0, choice: 'zigzag' },
      { type: 'start', by: HOST, round: 1 },
      { type: 'answer', playerId: 0, round: 1, choice: 'diverges' },
    ];
    for (const command of commands) {
      const result = reduce(state, command, T0);
      if (!result.ok) throw new Error(result.message);
      store.saveChange(result.state, result.facts);
      state = result.state;
    }
    // What older versions wrote: the prediction's outcome, or '' for the other kinds.
    db.prepare("UPDATE results SET outcome = CASE round WHEN 0 THEN 'zigzag' ELSE 'oscillates' END").run();
    const loaded = store.loadRoom(state.code);
    expect(loaded?.state).toEqual(state);
    expect(loaded && buildReport(loaded.state).rounds.map((r) => [r.outcome, r.answerText])).toEqual([
      ['zigzag', 'Zig-zags in'],
      ['oscillates', 'Bounces for ever'],
    ]);
  });
});
