// How the built apps go over the wire: each file the build compressed (a .br and a .gz beside it) is
// sent in the encoding the request's Accept-Encoding allows, brotli first, with Vary: Accept-Encoding,
// the plain file's Content-Type and the same caching and security headers as the plain file. Against
// a small folder laid out as `vite build` lays out dist/client, so no build is needed; the browser
// test (test/browser/pages.test.ts) measures the real build in Chromium.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../server/app';
import { startServer, type TestServer } from '../helpers/server';

const PAGE = `<!doctype html><html><head><title>Overshoot</title></head><body>${'<p>a page</p>'.repeat(40)}</body></html>`;
const HOST_PAGE = PAGE.replace('Overshoot', 'Overshoot host');
const SCRIPT = `console.log(${JSON.stringify('the player app '.repeat(200))});`;
const STYLE = `body { color: #111; }\n${'.x { margin: 0; }\n'.repeat(100)}`;
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">${'<path d="M0 0h1"/>'.repeat(20)}</svg>`;

let dir: string;
let server: TestServer;

function writeWithCompressed(path: string, text: string) {
  writeFileSync(path, text);
  writeFileSync(`${path}.br`, brotliCompressSync(text));
  writeFileSync(`${path}.gz`, gzipSync(text));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'overshoot-static-'));
  mkdirSync(join(dir, 'assets'));
  writeWithCompressed(join(dir, 'index.html'), PAGE);
  writeWithCompressed(join(dir, 'host.html'), HOST_PAGE);
  writeWithCompressed(join(dir, 'favicon.svg'), ICON);
  writeWithCompressed(join(dir, 'assets', 'player-abc123.js'), SCRIPT);
  writeWithCompressed(join(dir, 'assets', 'player-abc123.css'), STYLE);
  // A file the build left uncompressed (compressing it would not have made it smaller).
  writeFileSync(join(dir, 'assets', 'tiny-abc123.js'), 'x()');
  server = await startServer({ staticDir: dir });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET that leaves the body as sent (fetch would decode it), with only the headers given. */
function get(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(raw: Raw): string {
  const encoding = raw.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(raw.body).toString();
  if (encoding === 'gzip') return gunzipSync(raw.body).toString();
  expect(encoding).toBeUndefined();
  return raw.body.toString();
}

const CASES = [
  { path: '/', text: PAGE, type: 'text/html', cache: 'no-cache' },
  { path: '/join/123456', text: PAGE, type: 'text/html', cache: 'no-cache' },
  { path: '/host', text: HOST_PAGE, type: 'text/html', cache: 'no-cache' },
  { path: '/favicon.svg', text: ICON, type: 'image/svg+xml', cache: 'no-cache' },
  {
    path: '/assets/player-abc123.js',
    text: SCRIPT,
    type: 'text/javascript',
    cache: 'public, max-age=31536000, immutable',
  },
  {
    path: '/assets/player-abc123.css',
    text: STYLE,
    type: 'text/css',
    cache: 'public, max-age=31536000, immutable',
  },
];

describe('the built apps are sent precompressed', () => {
  it.each(CASES)(
    '$path: brotli, gzip or plain as Accept-Encoding says, same type, caching and headers',
    async ({ path, text, type, cache }) => {
      for (const [accept, encoding] of [
        ['gzip, deflate, br, zstd', 'br'],
        ['br;q=1.0, gzip;q=0.8', 'br'],
        ['gzip, deflate', 'gzip'],
        ['identity', undefined],
        [undefined, undefined],
      ] as const) {
        const raw = await get(path, accept === undefined ? {} : { 'accept-encoding': accept });
        const what = `${path} with Accept-Encoding ${accept ?? '(none)'}`;
        expect(raw.status, what).toBe(200);
        expect(raw.headers['content-encoding'], what).toBe(encoding);
        expect(raw.headers.vary, what).toBe('Accept-Encoding');
        expect(String(raw.headers['content-type']).split(';')[0], what).toBe(type);
        expect(raw.headers['cache-control'], what).toBe(cache);
        expect(raw.headers['content-security-policy'], what).toBe(
          SECURITY_HEADERS['Content-Security-Policy'],
        );
        expect(raw.headers['x-content-type-options'], what).toBe('nosniff');
        expect(Number(raw.headers['content-length']), what).toBe(raw.body.length);
        if (encoding) expect(raw.body.length, what).toBeLessThan(Buffer.byteLength(text));
        expect(decode(raw), what).toBe(text);
      }
    },
  );

  it('a file the build left uncompressed goes plain, with the same caching', async () => {
    const raw = await get('/assets/tiny-abc123.js', { 'accept-encoding': 'gzip, br' });
    expect(raw.status).toBe(200);
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(raw.body.toString()).toBe('x()');
  });

  it('a missing file is a 404, compressed or not', async () => {
    for (const path of ['/assets/gone-abc123.js', '/nothing.svg'])
      expect((await get(path, { 'accept-encoding': 'br, gzip' })).status, path).toBe(404);
  });
});
