import fs from 'node:fs';
import path from 'node:path';
import type { GlossaryFile } from '../lib/model/glossary';
import { expect, test } from './fixtures';
import { contentDir } from './helpers';

/** The glossary page's search, and the glossary's TBX and CSV import and export, against the running app. */

test.use({ viewport: { width: 1400, height: 900 } });

const SEED_GLOSSARY = path.resolve(import.meta.dirname, '..', 'content', 'glossary.json');
const glossaryFile = () => path.join(contentDir(), 'glossary.json');
const readGlossary = () => JSON.parse(fs.readFileSync(glossaryFile(), 'utf8')) as GlossaryFile;

function resetGlossary(): void {
  fs.copyFileSync(SEED_GLOSSARY, glossaryFile());
  const when = new Date(Date.now() + 1000);
  fs.utimesSync(glossaryFile(), when, when);
}

test.beforeEach(resetGlossary);
test.afterAll(resetGlossary);

test('search narrows the glossary by term, rendering or note, ignoring diacritics and case', async ({ page }) => {
  await page.goto('/en/glossary');
  const total = readGlossary().entries.length;
  await expect(page.getByTestId('glossary-entry')).toHaveCount(total);
  const search = page.getByTestId('glossary-search');
  await search.fill('kremlin');
  await expect(page.getByTestId('glossary-entry-rendering').first()).toContainText(/Kremlin/);
  const shown = await page.getByTestId('glossary-entry').count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(total);
  await expect(page.getByTestId('glossary-search-count')).toContainText(`“kremlin”`);
  await search.fill('حَفْتَر');
  await expect(page.getByTestId('glossary-entry-term').first()).toContainText('حفتر');
  await search.fill('no such term anywhere');
  await expect(page.getByTestId('glossary-entry')).toHaveCount(0);
  await expect(page.getByTestId('glossary-search-count')).toContainText('No term matches');
  await search.fill('');
  await expect(page.getByTestId('glossary-entry')).toHaveCount(total);
});

test('exports TBX and CSV that import back unchanged', async ({ request }) => {
  const before = readGlossary().entries;
  const tbx = await request.get('/api/glossary/export?format=tbx');
  expect(tbx.headers()['content-disposition']).toBe('attachment; filename="glossary.tbx"');
  const tbxText = await tbx.text();
  expect(tbxText).toContain('<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">');
  expect(tbxText.match(/<conceptEntry /g)).toHaveLength(before.length);
  const csv = await request.get('/api/glossary/export?format=csv');
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  for (const [format, body] of [
    ['tbx', tbxText],
    ['csv', await csv.text()],
  ] as const) {
    const imported = await request.post(`/api/glossary/import?format=${format}`, { data: body, headers: { 'content-type': 'text/plain' } });
    expect(imported.status(), await imported.text()).toBe(200);
    expect(await imported.json()).toMatchObject({ records: before.length, added: 0, replaced: 0, unchanged: before.length, skipped: [] });
  }
  expect(readGlossary().entries).toEqual(before);
});

test('imports a CSV file from the page: new terms added, changed renderings replaced, bad records reported', async ({ page }) => {
  await page.goto('/en/glossary');
  const before = readGlossary().entries.length;
  const csv = 'term,rendering,note\nمصطلح مستورد جديد,An imported term,From the test\nبوتين,Vladimir Putin,\n,No term,\n';
  await page.getByTestId('glossary-import-input').setInputFiles({ name: 'terms.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const result = page.getByTestId('glossary-import-result');
  await expect(result).toContainText('3 entries read: 1 added, 1 changed, 0 already there, 1 left out.');
  await expect(result).toContainText('record 4 has no term');
  await expect(page.getByTestId('glossary-entry')).toHaveCount(before + 1);
  await expect(page.getByTestId('glossary-entry-term').filter({ hasText: 'مصطلح مستورد جديد' })).toBeVisible();
  const entries = readGlossary().entries;
  expect(entries.find((e) => e.term === 'بوتين')?.rendering).toBe('Vladimir Putin');
  expect(entries.find((e) => e.term === 'مصطلح مستورد جديد')).toMatchObject({ rendering: 'An imported term', note: 'From the test', updatedBy: 'e2e-editor' });
});

test('a malformed file is refused with a clear message and changes nothing', async ({ page, request }) => {
  const before = fs.readFileSync(glossaryFile(), 'utf8');
  await page.goto('/ar/glossary');
  await page.getByTestId('glossary-import-input').setInputFiles({
    name: 'broken.tbx',
    mimeType: 'application/xml',
    buffer: Buffer.from('<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry>\n</body></text></tbx>'),
  });
  await expect(page.getByTestId('glossary-import-result')).toContainText('TBX is not well-formed XML: line 2');
  for (const [format, body, message] of [
    ['csv', 'term,rendering\n"بوتين,Putin\n', /^CSV: Quote Not Closed/],
    ['csv', 'name,value\nx,y\n', /names no term and rendering columns/],
    ['tbx', '<martif><text><body></body></text></martif>', /holds no <conceptEntry>/],
    ['tbx', '<tmx version="1.4"><body/></tmx>', /the root element is <tmx>/],
  ] as const) {
    const response = await request.post(`/api/glossary/import?format=${format}`, { data: body, headers: { 'content-type': 'text/plain' } });
    expect(response.status()).toBe(400);
    expect((await response.json()).error.message).toMatch(message);
  }
  expect((await request.post('/api/glossary/import?format=docx', { data: 'x' })).status()).toBe(400);
  expect(fs.readFileSync(glossaryFile(), 'utf8')).toBe(before);
});

test.describe('as a reviewer', () => {
  test.use({ role: 'reviewer' });
  test('downloads but cannot import', async ({ page, request }) => {
    await page.goto('/en/glossary');
    await expect(page.getByTestId('glossary-export-tbx')).toHaveAttribute('href', '/api/glossary/export?format=tbx');
    await expect(page.getByTestId('glossary-import-input')).toHaveCount(0);
    expect((await request.post('/api/glossary/import?format=csv', { data: 'term,rendering\nكلمة,word\n' })).status()).toBe(403);
  });
});
