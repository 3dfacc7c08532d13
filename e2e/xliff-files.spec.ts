import type { APIResponse } from '@playwright/test';
import { apiAs, expect, test, userName } from './fixtures';
import { readDocumentJson, uniqueSlug, type BilingualDocument } from './helpers';

/**
 * Files a translator is sent: source-only XLIFF (the target language from the form or ?targetLang=), valid files
 * with nothing to translate, files that break the XLIFF 2 core, XML nested or wide enough to stall a parser, and
 * what an import brings besides text (the memory, notes that tell who wrote them).
 */

const XLIFF_TYPE = 'application/xliff+xml';
const word = () => `w${Math.random().toString(36).slice(2, 10)}`;

/** An Angular-style source-only XLIFF 2.0 file: no trgLang, no targets. */
function sourceOnly(units: [string, string][], srcLang = 'ar'): string {
  const body = units.map(([id, text]) => `    <unit id="${id}">\n      <segment>\n        <source>${text}</source>\n      </segment>\n    </unit>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8" ?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="${srcLang}">\n  <file id="ngi18n" original="ng.template">\n${body}\n  </file>\n</xliff>\n`;
}

test('a source-only XLIFF imports in the language asked for, and its export names it', async ({ request }) => {
  const slug = uniqueSlug('source-only');
  const created = await request.post(`/api/documents?slug=${slug}&targetLang=fr`, { headers: { 'content-type': XLIFF_TYPE }, data: sourceOnly([['greeting', 'مرحبا بكم'], ['farewell', 'إلى اللقاء']]) });
  expect(created.status(), await created.text()).toBe(201);
  expect(await created.json()).toMatchObject({ rows: 2, sourceLang: 'ar', targetLang: 'fr' });
  const xml = await (await request.get(`/api/documents/${slug}/export?format=xliff`)).text();
  expect(xml).toMatch(/<xliff [^>]*srcLang="ar" trgLang="fr"/);

  // Without ?targetLang= English is the default; an English source must say which language it goes into.
  const english = await request.post(`/api/documents?slug=${uniqueSlug('source-only-en')}`, { headers: { 'content-type': XLIFF_TYPE }, data: sourceOnly([['a', 'مرحبا']]) });
  expect(await english.json()).toMatchObject({ targetLang: 'en' });
  const fromEnglish = await request.post('/api/documents', { headers: { 'content-type': XLIFF_TYPE }, data: sourceOnly([['a', 'Hello']], 'en') });
  expect(fromEnglish.status()).toBe(400);
  expect((await fromEnglish.json()).error.message).toMatch(/names no target language .* choose the language of the translation \(targetLang\)/);
  const bad = await request.post('/api/documents?targetLang=fr%20CA', { headers: { 'content-type': XLIFF_TYPE }, data: sourceOnly([['a', 'مرحبا']]) });
  expect(bad.status()).toBe(400);
});

test('the library form asks for the target language only when the file has none', async ({ page }) => {
  await page.goto('/en');
  const form = page.getByTestId('new-document');
  await form.locator('input[type=file]').setInputFiles({ name: 'messages.xlf', mimeType: XLIFF_TYPE, buffer: Buffer.from(sourceOnly([['t1', `نص ${word()}`]])) });
  const field = page.getByTestId('import-target-lang');
  await expect(field).toHaveValue('en');
  await field.fill('de');
  const slug = uniqueSlug('form-source-only');
  await form.getByLabel('Short name for the address (optional)').fill(slug);
  await form.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/en/documents/${slug}$`));
  expect(readDocumentJson<BilingualDocument>(slug).targetLang).toBe('de');

  await page.goto('/en');

  const withTarget = sourceOnly([['t1', 'نص']]).replace('srcLang="ar"', 'srcLang="ar" trgLang="en"');
  await form.locator('input[type=file]').setInputFiles({ name: 'done.xlf', mimeType: XLIFF_TYPE, buffer: Buffer.from(withTarget) });
  await expect(page.getByTestId('import-xliff-chosen')).toBeVisible();
  await expect(page.getByTestId('import-target-lang')).toHaveCount(0);
});

test('a valid file with no units, and a file that breaks the core, are refused saying why', async ({ request }) => {
  const empty = '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar"><file id="f"><group id="g"/></file></xliff>';
  const response = await request.post('/api/documents', { headers: { 'content-type': XLIFF_TYPE }, data: empty });
  expect(response.status()).toBe(400);
  expect((await response.json()).error.message).toMatch(/valid XLIFF 2\.0 but holds no units/);
  const broken = sourceOnly([['a', 'مرحبا <ec startRef="9"/>']]);
  const refused = await request.post('/api/documents', { headers: { 'content-type': XLIFF_TYPE }, data: broken });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error.message).toMatch(/^XLIFF: <ec> on line 6: .* \(rule sc-ec-pairing\)$/);
});

test('XML nested or wide past the limits is refused at once, and the server keeps answering meanwhile', async ({ request, playwright }) => {
  const nested = '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en"><file id="f"><unit id="u"><segment><source>' +
    '<pc id="1">'.repeat(100_000) + 'x' + '</pc>'.repeat(100_000) + '</source></segment></unit></file></xliff>';
  const wide = nested.replace(/(<pc id="1">)+x(<\/pc>)+/, '<ph id="1"/>'.repeat(150_000));
  const tmx = '<tmx version="1.4"><header/><body><tu><tuv xml:lang="ar"><seg>' + '<hi>'.repeat(100_000) + 'x' + '</hi>'.repeat(100_000) + '</seg></tuv></tu></body></tmx>';
  const other = await apiAs(playwright, 'translator');
  const quiet = Date.now();
  expect((await other.get('/api/health')).status()).toBe(200);
  const quietMs = Date.now() - quiet;

  const pending: [Promise<APIResponse>, Promise<APIResponse>, Promise<APIResponse>] = [
    request.post('/api/documents', { headers: { 'content-type': XLIFF_TYPE }, data: nested }),
    request.post('/api/documents', { headers: { 'content-type': XLIFF_TYPE }, data: wide }),
    request.post('/api/memory/import', { headers: { 'content-type': 'application/x-tmx+xml' }, data: tmx }),
  ];
  // While the three are parsed the server answers others; a parser walking 100,000 levels held it for minutes.
  const during = Date.now();
  const health = await other.get('/api/health');
  const healthMs = Date.now() - during;
  expect(health.status()).toBe(200);
  expect(healthMs, `health took ${healthMs} ms (quiet: ${quietMs} ms)`).toBeLessThan(Math.max(3_000, 20 * quietMs));

  const [deep, broad, memory] = await Promise.all(pending);
  expect(deep.status()).toBe(400);
  expect((await deep.json()).error.message).toMatch(/<pc> on line 1 is nested more than 200 elements deep/);
  expect(broad.status()).toBe(413);
  expect((await broad.json()).error.message).toMatch(/<source> on line 1 holds more than 25000 elements/);
  expect(memory.status()).toBe(400);
  expect((await memory.json()).error.message).toMatch(/^TMX: <hi> on line 1 is nested more than 200/);
  await other.dispose();
});

test('an XLIFF import feeds the memory, and its notes are the importer’s, quoting the file’s author', async ({ request, playwright }) => {
  const slug = uniqueSlug('xliff-memory');
  const arabic = `جملة للذاكرة ${word()}`;
  expect((await request.post(`/api/documents?slug=${slug}&targetLang=en`, { headers: { 'content-type': XLIFF_TYPE }, data: sourceOnly([['m1', arabic]]) })).status()).toBe(201);
  const rowId = readDocumentJson<BilingualDocument>(slug).rows[0]!.id;
  const english = `A sentence for the memory ${word()}`;
  const translated = `<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:bn="urn:x-bilingual-editor:xliff:notes" version="2.0" srcLang="ar" trgLang="en">
  <file id="f"><unit id="${rowId}">
    <notes><note id="n1" category="public" bn:author="editor" bn:created="2020-01-01T00:00:00Z">Approved by the editor.</note></notes>
    <segment state="translated"><source>${arabic}</source><target>${english}</target></segment>
  </unit></file>
</xliff>`;
  const translator = await apiAs(playwright, 'translator');
  const applied = await translator.post(`/api/documents/${slug}/import?format=xliff&confirm=1`, { headers: { 'content-type': XLIFF_TYPE }, data: translated });
  expect(applied.status(), await applied.text()).toBe(200);
  expect(await applied.json()).toMatchObject({ applied: 1, notesAdded: 1 });
  const hits = await (await translator.get(`/api/memory/concordance?q=${encodeURIComponent(english.split(' ').pop()!)}`)).json();
  expect(hits.hits.map((h: { entry: { target: string } }) => h.entry.target)).toContain(english);
  const { notes } = await (await translator.get(`/api/documents/${slug}/notes`)).json();
  expect(notes[0]).toMatchObject({ author: userName('translator'), visibility: 'internal', body: 'From “editor” in the imported XLIFF (2020-01-01): Approved by the editor.' });
  expect(notes[0].createdAt > '2024').toBe(true);
  await translator.dispose();
});
