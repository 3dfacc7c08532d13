import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext } from '@playwright/test';
import { apiAs, expect, test } from './fixtures';
import { removeTestDocument } from './hardening-helpers';
import {
  activateRow,
  contentDir,
  diskRow,
  openEditor,
  readSeedDocumentJson,
  rowAt,
  rowEditor,
  rowIdOf,
  selectTextIn,
  SEED_SLUG,
  typeAndSave,
  uniqueSlug,
  waitForRowSaved,
  type BilingualDocument,
} from './helpers';

/**
 * Drafts in the editor, against the running app and the LibreTranslate stand-in the e2e server starts
 * (scripts/fake-mt-server.mjs: "machine N words", a 500 for a text holding "عطل", a 429 with Retry-After: 30 for
 * one holding "زحام", 300 ms for one holding "بطيء"):
 * the machine translation beside the memory and Ctrl+0, glossary terms by number, adding a term from a
 * selection, the pre-translate dialog, the draft's origin on the row, and the offer to fill repetitions.
 */

test.use({ viewport: { width: 1400, height: 900 } });

const SEED_GLOSSARY = path.resolve(import.meta.dirname, '..', 'content', 'glossary.json');

/** Puts the seed glossary back (fresh mtime: the server caches the parsed file by mtime and size). */
function resetGlossary(): void {
  const file = path.join(contentDir(), 'glossary.json');
  fs.copyFileSync(SEED_GLOSSARY, file);
  const when = new Date(Date.now() + 1000);
  fs.utimesSync(file, when, when);
}

const created: string[] = [];
test.afterAll(() => {
  for (const slug of created.splice(0)) removeTestDocument(slug);
  resetGlossary();
});

async function createDocument(request: APIRequestContext, paragraphs: string[]): Promise<BilingualDocument> {
  const slug = uniqueSlug('e2e-drafts-ui');
  created.push(slug);
  const response = await request.post('/api/documents', { data: { text: paragraphs.join('\n\n'), slug, title: 'مسودات' } });
  expect(response.status(), await response.text()).toBe(201);
  return (await (await request.get(`/api/documents/${slug}`)).json()) as BilingualDocument;
}

/** Translated paragraphs of the seed: the shipped memory holds them, so they are 100 % matches. */
function seedTranslated(count: number): string[] {
  const seed = readSeedDocumentJson<BilingualDocument>(SEED_SLUG);
  return seed.rows
    .filter((r) => r.status === 'translated' && r.source.length === 1 && r.source[0]!.kind === 'paragraph')
    .slice(0, count)
    .map((r) => r.source[0]!.text);
}

for (const locale of ['en', 'ar'] as const) {
  test(`the machine translation sits beside the memory, marked with its provider; Ctrl+0 inserts it as one undoable step (/${locale})`, async ({
    page,
    request,
  }) => {
    const doc = await createDocument(request, ['استقبل الرئيس ضيفه في القصر صباح اليوم.', 'عطل في الخدمة.', 'زحام على الخدمة.']);
    await openEditor(page, doc.slug, locale);
    const row = rowAt(page, 1);
    await activateRow(row);
    const panel = row.getByTestId('mt-panel');
    await expect(panel).toHaveAttribute('data-state', 'ready');
    await expect(panel.getByRole('heading')).toHaveText(locale === 'en' ? 'Machine translation' : 'الترجمة الآلية');
    await expect(panel.getByTestId('mt-provider')).toContainText('libretranslate');
    await expect(row.getByTestId('tm-panel')).toBeVisible();
    const suggestion = (await panel.getByTestId('mt-target').textContent())!;
    expect(suggestion).toMatch(/machine \d+ words|Machine translation of \d+ words/);
    const axe = await new AxeBuilder({ page }).include('[data-testid="mt-panel"]').analyze();
    expect(axe.violations).toEqual([]);

    const before = Number(await row.getAttribute('data-rev'));
    await page.keyboard.press('Control+0');
    await expect(rowEditor(row)).toHaveText(suggestion);
    await page.keyboard.press('ControlOrMeta+z');
    await expect(rowEditor(row)).toHaveText('');
    await panel.getByTestId('mt-insert').click();
    await expect(rowEditor(row)).toHaveText(suggestion);
    await waitForRowSaved(page, row, before);
    const id = await rowIdOf(row);
    expect(diskRow(doc.slug, id)!.origin).toMatchObject({ kind: 'mt', provider: 'libretranslate' });
    const origin = row.getByTestId('row-origin');
    await expect(origin).toHaveAttribute('data-kind', 'mt');
    await expect(origin).toHaveAttribute('title', /libretranslate/);

    // A provider that fails is a sentence on its row; typing and saving go on.
    const failing = rowAt(page, 2);
    await activateRow(failing);
    await expect(failing.getByTestId('mt-error')).toContainText(locale === 'en' ? 'not available right now' : 'غير متاحة الآن');
    await typeAndSave(page, failing, 'Typed by hand');
    await expect(failing.getByTestId('row-origin')).toHaveAttribute('data-kind', 'typed');

    // A provider that asks to wait says how long, and the person is told.
    const crowded = rowAt(page, 3);
    await activateRow(crowded);
    await expect(crowded.getByTestId('mt-error')).toContainText(locale === 'en' ? 'try again in 30 seconds' : /بعد (30|٣٠) ثانية/);
  });
}

