import fs from 'node:fs';
import path from 'node:path';
import { type APIResponse, type Page } from '@playwright/test';
import type { GlossaryEntry, GlossaryFile } from '../lib/model/glossary';
import { apiAs, expect, test } from './fixtures';
import { activateRow, contentDir, openEditor, resetDocument, rowAt, SEED_SLUG } from './helpers';

test.use({ viewport: { width: 1400, height: 900 } });

const SEED_GLOSSARY = path.resolve(import.meta.dirname, '..', 'content', 'glossary.json');
const glossaryFile = () => path.join(contentDir(), 'glossary.json');

/** Puts the seed glossary back, with a fresh mtime (the server caches the parsed file by mtime and size). */
function resetGlossary(): void {
  fs.copyFileSync(SEED_GLOSSARY, glossaryFile());
  const when = new Date(Date.now() + 1000);
  fs.utimesSync(glossaryFile(), when, when);
}

function readGlossary(): GlossaryFile {
  return JSON.parse(fs.readFileSync(glossaryFile(), 'utf8')) as GlossaryFile;
}

test.beforeEach(() => {
  resetDocument(SEED_SLUG);
  resetGlossary();
});

// The specs that run after these find the seed glossary, not one a test here broke or changed.
test.afterAll(() => {
  resetGlossary();
});

/** The texts the glossary underline covers, sorted. */
function glossaryHighlightTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((CSS.highlights.get('glossary') as Set<AbstractRange> | undefined) ?? [])].map((r) => (r as Range).toString()).sort());
}

