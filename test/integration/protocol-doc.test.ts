// The bot in docs/protocol.md is code people copy: this runs the block as the page prints it (only
// its address and room code replaced) in its own Node process against a real server on port 0.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answerOf } from '../../server/room/answers';
import { CLIENT_EVENT_NAMES } from '../../shared/protocol/events';
import { PROTOCOL_VERSION } from '../../shared/protocol/schemas';
import type { HostView, PlayerView } from '../../shared/protocol/views';
import { createGame, isPhase, joinPlayers } from '../helpers/game';
import { ZIGZAG } from '../helpers/scenarios';
import { closeAllClients, ok, startServer, type TestServer } from '../helpers/server';

const ROOT = new URL('../../', import.meta.url);
const DOC = readFileSync(new URL('docs/protocol.md', ROOT), 'utf8');

/** The first ```js block after a heading. */
function exampleAfter(heading: string): string {
  const section = DOC.slice(DOC.indexOf(heading));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error(`no js block after "${heading}" in docs/protocol.md`);
  return match[1];
}

let server: TestServer;
let bot: ChildProcess | null = null;
let dir: string | null = null;

beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  bot?.kill();
  bot = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
  closeAllClients();
  await server.close();
});

describe('docs/protocol.md: the events and the version', () => {
  it('lists every client-to-server event of the PROTOCOL table and states the current version', () => {
    const table = DOC.slice(DOC.indexOf('## Client → server'), DOC.indexOf('## Server → client'));
    for (const name of CLIENT_EVENT_NAMES) expect(table, name).toContain(`| \`${name}\` |`);
    expect(DOC).toContain(`Protocol version: **${PROTOCOL_VERSION}**`);
    expect(DOC).toContain(`{ protocol: ${PROTOCOL_VERSION}, role: 'host'`);
    expect(DOC).toContain(`{ protocol: ${PROTOCOL_VERSION}, role: 'player'`);
  });
});

describe('docs/protocol.md: the bot in ten lines', () => {
  it('is at most ten lines of code', () => {
    expect(exampleAfter('## A bot in ten lines').trim().split('\n').length).toBeLessThanOrEqual(10);
  });

  it('joins during an open question and answers it, then answers the next one from its view', async () => {
    const code = exampleAfter('## A bot in ten lines');
    expect(code).toContain("'http://localhost:3000'");
    expect(code).toContain("'123456'");
    const host = await createGame(server, { rounds: [ZIGZAG, ZIGZAG] });
    const [student] = await joinPlayers(server, host.code, 1);
    ok(await host.call('round:start', { round: 0 }));
    await student!.view<PlayerView>(isPhase('question', 0));

    // Inside the repository, so that `socket.io-client` resolves from its node_modules.
    dir = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.bot-'));
    const file = join(dir, 'bot.mjs');
    writeFileSync(
      file,
      code.replace("'http://localhost:3000'", `'${server.url}'`).replace("'123456'", `'${host.code}'`),
    );
    const out: string[] = [];
    bot = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    bot.stdout?.on('data', (chunk: Buffer) => out.push(chunk.toString()));
    bot.stderr?.on('data', (chunk: Buffer) => out.push(chunk.toString()));

    // The question was open before the bot arrived: it answers from the join acknowledgement's view.
    await vi.waitFor(
      () => {
        const q = server.app.rooms.get(host.code)!;
        expect(q.players.map((p) => p.nickname)).toContain('Bot');
        expect(q.phase.kind === 'question' && answerOf(q.phase.answers, 1)?.choice).toBe('zigzag');
      },
      { timeout: 10_000, interval: 50 },
    );
    await vi.waitFor(() => expect(out.join('')).toContain('"ok":true'), { timeout: 5_000 });

    // The next question reaches it as a view.
    ok(await student!.call('answer:submit', { round: 0, choice: 'zigzag' }));
    await host.view<HostView>(isPhase('reveal', 0));
    ok(await host.call('round:start', { round: 1 }));
    await vi.waitFor(
      () => {
        const q = server.app.rooms.get(host.code)!;
        expect(q.phase.kind === 'question' && answerOf(q.phase.answers, 1)?.choice).toBe('zigzag');
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(out.join('')).not.toContain('"ok":false');
  });
});
