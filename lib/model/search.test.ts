import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldArabic } from './arabic';
import { normalizeDigits } from './digits';
import type { Row, SourceBlock, TargetDoc } from './schema';
import { targetDocSchema } from './schema';
import {
  findInDocument,
  findInText,
  foldForSearch,
  replaceAll,
  replaceInTarget,
  replaceRangesInTarget,
  type SearchMatch,
} from './search';
import { getParagraphText, targetFromText } from './target';
import { counterIds, documentOf, expectModelError } from './test-support';

const AT = '2026-01-01T00:00:00.000Z';
const nextId = counterIds('s');

function row(source: SourceBlock[] | string, target: TargetDoc | string[]): Row {
  return {
    id: nextId(),
    rev: 1,
    status: 'draft',
    source: typeof source === 'string' ? [{ kind: 'paragraph', text: source }] : source,
    target: Array.isArray(target) ? targetFromText(target) : target,
    updatedAt: AT,
    updatedBy: null,
  };
}

const slices = (text: string, ranges: { start: number; end: number }[]) => ranges.map((r) => text.slice(r.start, r.end));

/** The text a match points at, in the document it came from. */
function matchedText(rows: Row[], m: SearchMatch): string {
  const r = rows.find((x) => x.id === m.rowId)!;
  const text = m.side === 'source' ? r.source[m.blockIndex]!.text : getParagraphText(r.target.content[m.paragraphIndex]!);
  return text.slice(m.start, m.end);
}

/** Each character of the first paragraph with its marks ("a|bold,italic"; a hard break is "\n|"). */
function markedChars(t: TargetDoc): string[] {
  return (t.content[0]!.content ?? []).flatMap((n) =>
    n.type === 'text' ? [...n.text].map((ch) => `${ch}|${(n.marks ?? []).map((m) => m.type).join()}`) : ['\n|'],
  );
}

const bold = { type: 'bold' as const };
const italic = { type: 'italic' as const };

describe('foldForSearch', () => {
  it('is foldArabic with digits read as ASCII, case folded or kept (property)', () => {
    const unit = fc.oneof(
      fc.constantFrom('أ', 'إ', 'آ', 'ٱ', 'ى', 'ی', 'ة', 'ک', 'ا', 'ـ', 'ٰ', 'ۖ', 'ؐ', '١', '۵', '٫', '٬', '٪', '،', '؟', 'A', 'z', 'É', 'İ', ' '),
      fc.string({ unit: 'grapheme', maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (s) => {
        const arabic = foldArabic(s);
        const folded = foldForSearch(s);
        expect(folded.map).toEqual(arabic.map);
        expect(folded.text).toBe(
          [...normalizeDigits(arabic.text)].map((ch) => (ch.length === 1 && ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch)).join(''),
        );
        const kept = foldForSearch(s, true);
        expect(kept.map).toEqual(arabic.map);
        expect(kept.text).toBe(normalizeDigits(arabic.text).replace(/[a-z]/g, (ch, i: number) => s[arabic.map[i]!]!));
      }),
    );
  });
});

describe('findInText', () => {
  it('finds a name with or without harakat and hamza, in the original offsets', () => {
    const text = 'استقبل الرئيس أَحْمَد وأحمد واحمد';
    expect(slices(text, findInText(text, 'احمد'))).toEqual(['أَحْمَد', 'أحمد', 'احمد']);
    expect(slices(text, findInText(text, 'أَحْمَد'))).toEqual(['أَحْمَد', 'أحمد', 'احمد']);
  });

  it('ignores tatweel and unifies ة/ه and ى/ي', () => {
    expect(slices('بـــوتين', findInText('بـــوتين', 'بوتين'))).toEqual(['بـــوتين']);
    expect(slices('حكومة الوحدة', findInText('حكومة الوحدة', 'حكومه'))).toEqual(['حكومة']);
    expect(slices('إلى موسكو', findInText('إلى موسكو', 'الي'))).toEqual(['إلى']);
  });

  it('reads Arabic-Indic and Eastern digits as ASCII', () => {
    const text = 'يوم ١٠ ماي ٢٠٢٥ و۲۰۲۵';
    expect(slices(text, findInText(text, '2025'))).toEqual(['٢٠٢٥', '۲۰۲۵']);
    expect(slices('10.5%', findInText('10.5%', '١٠٫٥٪'))).toEqual(['10.5%']);
  });

  it('keeps the harakat of the last letter inside the match', () => {
    expect(slices('خاصةً في', findInText('خاصةً في', 'خاصة'))).toEqual(['خاصةً']);
  });

  it('matches English case-insensitively unless asked', () => {
    const text = 'Haftar met Putin; HAFTAR left.';
    expect(slices(text, findInText(text, 'haftar'))).toEqual(['Haftar', 'HAFTAR']);
    expect(slices(text, findInText(text, 'Haftar', { matchCase: true }))).toEqual(['Haftar']);
    expect(findInText('Élysée', 'élysée')).toHaveLength(1);
    expect(findInText('Élysée', 'élysée', { matchCase: true })).toHaveLength(0);
  });

  it('matches whole words only when asked: a clitic makes another word', () => {
    const text = 'حفتر ولحفتر حفتر،';
    expect(findInText(text, 'حفتر')).toHaveLength(3);
    expect(slices(text, findInText(text, 'حفتر', { wholeWord: true }))).toEqual(['حفتر', 'حفتر']);
    expect(findInText('Haftar’s visit', 'Haftar', { wholeWord: true })).toHaveLength(1);
    expect(findInText('Haftarism', 'Haftar', { wholeWord: true })).toHaveLength(0);
  });

  it('finds nothing for an empty query or one of marks only', () => {
    expect(findInText('بوتين', '')).toEqual([]);
    expect(findInText('بوتين', 'َُ')).toEqual([]);
  });

  it('does not overlap matches', () => {
    expect(findInText('aaaa', 'aa')).toEqual([{ start: 0, end: 2 }, { start: 2, end: 4 }]);
  });

  it('always points at original text that folds to the query (property)', () => {
    const unit = fc.constantFrom('ا', 'أ', 'إ', 'ح', 'م', 'د', 'ة', 'ه', 'ى', 'ي', 'َ', 'ّ', 'ـ', ' ', 'a', 'A', 'b');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), fc.string({ unit, minLength: 1, maxLength: 3 }), fc.boolean(), (text, query, wholeWord) => {
        const ranges = findInText(text, query, { wholeWord });
        let last = 0;
        for (const r of ranges) {
          expect(r.start).toBeGreaterThanOrEqual(last);
          expect(r.end).toBeGreaterThan(r.start);
          expect(r.end).toBeLessThanOrEqual(text.length);
          expect(foldArabic(text.slice(r.start, r.end)).text).toBe(foldArabic(query).text);
          last = r.end;
        }
      }),
    );
  });
});

