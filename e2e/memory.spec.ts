import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext } from '@playwright/test';
import { apiAs, expect, test } from './fixtures';
import {
  activateRow,
  contentDir,
  diskRowAt,
  openEditor,
  readSeedDocumentJson,
  resetDocument,
  rowAt,
  rowEditor,
  SEED_SLUG,
  targetText,
  typeInRow,
  uniqueSlug,
  waitForRowSaved,
  revOf,
  type BilingualDocument,
} from './helpers';

test.use({ viewport: { width: 1400, height: 900 } });

const SEED_MEMORY = path.resolve(import.meta.dirname, '..', 'content', 'memory.json');
const TMX_FIXTURES = path.resolve(import.meta.dirname, '..', 'lib', 'model', 'fixtures', 'tmx');

function memoryFile(): string {
  return path.join(contentDir(), 'memory.json');
}

/** Puts the seed memory back, with a fresh mtime (the server caches the file by mtime and size). */
function resetMemory(): void {
  fs.copyFileSync(SEED_MEMORY, memoryFile());
  const now = new Date();
  fs.utimesSync(memoryFile(), now, now);
}

function sourceText(doc: BilingualDocument, n: number): string {
  return doc.rows[n - 1]!.source.map((b) => b.text).join('\n');
}

/**
 * A new document whose paragraphs repeat two translated seed paragraphs with one word changed each: row 2 is the
 * seed's row 2 with بارز (notable) → لافت (striking), row 3 the seed's row 6 with الوزير → الجنرال.
 */
async function createNearCopy(request: APIRequestContext): Promise<{ slug: string; seed: BilingualDocument }> {
  const seed = readSeedDocumentJson<BilingualDocument>(SEED_SLUG);
  const second = sourceText(seed, 2);
  const sixth = sourceText(seed, 6);
  expect(second).toContain('دبلوماسي بارز');
  expect(sixth).toContain('أعرب الوزير');
  const text = ['تقرير للتجربة', second.replace('دبلوماسي بارز', 'دبلوماسي لافت'), sixth.replace('أعرب الوزير', 'أعرب الجنرال')].join('\n\n');
  const slug = uniqueSlug('memory');
  const response = await request.post('/api/documents', { data: { text, slug } });
  expect(response.status(), await response.text()).toBe(201);
  return { slug, seed };
}

test.beforeEach(() => {
  resetDocument(SEED_SLUG);
  resetMemory();
});

