import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Page } from '@playwright/test';
import { apiAs, expect, test } from './fixtures';
import { activateRow, openEditor, readDocumentJson, rowAt, rowEditor, uniqueSlug, type BilingualDocument, type Row } from './helpers';

/**
 * Issue 12, items 5–8: notes that behave, quality checks you can act on, filters that keep row numbers and bulk
 * status, files in and out from the editor. Each test works on a document of its own.
 */

const TEXT = ['# مقال تجريبي للأدوات', 'الفقرة الأولى في عام 2025.', 'الفقرة الثانية عن الكرملين.', 'الفقرة الثالثة.'].join('\n\n');

function paragraph(text: string) {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

/**
 * A document of four rows: the title translated, row 2 a draft missing the Arabic's number (a QA error), row 3
 * translated, row 4 untranslated.
 */
async function makeDocument(request: APIRequestContext, prefix: string): Promise<{ slug: string; rows: Row[] }> {
  const slug = uniqueSlug(prefix);
  const created = await request.post('/api/documents', { data: { text: TEXT, slug } });
  expect(created.status(), await created.text()).toBe(201);
  let doc = (await (await request.get(`/api/documents/${slug}`)).json()) as BilingualDocument;
  const set = async (n: number, text: string, status: string) => {
    const row = doc.rows[n - 1]!;
    const saved = await request.patch(`/api/documents/${slug}/rows/${row.id}`, { data: { target: paragraph(text), status, baseRev: row.rev } });
    expect(saved.status(), await saved.text()).toBe(200);
  };
  await set(1, 'A test article', 'translated');
  await set(2, 'The first paragraph.', 'draft');
  await set(3, 'The second paragraph, on the Kremlin.', 'translated');
  doc = (await (await request.get(`/api/documents/${slug}`)).json()) as BilingualDocument;
  return { slug, rows: doc.rows };
}

/** Drags the mouse over `words` in a cell, as a person selects them. */
async function dragOver(page: Page, cell: ReturnType<Page['locator']>, words: string): Promise<void> {
  const box = await cell.evaluate((el, w) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(w);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + w.length);
      const r = range.getBoundingClientRect();
      return { x: r.left, y: r.top + r.height / 2, right: r.right };
    }
    throw new Error(`"${w}" is not in the cell`);
  }, words);
  await page.mouse.move(box.x + 1, box.y);
  await page.mouse.down();
  await page.mouse.move((box.x + box.right) / 2, box.y, { steps: 4 });
  await page.mouse.move(box.right - 1, box.y, { steps: 4 });
  await page.mouse.up();
}

