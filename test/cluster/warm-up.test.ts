// A cluster node's warm-up (server/warm-up.ts): a short game against a private, memory-only copy of
// the server, through real sockets, before the node joins the cluster. It must really play (every
// practice player joins, resumes and has an answer accepted, or it says what failed), and leave
// nothing open behind it. That a node runs it before it says it is up: test/deploy/proxy.test.ts.
import { expect, it } from 'vitest';
import { warmUp } from '../../server/warm-up';

const open = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;

it('plays the whole practice game through the server, then closes its copy and every socket', async () => {
  const before = { servers: open('TCPServerWrap'), sockets: open('TCPSocketWrap') };
  const figures = await warmUp(60);
  expect(figures).toMatchObject({ players: 60, complete: true });
  // Sockets close on the next turns of the loop.
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect({ servers: open('TCPServerWrap'), sockets: open('TCPSocketWrap') }).toEqual(before);
});

it('stops at its time limit, says how far it got, and still closes everything', async () => {
  const before = { servers: open('TCPServerWrap'), sockets: open('TCPSocketWrap') };
  const figures = await warmUp(400, 150);
  expect(figures.complete).toBe(false);
  expect(figures.players).toBeLessThan(400);
  expect(figures.ms).toBeLessThan(2_000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect({ servers: open('TCPServerWrap'), sockets: open('TCPSocketWrap') }).toEqual(before);
});

it('says what the copy refused instead of claiming a warm-up it did not do', async () => {
  // No practice player: the copy refuses to start the round, and the warm-up says so.
  await expect(warmUp(0)).rejects.toThrow(/round:start: "NO_PLAYERS"/);
});
