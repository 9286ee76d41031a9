// DATABASE_URL: the real server (server/index.ts, a child process) on a real PostgreSQL. A class
// plays; the server is killed (SIGKILL) mid-question and at the reveal and started again on the same
// database: every acknowledged answer and score is still there, nothing is counted twice, and the
// game goes on. Without a database to use, the server says why at its start and stops.
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { freshDatabase } from '../postgres/database';
import { type AnyView, closeAllConnections, hostGame, joinGame, phaseIs, type Tracked } from './clients';
import { freePort, killAllServers, removeDataDirs, startServerProcess } from './process';

const STUDENTS = 8;
const CHOICES = ['converges', 'zigzag', 'diverges'] as const;

afterEach(async () => {
  closeAllConnections();
  await killAllServers();
});
afterAll(removeDataDirs);

const databaseUrl = await freshDatabase();

describe('R5 on PostgreSQL: killed and restarted on the same database, the game goes on', () => {
  it('answers acknowledged before a kill mid-question count once; scores survive a kill at the reveal', async () => {
    const server = await startServerProcess({ DATABASE_URL: databaseUrl });
    expect(server.output()).toContain('Games are saved in PostgreSQL (127.0.0.1:');
    const host = await hostGame(server.url, {
      deck: { source: 'custom', deck: { title: 'On PostgreSQL', rounds: [ZIGZAG, DIVERGES] } },
      secondsPerQuestion: 300,
      speedPoints: false,
    });
    const students = await Promise.all(
      Array.from({ length: STUDENTS }, (_, i) => joinGame(server.url, host.code, `Student ${i + 1}`)),
    );
    const everyone = [host, ...students] as Array<Tracked<AnyView>>;
    await host.waitFor((v) => v.playerCount === STUDENTS);
    const choiceOf = (i: number, round: number) => CHOICES[(i + round) % 3] ?? 'zigzag';
    const answer = (i: number, round: number) =>
      students[i]?.conn.request('answer:submit', { round, choice: choiceOf(i, round) }, { retry: true });

    expect((await host.conn.request('round:start', { round: 0 }, { retry: true })).ok).toBe(true);
    await Promise.all(students.map((s) => s.waitFor(phaseIs('question', 0))));
    // Half the class answers and is acknowledged: those answers are in PostgreSQL.
    for (let i = 0; i < STUDENTS / 2; i++) expect((await answer(i, 0))?.ok).toBe(true);

    let killedAt = Date.now();
    await server.kill();
    await server.restart();
    await Promise.all(everyone.map((c) => c.waitFor(phaseIs('question', 0), { since: killedAt })));
    for (const [i, s] of students.entries()) {
      const phase = s.latest()?.phase;
      expect(phase?.kind === 'question' && phase.answer).toBe(i < STUDENTS / 2 ? choiceOf(i, 0) : null);
    }
    // A2: an answer sent again (a lost acknowledgement's retry) gets its acknowledgement back, and
    // counts once (the rows below).
    expect((await answer(0, 0))?.ok).toBe(true);
    // The rest answer; the last answer closes the round (R2).
    for (let i = STUDENTS / 2; i < STUDENTS; i++) expect((await answer(i, 0))?.ok).toBe(true);
    await host.waitFor(phaseIs('reveal', 0));
    const reveal = host.latest() as HostView;
    if (reveal.phase.kind !== 'reveal') throw new Error('not at the reveal');
    expect(reveal.phase.total).toBe(STUDENTS);
    const scores = () => students.map((s) => (s.latest() as PlayerView).me.score);
    await Promise.all(students.map((s) => s.waitFor(phaseIs('reveal', 0))));
    const before = scores();
    expect(before.filter((x) => x > 0).length).toBe(reveal.phase.correct);

    killedAt = Date.now();
    await server.kill();
    await server.restart();
    await Promise.all(everyone.map((c) => c.waitFor(phaseIs('reveal', 0), { since: killedAt })));
    expect(scores()).toEqual(before);

    // The game goes on: round 1 opens and closes on the restarted server.
    expect((await host.conn.request('round:start', { round: 1 }, { retry: true })).ok).toBe(true);
    await Promise.all(students.map((s) => s.waitFor(phaseIs('question', 1))));
    for (let i = 0; i < STUDENTS; i++) expect((await answer(i, 1))?.ok).toBe(true);
    await host.waitFor(phaseIs('reveal', 1));

    // Nothing went to SQLite: DATA_DIR holds no database file.
    expect(readdirSync(server.dataDir)).toEqual([]);
    // And PostgreSQL holds each answer once.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const rows = await db.query<{ round: number; n: string }>(
        'SELECT round, COUNT(*) AS n FROM answers WHERE code = $1 GROUP BY round ORDER BY round',
        [host.code],
      );
      expect(rows.rows.map((r) => [r.round, Number(r.n)])).toEqual([
        [0, STUDENTS],
        [1, STUDENTS],
      ]);
    } finally {
      await db.end();
    }
  });
});

describe('DATABASE_URL that cannot be used', () => {
  it('a database nobody answers at: the server says so at its start and exits', async () => {
    const port = await freePort();
    const started = startServerProcess({
      DATABASE_URL: `postgres://overshoot:x@127.0.0.1:${port}/overshoot`,
    });
    await expect(started).rejects.toThrow(
      new RegExp(`Cannot reach the PostgreSQL database at 127\\.0\\.0\\.1:${port}/overshoot`),
    );
    await expect(started).rejects.toThrow(/exited \(1\)/);
  });

  it('a schema newer than the server knows: the server names it and exits, writing nothing', async () => {
    const url = await freshDatabase();
    const server = await startServerProcess({ DATABASE_URL: url });
    await server.kill();
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await db.query("UPDATE schema_version SET version = 99 WHERE module = 'rooms'");
      await expect(server.restart()).rejects.toThrow(
        /"rooms" schema is version 99, newer than this server knows/,
      );
      const { rows } = await db.query("SELECT version FROM schema_version WHERE module = 'rooms'");
      expect(rows).toEqual([{ version: 99 }]);
    } finally {
      await db.end();
    }
  });
});
