// PI8 C1 through a real server on port 0 and real sockets: a Peer Instruction round scored by
// confidence, with a late joiner in the discussion, played to the podium; the saved report and its
// CSV hold both votes, each student's change and the class's counts, after a restart too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostSession, PlayerSession } from '../../shared/protocol/events';
import type { GameReport } from '../../shared/protocol/report';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { isPhase } from '../helpers/game';
import { DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { type Client, closeAllClients, connect, ok, startServer, type TestServer } from '../helpers/server';

const KEY = 'pi-instructor-key-0123456789abcdef';
type Choice = 'converges' | 'zigzag' | 'diverges';

let dataDir: string;
let server: TestServer;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'overshoot-peer-report-'));
  server = await startServer({ dataDir });
});
afterEach(async () => {
  closeAllClients();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = async (path: string) => {
  const res = await fetch(`${server.url}/api${path}`, { headers: { authorization: `Bearer ${KEY}` } });
  expect(res.status).toBe(200);
  return res;
};

async function joinAs(code: string, nickname: string): Promise<Client> {
  const client = await connect(server.url);
  ok(await client.call<PlayerSession>('player:join', { code, nickname }));
  return client;
}

const vote = async (p: Client, choice: Choice) =>
  ok(await p.call('answer:submit', { round: 0, choice, confidence: 'sure' }));

describe('PI8 C1 a re-voted round reaches the report and the CSV over real sockets', () => {
  it('first votes, changes and counts in the saved report; confidence and first vote in the CSV', async () => {
    const host = await connect(server.url);
    const { code, hostSecret } = ok(
      await host.call<HostSession>('host:create', {
        deck: { source: 'custom', deck: { title: 'PI report', rounds: [ZIGZAG, DIVERGES] } },
        secondsPerQuestion: 60,
        speedPoints: false,
        scoreBy: 'confidence',
        peerInstruction: { low: 30, high: 70 },
        instructorKey: KEY,
      }),
    );
    const names = ['Ada', 'Ben', 'Cy', 'Dee', 'Eve'];
    const students: Client[] = [];
    for (const n of names) students.push(await joinAs(code, n));
    await host.view<HostView>((v) => v.playerCount === names.length);

    // PI1: 3 of 5 right (60 %): the first vote closes to the votes when everyone has voted.
    ok(await host.call('round:start', { round: 0 }));
    await host.view<HostView>(isPhase('question', 0));
    const first: Choice[] = ['zigzag', 'diverges', 'zigzag', 'diverges', 'zigzag'];
    for (const [i, c] of first.entries()) await vote(students[i]!, c);
    await host.view<HostView>(isPhase('votes', 0));

    // PI2, PI3: a discussion with a late joiner, then the second vote. Ada stays silent.
    // The manual clock moves as a real one would: a vote is timed when it is received.
    server.clock.advance(5_000);
    ok(await host.call('round:discuss', { round: 0 }));
    await host.view<HostView>(isPhase('discussion', 0));
    const gus = await joinAs(code, 'Gus');
    server.clock.advance(30_000);
    ok(await host.call('discussion:end', { round: 0 }));
    server.clock.advance(2_000);
    await gus.view<PlayerView>((v) => v.phase.kind === 'question' && v.phase.secondVote === true);
    await vote(students[1]!, 'zigzag'); // Ben: wrong → right
    await vote(students[2]!, 'diverges'); // Cy: right → wrong
    await vote(students[3]!, 'diverges'); // Dee: stayed wrong
    await vote(students[4]!, 'zigzag'); // Eve: stayed right
    await vote(gus, 'zigzag'); // Gus: second vote only
    ok(await host.call('round:reveal', { round: 0 }));
    await host.view<HostView>(isPhase('reveal', 0));

    // A restart: the round's first vote and its scoring vote come back from the SQLite file.
    closeAllClients();
    await server.close();
    server = await startServer({ dataDir, clock: server.clock });
    const projector = await connect(server.url);
    ok(await projector.call('host:resume', { code, hostSecret }));
    ok(await projector.call('game:end'));
    await projector.view<HostView>(isPhase('podium'));

    const { reports } = await (await api('/reports')).json();
    expect(reports).toHaveLength(1);
    const report: GameReport = await (await api(`/reports/${reports[0].id}`)).json();
    expect(report.version).toBe(3);
    const [round] = report.rounds;
    expect(round?.answers.map((a) => [a.nickname, a.firstVote?.answer, a.answer, a.change])).toEqual([
      ['Ada', 'zigzag', 'zigzag', 'first-only'],
      ['Ben', 'diverges', 'zigzag', 'wrong-to-right'],
      ['Cy', 'zigzag', 'diverges', 'right-to-wrong'],
      ['Dee', 'diverges', 'diverges', 'stayed-wrong'],
      ['Eve', 'zigzag', 'zigzag', 'stayed-right'],
      ['Gus', null, 'zigzag', 'second-only'],
    ]);
    expect(round?.firstVote).toMatchObject({ eligible: 5, answered: 5, correct: 3, shareCorrect: 0.6 });
    const counts = {
      'wrong-to-right': 1,
      'right-to-wrong': 1,
      'stayed-right': 1,
      'stayed-wrong': 1,
      'first-only': 1,
      'second-only': 1,
    };
    expect(round?.firstVote?.changes).toEqual(counts);
    expect(report.peer).toMatchObject({ rounds: [0], class: counts });
    expect(report.peer?.students.find((p) => p.nickname === 'Ben')?.changes['wrong-to-right']).toBe(1);
    // PI4: Ada's first vote scored, sure and right: 1000 (C3).
    expect(report.players.find((p) => p.nickname === 'Ada')?.score).toBe(1000);

    const csv = await (await api(`/reports/${reports[0].id}/csv`)).text();
    const [header, ...rows] = csv
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(header?.slice(-4)).toEqual(['confidence', 'first vote', 'first vote correct', 'change']);
    expect(rows.map((r) => [r[0], ...r.slice(-4)])).toEqual([
      ['Ada', 'Sure', 'Zig-zags in', 'yes', 'did not vote again'],
      ['Ben', 'Sure', 'Diverges', 'no', 'wrong → right'],
      ['Cy', 'Sure', 'Zig-zags in', 'yes', 'right → wrong'],
      ['Dee', 'Sure', 'Diverges', 'no', 'stayed wrong'],
      ['Eve', 'Sure', 'Zig-zags in', 'yes', 'stayed right'],
      ['Gus', 'Sure', '', '', 'second vote only'],
    ]);
  });
});
