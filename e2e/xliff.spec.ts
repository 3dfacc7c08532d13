import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type APIResponse } from '@playwright/test';
import { apiAs, expect, test } from './fixtures';
import {
  diskRow,
  editorRows,
  listDocumentFolders,
  openEditor,
  readDocumentJson,
  resetDocument,
  SEED_ROW_COUNT,
  SEED_SLUG,
  targetText,
  uniqueSlug,
  type BilingualDocument,
  type Row,
} from './helpers';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'lib', 'model', 'xliff', 'fixtures');
const XLIFF_TYPE = 'application/xliff+xml';

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The seed's XLIFF 2.0 export. */
async function exportSeed(request: APIRequestContext): Promise<string> {
  const response = await request.get(`/api/documents/${SEED_SLUG}/export?format=xliff`);
  expect(response.status()).toBe(200);
  return response.text();
}

/** Creates a document from an XLIFF body. */
function postXliff(request: APIRequestContext, xml: string, query = ''): Promise<APIResponse> {
  return request.post(`/api/documents${query}`, { headers: { 'content-type': XLIFF_TYPE }, data: xml });
}

function importInto(request: APIRequestContext, xml: string, query = ''): Promise<APIResponse> {
  return request.post(`/api/documents/${SEED_SLUG}/import?format=xliff${query}`, { headers: { 'content-type': XLIFF_TYPE }, data: xml });
}

/** The attributes of the first start tag named `name`. */
function startTag(xml: string, name: string): string {
  const match = new RegExp(`<${name}\\b[^>]*>`).exec(xml);
  expect(match, `<${name}> in the export`).not.toBeNull();
  return match![0];
}

function essence(rows: Row[]) {
  return rows.map((r) => ({ id: r.id, status: r.status, source: r.source, target: r.target }));
}

/** The export of the seed with one translation changed (row 2), one source tampered with (row 3), one unit added. */
function editedSeedExport(xml: string, seed: BilingualDocument): string {
  const [, second, third] = seed.rows;
  const changed = xml.replace(
    new RegExp(`(<unit id="${second!.id}">[\\s\\S]*?<target>)[^<]*(</target>)`),
    '$1Putin received Haftar in Moscow, the Kremlin said.$2',
  );
  const tampered = changed.replace(new RegExp(`(<unit id="${third!.id}">[\\s\\S]*?<source>)`), '$1(edited) ');
  return tampered.replace('</file>', '<unit id="notarowid1"><segment><source>نص</source><target>Text</target></segment></unit>\n</file>');
}

test.beforeEach(() => {
  resetDocument(SEED_SLUG);
});

test('exports the seed as XLIFF 2.0: namespace, languages, one unit per row with its id, states and notes', async ({ request }) => {
  const seed = readDocumentJson<BilingualDocument>(SEED_SLUG);
  const note = await request.post(`/api/documents/${SEED_SLUG}/notes`, {
    data: { rowId: seed.rows[1]!.id, side: 'target', body: 'Check the date & the title <please>', visibility: 'public' },
  });
  expect(note.status()).toBe(201);

  const response = await request.get(`/api/documents/${SEED_SLUG}/export?format=xliff`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/xliff\+xml/);
  expect(response.headers()['content-disposition']).toBe(`attachment; filename="${SEED_SLUG}.xlf"`);
  const xml = await response.text();
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const root = startTag(xml, 'xliff');
  expect(root).toContain('xmlns="urn:oasis:names:tc:xliff:document:2.0"');
  expect(root).toContain('version="2.0"');
  expect(root).toContain('srcLang="ar"');
  expect(root).toContain('trgLang="en"');
  const file = startTag(xml, 'file');
  expect(file).toContain('srcDir="rtl"');
  expect(file).toContain('trgDir="ltr"');

  const units = [...xml.matchAll(/<unit id="([^"]+)">([\s\S]*?)<\/unit>/g)];
  expect(units).toHaveLength(SEED_ROW_COUNT);
  expect(units.map((u) => u[1])).toEqual(seed.rows.map((r) => r.id));
  const expectedState = { untranslated: 'initial', draft: 'initial', translated: 'translated', 'needs-changes': 'reviewed', approved: 'final' } as const;
  units.forEach(([, , body], i) => {
    const row = seed.rows[i]!;
    expect(body!.match(/<segment\b/g), `one segment in unit ${row.id}`).toHaveLength(1);
    expect(body).toContain(`<segment state="${expectedState[row.status]}"`);
    expect(body!.includes('<target'), `unit ${row.id} has a target`).toBe(row.status !== 'untranslated');
  });
  expect(units[1]![2]).toMatch(/<notes>\s*<note id="n-[a-z0-9]+" appliesTo="target" category="public"[^>]*>Check the date &amp; the title &lt;please&gt;<\/note>\s*<\/notes>/);
  expect(units[0]![2]).not.toContain('<notes>');
});

