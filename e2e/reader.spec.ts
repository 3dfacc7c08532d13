import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { expect, test, userName, type TestRole } from './fixtures';
import { contentDir, readDocumentJson, resetDocument, SEED_ROW_COUNT, SEED_SLUG, SEED_TITLE, type BilingualDocument, SEED_QUERY } from './helpers';

/** The layouts as `?layout=` names them for the seed (Arabic → English). */
const LAYOUTS = ['side', 'interleaved', 'ar', 'en'] as const;
const SEED_CREDIT = 'Al-Wasat, 10 May 2025';
const SEED_SOURCE_URL = 'https://example.org/libya/haftar-kremlin';

/** Takes a document off the public site by removing its snapshot files (the store's own files for it). */
function removePublished(slug: string): void {
  for (const name of ['published.json', 'withdrawn.json']) fs.rmSync(path.join(contentDir(), 'documents', slug, name), { force: true });
}

function resetSeed(): void {
  resetDocument(SEED_SLUG);
  removePublished(SEED_SLUG);
}

/** A request context signed in as `role` (next to a test's own, which may be signed out). */
async function apiAs(playwright: PlaywrightWorkerArgs['playwright'], role: Exclude<TestRole, 'none'>): Promise<APIRequestContext> {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const response = await request.post('/api/session', { data: { name: userName(role), password: process.env.E2E_PASSWORD } });
  expect(response.status(), await response.text()).toBe(200);
  return request;
}

/** Publishes through the API as the editor; returns the new version. */
async function publish(playwright: PlaywrightWorkerArgs['playwright'], slug = SEED_SLUG, data: Record<string, string> = {}): Promise<number> {
  const editor = await apiAs(playwright, 'editor');
  try {
    const response = await editor.post(`/api/documents/${slug}/publish`, { data });
    expect([200, 201], await response.text()).toContain(response.status());
    return ((await response.json()) as { version: number }).version;
  } finally {
    await editor.dispose();
  }
}

function seedRows(): BilingualDocument['rows'] {
  return readDocumentJson<BilingualDocument>(SEED_SLUG).rows;
}

function readerRows(page: Page) {
  return page.locator('.r-row');
}

/** Every row shows something in this layout: the side(s) it shows are visible, the others hidden. */
async function expectRowsShown(page: Page, layout: (typeof LAYOUTS)[number]): Promise<void> {
  const rows = readerRows(page);
  await expect(rows).toHaveCount(SEED_ROW_COUNT);
  const visibleRows = await rows.evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetHeight > 0).length);
  expect(visibleRows).toBe(SEED_ROW_COUNT);
  const shown = (side: 'source' | 'target') =>
    rows.locator(side === 'source' ? '.r-src' : '.r-tgt').evaluateAll((els) => els.filter((el) => getComputedStyle(el).display !== 'none').length);
  expect(await shown('source')).toBe(layout === 'en' ? 0 : SEED_ROW_COUNT);
  expect(await shown('target')).toBe(layout === 'ar' ? 0 : SEED_ROW_COUNT);
}

test.beforeEach(() => resetSeed());
test.afterAll(() => {
  // Later spec files find the seed as the repository has it: not published.
  resetSeed();
});

