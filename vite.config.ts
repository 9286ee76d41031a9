import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { configDefaults, defineConfig } from 'vitest/config';

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

/** The player page's languages besides English, each built into dist/client/<lang>/index.html. */
const PLAYER_LANGUAGES = ['fr'] as const;
const playerEnvironment = (lang: string) => `client_${lang}`;
/** The homework page is built once per language too, the same way: dist/client/<lang>/homework.html. */
const homeworkEnvironment = (lang: string) => `homework_${lang}`;
/** The language an environment's build speaks, when it is not English. */
const languageOf = (environment: string) =>
  PLAYER_LANGUAGES.find(
    (l) => environment === playerEnvironment(l) || environment === homeworkEnvironment(l),
  );

/**
 * One player build per language (shared/i18n): in the `client_fr` environment every import of an
 * English catalog (shared/i18n/en/…) loads the French one (shared/i18n/fr/…) instead, so the phone's
 * first load holds one language and looks strings up as plain properties. The English page stays
 * dist/client/index.html; the French one is written to dist/client/fr/index.html with its own
 * hashed scripts under the same assets/ folder, and the server picks one (server/app.ts).
 */
/**
 * The phone's one lazy chunk has no CSS and no dependencies to preload, yet Vite wraps every dynamic
 * import in its preload helper even with modulePreload off (vitejs/vite#18551): about 0.5 KB gzipped
 * of the player page's 30 KB. Calling the import directly leaves the helper unused, and the minifier
 * drops it. The apps listen for no `vite:preloadError`: a failed load is handled where it is asked.
 */
function noPreloadHelper(): Plugin {
  return {
    name: 'overshoot-no-preload-helper',
    enforce: 'post',
    renderChunk(code) {
      if (!code.includes('__vitePreload(')) return null;
      return {
        code: `const __overshootLoad = (load) => load();\n${code.replaceAll('__vitePreload(', '__overshootLoad(')}`,
        map: null,
      };
    },
  };
}

function playerLanguages(): Plugin {
  const catalogs = here('./shared/i18n/');
  return {
    name: 'overshoot-player-languages',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const lang = languageOf(this.environment.name);
      if (lang === undefined || !source.includes('i18n/en/')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved?.id.startsWith(`${catalogs}en/`)) return resolved;
      return { ...resolved, id: `${catalogs}${lang}/${resolved.id.slice(`${catalogs}en/`.length)}` };
    },
  };
}

/**
 * The unit tests: the engine, the rooms, the catalogs, the reports and the client's models, the
 * SQLite store's own tests, the limits' pure parts, and a restart of the rooms over a SQLite file in
 * one process. They start no server, browser or process, so they run side by side.
 */
const UNIT_TESTS = [
  'test/architecture.test.ts',
  'test/engine/**/*.test.ts',
  'test/room/**/*.test.ts',
  'test/i18n/**/*.test.ts',
  'test/kinds/**/*.test.ts',
  'test/reports/**/*.test.ts',
  'test/client/!(stale-view).test.ts',
  'test/store/{checkpoint,old-rows,retention,rooms-sqlite,twin}.test.ts',
  'test/abuse/{budgets,json-shape,library-quotas}.test.ts',
  'test/resilience/downtime.test.ts',
];

/**
 * Tests of the whole server in this process (a real server on port 0, real sockets, a manual clock or
 * a SQLite file of their own) that time nothing and need neither the apps' build nor PostgreSQL: they
 * run two at a time beside the unit tests, each file in a fresh process as in the serial group.
 */
const PARALLEL_TESTS = [
  'test/api/{decks,reports,gradebook,warmup}.test.ts',
  'test/integration/{peer,eviction,twin,game,peer-report,protocol-doc,big-resume,confidence,kick,one-write,clean-stop,held-thresholds,lesson-deck}.test.ts',
];

/**
 * Every other test, one file at a time (their own group, after the unit tests): the machine has two
 * cores, and the browser, fault and load tests measure real processes that must not fight each other
 * for them. Builds the apps once when browser tests run and starts the run's Chromium
 * (test/browser/global-setup.ts); starts a throwaway PostgreSQL for the PostgreSQL stores' tests
 * unless DATABASE_URL names one.
 */
export const SERIAL_PROJECT = {
  name: 'serial',
  include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
  exclude: [...configDefaults.exclude, ...UNIT_TESTS, ...PARALLEL_TESTS],
  globalSetup: ['test/browser/global-setup.ts', 'test/postgres/global-setup.mts'],
  fileParallelism: false,
  sequence: { groupOrder: 1 },
};

export default defineConfig({
  root: here('./client'),
  // Every text file of the build gets a .br (brotli, quality 11) and a .gz (gzip, level 9) beside it,
  // made once here rather than on each request; server/app.ts serves the one the browser accepts.
  plugins: [
    playerLanguages(),
    noPreloadHelper(),
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
    // The same player page with another language's catalogs (playerLanguages above).
    ...Object.fromEntries(
      PLAYER_LANGUAGES.map((lang) => [
        playerEnvironment(lang),
        {
          consumer: 'client' as const,
          build: {
            emptyOutDir: false,
            rollupOptions: { input: { player: here(`./client/${lang}/index.html`) } },
          },
        },
      ]),
    ),
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
    // The same homework page with another language's catalogs (playerLanguages above).
    ...Object.fromEntries(
      PLAYER_LANGUAGES.map((lang) => [
        homeworkEnvironment(lang),
        {
          consumer: 'client' as const,
          build: {
            emptyOutDir: false,
            rollupOptions: { input: { homework: here(`./client/${lang}/homework.html`) } },
          },
        },
      ]),
    ),
  },
  builder: {},
  test: {
    root: here('.'),
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: UNIT_TESTS,
          // Pure code, in memory or in a file of its own: nothing here measures a process or listens on
          // a port, so the files share the two cores, and they run before the others. They also share
          // their workers (no fresh process and module graph per file, which took most of their time:
          // the 52 files of engine, room, i18n, kinds, reports, client and store ran in 18-28 s rather
          // than 55-60 s): whatever a file stubs or fakes, it restores.
          maxWorkers: 2,
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'parallel', include: PARALLEL_TESTS, maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      { extends: true, test: SERIAL_PROJECT },
    ],
  },
});
