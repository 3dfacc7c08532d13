import { Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isModelError, type BilingualDocument } from '@/lib/model';
import { createDocumentFromWordHtml, type WordImportRequest } from '@/lib/model/word';
import { getRowContent } from '@/lib/model/xliff';
import { assembleDocx, bombDocx, compoundFile, docxOf, googleDocsArticle, libreOfficeArticle, wordArticle } from './docx-fixtures.test-support';
import { MAX_UNPACKED_BYTES, readWordHtml } from './docx-reader';

let n = 0;
const ctx = () => ({ now: '2025-05-12T09:00:00.000Z', user: 'editor', newId: () => `w${String(++n).padStart(9, '0')}`, slug: 'draft' });

async function importWord(bytes: Uint8Array, request: WordImportRequest = {}) {
  return createDocumentFromWordHtml(await readWordHtml(bytes), request, ctx());
}

const kinds = (doc: BilingualDocument) => doc.rows.map((r) => [r.source[0]!.kind, r.source[0]!.level ?? null, r.source[0]!.number ?? null, r.source[0]!.text]);

async function refusal(bytes: Uint8Array): Promise<{ code: string; message: string }> {
  try {
    await importWord(bytes);
  } catch (e) {
    if (isModelError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('the file was accepted');
}

describe('reading Word files', { timeout: 60_000 }, () => {
  it('maps an article written as Word writes one to rows of its kinds, reporting what it skipped', async () => {
    const { doc, skipped } = await importWord(await wordArticle());
    expect(kinds(doc)).toEqual([
      ['title', null, null, 'بوتين يستقبل الجنرال حفتر في الكرملين'],
      ['paragraph', null, null, 'استقبل الرئيس الروسي فلاديمير بوتين المشير خليفة حفتر في موسكو.'],
      ['heading', 1, null, 'خلفية الزيارة'],
      ['paragraph', null, null, 'نقاط مهمة جدا:'],
      ['numbered', null, '1', 'التعاون العسكري'],
      ['numbered', 2, '1', 'التدريب'],
      ['numbered', null, '2', 'الطاقة'],
      ['bulleted', null, null, 'طرابلس'],
      ['bulleted', 2, null, 'بنغازي'],
      ['paragraph', null, null, 'صورة من اللقاء  في القاعة.'],
      ['heading', 2, null, 'ردود الفعل'],
      ['paragraph', null, null, 'السطر الأول\nالسطر الثاني'],
    ]);
    expect(skipped).toEqual([
      { kind: 'footnote', afterRow: 1, row: 2 },
      { kind: 'table', afterRow: 9, text: 'السنة 2025' },
      { kind: 'image', afterRow: 9, row: 10 },
      { kind: 'image', afterRow: 10 },
    ]);
    expect(doc).toMatchObject({ title: 'بوتين يستقبل الجنرال حفتر في الكرملين', sourceLang: 'ar', targetLang: 'en' });
    expect(doc.rows.every((r) => r.status === 'untranslated' && r.rev === 1)).toBe(true);
  });

  it('keeps bold and italic as formatting codes that the XLIFF export writes back', async () => {
    const { doc } = await importWord(await wordArticle());
    const row = doc.rows[1]!;
    expect(row.xliff?.source).toBe(
      'استقبل الرئيس الروسي <pc id="w1" type="fmt" subType="xlf:b">فلاديمير بوتين</pc> المشير <pc id="w2" type="fmt" subType="xlf:i">خليفة حفتر</pc> في موسكو.',
    );
    expect(doc.rows[3]!.xliff?.source).toBe('نقاط <pc id="w1" type="fmt" subType="xlf:b"><pc id="w2" type="fmt" subType="xlf:i">مهمة جدا</pc></pc>:');
    // The export takes the kept markup only while it is the row's text.
    expect(getRowContent(row).source).not.toEqual([row.source[0]!.text]);
    expect(doc.rows[0]!.xliff).toBeUndefined();
  });

  it('reads a file in the shape LibreOffice saves', async () => {
    const { doc, skipped } = await importWord(libreOfficeArticle());
    expect(kinds(doc)).toEqual([
      ['title', null, null, 'عنوان المقال'],
      ['paragraph', null, null, 'فقرة فيها كلمة غامقة وكلمة مائلة.'],
      ['heading', 1, null, 'قسم أول'],
      ['numbered', null, '1', 'البند الأول'],
      ['numbered', null, '2', 'البند الثاني'],
      ['bulleted', null, null, 'نقطة'],
      ['heading', 2, null, 'قسم فرعي'],
      ['paragraph', null, null, 'فقرة أخيرة.'],
    ]);
    expect(skipped).toEqual([]);
    expect(doc.rows[1]!.xliff?.source).toContain('<pc id="w1" type="fmt" subType="xlf:b">كلمة غامقة</pc>');
  });

  it('reads a file in the shape Google Docs exports: the first heading is the title, w:val="0" is no mark', async () => {
    const { doc } = await importWord(googleDocsArticle());
    expect(kinds(doc)).toEqual([
      ['title', null, null, 'عنوان من مستندات جوجل'],
      ['paragraph', null, null, 'نص غامق وليس غامقا ومائل'],
      ['numbered', null, '1', 'أولا'],
      ['numbered', null, '2', 'ثانيا'],
      ['bulleted', null, null, 'نقطة أولى'],
      ['heading', 2, null, 'قسم'],
      ['paragraph', null, null, 'خاتمة.'],
    ]);
    expect(doc.rows[1]!.xliff?.source).toBe('نص <pc id="w1" type="fmt" subType="xlf:b">غامق</pc> وليس غامقا و<pc id="w2" type="fmt" subType="xlf:i">مائل</pc>');
  });

  it('reads right-to-left paragraphs in their logical order, characters as written', async () => {
    const text = 'قال: «السلام» عام ٢٠٢٥، ثم غادر — 10 أيار/مايو؟';
    const { doc } = await importWord(await docxOf([new Paragraph({ bidirectional: true, children: [new TextRun({ text, rightToLeft: true })] }), new Paragraph({ bidirectional: true, children: [new TextRun({ text: 'ثانية', rightToLeft: true })] })]));
    expect(doc.rows.map((r) => r.source[0]!.text)).toEqual([text, 'ثانية']);
  });

  it('takes the language pair from the request, and refuses a file in another script without one', async () => {
    const english = await docxOf([new Paragraph('An English paragraph.')]);
    expect((await importWord(english, { sourceLang: 'en', targetLang: 'fr' })).doc).toMatchObject({ sourceLang: 'en', targetLang: 'fr' });
    expect(await refusal(english)).toMatchObject({ code: 'invalid', message: expect.stringContaining('?sourceLang=') });
    await expect(importWord(english, { sourceLang: 'en' })).rejects.toThrow(/\?targetLang=/);
    await expect(importWord(english, { sourceLang: 'not a tag' })).rejects.toThrow(/sourceLang "not a tag" is not a language tag/);
    const arabic = await docxOf([new Paragraph('نص عربي')]);
    expect((await importWord(arabic, { targetLang: 'fr' })).doc).toMatchObject({ sourceLang: 'ar', targetLang: 'fr' });
  });

  it('names what is wrong with a file that is not a readable .docx', async () => {
    const good = await wordArticle();
    expect(await refusal(new Uint8Array(0))).toEqual({ code: 'invalid', message: 'Word: the file is empty' });
    expect((await refusal(good.subarray(0, Math.floor(good.length / 2)))).message).toMatch(/^Word: the file is damaged \(its zip archive cannot be read.*was it cut short\?$/);
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251);
    expect((await refusal(random)).message).toMatch(/not a \.docx file/);
    expect((await refusal(new TextEncoder().encode('%PDF-1.7\n…'))).message).toMatch(/not a \.docx file/);
    expect((await refusal(compoundFile(['EncryptionInfo', 'EncryptedPackage']))).message).toMatch(/protected with a password/);
    expect((await refusal(compoundFile(['WordDocument', '1Table']))).message).toMatch(/old Word 97–2003 \.doc file/);
    const header = new Uint8Array(512);
    header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await refusal(header)).message).toMatch(/old-style Office file/);
    expect((await refusal(zipSync({}))).message).toMatch(/no word\/document\.xml/);
    expect((await refusal(zipSync({ 'hello.txt': new Uint8Array([104, 105]) }))).message).toMatch(/no word\/document\.xml/);
    expect((await refusal(assembleDocx({ document: '<w:p><w:r><w:t>نص' }))).message).toMatch(/^Word: the document cannot be read/);
  });

  it('refuses an empty document, and one that holds only what is not imported', async () => {
    expect(await refusal(assembleDocx({ document: '' }))).toEqual({ code: 'invalid', message: 'Word: the document has no text to import' });
    expect(await refusal(await docxOf([new Paragraph(''), new Paragraph('   ')]))).toMatchObject({ message: 'Word: the document has no text to import' });
    const onlyTable = await docxOf([new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('خلية')] })] })] })]);
    expect((await refusal(onlyTable)).message).toBe('Word: the document has no text to import (only tables, which are not imported)');
  });

  it('refuses a package whose parts unpack to more than the limit before unpacking them', async () => {
    const bomb = bombDocx(MAX_UNPACKED_BYTES + 1);
    expect(await refusal(bomb)).toMatchObject({ code: 'too-large' });
  });
});
