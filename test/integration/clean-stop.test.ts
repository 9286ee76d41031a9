// R5 / R2: a clean stop (a deploy, Ctrl-C) is downtime, not students leaving. Its own sockets closing
// used to mark every student gone, so an open question in which the students still connected had all
// answered closed and was scored at the stop; the restarted server came back at the reveal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerOf } from '../../server/room/answers';
import { createManualClock } from '../../server/room/clock';
import type { PlayerView } from '../../shared/protocol/views';
import { createGame, isPhase, joinPlayers } from '../helpers/game';
import { DIVERGES } from '../helpers/scenarios';
import { closeAllClients, ok, startServer, type TestServer } from '../helpers/server';

const dirs: string[] = [];
let running: TestServer | null = null;
afterEach(async () => {
  closeAllClients();
  await running?.close();
  running = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('R5 a clean stop leaves an open question open', () => {
  it('comes back in the question with the answers given and the students still to answer', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'overshoot-clean-stop-'));
    dirs.push(dataDir);
    const clock = createManualClock();
    const first = await startServer({ dataDir, clock });
    const host = await createGame(first, { rounds: [DIVERGES] });
    const [ada, grace] = await joinPlayers(first, host.code, 2);
    ok(await host.call('round:start', { round: 0 }));
    await grace!.view<PlayerView>(isPhase('question', 0));
    ok(await ada!.call('answer:submit', { round: 0, choice: 'diverges' }));
    // The server stops while every socket is still open.
    await first.close();
    closeAllClients();

    running = await startServer({ dataDir, clock });
    const state = running.app.rooms.get(host.code);
    expect(state?.phase.kind).toBe('question');
    expect(state?.results).toHaveLength(0);
    if (state?.phase.kind !== 'question') return;
    expect(state.phase.answered).toBe(1);
    expect(answerOf(state.phase.answers, 0)?.choice).toBe('diverges');
    expect(answerOf(state.phase.answers, 1)).toBeNull();
  });
});