test.describe('notes that behave', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  for (const locale of ['en', 'ar'] as const) {
    test(`the composer fits its column, its button shows, and Ctrl+Enter sends a note and a reply (${locale})`, async ({ page, request }) => {
      const { slug } = await makeDocument(request, `notes-${locale}`);
      await openEditor(page, slug, locale);
      const row = rowAt(page, 3);
      await row.getByTestId('comment-row').click();
      const composer = row.getByTestId('note-composer');
      await expect(composer).toBeVisible();
      // The composer stays inside the notes column, whatever the interface's direction.
      const column = await row.getByTestId('row-notes').boundingBox();
      const box = await composer.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(column!.x - 1);
      expect(box!.x + box!.width).toBeLessThanOrEqual(column!.x + column!.width + 1);
      // Add note is the accent colour with white text, disabled or not: never white on white.
      const colours = () => composer.getByTestId('note-save').evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]);
      expect(await colours()).not.toContain('rgb(255, 255, 255), rgb(255, 255, 255)');
      expect((await colours())[0]).not.toBe('rgb(255, 255, 255)');
      await composer.getByTestId('note-body-input').fill('Check the name.');
      expect((await colours())[0]).toBe('rgb(31, 95, 168)');
      await composer.getByTestId('note-body-input').press('Control+Enter');
      await expect(composer).toHaveCount(0);
      const card = row.getByTestId('note').filter({ hasText: 'Check the name.' });
      await expect(card).toHaveCount(1);
      await card.getByTestId('reply-input').fill('Done.');
      await card.getByTestId('reply-input').press('Control+Enter');
      await expect(card).toContainText('Done.');
      // The row's status did not move: Ctrl+Enter in a note is not "confirm the row".
      await expect(row).toHaveAttribute('data-status', 'translated');

      const axe = await new AxeBuilder({ page }).include('[data-testid="row-notes"]').analyze();
      expect(axe.violations).toEqual([]);
    });
  }

  test('dragging over words of an English cell that is not open makes a note on those words', async ({ page, request }) => {
    const { slug } = await makeDocument(request, 'notes-drag');
    await openEditor(page, slug);
    const row = rowAt(page, 3);
    await dragOver(page, row.getByTestId('target-cell'), 'the Kremlin');
    // The cell did not open under the mouse: the words stay selected.
    await expect(row).not.toHaveAttribute('data-active', 'true');
    await page.getByTestId('selection-add-note').click();
    const composer = row.getByTestId('note-composer');
    await expect(composer.locator('.note-quote')).toHaveText('the Kremlin');
    await composer.getByTestId('note-body-input').fill('Capitalised?');
    await composer.getByTestId('note-save').click();
    await expect(row.getByTestId('note').filter({ hasText: 'Capitalised?' })).toHaveCount(1);
    // A plain click still opens the row's editor.
    await rowAt(page, 2).getByTestId('target-cell').click();
    await expect(rowEditor(rowAt(page, 2))).toBeFocused();
  });

  for (const [locale, hint] of [
    ['en', 'Select words in a cell first'],
    ['ar', 'حدّد كلمات في خلية'],
  ] as const) {
    test(`Add note with nothing selected says what to do; open notes are the default, resolved ones step back (${locale})`, async ({ page, request }) => {
      const { slug, rows } = await makeDocument(request, `notes-hint-${locale}`);
      const made = await request.post(`/api/documents/${slug}/notes`, { data: { rowId: rows[2]!.id, side: 'target', body: 'Resolve me' } });
      expect(made.status()).toBe(201);
      const resolvedBefore = (await (await request.post(`/api/documents/${slug}/notes`, { data: { rowId: rows[1]!.id, side: 'target', body: 'Old one' } })).json()) as { id: string };
      await request.patch(`/api/documents/${slug}/notes/${resolvedBefore.id}`, { data: { status: 'resolved' } });
      await openEditor(page, slug, locale);
      await page.getByTestId('add-note').click();
      await expect(page.getByTestId('add-note-hint')).toContainText(hint);
      await expect(page.getByTestId('note-composer')).toHaveCount(0);

      await expect(page.getByTestId('notes-filter')).toHaveValue('open');
      await expect(page.getByTestId('note').filter({ hasText: 'Old one' })).toHaveCount(0);
      const card = page.getByTestId('note').filter({ hasText: 'Resolve me' });
      await card.getByTestId('note-toggle-status').click();
      // Resolved here, it stays in view, quieter, with the way back at hand.
      await expect(card).toHaveAttribute('data-status', 'resolved');
      await page.mouse.move(1, 1);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await expect.poll(() => card.evaluate((el) => Number(getComputedStyle(el).opacity))).toBeLessThan(1);
      await page.getByTestId('notes-filter').selectOption('all');
      await expect(page.getByTestId('note').filter({ hasText: 'Old one' })).toHaveCount(1);
    });
  }
});

