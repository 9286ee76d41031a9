// The host view is built once per room state (a big room's resumes share it): these pin that the
// sharing never serves a stale view.
import { describe, expect, it } from 'vitest';
import { toHostView } from '../../server/room/views';
import { HOST, makeRoom, step, T0, withPlayers } from './helpers';

describe('host view of a room state', () => {
  it('is the same object for the same state and clock, with the caller’s clock otherwise', () => {
    const s = withPlayers(makeRoom(), 3);
    const a = toHostView(s, T0, 'http://x/join');
    expect(toHostView(s, T0, 'http://x/join')).toBe(a);
    const later = toHostView(s, T0 + 5_000, 'http://x/join');
    expect(later.serverNow).toBe(T0 + 5_000);
    expect({ ...later, serverNow: T0 }).toEqual(a);
  });

  it('follows every new state: a join, a start', () => {
    const s1 = withPlayers(makeRoom(), 2);
    expect(toHostView(s1, T0, 'u').players).toHaveLength(2);
    const s2 = step(s1, { type: 'join', nickname: 'Late', secret: 'late-secret-padding-xxxx' }, T0);
    expect(toHostView(s2, T0, 'u').players).toHaveLength(3);
    expect(toHostView(s1, T0, 'u').players).toHaveLength(2);
    const s3 = step(s2, { type: 'start', by: HOST, round: 0 }, T0);
    expect(toHostView(s3, T0, 'u').phase.kind).toBe('question');
    expect(toHostView(s2, T0, 'u').phase.kind).toBe('lobby');
  });

  it('is built again for another join address', () => {
    const s = withPlayers(makeRoom(), 1);
    expect(toHostView(s, T0, 'http://a/join').joinUrl).toBe('http://a/join');
    expect(toHostView(s, T0, 'http://b/join').joinUrl).toBe('http://b/join');
  });
});
