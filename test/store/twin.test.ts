// PI9: a twin's round in the deck, its open question and its result survive a reload of the SQLite
// file, written change by change as the room shell writes them.
import { afterEach, describe, expect, it } from 'vitest';
import { reduce } from '../../server/room/reduce';
import type { Command, RoomState } from '../../server/room/state';
import { createSqliteRoomStore, ROOMS_MIGRATIONS } from '../../server/store/rooms-sqlite';
import { type Db, openDatabase } from '../../server/store/sqlite';
import { HOST, makeRoom, T0 } from '../room/helpers';

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

describe('PI9 a twin survives a reload', () => {
  it('the deck with the twin, its open question marked twinOf, and its result with twinOf come back exactly', () => {
    const db = openDatabase(':memory:');
    dbs.push(db);
    const base = makeRoom();
    let state: RoomState = {
      ...base,
      settings: { ...base.settings, peerInstruction: { low: 0, high: 100 } },
    };
    createSqliteRoomStore(db).createRoom(state);
    const kinds: string[] = [];
    const apply = (command: Command, now: number) => {
      const result = reduce(state, command, now);
      if (!result.ok) throw new Error(result.message);
      kinds.push(...result.facts.map((f) => f.type));
      createSqliteRoomStore(db).saveChange(result.state, result.facts);
      state = result.state;
      // A new store on the same file each time: what a restarted server reads.
      expect(createSqliteRoomStore(db).loadRoom(state.code)?.state).toStrictEqual(state);
    };
    apply({ type: 'join', nickname: 'Ada', secret: 'secret-ada-0123456789' }, T0);
    apply({ type: 'join', nickname: 'Grace', secret: 'secret-grace-0123456789' }, T0);
    apply({ type: 'start', by: HOST, round: 0 }, T0);
    apply({ type: 'answer', playerId: 0, round: 0, choice: 'zigzag' }, T0 + 1000);
    apply({ type: 'answer', playerId: 1, round: 0, choice: 'diverges' }, T0 + 2000);
    apply({ type: 'discuss', by: HOST, round: 0 }, T0 + 3000);
    apply({ type: 'discussion-end', by: HOST, round: 0 }, T0 + 4000);
    apply({ type: 'answer', playerId: 0, round: 0, choice: 'zigzag' }, T0 + 5000);
    apply({ type: 'answer', playerId: 1, round: 0, choice: 'zigzag' }, T0 + 6000);
    apply({ type: 'twin', by: HOST, round: 0, seed: 11 }, T0 + 10_000);
    expect(state.deck.rounds).toHaveLength(4);
    expect(state.phase).toMatchObject({ kind: 'question', round: 1, twinOf: 0 });
    apply({ type: 'answer', playerId: 0, round: 1, choice: 'zigzag' }, T0 + 11_000);
    apply({ type: 'answer', playerId: 1, round: 1, choice: 'converges' }, T0 + 12_000);
    expect(state.results[1]).toMatchObject({ twinOf: 0 });
    expect(state.results[0]?.firstVote).toBeDefined();
    apply({ type: 'start', by: HOST, round: 2 }, T0 + 20_000);
    expect(kinds).toContain('round-added');
  });

  it('migration 7 adds results.twin_of', () => {
    expect(ROOMS_MIGRATIONS.map((m) => m.version)).toContain(7);
    const db = openDatabase(':memory:');
    dbs.push(db);
    createSqliteRoomStore(db);
    const columns = db.prepare('PRAGMA table_info(results)').all() as Array<{ name: string }>;
    expect(columns.map((c) => c.name)).toContain('twin_of');
  });
});
