import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { BilingualDocument } from '@/lib/model';
import { createDocumentFromWordHtml, getWordExport } from '@/lib/model/word';
import { translatedArticle } from './docx-fixtures.test-support';
import { readWordHtml } from './docx-reader';
import { getArabicFontFaces } from './docx-font';
import { ARABIC_FONT, getWordExportText, hasRightToLeft, writeWordDocument } from './docx-writer';

const at = '2025-05-12T09:00:00.000Z';
let n = 0;
const ctx = () => ({ now: at, user: 'editor', newId: () => `x${String(++n).padStart(9, '0')}`, slug: 'article' });

function parts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).filter(([name]) => name.endsWith('.xml')).map(([name, data]) => [name, strFromU8(data)]));
}

describe('writing Word files', { timeout: 60_000 }, () => {
  it('writes the translation with Word’s styles, numbering, marks and footnotes, and reads back as the same kinds', async () => {
    const { doc, notes } = await translatedArticle();
    const bytes = await writeWordDocument(getWordExport(doc, notes, 'target', at));
    const xml = parts(bytes);
    const body = xml['word/document.xml']!;
    expect(body).toContain('<w:pStyle w:val="Title"/>');
    expect(body).toContain('<w:pStyle w:val="Heading2"/>');
    expect(body.match(/<w:numPr>/g)).toHaveLength(5);
    expect(body).toContain('<w:footnoteReference w:id="1"/>');
    expect(body).not.toContain('<w:bidi/>');
    expect(xml['word/footnotes.xml']).toContain('Vladimir Putin, president since 2012.');
    expect(xml['word/numbering.xml']).toContain('w:val="decimal"');
    expect(xml['word/numbering.xml']).toContain('w:val="bullet"');
    expect(xml['docProps/core.xml']).toContain('<dc:title>Row 1</dc:title>');

    // Read back as an English document: the same rows, of the same kinds.
    const back = createDocumentFromWordHtml(await readWordHtml(bytes), { sourceLang: 'en', targetLang: 'fr' }, ctx()).doc;
    const shape = (d: BilingualDocument) => d.rows.map((r) => [r.source[0]!.kind, r.source[0]!.level ?? 1, r.source[0]!.number ?? null]);
    expect(shape(back)).toEqual(shape(doc));
    expect(back.rows.map((r) => r.source[0]!.text)).toEqual(doc.rows.map((_, i) => `Row ${i + 1}`));
    expect(back.rows[4]!.xliff?.source).toBe('Row <pc id="w1" type="fmt" subType="xlf:b">5</pc>');
  });

  it('writes the bilingual table with the Arabic right to left in an Arabic font', async () => {
    const { doc, notes } = await translatedArticle();
    doc.rows[4]!.source[0]!.number = '١';
    const xml = parts(await writeWordDocument(getWordExport(doc, notes, 'bilingual', at)));
    const body = xml['word/document.xml']!;
    expect(body.match(/<w:tr>/g)).toHaveLength(doc.rows.length + 1);
    expect(body).toContain('<w:tblHeader/>');
    expect(body).toContain('العربية');
    expect(body).toContain('English');
    expect(body.match(/<w:bidi\/>/g)!.length).toBeGreaterThanOrEqual(doc.rows.length);
    expect(body).toContain(`<w:rFonts w:cs="${ARABIC_FONT}"/>`);
    expect(body).toContain('<w:rtl/>');
    expect(body).toContain('<w:lang w:bidi="ar"/>');
    // Bold of the original's runs, as Word wants it for right-to-left text too.
    expect(body).toMatch(/<w:b\/><w:bCs\/>.*<w:rtl\/>.*فلاديمير بوتين/);
    expect(body).toContain('<w:footnoteReference w:id="1"/>');
    // Lists in either column count on their own; a list written in Arabic-Indic digits keeps them.
    expect(xml['word/numbering.xml']).toContain('w:val="hindiNumbers"');
    const lists = xml['word/numbering.xml']!.match(/<w:abstractNum /g)!.length;
    expect(lists).toBeGreaterThanOrEqual(4);
  });

  it('embeds the Arabic face, subset to the text, when given it', async () => {
    const { doc } = await translatedArticle();
    const data = getWordExport(doc, [], 'bilingual', at);
    expect(hasRightToLeft(data)).toBe(true);
    expect(hasRightToLeft(getWordExport(doc, [], 'target', at))).toBe(false);
    const font = await getArabicFontFaces(getWordExportText(data));
    expect(font!.regular.subarray(0, 4)).toEqual(Buffer.from([0, 1, 0, 0]));
    const bytes = await writeWordDocument(data, font);
    const files = Object.keys(unzipSync(bytes));
    expect(files.filter((f) => f.startsWith('word/fonts/'))).toHaveLength(2);
    const xml = parts(bytes);
    expect(xml['word/fontTable.xml']).toMatch(new RegExp(`w:name="${ARABIC_FONT}".*w:embedRegular.*w:embedBold`));
    expect(xml['word/settings.xml']).toContain('<w:embedTrueTypeFonts/>');
  });

  it('writes a document with nothing translated as an empty page, not an error', async () => {
    const { doc } = await translatedArticle();
    for (const row of doc.rows) row.target = { type: 'doc', content: [{ type: 'paragraph' }] };
    const bytes = await writeWordDocument(getWordExport(doc, [], 'target', at));
    expect(parts(bytes)['word/document.xml']).toContain('<w:body>');
  });
});
