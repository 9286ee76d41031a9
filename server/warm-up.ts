// A cluster node's warm-up before it takes games (docs/deploy.md, `WARM_UP_PLAYERS`). A node just
// started runs its code cold: V8 compiles each function on its first call and optimises it only after
// many, so the first class that moves onto it (300 sockets' handshakes and resumes in a third of a
// second, on a rolling deploy) cost it two to four times the CPU the same class costs it a minute
// later (bench:cluster, 6 December 2026: 1.1 s against 0.25 s), and those phones were the slowest to
// move. So before it joins the cluster, the node plays a short game against a private copy of itself:
// memory only, on a loopback port of its own, with real sockets, through the same code. Compiled code
// and type feedback belong to the functions, not to the copy, so the real server starts warm. Nothing
// of the copy is kept: no database, no limit's counters, no port once it is done.
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { createApp } from './app';

export interface WarmUpFigures {
  /** Practice players that joined, resumed and had their answer accepted. */
  players: number;
  /** False when the time ran out first: the node starts only partly warm. */
  complete: boolean;
  ms: number;
}

/**
 * Practice players by default (WARM_UP_PLAYERS): enough calls of each path for V8 to optimise the hot
 * ones. About 1.3 s of CPU, client side included, once per start; 400 made the first class no faster.
 */
export const WARM_UP_PLAYERS = 200;
export const MAX_WARM_UP_PLAYERS = 2_000;
/**
 * The longest a warm-up may delay a start, ms. Alone on its cores it takes about a second; on a
 * machine busy with other work it took 18 s once (bench:cluster at load 8), and a node that long in
 * starting is worse than one partly warm. Past it the node starts with what it has done.
 */
export const WARM_UP_MAX_MS = 5_000;
const BATCH = 50;
/** One prediction: J(θ) = (θ − 1)², α = 0.8, so r = 1.6 and it zig-zags in. */
const PRACTICE_DECK = {
  title: 'Warm-up',
  rounds: [{ cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.8 }],
};

export async function warmUp(players = WARM_UP_PLAYERS, maxMs = WARM_UP_MAX_MS): Promise<WarmUpFigures> {
  const started = performance.now();
  const copy = createApp({ staticDir: null, log: () => undefined });
  const sockets: Socket[] = [];
  let over = false;
  try {
    await new Promise<void>((resolve, reject) => {
      copy.httpServer.once('error', reject);
      copy.httpServer.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = copy.httpServer.address() as AddressInfo;
    const connect = () =>
      new Promise<Socket>((resolve, reject) => {
        // Cut short: the game stops here rather than open sockets to a copy that is closing.
        if (over) return reject(new Error('the warm-up is over'));
        const socket = io(`http://127.0.0.1:${port}`, {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        });
        sockets.push(socket);
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    const ask = async <T = unknown>(socket: Socket, event: string, payload: unknown): Promise<T> => {
      const reply = await socket.timeout(maxMs).emitWithAck(event, payload);
      if (!reply?.ok) throw new Error(`${event}: ${JSON.stringify(reply?.error ?? reply).slice(0, 200)}`);
      return reply as T;
    };
    const inBatches = async (count: number, each: (i: number) => Promise<void>) => {
      for (let from = 0; from < count; from += BATCH)
        await Promise.all(Array.from({ length: Math.min(BATCH, count - from) }, (_, k) => each(from + k)));
    };

    let answered = 0;
    const work = async () => {
      const host = await connect();
      const { code } = await ask<{ code: string }>(host, 'host:create', {
        deck: { source: 'custom', deck: PRACTICE_DECK },
        secondsPerQuestion: 300,
      });
      const secrets: string[] = [];
      await inBatches(players, async (i) => {
        const socket = await connect();
        const joined = await ask<{ playerSecret: string }>(socket, 'player:join', {
          code,
          nickname: `warm ${i}`,
        });
        secrets[i] = joined.playerSecret;
      });
      await ask(host, 'round:start', { round: 0 });
      // The moves of a rolling deploy: every phone's socket dropped, a new one, a resume; then the
      // answers (all resumed first: the round closes once every connected player has answered).
      for (const socket of sockets.splice(1)) socket.disconnect();
      const resumed: Socket[] = [];
      await inBatches(players, async (i) => {
        const socket = await connect();
        await ask(socket, 'player:resume', { code, playerSecret: secrets[i] });
        resumed[i] = socket;
      });
      await inBatches(players, async (i) => {
        await ask(resumed[i]!, 'answer:submit', { round: 0, choice: 'zigzag' });
        answered++;
      });
      // Every player has answered: the round closes and reveals by itself.
    };
    const working = work();
    // Cut short, the game's last requests fail as the copy closes: nobody is waiting for them then.
    working.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const complete = await Promise.race([
      working.then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), maxMs);
      }),
    ]).finally(() => clearTimeout(timer));
    return { players: answered, complete, ms: Math.round(performance.now() - started) };
  } finally {
    over = true;
    for (const socket of sockets) socket.disconnect();
    await copy.close();
  }
}