test.describe('quality checks you can act on', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the panel lists findings as soon as it opens, a finding can be ignored and taken back, and the panel sits beside the rows', async ({ page, request }) => {
    const { slug, rows } = await makeDocument(request, 'qa-panel');
    await openEditor(page, slug);
    await page.getByTestId('open-qa').click();
    const panel = page.getByTestId('qa-panel');
    const entry = panel.locator(`[data-testid="qa-row"][data-row-id="${rows[1]!.id}"]`);
    await expect(entry.locator('[data-check="number-missing"]')).toContainText('2025');
    await expect(page.getByTestId('qa-summary')).not.toContainText('Checking');
    expect((await new AxeBuilder({ page }).include('#tool-panel').analyze()).violations).toEqual([]);

    // The row being edited is not under the panel.
    const row = rowAt(page, 2);
    await activateRow(row);
    const cell = await row.getByTestId('target-cell').boundingBox();
    const side = await page.locator('#tool-panel').boundingBox();
    expect(cell!.x + cell!.width).toBeLessThanOrEqual(side!.x + 1);

    await entry.getByTestId('qa-ignore').click();
    await expect(entry.getByTestId('qa-ignored')).toContainText('2025');
    await expect(row.getByTestId('qa-marker')).toHaveCount(0);
    await expect.poll(() => readDocumentJson<BilingualDocument>(slug).rows[1]!.qaIgnored).toEqual(['number-missing|text=2025']);
    await entry.getByTestId('qa-unignore').click();
    await expect(entry.getByTestId('qa-finding')).toContainText('2025');
    await expect.poll(() => readDocumentJson<BilingualDocument>(slug).rows[1]!.qaIgnored).toBeUndefined();
  });

  for (const locale of ['en', 'ar'] as const) {
    test(`confirming a row with a QA error asks first (${locale})`, async ({ page, request }) => {
      const { slug } = await makeDocument(request, `qa-confirm-${locale}`);
      await openEditor(page, slug, locale);
      const row = rowAt(page, 2);
      await activateRow(row);
      await page.keyboard.press('Control+Enter');
      const dialog = page.getByTestId('confirm-done');
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText('2025');
      expect((await new AxeBuilder({ page }).include('[data-testid="confirm-done"]').analyze()).violations).toEqual([]);
      await dialog.getByTestId('confirm-done-back').click();
      await expect(dialog).toHaveCount(0);
      await expect(row).toHaveAttribute('data-status', 'draft');
      await expect(rowEditor(row)).toBeFocused();
      // The status control asks as well; going ahead marks it.
      await row.getByTestId('row-status').selectOption('translated');
      await expect(dialog).toBeVisible();
      await dialog.getByTestId('confirm-done-anyway').click();
      await expect(row).toHaveAttribute('data-status', 'translated');
      await expect.poll(() => readDocumentJson<BilingualDocument>(slug).rows[1]!.status).toBe('translated');
    });

    test(`the sticky header takes at most 120 px at 1280 × 800 and folds on a narrow screen (${locale})`, async ({ page, request }) => {
      const { slug } = await makeDocument(request, `header-${locale}`);
      await openEditor(page, slug, locale);
      const height = (await page.getByTestId('editor-header').boundingBox())!.height;
      expect(height).toBeLessThanOrEqual(120);
      await page.setViewportSize({ width: 600, height: 800 });
      await expect(page.getByTestId('header-tools')).toBeHidden();
      await page.getByTestId('header-collapse').click();
      await expect(page.getByTestId('header-tools')).toBeVisible();
      await page.getByTestId('header-collapse').click();
      await expect(page.getByTestId('header-tools')).toBeHidden();
    });
  }
});

