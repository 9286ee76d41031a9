import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The apps connect with WebSocket, else long polling (client/net/connection.ts), never WebTransport,
 * which the server does not offer: engine.io-client's WebTransport transport (about 0.5 KB gzipped of
 * the player page's 30 KB budget) is left out of its table of transports.
 */
const withoutWebTransport: Plugin = {
  name: 'overshoot-without-webtransport',
  transform(code, id) {
    if (!id.replaceAll('\\', '/').endsWith('engine.io-client/build/esm/transports/index.js')) return null;
    const trimmed = code.replace(/^import \{ WT \} from .*$/m, '').replace(/^\s*webtransport: WT,$/m, '');
    if (trimmed.includes('WT'))
      throw new Error('engine.io-client changed its transports table: see vite.config.ts');
    return trimmed;
  },
};

export default defineConfig({
  root: here('./client'),
  // Every text file of the build gets a .br (brotli, quality 11) and a .gz (gzip, level 9) beside it,
  // made once here rather than on each request; server/app.ts serves the one the browser accepts.
  plugins: [
    preact(),
    withoutWebTransport,
    compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' }),
  ],
  build: {
    outDir: here('./dist/client'),
    // No preload helper: each page's first load is one script, and the phone's one lazy chunk (the
    // reveal's plots and the α explorer, client/player/explorer) needs nothing but what that script
    // already holds, so the helper (about 0.5 KB gzipped, with a polyfill more) would preload nothing
    // while costing the player page bytes it counts (at most 30 KB gzipped, test/browser/bundle-size).
    modulePreload: false,
  },
  // The pages are built separately, the player page first (it empties the output folder): a
  // shared chunk would split the player's JavaScript in two files, which gzip less well, and the
  // player page has a budget of 30 KB. `builder` makes `vite build` build both.
  environments: {
    client: {
      build: { emptyOutDir: true, rollupOptions: { input: { player: here('./client/index.html') } } },
    },
    host: {
      consumer: 'client',
      build: { emptyOutDir: false, rollupOptions: { input: { host: here('./client/host.html') } } },
    },
    // The homework page (client/homework) reuses the player's screens in a bundle of its own, so the
    // live player page's budget is untouched.
    homework: {
      consumer: 'client',
      build: { emptyOutDir: false, rollupOptions: { input: { homework: here('./client/homework.html') } } },
    },
  },
  builder: {},
  test: {
    root: here('.'),
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Builds the apps once when browser tests run (test/browser/global-setup.ts); starts a throwaway
    // PostgreSQL for the PostgreSQL stores' tests unless DATABASE_URL names one.
    globalSetup: ['test/browser/global-setup.ts', 'test/postgres/global-setup.mts'],
    // One file at a time: the machine has two cores, and the browser, fault and load tests measure
    // real processes that must not fight each other for them.
    fileParallelism: false,
  },
});
