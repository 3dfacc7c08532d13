import fs from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page, type Response } from '@playwright/test';
import type { NotesFile } from '../lib/model/notes';
import type { BilingualDocument, Row, TargetDoc } from '../lib/model/schema';
import { readStoredDocument, readStoredNotesRaw, resetStoredDocument, usesDatabase, writeStoredNotes } from './database';

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
  if (usesDatabase()) return readStoredDocument<T>(slug);
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
  if (usesDatabase()) return resetStoredDocument(slug);
  const from = documentDir(SEED_CONTENT_DIR, slug);
  const to = documentDir(contentDir(), slug);
  if (!fs.existsSync(from)) throw new Error(`No seed document ${slug} in ${from}`);
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
  // Notes the tests wrote must not outlive the reset: when the seed has no notes.json, neither has the copy.
  if (!fs.existsSync(path.join(from, NOTES_FILE))) fs.rmSync(path.join(to, NOTES_FILE), { force: true });
  touchAll(to, new Date());
}

const NOTES_FILE = 'notes.json';

/** Path of a document's notes.json in the test content folder (which may not exist). */
export function notesJsonPath(slug: string): string {
  return path.join(documentDir(contentDir(), slug), NOTES_FILE);
}

/** A document's notes.json as the server last saved it, or null when the document has no notes file. */
export function readNotesJson(slug: string): NotesFile | null {
  if (usesDatabase()) {
    const raw = readStoredNotesRaw(slug);
    return raw ? (JSON.parse(raw) as NotesFile) : null;
  }
  const file = notesJsonPath(slug);
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as NotesFile;
}

/** The raw bytes of a document's notes.json ('' when there is none), to check that a request changed nothing. */
export function readNotesJsonRaw(slug: string): string {
  if (usesDatabase()) return readStoredNotesRaw(slug);
  const file = notesJsonPath(slug);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** Writes a document's notes.json by hand, as someone editing the file would (with a fresh mtime). */
export function writeNotesJson(slug: string, notes: NotesFile): void {
  if (usesDatabase()) return writeStoredNotes(slug, notes.notes);
  const file = notesJsonPath(slug);
  fs.writeFileSync(file, `${JSON.stringify(notes, null, 2)}\n`);
  const when = new Date(Date.now() + 1000);
  fs.utimesSync(file, when, when);
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers of the specs: the seed, the document JSON on disk, and the editor page.
// ---------------------------------------------------------------------------------------------------------------


export type { BilingualDocument, NotesFile, Row, TargetDoc };

/** The seed article: 21 rows; rows 1-8 translated, 9-11 draft, 12-21 untranslated. */
export const SEED_SLUG = 'putin-receives-haftar';
export const SEED_TITLE = 'بوتين يستقبل الجنرال حفتر في الكرملين';
export const SEED_ROW_COUNT = 21;
/** The library's search for the seed's title: the library pages 50 at a time, newest first, so tests that look
 * for the seed's card search for it (documents other tests create come before it). */
export const SEED_QUERY = `?q=${encodeURIComponent(SEED_TITLE)}`;

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

// ---------------------------------------------------------------------------------------------------------------
// Notes: selecting text in a cell, the note cards, the highlights.
// ---------------------------------------------------------------------------------------------------------------

/**
 * Selects `text` inside a cell (the Arabic cell, the static English cell or the row's editor) with a DOM Range
 * over the text node that holds it, as a mouse drag would. The words must sit in one text node.
 */
export async function selectTextIn(cell: Locator, text: string): Promise<void> {
  const found = await cell.evaluate((el, wanted) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return selection.toString();
    }
    return null;
  }, text);
  expect(found, `"${text}" is in one text node of the cell`).toBe(text);
}

/** Selects `text` in a cell and writes a note on it through the floating "Add note" button. */
export async function addNoteOnText(page: Page, row: Locator, side: 'source' | 'target', text: string, body: string): Promise<Locator> {
  await selectTextIn(row.getByTestId(side === 'source' ? 'source-cell' : 'target-cell'), text);
  await page.getByTestId('selection-add-note').click();
  const composer = row.getByTestId('note-composer');
  await expect(composer).toBeVisible();
  await expect(composer.locator('.note-quote')).toHaveText(text);
  await composer.getByTestId('note-body-input').fill(body);
  await composer.getByTestId('note-save').click();
  await expect(composer).toHaveCount(0);
  const card = row.getByTestId('note').filter({ hasText: body });
  await expect(card).toHaveCount(1);
  return card;
}

/** The note card with this id. */
export function noteCard(page: Page, noteId: string): Locator {
  return page.locator(`[data-testid="note"][data-note-id="${noteId}"]`);
}

/** The number of ranges painted in a CSS custom highlight (`note`, or `note-active` for the focused note). */
export function highlightSize(page: Page, name: 'note' | 'note-active' = 'note'): Promise<number> {
  return page.evaluate((n) => CSS.highlights.get(n)?.size ?? 0, name);
}

/** The texts of the ranges in a CSS custom highlight, sorted. */
export function highlightTexts(page: Page, name: 'note' | 'note-active' = 'note'): Promise<string[]> {
  return page.evaluate((n) => [...((CSS.highlights.get(n) as Set<AbstractRange> | undefined) ?? [])].map((r) => (r as Range).toString()).sort(), name);
}
