// The project's vitest settings with its global setups (the browser build, the throwaway PostgreSQL),
// running only the probe that fails on purpose: test/ci/exit-code.test.ts checks the exit code.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../../vite.config';

export default mergeConfig(base, defineConfig({ test: { include: ['test/ci/probe/*.probe.ts'] } }), false);
