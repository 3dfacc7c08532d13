import fs from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page, type Response } from '@playwright/test';
import type { BilingualDocument, Row, TargetDoc } from '../lib/model/schema';

/** The repository's seed content, which the tests never write to. */
const SEED_CONTENT_DIR = path.resolve(import.meta.dirname, '..', 'content');

/** The temporary content folder the server under test reads and writes (set by playwright.config.ts). */
export function contentDir(): string {
  const dir = process.env.E2E_CONTENT_DIR;
  if (!dir) throw new Error('E2E_CONTENT_DIR is not set: run the tests through playwright.config.ts.');
  return dir;
}

function documentDir(root: string, slug: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(slug) || slug.includes('..')) {
    throw new Error(`Not a document slug: ${JSON.stringify(slug)}`);
  }
  return path.join(root, 'documents', slug);
}

/** The document as the server last saved it in the test content folder. */
export function readDocumentJson<T = unknown>(slug: string): T {
  const file = path.join(documentDir(contentDir(), slug), 'document.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** The repository's seed copy of a document (never written by the tests). */
export function readSeedDocumentJson<T = unknown>(slug: string): T {
  const file = path.join(documentDir(SEED_CONTENT_DIR, slug), 'document.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function touchAll(dir: string, when: Date): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) touchAll(full, when);
    else fs.utimesSync(full, when, when);
  }
}

/**
 * Puts the seed copy of a document back into the test content folder, dropping whatever the tests
 * wrote there. Every file gets a fresh mtime, because the server caches parsed documents by mtime and size.
 */
export function resetDocument(slug: string): void {
  const from = documentDir(SEED_CONTENT_DIR, slug);
  const to = documentDir(contentDir(), slug);
  if (!fs.existsSync(from)) throw new Error(`No seed document ${slug} in ${from}`);
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
  touchAll(to, new Date());
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers of the specs: the seed, the document JSON on disk, and the editor page.
// ---------------------------------------------------------------------------------------------------------------


export type { BilingualDocument, Row, TargetDoc };

/** The seed article: 21 rows; rows 1-8 translated, 9-11 draft, 12-21 untranslated. */
export const SEED_SLUG = 'putin-receives-haftar';
export const SEED_TITLE = 'بوتين يستقبل الجنرال حفتر في الكرملين';
export const SEED_ROW_COUNT = 21;

/** Every document folder in the test content folder. */
export function listDocumentFolders(): string[] {
  const dir = path.join(contentDir(), 'documents');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

/** A slug no other test uses: `prefix-<time>-<random>`. */
export function uniqueSlug(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/** Plain text of a translation, paragraphs joined by "\n" (hard breaks as "\n" too). */
export function targetText(target: TargetDoc): string {
  return target.content.map((p) => (p.content ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join('')).join('\n');
}

/** A row as saved on disk, by 1-based position ("row 12" as the gutter numbers it). */
export function diskRowAt(slug: string, n: number): Row {
  const row = readDocumentJson<BilingualDocument>(slug).rows[n - 1];
  if (!row) throw new Error(`${slug} has no row ${n} on disk`);
  return row;
}

/** A row as saved on disk, by id (undefined when it is not there, e.g. merged away). */
export function diskRow(slug: string, rowId: string): Row | undefined {
  return readDocumentJson<BilingualDocument>(slug).rows.find((r) => r.id === rowId);
}

/** Opens the editor of a document and waits until it is interactive (the client has hydrated). */
export async function openEditor(page: Page, slug: string, locale: 'en' | 'ar' = 'en'): Promise<void> {
  await page.goto(`/${locale}/documents/${slug}`);
  await expect(page.locator('html')).toHaveAttribute('data-editor-ready', 'true');
  await expect(page.getByTestId('editor')).toHaveAttribute('data-slug', slug);
}

/** All rows of the editor, in order. */
export function editorRows(page: Page): Locator {
  return page.getByTestId('row');
}

/** The row numbered `n` (1-based, as the gutter numbers rows). */
export function rowAt(page: Page, n: number): Locator {
  return editorRows(page).nth(n - 1);
}

/** The row with this id. */
export function rowById(page: Page, rowId: string): Locator {
  return page.locator(`[data-testid="row"][data-row-id="${rowId}"]`);
}

/** The id of a row element. */
export async function rowIdOf(row: Locator): Promise<string> {
  const id = await row.getAttribute('data-row-id');
  if (!id) throw new Error('row has no data-row-id');
  return id;
}

/** The ProseMirror editor inside a row (present only while the row is active). */
export function rowEditor(row: Locator): Locator {
  return row.getByTestId('row-editor').locator('.pm-editor');
}

/** The page's save indicator. */
export function saveState(page: Page): Locator {
  return page.getByTestId('save-state');
}

/** Clicks a row's translation, and waits until that row is the active one with its editor focused. */
export async function activateRow(row: Locator): Promise<void> {
  await row.getByTestId('target-cell').click();
  await expectActive(row);
}

/** The row is the active one and the keyboard types into its editor. */
export async function expectActive(row: Locator): Promise<void> {
  await expect(row).toHaveAttribute('data-active', 'true');
  await expect(rowEditor(row)).toBeFocused();
}

/** Activates a row (unless it is active already), puts the caret at the end of its text and types. */
export async function typeInRow(page: Page, row: Locator, text: string): Promise<void> {
  if ((await row.getAttribute('data-active')) !== 'true') await activateRow(row);
  else if (!(await rowEditor(row).evaluate((el) => el === document.activeElement))) {
    // Active, but the focus went elsewhere (a toolbar or banner button): put it back into the editor.
    await rowEditor(row).focus();
    await expect(rowEditor(row)).toBeFocused();
  }
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

/**
 * Waits until the row's edit reached the server: its revision moved past `revBefore`, the row's own save
 * state and the page's indicator both read "saved". (The revision check makes sure a save happened at all,
 * so a check that runs before the save started cannot pass.)
 */
export async function waitForRowSaved(page: Page, row: Locator, revBefore: number): Promise<void> {
  await expect
    .poll(async () => Number(await row.getAttribute('data-rev')), { message: 'the row was saved (its revision moved on)' })
    .toBeGreaterThan(revBefore);
  await expect(row).toHaveAttribute('data-save', 'saved');
  await expect(saveState(page)).toHaveAttribute('data-state', 'saved');
}

/** Resolves with the next PATCH of this row the page sends (start waiting before the keystrokes that cause it). */
export function nextRowSave(page: Page, rowId: string): Promise<Response> {
  return page.waitForResponse((r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname.endsWith(`/rows/${rowId}`));
}

/** Current revision of a row element. */
export async function revOf(row: Locator): Promise<number> {
  return Number(await row.getAttribute('data-rev'));
}

/** Types into a row and waits until the server has it. */
export async function typeAndSave(page: Page, row: Locator, text: string): Promise<void> {
  const before = await revOf(row);
  await typeInRow(page, row, text);
  await waitForRowSaved(page, row, before);
}

/** Texts of the source blocks of a row, as shown. */
export function sourceBlocks(row: Locator): Locator {
  return row.locator('.cell-source .src-block');
}
