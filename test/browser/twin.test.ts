// PI9 on the projector (real Chromium, 1280×720 and 1920×1080): after the reveal of a round that went
// to a second vote, "Ask its twin" beside the main action; one click opens the twin as the next
// question, whose header says "Same idea, new numbers"; its reveal offers no twin of its own. The
// game is created and the students play through sockets; the projector page resumes the game as a
// reopened tab does. Screenshots go to test-results/browser/.
import { afterAll, describe, expect, it } from 'vitest';
import type { HostSession, PlayerSession } from '../../shared/protocol/events';
import type { HostView } from '../../shared/protocol/views';
import { DIVERGES, ZIGZAG } from '../helpers/scenarios';
import { type Client, closeAllClients, connect, ok } from '../helpers/server';
import { expectLibraryLayout, expectProjectorLayout } from './checks';
import { captureHost, captureLibrary, useWorld } from './harness';

const world = useWorld();
afterAll(closeAllClients);

type Choice = 'converges' | 'zigzag' | 'diverges';
const INSTRUCTOR_KEY = 'twin-browser-instructor-key-0123';

describe('PI9 the projector asks a twin', () => {
  it('"Ask its twin" on the reveal after a second vote; the twin\'s question says so', async () => {
    const projector = await world.host();
    // The projector's instructor key, so that the report is this browser's.
    await projector.evaluate((key) => localStorage.setItem('overshoot:instructor', key), INSTRUCTOR_KEY);
    const hostSocket = await connect(world.server.url);
    const session = ok(
      await hostSocket.call<HostSession>('host:create', {
        deck: { source: 'custom', deck: { title: 'Twins', rounds: [ZIGZAG, DIVERGES] } },
        secondsPerQuestion: 300,
        peerInstruction: { low: 30, high: 70 },
        instructorKey: INSTRUCTOR_KEY,
      }),
    );
    const students: Client[] = [];
    for (const name of ['Ada', 'Grace', 'Alan', 'Edsger']) {
      const s = await connect(world.server.url);
      ok(await s.call<PlayerSession>('player:join', { code: session.code, nickname: name }));
      students.push(s);
    }
    const vote = async (round: number, choices: Choice[]) => {
      for (const [i, choice] of choices.entries())
        ok(await students[i]!.call('answer:submit', { round, choice }));
    };
    const hostView = (match: (v: HostView) => boolean) => hostSocket.view<HostView>(match);

    await projector.evaluate((stored) => localStorage.setItem('overshoot:host', JSON.stringify(stored)), {
      code: session.code,
      hostSecret: session.hostSecret,
    });
    await projector.reload();
    await projector.getByText('4 players').waitFor();

    ok(await hostSocket.call('round:start', { round: 0 }));
    await vote(0, ['zigzag', 'zigzag', 'diverges', 'converges']);
    await hostView((v) => v.phase.kind === 'votes');
    ok(await hostSocket.call('round:discuss', { round: 0 }));
    ok(await hostSocket.call('discussion:end', { round: 0 }));
    await hostView((v) => v.phase.kind === 'question' && v.phase.secondVote === true);
    await vote(0, ['zigzag', 'zigzag', 'zigzag', 'diverges']);
    await hostView((v) => v.phase.kind === 'reveal');

    const askTwin = projector.getByRole('button', { name: 'Ask its twin' });
    await askTwin.waitFor();
    await projector.getByText('Question 1 of 2', { exact: true }).waitFor();
    expect(await projector.locator('.top-twin').count()).toBe(0);
    expectProjectorLayout(await captureHost(projector, 'twin-offered'));
    await askTwin.click();

    await projector.locator('.top-round', { hasText: 'Question 2 of 3' }).waitFor();
    await projector.locator('.top-twin', { hasText: 'Same idea, new numbers' }).waitFor();
    await projector.locator('.question').first().waitFor();
    expectProjectorLayout(await captureHost(projector, 'twin-question'));
    const view = await hostView((v) => v.phase.kind === 'question' && v.phase.round === 1);
    expect(view.phase).toMatchObject({ twinOf: 0 });

    await vote(1, ['zigzag', 'zigzag', 'diverges', 'zigzag']);
    await hostView((v) => v.phase.kind === 'reveal' && v.phase.round === 1);
    await projector.locator('.reveal').first().waitFor();
    await projector.locator('.top-round', { hasText: 'Question 2 of 3' }).waitFor();
    await projector.locator('.top-twin', { hasText: 'Same idea, new numbers' }).waitFor();
    expect(await askTwin.count()).toBe(0);
    expectProjectorLayout(await captureHost(projector, 'twin-reveal'));

    // The report sets the twin beside the round's two votes.
    ok(await hostSocket.call('game:end'));
    await projector.getByRole('button', { name: 'See the report' }).click();
    const twins = projector.locator('.twins-table');
    await twins.waitFor();
    const cells = await twins.locator('tbody tr').first().locator('th, td').allInnerTexts();
    expect(cells.map((x) => x.trim())).toEqual([
      'Round 1 · twin: round 2',
      '2 of 4 (50 %)',
      '3 of 4 (75 %)',
      '3 of 4 (75 %)',
    ]);
    await twins.scrollIntoViewIfNeeded();
    expectLibraryLayout(await captureLibrary(projector, 'report-twins'));
  }, 90_000);
});