test('a row close to a translated paragraph shows the match with its difference; Ctrl+1 and a click insert it, and it is saved', async ({ page, request }) => {
  const { slug, seed } = await createNearCopy(request);
  const english2 = targetText(seed.rows[1]!.target);
  const english6 = targetText(seed.rows[5]!.target);
  await openEditor(page, slug);

  const row = rowAt(page, 2);
  await activateRow(row);
  const panel = row.getByTestId('tm-panel');
  await expect(panel).toHaveAttribute('data-state', 'ready');
  const match = panel.getByTestId('tm-match').first();
  const score = Number(await match.getAttribute('data-score'));
  expect(score).toBeGreaterThanOrEqual(70);
  expect(score).toBeLessThan(100);
  await expect(match.getByTestId('tm-score')).toHaveText(`${score}%`);
  // The changed word is marked both ways, with a line as well as a colour.
  await expect(match.locator('del[data-kind="removed"]')).toContainText('بارز');
  await expect(match.locator('ins[data-kind="added"]')).toContainText('لافت');
  expect(await match.locator('del').evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('line-through');
  await expect(match.getByTestId('tm-target')).toHaveText(english2);

  // Ctrl+1 puts the English into the empty row, as one undoable step that saves like typing.
  const rev = await revOf(row);
  await rowEditor(row).press('ControlOrMeta+1');
  await expect(rowEditor(row)).toHaveText(english2);
  await waitForRowSaved(page, row, rev);
  expect(targetText(diskRowAt(slug, 2).target)).toBe(english2);
  await rowEditor(row).press('ControlOrMeta+z');
  await expect(rowEditor(row)).toHaveText('');
  await rowEditor(row).press('ControlOrMeta+Shift+z');
  await expect(rowEditor(row)).toHaveText(english2);

  // A click on a match's button inserts too (row 3, a near copy of the seed's row 6).
  const third = rowAt(page, 3);
  await activateRow(third);
  const thirdMatch = third.getByTestId('tm-match').first();
  await expect(thirdMatch.locator('ins[data-kind="added"]')).toContainText('الجنرال');
  const rev3 = await revOf(third);
  await thirdMatch.getByTestId('tm-insert').click();
  await expect(rowEditor(third)).toHaveText(english6);
  await expect(rowEditor(third)).toBeFocused();
  await waitForRowSaved(page, third, rev3);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-editor-ready', 'true');
  await expect(rowAt(page, 2).getByTestId('target-cell')).toHaveText(english2);
  await expect(rowAt(page, 3).getByTestId('target-cell')).toHaveText(english6);
});

for (const locale of ['en', 'ar'] as const) {
  test(`axe finds no violations in the memory panel and dialog (/${locale})`, async ({ page, request }) => {
    const { slug } = await createNearCopy(request);
    await openEditor(page, slug, locale);
    const row = rowAt(page, 2);
    await activateRow(row);
    await expect(row.getByTestId('tm-match')).not.toHaveCount(0);
    const panel = await new AxeBuilder({ page }).include('[data-testid="tm-panel"]').analyze();
    expect(panel.violations).toEqual([]);
    await page.getByTestId('tm-open').click();
    const dialog = page.getByTestId('tm-dialog');
    await dialog.getByTestId('tm-search').fill('حفتر');
    await dialog.getByTestId('tm-search').press('Enter');
    await expect(dialog.getByTestId('tm-hit')).not.toHaveCount(0);
    const results = await new AxeBuilder({ page }).include('[data-testid="tm-dialog"]').analyze();
    expect(results.violations).toEqual([]);
  });
}

test('a row with nothing close in the memory says so, and the row’s own translation is not offered to itself', async ({ page }) => {
  await openEditor(page, SEED_SLUG);
  // Row 4 ("A Meeting with the Russian Defence Minister") is in the memory, from this very row.
  const row = rowAt(page, 4);
  await activateRow(row);
  await expect(row.getByTestId('tm-panel')).toHaveAttribute('data-state', 'ready');
  await expect(row.getByTestId('tm-none')).toBeVisible();
  await expect(row.getByTestId('tm-match')).toHaveCount(0);
});

test('marking a row translated feeds the memory: the concordance finds it, and a matching text gets it at 100%', async ({ page, request }) => {
  const seed = readSeedDocumentJson<BilingualDocument>(SEED_SLUG);
  const arabic = sourceText(seed, 12);
  expect(seed.rows[11]!.status).toBe('untranslated');
  await openEditor(page, SEED_SLUG);
  const row = rowAt(page, 12);
  const english = 'Agreements to explore for oil and gas in the Libyan territorial waters off the western coast (zanzibarite)';
  await typeInRow(page, row, english);
  await rowEditor(row).press('ControlOrMeta+Enter');
  await expect(row).toHaveAttribute('data-status', 'translated');
  await expect.poll(() => diskRowAt(SEED_SLUG, 12).status).toBe('translated');

  await expect
    .poll(async () => (await (await request.get('/api/memory/concordance?q=zanzibarite')).json()).total, { message: 'the memory has the row' })
    .toBe(1);
  const exact = await (await request.get(`/api/memory/matches?${new URLSearchParams({ q: arabic })}`)).json();
  expect(exact.matches[0]).toMatchObject({ score: 1, entry: { target: english, origin: { slug: SEED_SLUG, rowId: seed.rows[11]!.id } } });

  // The concordance dialog finds the Arabic word in the row's original, marked.
  await page.getByTestId('tm-open').click();
  const dialog = page.getByTestId('tm-dialog');
  await dialog.getByTestId('tm-search').fill('للتنقيب');
  await dialog.getByTestId('tm-search').press('Enter');
  await expect(dialog.getByTestId('tm-search-count')).toContainText('1');
  await expect(dialog.getByTestId('tm-hit')).toHaveCount(1);
  await expect(dialog.getByTestId('tm-hit').locator('mark')).toHaveText('للتنقيب');
  await expect(dialog.getByTestId('tm-hit')).toContainText('zanzibarite');
});

test('TMX: export and import round-trip through the API; units from another tool are added; roles are checked', async ({ request, playwright }) => {
  const exported = await request.get('/api/memory/export');
  expect(exported.status()).toBe(200);
  expect(exported.headers()['content-disposition']).toBe('attachment; filename="translation-memory.tmx"');
  expect(exported.headers()['content-type']).toMatch(/^application\/x-tmx\+xml/);
  const xml = await exported.text();
  expect(xml).toContain('<tmx version="1.4">');
  expect(xml).toContain('srclang="ar"');
  const seedMemory = JSON.parse(fs.readFileSync(SEED_MEMORY, 'utf8')) as { entries: unknown[] };
  expect(xml.match(/<tu /g)).toHaveLength(seedMemory.entries.length);

  const before = fs.readFileSync(memoryFile(), 'utf8');
  const again = await request.post('/api/memory/import', { headers: { 'content-type': 'application/x-tmx+xml' }, data: xml });
  expect(again.status(), await again.text()).toBe(200);
  expect(await again.json()).toEqual({ units: seedMemory.entries.length, added: 0, replaced: 0, unchanged: seedMemory.entries.length, skipped: [] });
  expect(fs.readFileSync(memoryFile(), 'utf8')).toBe(before);

  // A Trados-like file, as a translator: two units added, two skipped with their reasons.
  const translator = await apiAs(playwright, 'translator');
  const trados = fs.readFileSync(path.join(TMX_FIXTURES, 'trados-export.tmx'), 'utf8');
  const imported = await translator.post('/api/memory/import', { data: trados });
  expect(imported.status(), await imported.text()).toBe(200);
  const report = await imported.json();
  expect(report).toMatchObject({ units: 4, added: 2, replaced: 0 });
  expect(report.skipped.map((s: { reason: string }) => s.reason)).toEqual(['missing-language', 'empty']);
  const found = await (await request.get('/api/memory/concordance?q=Tripoli')).json();
  expect(found.hits[0].entry).toMatchObject({ sourceLang: 'ar', targetLang: 'en' });
  await translator.dispose();

  // Reviewers read the memory but may not import into it.
  const reviewer = await apiAs(playwright, 'reviewer');
  expect((await reviewer.get('/api/memory/export')).status()).toBe(200);
  expect((await reviewer.post('/api/memory/import', { data: trados })).status()).toBe(403);
  await reviewer.dispose();
});

test('a malformed or wrong TMX gets 400 naming the problem, and the memory does not change', async ({ request }) => {
  const before = fs.readFileSync(memoryFile(), 'utf8');
  const cases: [string, RegExp][] = [
    [fs.readFileSync(path.join(TMX_FIXTURES, 'not-well-formed.tmx'), 'utf8'), /^TMX is not well-formed XML: line 8, column \d+/],
    [fs.readFileSync(path.join(TMX_FIXTURES, 'no-body.tmx'), 'utf8'), /^TMX: <tmx> on line 2: has no <body>/],
    [fs.readFileSync(path.join(TMX_FIXTURES, 'french-german.tmx'), 'utf8'), /none of its 2 <tu> has both ar and en/],
    ['<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>', /the root element is <xliff>, not <tmx>/],
    ['', /empty/],
  ];
  for (const [body, message] of cases) {
    const response = await request.post('/api/memory/import', { data: body });
    expect(response.status()).toBe(400);
    const json = await response.json();
    expect(json.error.code).toBe('invalid');
    expect(json.error.message).toMatch(message);
  }
  expect(fs.readFileSync(memoryFile(), 'utf8')).toBe(before);

  // Query parameters are checked as strictly.
  for (const url of [
    '/api/memory/matches?slug=Not!a*slug&rowId=ts4wa0cwop',
    '/api/memory/matches?slug=putin-receives-haftar',
    '/api/memory/matches?q=نص&slug=putin-receives-haftar&rowId=ts4wa0cwop',
    '/api/memory/matches?q=نص&extra=1',
    '/api/memory/concordance?q=',
    '/api/memory/concordance?q=a&q=b',
    '/api/memory/concordance?q=حفتر&limit=0',
  ]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(400);
    expect((await response.json()).error.message, url).toMatch(/^query: /);
  }
  expect((await request.get('/api/memory/matches?slug=no-such-document&rowId=ts4wa0cwop')).status()).toBe(404);
});

test.describe('signed out', () => {
  test.use({ role: 'none' });
  test('the memory is not public', async ({ request }) => {
    expect((await request.get('/api/memory/concordance?q=حفتر')).status()).toBe(401);
    expect((await request.get('/api/memory/export')).status()).toBe(401);
  });
});