/** The centre of the underlined range over `text` inside row `n`'s Arabic, in viewport coordinates. */
async function termCentre(page: Page, n: number, text: string): Promise<{ x: number; y: number }> {
  const cell = rowAt(page, n).getByTestId('source-cell');
  await cell.scrollIntoViewIfNeeded();
  const box = await cell.evaluate((el, wanted) => {
    for (const range of (CSS.highlights.get('glossary') as Set<AbstractRange> | undefined) ?? []) {
      const r = range as Range;
      if (r.toString() !== wanted || !el.contains(r.startContainer)) continue;
      const rect = r.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    return null;
  }, text);
  expect(box, `an underlined "${text}" in row ${n}`).not.toBeNull();
  return box!;
}

/** Points the mouse at an underlined term and returns the tooltip. */
async function hoverTerm(page: Page, n: number, text: string) {
  const { x, y } = await termCentre(page, n, text);
  await page.mouse.move(x, y);
  return page.getByRole('tooltip');
}

async function expectClientError(response: APIResponse, status: number): Promise<void> {
  const body = await response.json();
  expect(response.status(), JSON.stringify(body)).toBe(status);
  expect(body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
}

test('the seed’s names are underlined in the Arabic and show their rendering and note on hover', async ({ page }) => {
  await openEditor(page, SEED_SLUG);
  const underlined = await glossaryHighlightTexts(page);
  // Row 2: the longest terms win, and a prefixed word is underlined whole.
  for (const t of ['فلاديمير بوتين', 'الجيش الوطني الليبي', 'خليفة حفتر', 'المكتب الصحفي للكرملين', 'للجيش الوطني الليبي', 'لحفتر', 'ريا نوفوستي']) {
    expect(underlined, t).toContain(t);
  }
  // The Arabic stays one text node per block: nothing was wrapped around the terms.
  expect(await rowAt(page, 2).locator('.src-text').evaluate((el) => el.childNodes.length)).toBe(1);

  const tooltip = await hoverTerm(page, 2, 'الجيش الوطني الليبي');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('Libyan National Army');
  await expect(tooltip).toContainText('LNA after the first mention');
  await expect(tooltip.locator('[lang="en"]')).toHaveAttribute('dir', 'ltr');

  const other = await hoverTerm(page, 6, 'لحفتر');
  await expect(other).toContainText('Haftar');
  await expect(other).not.toContainText('Libyan National Army');

  // Off the terms, no tooltip.
  const cell = await rowAt(page, 2).getByTestId('target-cell').boundingBox();
  await page.mouse.move(cell!.x + 10, cell!.y + 10);
  await expect(page.getByRole('tooltip')).toHaveCount(0);

  // For the keyboard: the active row lists its terms.
  await activateRow(rowAt(page, 2));
  const list = rowAt(page, 2).getByTestId('row-glossary-terms');
  await expect(list).toContainText('Vladimir Putin');
  await expect(list).toContainText('Kremlin press office');
  await expect(rowAt(page, 3).getByTestId('row-glossary-terms')).toHaveCount(0);
});

test('a term added on the glossary page is underlined in the editor; editing and deleting it follow', async ({ page }) => {
  await page.goto('/en');
  await page.getByRole('navigation').getByRole('link', { name: 'Glossary' }).click();
  await expect(page).toHaveURL(/\/en\/glossary$/);
  await expect(page.getByTestId('glossary-entry')).toHaveCount(readGlossary().entries.length);

  const form = page.getByTestId('glossary-add');
  await form.getByTestId('glossary-term-input').fill('التعاون العسكري');
  await form.getByTestId('glossary-rendering-input').fill('military cooperation');
  await form.getByTestId('glossary-note-input').fill('Not “military collaboration”.');
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('glossary-add-result')).toContainText('Added');
  const added = readGlossary().entries.find((e) => e.term === 'التعاون العسكري') as GlossaryEntry;
  expect(added).toMatchObject({ rendering: 'military cooperation', note: 'Not “military collaboration”.', updatedBy: 'e2e-editor' });
  const row = page.locator(`[data-testid="glossary-entry"][data-entry-id="${added.id}"]`);
  await expect(row.getByTestId('glossary-entry-rendering')).toHaveText('military cooperation');
  // Sorted by term: ا… comes before ب…, so the new entry sits before "بوتين".
  const terms = await page.getByTestId('glossary-entry-term').allTextContents();
  expect(terms.indexOf('التعاون العسكري')).toBeLessThan(terms.indexOf('بوتين'));

  await openEditor(page, SEED_SLUG);
  expect(await glossaryHighlightTexts(page)).toContain('التعاون العسكري');
  await expect(await hoverTerm(page, 5, 'التعاون العسكري')).toContainText('military cooperation');

  // Edit it in place.
  await page.goto('/en/glossary');
  await row.getByTestId('glossary-edit-button').click();
  const edit = row.getByTestId('glossary-edit');
  await edit.getByTestId('glossary-rendering-input').fill('military co-operation');
  await edit.getByTestId('glossary-note-input').fill('');
  await edit.getByTestId('glossary-save').click();
  await expect(row.getByTestId('glossary-entry-rendering')).toHaveText('military co-operation');
  await expect(row.getByTestId('glossary-entry-note')).toHaveText('');
  await expect(row.getByTestId('glossary-edit-button')).toBeFocused();
  // Escape leaves the edit without saving.
  await row.getByTestId('glossary-edit-button').press('Enter');
  await expect(row.getByTestId('glossary-term-input')).toBeFocused();
  await page.keyboard.type('x');
  await page.keyboard.press('Escape');
  await expect(row.getByTestId('glossary-edit')).toHaveCount(0);
  await expect(row.getByTestId('glossary-entry-term')).toHaveText('التعاون العسكري');
  expect(readGlossary().entries.find((e) => e.id === added.id)).toEqual({ ...added, rendering: 'military co-operation', note: undefined, updatedAt: expect.any(String) });

  await openEditor(page, SEED_SLUG);
  const tooltip = await hoverTerm(page, 5, 'التعاون العسكري');
  await expect(tooltip).toContainText('military co-operation');
  await expect(tooltip).not.toContainText('collaboration');

  // Delete it, after confirming.
  await page.goto('/en/glossary');
  await row.getByTestId('glossary-delete-button').click();
  await expect(row.getByTestId('glossary-confirm')).toContainText('Delete “التعاون العسكري” from the glossary?');
  await row.getByRole('button', { name: 'Keep' }).click();
  await expect(row).toHaveCount(1);
  await row.getByTestId('glossary-delete-button').click();
  await row.getByTestId('glossary-confirm-yes').click();
  await expect(row).toHaveCount(0);
  expect(readGlossary().entries.some((e) => e.id === added.id)).toBe(false);

  await openEditor(page, SEED_SLUG);
  const after = await glossaryHighlightTexts(page);
  expect(after).not.toContain('التعاون العسكري');
  expect(after).toContain('الجيش الوطني الليبي');
});

test('adding a term that is there already, however it is written, is refused with the reason', async ({ page }) => {
  const before = fs.readFileSync(glossaryFile(), 'utf8');
  await page.goto('/en/glossary');
  const form = page.getByTestId('glossary-add');
  await form.getByTestId('glossary-term-input').fill('بُوتِين');
  await form.getByTestId('glossary-rendering-input').fill('Poutine');
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('glossary-add-result')).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('glossary-add-result')).toContainText('already has "بوتين"');
  expect(fs.readFileSync(glossaryFile(), 'utf8')).toBe(before);
});

