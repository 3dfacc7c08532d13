import { type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  editorRows,
  listDocumentFolders,
  readDocumentJson,
  resetDocument,
  SEED_ROW_COUNT,
  SEED_SLUG,
  SEED_TITLE,
  uniqueSlug,
  type BilingualDocument,
  SEED_QUERY,
} from './helpers';

/** A pasted article: a `#` title, a paragraph and a numbered item, so three rows. */
const ARTICLE = ['# عنوان مقال الاختبار', '', 'هذه فقرة أولى من النص المستورد.', '', '1. البند الأول من القائمة'].join('\n');

async function documentCount(request: APIRequestContext): Promise<number> {
  const response = await request.get('/api/documents');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { documents: { slug: string }[] };
  return body.documents.length;
}

async function openLibrary(page: Page, query = ''): Promise<void> {
  await page.goto(`/en${query}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
  await expect(page.getByTestId('new-document').getByRole('button', { name: 'Import' })).toBeEnabled();
}

test.beforeEach(() => {
  resetDocument(SEED_SLUG);
});

test('lists the seed with its title, row count and rows by status, and opens it', async ({ page }) => {
  await openLibrary(page, SEED_QUERY);
  const card = page.getByTestId('document-list').locator(`li.doc-card[data-slug="${SEED_SLUG}"]`);
  await expect(card).toBeVisible();
  await expect(card.locator('.doc-title-source')).toHaveText(SEED_TITLE);
  await expect(card.locator('.doc-title-source')).toHaveAttribute('lang', 'ar');
  await expect(card.locator('.doc-title-target')).toHaveText('Putin Receives General Haftar at the Kremlin');
  await expect(card.locator('.doc-meta')).toContainText('21 rows');
  await expect(card.locator('.doc-meta')).toContainText('38% translated'); // 8 of 21
  const counts = card.locator('.status-counts');
  await expect(counts.locator('li[data-status="untranslated"]')).toHaveText('Untranslated: 10');
  await expect(counts.locator('li[data-status="draft"]')).toHaveText('Draft: 3');
  await expect(counts.locator('li[data-status="needs-changes"]')).toHaveText('Needs changes: 0');
  await expect(counts.locator('li[data-status="translated"]')).toHaveText('Translated: 8');
  await expect(counts.locator('li[data-status="approved"]')).toHaveText('Approved: 0');

  await card.getByRole('link', { name: 'Open in editor' }).click();
  await expect(page).toHaveURL(new RegExp(`/en/documents/${SEED_SLUG}$`));
  await expect(editorRows(page)).toHaveCount(SEED_ROW_COUNT);
});

test('importing pasted text creates a document that the library lists and the editor opens', async ({ page }) => {
  const slug = uniqueSlug('e2e-paste');
  await openLibrary(page);
  const form = page.getByTestId('new-document');
  await form.locator('textarea[name="text"]').fill(ARTICLE);
  await form.locator('input[name="slug"]').fill(slug);
  await form.getByRole('button', { name: 'Import' }).click();

  // The new document opens at once.
  await expect(page).toHaveURL(new RegExp(`/en/documents/${slug}$`));
  await expect(editorRows(page)).toHaveCount(3);

  const doc = readDocumentJson<BilingualDocument>(slug);
  expect(doc.title).toBe('عنوان مقال الاختبار');
  expect(doc.rows.map((r) => r.source[0]!.kind)).toEqual(['title', 'paragraph', 'numbered']);
  expect(doc.rows.every((r) => r.status === 'untranslated' && r.rev === 1)).toBe(true);

  await openLibrary(page);
  const card = page.locator(`li.doc-card[data-slug="${slug}"]`);
  await expect(card).toBeVisible();
  await expect(card.locator('.doc-title-source')).toHaveText('عنوان مقال الاختبار');
  await expect(card.locator('.doc-meta')).toContainText('3 rows');
  await expect(card.locator('li[data-status="untranslated"]')).toHaveText('Untranslated: 3');

  await card.getByRole('link', { name: 'Open in editor' }).click();
  await expect(page).toHaveURL(new RegExp(`/en/documents/${slug}$`));
  await expect(editorRows(page)).toHaveCount(3);
  await expect(editorRows(page).nth(2).locator('.src-marker')).toHaveText('1.');
  await expect(editorRows(page).nth(1).locator('.cell-source')).toHaveText('هذه فقرة أولى من النص المستورد.');
});

test('a .txt file chosen in the form fills the text box and imports', async ({ page }) => {
  const slug = uniqueSlug('e2e-file');
  const text = ['# مقال من ملف', '', 'الفقرة الأولى من الملف.', '', 'الفقرة الثانية من الملف.', '', '- بند نقطي'].join('\n');
  await openLibrary(page);
  const form = page.getByTestId('new-document');
  await form.locator('input[type="file"][name="file"]').setInputFiles({
    name: 'article.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(text, 'utf8'),
  });
  await expect(form.locator('textarea[name="text"]')).toHaveValue(text);
  await form.locator('input[name="slug"]').fill(slug);
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(page).toHaveURL(new RegExp(`/en/documents/${slug}$`));
  await expect(editorRows(page)).toHaveCount(4);

  const doc = readDocumentJson<BilingualDocument>(slug);
  expect(doc.rows.map((r) => r.source[0]!.kind)).toEqual(['title', 'paragraph', 'paragraph', 'bulleted']);
  expect(doc.rows.map((r) => r.source[0]!.text)).toEqual(['مقال من ملف', 'الفقرة الأولى من الملف.', 'الفقرة الثانية من الملف.', 'بند نقطي']);

  await openLibrary(page);
  await expect(page.locator(`li.doc-card[data-slug="${slug}"]`)).toContainText('مقال من ملف');
});

test.describe('a bad import shows its error and creates nothing', () => {
  const cases: { name: string; text: string; slug?: string; error: RegExp }[] = [
    { name: 'empty text', text: '', error: /empty/i },
    { name: 'whitespace-only text', text: '  \n\n \t ', error: /empty/i },
    { name: 'an invalid slug', text: ARTICLE, slug: 'Bad Slug!', error: /slug/i },
  ];
  for (const c of cases) {
    test(c.name, async ({ page, request }) => {
      const countBefore = await documentCount(request);
      const foldersBefore = listDocumentFolders();
      await openLibrary(page);
      const form = page.getByTestId('new-document');
      await form.locator('textarea[name="text"]').fill(c.text);
      if (c.slug) await form.locator('input[name="slug"]').fill(c.slug);
      await form.getByRole('button', { name: 'Import' }).click();

      await expect(form.getByTestId('import-error')).toHaveText(c.error);
      await expect(form.getByTestId('import-ok')).toHaveCount(0);
      // What was typed stays, so it can be corrected.
      await expect(form.locator('textarea[name="text"]')).toHaveValue(c.text);
      expect(await documentCount(request)).toBe(countBefore);
      expect(listDocumentFolders()).toEqual(foldersBefore);
    });
  }
});

test('importing a slug that is taken is refused, and the existing document is untouched', async ({ page, request }) => {
  const before = readDocumentJson<BilingualDocument>(SEED_SLUG);
  const countBefore = await documentCount(request);
  await openLibrary(page);
  const form = page.getByTestId('new-document');
  await form.locator('textarea[name="text"]').fill(ARTICLE);
  await form.locator('input[name="slug"]').fill(SEED_SLUG);
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(form.getByTestId('import-error')).toContainText('already exists');
  expect(await documentCount(request)).toBe(countBefore);
  expect(readDocumentJson<BilingualDocument>(SEED_SLUG)).toEqual(before);
});

test('the library pages 50 at a time, searches titles Arabic-folded and sorts by title, all by address', async ({ page, request }) => {
  // A word no other document has, so the search finds only this test's documents.
  const marker = uniqueSlug('lib').replace(/-/g, '');
  for (let n = 1; n <= 52; n++) {
    const text = `# مكتبة ${marker} ${String(n).padStart(2, '0')}\n\nفقرة.`;
    const response = await request.post('/api/documents', { data: { text, slug: `${marker}-${n}` } });
    expect(response.status()).toBe(201);
  }
  expect((await request.post('/api/documents', { data: { text: `# أرشيف ${marker}\n\nفقرة.`, slug: `${marker}-archive` } })).status()).toBe(201);

  await page.goto(`/en?q=${marker}`);
  await expect(page.getByTestId('library-status')).toHaveText(`Showing 1–50 of 53 matching “${marker}”`);
  await expect(page.locator('li.doc-card')).toHaveCount(50);
  const pager = page.getByTestId('library-pager');
  await expect(pager.getByRole('link', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page');
  await pager.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(new RegExp(`\\?q=${marker}&page=2$`));
  await expect(page.locator('li.doc-card')).toHaveCount(3);
  await expect(page.getByTestId('library-status')).toHaveText(`Showing 51–53 of 53 matching “${marker}”`);

  // Sorting is a GET form: a new order starts at the first page.
  const search = page.getByTestId('library-search');
  await search.getByLabel('Sort by').selectOption('title');
  await search.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(new RegExp(`\\?q=${marker}&sort=title$`));
  const titles = page.locator('li.doc-card .doc-title-source');
  await expect(titles.nth(1)).toHaveText(`مكتبة ${marker} 01`);
  await expect(titles.nth(49)).toHaveText(`مكتبة ${marker} 49`);

  // Hamza on the alef is folded: ارشيف finds أرشيف.
  await page.goto(`/en?q=${encodeURIComponent(`ارشيف ${marker}`)}`);
  await expect(page.locator('li.doc-card')).toHaveCount(1);
  await expect(page.locator('li.doc-card')).toHaveAttribute('data-slug', `${marker}-archive`);
  await expect(page.getByTestId('library-pager')).toHaveCount(0);

  // An address past the end says so and links back.
  await page.goto(`/en?q=${marker}&page=9`);
  await expect(page.getByTestId('library-status')).toHaveText('There is no page 9: the library has 2 pages.');
  await page.getByRole('link', { name: 'Go to the first page' }).click();
  await expect(page.locator('li.doc-card')).toHaveCount(50);
});

test('the cards the server sends are the cards the browser keeps, in both interface languages', async ({ page }) => {
  // React names a server/browser difference it had to repair (a number or a date written differently) on the console.
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  for (const locale of ['en', 'ar']) {
    const served = await (await page.request.get(`/${locale}${SEED_QUERY}`)).text();
    await page.goto(`/${locale}${SEED_QUERY}`);
    await expect(page.getByTestId('new-document').getByRole('button', { name: locale === 'ar' ? 'استورد' : 'Import' })).toBeEnabled();
    const card = page.locator(`li.doc-card[data-slug="${SEED_SLUG}"]`);
    const words = await card.getByTestId('word-progress').textContent();
    const updated = await card.locator('.doc-meta > span').nth(3).textContent();
    expect(served).toContain(words!);
    expect(served).toContain(updated!);
    await expect(card.locator('li[data-status="translated"]')).toHaveText(locale === 'ar' ? 'مترجم: 8' : 'Translated: 8');
  }
  expect(problems).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the library lists, searches and links to every document and its report', async ({ page }) => {
    await page.goto('/ar');
    const search = page.getByTestId('library-search');
    await search.getByRole('searchbox').fill(SEED_TITLE.split(' ')[0]!);
    await search.getByRole('button').click();
    const card = page.locator(`li.doc-card[data-slug="${SEED_SLUG}"]`);
    await expect(card.getByRole('heading', { level: 2 })).toHaveText(SEED_TITLE);
    await expect(card.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '8');
    await expect(card.getByRole('link', { name: 'افتح في المحرر' })).toHaveAttribute('href', `/ar/documents/${SEED_SLUG}`);
    await card.getByTestId('report-link').click();
    await expect(page).toHaveURL(new RegExp(`/ar/documents/${SEED_SLUG}/report$`));
  });
});
