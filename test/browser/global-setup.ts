// Finds Chromium (installing Debian's where it can, as .ci/run does), builds the production apps once
// before the browser tests, which load them from dist/client as a class would, and starts the one
// Chromium they all connect to. Skipped when the
// run is filtered to other tests (a unit-test run should not pay for a build): Vitest keeps the command line's file filters on `filenamePattern`, which is not a
// public API, so when it is missing the build runs anyway.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createBuilder } from 'vite';
import type { TestProject } from 'vitest/node';
import {
  APT_PACKAGE,
  CHROMIUM_ARGS,
  type Finding,
  findChromium,
  missingChromiumMessage,
  thisMachine,
} from './find-chromium';

const CONFIG = fileURLToPath(new URL('../../vite.config.ts', import.meta.url));

function filters(project: TestProject): string[] {
  return (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern ?? [];
}

const wantsBrowserTests = (project: TestProject) =>
  filters(project).length === 0 || filters(project).some((p) => /browser/.test(p));

/** The test outside test/browser that launches Chromium too. */
const SECURITY_TEST = 'test/resilience/security.test.ts';

/** A filter (a part of a file's path) that keeps the security test in the run. */
const wantsSecurityTest = (project: TestProject) =>
  filters(project).some((p) => SECURITY_TEST.includes(p.replace(/^\.\//, '')) || p.includes('security'));

function installChromium(commands: string[][]): Exclude<Finding, { kind: 'installable' }> {
  console.log(
    `browser tests: no Chromium found; installing Debian's ${APT_PACKAGE} with apt-get, as .ci/run does`,
  );
  for (const [command, ...args] of commands) {
    if (command === undefined) continue;
    const run = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status !== 0) break;
  }
  const after = findChromium(thisMachine());
  if (after.kind === 'found') return after;
  return {
    kind: 'missing',
    message: missingChromiumMessage(`No Chromium or Chrome found, and apt-get install ${APT_PACKAGE} failed`),
  };
}

/**
 * Stops the run before any suite when no Chromium can be had, with one line that says what to do:
 * an Error would come with a stack trace and the path of this file, which say nothing to someone
 * who only lacks a browser.
 */
function ensureChromium(): void {
  const first = findChromium(thisMachine());
  const finding = first.kind === 'installable' ? installChromium(first.commands) : first;
  if (finding.kind === 'missing') {
    console.error(finding.message);
    process.exit(1);
  }
  // The test files look again (test/browser/harness.ts); this spares them the search.
  process.env.CHROMIUM_PATH = finding.path;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's Chromium, for the browser tests to connect to (test/browser/harness.ts); '' if none. */
    chromiumEndpoint: string;
    /** dist/client holds this run's production build. */
    appsBuilt: boolean;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  project.provide('chromiumEndpoint', '');
  project.provide('appsBuilt', false);
  // The security test loads the built apps in Chromium too: it gets the same build and browser.
  if (!wantsBrowserTests(project) && !wantsSecurityTest(project)) return undefined;
  ensureChromium();
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
  project.provide('appsBuilt', true);
  // One Chromium for the whole run: each file connects to it and opens contexts of its own.
  const browser = await chromium.launchServer({
    executablePath: process.env.CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  project.provide('chromiumEndpoint', browser.wsEndpoint());
  return () => browser.close();
}
