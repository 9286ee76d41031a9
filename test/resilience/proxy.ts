// A tiny TCP proxy in front of the server: the school Wi-Fi between one phone and the laptop.
//
// - blackhole(): the network goes silent. Bytes in either direction are dropped, sockets stay open,
//   nothing is closed or reset: neither end learns anything, as when a phone walks out of range.
//   New connections are accepted and go nowhere. With `direction: 'to-client'` only the replies are
//   lost (the request reached the server, its acknowledgement did not).
// - heal(): the network is back. Connections that lost bytes are beyond repair (their streams have
//   holes), so they are reset, as a real stack does once the peers find their state out of sync;
//   new connections go through.
// - reset(): every connection gets a TCP RST now (a Wi-Fi access point rebooting), and so does
//   every new one until heal().
import { createConnection, createServer, type Server, type Socket } from 'node:net';

type Mode = 'forward' | 'blackhole' | 'blackhole-to-client' | 'reset';

interface Pair {
  client: Socket;
  server: Socket | null;
  /** Bytes were dropped: the stream is broken. */
  broken: boolean;
}

export interface TcpProxy {
  url: string;
  port: number;
  blackhole(direction?: 'both' | 'to-client'): void;
  reset(): void;
  heal(): void;
  /** Open client connections. */
  connections(): number;
  close(): Promise<void>;
}

export async function startProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: Mode = 'forward';
  const pairs = new Set<Pair>();

  const destroy = (pair: Pair) => {
    pairs.delete(pair);
    if (!pair.client.destroyed) pair.client.resetAndDestroy();
    if (pair.server && !pair.server.destroyed) pair.server.resetAndDestroy();
  };

  function connectUpstream(pair: Pair) {
    const upstream = createConnection(target);
    pair.server = upstream;
    upstream.on('data', (chunk) => {
      if (mode === 'forward') pair.client.write(chunk);
      else pair.broken = true;
    });
    upstream.on('error', () => destroy(pair));
    upstream.on('close', () => {
      // A close cannot cross a silent network: it is noticed when the network heals.
      if (mode === 'forward') destroy(pair);
      else pair.broken = true;
    });
  }

  const server: Server = createServer((client) => {
    const pair: Pair = { client, server: null, broken: false };
    pairs.add(pair);
    client.on('error', () => destroy(pair));
    if (mode === 'reset') {
      destroy(pair);
      return;
    }
    if (mode === 'forward') connectUpstream(pair);
    else pair.broken = true; // accepted, but it leads nowhere until the network heals
    client.on('data', (chunk) => {
      if (mode === 'forward' && pair.server) pair.server.write(chunk);
      else if (mode === 'blackhole-to-client' && pair.server) pair.server.write(chunk);
      else pair.broken = true;
    });
    client.on('close', () => {
      if (mode === 'forward') destroy(pair);
      else pair.broken = true;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    blackhole(direction = 'both') {
      mode = direction === 'both' ? 'blackhole' : 'blackhole-to-client';
    },
    reset() {
      mode = 'reset';
      for (const pair of [...pairs]) destroy(pair);
    },
    heal() {
      mode = 'forward';
      for (const pair of [...pairs]) if (pair.broken || pair.client.destroyed) destroy(pair);
    },
    connections: () => pairs.size,
    close: async () => {
      for (const pair of [...pairs]) destroy(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
