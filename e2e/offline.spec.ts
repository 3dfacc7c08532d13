import { expect, test } from './fixtures';
import {
  activateRow,
  diskRow,
  openEditor,
  resetDocument,
  revOf,
  rowAt,
  rowById,
  rowEditor,
  rowIdOf,
  saveState,
  SEED_SLUG,
  targetText,
  typeAndSave,
  typeInRow,
  waitForRowSaved,
} from './helpers';

test.use({ viewport: { width: 1400, height: 900 } });

test.beforeEach(() => {
  resetDocument(SEED_SLUG);
});

/** Keys of the edits the page keeps in localStorage for the seed document. */
function keptEdits(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate((slug) => Object.keys(localStorage).filter((k) => k.startsWith(`bilingual-editor:pending:${slug}:`)), SEED_SLUG);
}

test('an edit made offline is kept in the browser, survives a reload before the network is back, and is saved once it is', async ({ page, context }) => {
  await openEditor(page, SEED_SLUG);
  const row = rowAt(page, 13);
  const rowId = await rowIdOf(row);
  const revBefore = await revOf(row);
  const before = targetText(diskRow(SEED_SLUG, rowId)!.target);
  const typed = ' Written with the network cut.';
  await activateRow(row);

  await context.setOffline(true);
  await typeInRow(page, row, typed);
  // The indicator says so, the edit is kept on this device, and the server has nothing.
  await expect(saveState(page)).toHaveAttribute('data-state', 'offline');
  await expect(row).toHaveAttribute('data-save', 'offline');
  await expect.poll(() => keptEdits(page)).toEqual([`bilingual-editor:pending:${SEED_SLUG}:${rowId}`]);
  expect(targetText(diskRow(SEED_SLUG, rowId)!.target)).toBe(before);

  // The page is reloaded while saves still cannot reach the server (the page itself can load again).
  await context.route('**/api/documents/*/rows/*', (route) => route.abort('internetdisconnected'));
  await context.setOffline(false);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-editor-ready', 'true');
  const reloaded = rowById(page, rowId);
  // The kept edit is back on screen and the indicator tells the truth: not saved, trying again.
  await expect(reloaded.getByTestId('target-cell')).toContainText(typed.trim());
  await expect(saveState(page)).toHaveAttribute('data-state', 'retrying');
  expect(targetText(diskRow(SEED_SLUG, rowId)!.target)).toBe(before);

  // Reconnected: the retry (with backoff) gets through and the browser copy is dropped.
  await context.unroute('**/api/documents/*/rows/*');
  await waitForRowSaved(page, reloaded, revBefore);
  expect(targetText(diskRow(SEED_SLUG, rowId)!.target)).toBe(`${before}${typed}`);
  await expect.poll(() => keptEdits(page)).toEqual([]);
});

test('coming back online sends the kept edit without a reload', async ({ page, context }) => {
  await openEditor(page, SEED_SLUG);
  const row = rowAt(page, 14);
  const rowId = await rowIdOf(row);
  const revBefore = await revOf(row);
  await activateRow(row);
  await context.setOffline(true);
  await typeInRow(page, row, ' (offline)');
  await expect(saveState(page)).toHaveAttribute('data-state', 'offline');
  await context.setOffline(false);
  await waitForRowSaved(page, row, revBefore);
  expect(targetText(diskRow(SEED_SLUG, rowId)!.target)).toContain('(offline)');
});

test('leaving the page with an unsaved edit asks first', async ({ page, context }) => {
  await openEditor(page, SEED_SLUG);
  const row = rowAt(page, 15);
  await activateRow(row);
  await context.setOffline(true);
  await typeInRow(page, row, ' unsaved');
  await expect(saveState(page)).toHaveAttribute('data-state', 'offline');
  const dialog = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const shown = await dialog;
  expect(shown.type()).toBe('beforeunload');
  await shown.dismiss();
});

test('two people saving different rows of one document never conflict, and neither do their notes on one row', async ({ browser }) => {
  const contexts = await Promise.all([0, 1].map(() => browser.newContext({ viewport: { width: 1400, height: 900 } })));
  try {
    const [pageA, pageB] = await Promise.all(contexts.map((c) => c.newPage()));
    const { signIn } = await import('./fixtures');
    await signIn(pageA!, 'translator');
    await signIn(pageB!, 'editor');
    await openEditor(pageA!, SEED_SLUG);
    await openEditor(pageB!, SEED_SLUG);
    const rowIdA = await rowIdOf(rowAt(pageA!, 16));
    const rowIdB = await rowIdOf(rowAt(pageB!, 17));
    // Interleaved: each saves its own row three times while the other's revisions of the document move on.
    for (let i = 1; i <= 3; i++) {
      await pageA!.bringToFront();
      await typeAndSave(pageA!, rowById(pageA!, rowIdA), ` A${i}`);
      await pageB!.bringToFront();
      await typeAndSave(pageB!, rowById(pageB!, rowIdB), ` B${i}`);
    }
    await expect(saveState(pageA!)).toHaveAttribute('data-state', 'saved');
    await expect(saveState(pageB!)).toHaveAttribute('data-state', 'saved');
    expect(targetText(diskRow(SEED_SLUG, rowIdA)!.target)).toMatch(/ A1 A2 A3$/);
    expect(targetText(diskRow(SEED_SLUG, rowIdB)!.target)).toMatch(/ B1 B2 B3$/);
    await expect(rowEditor(rowById(pageB!, rowIdB))).toHaveText(/ B1 B2 B3$/);

    // Notes on the same row from both at once: both kept.
    const post = (page: import('@playwright/test').Page, body: string) =>
      page.request.post(`/api/documents/${SEED_SLUG}/notes`, { data: { rowId: rowIdA, side: 'source', body } });
    const [a, b] = await Promise.all([post(pageA!, 'note from A'), post(pageB!, 'note from B')]);
    expect([a.status(), b.status()]).toEqual([201, 201]);
    const listed = await (await pageA!.request.get(`/api/documents/${SEED_SLUG}/notes`)).json();
    const bodies = (listed.notes ?? listed).map((n: { body: string }) => n.body);
    expect(bodies).toEqual(expect.arrayContaining(['note from A', 'note from B']));
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