test.describe('a reviewer', () => {
  test.use({ role: 'reviewer' });

  test('sees the glossary read-only and the API refuses their changes with 403', async ({ page, request }) => {
    const before = fs.readFileSync(glossaryFile(), 'utf8');
    const [first] = readGlossary().entries;
    await page.goto('/en/glossary');
    await expect(page.getByTestId('glossary-read-only')).toBeVisible();
    await expect(page.getByTestId('glossary-entry')).toHaveCount(readGlossary().entries.length);
    await expect(page.getByTestId('glossary-entry-rendering').filter({ hasText: /^Libyan National Army$/ })).toHaveCount(1);
    await expect(page.getByTestId('glossary-add')).toHaveCount(0);
    await expect(page.getByTestId('glossary-edit-button')).toHaveCount(0);
    await expect(page.getByTestId('glossary-delete-button')).toHaveCount(0);

    const list = await request.get('/api/glossary');
    expect(list.status()).toBe(200);
    expect(((await list.json()) as { entries: GlossaryEntry[] }).entries).toHaveLength(readGlossary().entries.length);
    await expectClientError(await request.post('/api/glossary', { data: { term: 'موسكو الجديدة', rendering: 'New Moscow' } }), 403);
    await expectClientError(await request.patch(`/api/glossary/${first!.id}`, { data: { rendering: 'x' } }), 403);
    await expectClientError(await request.delete(`/api/glossary/${first!.id}`), 403);
    expect(fs.readFileSync(glossaryFile(), 'utf8')).toBe(before);

    // Reviewers still see the underlines and the hover in the editor.
    await openEditor(page, SEED_SLUG);
    await expect(await hoverTerm(page, 2, 'خليفة حفتر')).toContainText('Khalifa Haftar');
  });
});

test('a translator may add a term through the API', async ({ playwright }) => {
  const translator = await apiAs(playwright, 'translator');
  const response = await translator.post('/api/glossary', { data: { term: 'وزير الدفاع الروسي', rendering: 'Russian Defence Minister' } });
  expect(response.status(), await response.text()).toBe(201);
  expect(await response.json()).toMatchObject({ term: 'وزير الدفاع الروسي', updatedBy: 'e2e-translator' });
  await translator.dispose();
  expect(readGlossary().entries.at(-1)).toMatchObject({ term: 'وزير الدفاع الروسي', rendering: 'Russian Defence Minister' });
});

