import * as CFB from 'cfb';
import { Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';
import { editorRows, listDocumentFolders, openEditor, readDocumentJson, resetDocument, SEED_SLUG, uniqueSlug, type BilingualDocument } from './helpers';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const ar = (text: string, options: { bold?: boolean; italics?: boolean } = {}) => new TextRun({ text, rightToLeft: true, ...options });

/** An Arabic article as Word writes one: title, heading, bold and italic, a numbered list, a table and an image. */
function article(): Promise<Buffer> {
  return Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.TITLE, bidirectional: true, children: [ar('مقال من وورد')] }),
            new Paragraph({ bidirectional: true, children: [ar('قال '), ar('الرئيس', { bold: true }), ar(' إن '), ar('الزيارة', { italics: true }), ar(' ناجحة.')] }),
            new Paragraph({ heading: HeadingLevel.HEADING_2, bidirectional: true, children: [ar('التفاصيل')] }),
            new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('جدول')] })] })] }),
            new Paragraph({ bidirectional: true, bullet: { level: 0 }, children: [ar('نقطة أولى')] }),
            new Paragraph({ bidirectional: true, children: [ar('صورة '), new ImageRun({ type: 'png', data: PNG, transformation: { width: 10, height: 10 } }), ar(' هنا.')] }),
          ],
        },
      ],
    }),
  );
}

function documentXml(bytes: Buffer): string {
  return strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
}

test.beforeEach(() => {
  resetDocument(SEED_SLUG);
});

test('the library’s New document form imports a Word file and lists what it left out', async ({ page }) => {
  await page.goto('/en');
  const form = page.getByTestId('new-document');
  await form.locator('input[type="file"][name="file"]').setInputFiles({ name: 'article.docx', mimeType: DOCX_TYPE, buffer: await article() });
  await expect(form.getByTestId('import-word-chosen')).toContainText('article.docx');
  const slug = uniqueSlug('word-form');
  await form.locator('input[name="slug"]').fill(slug);
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(form.getByTestId('import-ok')).toContainText('5 rows');
  const skipped = form.getByTestId('import-skipped').getByRole('listitem');
  await expect(skipped).toHaveText(['a table after row 3 جدول', 'an image in row 5']);

  const doc = readDocumentJson<BilingualDocument>(slug);
  expect([doc.sourceLang, doc.targetLang, doc.title]).toEqual(['ar', 'en', 'مقال من وورد']);
  expect(doc.rows.map((r) => [r.source[0]!.kind, r.source[0]!.text])).toEqual([
    ['title', 'مقال من وورد'],
    ['paragraph', 'قال الرئيس إن الزيارة ناجحة.'],
    ['heading', 'التفاصيل'],
    ['bulleted', 'نقطة أولى'],
    ['paragraph', 'صورة  هنا.'],
  ]);
  expect(doc.rows[1]!.xliff?.source).toContain('<pc id="w1" type="fmt" subType="xlf:b">الرئيس</pc>');

  await form.getByRole('link', { name: 'Open it' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-editor-ready', 'true');
  await expect(editorRows(page)).toHaveCount(5);
});

test('POST /api/documents takes a .docx body: 201 with the rows, the languages and what was skipped', async ({ request }) => {
  const slug = uniqueSlug('word-api');
  const response = await request.post(`/api/documents?slug=${slug}&title=${encodeURIComponent('From Word')}&targetLang=fr`, {
    headers: { 'content-type': DOCX_TYPE },
    data: await article(),
  });
  expect(response.status(), await response.text()).toBe(201);
  expect(await response.json()).toEqual({
    slug,
    rows: 5,
    sourceLang: 'ar',
    targetLang: 'fr',
    skipped: [
      { kind: 'table', afterRow: 3, text: 'جدول' },
      { kind: 'image', afterRow: 4, row: 5 },
    ],
  });
  expect(readDocumentJson<BilingualDocument>(slug).title).toBe('From Word');
});

test.describe('a file that is not a readable .docx gets a 4xx naming the problem, and nothing is created', () => {
  const encrypted = () => {
    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, '/EncryptionInfo', new Uint8Array(600));
    CFB.utils.cfb_add(container, '/EncryptedPackage', new Uint8Array(600));
    return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
  };
  const cases: [string, () => Promise<Buffer> | Buffer, number, RegExp][] = [
    ['an empty body', () => Buffer.alloc(0), 400, /^Word: the file is empty$/],
    ['random bytes', () => Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31 + 7) % 256)), 400, /not a \.docx file/],
    ['a truncated file', async () => (await article()).subarray(0, 2000), 400, /damaged .*cut short/],
    ['a password-protected file', encrypted, 400, /protected with a password/],
    ['an English file without ?sourceLang', () => Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('English only.')] }] })), 400, /sourceLang=/],
    ['a body over 5 MB', () => Buffer.alloc(5 * 1024 * 1024 + 1, 1), 413, /larger than/],
  ];
  for (const [name, make, status, message] of cases) {
    test(name, async ({ request }) => {
      const before = listDocumentFolders();
      const response = await request.post('/api/documents', { headers: { 'content-type': DOCX_TYPE }, data: await make() });
      expect(response.status()).toBe(status);
      const body = await response.json();
      expect(body.error.message).toMatch(message);
      expect(typeof body.error.code).toBe('string');
      expect(listDocumentFolders()).toEqual(before);
    });
  }
});

test('exports the translation and a bilingual table as Word downloads', async ({ request }) => {
  const target = await request.get(`/api/documents/${SEED_SLUG}/export?format=docx&layout=target`);
  expect(target.status()).toBe(200);
  expect(target.headers()['content-type']).toBe(DOCX_TYPE);
  expect(target.headers()['content-disposition']).toBe(`attachment; filename="${SEED_SLUG}.en.docx"`);
  const english = documentXml(await target.body());
  expect(english).toContain('Putin');
  expect(english).toContain('<w:pStyle w:val="Title"/>');
  expect(english).not.toContain('<w:bidi/>');

  const bilingual = await request.get(`/api/documents/${SEED_SLUG}/export?format=docx&layout=bilingual`);
  expect(bilingual.status()).toBe(200);
  expect(bilingual.headers()['content-disposition']).toBe(`attachment; filename="${SEED_SLUG}.ar-en.docx"`);
  const both = documentXml(await bilingual.body());
  const seed = readDocumentJson<BilingualDocument>(SEED_SLUG);
  expect(both.match(/<w:tr>/g)).toHaveLength(seed.rows.length + 1);
  expect(both).toContain('<w:bidi/>');
  expect(both).toContain('Noto Naskh Arabic');
  expect(both).toContain('بوتين');
  // The Arabic face travels in the file (regular and bold), so the Arabic shows in Naskh where the font is missing.
  expect(Object.keys(unzipSync(new Uint8Array(await bilingual.body()))).filter((f) => f.startsWith('word/fonts/'))).toHaveLength(2);

  const bad = await request.get(`/api/documents/${SEED_SLUG}/export?format=docx&layout=side`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/target, bilingual/);
});

test('a Word file downloads from the browser with its name', async ({ page }) => {
  await openEditor(page, SEED_SLUG);
  const download = page.waitForEvent('download');
  // The editor's export menu is another change; the route is what it links to.
  await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    a.download = '';
    document.body.append(a);
    a.click();
  }, `/api/documents/${SEED_SLUG}/export?format=docx&layout=bilingual`);
  expect((await download).suggestedFilename()).toBe(`${SEED_SLUG}.ar-en.docx`);
});
