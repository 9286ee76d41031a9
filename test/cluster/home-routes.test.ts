// The two home routes (docs/api.md, "Game homes") of a single process, in-process on port 0: a
// game's home is this process at /socket.io; no such game is 404; a code that is not one is 400.
// On a cluster the failover tests use them for every re-homing (test/cluster/failover.test.ts).
import { afterEach, expect, it } from 'vitest';
import { createGame } from '../helpers/game';
import { closeAllClients, startServer, type TestServer } from '../helpers/server';

let server: TestServer | null = null;
afterEach(async () => {
  closeAllClients();
  await server?.close();
  server = null;
});

it('a single process names itself at /socket.io; an unknown code is 404, a malformed one 400', async () => {
  server = await startServer();
  const host = await createGame(server);
  const get = async (path: string) => {
    const res = await fetch(`${server!.url}${path}`);
    return { status: res.status, body: await res.json() };
  };
  expect(await get(`/api/rooms/${host.code}/home`)).toEqual({
    status: 200,
    body: { node: null, path: '/socket.io' },
  });
  expect(await get('/api/home')).toEqual({ status: 200, body: { node: null, path: '/socket.io' } });
  const unknown = host.code === '999999' ? '999998' : '999999';
  expect(await get(`/api/rooms/${unknown}/home`)).toEqual({
    status: 404,
    body: {
      error: { code: 'ROOM_NOT_FOUND', message: 'No game has that code. Check the code on the projector.' },
    },
  });
  expect(await get('/api/rooms/12ab/home')).toEqual({
    status: 400,
    body: { error: { code: 'BAD_PAYLOAD', message: 'A game code is six digits.' } },
  });
});
