import { type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';
import {
  activateRow,
  diskRow,
  openEditor,
  readNotesJson,
  resetDocument,
  revOf,
  rowById,
  rowEditor,
  SEED_SLUG,
  targetText,
  waitForRowSaved,
  SEED_QUERY,
} from './helpers';

test.beforeEach(() => {
  resetDocument(SEED_SLUG);
});

/** Row 12 of the seed: untranslated, "Agreements for oil and gas exploration…". */
const ROW_ID = 'v207tfjd7s';
const FIRST_TRY = 'Agreements to explore for oil and gas in Libyan territorial waters off the western coast';
const FIXED = 'Agreements for oil and gas exploration in Libyan territorial waters off the western coast';
const NOTE = 'Use “exploration”, not “explore”.';
const REPLY = 'Changed to “exploration”.';

async function personIn(browser: Browser, role: 'translator' | 'reviewer'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await signIn(page, role);
  return { context, page };
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-editor-ready', 'true');
}

test('a reviewer sends a row back with a note, the translator fixes it, the reviewer resolves and approves', async ({ browser }) => {
  test.slow(); // Two people, four reloads and a dozen saves.
  const translator = await personIn(browser, 'translator');
  const reviewer = await personIn(browser, 'reviewer');
  try {
    await openEditor(translator.page, SEED_SLUG);
    await openEditor(reviewer.page, SEED_SLUG);
    await expect(translator.page.getByTestId('current-user')).toHaveAttribute('data-role', 'translator');
    await expect(reviewer.page.getByTestId('current-user')).toHaveAttribute('data-role', 'reviewer');
    const revAtStart = diskRow(SEED_SLUG, ROW_ID)!.rev;

    // The translator translates row 12 and confirms it with Ctrl+Enter.
    const tRow = rowById(translator.page, ROW_ID);
    await expect(tRow).toHaveAttribute('data-status', 'untranslated');
    await activateRow(tRow);
    let rev = await revOf(tRow);
    await translator.page.keyboard.type(FIRST_TRY);
    await translator.page.keyboard.press('ControlOrMeta+Enter');
    await expect(tRow).toHaveAttribute('data-status', 'translated');
    await waitForRowSaved(translator.page, tRow, rev);
    await expect.poll(() => diskRow(SEED_SLUG, ROW_ID)!.status).toBe('translated');
    expect(targetText(diskRow(SEED_SLUG, ROW_ID)!.target)).toBe(FIRST_TRY);

    // The reviewer reloads, sees it, and sends it back: the status is "needs changes" and a whole-row note opens.
    await reload(reviewer.page);
    const rRow = rowById(reviewer.page, ROW_ID);
    await expect(rRow).toHaveAttribute('data-status', 'translated');
    await expect(rRow.getByTestId('target-cell')).toHaveText(FIRST_TRY);
    await rRow.getByTestId('target-cell').click();
    await expect(rRow).toHaveAttribute('data-active', 'true');
    await expect(rRow.locator('.pm-editor')).toHaveCount(0);
    await rRow.getByTestId('send-back-row').click();
    await expect(rRow).toHaveAttribute('data-status', 'needs-changes');
    const composer = rRow.getByTestId('note-composer');
    await expect(composer).toBeVisible();
    await expect(composer.getByTestId('note-body-input')).toBeFocused();
    await composer.getByTestId('note-body-input').fill(NOTE);
    await composer.getByTestId('note-save').click();
    await expect(composer).toHaveCount(0);
    const rNote = rRow.getByTestId('note');
    await expect(rNote).toHaveCount(1);
    await expect(rNote.locator('.note-body')).toHaveText(NOTE);
    await expect(rNote.locator('.note-whole-row')).toBeVisible();
    await expect(rRow.getByTestId('note-count')).toHaveText('1');
    await expect.poll(() => diskRow(SEED_SLUG, ROW_ID)!.status).toBe('needs-changes');
    const saved = readNotesJson(SEED_SLUG)!.notes;
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ rowId: ROW_ID, side: 'target', body: NOTE, author: 'e2e-reviewer', status: 'open', detached: false });
    expect(saved[0]!.quote).toBeUndefined();
    const noteId = saved[0]!.id;

    // The translator reloads and shows only the rows sent back: just this one, with the note.
    await reload(translator.page);
    await translator.page.getByTestId('row-filter').locator('summary').click();
    await translator.page.getByTestId('filter-status-needs-changes').check();
    await translator.page.keyboard.press('Escape');
    const visibleRows = translator.page.locator('[data-testid="row"]:visible');
    await expect(visibleRows).toHaveCount(1);
    await expect(visibleRows).toHaveAttribute('data-row-id', ROW_ID);
    await expect(tRow).toHaveAttribute('data-status', 'needs-changes');
    const tNote = tRow.getByTestId('note');
    await expect(tNote).toHaveAttribute('data-note-id', noteId);
    await expect(tNote.locator('.note-body')).toHaveText(NOTE);

    // … replies, rewrites the translation and confirms it again.
    await tNote.getByTestId('reply-input').fill(REPLY);
    await tNote.getByTestId('reply-send').click();
    await expect(tNote.getByTestId('note-reply')).toContainText(REPLY);
    await activateRow(tRow);
    rev = await revOf(tRow);
    await translator.page.keyboard.press('ControlOrMeta+a');
    await translator.page.keyboard.type(FIXED);
    await expect(rowEditor(tRow)).toHaveText(FIXED);
    await waitForRowSaved(translator.page, tRow, rev);
    // An edit does not clear "needs changes" by itself; only the translator's confirmation does.
    await expect(tRow).toHaveAttribute('data-status', 'needs-changes');
    rev = await revOf(tRow);
    await translator.page.keyboard.press('ControlOrMeta+Enter');
    await expect(tRow).toHaveAttribute('data-status', 'translated');
    await waitForRowSaved(translator.page, tRow, rev);
    // With the rows filter on "needs changes", the confirmed row leaves the list (the next untranslated row, now
    // being edited, is shown while it is).
    await expect(tRow).toBeHidden();
    expect(diskRow(SEED_SLUG, ROW_ID)).toMatchObject({ status: 'translated' });
    expect(targetText(diskRow(SEED_SLUG, ROW_ID)!.target)).toBe(FIXED);
    expect(readNotesJson(SEED_SLUG)!.notes[0]!.replies).toEqual([expect.objectContaining({ body: REPLY, author: 'e2e-translator' })]);

    // The reviewer reloads, reads the fix and the reply, resolves the note and approves the row.
    await reload(reviewer.page);
    await expect(rRow).toHaveAttribute('data-status', 'translated');
    await expect(rRow.getByTestId('target-cell')).toHaveText(FIXED);
    await expect(rNote.getByTestId('note-reply')).toContainText(REPLY);
    await rNote.getByTestId('note-toggle-status').click();
    await expect(rNote).toHaveAttribute('data-status', 'resolved');
    await expect(rRow.getByTestId('note-count')).toHaveCount(0);
    await rRow.getByTestId('target-cell').click();
    await expect(rRow).toHaveAttribute('data-active', 'true');
    const revBeforeApproval = await revOf(rRow);
    await rRow.getByTestId('approve-row').click();
    await expect(rRow).toHaveAttribute('data-status', 'approved');
    await waitForRowSaved(reviewer.page, rRow, revBeforeApproval);
    await expect(rRow.getByTestId('approve-row')).toBeDisabled();

    const final = diskRow(SEED_SLUG, ROW_ID)!;
    expect(final.status).toBe('approved');
    expect(final.rev).toBeGreaterThan(revBeforeApproval);
    expect(final.rev).toBe(await revOf(rRow));
    expect(final.rev).toBeGreaterThan(revAtStart);
    expect(targetText(final.target)).toBe(FIXED);
    expect(readNotesJson(SEED_SLUG)!.notes[0]).toMatchObject({ id: noteId, status: 'resolved', resolvedBy: 'e2e-reviewer' });

    // The library counts one approved row.
    await reviewer.page.goto(`/en${SEED_QUERY}`);
    const card = reviewer.page.locator(`li.doc-card[data-slug="${SEED_SLUG}"]`);
    await expect(card.locator('li[data-status="approved"]')).toHaveText('Approved: 1');
    await expect(card.locator('li[data-status="needs-changes"]')).toHaveText('Needs changes: 0');
    await expect(card.locator('li[data-status="translated"]')).toHaveText('Translated: 8');
    await expect(card.locator('li[data-status="untranslated"]')).toHaveText('Untranslated: 9');
  } finally {
    await translator.context.close();
    await reviewer.context.close();
  }
});
