import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { apiAs, expect, test } from './fixtures';
import { activateRow, diskRowAt, editorRows, openEditor, rowAt, rowEditor, saveState, targetText, uniqueSlug, type Row, type TargetDoc } from './helpers';

/**
 * Review a team can trust: a row's history and restore, changes since my review, approved rows protected,
 * replace and merge undoable, and publishing with a check. Each test works on a document of its own.
 */

test.use({ viewport: { width: 1400, height: 900 } });

const en = (...paragraphs: string[]): TargetDoc => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

/** A new document of `count` Arabic paragraphs; its rows as stored. */
async function createDocument(request: APIRequestContext, prefix: string, count = 3): Promise<{ slug: string; rows: Row[] }> {
  const slug = uniqueSlug(prefix);
  const text = Array.from({ length: count }, (_, i) => `هذه الفقرة رقم ${i + 1} من النص.`).join('\n\n');
  const created = await request.post('/api/documents', { data: { text, slug } });
  expect(created.status(), await created.text()).toBe(201);
  const doc = (await (await request.get(`/api/documents/${slug}`)).json()) as { rows: Row[] };
  return { slug, rows: doc.rows };
}

/** Saves a row through the API as whoever `request` is signed in as; answers the saved row. */
async function save(request: APIRequestContext, slug: string, row: Row, patch: { target?: TargetDoc; status?: Row['status'] }): Promise<Row> {
  const response = await request.patch(`/api/documents/${slug}/rows/${row.id}`, { data: { ...patch, baseRev: row.rev } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Row;
}

async function expectNoAxeViolations(page: Page, selector: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  expect(results.violations).toEqual([]);
}

const words = {
  en: { history: 'History of row 1', approved: 'Row 1 is approved', filter: 'Changed since my review (1)', publish: 'Publish: check what will be public' },
  ar: { history: 'سجلّ الصف 1', approved: 'الصف 1 معتمد', filter: 'ما تغيّر منذ مراجعتي (1)', publish: 'النشر: راجِع ما سيُنشر' },
} as const;

for (const locale of ['en', 'ar'] as const) {
  test(`a row's history lists who changed it, shows a word diff and restores a revision as a new one (${locale})`, async ({ page, request }) => {
    const { slug, rows } = await createDocument(request, 'history');
    let row = await save(request, slug, rows[0]!, { target: en('Putin received Haftar in Moscow.') });
    row = await save(request, slug, row, { status: 'translated' });
    await save(request, slug, row, { target: en('Putin met Haftar in Moscow.') });

    await openEditor(page, slug, locale);
    const first = rowAt(page, 1);
    await activateRow(first);
    await first.getByTestId('row-history').click();
    const dialog = page.getByTestId('history-dialog');
    await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(words[locale].history);
    await expect(dialog.getByTestId('history-revision')).toHaveCount(4);
    // Who: the display name, never the user name.
    await expect(dialog.getByTestId('history-who').first()).toHaveText('Edith Editor');
    const diff = dialog.getByTestId('history-diff');
    await expect(diff.locator('del')).toContainText('received');
    await expect(diff.locator('ins')).toContainText('met');
    // Any two revisions: from the first translation to the newest.
    await dialog.locator('[data-rev="2"] input[type="radio"]').first().check();
    await expect(diff.locator('del')).toContainText('received');
    await expectNoAxeViolations(page, '[data-testid="history-dialog"]');

    await dialog.locator('[data-testid="history-revision"][data-rev="2"]').getByTestId('history-restore').click();
    await expect(dialog.getByTestId('history-restored')).toBeVisible();
    await expect(dialog.getByTestId('history-revision')).toHaveCount(5);
    await expect(dialog.locator('[data-testid="history-revision"][data-rev="5"]')).toHaveAttribute('data-kind', 'restore');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(first.getByTestId('target-cell')).toContainText('Putin received Haftar in Moscow.');
    expect(targetText(diskRowAt(slug, 1).target)).toBe('Putin received Haftar in Moscow.');
    expect(diskRowAt(slug, 1).rev).toBe(5);
  });
}

test('restore and history over HTTP: names, rights, bad input and stale revisions', async ({ request, playwright }) => {
  const { slug, rows } = await createDocument(request, 'restore-api');
  const row = await save(request, slug, rows[0]!, { target: en('First.') });
  const second = await save(request, slug, row, { target: en('Second.') });
  const history = await (await request.get(`/api/documents/${slug}/rows/${row.id}/history`)).json();
  expect(history.revisions.map((r: { rev: number }) => r.rev)).toEqual([1, 2, 3]);
  expect(history.names).toEqual({ 'e2e-editor': 'Edith Editor' });

  const url = `/api/documents/${slug}/rows/${row.id}/restore`;
  expect((await request.post(url, { data: { rev: 2 } })).status()).toBe(400);
  expect((await request.post(url, { data: { rev: 9, baseRev: second.rev } })).status()).toBe(404);
  expect((await request.post(url, { data: { rev: 2, baseRev: 1 } })).status()).toBe(409);
  const reviewer = await apiAs(playwright, 'reviewer');
  try {
    expect((await reviewer.post(url, { data: { rev: 2, baseRev: second.rev } })).status()).toBe(403);
  } finally {
    await reviewer.dispose();
  }
  const restored = await request.post(url, { data: { rev: 2, baseRev: second.rev } });
  expect(restored.status()).toBe(200);
  expect(targetText(((await restored.json()) as Row).target)).toBe('First.');
  const after = await (await request.get(`/api/documents/${slug}/rows/${row.id}/history`)).json();
  expect(after.revisions.at(-1)).toMatchObject({ rev: 4, kind: 'restore', reason: { kind: 'restore', fromRev: 2 } });
});

test.describe('changes since my review', () => {
  test.use({ role: 'reviewer' });

  for (const locale of ['en', 'ar'] as const) {
    test(`a reviewer sees the English changed since approval as track changes, filters to it, and approving clears it (${locale})`, async ({
      page,
      playwright,
    }) => {
      const editor = await apiAs(playwright, 'editor');
      const reviewer = await apiAs(playwright, 'reviewer');
      const translator = await apiAs(playwright, 'translator');
      let slug: string;
      try {
        const created = await createDocument(editor, 'since-review');
        slug = created.slug;
        // Each translation keeps its paragraph's number, so no check stands between the reviewer and approving.
        let row = await save(editor, slug, created.rows[0]!, { target: en('Paragraph 1: the talks covered oil.'), status: 'translated' });
        row = await save(reviewer, slug, row, { status: 'approved' });
        await save(translator, slug, row, { target: en('Paragraph 1: the talks covered oil and gas.') });
        await save(editor, slug, created.rows[1]!, { target: en('Paragraph 2, untouched since.'), status: 'translated' });
      } finally {
        await Promise.all([editor.dispose(), reviewer.dispose(), translator.dispose()]);
      }

      await openEditor(page, slug, locale);
      const first = rowAt(page, 1);
      await expect(first).toHaveAttribute('data-review-changed', 'true');
      const change = first.getByTestId('review-change');
      await expect(change.locator('ins')).toContainText('and gas');
      await expect(change).toContainText('Rana Reviewer');
      await expect(change).toContainText('e2e-translator');
      await expect(rowAt(page, 2).getByTestId('review-change')).toHaveCount(0);
      await expectNoAxeViolations(page, '[data-testid="review-change"]');

      const filter = page.getByTestId('filter-changed-since-review');
      await expect(page.locator('label.review-filter')).toHaveText(words[locale].filter);
      await filter.check();
      await expect(editorRows(page).filter({ visible: true })).toHaveCount(1);
      await filter.uncheck();
      await expect(editorRows(page).filter({ visible: true })).toHaveCount(3);

      await first.getByTestId('target-cell').click();
      await first.getByTestId('approve-row').click();
      await expect(first).toHaveAttribute('data-status', 'approved');
      await expect(first.getByTestId('review-change')).toHaveCount(0);
      await expect(first).not.toHaveAttribute('data-review-changed', 'true');
    });
  }
});

test('the conflict panel shows their version and mine as a word diff', async ({ page, request }) => {
  const { slug, rows } = await createDocument(request, 'conflict-diff');
  const row = await save(request, slug, rows[0]!, { target: en('Putin received Haftar.') });
  // The live stream is cut, so their save is met by mine (an open row with nothing unsaved takes theirs live).
  await page.route('**/api/documents/*/events**', (route) => route.abort());
  await openEditor(page, slug);
  const first = rowAt(page, 1);
  await activateRow(first);
  await save(request, slug, row, { target: en('Putin welcomed Haftar.') });
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Today.');
  const conflict = first.getByTestId('conflict');
  await expect(conflict).toBeVisible({ timeout: 15_000 });
  const diff = conflict.getByTestId('conflict-diff');
  await expect(diff.locator('del')).toContainText('welcomed');
  await expect(diff.locator('ins').first()).toContainText('received');
  await expectNoAxeViolations(page, '[data-testid="conflict"]');
});

for (const locale of ['en', 'ar'] as const) {
  test(`editing an approved row asks once and says the status changes (${locale})`, async ({ page, request }) => {
    const { slug, rows } = await createDocument(request, 'approved');
    await save(request, slug, rows[0]!, { target: en('Approved text.'), status: 'approved' });
    await openEditor(page, slug, locale);
    const first = rowAt(page, 1);
    await activateRow(first);
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('X');
    const dialog = page.getByTestId('approval-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading')).toHaveText(words[locale].approved);
    await expectNoAxeViolations(page, '[data-testid="approval-dialog"]');
    await dialog.getByTestId('approval-cancel').click();
    await expect(dialog).toBeHidden();
    await expect(rowEditor(first)).toHaveText('Approved text.');

    await rowEditor(first).focus();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('!');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('approval-edit').click();
    await expect(rowEditor(first)).toHaveText('Approved text.!');
    await expect(first.getByTestId('status-notice')).toBeVisible();
    if (locale === 'en') await expect(first.getByTestId('status-notice')).toContainText('from “Approved” to “Draft”');
    await expect(first).toHaveAttribute('data-status', 'draft', { timeout: 15_000 });
    // Asked once: later edits of the row go straight in.
    await rowEditor(first).focus();
    await page.keyboard.type('?');
    await expect(dialog).toBeHidden();
    await expect(rowEditor(first)).toHaveText('Approved text.!?');
    await expect(saveState(page)).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
    expect(diskRowAt(slug, 1)).toMatchObject({ status: 'draft' });
  });
}

test('replace says which rows it changed, keeps the others as they were, and Undo puts everything back', async ({ page, request }) => {
  const { slug, rows } = await createDocument(request, 'replace-undo');
  await save(request, slug, rows[0]!, { target: en('The oil deal.'), status: 'translated' });
  await save(request, slug, rows[1]!, { target: en('The gas deal.'), status: 'approved' });
  await save(request, slug, rows[2]!, { target: en('Nothing here.'), status: 'translated' });
  await openEditor(page, slug);
  const undo = page.getByTestId('page-undo');
  await expect(undo).toBeDisabled();

  await page.getByTestId('open-search').click();
  await page.getByTestId('search-in-target').check();
  await page.getByTestId('search-query').fill('deal');
  await page.getByTestId('search-replacement').fill('agreement');
  await page.getByTestId('search-replace-all').click();
  await expect(page.getByTestId('search-summary')).toHaveText('2 replaced in rows 1, 2. Undo puts them back.');
  await expect(saveState(page)).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
  expect(targetText(diskRowAt(slug, 1).target)).toBe('The oil agreement.');
  expect(diskRowAt(slug, 2)).toMatchObject({ status: 'draft' });
  expect(diskRowAt(slug, 3)).toMatchObject({ status: 'translated', rev: 2 });

  await expect(undo).toBeEnabled();
  await undo.click();
  await expect(page.getByTestId('undo-status')).toHaveText('Replace undone in rows 1, 2.');
  await expect(undo).toBeDisabled();
  await expect(saveState(page)).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
  await expect.poll(() => targetText(diskRowAt(slug, 2).target)).toBe('The gas deal.');
  await expect.poll(() => diskRowAt(slug, 2).status).toBe('approved');
  expect(diskRowAt(slug, 1)).toMatchObject({ status: 'translated' });
});

test('a merge is undone with Ctrl+Z, the rows apart again with their texts', async ({ page, request }) => {
  const { slug, rows } = await createDocument(request, 'merge-undo');
  await save(request, slug, rows[0]!, { target: en('First paragraph.'), status: 'translated' });
  await save(request, slug, rows[1]!, { target: en('Second paragraph.') });
  await openEditor(page, slug);
  await activateRow(rowAt(page, 1));
  await rowAt(page, 1).getByTestId('merge-next').click();
  await expect(editorRows(page)).toHaveCount(2);
  await expect(page.getByTestId('page-undo')).toBeEnabled();
  await page.keyboard.press('Escape');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(editorRows(page)).toHaveCount(3);
  await expect(page.getByTestId('undo-status')).toHaveText('Merge undone: rows 1, 2 are apart again.');
  await expect(rowAt(page, 1).getByTestId('target-cell')).toHaveText('First paragraph.');
  await expect(rowAt(page, 2).getByTestId('target-cell')).toHaveText('Second paragraph.');
  await expect(rowAt(page, 1)).toHaveAttribute('data-status', 'translated');
});

for (const locale of ['en', 'ar'] as const) {
  test(`publishing opens a check, publishes the chosen rows and the reading page says the translation is partial (${locale})`, async ({
    page,
    request,
  }) => {
    const { slug, rows } = await createDocument(request, 'publish-check');
    await save(request, slug, rows[0]!, { target: en('Approved paragraph.'), status: 'approved' });
    await save(request, slug, rows[1]!, { target: en('Translated paragraph.'), status: 'translated' });
    const noted = await request.post(`/api/documents/${slug}/notes`, {
      data: { rowId: rows[0]!.id, side: 'target', body: 'A public note.', visibility: 'public' },
    });
    expect(noted.status()).toBe(201);

    await openEditor(page, slug, locale);
    await page.getByTestId('publish-button').click();
    const dialog = page.getByTestId('publish-dialog');
    await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(words[locale].publish);
    await expect(dialog.getByTestId('publish-by-status').locator('li')).toHaveCount(2);
    await expect(dialog.getByTestId('publish-left-out').locator('li')).toHaveCount(1);
    await expect(dialog.getByTestId('publish-notes').locator('li')).toHaveCount(1);
    await expectNoAxeViolations(page, '[data-testid="publish-dialog"]');
    await dialog.getByTestId('publish-include-approved').check();
    await expect(dialog.getByTestId('publish-left-out').locator('li')).toHaveCount(2);
    await dialog.getByTestId('publish-confirm').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('publish-state')).toHaveAttribute('data-published', 'true');
    if (locale === 'en') await expect(page.getByTestId('publish-state')).toHaveText('published v1 · 0 rows and 0 notes changed since');
    await expect(page.getByTestId('published-by')).toContainText('Edith Editor');

    await page.goto(`/${locale}/read/${slug}`);
    await expect(page.locator('.r-row')).toHaveCount(1);
    await expect(page.getByTestId('reader-partial')).toBeVisible();
    await expect(page.getByTestId('reader-published-by')).toContainText('Edith Editor');
    await expect(page.locator('.r-fn-author')).toHaveText('Edith Editor');
    await expect(page.getByText(locale === 'en' ? 'Not translated yet' : 'لم يُترجم بعد')).toHaveCount(0);
  });
}

test('the publish route keeps its shape: no body publishes every row; a bad choice is refused', async ({ request }) => {
  const { slug, rows } = await createDocument(request, 'publish-api');
  await save(request, slug, rows[0]!, { target: en('Only this one.'), status: 'approved' });
  expect((await request.post(`/api/documents/${slug}/publish`, { data: { include: 'drafts' } })).status()).toBe(400);
  const all = await request.post(`/api/documents/${slug}/publish`);
  expect(all.status()).toBe(201);
  expect(await all.json()).toMatchObject({ version: 1, rows: 3, leftOut: 0 });
  const approved = await request.post(`/api/documents/${slug}/publish`, { data: { include: 'approved' } });
  expect(await approved.json()).toMatchObject({ version: 2, rows: 1, leftOut: 2 });
  const state = await (await request.get(`/api/documents/${slug}/publish`)).json();
  expect(state).toMatchObject({ include: 'approved', leftOutRows: 2, changedRows: 0, changedNotes: 0, publishedByName: 'Edith Editor' });
});