describe('findInDocument', () => {
  const rows = [
    row('بوتين يستقبل الجنرال حفتر في الكرملين', ['Putin Receives General Haftar at the Kremlin']),
    row(
      [
        { kind: 'numbered', text: 'مشاريع لإعادة الإعمار في المناطق الخاضعة لسيطرة حكومة الوحدة الوطنية', number: '2' },
        { kind: 'numbered', text: 'برامج تدريبية لدعم القوات الأمنية التابعة للحكومة في طرابلس', number: '3' },
      ],
      ['Reconstruction projects', 'Training programmes for the security forces of the Government in Tripoli'],
    ),
  ];
  const doc = documentOf(rows, { slug: 'search', title: 'بحث', at: AT });

  it('searches the Arabic blocks, giving each match its block', () => {
    const matches = findInDocument(doc, 'حكومه', { side: 'source' });
    expect(matches).toEqual([
      { rowId: rows[1]!.id, side: 'source', blockIndex: 0, start: 48, end: 53 },
      { rowId: rows[1]!.id, side: 'source', blockIndex: 1, start: 44, end: 49 }, // inside للحكومة
    ]);
    expect(matches.map((m) => matchedText(rows, m))).toEqual(['حكومة', 'حكومة']);
    expect(findInDocument(doc, 'حكومه', { side: 'source', wholeWord: true })).toHaveLength(1);
    expect(findInDocument(doc, 'في', { side: 'source', wholeWord: true }).map((m) => m.rowId)).toEqual([rows[0]!.id, rows[1]!.id, rows[1]!.id]);
  });

  it('searches the English paragraphs, and never the other side', () => {
    const matches = findInDocument(doc, 'government', { side: 'target' });
    expect(matches).toEqual([{ rowId: rows[1]!.id, side: 'target', paragraphIndex: 1, start: 51, end: 61 }]);
    expect(matchedText(rows, matches[0]!)).toBe('Government');
    expect(findInDocument(doc, 'حفتر', { side: 'target' })).toEqual([]);
    expect(findInDocument(doc, 'Haftar', { side: 'source' })).toEqual([]);
  });

  it('counts a hard break as one character of the paragraph', () => {
    const target: TargetDoc = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Putin' }, { type: 'hard_break' }, { type: 'text', text: 'met Haftar' }] }],
    };
    const r = row('بوتين التقى حفتر', target);
    const [m] = findInDocument({ rows: [r] }, 'haftar', { side: 'target' });
    expect(m).toMatchObject({ paragraphIndex: 0, start: 10, end: 16 });
  });
});