test('exports bilingual Markdown and the document JSON', async ({ request }) => {
  const md = await request.get(`/api/documents/${SEED_SLUG}/export?format=md`);
  expect(md.status()).toBe(200);
  expect(md.headers()['content-type']).toMatch(/^text\/markdown/);
  const text = await md.text();
  const seed = readDocumentJson<BilingualDocument>(SEED_SLUG);
  expect(text.startsWith(`# ${seed.rows[0]!.source[0]!.text}\n\n# ${targetText(seed.rows[0]!.target)}\n`)).toBe(true);
  expect(text).toContain(`\n\n${seed.rows[1]!.source[0]!.text}\n\n`);
  const json = await request.get(`/api/documents/${SEED_SLUG}/export?format=json`);
  expect(essence(((await json.json()) as BilingualDocument).rows)).toEqual(essence(seed.rows));
  const bad = await request.get(`/api/documents/${SEED_SLUG}/export?format=xliff&version=3`);
  expect(bad.status()).toBe(400);
});

test('imports its own export as a new document with identical rows and statuses', async ({ request }) => {
  const xml = await exportSeed(request);
  const slug = uniqueSlug('xliff-roundtrip');
  const created = await postXliff(request, xml, `?slug=${slug}`);
  expect(created.status(), await created.text()).toBe(201);
  expect(await created.json()).toMatchObject({ slug, rows: SEED_ROW_COUNT, sourceLang: 'ar', targetLang: 'en' });
  const seed = readDocumentJson<BilingualDocument>(SEED_SLUG);
  const copy = readDocumentJson<BilingualDocument>(slug);
  expect(essence(copy.rows)).toEqual(essence(seed.rows));
  expect([copy.title, copy.sourceLang, copy.targetLang]).toEqual([seed.title, 'ar', 'en']);
  // And again: the copy's export is the seed's, but for the file's id.
  const again = await (await request.get(`/api/documents/${slug}/export?format=xliff`)).text();
  expect(again.replaceAll(slug, SEED_SLUG)).toBe(xml);
});

test('notes travel with the XLIFF: a new document gets them, and importing the file back adds none twice', async ({ request }) => {
  const seed = readDocumentJson<BilingualDocument>(SEED_SLUG);
  const rowId = seed.rows[1]!.id;
  const quote = seed.rows[1]!.source[0]!.text.split(' ').slice(0, 2).join(' ');
  const note = await request.post(`/api/documents/${SEED_SLUG}/notes`, {
    data: { rowId, side: 'source', quote: { exact: quote }, body: 'Keep the honorific <b>as is</b>', visibility: 'public' },
  });
  expect(note.status()).toBe(201);
  const noteId = (await note.json()).id as string;
  expect((await request.post(`/api/documents/${SEED_SLUG}/notes/${noteId}/replies`, { data: { body: 'Agreed.' } })).status()).toBe(201);
  const xml = await exportSeed(request);

  const slug = uniqueSlug('xliff-notes');
  const created = await postXliff(request, xml, `?slug=${slug}`);
  expect(created.status(), await created.text()).toBe(201);
  expect(await created.json()).toMatchObject({ notes: 2 });
  const { notes } = await (await request.get(`/api/documents/${slug}/notes`)).json();
  expect(notes).toHaveLength(1);
  expect(notes[0]).toMatchObject({ rowId, side: 'source', body: 'Keep the honorific <b>as is</b>', visibility: 'public', quote: { exact: quote }, detached: false });
  expect(notes[0].replies.map((r: { body: string }) => r.body)).toEqual(['Agreed.']);

  // Back into the document it came from: the notes are already there.
  const back = await request.post(`/api/documents/${SEED_SLUG}/import?format=xliff`, {
    data: { xliff: xml, units: seed.rows.map((r) => ({ id: r.id, rev: r.rev })) },
  });
  expect(back.status(), await back.text()).toBe(200);
  expect(await back.json()).toMatchObject({ notesAdded: 0 });
  expect((await (await request.get(`/api/documents/${SEED_SLUG}/notes`)).json()).notes).toHaveLength(1);
});

