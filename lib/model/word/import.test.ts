import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentSchema } from '../schema';
import { counterIds, expectModelError } from '../test-support';
import { getRowContent, parseInlineMarkup, toXliff2 } from '../xliff';
import { createDocumentFromWordHtml, getWordLangs, isMostlyArabic, mapWordHtml, WORD_TITLE_CLASS } from './import';

const ctx = () => ({ now: '2025-05-12T09:00:00.000Z', user: 'editor', newId: counterIds('w'), slug: 'draft' });

describe('mapWordHtml', () => {
  it('maps headings, paragraphs and lists to blocks of those kinds', () => {
    const html =
      `<h1 class="${WORD_TITLE_CLASS}">العنوان</h1><p>فقرة</p><h2>قسم</h2><h3>فرع</h3>` +
      '<ol><li>أ<ol><li>أ١</li><li>أ٢</li></ol></li><li>ب</li></ol><ul><li>نقطة<ul><li>فرعية<ul><li>أعمق</li></ul></li></ul></li></ul><p>نهاية</p>';
    expect(mapWordHtml(html).blocks.map((b) => b.block)).toEqual([
      { kind: 'title', text: 'العنوان' },
      { kind: 'paragraph', text: 'فقرة' },
      { kind: 'heading', level: 2, text: 'قسم' },
      { kind: 'heading', level: 3, text: 'فرع' },
      { kind: 'numbered', number: '1', text: 'أ' },
      { kind: 'numbered', number: '1', level: 2, text: 'أ١' },
      { kind: 'numbered', number: '2', level: 2, text: 'أ٢' },
      { kind: 'numbered', number: '2', text: 'ب' },
      { kind: 'bulleted', text: 'نقطة' },
      { kind: 'bulleted', level: 2, text: 'فرعية' },
      { kind: 'bulleted', level: 3, text: 'أعمق' },
      { kind: 'paragraph', text: 'نهاية' },
    ]);
  });

  it('makes a first level-1 heading the title when there is no Title paragraph, as a Markdown import does', () => {
    expect(mapWordHtml('<h1>أ</h1><h1>ب</h1>').blocks.map((b) => b.block)).toEqual([
      { kind: 'title', text: 'أ' },
      { kind: 'heading', level: 1, text: 'ب' },
    ]);
    expect(mapWordHtml('<p>أ</p><h1>ب</h1>').blocks.map((b) => b.block.kind)).toEqual(['paragraph', 'heading']);
    // A second Title paragraph is a heading.
    expect(mapWordHtml(`<h1 class="${WORD_TITLE_CLASS}">أ</h1><h1 class="${WORD_TITLE_CLASS}">ب</h1>`).blocks.map((b) => b.block.kind)).toEqual(['title', 'heading']);
  });

  it('keeps bold and italic as formatting codes, nested as they were, and the text exactly', () => {
    const [block] = mapWordHtml('<p>  قال <strong>بوتين <em>اليوم</em></strong> إن <em>«السلام»</em>  </p>').blocks;
    expect(block!.block.text).toBe('قال بوتين اليوم إن «السلام»');
    expect(block!.inline).toEqual([
      'قال ',
      { kind: 'pc', attrs: [['id', 'w1'], ['type', 'fmt'], ['subType', 'xlf:b']], content: ['بوتين '] },
      {
        kind: 'pc',
        attrs: [['id', 'w2'], ['type', 'fmt'], ['subType', 'xlf:b']],
        content: [{ kind: 'pc', attrs: [['id', 'w3'], ['type', 'fmt'], ['subType', 'xlf:i']], content: ['اليوم'] }],
      },
      ' إن ',
      { kind: 'pc', attrs: [['id', 'w4'], ['type', 'fmt'], ['subType', 'xlf:i']], content: ['«السلام»'] },
    ]);
  });

  it('reports tables, images and footnote marks with their place, and leaves out the footnotes themselves', () => {
    const html =
      '<p>أول<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p><table><tr><td><p>خلية</p></td><td><p>أخرى</p></td></tr></table>' +
      '<p><img src="" /></p><p>نص <img src="" /> وصورة</p><ul><li>بند<img src="" /></li></ul>' +
      '<ol><li id="footnote-1"><p>حاشية <a href="#footnote-ref-1">↑</a></p></li></ol>';
    const { blocks, skipped } = mapWordHtml(html);
    expect(blocks.map((b) => b.block.text)).toEqual(['أول', 'نص  وصورة', 'بند']);
    expect(skipped).toEqual([
      { kind: 'footnote', afterRow: 0, row: 1 },
      { kind: 'table', afterRow: 1, text: 'خلية أخرى' },
      { kind: 'image', afterRow: 1 },
      { kind: 'image', afterRow: 1, row: 2 },
      { kind: 'image', afterRow: 2, row: 3 },
    ]);
  });

  it('keeps a line break as one newline and drops empty paragraphs', () => {
    const { blocks } = mapWordHtml('<p></p><p> </p><p>سطر<br /><br />  سطر آخر<br /></p><p><strong> </strong></p>');
    expect(blocks.map((b) => b.block.text)).toEqual(['سطر\nسطر آخر']);
  });

  it('gives blocks whose text is their inline content, and that the XLIFF export takes back whole', () => {
    const run = fc.record({ text: fc.string({ minLength: 0, maxLength: 12 }), bold: fc.boolean(), italic: fc.boolean() });
    const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    fc.assert(
      fc.property(fc.array(run, { minLength: 1, maxLength: 6 }), (runs) => {
        const html = `<p>${runs.map((r) => (r.bold ? `<strong>${r.italic ? `<em>${escape(r.text)}</em>` : escape(r.text)}</strong>` : r.italic ? `<em>${escape(r.text)}</em>` : escape(r.text))).join('')}</p>`;
        const { blocks } = mapWordHtml(html);
        const expected = runs.map((r) => r.text).join('').replace(/\s*\n\s*/g, '\n').trim();
        if (!expected) {
          expect(blocks).toEqual([]);
          return;
        }
        expect(blocks).toHaveLength(1);
        const { block, inline } = blocks[0]!;
        const doc = createDocumentFromWordHtml(html, { sourceLang: 'en', targetLang: 'ar' }, ctx()).doc;
        expect(documentSchema.safeParse(doc).success).toBe(true);
        const row = doc.rows[0]!;
        expect(row.source[0]!.text).toBe(block.text);
        if (row.xliff?.source) {
          expect(parseInlineMarkup(row.xliff.source)).toEqual(inline);
          expect(getRowContent(row).source).toEqual(inline);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('createDocumentFromWordHtml', () => {
  it('makes an untranslated Arabic→English document, one row a block, titled by its title block', () => {
    const { doc, skipped } = createDocumentFromWordHtml('<p>مقدمة</p><h1 class="word-title">بوتين وحفتر</h1><p><strong>نص</strong></p>', {}, ctx());
    expect(documentSchema.parse(doc)).toEqual(doc);
    expect(doc).toMatchObject({ title: 'بوتين وحفتر', sourceLang: 'ar', targetLang: 'en', slug: 'draft' });
    expect(doc.rows.map((r) => [r.status, r.source[0]!.kind, r.xliff?.source ?? null])).toEqual([
      ['untranslated', 'paragraph', null],
      ['untranslated', 'title', null],
      ['untranslated', 'paragraph', '<pc id="w1" type="fmt" subType="xlf:b">نص</pc>'],
    ]);
    expect(skipped).toEqual([]);
    // The export writes the bold back as a formatting code.
    expect(toXliff2(doc, [])).toContain('<pc id="w1" type="fmt" subType="xlf:b">نص</pc>');
  });

  it('uses the title asked for, and shortens a long one', () => {
    expect(createDocumentFromWordHtml('<p>نص</p>', { title: 'Given' }, ctx()).doc.title).toBe('Given');
    expect(createDocumentFromWordHtml(`<p>${'ن'.repeat(400)}</p>`, {}, ctx()).doc.title).toHaveLength(300);
  });

  it('refuses a document with nothing to import, saying what it held', () => {
    expect(expectModelError(() => createDocumentFromWordHtml('', {}, ctx()), 'invalid').message).toBe('Word: the document has no text to import');
    expect(expectModelError(() => createDocumentFromWordHtml('<p><img src=""/></p><table><tr><td>x</td></tr></table>', {}, ctx()), 'invalid').message).toBe(
      'Word: the document has no text to import (only images and tables, which are not imported)',
    );
  });

  it('refuses text over the import limit', () => {
    const html = `<p>${'نص '.repeat(500_000)}</p>`;
    expectModelError(() => createDocumentFromWordHtml(html, {}, ctx()), 'too-large');
  });
});

describe('the language pair', () => {
  it('is Arabic→English for Arabic script, whatever digits and Latin names it holds', () => {
    expect(isMostlyArabic('زار بوتين (Putin) موسكو عام 2025')).toBe(true);
    expect(isMostlyArabic('Putin visited Moscow, قال')).toBe(false);
    expect(isMostlyArabic('2025 — 10')).toBe(false);
    expect(getWordLangs('نص', {})).toEqual({ sourceLang: 'ar', targetLang: 'en' });
  });

  it('is what the request says, checked', () => {
    expect(getWordLangs('texte', { sourceLang: 'fr' })).toEqual({ sourceLang: 'fr', targetLang: 'en' });
    expect(getWordLangs('نص', { sourceLang: 'fa', targetLang: 'en-GB' })).toEqual({ sourceLang: 'fa', targetLang: 'en-GB' });
    expect(expectModelError(() => getWordLangs('نص', { targetLang: 'ar' }), 'invalid').message).toMatch(/both "ar"/);
    expectModelError(() => getWordLangs('نص', { targetLang: '../x' }), 'invalid');
  });
});
