import { expect, test } from '../../e2e/fixtures';
import { openEditor, rowAt, SEED_SLUG } from '../../e2e/helpers';

/**
 * The README's screenshots, from the app as it is: the library, the editor (with a note and the quality checks)
 * and the reading page, in English and in Arabic. Written to docs/screenshots/ at 1280 × 800, one scale, so the
 * PNG files stay small. Run with `npm run screenshots` after a change to what they show.
 */
const OUT = 'docs/screenshots';

test.use({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });

for (const locale of ['en', 'ar'] as const) {
  test(`screenshots (${locale})`, async ({ page, request }) => {
    // One note to show, on the seed's second row (made once; the content folder is a fresh copy each run).
    const notes = (await (await request.get(`/api/documents/${SEED_SLUG}/notes`)).json()) as unknown[];
    if (!notes.length) {
      const doc = (await (await request.get(`/api/documents/${SEED_SLUG}`)).json()) as { rows: { id: string }[] };
      const made = await request.post(`/api/documents/${SEED_SLUG}/notes`, {
        data: { rowId: doc.rows[1]!.id, side: 'target', quote: { exact: 'Vladimir Putin' }, body: 'Is the full name needed here?' },
      });
      expect(made.ok()).toBe(true);
    }

    await page.goto(`/${locale}`);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${OUT}/library-${locale}.png` });

    await openEditor(page, SEED_SLUG, locale);
    await page.getByTestId('open-qa').click();
    await expect(page.getByTestId('qa-summary')).not.toHaveText(/…$/);
    await rowAt(page, 9).getByTestId('target-cell').click();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${OUT}/editor-${locale}.png` });

    const published = await request.post(`/api/documents/${SEED_SLUG}/publish`, { data: {} });
    expect(published.ok(), await published.text()).toBe(true);
    await page.goto(`/${locale}/read/${SEED_SLUG}`);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${OUT}/reader-${locale}.png` });
  });
}
