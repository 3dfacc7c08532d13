/* eslint-disable no-restricted-imports -- the purity rule is for model code; this test reads its fixture from disk */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelError } from './errors';
import { sourceBlockSchema, type SourceBlock } from './schema';
import { checkImportText, MAX_IMPORT_BYTES, parseSourceText } from './text-import';

/** The seed article as scraped, shared between projects; a copy sits in fixtures/ so a fresh clone can run. */
const SHARED_SEED = path.resolve(import.meta.dirname, '../../../shared/seeds/000_4cd165c97b4e862a.txt');
const FIXTURE_SEED = path.resolve(import.meta.dirname, 'fixtures/seed-article.txt');
const seedFile = existsSync(SHARED_SEED) ? SHARED_SEED : FIXTURE_SEED;
const seed = readFileSync(seedFile, 'utf8');

function kinds(blocks: SourceBlock[]): string[] {
  return blocks.map((b) => b.kind);
}

function catchModelError(fn: () => unknown): ModelError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return e as ModelError;
  }
  throw new Error('expected a ModelError, but nothing was thrown');
}

describe('parseSourceText on the seed article', () => {
  const blocks = parseSourceText(seed);
  /** The seed's lines as the test reads them, independently of the parser: trimmed, non-empty, markers cut. */
  const rawLines = seed
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const expectedTexts = rawLines.slice(1).map((l) => l.replace(/^(?:[0-9]+\.|•)\s+/, ''));

  it('the fixture copy matches the shared seed', { skip: !existsSync(SHARED_SEED) }, () => {
    expect(readFileSync(FIXTURE_SEED, 'utf8')).toBe(readFileSync(SHARED_SEED, 'utf8'));
  });

  it('has 21 blocks of the expected kinds, in order', () => {
    expect(blocks).toHaveLength(21);
    expect(kinds(blocks)).toEqual([
      'title',
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'numbered',
      'numbered',
      'numbered',
      'numbered',
      'paragraph',
      'heading',
      'paragraph',
      'bulleted',
      'bulleted',
      'bulleted',
    ]);
  });

  it('numbers the list items as written and gives inferred headings level 2', () => {
    expect(blocks.filter((b) => b.kind === 'numbered').map((b) => b.number)).toEqual(['1', '2', '3', '4']);
    for (const b of blocks.filter((x) => x.kind === 'heading')) expect(b.level).toBe(2);
    for (const b of blocks.filter((x) => x.kind !== 'numbered')) expect(b.number).toBeUndefined();
  });

  it('drops the scraper line "You are currently viewing …" at the top', () => {
    expect(rawLines[0]).toMatch(/^You are currently viewing /);
    expect(blocks.some((b) => b.text.includes('You are currently viewing'))).toBe(false);
    // The title is there exactly once: the scraper line repeated it.
    expect(blocks[0]!.text).toBe(rawLines[0]!.replace(/^You are currently viewing /, ''));
    expect(blocks.filter((b) => b.text === blocks[0]!.text)).toHaveLength(1);
  });

  it("keeps each block's text as the seed's line, trimmed, with the list marker removed", () => {
    expect(expectedTexts).toHaveLength(21);
    expect(blocks.map((b) => b.text)).toEqual(expectedTexts);
  });

  it('produces blocks the document schema accepts', () => {
    for (const b of blocks) expect(sourceBlockSchema.safeParse(b).success).toBe(true);
  });
});