test.describe('publishing through the API', () => {
  test('an editor publishes, publishes again, reads the state, and unpublishes', async ({ request }) => {
    let response = await request.get(`/api/documents/${SEED_SLUG}/publish`);
    expect(await response.json()).toMatchObject({ published: false, version: null, changedRows: null, untranslatedRows: 10 });

    response = await request.post(`/api/documents/${SEED_SLUG}/publish`, { data: { credit: SEED_CREDIT, sourceUrl: SEED_SOURCE_URL } });
    expect(response.status()).toBe(201);
    const first = await response.json();
    expect(first).toMatchObject({ version: 1, url: `/read/${SEED_SLUG}`, rows: SEED_ROW_COUNT });
    expect(Date.parse(first.publishedAt)).not.toBeNaN();
    const file = JSON.parse(fs.readFileSync(path.join(contentDir(), 'documents', SEED_SLUG, 'published.json'), 'utf8'));
    expect(file).toMatchObject({ schemaVersion: 1, version: 1, title: SEED_TITLE, credit: SEED_CREDIT, sourceUrl: SEED_SOURCE_URL });
    expect(file.rows).toHaveLength(SEED_ROW_COUNT);

    response = await request.post(`/api/documents/${SEED_SLUG}/publish`);
    expect(response.status()).toBe(200);
    expect((await response.json()).version).toBe(2);
    response = await request.get(`/api/documents/${SEED_SLUG}/publish`);
    expect(await response.json()).toMatchObject({ published: true, version: 2, changedRows: 0, credit: SEED_CREDIT, publishedBy: userName('editor') });

    response = await request.delete(`/api/documents/${SEED_SLUG}/publish`);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ published: false, version: 2 });
    response = await request.delete(`/api/documents/${SEED_SLUG}/publish`);
    expect(response.status()).toBe(404);
    // Versions count on after an unpublish: a number never names two texts.
    response = await request.post(`/api/documents/${SEED_SLUG}/publish`);
    expect(response.status()).toBe(201);
    expect((await response.json()).version).toBe(3);
  });

  test('bad requests change nothing', async ({ request }) => {
    for (const data of ['{"credit": 5}', '{"sourceUrl": "javascript:alert(1)"}', '{"other": 1}', '{not json']) {
      const response = await request.post(`/api/documents/${SEED_SLUG}/publish`, { headers: { 'content-type': 'application/json' }, data });
      expect(response.status(), data).toBe(400);
      expect((await response.json()).error.code).toBe('invalid');
    }
    expect((await request.post('/api/documents/no-such-document/publish')).status()).toBe(404);
    expect((await request.post('/api/documents/Bad..Slug/publish')).status()).toBe(400);
    expect(fs.existsSync(path.join(contentDir(), 'documents', SEED_SLUG, 'published.json'))).toBe(false);
  });

  for (const role of ['translator', 'reviewer'] as const) {
    test(`a ${role} may read the state but not publish or unpublish`, async ({ playwright }) => {
      await publish(playwright);
      const api = await apiAs(playwright, role);
      try {
        expect((await api.get(`/api/documents/${SEED_SLUG}/publish`)).status()).toBe(200);
        expect((await api.post(`/api/documents/${SEED_SLUG}/publish`)).status()).toBe(403);
        expect((await api.delete(`/api/documents/${SEED_SLUG}/publish`)).status()).toBe(403);
        const html = await api.get(`/api/documents/${SEED_SLUG}/export?format=html`);
        expect(html.status()).toBe(200);
      } finally {
        await api.dispose();
      }
    });
  }

  test.describe('signed out', () => {
    test.use({ role: 'none' });
    test('nobody signed out may publish, read the state or export', async ({ request }) => {
      expect((await request.post(`/api/documents/${SEED_SLUG}/publish`)).status()).toBe(401);
      expect((await request.get(`/api/documents/${SEED_SLUG}/publish`)).status()).toBe(401);
      expect((await request.get(`/api/documents/${SEED_SLUG}/export?format=html`)).status()).toBe(401);
    });
  });
});

