// Starts Overshoot: `npm start`. Prints the address and a QR code students use to join.
import QRCode from 'qrcode';
import { createApp } from './app';
import { lanAddress } from './lan';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const publicUrl = process.env.PUBLIC_URL ?? `http://${lanAddress()}:${port}`;

const server = createApp({ publicUrl });

server.httpServer.listen(port, host, async () => {
  const qr = await QRCode.toString(publicUrl, { type: 'terminal', small: true });
  console.log(
    [
      '',
      'Overshoot is running.',
      `  Projector (you):   http://localhost:${port}/host`,
      `  Students join at:  ${publicUrl}`,
      '',
      qr,
    ].join('\n'),
  );
});

server.httpServer.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') {
    console.error(`Port ${port} is already in use. Start with another port, e.g. PORT=3001 npm start`);
    process.exit(1);
  }
  throw error;
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
