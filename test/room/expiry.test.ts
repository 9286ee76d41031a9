// Issue 16: rooms leave memory (README "Limits", rule L3), on the room registry with the manual clock.
// A game nobody is connected to and nothing happens in leaves memory after ROOM_IDLE_MS, and comes
// back from the store as it was; an open question never leaves before its deadline; a room with a
// socket open or a change unsaved never leaves; and memory holds at most ROOMS_IN_MEMORY_MAX rooms,
// the least recently used making way.
import { describe, expect, it } from 'vitest';
import { deferOnWallClock } from '../../server/clock';
import { cryptoRandom } from '../../server/random';
import { createManualClock } from '../../server/room/clock';
import { createMemoryStore } from '../../server/room/memory-store';
import { createRoomManager, EVICT_AFTER_MS, ROOM_IDLE_MS } from '../../server/room/rooms';
import type { Deck } from '../../shared/protocol/deck';
import { ZIGZAG } from '../helpers/scenarios';
import { HOST } from './helpers';

const deck: Deck = { title: 'Expiry', rounds: [{ type: 'predict', scenario: ZIGZAG }] };
const LONG_QUESTION_S = 300;

function registry(opts: { idleMs?: number; maxRooms?: number } = {}) {
  const clock = createManualClock();
  const store = createMemoryStore(() => clock.now());
  const evicted: string[] = [];
  const rooms = createRoomManager({ clock, defer: deferOnWallClock, store, random: cryptoRandom, ...opts });
  rooms.onEvict((code) => evicted.push(code));
  const create = (seconds = 30) =>
    rooms.create(deck, { secondsPerQuestion: seconds, speedPoints: true }).code;
  const saved = () => new Promise<boolean>((resolve) => rooms.afterCommit(resolve));
  return { clock, store, rooms, evicted, create, saved };
}

describe('L3: idle rooms leave memory', () => {
  it('a lobby nobody joins leaves memory after ROOM_IDLE_MS, not before, and comes back as it was', () => {
    const { clock, rooms, create, evicted } = registry();
    const code = create();
    const before = rooms.get(code);
    clock.advance(ROOM_IDLE_MS - 1);
    expect(rooms.codes()).toEqual([code]);
    clock.advance(1);
    expect(rooms.codes()).toEqual([]);
    expect(evicted).toEqual([code]);
    expect(rooms.counts().expired).toBe(1);
    expect(rooms.stats()).toEqual({ rooms: 0, timers: 0 });
    expect(rooms.get(code)).toEqual(before);
  });

  it('each step of the game starts the idle time again', async () => {
    const { clock, rooms, create, saved } = registry();
    const code = create();
    clock.advance(ROOM_IDLE_MS - 1_000);
    expect(rooms.join(code, 'Ada', 'secret-ada-0123456789').ok).toBe(true);
    expect(await saved()).toBe(true);
    clock.advance(ROOM_IDLE_MS - 1_000);
    expect(rooms.codes()).toEqual([code]);
    clock.advance(1_000);
    expect(rooms.codes()).toEqual([]);
  });

  it('ROOM_IDLE_MS is configurable', () => {
    const { clock, rooms, create } = registry({ idleMs: 3_000 });
    create();
    clock.advance(3_000);
    expect(rooms.codes()).toEqual([]);
  });

  it('an open question never leaves before its deadline, however short the idle time', async () => {
    const { clock, rooms, create, saved } = registry({ idleMs: 3_000 });
    const code = create(LONG_QUESTION_S);
    expect(rooms.join(code, 'Ada', 'secret-ada-0123456789').ok).toBe(true);
    expect(rooms.dispatch(code, { type: 'start', by: HOST, round: 0 }).ok).toBe(true);
    expect(await saved()).toBe(true);
    clock.advance(LONG_QUESTION_S * 1000 - 1);
    expect(rooms.codes()).toEqual([code]);
    expect(rooms.get(code)?.phase.kind).toBe('question');
    // The deadline closes it (a step), and the idle time runs from there.
    clock.advance(1);
    expect(await saved()).toBe(true);
    expect(rooms.get(code)?.phase.kind).toBe('reveal');
    clock.advance(3_000);
    expect(rooms.codes()).toEqual([]);
  });

  it('a room with a socket open stays, and its idle time starts when the last one closes', () => {
    const { clock, rooms, create } = registry();
    const code = create();
    rooms.attachHost(code);
    clock.advance(3 * ROOM_IDLE_MS);
    expect(rooms.codes()).toEqual([code]);
    rooms.detachHost(code);
    clock.advance(ROOM_IDLE_MS - 1);
    expect(rooms.codes()).toEqual([code]);
    clock.advance(ROOM_IDLE_MS);
    expect(rooms.codes()).toEqual([]);
  });

  it('a room with a change not yet saved stays until it is saved', async () => {
    const { clock, rooms, create, saved } = registry();
    const code = create();
    clock.advance(ROOM_IDLE_MS - 1);
    expect(rooms.join(code, 'Ada', 'secret-ada-0123456789').ok).toBe(true);
    expect(rooms.evict(code)).toBe(false);
    expect(await saved()).toBe(true);
    clock.advance(ROOM_IDLE_MS);
    expect(rooms.codes()).toEqual([]);
  });

  it('a finished game still leaves EVICT_AFTER_MS after its end', async () => {
    const { clock, rooms, create, saved } = registry();
    const code = create();
    expect(rooms.dispatch(code, { type: 'end', by: HOST }).ok).toBe(true);
    expect(await saved()).toBe(true);
    clock.advance(EVICT_AFTER_MS);
    expect(rooms.codes()).toEqual([]);
  });
});

describe('L3: at most ROOMS_IN_MEMORY_MAX rooms in memory', () => {
  it('the least recently used room nobody is connected to makes way; a watched one never does', () => {
    const { clock, rooms, create } = registry({ maxRooms: 3 });
    const a = create();
    clock.advance(1_000);
    const b = create();
    clock.advance(1_000);
    const c = create();
    rooms.attachHost(a);
    clock.advance(1_000);
    // b was used after a, but a has its projector open.
    expect(rooms.full()).toBe(false);
    const d = create();
    expect(rooms.codes()).not.toContain(b);
    expect(rooms.codes().sort()).toEqual([a, c, d].sort());
    expect(rooms.counts().displaced).toBe(1);
    // Using c makes d the least recently used.
    clock.advance(1_000);
    rooms.get(c);
    const e = create();
    expect(rooms.codes().sort()).toEqual([a, c, e].sort());
  });

  it('when every room in memory is watched, the registry is full, and a reload goes over the cap rather than fail', () => {
    const { rooms, create } = registry({ maxRooms: 2 });
    const a = create();
    const b = create();
    rooms.attachHost(a);
    rooms.attachHost(b);
    expect(rooms.full()).toBe(true);
    rooms.detachHost(b);
    expect(rooms.full()).toBe(false);
    const c = create();
    rooms.attachHost(c);
    expect(rooms.codes().sort()).toEqual([a, c].sort());
    expect(rooms.full()).toBe(true);
    // b's host comes back: their own game loads even though nothing can make way.
    expect(rooms.get(b)?.code).toBe(b);
    expect(rooms.codes()).toHaveLength(3);
  });
});
