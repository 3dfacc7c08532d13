import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateQuote } from './anchoring';
import { slugify } from './create';
import type { GlossaryEntry } from './glossary';
import { containsRendering, findGlossaryTerms, findMissingRenderings } from './glossary-terms';
import { toBilingualMarkdown } from './markdown';
import { findNumbers, findNumberWords } from './numbers';
import type { PublishedSnapshot } from './publish';
import { checkRow } from './qa';
import { getSnapshotDescription } from './reader/description';
import { findInText } from './search';
import { targetFromText } from './target';
import { documentOf } from './test-support';
import { parseSourceText } from './text-import';
import { countWords } from './words';

/**
 * Every function that reads text from outside (an import, a translation, a glossary entry, a search) on the
 * shapes that make backtracking patterns super-linear: a long run of one character between a prefix that starts
 * a match and a suffix that makes it fail. Nothing is timed: at 10^5–10^6 characters a quadratic pattern needs
 * 10^10–10^12 steps (minutes to hours) and the test times out, while a linear one takes milliseconds.
 */

const AT = '2025-05-12T09:00:00.000Z';
const GLOSSARY: GlossaryEntry[] = [
  { id: 'g000000001', term: 'الجيش الوطني الليبي', rendering: 'Libyan National Army', updatedAt: AT, updatedBy: 't' },
  { id: 'g000000002', term: 'بوتين', rendering: 'Putin', updatedAt: AT, updatedBy: 't' },
  { id: 'g000000003', term: 'ا ا', rendering: "a  a’s", updatedAt: AT, updatedBy: 't' },
];

/** Runs every text reader on `text` (as source, translation, query, quote) and checks they finish. */
function readEverywhere(text: string): void {
  const blocks = parseSourceText(`${text}\n\nا`);
  expect(blocks.length).toBeGreaterThan(0);
  const paragraphs = [text];
  const source = [{ kind: 'paragraph' as const, text }];
  expect(checkRow({ source, paragraphs, status: 'translated' })).toBeInstanceOf(Array);
  expect(checkRow({ source: [{ kind: 'paragraph', text: `${text}.` }], paragraphs: [`x${text}`], status: 'draft' }, { typing: true })).toBeInstanceOf(Array);
  findGlossaryTerms(text, GLOSSARY);
  findMissingRenderings(`الجيش${text}الوطني الليبي ${text}`, text, GLOSSARY);
  containsRendering(text, 'a a a b');
  findInText(text, 'a a', { wholeWord: true });
  locateQuote(`${text}${text}`, { exact: text.slice(0, 500) || 'x', prefix: 'a', suffix: 'b' });
  findNumbers(text);
  findNumberWords(text);
  countWords(text);
  slugify(text.slice(0, 300), 'x');
  const doc = documentOf(
    [{ id: 'r000000001', rev: 1, status: 'draft', source, target: targetFromText([text, `# ${text}`]), updatedAt: AT, updatedBy: null }],
    { slug: 's', title: 't', at: AT },
  );
  toBilingualMarkdown(doc);
  getSnapshotDescription({ title: 't', rows: doc.rows } as unknown as PublishedSnapshot);
}

const PREFIXES = ['', '# ا', '## ', '1. ', '- ', 'ا ', 'a', '«', '“', '"', '1.', '1,000', 'x\n', 'الجيش'];
const PUMPS = [' ', '\u00A0', '\t', '\n', '\u2028', '#', '0', '-', '«', '“', '"', 'ا', '.', 'a', '١', ',', '\u200C', "'", '!', '» '];
const SUFFIXES = ['', 'x', '!', '\u2028x', 'ا', '#', '.', '»', '1', '\n\n'];

