// A student's phone gone rogue, as its own process: joins the game, then sends events as fast as
// the socket takes them, and reconnects at once whenever it is thrown out. Prints what it got.
//
//   node --import tsx test/fuzz/flooder.ts <url> <room code> <seconds>
import { io } from 'socket.io-client';

const [url, code, seconds] = process.argv.slice(2);
if (!url || !code || !seconds) throw new Error('usage: flooder.ts <url> <code> <seconds>');

const stats = { sent: 0, ok: 0, limited: 0, other: 0, disconnects: 0, connects: 0 };
const errors: Record<string, number> = {};
const payload = { round: 0, choice: 'zigzag', padding: 'x'.repeat(8_000) };
let secret: string | null = null;
let stop = false;

const socket = io(url, {
  transports: ['websocket'],
  reconnectionDelay: 0,
  reconnectionDelayMax: 0,
  randomizationFactor: 0,
});
const count = (r: { ok: boolean; error?: string }) => {
  if (r.ok) stats.ok++;
  else if (r.error === 'RATE_LIMITED') stats.limited++;
  else {
    stats.other++;
    errors[r.error ?? '?'] = (errors[r.error ?? '?'] ?? 0) + 1;
  }
};

socket.on('connect', async () => {
  stats.connects++;
  const reply = secret
    ? await socket.emitWithAck('player:resume', { code, playerSecret: secret })
    : await socket.emitWithAck('player:join', { code, nickname: 'Flooder' });
  if (reply.ok && reply.playerSecret) secret = reply.playerSecret;
  while (socket.connected && !stop) {
    for (let i = 0; i < 100; i++) {
      socket.emit('answer:submit', payload, count);
      stats.sent++;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
});
socket.on('disconnect', (reason) => {
  stats.disconnects++;
  // Thrown out: Socket.IO would wait for the app after a server's disconnect; a flooder comes
  // straight back whatever the reason.
  if (reason === 'io server disconnect' && !stop) socket.connect();
});

setTimeout(() => {
  stop = true;
  socket.close();
  process.stdout.write(`${JSON.stringify({ ...stats, errors })}\n`);
  process.exit(0);
}, Number(seconds) * 1000);
process.stdout.write('flooding\n');
