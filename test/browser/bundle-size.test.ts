// The player page must stay light for cheap phones on a school Wi-Fi: at most 30 KB of gzipped
// JavaScript (30,000 bytes, gzip level 9), counted from the production build as the page loads it:
// its entry script, the modules it preloads, and every module those import statically.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { DEFAULT_STATIC_DIR } from '../../server/app';

const PLAYER_JS_BUDGET_BYTES = 30_000;

/** Paths under dist/client of every script index.html loads, following static imports. */
async function playerScripts(): Promise<string[]> {
  const html = await readFile(join(DEFAULT_STATIC_DIR, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\/?([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await readFile(join(DEFAULT_STATIC_DIR, file), 'utf8');
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    // Static imports in minified output: `import"./x.js"` and `from"./x.js"` (not import("…")).
    for (const m of code.matchAll(/(?:\bimport|\bfrom)\s*["'](\.\/[^"']+\.js)["']/g))
      queue.push(dir + m[1]!.slice(2));
  }
  return [...seen];
}

it('the player page loads at most 30 KB of gzipped JavaScript', async () => {
  const files = await playerScripts();
  expect(files.length).toBeGreaterThan(0);
  let total = 0;
  for (const file of files) {
    const bytes = gzipSync(await readFile(join(DEFAULT_STATIC_DIR, file)), { level: 9 }).length;
    console.log(`player page: ${file} ${bytes} bytes gzipped`);
    total += bytes;
  }
  console.log(
    `player page JavaScript: ${total} bytes gzipped (${(total / 1000).toFixed(1)} kB) of ${PLAYER_JS_BUDGET_BYTES}`,
  );
  expect(total).toBeLessThanOrEqual(PLAYER_JS_BUDGET_BYTES);
  // The deck generator, the built-in deck and the lecture's data stay out of the phones' download.
  const code = (await Promise.all(files.map((f) => readFile(join(DEFAULT_STATIC_DIR, f), 'utf8')))).join(
    '\n',
  );
  expect(code).not.toContain('The learning rate: a first class');
  expect(code).not.toContain("The course's worked example");
  // A production build: no Preact debug helpers.
  expect(code).not.toContain('__PREACT_DEVTOOLS__');
});

it('the phone reveal and the α explorer come as one chunk after the first load, not preloaded by the page', async () => {
  const files = await playerScripts();
  const html = await readFile(join(DEFAULT_STATIC_DIR, 'index.html'), 'utf8');
  const code = (await Promise.all(files.map((f) => readFile(join(DEFAULT_STATIC_DIR, f), 'utf8')))).join(
    '\n',
  );
  // The first load names the chunk only in a dynamic import(), which the count above does not follow.
  const lazy = [...code.matchAll(/\bimport\(\s*[`"'](\.\/[^`"']+\.js)[`"']\s*\)/g)].map(
    (m) => `assets/${m[1]!.slice(2)}`,
  );
  expect(lazy).toHaveLength(1);
  const chunk = lazy[0]!;
  expect(chunk).toMatch(/^assets\/reveal-[\w-]+\.js$/);
  expect(files).not.toContain(chunk);
  expect(html).not.toContain(chunk.slice('assets/'.length));
  const raw = await readFile(join(DEFAULT_STATIC_DIR, chunk));
  const bytes = gzipSync(raw, { level: 9 }).length;
  console.log(`player reveal chunk: ${chunk} ${raw.length} bytes, ${bytes} bytes gzipped`);
  expect(await readFile(join(DEFAULT_STATIC_DIR, chunk), 'utf8')).toContain('Try α yourself');
});
