import { type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import type { Note } from '../lib/model/notes';
import { apiAs, expect, test } from './fixtures';
import {
  activateRow,
  addNoteOnText,
  expectActive,
  highlightSize,
  highlightTexts,
  noteCard,
  openEditor,
  readDocumentJson,
  readNotesJson,
  readNotesJsonRaw,
  readSeedDocumentJson,
  resetDocument,
  revOf,
  rowAt,
  rowEditor,
  SEED_SLUG,
  selectTextIn,
  targetText,
  uniqueSlug,
  waitForRowSaved,
  writeNotesJson,
  type BilingualDocument,
  type Row,
} from './helpers';

test.use({ viewport: { width: 1400, height: 900 } });

test.beforeEach(() => {
  resetDocument(SEED_SLUG);
});

const NOTES_URL = `/api/documents/${SEED_SLUG}/notes`;

/** The seed's rows as the repository has them (the tests start from this copy). */
function seedRow(n: number): Row {
  return readSeedDocumentJson<BilingualDocument>(SEED_SLUG).rows[n - 1]!;
}

/** The text a note's offsets count in: the Arabic blocks, or the English paragraphs, joined by "\n". */
function sideText(row: Row, side: 'source' | 'target'): string {
  return side === 'source' ? row.source.map((b) => b.text).join('\n') : targetText(row.target);
}

/** Where `words` sit in a row's side, as a note position. */
function positionOf(row: Row, side: 'source' | 'target', words: string): { start: number; end: number } {
  const start = sideText(row, side).indexOf(words);
  expect(start, `"${words}" is in the ${side} of row ${row.id}`).toBeGreaterThanOrEqual(0);
  return { start, end: start + words.length };
}

/** Creates a note through the API and returns it. */
async function postNote(request: APIRequestContext, data: Record<string, unknown>, slug = SEED_SLUG): Promise<Note> {
  const response = await request.post(`/api/documents/${slug}/notes`, { data });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Note;
}

/** The notes as GET /notes returns them (re-anchored against the current text). */
async function getNotes(request: APIRequestContext, slug = SEED_SLUG): Promise<Note[]> {
  const response = await request.get(`/api/documents/${slug}/notes`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { notes: Note[] }).notes;
}

/** The response is a 4xx in the one error shape: `{error: {code, message}}`. */
async function expectClientError(response: APIResponse): Promise<{ error: { code: string; message: string } }> {
  const body = await response.json();
  expect(response.status(), JSON.stringify(body)).toBeGreaterThanOrEqual(400);
  expect(response.status(), JSON.stringify(body)).toBeLessThan(500);
  expect(body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

/** The centre of the painted highlight over `text` (in either highlight), in viewport coordinates. */
async function highlightCentre(page: Page, text: string): Promise<{ x: number; y: number }> {
  const box = await page.evaluate((wanted) => {
    for (const name of ['note', 'note-active']) {
      for (const range of (CSS.highlights.get(name) as Set<AbstractRange> | undefined) ?? []) {
        if ((range as Range).toString() !== wanted) continue;
        const rect = (range as Range).getClientRects()[0]!;
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
    }
    return null;
  }, text);
  expect(box, `a highlight over "${text}"`).not.toBeNull();
  return box!;
}

test.describe('as a reviewer', () => {
  test.use({ role: 'reviewer' });

  test('note lifecycle: notes on Arabic and English words, reply, resolve, filters, reopen — and notes.json on disk', async ({ page, playwright }) => {
    // Someone else's note (on the whole of row 5), so that the "mine" filter has something to hide.
    const editorApi = await apiAs(playwright, 'editor');
    const othersNote = await postNote(editorApi, { rowId: seedRow(5).id, side: 'target', body: 'Check the minister’s name.' });
    await editorApi.dispose();

    await openEditor(page, SEED_SLUG);
    const row2 = rowAt(page, 2);
    const row3 = rowAt(page, 3);
    await expect(noteCard(page, othersNote.id)).toBeVisible();
    await expect(row2.getByTestId('note')).toHaveCount(0);
    await expect(row3.getByTestId('note')).toHaveCount(0);
    expect(await highlightSize(page)).toBe(0); // a whole-row note paints nothing

    // A note on Arabic words, and one on English words.
    const arabic = await addNoteOnText(page, row3, 'source', 'ريا نوفوستي', 'Transliterate as “RIA Novosti”.');
    await expect(arabic).toHaveAttribute('data-side', 'source');
    await expect(arabic).toHaveAttribute('data-status', 'open');
    await expect(arabic).toHaveAttribute('data-detached', 'false');
    await expect(arabic.getByTestId('note-quote')).toHaveText('ريا نوفوستي');
    await expect(arabic.getByTestId('note-quote')).toHaveAttribute('lang', 'ar');
    const english = await addNoteOnText(page, row2, 'target', 'Vladimir Putin', 'Is the full name needed here?');
    await expect(english).toHaveAttribute('data-side', 'target');
    await expect(english.getByTestId('note-quote')).toHaveText('Vladimir Putin');
    const arabicId = (await arabic.getAttribute('data-note-id'))!;
    const englishId = (await english.getAttribute('data-note-id'))!;

    // Each is painted once, over exactly its words.
    await expect.poll(() => highlightSize(page)).toBe(2);
    expect(await highlightTexts(page)).toEqual(['Vladimir Putin', 'ريا نوفوستي']);
    await expect(row2.getByTestId('note-count')).toHaveText('1');
    await expect(row3.getByTestId('note-count')).toHaveText('1');

    // Reply to the English note.
    await english.getByTestId('reply-input').fill('Yes: it is the first mention.');
    await english.getByTestId('reply-send').click();
    await expect(english.getByTestId('note-reply')).toHaveCount(1);
    await expect(english.getByTestId('note-reply')).toContainText('Yes: it is the first mention.');
    await expect(english.getByTestId('note-reply')).toContainText('e2e-reviewer');
    await expect(english.getByTestId('reply-input')).toHaveValue('');

    // Resolve the Arabic note: its status changes and the row's count of open notes drops.
    await expect(arabic.getByTestId('note-toggle-status')).toHaveText('Resolve');
    await arabic.getByTestId('note-toggle-status').click();
    await expect(arabic).toHaveAttribute('data-status', 'resolved');
    await expect(arabic.getByTestId('note-toggle-status')).toHaveText('Reopen');
    await expect(row3.getByTestId('note-count')).toHaveCount(0);
    await expect(row2.getByTestId('note-count')).toHaveText('1');
    expect(readNotesJson(SEED_SLUG)!.notes.find((n) => n.id === arabicId)).toMatchObject({ status: 'resolved', resolvedBy: 'e2e-reviewer' });

    // Filters: open notes are the default; the note resolved here stays in view until a filter is chosen.
    const filter = page.getByTestId('notes-filter');
    await expect(filter).toHaveValue('open');
    await expect(noteCard(page, arabicId)).toBeVisible();
    await filter.selectOption('all');
    await filter.selectOption('open');
    await expect(noteCard(page, arabicId)).toHaveCount(0);
    await expect(noteCard(page, englishId)).toBeVisible();
    await expect(noteCard(page, othersNote.id)).toBeVisible();
    await expect.poll(() => highlightTexts(page)).toEqual(['Vladimir Putin']);

    await filter.selectOption('resolved');
    await expect(page.getByTestId('note')).toHaveCount(1);
    await expect(noteCard(page, arabicId)).toBeVisible();
    await expect.poll(() => highlightTexts(page)).toEqual(['ريا نوفوستي']);

    await filter.selectOption('mine');
    await expect(page.getByTestId('note')).toHaveCount(2);
    await expect(noteCard(page, arabicId)).toBeVisible();
    await expect(noteCard(page, englishId)).toBeVisible();
    await expect(noteCard(page, othersNote.id)).toHaveCount(0);

    await filter.selectOption('all');
    await expect(page.getByTestId('note')).toHaveCount(3);

    // Reopen.
    await noteCard(page, arabicId).getByTestId('note-toggle-status').click();
    await expect(noteCard(page, arabicId)).toHaveAttribute('data-status', 'open');
    await expect(row3.getByTestId('note-count')).toHaveText('1');

    // On disk: both notes with their side, quote, position, replies and status.
    const file = readNotesJson(SEED_SLUG);
    expect(file).not.toBeNull();
    expect(file!.schemaVersion).toBe(1);
    expect(file!.notes).toHaveLength(3);
    const savedArabic = file!.notes.find((n) => n.id === arabicId)!;
    const savedEnglish = file!.notes.find((n) => n.id === englishId)!;
    expect(savedArabic).toMatchObject({
      rowId: seedRow(3).id,
      side: 'source',
      quote: { exact: 'ريا نوفوستي' },
      position: positionOf(seedRow(3), 'source', 'ريا نوفوستي'),
      detached: false,
      body: 'Transliterate as “RIA Novosti”.',
      author: 'e2e-reviewer',
      status: 'open',
      visibility: 'internal',
      replies: [],
    });
    expect(savedArabic.resolvedBy).toBeUndefined();
    expect(savedArabic.quote!.prefix).toBe(sideText(seedRow(3), 'source').slice(0, savedArabic.position!.start).slice(-32));
    expect(savedEnglish).toMatchObject({
      rowId: seedRow(2).id,
      side: 'target',
      quote: { exact: 'Vladimir Putin' },
      position: positionOf(seedRow(2), 'target', 'Vladimir Putin'),
      detached: false,
      author: 'e2e-reviewer',
      status: 'open',
      replies: [{ body: 'Yes: it is the first mention.', author: 'e2e-reviewer' }],
    });

    // And after a reload the page shows the same.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-editor-ready', 'true');
    await expect(page.getByTestId('note')).toHaveCount(3);
    await expect(noteCard(page, englishId).getByTestId('note-reply')).toHaveCount(1);
    await expect.poll(() => highlightSize(page)).toBe(2);
  });

  test('clicking a highlighted word focuses its note; clicking a note card marks its highlight active', async ({ page, request }) => {
    const arabicNote = await postNote(request, { rowId: seedRow(3).id, side: 'source', quote: { exact: 'ريا نوفوستي' }, body: 'Agency name.' });
    const englishNote = await postNote(request, { rowId: seedRow(2).id, side: 'target', quote: { exact: 'Vladimir Putin' }, body: 'Full name?' });
    await openEditor(page, SEED_SLUG);
    await expect.poll(() => highlightSize(page)).toBe(2);
    await expect(noteCard(page, arabicNote.id)).toHaveAttribute('data-active', 'false');
    await expect(noteCard(page, englishNote.id)).toHaveAttribute('data-active', 'false');
    expect(await highlightSize(page, 'note-active')).toBe(0);

    // A click on the highlighted Arabic words.
    const arabicWords = await highlightCentre(page, 'ريا نوفوستي');
    await page.mouse.click(arabicWords.x, arabicWords.y);
    await expect(noteCard(page, arabicNote.id)).toHaveAttribute('data-active', 'true');
    await expect(noteCard(page, englishNote.id)).toHaveAttribute('data-active', 'false');
    await expect.poll(() => highlightTexts(page, 'note-active')).toEqual(['ريا نوفوستي']);
    expect(await highlightTexts(page, 'note')).toEqual(['Vladimir Putin']);

    // A click on the English note's card.
    await noteCard(page, englishNote.id).locator('.note-body').click();
    await expect(noteCard(page, englishNote.id)).toHaveAttribute('data-active', 'true');
    await expect(noteCard(page, arabicNote.id)).toHaveAttribute('data-active', 'false');
    await expect.poll(() => highlightSize(page, 'note-active')).toBe(1);
    expect(await highlightTexts(page, 'note-active')).toEqual(['Vladimir Putin']);
    expect(await highlightTexts(page, 'note')).toEqual(['ريا نوفوستي']);

    // And a click on the highlighted English words (a reviewer's click on the translation only selects the row).
    await noteCard(page, arabicNote.id).locator('.note-body').click();
    await expect(noteCard(page, arabicNote.id)).toHaveAttribute('data-active', 'true');
    const englishWords = await highlightCentre(page, 'Vladimir Putin');
    await page.mouse.click(englishWords.x, englishWords.y);
    await expect(noteCard(page, englishNote.id)).toHaveAttribute('data-active', 'true');
    await expect(noteCard(page, arabicNote.id)).toHaveAttribute('data-active', 'false');
    await expect.poll(() => highlightTexts(page, 'note-active')).toEqual(['Vladimir Putin']);
  });

  test('a note body with HTML and script is shown as text: no element is made and nothing runs', async ({ page }) => {
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    await openEditor(page, SEED_SLUG);
    const row = rowAt(page, 4);
    await row.getByTestId('comment-row').click();
    const composer = row.getByTestId('note-composer');
    await composer.getByTestId('note-body-input').fill(payload);
    await composer.getByTestId('note-save').click();
    const card = row.getByTestId('note');
    await expect(card).toHaveCount(1);
    await expect(card.locator('.note-body')).toHaveText(payload);

    // A reply with the same text.
    await card.getByTestId('reply-input').fill(payload);
    await card.getByTestId('reply-send').click();
    await expect(card.getByTestId('note-reply').locator('.note-text')).toHaveText(payload);

    const check = async () => {
      const cardNow = rowAt(page, 4).getByTestId('note');
      await expect(cardNow.locator('.note-body')).toHaveText(payload);
      await expect(cardNow.getByTestId('note-reply').locator('.note-text')).toHaveText(payload);
      await expect(cardNow.locator('img, script')).toHaveCount(0);
      await expect(page.locator('img[src="x"]')).toHaveCount(0);
      expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    };
    await check();
    // Server-rendered too: after a reload the card comes from the page's HTML.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-editor-ready', 'true');
    await check();
    expect(readNotesJson(SEED_SLUG)!.notes[0]!.body).toBe(payload);
  });

  test('a screenshot of a highlighted Arabic word: painted over the same text node, no element inserted', async ({ page, request }, testInfo) => {
    const note = await postNote(request, { rowId: seedRow(3).id, side: 'source', quote: { exact: 'ريا نوفوستي' }, body: 'Agency name.' });
    await openEditor(page, SEED_SLUG);
    const cell = rowAt(page, 3).getByTestId('source-cell');
    await expect.poll(() => highlightSize(page)).toBe(1);

    const withHighlight = await cell.screenshot({ path: testInfo.outputPath('arabic-highlight.png'), animations: 'disabled' });
    await testInfo.attach('arabic-highlight', { path: testInfo.outputPath('arabic-highlight.png'), contentType: 'image/png' });

    const shape = await cell.evaluate((el) => {
      const range = [...(CSS.highlights.get('note') as Set<AbstractRange>)][0] as Range;
      const text = el.querySelector('.src-text')!;
      return {
        rangeText: range.toString(),
        sameNode: range.startContainer === range.endContainer,
        isFirstChild: range.startContainer === text.firstChild,
        isText: range.startContainer.nodeType === Node.TEXT_NODE,
        childNodes: text.childNodes.length,
        fullText: text.textContent,
        elementsInside: text.querySelectorAll('*').length,
        marks: el.querySelectorAll('mark').length,
      };
    });
    expect(shape).toEqual({
      rangeText: 'ريا نوفوستي',
      sameNode: true,
      isFirstChild: true,
      isText: true,
      childNodes: 1,
      fullText: seedRow(3).source[0]!.text,
      elementsInside: 0,
      marks: 0,
    });

    // The highlight is really painted: hiding it (the "resolved" filter hides open notes) changes the pixels.
    await page.getByTestId('notes-filter').selectOption('resolved');
    await expect(noteCard(page, note.id)).toHaveCount(0);
    await expect.poll(() => highlightSize(page)).toBe(0);
    const without = await cell.screenshot({ path: testInfo.outputPath('arabic-no-highlight.png'), animations: 'disabled' });
    await testInfo.attach('arabic-no-highlight', { path: testInfo.outputPath('arabic-no-highlight.png'), contentType: 'image/png' });
    expect(withHighlight.equals(without), 'the cell looks different with and without the highlight').toBe(false);
  });
});

test.describe('as a translator', () => {
  test.use({ role: 'translator' });

  test('a note follows its words through an edit and a reload, and is kept detached when they are deleted', async ({ page, playwright, request }) => {
    const row2 = seedRow(2);
    const words = 'Vladimir Putin';
    const original = positionOf(row2, 'target', words);
    const reviewerApi = await apiAs(playwright, 'reviewer');
    const note = await postNote(reviewerApi, { rowId: row2.id, side: 'target', quote: { exact: words }, body: 'Full name on first mention?' });
    await reviewerApi.dispose();
    expect(note.position).toEqual(original);

    await openEditor(page, SEED_SLUG);
    const row = rowAt(page, 2);
    await expect(noteCard(page, note.id).getByTestId('note-quote')).toHaveText(words);

    // Text typed before the noted words: a click before the first word puts the caret at the start. (Not
    // Ctrl+Home: ProseMirror takes a caret that jumps to the very start within 200 ms of focusing for the
    // browser resetting the selection, and puts its own selection back.)
    const firstLine = await row.getByTestId('target-cell').locator('.static-target p').first().boundingBox();
    await page.mouse.click(firstLine!.x + 1, firstLine!.y + 8);
    await expectActive(row);
    const revBefore = await revOf(row);
    await page.keyboard.type('Today, ');
    await expect(rowEditor(row)).toHaveText(/^Today, In a notable diplomatic development/);
    await waitForRowSaved(page, row, revBefore);
    await expect.poll(() => highlightTexts(page)).toEqual([words]);

    const shifted = { start: original.start + 7, end: original.end + 7 };
    const [fromApi] = await getNotes(request);
    expect(fromApi).toMatchObject({ id: note.id, position: shifted, quote: { exact: words }, detached: false });
    expect(readNotesJson(SEED_SLUG)!.notes[0]).toMatchObject({ id: note.id, position: shifted, quote: { exact: words }, detached: false });
    const savedText = targetText(readDocumentJson<BilingualDocument>(SEED_SLUG).rows[1]!.target);
    expect(savedText.slice(shifted.start, shifted.end)).toBe(words);

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-editor-ready', 'true');
    await expect(noteCard(page, note.id).getByTestId('note-quote')).toHaveText(words);
    await expect(noteCard(page, note.id).getByTestId('note-detached')).toHaveCount(0);
    await expect.poll(() => highlightTexts(page)).toEqual([words]);

    // Now the noted words are deleted entirely.
    await activateRow(row);
    await selectTextIn(rowEditor(row), words);
    const revBeforeDelete = await revOf(row);
    await page.keyboard.press('Backspace');
    await expect(rowEditor(row)).not.toContainText(words);
    await expect(rowEditor(row)).toContainText('Russian President  received');
    await waitForRowSaved(page, row, revBeforeDelete);
    await expect(noteCard(page, note.id)).toHaveAttribute('data-detached', 'true');
    await expect.poll(() => highlightSize(page)).toBe(0);

    const [afterDelete] = await getNotes(request);
    expect(afterDelete).toMatchObject({ id: note.id, detached: true, quote: { exact: words }, body: 'Full name on first mention?' });
    expect(readNotesJson(SEED_SLUG)!.notes).toEqual([expect.objectContaining({ id: note.id, detached: true, quote: expect.objectContaining({ exact: words }) })]);

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-editor-ready', 'true');
    const card = noteCard(page, note.id);
    await expect(card).toBeVisible();
    await expect(card).toHaveAttribute('data-detached', 'true');
    await expect(card.getByTestId('note-detached')).toBeVisible();
    await expect(card.getByTestId('note-quote')).toHaveText(words);
    await expect(rowAt(page, 2).getByTestId('note-count')).toHaveText('1');
    expect(await highlightSize(page)).toBe(0);
  });
});

test.describe('re-anchoring when notes are read', () => {
  test('a note whose position was broken by hand is found again by its quote', async ({ page, request }) => {
    const words = 'ريا نوفوستي';
    const right = positionOf(seedRow(3), 'source', words);
    const note = await postNote(request, { rowId: seedRow(3).id, side: 'source', quote: { exact: words }, body: 'Agency name.' });
    expect(note.position).toEqual(right);

    const file = readNotesJson(SEED_SLUG)!;
    file.notes[0]!.position = { start: 0, end: words.length };
    writeNotesJson(SEED_SLUG, file);
    expect(readNotesJson(SEED_SLUG)!.notes[0]!.position).toEqual({ start: 0, end: words.length });

    const [fromApi] = await getNotes(request);
    expect(fromApi).toMatchObject({ id: note.id, position: right, quote: { exact: words }, detached: false });
    expect(readNotesJson(SEED_SLUG)!.notes[0]).toMatchObject({ id: note.id, position: right, detached: false });

    await openEditor(page, SEED_SLUG);
    await expect.poll(() => highlightTexts(page)).toEqual([words]);
  });

  test('a note follows its quote when the text is changed through the API without anchors', async ({ request }) => {
    const row2 = seedRow(2);
    const words = 'Vladimir Putin';
    const note = await postNote(request, { rowId: row2.id, side: 'target', quote: { exact: words }, body: 'Full name?' });
    const before = note.position!;

    const text = `Earlier today, ${targetText(row2.target)}`;
    const patched = await request.patch(`/api/documents/${SEED_SLUG}/rows/${row2.id}`, {
      data: { target: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }, baseRev: row2.rev },
    });
    expect(patched.status(), await patched.text()).toBe(200);

    const moved = { start: before.start + 'Earlier today, '.length, end: before.end + 'Earlier today, '.length };
    const [fromApi] = await getNotes(request);
    expect(fromApi).toMatchObject({ id: note.id, position: moved, quote: { exact: words }, detached: false });
    expect(text.slice(moved.start, moved.end)).toBe(words);
    expect(readNotesJson(SEED_SLUG)!.notes[0]).toMatchObject({ position: moved, detached: false });
  });

  test('an Arabic quote without diacritics finds the words written with diacritics and tatweel', async ({ page, request }) => {
    const slug = uniqueSlug('e2e-diacritics');
    const sentence = 'استقبل الرئيس بـوتِين ضيفه في الكرملين.';
    const created = await request.post('/api/documents', { data: { text: sentence, slug } });
    expect(created.status(), await created.text()).toBe(201);
    const doc = readDocumentJson<BilingualDocument>(slug);
    expect(doc.rows).toHaveLength(1);
    expect(doc.rows[0]!.source[0]!.text).toBe(sentence);

    const note = await postNote(request, { rowId: doc.rows[0]!.id, side: 'source', quote: { exact: 'بوتين' }, body: 'Spelling of the name.' }, slug);
    const start = sentence.indexOf('بـوتِين');
    expect(note.position).toEqual({ start, end: start + 'بـوتِين'.length });
    expect(note.quote!.exact).toBe('بـوتِين');
    expect(await getNotes(request, slug)).toEqual([note]);

    await openEditor(page, slug);
    await expect.poll(() => highlightTexts(page)).toEqual(['بـوتِين']);
  });
});

test.describe('POST /notes refuses bad input and changes nothing', () => {
  const row2 = () => seedRow(2);
  const cases: { name: string; data: () => Record<string, unknown> }[] = [
    { name: 'a row that does not exist', data: () => ({ rowId: 'zzzzzzzzzz', side: 'target', body: 'A note.' }) },
    { name: 'a malformed row id', data: () => ({ rowId: '../../etc', side: 'target', body: 'A note.' }) },
    { name: 'an empty body', data: () => ({ rowId: row2().id, side: 'target', body: '' }) },
    { name: 'a body of spaces', data: () => ({ rowId: row2().id, side: 'target', body: '   \n ' }) },
    { name: 'a body over 10,000 characters', data: () => ({ rowId: row2().id, side: 'target', body: 'x'.repeat(10_001) }) },
    { name: 'a quote not on that side (English words on the Arabic side)', data: () => ({ rowId: row2().id, side: 'source', quote: { exact: 'Vladimir Putin' }, body: 'A note.' }) },
    { name: 'a quote that is nowhere in the row', data: () => ({ rowId: row2().id, side: 'target', quote: { exact: 'Boris Yeltsin' }, body: 'A note.' }) },
    { name: 'a position past the end of the text', data: () => ({ rowId: row2().id, side: 'target', position: { start: 5, end: 100_000 }, body: 'A note.' }) },
    { name: 'an unknown side', data: () => ({ rowId: row2().id, side: 'margin', body: 'A note.' }) },
    { name: 'an unknown field', data: () => ({ rowId: row2().id, side: 'target', body: 'A note.', author: 'someone-else' }) },
  ];

  for (const c of cases) {
    test(c.name, async ({ request }) => {
      // One good note first, so there is a notes.json to compare.
      await postNote(request, { rowId: row2().id, side: 'target', quote: { exact: 'Vladimir Putin' }, body: 'The good note.' });
      const before = readNotesJsonRaw(SEED_SLUG);
      expect(before).not.toBe('');
      const response = await request.post(NOTES_URL, { data: c.data() });
      await expectClientError(response);
      expect(readNotesJsonRaw(SEED_SLUG)).toBe(before);
      expect(await getNotes(request)).toHaveLength(1);
    });
  }

  test('malformed JSON, and bad changes to an existing note, are 4xx and change nothing', async ({ request }) => {
    const note = await postNote(request, { rowId: row2().id, side: 'target', quote: { exact: 'Vladimir Putin' }, body: 'The good note.' });
    const before = readNotesJsonRaw(SEED_SLUG);
    const responses = [
      await request.post(NOTES_URL, { headers: { 'content-type': 'application/json' }, data: '{"rowId": "' }),
      await request.patch(`${NOTES_URL}/${note.id}`, { data: {} }),
      await request.patch(`${NOTES_URL}/${note.id}`, { data: { status: 'done' } }),
      await request.patch(`${NOTES_URL}/${note.id}`, { data: { body: '' } }),
      await request.patch(`${NOTES_URL}/zzzzzzzzzz`, { data: { status: 'resolved' } }),
      await request.post(`${NOTES_URL}/${note.id}/replies`, { data: { body: '' } }),
      await request.post(`${NOTES_URL}/${note.id}/replies`, { data: { body: 'y'.repeat(10_001) } }),
      await request.post(`${NOTES_URL}/${note.id}/replies`, { data: { body: 'ok', author: 'x' } }),
    ];
    for (const response of responses) await expectClientError(response);
    expect(readNotesJsonRaw(SEED_SLUG)).toBe(before);
  });
});

test('the W3C export is an AnnotationCollection of the notes and replies, with fragment, quote and position selectors', async ({ request }) => {
  const row2 = seedRow(2);
  const row3 = seedRow(3);
  const onArabic = await postNote(request, { rowId: row3.id, side: 'source', quote: { exact: 'ريا نوفوستي' }, body: 'Agency name.' });
  const onEnglish = await postNote(request, { rowId: row2.id, side: 'target', quote: { exact: 'Vladimir Putin' }, body: 'Full name?', visibility: 'public' });
  const wholeRow = await postNote(request, { rowId: row2.id, side: 'target', body: 'The whole paragraph reads well.' });
  const replied = await request.post(`${NOTES_URL}/${onEnglish.id}/replies`, { data: { body: 'Yes, first mention.' } });
  expect(replied.status()).toBe(201);
  const { reply } = (await replied.json()) as { reply: { id: string } };

  const response = await request.get(`/api/documents/${SEED_SLUG}/export?format=w3c`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/ld+json');
  const collection = await response.json();

  const context = Array.isArray(collection['@context']) ? collection['@context'] : [collection['@context']];
  expect(context).toContain('http://www.w3.org/ns/anno.jsonld');
  expect(collection.type).toBe('AnnotationCollection');
  expect(collection.total).toBe(4);
  const items = collection.first.items as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(items).toHaveLength(4);
  expect(items.filter((i) => i.motivation === 'commenting')).toHaveLength(3);
  expect(items.filter((i) => i.motivation === 'replying')).toHaveLength(1);
  for (const item of items) {
    expect(item.type).toBe('Annotation');
    expect(item.body).toMatchObject({ type: 'TextualBody', value: expect.any(String) });
  }

  const byNote = (id: string) => items.find((i) => i.motivation === 'commenting' && String(i.id).endsWith(`/notes/${id}`))!;
  const arabic = byNote(onArabic.id);
  expect(arabic.body.value).toBe('Agency name.');
  expect(arabic.creator).toMatchObject({ name: 'e2e-editor' });
  expect(arabic.target.language).toBe('ar');
  expect(arabic.target.selector).toMatchObject({ type: 'FragmentSelector', value: `row-${row3.id}-source` });
  expect(arabic.target.selector.refinedBy).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ type: 'TextQuoteSelector', exact: 'ريا نوفوستي' }),
      { type: 'TextPositionSelector', ...positionOf(row3, 'source', 'ريا نوفوستي') },
    ]),
  );

  const english = byNote(onEnglish.id);
  expect(english.target.language).toBe('en');
  expect(english.audience).toBe('public');
  expect(english.target.selector).toMatchObject({ type: 'FragmentSelector', value: `row-${row2.id}-target` });
  expect(english.target.selector.refinedBy).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ type: 'TextQuoteSelector', exact: 'Vladimir Putin' }),
      { type: 'TextPositionSelector', ...positionOf(row2, 'target', 'Vladimir Putin') },
    ]),
  );

  const whole = byNote(wholeRow.id);
  expect(whole.body.value).toBe('The whole paragraph reads well.');
  expect(whole.target.selector).toMatchObject({ type: 'FragmentSelector', value: `row-${row2.id}-target` });
  expect(whole.target.selector.refinedBy).toBeUndefined();

  const replyItem = items.find((i) => i.motivation === 'replying')!;
  expect(replyItem.body).toMatchObject({ type: 'TextualBody', value: 'Yes, first mention.' });
  expect(String(replyItem.id)).toContain(reply.id);
  expect(replyItem.target).toBe(english.id);
});
