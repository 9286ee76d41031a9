// Peer Instruction through a real server process and real sockets (README PI1–PI7): a first vote, a
// discussion with a late joiner, a kill -9 during the discussion and another during the second vote,
// then the reveal with both votes. Nothing accepted is lost.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { DISCUSSION_EXTEND_MS, DISCUSSION_MS } from '../../shared/protocol/views';
import { DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { closeAllConnections, hostGame, joinGame, phaseIs } from '../resilience/clients';
import { killAllServers, removeDataDirs, startServerProcess } from '../resilience/process';

afterEach(async () => {
  closeAllConnections();
  await killAllServers();
});
afterAll(removeDataDirs);

type Choice = 'converges' | 'zigzag' | 'diverges';
type HostPhase<K extends HostView['phase']['kind']> = Extract<HostView['phase'], { kind: K }>;

describe('PI1–PI7 over real sockets, with kill -9 in the discussion and in the second vote', () => {
  it('votes → discussion (late joiner, restart) → second vote (restart) → reveal with both votes', async () => {
    const server = await startServerProcess();
    const host = await hostGame(server.url, {
      deck: { source: 'custom', deck: { title: 'PI', rounds: [ZIGZAG, DIVERGES] } },
      secondsPerQuestion: 300,
      speedPoints: false,
      peerInstruction: { low: 30, high: 70 },
    });
    const names = ['Ada', 'Grace', 'Alan', 'Edsger'];
    const students = await Promise.all(names.map((n) => joinGame(server.url, host.code, n)));
    await host.waitFor((v) => v.playerCount === names.length);
    const submit = async (i: number, choice: Choice) =>
      (await students[i]!.conn.request('answer:submit', { round: 0, choice }, { retry: true })).ok;

    // PI1: two right, two wrong: 50 %, the discussion is the main action; nobody learns the outcome.
    expect((await host.conn.request('round:start', { round: 0 }, { retry: true })).ok).toBe(true);
    await Promise.all(students.map((s) => s.waitFor(phaseIs('question', 0))));
    const first: Choice[] = ['zigzag', 'zigzag', 'diverges', 'converges'];
    for (const [i, c] of first.entries()) expect(await submit(i, c)).toBe(true);
    await host.waitFor(phaseIs('votes', 0));
    const votes = host.latest()!.phase as HostPhase<'votes'>;
    expect(votes).toMatchObject({
      main: 'discuss',
      total: 4,
      distribution: { converges: 1, zigzag: 2, diverges: 1, none: 0 },
    });
    await Promise.all(students.map((s) => s.waitFor(phaseIs('votes', 0))));
    for (const s of students) expect(JSON.stringify(s.latest())).not.toMatch(/outcome|explanation|correct/);
    expect(students.map((s) => s.latest()!.me.score)).toEqual([0, 0, 0, 0]);

    // PI2: the discussion, +30 s; a late joiner arrives in it.
    const discussAt = Date.now();
    expect((await host.conn.request('round:discuss', { round: 0 }, { retry: true })).ok).toBe(true);
    await host.waitFor(phaseIs('discussion', 0));
    expect((await host.conn.request('discussion:extend', { round: 0 }, { retry: true })).ok).toBe(true);
    await host.waitFor(
      (v) =>
        v.phase.kind === 'discussion' &&
        v.phase.endsAt - v.phase.startedAt === DISCUSSION_MS + DISCUSSION_EXTEND_MS,
    );
    const discussion = host.latest()!.phase as HostPhase<'discussion'>;
    expect(discussion.startedAt).toBeGreaterThanOrEqual(discussAt - 1000);
    const late = await joinGame(server.url, host.code, 'Late');
    expect(late.latest()!.phase).toMatchObject({
      kind: 'discussion',
      answer: null,
      endsAt: discussion.endsAt,
    });
    const everyone = [...students, late];
    await Promise.all(
      students.map((s) =>
        s.waitFor((v) => v.phase.kind === 'discussion' && v.phase.endsAt === discussion.endsAt),
      ),
    );

    // PI6: kill -9 in the discussion: everyone back in it, same end, same first votes.
    let killedAt = Date.now();
    let reconnected = new Map([host, ...everyone].map((c) => [c, c.connections() + 1]));
    await server.kill();
    await server.restart();
    await host.waitFor(phaseIs('discussion', 0), { since: killedAt, connection: reconnected.get(host) });
    expect(host.latest()!.phase).toMatchObject({
      kind: 'discussion',
      endsAt: discussion.endsAt,
      distribution: { converges: 1, zigzag: 2, diverges: 1, none: 0 },
    });
    await Promise.all(
      everyone.map((s) =>
        s.waitFor(phaseIs('discussion', 0), { since: killedAt, connection: reconnected.get(s) }),
      ),
    );
    expect(students.map((s) => (s.latest()!.phase as { answer: unknown }).answer)).toEqual(first);

    // PI3: the host ends it early; the same question again.
    expect((await host.conn.request('discussion:end', { round: 0 }, { retry: true })).ok).toBe(true);
    await Promise.all(
      everyone.map((s) =>
        s.waitFor((v) => v.phase.kind === 'question' && v.phase.round === 0 && v.phase.secondVote === true),
      ),
    );
    expect(late.latest()!.phase).toMatchObject({ answer: null });
    // Alan and Edsger change their minds, the late joiner votes; Ada and Grace stay silent.
    expect(await submit(2, 'zigzag')).toBe(true);
    expect(
      (await late.conn.request('answer:submit', { round: 0, choice: 'diverges' }, { retry: true })).ok,
    ).toBe(true);

    // PI6: kill -9 in the second vote: its answers kept, the first vote too.
    killedAt = Date.now();
    await server.kill();
    await server.restart();
    await Promise.all(
      [host, ...everyone].map((c) =>
        c.waitFor((v: HostView | PlayerView) => v.phase.kind === 'question' && v.phase.secondVote === true, {
          since: killedAt,
        }),
      ),
    );
    expect(students[2]!.latest()!.phase).toMatchObject({ answer: 'zigzag' });
    expect(students[0]!.latest()!.phase).toMatchObject({ answer: null });
    expect(await submit(3, 'zigzag')).toBe(true);
    // A changed mind after voting again is still refused (A3).
    const again = await students[2]!.conn.request(
      'answer:submit',
      { round: 0, choice: 'diverges' },
      { retry: true },
    );
    expect(again).toMatchObject({ ok: false, error: 'ALREADY_ANSWERED' });

    // PI4, PI5: the host reveals; both votes shown; scores from the vote that counts.
    expect((await host.conn.request('round:reveal', { round: 0 }, { retry: true })).ok).toBe(true);
    await host.waitFor(phaseIs('reveal', 0));
    const reveal = host.latest()!.phase as HostPhase<'reveal'>;
    expect(reveal.firstVote).toEqual({ converges: 1, zigzag: 2, diverges: 1, none: 0 });
    expect(reveal.detail).toMatchObject({ distribution: { converges: 0, zigzag: 4, diverges: 1, none: 0 } });
    expect(reveal.correct).toBe(4);
    await Promise.all(everyone.map((s) => s.waitFor(phaseIs('reveal', 0))));
    expect(everyone.map((s) => s.latest()!.me.score)).toEqual([1000, 1000, 1000, 1000, 0]);
    expect(everyone.map((s) => (s.latest()!.phase as { answer: unknown }).answer)).toEqual([
      'zigzag',
      'zigzag',
      'zigzag',
      'zigzag',
      'diverges',
    ]);

    // And after one more restart the reveal is the same.
    killedAt = Date.now();
    reconnected = new Map([host, ...everyone].map((c) => [c, c.connections() + 1]));
    await server.kill();
    await server.restart();
    await host.waitFor(phaseIs('reveal', 0), { since: killedAt, connection: reconnected.get(host) });
    expect((host.latest()!.phase as HostPhase<'reveal'>).firstVote).toEqual(reveal.firstVote);
    expect(server.output()).not.toMatch(/Error/);
  }, 120_000);
});
