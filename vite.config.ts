import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./client'),
  plugins: [preact()],
  build: {
    outDir: here('./dist/client'),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        player: here('./client/index.html'),
        host: here('./client/host.html'),
      },
    },
  },
  test: {
    root: here('.'),
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // One file at a time: the machine has two cores, and the browser, fault and load tests measure
    // real processes that must not fight each other for them.
    fileParallelism: false,
  },
});