test.describe('the public reading page', () => {
  test.use({ role: 'none' });

  test('shows the 21 rows in every layout, with the title block, and every block carries lang and dir', async ({ page, playwright }) => {
    await publish(playwright, SEED_SLUG, { credit: SEED_CREDIT, sourceUrl: SEED_SOURCE_URL });
    for (const layout of LAYOUTS) {
      const response = await page.goto(`/en/read/${SEED_SLUG}?layout=${layout}`);
      expect(response?.status()).toBe(200);
      await expectRowsShown(page, layout);
    }
    await page.goto(`/en/read/${SEED_SLUG}`);
    await expect(page.getByTestId('reader')).not.toHaveAttribute('data-layout', /interleaved|source|target/);
    const titles = page.locator('h1');
    await expect(titles.filter({ hasText: SEED_TITLE })).toHaveAttribute('lang', 'ar');
    await expect(titles.filter({ hasText: 'Putin Receives General Haftar at the Kremlin' })).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('reader-credit')).toContainText(SEED_CREDIT);
    await expect(page.getByTestId('reader-credit').getByRole('link')).toHaveAttribute('href', SEED_SOURCE_URL);
    await expect(page.getByTestId('reader-version')).toHaveText('Version 1');
    await expect(page).toHaveTitle(/Putin Receives General Haftar|بوتين/);
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /Putin Receives General Haftar at the Kremlin/);
    await expect(page.locator('meta[property="og:description"]')).toHaveAttribute('content', /Putin/);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /.{40,}/);
    // Headings and lists keep their kind, on both sides.
    await expect(page.locator('.r-src h2')).toHaveCount(4);
    await expect(page.locator('.r-tgt h2')).toHaveCount(3); // the fourth heading is not translated yet
    await expect(page.locator('.r-src ol > li')).toHaveCount(4);
    await expect(page.locator('.r-src ul > li')).toHaveCount(3);
    const missing = await page.locator('.r-block').evaluateAll((els) => els.filter((el) => !el.getAttribute('lang') || !el.getAttribute('dir')).length);
    expect(missing).toBe(0);
    await expect(page.locator('.r-src .r-block').first()).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('.r-tgt .r-block').first()).toHaveAttribute('dir', 'ltr');
    // The Naskh face, larger than the English, on a taller line.
    const arabic = await page.locator('.r-src p.r-block').first().evaluate((el) => getComputedStyle(el));
    const english = await page.locator('.r-tgt p.r-block').first().evaluate((el) => getComputedStyle(el));
    expect(arabic.fontFamily).toContain('Noto Naskh Arabic');
    const ratio = parseFloat(arabic.fontSize) / parseFloat(english.fontSize);
    expect(ratio).toBeGreaterThanOrEqual(1.25);
    expect(ratio).toBeLessThanOrEqual(1.4);
    expect(parseFloat(arabic.lineHeight) / parseFloat(arabic.fontSize)).toBeCloseTo(1.85, 1);
  });

  test('later edits stay off the page until the document is published again', async ({ page, playwright }) => {
    await publish(playwright);
    const row = seedRows()[11]!;
    const text = 'Oil and gas exploration agreements in Libyan waters';
    const editor = await apiAs(playwright, 'editor');
    try {
      const saved = await editor.patch(`/api/documents/${SEED_SLUG}/rows/${row.id}`, {
        data: { target: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }, baseRev: row.rev },
      });
      expect(saved.status()).toBe(200);
      expect(await (await editor.get(`/api/documents/${SEED_SLUG}/publish`)).json()).toMatchObject({ version: 1, changedRows: 1 });

      await page.goto(`/en/read/${SEED_SLUG}`);
      await expect(page.locator(`#row-${row.id}`)).toContainText('Not translated yet');
      await expect(page.getByText(text)).toHaveCount(0);

      expect(await publish(playwright)).toBe(2);
      await page.reload();
      await expect(page.locator(`#row-${row.id} .r-tgt`)).toHaveText(`1.${text}`);
      await expect(page.getByTestId('reader-version')).toHaveText('Version 2');
      expect(await (await editor.get(`/api/documents/${SEED_SLUG}/publish`)).json()).toMatchObject({ version: 2, changedRows: 0 });
    } finally {
      await editor.dispose();
    }
  });

  test('the layout chosen stays in the address and survives a reload', async ({ page, playwright }) => {
    await publish(playwright);
    await page.goto(`/en/read/${SEED_SLUG}`);
    const control = page.getByRole('list', { name: 'Layout' });
    await expect(control.getByRole('link', { name: 'Side by side' })).toHaveAttribute('aria-current', 'page');
    await control.getByRole('link', { name: 'Interleaved' }).click();
    await expect(page).toHaveURL(/\?layout=interleaved$/);
    await expect(page.getByTestId('reader')).toHaveAttribute('data-layout', 'interleaved');
    await page.reload();
    await expect(page.getByTestId('reader')).toHaveAttribute('data-layout', 'interleaved');
    await expect(control.getByRole('link', { name: 'Interleaved' })).toHaveAttribute('aria-current', 'page');
    // Interleaved: each translation under its original.
    const row = readerRows(page).nth(1);
    const src = await row.locator('.r-src').boundingBox();
    const tgt = await row.locator('.r-tgt').boundingBox();
    expect(tgt!.y).toBeGreaterThanOrEqual(src!.y + src!.height - 1);
    await control.getByRole('link', { name: 'English only' }).click();
    await expect(page).toHaveURL(/\?layout=en$/);
    await page.reload();
    await expectRowsShown(page, 'en');
    // The interface language switch keeps the layout.
    await page.getByRole('list', { name: 'Interface language' }).getByRole('link', { name: 'العربية' }).click();
    await expect(page).toHaveURL(new RegExp(`/ar/read/${SEED_SLUG}\\?layout=en$`));
    await expectRowsShown(page, 'en');
  });

  test('a permalink opens the page at its row and marks it; the permalink is visible on every row', async ({ page, playwright }) => {
    await publish(playwright);
    const rows = seedRows();
    const target = rows[17]!;
    await page.goto(`/en/read/${SEED_SLUG}?layout=interleaved#row-${target.id}`);
    const row = page.locator(`#row-${target.id}`);
    await expect(row).toBeInViewport();
    expect(await row.evaluate((el) => el.matches(':target'))).toBe(true);
    await expect(row).toHaveCSS('background-color', 'rgb(255, 227, 154)');
    await expect(readerRows(page).first()).not.toHaveCSS('background-color', 'rgb(255, 227, 154)');
    // Every row's permalink is a real link to its own anchor, shown with the row's number.
    const permalinks = page.locator('a.r-permalink');
    await expect(permalinks).toHaveCount(SEED_ROW_COUNT);
    await expect(permalinks.nth(3)).toBeVisible();
    await expect(permalinks.nth(3)).toHaveAttribute('href', `#row-${rows[3]!.id}`);
    await expect(permalinks.nth(3)).toHaveText('4');
    // Following one marks its row instead.
    await permalinks.nth(3).click();
    await expect(page).toHaveURL(new RegExp(`\\?layout=interleaved#row-${rows[3]!.id}$`));
    await expect(page.locator(`#row-${rows[3]!.id}`)).toHaveCSS('background-color', 'rgb(255, 227, 154)');
    await expect(row).not.toHaveCSS('background-color', 'rgb(255, 227, 154)');
  });

  test('following a permalink also copies its full address, layout included', async ({ page, context, playwright }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await publish(playwright);
    const rows = seedRows();
    await page.goto(`/en/read/${SEED_SLUG}?layout=ar`);
    await page.locator('a.r-permalink').nth(5).click();
    await expect(page.getByTestId('copy-status')).toHaveText('Link to the paragraph copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${new URL(page.url()).origin}/en/read/${SEED_SLUG}?layout=ar#row-${rows[5]!.id}`);
  });

  test('hovering or focusing one side lights up its counterpart', async ({ page, playwright }) => {
    await publish(playwright);
    await page.goto(`/en/read/${SEED_SLUG}`);
    const row = readerRows(page).nth(2);
    const before = await row.locator('.r-tgt').evaluate((el) => getComputedStyle(el).backgroundColor);
    await row.locator('.r-src p').hover();
    await expect(row.locator('.r-tgt')).toHaveCSS('background-color', 'rgb(255, 244, 204)');
    await page.mouse.move(0, 0);
    await expect(row.locator('.r-tgt')).toHaveCSS('background-color', before);
    await row.locator('a.r-permalink').focus();
    await expect(row.locator('.r-src')).toHaveCSS('background-color', 'rgb(255, 244, 204)');
    await expect(row.locator('.r-tgt')).toHaveCSS('background-color', 'rgb(255, 244, 204)');
  });

  test('public notes become numbered footnotes, linked both ways; internal notes stay private', async ({ page, playwright }) => {
    const rows = seedRows();
    const editor = await apiAs(playwright, 'editor');
    const notes: string[] = [];
    try {
      for (const data of [
        { rowId: rows[1]!.id, side: 'target', quote: { exact: 'Vladimir Putin' }, body: 'Spelled as the Kremlin spells it.', visibility: 'public' },
        { rowId: rows[1]!.id, side: 'source', quote: { exact: 'ماي' }, body: 'The Maghrebi name of May.', visibility: 'public' },
        { rowId: rows[3]!.id, side: 'source', body: 'A private remark for the translator.', visibility: 'internal' },
      ]) {
        const response = await editor.post(`/api/documents/${SEED_SLUG}/notes`, { data });
        expect(response.status()).toBe(201);
        notes.push((await response.json()).id);
      }
    } finally {
      await editor.dispose();
    }
    await publish(playwright);
    await page.goto(`/en/read/${SEED_SLUG}`);
    const footnotes = page.getByTestId('footnote');
    await expect(footnotes).toHaveCount(2);
    await expect(page.getByText('A private remark for the translator.')).toHaveCount(0);
    // Numbered in reading order: the Arabic side of the row first.
    await expect(footnotes.nth(0)).toHaveAttribute('id', `note-${notes[1]}`);
    await expect(footnotes.nth(1)).toHaveAttribute('id', `note-${notes[0]}`);
    await expect(footnotes.nth(1)).toContainText('Spelled as the Kremlin spells it.');
    await expect(footnotes.nth(1)).toContainText('Vladimir Putin');

    const ref = page.locator(`#ref-${notes[0]}`);
    await expect(ref).toHaveText('2');
    // The mark sits right after the quoted words.
    expect(await ref.evaluate((a) => a.closest('sup')?.previousSibling?.textContent?.endsWith('Vladimir Putin'))).toBe(true);
    await ref.click();
    await expect(page).toHaveURL(new RegExp(`#note-${notes[0]}$`));
    await expect(footnotes.nth(1)).toBeInViewport();
    await expect(footnotes.nth(1)).toHaveCSS('background-color', 'rgb(255, 227, 154)');
    await footnotes.nth(1).getByRole('link', { name: 'Back to note 2 in the text' }).click();
    await expect(page).toHaveURL(new RegExp(`#ref-${notes[0]}$`));
    await expect(ref).toBeInViewport();

    // English only: the note on the Arabic has no mark to go back to, so it links back to its paragraph.
    await page.goto(`/en/read/${SEED_SLUG}?layout=en`);
    await expect(footnotes.nth(0).getByRole('link', { name: 'Back to note 1 in the text' })).toBeHidden();
    await footnotes.nth(0).getByRole('link', { name: 'Back to the paragraph of note 1' }).click();
    await expect(page.locator(`#row-${rows[1]!.id}`)).toBeInViewport();
  });

  test('an unpublished document is not found, for everyone', async ({ page, playwright }) => {
    let response = await page.goto(`/en/read/${SEED_SLUG}`);
    expect(response?.status()).toBe(404);
    response = await page.goto(`/ar/read/no-such-document`);
    expect(response?.status()).toBe(404);
    response = await page.goto(`/en/read/Not..A..Slug`);
    expect(response?.status()).toBe(404);

    await publish(playwright);
    expect((await page.goto(`/en/read/${SEED_SLUG}`))?.status()).toBe(200);
    const editor = await apiAs(playwright, 'editor');
    try {
      expect((await editor.delete(`/api/documents/${SEED_SLUG}/publish`)).status()).toBe(200);
      // Signed in as an editor too: the reading page shows only what is published.
      expect((await editor.get(`/en/read/${SEED_SLUG}`)).status()).toBe(404);
    } finally {
      await editor.dispose();
    }
    expect((await page.goto(`/en/read/${SEED_SLUG}`))?.status()).toBe(404);
  });

  test('the index lists published documents only', async ({ page, playwright }) => {
    await page.goto('/en/read');
    await expect(page.getByRole('heading', { level: 1, name: 'Published translations' })).toBeVisible();
    await expect(page.getByTestId('published-list')).toHaveCount(0);
    await publish(playwright);
    await page.reload();
    const card = page.getByTestId('published-list').locator(`[data-slug="${SEED_SLUG}"]`);
    await expect(card).toContainText(SEED_TITLE);
    await expect(card).toContainText('Version 1');
    await card.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/en/read/${SEED_SLUG}$`));
    await expect(readerRows(page)).toHaveCount(SEED_ROW_COUNT);
  });

  test('prints on A4 with no controls, whole rows and link addresses written out', async ({ page, playwright }, testInfo) => {
    await publish(playwright, SEED_SLUG, { credit: SEED_CREDIT, sourceUrl: SEED_SOURCE_URL });
    await page.goto(`/en/read/${SEED_SLUG}`);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header')).toBeHidden();
    await expect(page.locator('.r-toolbar')).toBeHidden();
    await expect(page.locator('a.r-permalink').first()).toBeHidden();
    await expect(readerRows(page).first()).toHaveCSS('break-inside', 'avoid');
    const after = await page.getByTestId('reader-credit').getByRole('link').evaluate((a) => getComputedStyle(a, '::after').content);
    expect(after).toContain(SEED_SOURCE_URL);
    await expectRowsShown(page, 'side');
    await testInfo.attach('print', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    await testInfo.attach('print.pdf', { body: pdf, contentType: 'application/pdf' });
    // A4 pages: 210 x 297 mm, 595 x 842 points.
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBeGreaterThan(1);
    for (const [w, h] of boxes) {
      expect(Math.abs(w! - 595.3)).toBeLessThan(2);
      expect(Math.abs(h! - 841.9)).toBeLessThan(2);
    }
  });

  test('ships no script file: the HTML holds at most the small inline enhancement, nothing of ProseMirror', async ({ page, playwright }) => {
    await publish(playwright);
    const response = await page.goto(`/en/read/${SEED_SLUG}`);
    const html = await response!.text();
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]!);
    expect(scripts.length).toBeLessThanOrEqual(1);
    for (const code of scripts) {
      expect(Buffer.byteLength(code)).toBeLessThan(2048);
      expect(code).not.toContain('prosemirror');
      expect(code).not.toContain('EditorView');
    }
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the page is complete and its layout links and permalinks work', async ({ page, playwright }) => {
      await publish(playwright);
      await page.goto(`/en/read/${SEED_SLUG}`);
      await expectRowsShown(page, 'side');
      await page.getByRole('link', { name: 'Arabic only' }).click();
      await expect(page).toHaveURL(/\?layout=ar$/);
      await expectRowsShown(page, 'ar');
      const permalink = page.locator('a.r-permalink').nth(6);
      await permalink.click();
      await expect(readerRows(page).nth(6)).toHaveCSS('background-color', 'rgb(255, 227, 154)');
    });
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 } });
    test('side by side becomes interleaved', async ({ page, playwright }) => {
      await publish(playwright);
      await page.goto(`/en/read/${SEED_SLUG}?layout=side`);
      await expectRowsShown(page, 'side');
      for (const n of [1, 4, 12]) {
        const row = readerRows(page).nth(n);
        const src = (await row.locator('.r-src').boundingBox())!;
        const tgt = (await row.locator('.r-tgt').boundingBox())!;
        expect(tgt.y, `row ${n + 1}`).toBeGreaterThanOrEqual(src.y + src.height - 1);
        expect(src.x + src.width).toBeLessThanOrEqual(390);
        expect(tgt.x + tgt.width).toBeLessThanOrEqual(390);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });
  });
});

/** A Content-Security-Policy header as directive → values. */
function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

test.describe('the reading pages as plain HTML', () => {
  test.use({ role: 'none' });

  test('no script file in any layout, in either language, and none at all in the index', async ({ request, playwright }) => {
    await publish(playwright);
    for (const locale of ['en', 'ar'] as const) {
      for (const layout of LAYOUTS) {
        const response = await request.get(`/${locale}/read/${SEED_SLUG}?layout=${layout}`);
        expect(response.status()).toBe(200);
        expect(response.headers()['content-type']).toBe('text/html; charset=utf-8');
        const html = await response.text();
        expect(html).toMatch(new RegExp(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}"`));
        const tags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
        expect(tags.length, `${locale} ${layout}`).toBe(1);
        expect(tags[0]![1]).not.toMatch(/\bsrc=/);
        expect(Buffer.byteLength(tags[0]![2]!)).toBeLessThan(1024);
        expect(html).not.toContain('/_next/');
      }
      const index = await request.get(`/${locale}/read`);
      expect(index.status()).toBe(200);
      const html = await index.text();
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toContain('/_next/');
    }
  });

  test('a strict policy: no nonce, the inline style and enhancement by their hashes; the common headers kept', async ({ page, request, playwright }) => {
    await publish(playwright);
    for (const url of [`/en/read/${SEED_SLUG}`, '/ar/read', '/en/read/no-such-document']) {
      const response = await request.get(url);
      const headers = response.headers();
      expect(headers, url).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'x-frame-options': 'DENY',
        'cross-origin-opener-policy': 'same-origin',
      });
      const csp = directives(headers['content-security-policy'] ?? '');
      expect(csp['default-src'], url).toEqual(["'none'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['base-uri']).toEqual(["'none'"]);
      for (const source of csp['script-src']!) expect(source, url).toMatch(/^'sha256-[A-Za-z0-9+/=]+'$/);
      for (const source of csp['style-src']!) expect(source, url).toMatch(/^'sha256-[A-Za-z0-9+/=]+'$/);
    }
    // In the browser: nothing refused, the enhancement runs, and the Naskh face comes from the app itself.
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`violation ${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`/ar/read/${SEED_SLUG}`);
    await expect(readerRows(page)).toHaveCount(SEED_ROW_COUNT);
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.includes('Noto Naskh Arabic') && f.status === 'loaded').length;
    });
    expect(loaded).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  test('a repeat visit is a 304 with no body; publishing again gives a new ETag', async ({ request, playwright }) => {
    await publish(playwright);
    const url = `/en/read/${SEED_SLUG}`;
    const first = await request.get(url);
    expect(first.status()).toBe(200);
    const etag = first.headers()['etag']!;
    expect(etag).toMatch(/^"[^"]+"$/); // strong
    expect(first.headers()['cache-control']).toMatch(/public/);
    expect(first.headers()['cache-control']).toMatch(/no-cache/);
    const again = await request.get(url, { headers: { 'if-none-match': etag } });
    expect(again.status()).toBe(304);
    expect((await again.body()).length).toBe(0);
    expect(again.headers()['etag']).toBe(etag);
    // Another layout or language is another page.
    const interleaved = await request.get(`${url}?layout=interleaved`, { headers: { 'if-none-match': etag } });
    expect(interleaved.status()).toBe(200);
    expect(interleaved.headers()['etag']).not.toBe(etag);
    expect((await request.get(`/ar/read/${SEED_SLUG}`, { headers: { 'if-none-match': etag } })).status()).toBe(200);
    const index = await request.get('/en/read');
    const indexEtag = index.headers()['etag']!;
    expect((await request.get('/en/read', { headers: { 'if-none-match': indexEtag } })).status()).toBe(304);

    expect(await publish(playwright)).toBe(2);
    const republished = await request.get(url, { headers: { 'if-none-match': etag } });
    expect(republished.status()).toBe(200);
    expect(republished.headers()['etag']).not.toBe(etag);
    expect(await republished.text()).toContain('Version 2');
    expect((await request.get(url, { headers: { 'if-none-match': republished.headers()['etag']! } })).status()).toBe(304);
    expect((await request.get('/en/read', { headers: { 'if-none-match': indexEtag } })).status()).toBe(200);
    // Not published any more: not found, and nothing kept.
    const editor = await apiAs(playwright, 'editor');
    try {
      expect((await editor.delete(`/api/documents/${SEED_SLUG}/publish`)).status()).toBe(200);
    } finally {
      await editor.dispose();
    }
    const gone = await request.get(url, { headers: { 'if-none-match': republished.headers()['etag']! } });
    expect(gone.status()).toBe(404);
    expect(gone.headers()['cache-control']).toBe('no-store');
  });

  test('the frame in plain HTML: the localized not-found page, a sign-in link back to the page, language links', async ({ page, playwright }) => {
    const missing = await page.goto('/ar/read/no-such-document');
    expect(missing?.status()).toBe(404);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('غير موجود');
    await expect(page.getByRole('link', { name: 'العودة إلى المكتبة' })).toHaveAttribute('href', '/ar');
    await publish(playwright);
    await page.goto(`/en/read/${SEED_SLUG}?layout=interleaved`);
    await expect(page.locator('.site-header').getByTestId('sign-in-link')).toHaveAttribute(
      'href',
      `/en/sign-in?next=${encodeURIComponent(`/en/read/${SEED_SLUG}?layout=interleaved`)}`,
    );
    const languages = page.getByRole('list', { name: 'Interface language' });
    await expect(languages.getByRole('link', { name: 'English' })).toHaveAttribute('aria-current', 'true');
    await languages.getByRole('link', { name: 'العربية' }).click();
    await expect(page).toHaveURL(new RegExp(`/ar/read/${SEED_SLUG}\\?layout=interleaved$`));
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByTestId('reader')).toHaveAttribute('data-layout', 'interleaved');
  });
});

test.describe('accessibility', () => {
  test.use({ role: 'none' });
  for (const locale of ['en', 'ar'] as const) {
    test(`axe finds no violations on the reading page in /${locale}, in every layout`, async ({ page, playwright }) => {
      test.slow(); // axe runs over four layouts and the index.
      const rows = seedRows();
      const editor = await apiAs(playwright, 'editor');
      try {
        const response = await editor.post(`/api/documents/${SEED_SLUG}/notes`, {
          data: { rowId: rows[1]!.id, side: 'target', quote: { exact: 'Vladimir Putin' }, body: 'A public note.', visibility: 'public' },
        });
        expect(response.status()).toBe(201);
      } finally {
        await editor.dispose();
      }
      await publish(playwright, SEED_SLUG, { credit: SEED_CREDIT, sourceUrl: SEED_SOURCE_URL });
      for (const layout of LAYOUTS) {
        await page.goto(`/${locale}/read/${SEED_SLUG}?layout=${layout}`);
        await expect(readerRows(page)).toHaveCount(SEED_ROW_COUNT);
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), layout).toEqual([]);
      }
      await page.goto(`/${locale}/read`);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help}`), 'index').toEqual([]);
    });
  }
});

