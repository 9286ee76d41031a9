// The player page must stay light for cheap phones on a school Wi-Fi: at most 30 KB of gzipped
// JavaScript (30,000 bytes, gzip level 9), counted from the production build as the page loads it:
// its entry script, the modules it preloads, and every module those import statically. The page is
// built once per language (vite.config.ts), and each language's page must fit.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { DEFAULT_STATIC_DIR } from '../../server/app';
import { LANGUAGES, type Language } from '../../shared/i18n/language';

const PLAYER_JS_BUDGET_BYTES = 30_000;

/** Each language's player page under dist/client. */
const pageOf = (lang: Language) => (lang === 'en' ? 'index.html' : `${lang}/index.html`);

/** Paths under dist/client of every script the player page loads, following static imports. */
const playerScripts = (lang: Language) => scriptsOf(pageOf(lang));

/** Paths under dist/client of every script a page (its html file there) loads, following static imports. */
async function scriptsOf(page: string): Promise<string[]> {
  const html = await readFile(join(DEFAULT_STATIC_DIR, page), 'utf8');
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

it.each(LANGUAGES)('the player page in %s loads at most 30 KB of gzipped JavaScript', async (lang) => {
  const files = await playerScripts(lang);
  expect(files.length).toBeGreaterThan(0);
  let total = 0;
  for (const file of files) {
    const bytes = gzipSync(await readFile(join(DEFAULT_STATIC_DIR, file)), { level: 9 }).length;
    console.log(`player page (${lang}): ${file} ${bytes} bytes gzipped`);
    total += bytes;
  }
  console.log(
    `player page JavaScript (${lang}): ${total} bytes gzipped (${(total / 1000).toFixed(1)} kB) of ${PLAYER_JS_BUDGET_BYTES}`,
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
  // The question's plot draws no run (client/plots/start-plot.tsx): the run's code and words, such
  // as the note where a run leaves the chart, come with the reveal's chunk.
  expect(code).toContain(QUESTION_PLOT[lang]);
  expect(code).not.toContain(OFF_CHART[lang]);
});

/** The question's plot, described for a screen reader; and the note where a run leaves the chart. */
const QUESTION_PLOT: Record<Language, string> = {
  en: 'Contours of J around the minimum',
  fr: 'Lignes de niveau de J',
};
const OFF_CHART: Record<Language, string> = { en: 'is off the chart', fr: 'sort du graphique' };

it.each(LANGUAGES)(
  'the phone reveal and the α explorer (%s) come as one chunk after the first load, not preloaded by the page',
  async (lang) => {
    const files = await playerScripts(lang);
    const html = await readFile(join(DEFAULT_STATIC_DIR, pageOf(lang)), 'utf8');
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
    console.log(`player reveal chunk (${lang}): ${chunk} ${raw.length} bytes, ${bytes} bytes gzipped`);
    expect(await readFile(join(DEFAULT_STATIC_DIR, chunk), 'utf8')).toContain(TRY_ALPHA[lang]);
  },
);

/** The explorer's title in each language: proof that each page's chunk is in its own language. */
const TRY_ALPHA: Record<Language, string> = { en: 'Try α yourself', fr: 'Essayez α vous-même' };

it('each language page is its own build: the French page holds French words and no English ones', async () => {
  const code = async (lang: Language) =>
    (
      await Promise.all((await playerScripts(lang)).map((f) => readFile(join(DEFAULT_STATIC_DIR, f), 'utf8')))
    ).join('\n');
  const [en, fr] = [await code('en'), await code('fr')];
  expect(en).toContain('What does gradient descent do?');
  expect(en).not.toContain('Que fait la descente de gradient');
  expect(fr).toContain('Que fait la descente de gradient');
  expect(fr).not.toContain('What does gradient descent do?');
  expect(await readFile(join(DEFAULT_STATIC_DIR, pageOf('fr')), 'utf8')).toContain('<html lang="fr">');
});

/**
 * The homework page (client/homework) reuses the player's screens, reveal and explorer in one script
 * of its own, built once per language like the player page. It has no budget of the live page's
 * kind (a student opens it once, at home), yet must stay near the player's size: 32 KB gzipped.
 */
const HOMEWORK_JS_CEILING_BYTES = 32_000;
const homeworkPage = (lang: Language) => (lang === 'en' ? 'homework.html' : `${lang}/homework.html`);

it.each(LANGUAGES)(
  'the homework page in %s loads at most 32 KB of gzipped JavaScript, in its language',
  async (lang) => {
    const files = await scriptsOf(homeworkPage(lang));
    expect(files.length).toBeGreaterThan(0);
    let total = 0;
    for (const file of files)
      total += gzipSync(await readFile(join(DEFAULT_STATIC_DIR, file)), { level: 9 }).length;
    console.log(
      `homework page JavaScript (${lang}): ${total} bytes gzipped (${(total / 1000).toFixed(1)} kB)`,
    );
    expect(total).toBeLessThanOrEqual(HOMEWORK_JS_CEILING_BYTES);
    const code = (await Promise.all(files.map((f) => readFile(join(DEFAULT_STATIC_DIR, f), 'utf8')))).join(
      '\n',
    );
    const [own, other] =
      lang === 'fr' ? ['Voir mes résultats', 'See my results'] : ['See my results', 'Voir mes résultats'];
    expect(code).toContain(own);
    expect(code).not.toContain(other);
    expect(await readFile(join(DEFAULT_STATIC_DIR, homeworkPage(lang)), 'utf8')).toContain(
      `<html lang="${lang}">`,
    );
  },
);
