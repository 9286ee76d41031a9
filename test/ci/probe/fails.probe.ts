// Run only by test/ci/exit-code.test.ts, through test/ci/probe.config.ts: a test that fails on purpose.
import { expect, it } from 'vitest';

it('fails on purpose', () => {
  expect(1 + 1).toBe(3);
});