test('imports into the existing document: a preview per unit, then only the matched units on confirm', async ({ request }) => {
  const seed = readDocumentJson<BilingualDocument>(SEED_SLUG);
  const [, second, third] = seed.rows;
  const xml = editedSeedExport(await exportSeed(request), seed);
  const before = fs.readFileSync(path.join(process.env.E2E_CONTENT_DIR!, 'documents', SEED_SLUG, 'document.json'), 'utf8');

  const preview = await importInto(request, xml);
  expect(preview.status(), await preview.text()).toBe(200);
  const report = (await preview.json()) as { preview: boolean; units: { id: string; status: string; rev?: number; message?: string }[]; counts: Record<string, number> };
  expect(report.preview).toBe(true);
  const byId = new Map(report.units.map((u) => [u.id, u]));
  expect(byId.get(second!.id)).toMatchObject({ status: 'match', rev: second!.rev });
  expect(byId.get(third!.id)).toMatchObject({ status: 'source-changed' });
  expect(byId.get('notarowid1')).toMatchObject({ status: 'unknown-unit' });
  expect(report.counts).toMatchObject({ match: 1, 'source-changed': 1, 'unknown-unit': 1 });
  // Nothing changed yet.
  expect(fs.readFileSync(path.join(process.env.E2E_CONTENT_DIR!, 'documents', SEED_SLUG, 'document.json'), 'utf8')).toBe(before);

  // Someone saves row 2 between the preview and the confirmation: the confirmation names the old revision, so the
  // row is a conflict and keeps their text.
  const saved = await request.patch(`/api/documents/${SEED_SLUG}/rows/${second!.id}`, {
    data: { target: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Saved meanwhile.' }] }] }, baseRev: second!.rev },
  });
  expect(saved.status()).toBe(200);
  const stale = await request.post(`/api/documents/${SEED_SLUG}/import?format=xliff`, { data: { xliff: xml, units: [{ id: second!.id, rev: second!.rev }] } });
  expect(stale.status()).toBe(200);
  expect(await stale.json()).toMatchObject({ applied: 0, units: expect.arrayContaining([expect.objectContaining({ id: second!.id, status: 'conflict' })]) });
  expect(targetText(diskRow(SEED_SLUG, second!.id)!.target)).toBe('Saved meanwhile.');

  // Confirmed with the revision a fresh preview shows, it applies: only that unit.
  const fresh = (await (await importInto(request, xml)).json()) as { units: { id: string; status: string; rev?: number }[] };
  const unit = fresh.units.find((u) => u.id === second!.id)!;
  expect(unit).toMatchObject({ status: 'match', rev: second!.rev + 1 });
  const confirmed = await request.post(`/api/documents/${SEED_SLUG}/import?format=xliff`, { data: { xliff: xml, units: [{ id: unit.id, rev: unit.rev }] } });
  expect(confirmed.status(), await confirmed.text()).toBe(200);
  expect(await confirmed.json()).toMatchObject({ preview: false, applied: 1 });
  const row2 = diskRow(SEED_SLUG, second!.id)!;
  expect(targetText(row2.target)).toBe('Putin received Haftar in Moscow, the Kremlin said.');
  expect(row2).toMatchObject({ rev: second!.rev + 2, status: 'translated', updatedBy: 'e2e-editor' });
  expect(diskRow(SEED_SLUG, third!.id)).toEqual(third);
  expect(readDocumentJson<BilingualDocument>(SEED_SLUG).rows).toHaveLength(SEED_ROW_COUNT);
});

test('?confirm=1 applies every matched unit; reviewers may not import', async ({ request, playwright }) => {
  const seed = readDocumentJson<BilingualDocument>(SEED_SLUG);
  const xml = editedSeedExport(await exportSeed(request), seed);
  const reviewer = await apiAs(playwright, 'reviewer');
  const refused = await reviewer.post(`/api/documents/${SEED_SLUG}/import?format=xliff`, { headers: { 'content-type': XLIFF_TYPE }, data: xml });
  expect(refused.status()).toBe(403);
  await reviewer.dispose();
  expect(essence(readDocumentJson<BilingualDocument>(SEED_SLUG).rows)).toEqual(essence(seed.rows));

  const applied = await importInto(request, xml, '&confirm=1');
  expect(await applied.json()).toMatchObject({ preview: false, applied: 1, counts: { applied: 1, 'source-changed': 1 } });
  expect(targetText(diskRow(SEED_SLUG, seed.rows[1]!.id)!.target)).toBe('Putin received Haftar in Moscow, the Kremlin said.');
});

test('the editor\'s Import XLIFF button shows the report and applies the matched units', async ({ page, request }) => {
  const seed = readDocumentJson<BilingualDocument>(SEED_SLUG);
  const xml = editedSeedExport(await exportSeed(request), seed);
  await openEditor(page, SEED_SLUG);
  const panel = page.getByTestId('xliff-import');
  await panel.getByTestId('xliff-import-file').setInputFiles({ name: 'back-from-tool.xlf', mimeType: XLIFF_TYPE, buffer: Buffer.from(xml) });
  const report = page.getByTestId('xliff-import-report');
  await expect(report).toBeVisible();
  await expect(report.locator(`[data-testid="xliff-unit"][data-unit-id="${seed.rows[1]!.id}"]`)).toHaveAttribute('data-status', 'match');
  await expect(report.locator(`[data-testid="xliff-unit"][data-unit-id="${seed.rows[2]!.id}"]`)).toHaveAttribute('data-status', 'source-changed');
  await expect(report.locator('[data-testid="xliff-unit"][data-unit-id="notarowid1"]')).toHaveAttribute('data-status', 'unknown-unit');
  expect(diskRow(SEED_SLUG, seed.rows[1]!.id)).toEqual(seed.rows[1]);

  await report.getByTestId('xliff-import-apply').click();
  await expect(page.locator('html')).toHaveAttribute('data-editor-ready', 'true');
  await expect(editorRows(page).nth(1).getByTestId('target-cell')).toContainText('Putin received Haftar in Moscow, the Kremlin said.');
  await expect(page.getByTestId('xliff-import-report')).toHaveCount(0);
  expect(targetText(diskRow(SEED_SLUG, seed.rows[1]!.id)!.target)).toBe('Putin received Haftar in Moscow, the Kremlin said.');
});

test.describe('a malformed XLIFF gets a 4xx naming the element and the line, and changes nothing', () => {
  const cases: [string, RegExp][] = [
    ['malformed-not-well-formed.xlf', /not well-formed XML: line 6, column \d+/],
    ['malformed-wrong-namespace.xlf', /<xliff> on line 2: namespace/],
    ['malformed-missing-srclang.xlf', /<xliff> on line 2: attribute srcLang is required on <xliff> \(rule attribute-required\)/],
    ['malformed-duplicate-ids.xlf', /<unit> on line 9: unit id "u1" is already used in this <file> by the unit on line 4 \(rule unit-id-unique\)/],
    ['malformed-invalid-state.xlf', /<target> on line 7: state="done"/],
  ];
  for (const [name, message] of cases) {
    test(name, async ({ request }) => {
      const folders = listDocumentFolders();
      const seedBefore = readDocumentJson<BilingualDocument>(SEED_SLUG);
      const xml = fixture(name);
      for (const response of [await postXliff(request, xml, `?slug=${uniqueSlug('bad')}`), await importInto(request, xml), await importInto(request, xml, '&confirm=1')]) {
        expect(response.status()).toBe(400);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('invalid');
        expect(body.error.message).toMatch(message);
      }
      expect(listDocumentFolders()).toEqual(folders);
      expect(readDocumentJson<BilingualDocument>(SEED_SLUG)).toEqual(seedBefore);
    });
  }
});

test('a Trados-style XLIFF 1.2 file imports as a new document', async ({ request }) => {
  const slug = uniqueSlug('xliff-12');
  const created = await postXliff(request, fixture('trados-1.2-ar-en.xlf'), `?slug=${slug}&title=${encodeURIComponent('From Trados')}`);
  expect(created.status(), await created.text()).toBe(201);
  const doc = readDocumentJson<BilingualDocument>(slug);
  expect([doc.title, doc.sourceLang, doc.targetLang]).toEqual(['From Trados', 'ar-SA', 'en-US']);
  expect(doc.rows.map((r) => r.status)).toEqual(['translated', 'untranslated', 'approved', 'needs-changes']);
  expect(doc.rows.map((r) => r.source[0]!.text)).toEqual([
    'بوتين يستقبل حفتر في الكرملين',
    'استقبل الرئيس الروسي المشير خليفة حفتر يوم 10 ماي 2025.',
    'وأكد الجانبان أهمية الحوار بين الأطراف الليبية.',
    'المصدر: وكالة الأنباء الروسية',
  ]);
  // Its inline codes come back in a 1.2 export.
  const v12 = await (await request.get(`/api/documents/${slug}/export?format=xliff&version=1.2`)).text();
  expect(v12).toContain('<g id="1" ctype="bold">Kremlin</g>');
  expect(v12).toContain('<x id="2" equiv-text="[1]"/>');
  expect(v12).toContain('<bpt id="3">&lt;i&gt;</bpt>');
});

test('an English→French file imports in its own language pair, with ltr cells on both sides', async ({ page, request }) => {
  const slug = uniqueSlug('xliff-en-fr');
  const created = await postXliff(request, fixture('okapi-2.0-en-fr.xlf'), `?slug=${slug}`);
  expect(created.status(), await created.text()).toBe(201);
  expect(await created.json()).toMatchObject({ sourceLang: 'en-US', targetLang: 'fr-FR', rows: 3 });
  await openEditor(page, slug);
  const first = editorRows(page).first();
  await expect(first.getByTestId('source-cell')).toHaveAttribute('lang', 'en-US');
  await expect(first.getByTestId('source-cell')).toHaveAttribute('dir', 'ltr');
  await expect(first.getByTestId('target-cell')).toHaveAttribute('lang', 'fr-FR');
  await expect(first.getByTestId('target-cell')).toHaveAttribute('dir', 'ltr');
  await expect(first.getByTestId('target-cell')).toContainText('Bienvenue sur notre nouveau site.');
  const xml = await (await request.get(`/api/documents/${slug}/export?format=xliff`)).text();
  expect(startTag(xml, 'xliff')).toContain('srcLang="en-US" trgLang="fr-FR"');
  expect(startTag(xml, 'file')).toContain('srcDir="ltr" trgDir="ltr"');
  expect(xml).toContain('<unit id="u2">');
  expect(xml).toContain('<target>Cliquez sur <ph id="2" disp="[link]"/> pour continuer.</target>');
});

test('the library\'s New document form imports an XLIFF file', async ({ page }) => {
  await page.goto('/en');
  const form = page.getByTestId('new-document');
  await form.locator('input[type="file"][name="file"]').setInputFiles({ name: 'matecat.xlf', mimeType: XLIFF_TYPE, buffer: Buffer.from(fixture('matecat-2.1-ar-en.xlf')) });
  await expect(form.getByTestId('import-xliff-chosen')).toContainText('matecat.xlf');
  const slug = uniqueSlug('xliff-form');
  await form.locator('input[name="slug"]').fill(slug);
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(page).toHaveURL(new RegExp(`/en/documents/${slug}$`));
  const doc = readDocumentJson<BilingualDocument>(slug);
  expect([doc.sourceLang, doc.targetLang, doc.rows.length]).toEqual(['ar-EG', 'en-GB', 3]);
  expect(doc.rows.map((r) => r.status)).toEqual(['translated', 'needs-changes', 'untranslated']);
});
