import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDocumentFromText, createDocumentRequestSchema, slugify } from './create';
import { DOCUMENT_SCHEMA_VERSION, slugSchema } from './schema';
import { emptyTarget } from './target';
import { MAX_IMPORT_BYTES, parseSourceText } from './text-import';
import { parseDocument } from './validate';
import { expectModelError } from './test-support';

const NOW = '2025-05-10T12:30:00.000Z';

function counterIds(): () => string {
  let n = 0;
  return () => `r${(n++).toString(36).padStart(9, '0')}`;
}

function ctx(slug = 'putin-receives-haftar', newId = counterIds()) {
  return { now: NOW, user: 'importer', newId, slug };
}


const ARTICLE = [
  'You are currently viewing بوتين يستقبل حفتر',
  '',
  'بوتين يستقبل حفتر',
  '',
  'استقبل الرئيس الروسي المشير خليفة حفتر في الكرملين.',
  '',
  'خلفية اللقاء',
  '',
  '1. النقطة الأولى',
  '2. النقطة الثانية',
  '',
  'وختم البيان بالتأكيد على التعاون.',
].join('\n');

describe('createDocumentFromText', () => {
  it('makes one untranslated row per block, with the title from the title block', () => {
    const doc = createDocumentFromText({ text: ARTICLE }, ctx());
    const blocks = parseSourceText(ARTICLE);
    expect(doc).toMatchObject({
      schemaVersion: DOCUMENT_SCHEMA_VERSION,
      slug: 'putin-receives-haftar',
      title: 'بوتين يستقبل حفتر',
      sourceLang: 'ar',
      targetLang: 'en',
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(doc.rows).toHaveLength(blocks.length);
    expect(doc.rows.map((r) => r.source)).toEqual(blocks.map((b) => [b]));
    expect(doc.rows.map((r) => r.id)).toEqual(['r000000000', 'r000000001', 'r000000002', 'r000000003', 'r000000004', 'r000000005']);
    for (const row of doc.rows) {
      expect(row).toMatchObject({ rev: 1, status: 'untranslated', target: emptyTarget(), updatedAt: NOW, updatedBy: 'importer' });
    }
    expect(parseDocument(doc, 'created')).toEqual(doc);
  });

  it('takes the title and languages from the request when given', () => {
    const doc = createDocumentFromText({ text: ARTICLE, title: 'Putin receives Haftar', sourceLang: 'ar-EG', targetLang: 'en-GB' }, ctx());
    expect(doc).toMatchObject({ title: 'Putin receives Haftar', sourceLang: 'ar-EG', targetLang: 'en-GB' });
  });

  it('takes the first block as title when no block reads as one', () => {
    const doc = createDocumentFromText({ text: 'First sentence.\n\nSecond sentence.' }, ctx());
    expect(doc.title).toBe('First sentence.');
  });

  it('shortens a title block longer than 300 characters to 300, ending with an ellipsis', () => {
    const long = 'و'.repeat(400);
    const doc = createDocumentFromText({ text: `# ${long}\n\nBody.` }, ctx());
    expect(doc.rows[0]!.source[0]!.text).toBe(long);
    expect(doc.title).toHaveLength(300);
    expect(doc.title.endsWith('…')).toBe(true);
    expect(doc.title.slice(0, 299)).toBe(long.slice(0, 299));
    expect(() => parseDocument(doc, 'created')).not.toThrow();
  });

  it('skips ids the generator repeats', () => {
    const offered = ['aaaaaaaaaa', 'aaaaaaaaaa', 'bbbbbbbbbb', 'aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc'];
    let i = 0;
    const doc = createDocumentFromText({ text: 'One.\nTwo.\nThree.' }, ctx('x', () => offered[i++]!));
    expect(doc.rows.map((r) => r.id)).toEqual(['aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc']);
  });

  it.each(['', 'Bad Slug', '../x', 'a/b', 'A'])('rejects the slug %j as invalid', (slug) => {
    expectModelError(() => createDocumentFromText({ text: ARTICLE }, ctx(slug)), 'invalid');
  });

  it('rejects bad text with the codes of checkImportText', () => {
    expectModelError(() => createDocumentFromText({ text: '' }, ctx()), 'invalid');
    expectModelError(() => createDocumentFromText({ text: ' \n ' }, ctx()), 'invalid');
    expectModelError(() => createDocumentFromText({ text: 'a\u0000b' }, ctx()), 'invalid');
    expectModelError(() => createDocumentFromText({ text: 'a'.repeat(MAX_IMPORT_BYTES + 1) }, ctx()), 'too-large');
  });
});

describe('createDocumentRequestSchema', () => {
  it('accepts a full request and trims the title', () => {
    expect(
      createDocumentRequestSchema.parse({ text: 'x', title: '  A title  ', slug: 'a-title', sourceLang: 'ar', targetLang: 'en' }),
    ).toEqual({ text: 'x', title: 'A title', slug: 'a-title', sourceLang: 'ar', targetLang: 'en' });
  });

  it.each([
    ['an unknown field', { text: 'x', author: 'me' }],
    ['no text', { title: 'x' }],
    ['a non-string text', { text: 42 }],
    ['a blank title', { text: 'x', title: '   ' }],
    ['a title over 300 characters', { text: 'x', title: 'x'.repeat(301) }],
    ['a bad slug', { text: 'x', slug: 'Not A Slug' }],
    ['a bad language', { text: 'x', sourceLang: 'arabic language' }],
  ])('rejects %s', (_name, input) => {
    expect(createDocumentRequestSchema.safeParse(input).success).toBe(false);
  });
});

describe('slugify', () => {
  it.each([
    ['Putin receives Haftar', 'putin-receives-haftar'],
    ['  Hello,   World!  ', 'hello-world'],
    ['Café Déjà Vu', 'cafe-deja-vu'],
    ['Putin بوتين 2025', 'putin-bwtyn-2025'],
    ['بوتين يستقبل حفتر في الكرملين', 'bwtyn-ystqbl-hftr-fy-lkrmlyn'],
    ['العدد ١٢٣', 'l-dd-123'],
    ['ﬁnal ＡＢＣ', 'final-abc'],
    ['--already-hyphenated--', 'already-hyphenated'],
  ])('slugifies %j as %j', (title, slug) => {
    expect(slugify(title, 'fallback')).toBe(slug);
  });

  it('falls back for titles with no letters or digits', () => {
    expect(slugify('؟! «»', 'doc-2025')).toBe('doc-2025');
    expect(slugify('', 'doc-2025')).toBe('doc-2025');
  });

  it('cuts long titles to 48 characters without a trailing hyphen', () => {
    const slug = slugify('The quick brown fox jumps over the lazy dog and keeps on running far away', 'x');
    expect(slug.length).toBeLessThanOrEqual(48);
    expect(slug).toBe('the-quick-brown-fox-jumps-over-the-lazy-dog-and');
    // A cut that lands right after a word leaves no hyphen behind.
    const cut = slugify(`${'a'.repeat(47)} bcd`, 'x');
    expect(cut).toBe('a'.repeat(47));
  });

  it('always yields a valid slug of at most 48 characters, or the fallback (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (title) => {
        const slug = slugify(title, 'fallback-slug');
        expect(slugSchema.safeParse(slug).success).toBe(true);
        expect(slug.length).toBeLessThanOrEqual(48);
        // Spaces and punctuation alone never make a slug of their own.
        if (!/[^\s\p{P}]/u.test(title)) expect(slug).toBe('fallback-slug');
      }),
    );
  });
});