describe('parseSourceText on Markdown', () => {
  const markdown = [
    '# The Title',
    '',
    'An intro paragraph.',
    '',
    '## A Section',
    '',
    '### A Subsection ###',
    '',
    '1. first item',
    '2) second item',
    '١. البند الأول',
    '٢. البند الثاني',
    '',
    '- dash item',
    '• bullet item',
    '* star item',
    '',
    'The end.',
  ].join('\n');
  const blocks = parseSourceText(markdown);

  it('reads the title, headings with their levels, numbered and bulleted items', () => {
    expect(blocks).toEqual<SourceBlock[]>([
      { kind: 'title', text: 'The Title' },
      { kind: 'paragraph', text: 'An intro paragraph.' },
      { kind: 'heading', level: 2, text: 'A Section' },
      { kind: 'heading', level: 3, text: 'A Subsection' },
      { kind: 'numbered', number: '1', text: 'first item' },
      { kind: 'numbered', number: '2', text: 'second item' },
      { kind: 'numbered', number: '١', text: 'البند الأول' },
      { kind: 'numbered', number: '٢', text: 'البند الثاني' },
      { kind: 'bulleted', text: 'dash item' },
      { kind: 'bulleted', text: 'bullet item' },
      { kind: 'bulleted', text: 'star item' },
      { kind: 'paragraph', text: 'The end.' },
    ]);
  });

  it('keeps Arabic-Indic and Extended Arabic-Indic numbers as written', () => {
    const arabic = parseSourceText('مقدمة.\n\n١٢. بند\n۳. بند آخر');
    expect(arabic.filter((b) => b.kind === 'numbered').map((b) => b.number)).toEqual(['١٢', '۳']);
  });

  it('keeps a "#" that ends a word in a heading ("C#")', () => {
    const [heading] = parseSourceText('## Intro to C#\n\nText.');
    expect(heading).toEqual({ kind: 'heading', level: 2, text: 'Intro to C#' });
  });

  it('does not infer headings when Markdown headings are used', () => {
    const out = parseSourceText('## Heading\n\nShort line\n\nAnother short line\n\nLast.');
    expect(kinds(out)).toEqual(['heading', 'paragraph', 'paragraph', 'paragraph']);
  });

  it('makes a level-1 heading a title only when it comes first', () => {
    const out = parseSourceText('Intro text.\n\n# Late Heading\n\nMore text.');
    expect(out[1]).toEqual({ kind: 'heading', level: 1, text: 'Late Heading' });
    expect(out.some((b) => b.kind === 'title')).toBe(false);
  });

  it('treats "#word" (no space) and "-word" as paragraph text', () => {
    const out = parseSourceText('#hashtag here.\n\n-not a bullet.\n\n1.5 million people came.');
    expect(kinds(out)).toEqual(['paragraph', 'paragraph', 'paragraph']);
    expect(out.map((b) => b.text)).toEqual(['#hashtag here.', '-not a bullet.', '1.5 million people came.']);
  });
});

