// Starts Overshoot: `npm start`. Prints the address and a QR code students use to join.
//
// Environment: PORT (3000), HOST (0.0.0.0), PUBLIC_URL (http://<LAN address>:PORT), DATA_DIR
// (./data), DATABASE_URL (none: SQLite in DATA_DIR), ALLOWED_ORIGINS (none), TRUST_PROXY (off). README "Running on a server" explains them;
// the LIMIT_*, QUOTA_*, ROOM_* and ROOMS_* variables are in README "Limits".
import { resolve } from 'node:path';
import QRCode from 'qrcode';
import { createApp } from './app';
import { lanAddress } from './lan';
import { limitsFromEnv } from './limits/config';
import { DatabaseUnavailableError, describeDatabase, openPostgres } from './store/open-postgres';
import { parseAllowedOrigins } from './transport/origin';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const publicUrl = process.env.PUBLIC_URL ?? `http://${lanAddress()}:${port}`;
const dataDir = resolve(process.env.DATA_DIR ?? './data');
const allowed = parseAllowedOrigins(process.env.ALLOWED_ORIGINS);
if (allowed.invalid.length > 0)
  console.warn(`ALLOWED_ORIGINS: ignoring ${allowed.invalid.join(', ')} (expected e.g. https://example.org)`);

const limits = limitsFromEnv(process.env);
for (const problem of limits.invalid) console.warn(`Ignoring ${problem}; using the default.`);

// DATABASE_URL: PostgreSQL holds the games and the library; without it, SQLite in DATA_DIR.
const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
let postgres: Awaited<ReturnType<typeof openPostgres>> | undefined;
if (databaseUrl) {
  try {
    postgres = await openPostgres(databaseUrl, limits.quotas);
  } catch (error) {
    if (!(error instanceof DatabaseUnavailableError)) throw error;
    console.error(
      `${error.message}\nOvershoot did not start. Check DATABASE_URL, or unset it to use SQLite.`,
    );
    process.exit(1);
  }
}
const savedIn = databaseUrl ? `PostgreSQL (${describeDatabase(databaseUrl)})` : dataDir;

const server = createApp({
  publicUrl,
  ...(postgres ? { store: postgres.store, library: postgres.library } : { dataDir }),
  budgets: limits.budgets,
  heldRefusalsMax: limits.heldRefusalsMax,
  quotas: limits.quotas,
  roomLimits: limits.rooms,
  outbox: limits.outbox,
  allowedOrigins: allowed.origins,
  trustProxy: /^(1|true|yes)$/i.test(process.env.TRUST_PROXY ?? ''),
});

server.httpServer.listen(port, host, async () => {
  const qr = await QRCode.toString(publicUrl, { type: 'terminal', small: true });
  const resumed = server.rooms.codes().length;
  console.log(
    [
      '',
      'Overshoot is running.',
      `  Projector (you):   http://localhost:${port}/host`,
      `  Students join at:  ${publicUrl}`,
      `  Games are saved in ${savedIn}${resumed ? ` (${resumed} resumed)` : ''}`,
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
