// The deck editor in the host app, against a real server whose decks live in a real SQLite file:
// the live preview follows α as it is typed, each warning shows for the round it is about, a data
// set pasted as two columns becomes a regression round, the deck is saved and survives a restart,
// a bad file is refused naming its round and field with nothing saved, and an export reads back
// as the same deck.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { formatNumber } from '../../shared/engine/format';
import { targetAlpha } from '../../shared/engine/round-kinds';
import { expectLibraryLayout, expectNoSeriousViolations } from './checks';
import { captureLibrary, downloadedText, instructorApi, startServer, useWorld } from './harness';

const TITLE = 'Week 3: learning rates';
/** Hours of revision and a test score, with a header, semicolons and decimal commas, as pasted. */
const PASTED = 'hours;score\n1;2,1\n2;3,9\n3;6,2\n4;7,8\n5;10,1';
const DATA = { x: [1, 2, 3, 4, 5], y: [2.1, 3.9, 6.2, 7.8, 10.1] };

const world = useWorld({ sqlite: true });

/** The deck as the server holds it, read with this browser's instructor key. */
async function storedDeck(page: Page, id: string): Promise<unknown> {
  const { json } = await instructorApi(page, `/api/decks/${id}`);
  return (json as { deck: unknown }).deck;
}

async function setAlpha(page: Page, alpha: string) {
  await page.getByLabel('Learning rate α').fill(alpha);
}

