import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { editorRows, openEditor, resetDocument, saveState, SEED_ROW_COUNT, SEED_SLUG, SEED_TITLE, SEED_QUERY } from './helpers';

test.use({ viewport: { width: 1400, height: 900 } });

test.beforeEach(() => {
  resetDocument(SEED_SLUG);
});

/** The interface language select in the header, by its accessible name in the current UI language. */
function languageSelect(page: Page, name: string) {
  return page.locator('header.site-header').getByRole('combobox', { name });
}

test('/ar is a right-to-left Arabic interface', async ({ page }) => {
  const response = await page.goto(`/ar${SEED_QUERY}`);
  expect(response!.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('المستندات');
  await expect(page.getByRole('heading', { level: 2, name: 'مستند جديد' })).toBeVisible();
  await expect(page.getByTestId('new-document').getByRole('button', { name: 'استورد' })).toBeVisible();
  await expect(page.locator('header.site-header')).toContainText('المكتبة');
  const card = page.locator(`li.doc-card[data-slug="${SEED_SLUG}"]`);
  await expect(card.locator('.doc-title-source')).toHaveText(SEED_TITLE);
  await expect(card.locator('li[data-status="translated"]')).toContainText('مترجم');
  // The English title of the document stays English, left to right, inside the Arabic interface.
  await expect(card.locator('.doc-title-target')).toHaveAttribute('lang', 'en');
  await expect(card.locator('.doc-title-target')).toHaveAttribute('dir', 'ltr');
});

test('/en is a left-to-right English interface', async ({ page }) => {
  await page.goto('/en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Documents');
});

test('the Arabic editor keeps Arabic cells rtl and English cells ltr, level with each other', async ({ page }) => {
  await openEditor(page, SEED_SLUG, 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const rows = editorRows(page);
  await expect(rows).toHaveCount(SEED_ROW_COUNT);
  await expect(page.locator('.rows-head')).toContainText('الأصل');
  await expect(saveState(page)).toHaveText('حُفظت كل التغييرات');

  for (let i = 0; i < SEED_ROW_COUNT; i++) {
    const source = rows.nth(i).locator('.cell-source');
    const target = rows.nth(i).getByTestId('target-cell');
    await expect(source).toHaveAttribute('lang', 'ar');
    await expect(source).toHaveAttribute('dir', 'rtl');
    await expect(target).toHaveAttribute('lang', 'en');
    await expect(target).toHaveAttribute('dir', 'ltr');
    const [s, t] = [await source.boundingBox(), await target.boundingBox()];
    expect(s && t, `row ${i + 1} has both cells`).toBeTruthy();
    expect(Math.abs(s!.y - t!.y), `row ${i + 1}: Arabic cell at y=${s!.y}, English at y=${t!.y}`).toBeLessThanOrEqual(2);
  }
});

test('the language switcher on an editor page switches to /ar/documents/<slug> and back, keeping the page', async ({ page }) => {
  await openEditor(page, SEED_SLUG, 'en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await languageSelect(page, 'Interface language').selectOption('ar');

  await expect(page).toHaveURL(new RegExp(`/ar/documents/${SEED_SLUG}$`));
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-slug', SEED_SLUG);
  await expect(editorRows(page)).toHaveCount(SEED_ROW_COUNT);
  await expect(page.locator('.rows-head')).toContainText('الترجمة');
  await expect(languageSelect(page, 'لغة الواجهة')).toHaveValue('ar');

  await languageSelect(page, 'لغة الواجهة').selectOption('en');
  await expect(page).toHaveURL(new RegExp(`/en/documents/${SEED_SLUG}$`));
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.rows-head')).toContainText('Translation');
  await expect(editorRows(page)).toHaveCount(SEED_ROW_COUNT);
});

test('the language switcher on the library goes to /ar', async ({ page }) => {
  await page.goto('/en');
  await languageSelect(page, 'Interface language').selectOption('ar');
  await expect(page).toHaveURL(/\/ar$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('المستندات');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});
