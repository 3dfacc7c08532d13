import { expect, test } from './fixtures';
import {
  activateRow,
  diskRow,
  openEditor,
  readDocumentJson,
  resetDocument,
  revOf,
  rowAt,
  rowIdOf,
  saveState,
  SEED_SLUG,
  targetText,
  typeInRow,
  waitForRowSaved,
  type BilingualDocument,
  SEED_QUERY,
} from './helpers';

test.use({ viewport: { width: 1400, height: 900 } });

test.beforeEach(() => {
  resetDocument(SEED_SLUG);
});

/** Source words of the seed, counted the way a reader would: runs of letters and digits. */
function seedWords(doc: BilingualDocument): { done: number; total: number } {
  const count = (text: string) => text.match(/[\p{L}\p{M}\p{N}]+/gu)?.length ?? 0;
  let done = 0;
  let total = 0;
  for (const row of doc.rows) {
    const words = row.source.reduce((n, b) => n + count(b.text), 0);
    total += words;
    if (row.status === 'translated' || row.status === 'approved') done += words;
  }
  return { done, total };
}

test('QA checks run on the row as it is typed, and the QA panel lists the row and jumps to it', async ({ page }) => {
  await openEditor(page, SEED_SLUG);
  const row = rowAt(page, 12);
  const rowId = await rowIdOf(row);
  // Arabic left in the English and a number the Arabic does not have.
  await typeInRow(page, row, 'Oil and gas agreements in 3 western حفتر waters');
  const list = row.getByTestId('row-qa');
  await expect(list.locator('[data-check="arabic-in-target"]')).toContainText('حفتر');
  await expect(list.locator('[data-check="number-extra"]')).toContainText('3');
  await expect(row.getByTestId('qa-marker')).toBeVisible();

  // Fix one: the finding goes as the text changes.
  for (let i = 0; i < ' waters'.length + 'حفتر'.length + 1; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type(' waters');
  await expect(list.locator('[data-check="arabic-in-target"]')).toHaveCount(0);
  await expect(list.locator('[data-check="number-extra"]')).toHaveCount(1);

  await page.keyboard.press('Escape');
  await page.getByTestId('open-qa').click();
  const panel = page.getByTestId('qa-panel');
  const entry = panel.locator(`[data-testid="qa-row"][data-row-id="${rowId}"]`);
  await expect(entry.locator('[data-check="number-extra"]')).toBeVisible();
  // Untranslated rows only when asked for.
  const untranslatedRow = await rowIdOf(rowAt(page, 20));
  await expect(panel.locator(`[data-row-id="${untranslatedRow}"]`)).toHaveCount(0);
  await panel.getByLabel('Include untranslated rows').check();
  await expect(panel.locator(`[data-row-id="${untranslatedRow}"] [data-check="untranslated"]`)).toBeVisible();

  await page.evaluate(() => window.scrollTo(0, 0));
  await entry.getByRole('button', { name: 'Row 12' }).click();
  await expect(row).toHaveAttribute('data-active', 'true');
  await expect(row).toBeInViewport();
});

test('a glossary term of the Arabic whose rendering the English lacks is a QA finding until it is used', async ({ page }) => {
  await openEditor(page, SEED_SLUG);
  const row = rowAt(page, 14); // … القوات الأمنية التابعة للحكومة في طرابلس
  await typeInRow(page, row, 'Training and arms programmes for the government security forces in Trablus');
  const finding = row.getByTestId('row-qa').locator('[data-check="glossary-missing"]');
  await expect(finding).toContainText('طرابلس');
  await expect(finding).toContainText('Tripoli');
  for (let i = 0; i < 'Trablus'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('Tripoli');
  await expect(finding).toHaveCount(0);
});

test('find in the Arabic ignores harakat, tatweel and letter forms; a result jumps to its row', async ({ page }) => {
  await openEditor(page, SEED_SLUG);
  const doc = readDocumentJson<BilingualDocument>(SEED_SLUG);
  const expected = doc.rows.flatMap((r) => r.source).reduce((n, b) => n + (b.text.split('خليفة').length - 1), 0);
  expect(expected).toBeGreaterThan(0);
  await page.keyboard.press('ControlOrMeta+Shift+F');
  const panel = page.getByTestId('search-panel');
  // Written with a haa for the taa marbuta, a kasra and a tatweel: still found.
  await panel.getByTestId('search-query').fill('خلـيفِه');
  await expect(panel.getByTestId('search-result')).toHaveCount(expected);
  await expect(panel.getByTestId('search-result').first().locator('mark')).toHaveText('خليفة');
  // The matches are painted in the rows too, each over the word as written.
  const painted = () =>
    page.evaluate(() => [...((CSS.highlights.get('search') as Set<Range> | undefined) ?? [])].map((r) => r.toString()));
  await expect.poll(painted).toHaveLength(expected);
  expect(new Set(await painted())).toEqual(new Set(['خليفة']));
  const target = await panel.getByTestId('search-result').last().getAttribute('data-row-id');
  await panel.getByTestId('search-result').last().getByRole('button').first().click();
  await page.getByTestId('close-tool').click();
  await expect.poll(painted).toHaveLength(0);
  await expect(page.locator(`[data-testid="row"][data-row-id="${target}"]`)).toHaveAttribute('data-active', 'true');
});

test('replace all works in the English only, saves every changed row, and leaves the Arabic alone', async ({ page }) => {
  await openEditor(page, SEED_SLUG);
  const before = readDocumentJson<BilingualDocument>(SEED_SLUG);
  const changed = before.rows.filter((r) => targetText(r.target).includes('Haftar'));
  const count = changed.reduce((n, r) => n + (targetText(r.target).split('Haftar').length - 1), 0);
  expect(changed.length).toBeGreaterThan(1);
  await page.getByTestId('open-search').click();
  const panel = page.getByTestId('search-panel');
  await panel.getByTestId('search-in-target').check();
  await panel.getByTestId('search-query').fill('haftar');
  await expect(panel.getByTestId('search-result')).toHaveCount(count);
  await panel.getByTestId('search-replacement').fill('Hafter');
  await panel.getByTestId('search-replace-all').click();
  await expect(panel.getByTestId('search-summary')).toHaveText(`${count} replaced.`);
  await expect(saveState(page)).toHaveAttribute('data-state', 'saved');
  await expect
    .poll(() => changed.filter((r) => targetText(diskRow(SEED_SLUG, r.id)!.target).includes('Haftar')).length)
    .toBe(0);
  const after = readDocumentJson<BilingualDocument>(SEED_SLUG);
  for (const r of changed) {
    const row = after.rows.find((x) => x.id === r.id)!;
    expect(targetText(row.target)).toBe(targetText(r.target).replaceAll('Haftar', 'Hafter'));
    expect(row.source).toEqual(r.source);
    expect(row.rev).toBe(r.rev + 1);
  }
  // The Arabic side offers no replace.
  await panel.getByLabel('Arabic').check();
  await expect(panel.getByTestId('search-replacement')).toHaveCount(0);
});

test.describe('as a reviewer', () => {
  test.use({ role: 'reviewer' });
  test('find works, replace is not offered', async ({ page }) => {
    await openEditor(page, SEED_SLUG);
    await page.getByTestId('open-search').click();
    const panel = page.getByTestId('search-panel');
    await panel.getByTestId('search-in-target').check();
    await panel.getByTestId('search-query').fill('Putin');
    await expect(panel.getByTestId('search-result').first()).toBeVisible();
    await expect(panel.getByTestId('search-replacement')).toHaveCount(0);
  });
});

test('progress in words: the library and the editor count source words of done rows, and it moves with a row', async ({ page }) => {
  const doc = readDocumentJson<BilingualDocument>(SEED_SLUG);
  const { done, total } = seedWords(doc);
  await page.goto(`/en${SEED_QUERY}`);
  const card = page.locator(`li.doc-card[data-slug="${SEED_SLUG}"]`);
  await expect(card.getByTestId('word-progress')).toHaveText(`${done} of ${total} words translated`);

  await openEditor(page, SEED_SLUG);
  await expect(page.getByTestId('word-progress')).toHaveText(`${done} of ${total} words translated`);
  const row = rowAt(page, 12);
  const rev = await revOf(row);
  await activateRow(row);
  await typeInRow(page, row, 'Agreements to explore for oil and gas in Libyan territorial waters off the western coast');
  await page.keyboard.press('ControlOrMeta+Enter');
  await waitForRowSaved(page, row, rev);
  const rowWords = doc.rows[11]!.source.reduce((n, b) => n + (b.text.match(/[\p{L}\p{M}\p{N}]+/gu)?.length ?? 0), 0);
  await expect(page.getByTestId('word-progress')).toHaveText(`${done + rowWords} of ${total} words translated`);
});
