// PI9 through a real server process, real sockets and its SQLite file: a round goes to a second
// vote, the host asks its twin from the reveal, a student joins late, the server is killed (-9)
// during the twin's question, everyone comes back to the same question with the same answers, and
// the report sets the twin beside the first vote.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { GameReport } from '../../shared/protocol/report';
import type { HostView } from '../../shared/protocol/views';
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
const KEY = 'twin-instructor-key-0123456789';

describe('PI9 the twin question over real sockets, with kill -9 during the twin', () => {
  it('vote → discussion → second vote → reveal → twin (late joiner, restart) → reveal → next round → report', async () => {
    const server = await startServerProcess();
    const host = await hostGame(server.url, {
      deck: { source: 'custom', deck: { title: 'Twins', rounds: [ZIGZAG, DIVERGES] } },
      secondsPerQuestion: 300,
      speedPoints: false,
      peerInstruction: { low: 30, high: 70 },
      instructorKey: KEY,
    });
    const names = ['Ada', 'Grace', 'Alan', 'Edsger'];
    const students = await Promise.all(names.map((n) => joinGame(server.url, host.code, n)));
    await host.waitFor((v) => v.playerCount === names.length);
    const send = async (player: (typeof students)[number], round: number, choice: Choice) =>
      (await player.conn.request('answer:submit', { round, choice }, { retry: true })).ok;
    const hostSends = async (
      event: 'round:start' | 'round:discuss' | 'discussion:end' | 'round:twin',
      round: number,
    ) => host.conn.request(event, { round }, { retry: true });

    // Round 0 through a first vote (50 %), a discussion and a second vote.
    expect((await hostSends('round:start', 0)).ok).toBe(true);
    await Promise.all(students.map((s) => s.waitFor(phaseIs('question', 0))));
    const first: Choice[] = ['zigzag', 'zigzag', 'diverges', 'converges'];
    for (const [i, c] of first.entries()) expect(await send(students[i]!, 0, c)).toBe(true);
    await host.waitFor(phaseIs('votes', 0));
    // Not before the reveal.
    expect(await hostSends('round:twin', 0)).toMatchObject({ ok: false, error: 'WRONG_PHASE' });
    expect((await hostSends('round:discuss', 0)).ok).toBe(true);
    await host.waitFor(phaseIs('discussion', 0));
    expect((await hostSends('discussion:end', 0)).ok).toBe(true);
    await Promise.all(
      students.map((s) => s.waitFor((v) => v.phase.kind === 'question' && v.phase.secondVote === true)),
    );
    const second: Choice[] = ['zigzag', 'zigzag', 'zigzag', 'diverges'];
    for (const [i, c] of second.entries()) expect(await send(students[i]!, 0, c)).toBe(true);
    await host.waitFor(phaseIs('reveal', 0));
    expect(host.latest()!.phase).toMatchObject({ kind: 'reveal', round: 0, twinAvailable: true, correct: 3 });
    expect(host.latest()!.roundCount).toBe(2);

    // The twin: one more round, right after round 0, a question marked as its twin on both screens.
    expect(await hostSends('round:twin', 0)).toEqual({ ok: true });
    await host.waitFor(phaseIs('question', 1));
    const question = host.latest()!.phase as HostPhase<'question'>;
    expect(question).toMatchObject({ round: 1, twinOf: 0, answered: 0, total: 4 });
    expect(question).not.toHaveProperty('secondVote');
    expect(question.deadlineAt - question.openedAt).toBe(300_000);
    expect(host.latest()!.roundCount).toBe(3);
    const firstQuestion = host.views.find((v) => v.view.phase.kind === 'question');
    if (!firstQuestion) throw new Error('the host saw round 0 as a question');
    const original = (firstQuestion.view.phase as HostPhase<'question'>).task;
    expect(question.task.type).toBe('predict');
    expect(question.task).not.toEqual(original);
    if (question.task.type !== 'predict' || original.type !== 'predict') throw new Error('predictions');
    expect(question.task.scenario.cost.kind).toBe(original.scenario.cost.kind);
    await Promise.all(
      students.map((s) =>
        s.waitFor(
          (v) =>
            phaseIs('question', 1)(v) &&
            v.roundCount === 3 &&
            v.phase.kind === 'question' &&
            v.phase.twinOf === 0,
        ),
      ),
    );
    // A second twin of the same round is refused, naming the first.
    expect(await hostSends('round:twin', 0)).toMatchObject({
      ok: false,
      error: 'WRONG_PHASE',
      message: expect.stringMatching(/already had its twin: round 2/),
    });

    // A late joiner answers the twin; two others answer, then kill -9.
    const late = await joinGame(server.url, host.code, 'Late');
    expect(late.latest()!.phase).toMatchObject({ kind: 'question', round: 1, twinOf: 0, answer: null });
    expect(late.latest()!.roundCount).toBe(3);
    expect(await send(students[0]!, 1, 'zigzag')).toBe(true);
    expect(await send(late, 1, 'zigzag')).toBe(true);
    expect(await send(students[1]!, 1, 'diverges')).toBe(true);
    const killedAt = Date.now();
    const everyone = [...students, late];
    const reconnected = new Map([host, ...everyone].map((c) => [c, c.connections() + 1]));
    await server.kill();
    await server.restart();
    await host.waitFor((v) => phaseIs('question', 1)(v) && v.roundCount === 3, {
      since: killedAt,
      connection: reconnected.get(host),
    });
    expect(host.latest()!.phase).toMatchObject({ kind: 'question', round: 1, twinOf: 0, answered: 3 });
    expect((host.latest()!.phase as HostPhase<'question'>).task).toEqual(question.task);
    await Promise.all(
      everyone.map((s) =>
        s.waitFor(phaseIs('question', 1), { since: killedAt, connection: reconnected.get(s) }),
      ),
    );
    expect(everyone.map((s) => (s.latest()!.phase as { answer: unknown }).answer)).toEqual([
      'zigzag',
      'diverges',
      null,
      null,
      'zigzag',
    ]);
    expect(
      everyone.every(
        (s) =>
          s.latest()!.phase.kind === 'question' && (s.latest()!.phase as { twinOf?: number }).twinOf === 0,
      ),
    ).toBe(true);
    // The last two answer after the restart: all answered, it reveals at once (no votes, no discussion).
    expect(await send(students[2]!, 1, 'zigzag')).toBe(true);
    expect(await send(students[3]!, 1, 'converges')).toBe(true);
    await host.waitFor(phaseIs('reveal', 1));
    const reveal = host.latest()!.phase as HostPhase<'reveal'>;
    expect(reveal).toMatchObject({ round: 1, twinOf: 0, correct: 3, total: 5 });
    expect(reveal).not.toHaveProperty('twinAvailable');
    expect(reveal).not.toHaveProperty('firstVote');

    // The game goes on with what was round 1, now round 2; then the report.
    expect((await hostSends('round:start', 2)).ok).toBe(true);
    await host.waitFor(phaseIs('question', 2));
    expect((host.latest()!.phase as HostPhase<'question'>).task).toMatchObject({
      type: 'predict',
      scenario: DIVERGES,
    });
    expect((await host.conn.request('game:end', {}, { retry: true })).ok).toBe(true);
    await host.waitFor(phaseIs('podium'));
    const reportId = (host.latest()!.phase as HostPhase<'podium'>).reportId;
    expect(reportId).not.toBeNull();
    const response = await fetch(`${server.url}/api/reports/${reportId}`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as GameReport;
    expect(report.twins).toEqual([
      {
        round: 0,
        twin: 1,
        firstVote: { correct: 2, eligible: 4, share: 0.5 },
        secondVote: { correct: 3, eligible: 4, share: 0.75 },
        twinVote: { correct: 3, eligible: 5, share: 0.6 },
      },
    ]);
    expect(report.roundCount).toBe(3);
    expect(server.output()).not.toMatch(/Error/);
    await Promise.all(everyone.map((s) => s.waitFor(phaseIs('podium'))));
  }, 120_000);
});
