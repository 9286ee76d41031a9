// Builds the production apps once before the browser tests, which load them from dist/client as a
// class would. Skipped when the run is filtered to other tests (a unit-test run should not pay for
// a build): Vitest keeps the command line's file filters on `filenamePattern`, which is not a
// public API, so when it is missing the build runs anyway.
import { fileURLToPath } from 'node:url';
import { createBuilder } from 'vite';
import type { TestProject } from 'vitest/node';

const CONFIG = fileURLToPath(new URL('../../vite.config.ts', import.meta.url));

function wantsBrowserTests(project: TestProject): boolean {
  const patterns = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  if (!patterns || patterns.length === 0) return true;
  return patterns.some((p) => /browser/.test(p));
}

export default async function setup(project: TestProject): Promise<void> {
  if (!wantsBrowserTests(project)) return;
  const started = Date.now();
  // Vitest sets NODE_ENV=test, which would make the build a development one (Preact's debug
  // helpers included): the tests must load exactly what `npm start` serves.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const builder = await createBuilder({ configFile: CONFIG, logLevel: 'warn', mode: 'production' });
    await builder.buildApp();
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  console.log(`browser tests: production build in ${Date.now() - started} ms`);
}