test('with no provider configured, no part of machine translation shows (run with E2E_MT=off)', async ({ page, request }) => {
  test.skip(process.env.E2E_MT !== 'off', 'the e2e server runs the LibreTranslate stand-in');
  const doc = await createDocument(request, ['استقبل الرئيس ضيفه في القصر صباح اليوم.']);
  await openEditor(page, doc.slug);
  const row = rowAt(page, 1);
  await activateRow(row);
  await expect(row.getByTestId('tm-panel')).toBeVisible();
  await expect(page.getByTestId('mt-panel')).toHaveCount(0);
  await page.keyboard.press('Control+0');
  await expect(rowEditor(row)).toHaveText('');
  await page.getByTestId('pretranslate-open').click();
  await expect(page.getByTestId('pt-memory')).toBeVisible();
  await expect(page.getByTestId('pt-mt')).toHaveCount(0);
});

test.describe('reviewers', () => {
  test.use({ role: 'reviewer' });

  test('see no machine translation, no pre-translation and no adding of terms', async ({ page }) => {
    await openEditor(page, SEED_SLUG);
    const row = rowAt(page, 2);
    await row.getByTestId('source-cell').click();
    await expect(row).toHaveAttribute('data-active', 'true');
    await expect(row.getByTestId('tm-panel')).toBeVisible();
    await expect(page.getByTestId('mt-panel')).toHaveCount(0);
    await expect(page.getByTestId('pretranslate-open')).toHaveCount(0);
    await expect(page.getByTestId('add-term')).toHaveCount(0);
  });
});

test.describe('translators', () => {
  test.use({ role: 'translator' });

  test('insert a glossary rendering by its number (Alt+1…9) or a click, and add a term from a selection', async ({ page, playwright }) => {
    resetGlossary();
    const editor = await apiAs(playwright, 'editor');
    const doc = await createDocument(editor, ['استقبل بوتين حفتر في القصر وناقشا التعاون العسكري.']);
    await editor.dispose();
    await openEditor(page, doc.slug);
    const row = rowAt(page, 1);
    await activateRow(row);
    const terms = row.getByTestId('row-term');
    await expect(terms).toHaveCount(2);
    await expect(row.getByTestId('term-key')).toHaveText(['1', '2']);
    await expect(terms.nth(0)).toContainText('Putin');
    await expect(terms.nth(1)).toContainText('Haftar');
    await page.keyboard.press('Alt+2');
    await expect(rowEditor(row)).toHaveText('Haftar');
    await page.keyboard.type(' met ');
    await terms.nth(0).getByTestId('term-insert').click();
    await expect(rowEditor(row)).toHaveText('Haftar met Putin');
    await expect(page.getByTestId('pretranslate-open')).toHaveCount(0);

    // The Arabic selected in the original becomes the term; the rendering is typed.
    await selectTextIn(row.getByTestId('source-cell'), 'التعاون العسكري');
    await row.getByTestId('add-term').click();
    const form = row.getByTestId('add-term-form');
    await expect(form.getByTestId('add-term-term')).toHaveValue('التعاون العسكري');
    const axe = await new AxeBuilder({ page }).include('[data-testid="add-term-form"]').analyze();
    expect(axe.violations).toEqual([]);
    await form.getByTestId('add-term-rendering').fill('military cooperation');
    await form.getByTestId('add-term-save').click();
    await expect(row.getByTestId('add-term-message')).toContainText('التعاون العسكري');
    await expect(terms).toHaveCount(3);
    await expect(terms.nth(2)).toContainText('military cooperation');
    await expect(row.getByTestId('term-key')).toHaveText(['1', '2', '3']);
    // The same term again is refused, by name.
    await selectTextIn(row.getByTestId('source-cell'), 'التعاون العسكري');
    await row.getByTestId('add-term').click();
    await form.getByTestId('add-term-rendering').fill('military collaboration');
    await form.getByTestId('add-term-save').click();
    await expect(form.getByTestId('add-term-message')).toContainText('already has');
    resetGlossary();
  });
});

