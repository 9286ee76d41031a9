// The host's roster as changes (host:roster, shared/protocol/roster.ts): what the server computes
// against what a socket was last sent, applied by the host app, gives back the server's roster.
import { describe, expect, it } from 'vitest';
import { applyRoster, diffRoster } from '../../shared/protocol/roster';
import type { RosterEntry } from '../../shared/protocol/views';

const entry = (id: number, over: Partial<RosterEntry> = {}): RosterEntry => ({
  id,
  nickname: `Student ${id}`,
  connected: true,
  score: 0,
  ...over,
});

describe('roster changes', () => {
  it('a socket that has nothing gets the whole roster', () => {
    const next = [entry(0), entry(1)];
    expect(diffRoster(null, next, 3)).toEqual({ version: 3, full: true, upsert: next, removed: [] });
    expect(diffRoster(null, [], 3)).toEqual({ version: 3, full: true, upsert: [], removed: [] });
  });

  it('nothing changed: no message', () => {
    expect(diffRoster([entry(0)], [entry(0)], 4)).toBeNull();
  });

  it('sends only who joined, changed (connection, score, nickname) or left', () => {
    const prev = [entry(0), entry(1), entry(2), entry(3)];
    const next = [entry(0), entry(1, { connected: false }), entry(3, { score: 900 }), entry(4)];
    const update = diffRoster(prev, next, 9);
    expect(update).toEqual({
      version: 9,
      full: false,
      upsert: [entry(1, { connected: false }), entry(3, { score: 900 }), entry(4)],
      removed: [2],
    });
    expect(update && applyRoster(prev, update)).toEqual(next);
  });

  it('a whole roster replaces what the client had (a new connection, another game)', () => {
    const had = [entry(0, { nickname: 'Old game' }), entry(5)];
    expect(applyRoster(had, { version: 1, full: true, upsert: [entry(1), entry(0)], removed: [] })).toEqual([
      entry(0),
      entry(1),
    ]);
  });

  it('keeps the roster in id order (join order), as the lobby lists it', () => {
    const prev = [entry(0), entry(2)];
    const update = { version: 2, full: false, upsert: [entry(1), entry(3)], removed: [] };
    expect(applyRoster(prev, update).map((p) => p.id)).toEqual([0, 1, 2, 3]);
  });

  it('changes applied in order from the whole roster rebuild the server roster, step after step', () => {
    let server: RosterEntry[] = [];
    let sent: RosterEntry[] | null = null;
    let client: RosterEntry[] = [];
    for (let step = 0; step < 200; step++) {
      const id = (step * 7) % 23;
      const at = server.findIndex((p) => p.id === id);
      if (at < 0) server = [...server, entry(id)].sort((a, b) => a.id - b.id);
      else if (step % 5 === 0) server = server.filter((p) => p.id !== id);
      else
        server = server.map((p) =>
          p.id === id ? { ...p, connected: !p.connected, score: p.score + step } : p,
        );
      const update = diffRoster(sent, server, step);
      if (update) client = applyRoster(client, update);
      sent = server;
      expect(client).toEqual(server);
    }
  });
});
