// The project's vitest settings with its global setups (the browser build, the throwaway PostgreSQL),
// running only the probe that fails on purpose: test/ci/exit-code.test.ts checks the exit code.
import { defineConfig } from 'vitest/config';
import base, { SERIAL_PROJECT } from '../../vite.config';

const { projects: _, ...test } = base.test ?? {};

export default defineConfig({
  ...base,
  test: {
    ...test,
    ...SERIAL_PROJECT,
    include: ['test/ci/probe/*.probe.ts'],
    exclude: [],
  },
});