describe('parseSourceText on plain text', () => {
  it('makes one paragraph per line when the text has no blank lines', () => {
    const out = parseSourceText('First sentence.\nSecond sentence.\nThird sentence.');
    expect(out).toEqual([
      { kind: 'paragraph', text: 'First sentence.' },
      { kind: 'paragraph', text: 'Second sentence.' },
      { kind: 'paragraph', text: 'Third sentence.' },
    ]);
  });

  it('still makes one paragraph per line when the text ends (or starts) with blank lines', () => {
    const expected = [
      { kind: 'paragraph', text: 'First sentence.' },
      { kind: 'paragraph', text: 'Second sentence.' },
    ];
    expect(parseSourceText('First sentence.\nSecond sentence.\n\n\n')).toEqual(expected);
    expect(parseSourceText('\n\n  \nFirst sentence.\nSecond sentence.\n \n')).toEqual(expected);
    expect(parseSourceText('You are currently viewing X\n\n\nFirst sentence.\nSecond sentence.')).toEqual(expected);
  });

  it('joins the lines of a paragraph with single spaces when paragraphs are separated by blank lines', () => {
    const out = parseSourceText('  First line\n   continues here.  \n\nSecond paragraph\nends here.\n');
    expect(out).toEqual([
      { kind: 'paragraph', text: 'First line continues here.' },
      { kind: 'paragraph', text: 'Second paragraph ends here.' },
    ]);
  });

  it('infers a title and headings from short lines without final punctuation, never the last block', () => {
    const out = parseSourceText('A Title\n\nSome text.\n\nA Heading\n\nMore text.\n\nClosing words');
    expect(out).toEqual([
      { kind: 'title', text: 'A Title' },
      { kind: 'paragraph', text: 'Some text.' },
      { kind: 'heading', level: 2, text: 'A Heading' },
      { kind: 'paragraph', text: 'More text.' },
      { kind: 'paragraph', text: 'Closing words' },
    ]);
  });

  it('does not infer headings from punctuated or long lines, nor a title from a single block', () => {
    expect(parseSourceText('Only line')).toEqual([{ kind: 'paragraph', text: 'Only line' }]);
    const long = Array.from({ length: 15 }, (_, i) => `word${i}`).join(' ');
    const out = parseSourceText(`هل هذا سؤال؟\n\n${long}\n\nقائمة:\n\nEnd.`);
    expect(kinds(out)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph']);
  });

  it('gives the same blocks for LF, CRLF and CR line ends, and ignores a BOM', () => {
    const lf = 'Title Here\n\nFirst line\nsecond line.\n\n- item one\n- item two\n\nEnd.';
    const expected = parseSourceText(lf);
    expect(expected).toHaveLength(5);
    expect(parseSourceText(lf.replace(/\n/g, '\r\n'))).toEqual(expected);
    expect(parseSourceText(lf.replace(/\n/g, '\r'))).toEqual(expected);
    expect(parseSourceText(`\uFEFF${lf.replace(/\n/g, '\r\n')}`)).toEqual(expected);
    for (const b of parseSourceText(lf.replace(/\n/g, '\r\n'))) expect(b.text).not.toMatch(/[\r\n\uFEFF]/);
  });

  it('reads a Markdown heading right after a BOM', () => {
    expect(parseSourceText('\uFEFF# Title\r\n\r\nText.')[0]).toEqual({ kind: 'title', text: 'Title' });
  });

  it('drops only a scraper line at the very top', () => {
    expect(parseSourceText('\n\nSkip to content\nReal text.\nMore.').map((b) => b.text)).toEqual(['Real text.', 'More.']);
    const kept = parseSourceText('Real text.\nYou are currently viewing something.');
    expect(kept.map((b) => b.text)).toEqual(['Real text.', 'You are currently viewing something.']);
  });

  it('throws "invalid" when nothing is left', () => {
    expect(catchModelError(() => parseSourceText('   \n\n')).code).toBe('invalid');
    expect(catchModelError(() => parseSourceText('You are currently viewing X\n\n')).code).toBe('invalid');
  });

  it('keeps every word of plain paragraphs, in order (property)', () => {
    const word = fc.string({ unit: fc.constantFrom(...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي'), minLength: 1, maxLength: 8 });
    const line = fc.array(word, { minLength: 1, maxLength: 6 });
    const paragraph = fc.array(line, { minLength: 1, maxLength: 3 });
    const pad = fc.constantFrom('', ' ', '  ', '\t');
    fc.assert(
      fc.property(
        fc.array(paragraph, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        pad,
        pad,
        (paragraphs, eol, before, after) => {
          const text = paragraphs
            .map((p) => p.map((words) => `${before}${words.join(' ')}${after}`).join(eol))
            .join(eol + eol);
          const lines = paragraphs.map((p) => p.map((w) => w.join(' ')));
          // Without any blank line, every line is a paragraph of its own.
          const expected = lines.length > 1 ? lines.map((l) => l.join(' ')) : lines[0]!;
          expect(parseSourceText(text).map((b) => b.text)).toEqual(expected);
          const blocks = parseSourceText(text);
          for (const b of blocks) expect(['title', 'heading', 'paragraph']).toContain(b.kind);
        },
      ),
    );
  });

  it('returns schema-valid, trimmed, single-line blocks for any text (property)', () => {
    const chars = fc.constantFrom(...'ab #-•*1١.)\n\r\t  ،؟:');
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 200 }), (text) => {
        let blocks: SourceBlock[];
        try {
          blocks = parseSourceText(text);
        } catch (e) {
          expect(e).toBeInstanceOf(ModelError);
          expect((e as ModelError).code).toBe('invalid');
          expect(text.trim()).toBe('');
          return;
        }
        expect(blocks.length).toBeGreaterThan(0);
        for (const b of blocks) {
          expect(sourceBlockSchema.safeParse(b).success).toBe(true);
          expect(b.text).toBe(b.text.trim());
          expect(b.text).not.toMatch(/[\r\n]/);
        }
      }),
    );
  });
});

describe('checkImportText', () => {
  it('returns a good text unchanged', () => {
    expect(checkImportText(seed)).toBe(seed);
    expect(checkImportText('x'.repeat(MAX_IMPORT_BYTES))).toHaveLength(MAX_IMPORT_BYTES);
  });

  it.each([
    ['empty', ''],
    ['whitespace only', ' \n\t\r\n \u00a0'],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object', { text: 'hello' }],
    ['a text with NUL bytes', 'hello\u0000world'],
  ])('rejects %s as invalid', (_name, input) => {
    const error = catchModelError(() => checkImportText(input));
    expect(error.code).toBe('invalid');
    expect(error.message).not.toBe('');
  });

  it('names NUL bytes in its message', () => {
    expect(catchModelError(() => checkImportText('a\u0000b')).message).toMatch(/NUL/);
  });

  it('rejects more than 2 MB as too-large, counting UTF-8 bytes rather than characters', () => {
    expect(MAX_IMPORT_BYTES).toBe(2 * 1024 * 1024);
    expect(catchModelError(() => checkImportText('x'.repeat(MAX_IMPORT_BYTES + 1))).code).toBe('too-large');
    // Arabic letters take two bytes each: fewer characters than the limit, more bytes.
    const arabic = 'ب'.repeat(MAX_IMPORT_BYTES / 2 + 1);
    expect(arabic.length).toBeLessThan(MAX_IMPORT_BYTES);
    expect(catchModelError(() => checkImportText(arabic)).code).toBe('too-large');
    expect(checkImportText('ب'.repeat(MAX_IMPORT_BYTES / 2))).toHaveLength(MAX_IMPORT_BYTES / 2);
  });
});