for (const locale of ['en', 'ar'] as const) {
  test(`the pre-translate dialog fills rows from the memory and machine translation, shows where each came from, and undoes the run (/${locale})`, async ({
    page,
    request,
  }) => {
    const [exact1, exact2] = seedTranslated(2);
    const doc = await createDocument(request, [exact1!, 'فقرة جديدة لم تترجم من قبل.', exact2!, 'وفقرة أخرى جديدة كذلك.', 'عطل في هذه الفقرة.']);
    await openEditor(page, doc.slug, locale);
    await page.getByTestId('pretranslate-open').click();
    const dialog = page.getByTestId('pretranslate-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('pt-mt')).toBeChecked();
    const axe = await new AxeBuilder({ page }).include('[data-testid="pretranslate-dialog"]').analyze();
    expect(axe.violations).toEqual([]);
    await dialog.getByTestId('pt-threshold').selectOption('100');
    await dialog.getByTestId('pt-start').click();
    await expect(dialog).toHaveAttribute('data-phase', 'finished');
    if (locale === 'en') await expect(dialog.getByTestId('pt-result')).toContainText('4 rows filled');
    // The row the provider failed on is named with the reason, and stays untranslated.
    await expect(dialog.getByTestId('pt-problems')).toContainText(locale === 'en' ? '1 row not filled: The service is not available right now.' : 'غير متاحة الآن');
    await expect(rowAt(page, 5)).toHaveAttribute('data-status', 'untranslated');
    // Filled rows are drafts in the open editor, without a reload, each with its origin.
    for (const n of [1, 2, 3, 4]) await expect(rowAt(page, n)).toHaveAttribute('data-status', 'draft');
    await expect(rowAt(page, 1).getByTestId('row-origin')).toHaveAttribute('data-kind', 'memory');
    await expect(rowAt(page, 1).getByTestId('row-origin')).toContainText('100');
    await expect(rowAt(page, 2).getByTestId('row-origin')).toHaveAttribute('data-kind', 'mt');
    await expect(rowAt(page, 2).getByTestId('target-cell')).toContainText(/machine/i);
    const resultAxe = await new AxeBuilder({ page }).include('[data-testid="pretranslate-dialog"]').analyze();
    expect(resultAxe.violations).toEqual([]);

    await dialog.getByTestId('pt-undo').click();
    await expect(dialog.getByTestId('pt-undone')).toBeVisible();
    for (const n of [1, 2, 3, 4]) await expect(rowAt(page, n)).toHaveAttribute('data-status', 'untranslated');
    await expect(page.getByTestId('row-origin')).toHaveCount(0);
    await dialog.getByTestId('pt-close').click();
    await expect(dialog).toBeHidden();
  });
}

test('a pre-translation shows its progress and can be cancelled, keeping what it filled', async ({ page, request }) => {
  const doc = await createDocument(
    request,
    Array.from({ length: 40 }, (_, i) => `نص بطيء رقم ${i + 1} للتجربة.`),
  );
  await openEditor(page, doc.slug);
  await page.getByTestId('pretranslate-open').click();
  const dialog = page.getByTestId('pretranslate-dialog');
  await dialog.getByTestId('pt-start').click();
  await expect(dialog.getByTestId('pt-progress')).toContainText(/[1-9]\d* of 40 rows done/);
  await dialog.getByTestId('pt-cancel').click();
  await expect(dialog.getByTestId('pt-result')).toContainText('Cancelled');
  const drafts = await page.locator('[data-testid="row"][data-status="draft"]').count();
  expect(drafts).toBeGreaterThan(0);
  expect(drafts).toBeLessThan(40);
});

for (const locale of ['en', 'ar'] as const) {
  test(`rows repeating one original are marked; confirming one offers to fill the others (/${locale})`, async ({ page, request }) => {
    const doc = await createDocument(request, ['قال الرئيس إن الاتفاق قريب.', 'نص مختلف تماما.', 'قالَ الرئيسُ إنّ الاتفاق قريب.', 'قال الرئيس إن الاتفاق قريب.']);
    await openEditor(page, doc.slug, locale);
    await expect(rowAt(page, 1).getByTestId('row-repetition')).toHaveAttribute('data-count', '2');
    await expect(rowAt(page, 2).getByTestId('row-repetition')).toHaveCount(0);
    await expect(rowAt(page, 3).getByTestId('row-repetition')).toBeVisible();
    const first = rowAt(page, 1);
    await typeAndSave(page, first, 'The president said the agreement was near.');
    await page.keyboard.press('ControlOrMeta+Enter');
    const prompt = first.getByTestId('repetition-prompt');
    await expect(prompt).toContainText(locale === 'en' ? '2 untranslated rows' : 'غير مترجمين');
    const axe = await new AxeBuilder({ page }).include('[data-testid="repetition-prompt"]').analyze();
    expect(axe.violations).toEqual([]);
    await prompt.getByTestId('repetition-fill').click();
    await expect(prompt).toHaveCount(0);
    for (const n of [3, 4]) {
      await expect(rowAt(page, n)).toHaveAttribute('data-status', 'draft');
      await expect(rowAt(page, n).getByTestId('target-cell')).toHaveText('The president said the agreement was near.');
      await expect(rowAt(page, n).getByTestId('row-origin')).toHaveAttribute('data-kind', 'repetition');
    }
    await expect(rowAt(page, 2)).toHaveAttribute('data-status', 'untranslated');
  });
}