test.describe('signed out', () => {
  test.use({ role: 'none' });

  test('the glossary API answers 401 and the page sends to sign-in', async ({ page, request }) => {
    await expectClientError(await request.get('/api/glossary'), 401);
    await expectClientError(await request.post('/api/glossary', { data: { term: 'سرت', rendering: 'Sirte' } }), 401);
    await page.goto('/en/glossary');
    await expect(page).toHaveURL(/\/en\/sign-in\?next=%2Fen%2Fglossary/);
  });
});

test('bad bodies and ids get 4xx and change nothing', async ({ request }) => {
  const before = fs.readFileSync(glossaryFile(), 'utf8');
  const [first] = readGlossary().entries;
  const bad: [Promise<APIResponse>, number][] = [
    [request.post('/api/glossary', { data: { term: 'سرت', rendering: 'Sirte', extra: true } }), 400],
    [request.post('/api/glossary', { data: { term: '   ', rendering: 'Sirte' } }), 400],
    [request.post('/api/glossary', { data: { term: 'ـًـ', rendering: 'Sirte' } }), 400],
    [request.post('/api/glossary', { data: { term: 'سرت' } }), 400],
    [request.post('/api/glossary', { data: { term: 'سرت', rendering: 42 } }), 400],
    [request.post('/api/glossary', { data: '{"term": "سرت", ', headers: { 'content-type': 'application/json' } }), 400],
    [request.post('/api/glossary', { data: { term: 'الجيش الوطني الليبى', rendering: 'LNA' } }), 409],
    [request.patch(`/api/glossary/${first!.id}`, { data: {} }), 400],
    [request.patch(`/api/glossary/${first!.id}`, { data: { rendering: '' } }), 400],
    [request.patch(`/api/glossary/${first!.id}`, { data: { id: 'aaaaaaaaaa' } }), 400],
    [request.patch(`/api/glossary/${first!.id}`, { data: { term: 'موسكو' } }), 409],
    [request.patch('/api/glossary/NOT-AN-ID', { data: { rendering: 'x' } }), 400],
    [request.patch('/api/glossary/zzzzzzzzzz', { data: { rendering: 'x' } }), 404],
    [request.delete('/api/glossary/NOT-AN-ID'), 400],
    [request.delete('/api/glossary/zzzzzzzzzz'), 404],
    [request.post('/api/glossary', { data: { term: 'سرت', rendering: 'x'.repeat(2 * 1024 * 1024) } }), 413],
  ];
  for (const [response, status] of bad) await expectClientError(await response, status);
  expect(fs.readFileSync(glossaryFile(), 'utf8')).toBe(before);
});

test('the Arabic interface shows the glossary right to left', async ({ page }) => {
  await page.goto('/ar/glossary');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('المسرد');
  await expect(page.getByTestId('glossary-entry-rendering').first()).toHaveAttribute('dir', 'ltr');
});

test('a hand-broken glossary file is named on the page and by the API, and the editor still works', async ({ page, request }) => {
  const broken = readGlossary();
  (broken.entries[3] as unknown as Record<string, unknown>).rendering = 7;
  fs.writeFileSync(glossaryFile(), `${JSON.stringify(broken, null, 2)}\n`);
  const when = new Date(Date.now() + 2000);
  fs.utimesSync(glossaryFile(), when, when);

  const response = await request.get('/api/glossary');
  expect(response.status()).toBe(422);
  expect((await response.json()).error.message).toContain('content/glossary.json: entries[3].rendering');
  await expectClientError(await request.post('/api/glossary', { data: { term: 'سرت', rendering: 'Sirte' } }), 422);

  await page.goto('/en/glossary');
  await expect(page.getByTestId('glossary-broken')).toContainText('entries[3].rendering');

  await openEditor(page, SEED_SLUG);
  expect(await glossaryHighlightTexts(page)).toEqual([]);
  await expect(rowAt(page, 2).getByTestId('source-cell')).toContainText('الجيش الوطني الليبي');
});