it('previews rounds as they are typed, warns, saves to SQLite, imports and exports', async () => {
  const page = await world.host();
  await page.getByRole('link', { name: 'My decks' }).click();
  await page.getByText('No decks yet').waitFor();
  await page.getByRole('button', { name: 'New deck' }).click();
  await page.getByRole('heading', { name: 'Round 1' }).waitFor();
  await page.getByLabel('Deck title').fill(TITLE);

  // The live preview follows α: a = 2, so r = 2α.
  const preview = page.locator('.round-preview');
  const explanation = preview.locator('.preview-explanation').first();
  await preview.getByText('α·J″ = 0.25 × 2 = 0.5 is below 1').waitFor();
  expect(await preview.locator('.outcome-tag').textContent()).toBe('Converges directly');
  await setAlpha(page, '0.8');
  await preview.getByText('α·J″ = 0.8 × 2 = 1.6 is between 1 and 2').waitFor();
  expect(await preview.locator('.outcome-tag').textContent()).toBe('Zig-zags in');
  expect(await preview.locator('.warning').count()).toBe(0);

  // Within 10 % of a boundary: r = 1.9 (of 2), then r = 1.04 (of 1).
  await setAlpha(page, '0.95');
  await preview.locator('[data-warning="boundary"]').getByText('within 10 % of 2').waitFor();
  await setAlpha(page, '0.52');
  await preview.locator('[data-warning="boundary"]').getByText('within 10 % of 1').waitFor();
  // Never settles: r = 0.01 leaves 0.99⁴⁰ = 67 % of the distance after the 40 steps drawn.
  await setAlpha(page, '0.005');
  await preview.locator('[data-warning="never-settles"]').getByText('67 %').waitFor();
  expect(await preview.locator('.warning').count()).toBe(1);
  // Off the plot in one step: r = 6 sends θ from 5 to 1 + 4 × (1 − 6) = −19, the plot spans −5.4 to 7.4.
  await setAlpha(page, '3');
  await preview.locator('[data-warning="off-plot"]').waitFor();
  expect(await preview.locator('.outcome-tag').textContent()).toBe('Diverges');
  expectLibraryLayout(await captureLibrary(page, 'editor-preview-warning'));

  // A field the parser refuses shows its error next to that field, and the preview waits.
  await setAlpha(page, 'abc');
  await page.locator('[data-field="alpha"] .field-error').getByText('alpha must be a number').waitFor();
  await preview.getByText('The preview shows once the round is complete').waitFor();
  await setAlpha(page, '0.8');
  await explanation.getByText('= 1.6 is between 1 and 2').waitFor();

  // Round 2: the largest α on a regression, its data pasted as two columns.
  await page.getByRole('button', { name: 'Add a round' }).click();
  await page.getByRole('heading', { name: 'Round 2' }).waitFor();
  await page.getByRole('radio', { name: 'Largest α that still converges' }).check();
  await page.getByLabel('Cost').selectOption('linreg');
  const data = page.getByLabel('Data: x and y as two columns');
  await data.fill(`${PASTED}\n6\tabc`);
  await page
    .locator('[data-field="data"] .field-error')
    .getByText('line 7: “6 abc” is not two numbers')
    .waitFor();
  await data.fill(PASTED);
  await page.getByText('a header line is fine. 5 points.').waitFor();
  await page.getByRole('textbox', { name: 'Start θ₀' }).fill('0');
  await page.getByRole('textbox', { name: 'Start θ₁' }).fill('0');
  const target = targetAlpha({ cost: { kind: 'linreg', ...DATA }, start: [0, 0] });
  await preview
    .getByText(`= ${formatNumber(target, 4)}`)
    .first()
    .waitFor();
  await preview.getByText(`The run at 0.9 α* = ${Number((0.9 * target).toPrecision(3))}`).waitFor();

  // Round 3: which α is fastest? 0.25 and 0.75 give r = 0.5 and 1.5, a mirror pair; 0.4 (r = 0.8)
  // wins in 5 steps against 10.
  await page.getByRole('button', { name: 'Add a round' }).click();
  await page.getByRole('heading', { name: 'Round 3' }).waitFor();
  await page.getByRole('radio', { name: 'Which α is fastest?' }).check();
  await page.getByLabel('Cost').selectOption('quadratic');
  await page.getByRole('textbox', { name: 'Start θ₀' }).fill('5');
  await page.getByLabel('Option A: α').fill('0.25');
  await page.getByLabel('Option B: α').fill('0.75');
  await page.getByLabel('Option C: α').fill('0.4');
  await preview.locator('[data-warning="mirror-pair"]').waitFor();
  await preview.getByText('Fastest: α = 0.4, 5 steps').waitFor();
  expectLibraryLayout(await captureLibrary(page, 'editor-preview-fastest'));
  await expectNoSeriousViolations(page, 'the deck editor');

  // Reordering from the keyboard, copying and deleting.
  const kinds = () => page.locator('.round-text strong').allTextContents();
  expect(await kinds()).toEqual(['Predict', 'Largest α', 'Fastest α']);
  await page.getByRole('button', { name: 'Move round 3 up' }).focus();
  await page.keyboard.press('Enter');
  expect(await kinds()).toEqual(['Predict', 'Fastest α', 'Largest α']);
  await page.getByRole('button', { name: 'Move round 2 down' }).focus();
  await page.keyboard.press('Enter');
  expect(await kinds()).toEqual(['Predict', 'Largest α', 'Fastest α']);
  await page.getByRole('button', { name: 'Duplicate round 1' }).click();
  expect(await kinds()).toEqual(['Predict', 'Predict', 'Largest α', 'Fastest α']);
  await page.getByRole('button', { name: 'Delete round 2' }).click();
  expect(await kinds()).toEqual(['Predict', 'Largest α', 'Fastest α']);

  // Two generated "fastest" rounds, every one of them valid.
  await page.getByText('Add generated rounds').click();
  await page.getByLabel('Kind of rounds').selectOption('fastest');
  await page.getByLabel('How many').selectOption('2');
  await page.getByRole('button', { name: 'Add 2 rounds' }).click();
  expect(await kinds()).toEqual(['Predict', 'Largest α', 'Fastest α', 'Fastest α', 'Fastest α']);
  expect(await page.getByText('needs fixing').count()).toBe(0);

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.save-state').getByText('Saved.').waitFor();
  const id = decodeURIComponent(/#\/decks\/(.+)$/.exec(page.url())?.[1] ?? '');
  expect(id).not.toBe('');
  const saved = await storedDeck(page, id);
  expect(saved).toMatchObject({
    title: TITLE,
    rounds: [
      { cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alpha: 0.8 },
      { type: 'max-alpha', cost: { kind: 'linreg', ...DATA }, start: [0, 0] },
      { type: 'fastest', cost: { kind: 'quadratic', a: 2, c: 1 }, start: [5], alphas: [0.25, 0.75, 0.4] },
      { type: 'fastest' },
      { type: 'fastest' },
    ],
  });

  // Unsaved changes: leaving asks first; staying keeps them, leaving drops them.
  await page.getByLabel('Deck title').fill('Renamed but not saved');
  await page.getByRole('link', { name: 'My decks' }).click();
  await page.getByRole('alertdialog', { name: 'This deck has unsaved changes' }).waitFor();
  await page.getByRole('button', { name: 'Stay here' }).click();
  expect(await page.getByLabel('Deck title').inputValue()).toBe('Renamed but not saved');
  await page.getByRole('link', { name: 'My decks' }).click();
  await page.getByRole('button', { name: 'Leave without saving' }).click();
  await page.getByRole('heading', { name: TITLE }).waitFor();

  // A restart: a new server on the same SQLite file and address. The deck is still there.
  const { port } = world.server;
  await world.server.close();
  world.server = await startServer({ dataDir: world.dataDir!, port });
  await page.reload();
  const card = page.locator('.deck-list .card');
  await card.getByText('5 rounds').waitFor();
  expect(await card.locator('.card-title').allTextContents()).toEqual([TITLE]);
  expectLibraryLayout(await captureLibrary(page, 'decks'));
  await expectNoSeriousViolations(page, 'My decks');
  await page.getByRole('button', { name: `Edit ${TITLE}` }).click();
  await page.getByRole('heading', { name: 'Round 1' }).waitFor();
  await page.getByRole('button', { name: /^2\s*Largest α/ }).click();
  expect(await page.getByLabel('Data: x and y as two columns').inputValue()).toBe(
    DATA.x.map((x, i) => `${x}\t${DATA.y[i]}`).join('\n'),
  );
  await page.getByRole('link', { name: 'My decks' }).click();
  await card.waitFor();

  // Export, and the file reads back as the deck saved.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Export ${TITLE}` }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const exported = JSON.parse(await downloadedText(download)) as {
    rounds: Array<Record<string, unknown>>;
  };
  expect(exported).toEqual(saved);

  // A bad file (round 2's start has one number for a 2-D cost) is refused naming round and field,
  // and nothing is saved: still one deck, unchanged.
  const bad = structuredClone(exported);
  bad.rounds[1]!.start = [0];
  const importer = page.getByLabel('Import a deck file…');
  await importer.setInputFiles({
    name: 'colleague.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  const refusal = page.locator('.import-error');
  await refusal.getByText('Round 2, start: start must have 2 numbers for a linreg cost.').waitFor();
  expect(await refusal.textContent()).toContain('Round 2, field start');
  expect(await refusal.textContent()).toContain('nothing was saved');
  expect(await card.count()).toBe(1);
  expect(await storedDeck(page, id)).toEqual(saved);
  // Not JSON at all: refused too.
  await importer.setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{ oops'),
  });
  await refusal.getByText('That file is not valid JSON.').waitFor();

  // The exported file imports as a second, identical deck.
  await importer.setInputFiles({
    name: 'week-3.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(exported)),
  });
  await page.getByText(`Imported “${TITLE}” (5 rounds).`).waitFor();
  await card.nth(1).waitFor();
  expect(await refusal.count()).toBe(0);
  const { decks } = (await instructorApi(page, '/api/decks')).json as { decks: Array<{ id: string }> };
  const copyId = decks.find((d) => d.id !== id)?.id ?? '';
  expect(await storedDeck(page, copyId)).toEqual(saved);

  // "Your instructor key": the decks belong to the key. Another instructor's key sees none of them;
  // the first key brings them back.
  await page.getByRole('link', { name: 'Your instructor key' }).click();
  const own = await page.getByLabel('Your instructor key').inputValue();
  expect(own).toBe(await page.evaluate(() => localStorage.getItem('overshoot:instructor')));
  expect(own).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expectLibraryLayout(await captureLibrary(page, 'instructor-key'));
  await expectNoSeriousViolations(page, 'the key page');
  const paste = page.getByLabel('Paste a key');
  await paste.fill('too short');
  await page.getByRole('button', { name: 'Use this key' }).click();
  await page.getByText('That is not an instructor key').waitFor();
  await paste.fill('another-instructor-key-0123456789');
  await page.getByRole('button', { name: 'Use this key' }).click();
  await page.getByText('This browser now uses that key').waitFor();
  await page.getByRole('link', { name: 'My decks' }).click();
  await page.getByText('No decks yet').waitFor();
  await page.getByRole('link', { name: 'Your instructor key' }).click();
  await paste.fill(own);
  await page.getByRole('button', { name: 'Use this key' }).click();
  await page.getByRole('link', { name: 'My decks' }).click();
  await card.nth(1).waitFor();
}, 120_000);