test.describe('the static HTML export', () => {
  test('is one self-contained file that reads like the page, from file:// with no request anywhere', async ({ page, request }, testInfo) => {
    const refused = await request.get(`/api/documents/${SEED_SLUG}/export?format=html`);
    expect(refused.status()).toBe(409);
    expect((await request.post(`/api/documents/${SEED_SLUG}/publish`, { data: { credit: SEED_CREDIT, sourceUrl: SEED_SOURCE_URL } })).status()).toBe(201);

    const response = await request.get(`/api/documents/${SEED_SLUG}/export?format=html`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers()['content-disposition']).toBe(`attachment; filename="${SEED_SLUG}.v1.html"`);
    const html = await response.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/url\(data:font\/woff2;base64,/);
    const file = testInfo.outputPath(`${SEED_SLUG}.html`);
    fs.writeFileSync(file, html);

    const requests: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file://')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    await page.goto(`file://${file}`);
    await expectRowsShown(page, 'side');
    await expect(page.locator('h1').filter({ hasText: 'Putin Receives General Haftar at the Kremlin' })).toBeVisible();
    // The Naskh face is there without asking anyone for it.
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Naskh Arabic"', 'بوتين'))).toBe(true);
    // The layout switch works through CSS alone.
    await page.locator('label[for="rl-target"]').click();
    await expectRowsShown(page, 'en');
    await page.locator('label[for="rl-interleaved"]').click();
    await expectRowsShown(page, 'interleaved');
    const row = readerRows(page).nth(1);
    const src = (await row.locator('.r-src').boundingBox())!;
    expect((await row.locator('.r-tgt').boundingBox())!.y).toBeGreaterThanOrEqual(src.y + src.height - 1);
    // Permalinks work there too.
    await page.locator('a.r-permalink').nth(9).click();
    await expect(readerRows(page).nth(9)).toHaveCSS('background-color', 'rgb(255, 227, 154)');
    expect(requests).toEqual([]);
  });

  test('keeps json and w3c exports as they were', async ({ request }) => {
    const json = await request.get(`/api/documents/${SEED_SLUG}/export?format=json`);
    expect(json.status()).toBe(200);
    expect((await json.json()).rows).toHaveLength(SEED_ROW_COUNT);
    const w3c = await request.get(`/api/documents/${SEED_SLUG}/export?format=w3c`);
    expect(w3c.status()).toBe(200);
    expect((await w3c.json()).type).toBe('AnnotationCollection');
    expect((await request.get(`/api/documents/${SEED_SLUG}/export?format=pdf`)).status()).toBe(400);
  });
});