describe('text readers on long runs', () => {
  it('the reported inputs finish, at a million characters: a heading of spaces, a translation of spaces, a gap in a term', () => {
    const spaces = ' '.repeat(1_000_000);
    expect(parseSourceText(`# ا${spaces}x`)[0]).toMatchObject({ kind: 'title' });
    const findings = checkRow({ source: [{ kind: 'paragraph', text: 'نص.' }], paragraphs: [`Text${spaces}x`], status: 'translated' });
    expect(findings.map((f) => f.check)).toContain('end-punctuation');
    expect(findGlossaryTerms(`الجيش${spaces}.الوطني الليبي`, GLOSSARY)).toEqual([]);
    expect(findGlossaryTerms(`الجيش${spaces}«الوطني الليبي`, GLOSSARY)).toHaveLength(1);
    expect(findNumbers(`1.${'0'.repeat(1_000_000)}1`)).toHaveLength(1);
    expect(toBilingualMarkdown(documentOf([], { slug: 's', title: `${'\n'.repeat(1_000_000)}x`, at: AT }))).toContain('x');
  }, 60_000);

  it('any prefix, run and suffix of 10^5 characters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PREFIXES),
        fc.constantFrom(...PUMPS),
        fc.constantFrom(...SUFFIXES),
        fc.integer({ min: 100_000, max: 120_000 }),
        (prefix, pump, suffix, n) => readEverywhere(prefix + pump.repeat(n) + suffix),
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});

/** The patterns the linear code replaced, to show on short texts (where they are quick) that nothing else changed. */
const OLD = {
  heading: /^(#{1,6})\s+(.+?)(?:\s+#+)?$/,
  joiner: /^[^\S\n]*[“”"'«»‹›()\-‐–—]?[^\S\n]*$/,
  sourceQuote: /«[^»]+»|“[^”]+”|"[^"]+"/u,
  containsRendering(text: string, rendering: string): boolean {
    const parts = rendering.trim().split(/\s+/).filter(Boolean).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    if (!parts.length) return true;
    const pattern = parts.join('\\s+').replace(/['’]/g, "['’]");
    return new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'iu').test(text);
  },
};

const textOf = (chars: string[], max = 12, min = 0) =>
  fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: max }).map((a) => a.join(''));

describe('the linear rewrites agree with the patterns they replace', () => {
  it('Markdown headings, closing hashes included', () => {
    fc.assert(
      fc.property(textOf(['#', ' ', '\t', 'a', 'ا', '\u00A0']), (rest) => {
        const line = `#${rest}`.trim();
        const old = OLD.heading.exec(line);
        const [block] = parseSourceText(`${line}\n\nبعد`);
        // Not a Markdown heading: a paragraph as written (which may then be taken for a title).
        expect(block).toMatchObject({ text: old ? old[2]! : line });
      }),
      { numRuns: 2000 },
    );
  });

  it('what joins the words of a glossary term', () => {
    fc.assert(
      fc.property(textOf([' ', '\t', '\n', '\u00A0', '-', '«', '»', '.', '—', '('], 6, 1), (gap) => {
        const found = findGlossaryTerms(`قال حفتر${gap}بوتين أمس`, [{ ...GLOSSARY[1]!, term: 'حفتر بوتين' }]);
        expect(found.length === 1).toBe(OLD.joiner.test(gap));
      }),
      { numRuns: 2000 },
    );
  });

  it('quotations in the Arabic', () => {
    fc.assert(
      fc.property(textOf(['«', '»', '"', '“', '”', 'ا', ' ']), (source) => {
        const findings = checkRow({ source: [{ kind: 'paragraph', text: `ن${source}` }], paragraphs: ['x'], status: 'draft' });
        expect(findings.some((f) => f.check === 'quotes-missing')).toBe(OLD.sourceQuote.test(`ن${source}`));
      }),
      { numRuns: 2000 },
    );
  });

  it('renderings found in the English', () => {
    fc.assert(
      fc.property(textOf(['a', 'b', 'A', ' ', '\n', '’', "'", '.', 'é']), textOf(['a', 'b', ' ', '’', "'", 'B'], 6), (text, rendering) => {
        expect(containsRendering(text, rendering)).toBe(OLD.containsRendering(text, rendering));
      }),
      { numRuns: 1000 },
    );
  }, 30_000);
});