describe('replaceInTarget', () => {
  const marked: TargetDoc = {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Field Marshal ' },
          { type: 'text', text: 'Khalifa Haftar', marks: [bold] },
          { type: 'text', text: ' met Putin', marks: [italic] },
        ],
      },
    ],
  };

  it('keeps marks of the text around and gives the new text the marks of what it replaces', () => {
    const { target, count } = replaceInTarget(marked, 'Haftar', 'Hifter');
    expect(count).toBe(1);
    expect(target.content[0]!.content).toEqual([
      { type: 'text', text: 'Field Marshal ' },
      { type: 'text', text: 'Khalifa Hifter', marks: [bold] },
      { type: 'text', text: ' met Putin', marks: [italic] },
    ]);
  });

  it('replaces across marks and joins what it can', () => {
    const { target } = replaceInTarget(marked, 'Marshal Khalifa', 'Marshal Khalifa');
    expect(target).toEqual(marked);
    const across = replaceInTarget(marked, 'Haftar met', 'Haftar, who met').target;
    expect(across.content[0]!.content).toEqual([
      { type: 'text', text: 'Field Marshal ' },
      { type: 'text', text: 'Khalifa Haftar, who met', marks: [bold] },
      { type: 'text', text: ' Putin', marks: [italic] },
    ]);
  });

  it('never leaves an empty text node, and empties a paragraph to no content', () => {
    const deleted = replaceInTarget(marked, 'Khalifa Haftar', '').target;
    expect(deleted.content[0]!.content).toEqual([
      { type: 'text', text: 'Field Marshal ' },
      { type: 'text', text: ' met Putin', marks: [italic] },
    ]);
    const all = replaceInTarget(targetFromText(['Haftar']), 'Haftar', '').target;
    expect(all).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(targetDocSchema.safeParse(all).success).toBe(true);
  });

  it('turns a newline in the replacement into a hard break', () => {
    const { target } = replaceInTarget(targetFromText(['Putin; Haftar']), '; ', '\n');
    expect(target.content[0]!.content).toEqual([{ type: 'text', text: 'Putin' }, { type: 'hard_break' }, { type: 'text', text: 'Haftar' }]);
  });

  it('gives back the same doc when nothing matches', () => {
    const t = targetFromText(['Putin']);
    expect(replaceInTarget(t, 'Haftar', 'x')).toEqual({ target: t, count: 0 });
  });
});

describe('replaceRangesInTarget', () => {
  it('rejects ranges outside the paragraph or overlapping', () => {
    const t = targetFromText(['Putin met Haftar']);
    expectModelError(() => replaceRangesInTarget(t, [{ paragraphIndex: 1, start: 0, end: 1 }], 'x'), 'invalid');
    expectModelError(() => replaceRangesInTarget(t, [{ paragraphIndex: 0, start: 10, end: 17 }], 'x'), 'invalid');
    expectModelError(() => replaceRangesInTarget(t, [{ paragraphIndex: 0, start: 3, end: 1 }], 'x'), 'invalid');
    expectModelError(
      () => replaceRangesInTarget(t, [{ paragraphIndex: 0, start: 0, end: 5 }, { paragraphIndex: 0, start: 4, end: 6 }], 'x'),
      'invalid',
    );
  });

  it('replaces the matches findInDocument gave, in any order', () => {
    const r = row('بوتين وحفتر', ['Haftar and Putin and Haftar']);
    const matches = findInDocument({ rows: [r] }, 'haftar', { side: 'target' }).filter((m) => m.side === 'target');
    const target = replaceRangesInTarget(r.target, [...matches].reverse(), 'Hifter');
    expect(getParagraphText(target.content[0]!)).toBe('Hifter and Putin and Hifter');
  });
});