test.describe('filters, numbers and bulk status', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  for (const [locale, label] of [
    ['en', 'Translated'],
    ['ar', 'مترجم'],
  ] as const) {
    test(`filters combine and rows keep their numbers (${locale})`, async ({ page, request }) => {
      const { slug, rows } = await makeDocument(request, `filter-${locale}`);
      await request.post(`/api/documents/${slug}/notes`, { data: { rowId: rows[2]!.id, side: 'source', body: 'A note' } });
      await openEditor(page, slug, locale);
      const visibleNumbers = () => page.locator('[data-testid="row"]:visible [data-testid="row-number"]').allTextContents();
      expect(await visibleNumbers()).toEqual(['1', '2', '3', '4']);
      await page.getByTestId('row-filter').locator('summary').click();
      expect((await new AxeBuilder({ page }).include('[data-testid="row-filter"]').analyze()).violations).toEqual([]);
      await page.getByTestId('row-filter').getByLabel(label, { exact: true }).check();
      await expect.poll(visibleNumbers).toEqual(['1', '3']);
      await page.getByTestId('filter-status-untranslated').check();
      await expect.poll(visibleNumbers).toEqual(['1', '3', '4']);
      await page.getByTestId('filter-open-notes').check();
      await expect.poll(visibleNumbers).toEqual(['3']);
      await page.getByTestId('filter-clear').click();
      await page.getByTestId('filter-qa').check();
      await expect.poll(visibleNumbers).toEqual(['2']);
    });
  }

  test('bulk status: chosen rows all change, or none when one cannot', async ({ page, request }) => {
    const { slug } = await makeDocument(request, 'bulk');
    await openEditor(page, slug);
    await page.getByTestId('choose-rows').click();
    const bulk = page.getByTestId('bulk-status');
    expect((await new AxeBuilder({ page }).include('[data-testid="bulk-status"]').analyze()).violations).toEqual([]);
    await rowAt(page, 1).getByTestId('row-choose').check();
    await rowAt(page, 4).getByTestId('row-choose').check();
    await expect(bulk.getByTestId('chosen-count')).toHaveText('2 rows chosen');
    await bulk.getByTestId('bulk-status-select').selectOption('approved');
    await bulk.getByTestId('bulk-apply').click();
    // Row 4 has no English: nothing changes, and the error says so in the interface's words.
    await expect(bulk.getByTestId('bulk-error')).toContainText('No status was changed');
    expect(readDocumentJson<BilingualDocument>(slug).rows.map((r) => r.status)).toEqual(['translated', 'draft', 'translated', 'untranslated']);

    await rowAt(page, 4).getByTestId('row-choose').uncheck();
    await rowAt(page, 3).getByTestId('row-choose').check();
    await bulk.getByTestId('bulk-apply').click();
    await expect(rowAt(page, 1)).toHaveAttribute('data-status', 'approved');
    await expect(rowAt(page, 3)).toHaveAttribute('data-status', 'approved');
    expect(readDocumentJson<BilingualDocument>(slug).rows.map((r) => r.status)).toEqual(['approved', 'draft', 'approved', 'untranslated']);
    await bulk.getByTestId('choose-done').click();
    await expect(page.getByTestId('row-choose')).toHaveCount(0);
  });

  test.describe('as a translator', () => {
    test.use({ role: 'translator' });
    test('the bulk status offers only the statuses a translator may set', async ({ page, playwright }) => {
      const editor = await apiAs(playwright, 'editor');
      const { slug } = await makeDocument(editor, 'bulk-translator');
      await openEditor(page, slug);
      await page.getByTestId('choose-rows').click();
      const options = await page.getByTestId('bulk-status-select').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(options).toEqual(['untranslated', 'draft', 'translated']);
    });
  });
});

test.describe('files in and out', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  for (const [locale, notPublished] of [
    ['en', 'Publish the document first'],
    ['ar', 'انشر المستند أولًا'],
  ] as const) {
    test(`the Export menu downloads the formats, and says why one cannot be made (${locale})`, async ({ page, request }) => {
      const { slug } = await makeDocument(request, `export-${locale}`);
      await openEditor(page, slug, locale);
      const menu = page.getByTestId('export-menu');
      await menu.locator('summary').click();
      expect((await new AxeBuilder({ page }).include('[data-testid="export-menu"]').analyze()).violations).toEqual([]);
      for (const [id, ending] of [
        ['xliff', '.xlf'],
        ['docxBilingual', '.docx'],
        ['md', '.md'],
        ['json', '.json'],
      ] as const) {
        const download = page.waitForEvent('download');
        await menu.getByTestId(`export-${id}`).click();
        expect((await download).suggestedFilename()).toMatch(new RegExp(`${ending.replace('.', '\\.')}$`));
      }
      await menu.getByTestId('export-html').click();
      await expect(menu.getByTestId('export-error')).toContainText(notPublished);
    });
  }

  test('importing a text opens the new document, its slug transliterated from the Arabic title; the title of the translation is edited in the header', async ({ page }) => {
    await page.goto('/en');
    const form = page.getByTestId('new-document');
    const title = `عنوان الأدوات ${Date.now() % 100000}`;
    await form.locator('textarea[name="text"]').fill(`# ${title}\n\nفقرة أولى.`);
    await form.getByRole('button', { name: 'Import' }).click();
    await expect(page).toHaveURL(/\/en\/documents\/nwn-l-dwt-\d+/);
    await expect(page.locator('html')).toHaveAttribute('data-editor-ready', 'true');
    const slug = (await page.getByTestId('editor').getAttribute('data-slug'))!;
    const english = page.getByTestId('english-title');
    await english.fill('The tools title');
    await english.press('Enter');
    await expect.poll(() => readDocumentJson<BilingualDocument>(slug).rows[0]!.target.content[0]?.content?.[0]).toMatchObject({ text: 'The tools title' });
  });
});
