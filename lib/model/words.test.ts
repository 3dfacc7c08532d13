import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from './schema';
import { getDocumentSummary } from './summary';
import { emptyTarget, targetFromText } from './target';
import { counterIds, documentOf } from './test-support';
import { countSourceWords, countTargetWords, countWords, getWordProgress } from './words';

const AT = '2026-01-01T00:00:00.000Z';
const nextId = counterIds('w');

function row(status: Row['status'], text: string, english = ''): Row {
  return {
    id: nextId(),
    rev: 1,
    status,
    source: [{ kind: 'paragraph', text }],
    target: english ? targetFromText([english]) : emptyTarget(),
    updatedAt: AT,
    updatedBy: null,
  };
}

describe('countWords', () => {
  it('counts Arabic words, clitics included in their word', () => {
    expect(countWords('بوتين يستقبل الجنرال حفتر في الكرملين')).toBe(6);
    // و + ب + ال: one word, not three.
    expect(countWords('وبالرئيس')).toBe(1);
    expect(countWords('ولم يقتصر برنامج زيارة المشير حفتر إلى موسكو')).toBe(8);
  });

  it('does not split on harakat or tatweel', () => {
    expect(countWords('مُحَمَّد')).toBe(1);
    expect(countWords('بـــوتين يَسْتَقْبِلُ حفتر')).toBe(3);
    expect(countWords('خاصةً')).toBe(1);
  });

  it('counts numbers as words, with their separators, in any digits', () => {
    expect(countWords('يوم 10 ماي 2025')).toBe(4);
    expect(countWords('يوم ١٠ ماي ٢٠٢٥')).toBe(4);
    expect(countWords('١٠٫٥٪')).toBe(1);
    expect(countWords('1,000 people')).toBe(2);
    expect(countWords('at 10:30 on 10/05/2025')).toBe(4);
  });

  it('does not count punctuation', () => {
    expect(countWords('،؛؟ — « » ... % “ ”')).toBe(0);
    expect(countWords('وأكدت وكالة “ريا نوفوستي” أن')).toBe(5);
    expect(countWords('حفتر، بوتين؛ موسكو؟')).toBe(3);
  });

  it('keeps English apostrophes and hyphens inside words', () => {
    expect(countWords("Putin's visit")).toBe(2);
    expect(countWords('Field Marshal Haftar’s programme')).toBe(4);
    expect(countWords('Turkish–Italian relations')).toBe(3); // an en dash separates
    expect(countWords('well-known')).toBe(1);
    expect(countWords('the two countries’ influence')).toBe(4);
  });

  it('is zero for empty and blank text', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  \n\t ')).toBe(0);
  });

  it('adds up over text joined with spaces (property)', () => {
    const word = fc.stringMatching(/^[a-zA-Zء-ي0-9]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 20 }), fc.array(word, { maxLength: 20 }), (a, b) => {
        expect(countWords([...a, ...b].join(' '))).toBe(countWords(a.join(' ')) + countWords(b.join(' ')));
        expect(countWords(a.join(' '))).toBe(a.length);
      }),
    );
  });
});

describe('source and target words', () => {
  it('counts all blocks of a row and all paragraphs of a translation', () => {
    expect(
      countSourceWords([
        { kind: 'heading', text: 'لقاء مع وزير الدفاع الروسي', level: 2 },
        { kind: 'numbered', text: 'برامج تدريبية وتسليحية', number: '٣' },
      ]),
    ).toBe(8);
    expect(countTargetWords(targetFromText(['A Meeting with the Russian Defence Minister', 'Training programmes']))).toBe(9);
    expect(countTargetWords(emptyTarget())).toBe(0);
  });
});

describe('getWordProgress', () => {
  it('counts source words of done rows against all source words', () => {
    const rows = [
      row('approved', 'بوتين يستقبل الجنرال حفتر في الكرملين', 'Putin Receives General Haftar at the Kremlin'), // 6
      row('translated', 'لقاء مع وزير الدفاع الروسي', 'A Meeting with the Russian Defence Minister'), // 5
      row('draft', 'الاتفاقيات التركية الإيطالية وتداعياتها', 'The Turkish–Italian Agreements'), // 4
      row('needs-changes', 'يوم 10 ماي 2025', 'on 10 May'), // 4
      row('untranslated', 'زيارة حفتر لموسكو: رسائل متعددة الأبعاد'), // 6
    ];
    expect(getWordProgress({ rows })).toEqual({ translatedWords: 11, totalWords: 25 });
  });

  it('is the same whatever the English (progress counts source words)', () => {
    const short = row('translated', 'في تطور دبلوماسي بارز', 'Big news');
    const long = { ...short, target: targetFromText(['In a notable and widely reported diplomatic development']) };
    expect(getWordProgress({ rows: [short] })).toEqual(getWordProgress({ rows: [long] }));
  });

  it('goes into the document summary', () => {
    const doc = documentOf(
      [row('approved', 'بوتين يستقبل الجنرال حفتر في الكرملين', 'Putin Receives General Haftar at the Kremlin'), row('untranslated', 'لقاء مع وزير الدفاع الروسي')],
      { slug: 'putin', title: 'بوتين', at: AT },
    );
    const summary = getDocumentSummary(doc);
    expect(summary.words).toEqual({ translated: 6, total: 11 });
    expect(summary.progress).toBe(0.5);
  });

  it('never counts more done words than words, and all when every row is done (property)', () => {
    const status = fc.constantFrom<Row['status']>('untranslated', 'draft', 'translated', 'needs-changes', 'approved');
    const text = fc.array(fc.constantFrom('بوتين', 'حفتر', 'في', 'الكرملين', '2025', '١٠'), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.tuple(status, text), { maxLength: 10 }), (specs) => {
        const rows = specs.map(([s, words]) => row(s, words.join(' '), s === 'untranslated' ? '' : 'x'));
        const p = getWordProgress({ rows });
        expect(p.translatedWords).toBeLessThanOrEqual(p.totalWords);
        expect(p.totalWords).toBe(specs.reduce((n, [, words]) => n + words.length, 0));
        const done = rows.map((r) => ({ ...r, status: 'approved' as const }));
        expect(getWordProgress({ rows: done }).translatedWords).toBe(p.totalWords);
      }),
    );
  });
});