test.describe('the editor and the library', () => {
  test('the editor header shows the publication, counts changed rows, publishes and unpublishes', async ({ page }) => {
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`/en/documents/${SEED_SLUG}`);
    await expect(page.locator('html')).toHaveAttribute('data-editor-ready', 'true');
    const state = page.getByTestId('publish-state');
    await expect(state).toHaveText('not published');
    await page.getByTestId('publish-button').click();
    await expect(state).toHaveText('published v1 · 0 rows changed since');
    await expect(page.getByTestId('reading-page-link')).toHaveAttribute('href', `/en/read/${SEED_SLUG}`);

    // Type into an untranslated row: once saved, the count follows.
    const row = page.getByTestId('row').nth(11);
    await row.getByTestId('target-cell').click();
    await expect(row).toHaveAttribute('data-active', 'true');
    await page.keyboard.type('Oil and gas exploration agreements');
    await expect(state).toHaveText('published v1 · 1 row changed since', { timeout: 15_000 });
    await page.getByTestId('publish-button').click();
    await expect(state).toHaveText('published v2 · 0 rows changed since');

    await page.getByTestId('unpublish-button').click();
    await expect(state).toHaveText('not published');
    expect(fs.existsSync(path.join(contentDir(), 'documents', SEED_SLUG, 'published.json'))).toBe(false);
  });

  test('a translator sees the state but no publish buttons', async ({ browser, playwright }) => {
    await publish(playwright);
    const context = await browser.newContext();
    const api = await apiAs(playwright, 'translator');
    await context.addCookies((await api.storageState()).cookies);
    await api.dispose();
    const page = await context.newPage();
    try {
      await page.goto(`/en/documents/${SEED_SLUG}`);
      await expect(page.getByTestId('publish-state')).toHaveText('published v1 · 0 rows changed since');
      await expect(page.getByTestId('publish-button')).toHaveCount(0);
      await expect(page.getByTestId('unpublish-button')).toHaveCount(0);
    } finally {
      await context.close();
    }
  });

  test('the library marks published documents with a link to their reading page', async ({ page, playwright }) => {
    await page.goto(`/en${SEED_QUERY}`);
    const card = page.locator(`.doc-card[data-slug="${SEED_SLUG}"]`);
    await expect(card.getByTestId('published-link')).toHaveCount(0);
    await publish(playwright);
    await page.reload();
    await card.getByTestId('published-link').click();
    await expect(page).toHaveURL(new RegExp(`/en/read/${SEED_SLUG}$`));
    await expect(readerRows(page)).toHaveCount(SEED_ROW_COUNT);
  });
});