describe('replaceAll', () => {
  const rows = [
    row('بوتين يستقبل الجنرال حفتر في الكرملين', ['Putin Receives General Haftar at the Kremlin']),
    row('لقاء مع وزير الدفاع الروسي', ['A Meeting with the Russian Defence Minister']),
    row('المشير حفتر وحفتر', ['Field Marshal Haftar and Haftar']),
  ];
  const doc = documentOf(rows, { slug: 'replace', title: 'استبدال', at: AT });

  it('changes only the English of the rows that match, and counts the replacements', () => {
    const result = replaceAll(doc, 'haftar', 'Hifter');
    expect(result.count).toBe(3);
    expect(result.rows.map((r) => r.rowId)).toEqual([rows[0]!.id, rows[2]!.id]);
    expect(getParagraphText(result.rows[1]!.target.content[0]!)).toBe('Field Marshal Hifter and Hifter');
    // The document itself is not changed, and the Arabic is never a target of replace.
    expect(getParagraphText(doc.rows[0]!.target.content[0]!)).toBe('Putin Receives General Haftar at the Kremlin');
    expect(replaceAll(doc, 'حفتر', 'Haftar')).toEqual({ rows: [], count: 0 });
  });

  it('respects whole word and case', () => {
    expect(replaceAll(doc, 'haftar', 'X', { matchCase: true }).count).toBe(0);
    expect(replaceAll(doc, 'Minister', 'Secretary', { wholeWord: true }).count).toBe(1);
    expect(replaceAll(doc, 'Minis', 'X', { wholeWord: true }).count).toBe(0);
  });

  const markedTarget = fc
    .array(
      fc.record({
        text: fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', ' ', 'x'), minLength: 1, maxLength: 8 }),
        marks: fc.constantFrom(undefined, [bold], [italic], [bold, italic]),
        breakAfter: fc.boolean(),
      }),
      { minLength: 1, maxLength: 5 },
    )
    .map((parts): TargetDoc => {
      const content = parts.flatMap((p) => [
        p.marks ? { type: 'text' as const, text: p.text, marks: [...p.marks] } : { type: 'text' as const, text: p.text },
        ...(p.breakAfter ? [{ type: 'hard_break' as const }] : []),
      ]);
      return { type: 'doc', content: [{ type: 'paragraph', content }] };
    });

  it('is the identity when replacing with the same text (property)', () => {
    fc.assert(
      fc.property(fc.array(markedTarget, { minLength: 1, maxLength: 3 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), minLength: 1, maxLength: 3 }), (targets, query) => {
        const d = documentOf(targets.map((t) => row('نص', t)), { slug: 'p', title: 'p', at: AT });
        const result = replaceAll(d, query, query, { matchCase: true });
        expect(result.rows).toEqual([]);
        expect(result.count).toBe(findInDocument(d, query, { side: 'target', matchCase: true }).length);
      }),
    );
  });

  it('leaves nothing to find, keeps the schema and the other text (property)', () => {
    fc.assert(
      fc.property(
        fc.array(markedTarget, { minLength: 1, maxLength: 3 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'A', ' '), minLength: 1, maxLength: 3 }),
        fc.string({ unit: fc.constantFrom('y', 'z', 'Z', '-'), minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (targets, query, replacement, matchCase) => {
          const d = documentOf(targets.map((t) => row('نص', t)), { slug: 'p', title: 'p', at: AT });
          const before = findInDocument(d, query, { side: 'target', matchCase });
          const result = replaceAll(d, query, replacement, { matchCase });
          expect(result.count).toBe(before.length);
          const changed = new Map(result.rows.map((r) => [r.rowId, r.target]));
          const after = documentOf(d.rows.map((r) => ({ ...r, target: changed.get(r.id) ?? r.target })), { slug: 'p', title: 'p', at: AT });
          expect(findInDocument(after, query, { side: 'target', matchCase })).toEqual([]);
          for (const r of after.rows) {
            expect(targetDocSchema.safeParse(r.target).success).toBe(true);
            // Character by character with its marks: untouched text as it was, each match the replacement in
            // the marks of the first character it replaced.
            const old = markedChars(d.rows.find((x) => x.id === r.id)!.target);
            const expected: string[] = [];
            let pos = 0;
            for (const m of before.filter((x) => x.rowId === r.id)) {
              expected.push(...old.slice(pos, m.start));
              const marks = old[m.start]!.split('|')[1];
              expected.push(...[...replacement].map((ch) => `${ch}|${marks}`));
              pos = m.end;
            }
            expected.push(...old.slice(pos));
            expect(markedChars(r.target)).toEqual(expected);
          }
        },
      ),
    );
  });
});
