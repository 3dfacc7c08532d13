/* eslint-disable no-restricted-imports -- the purity rule is for model code; this test reads the seed document from disk */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkDocument,
  checkRow,
  countFindings,
  countLengthChars,
  findUnbalanced,
  getDocumentNorm,
  LENGTH_MIN_ROWS,
  LENGTH_RATIO_FACTOR,
  qaInputFromRow,
  type QaFinding,
  type QaRowInput,
} from './qa';
import type { Row, SourceBlock } from './schema';
import { emptyTarget, targetFromText } from './target';
import { counterIds, documentOf } from './test-support';
import { parseDocument } from './validate';

const SEED = path.resolve(import.meta.dirname, '../../content/documents/putin-receives-haftar/document.json');
const AT = '2026-01-01T00:00:00.000Z';
const nextId = counterIds('q');

// Sentences of the seed article and their English.
const DATE_AR = 'استقبل الرئيس الروسي فلاديمير بوتين قائد الجيش الوطني الليبي المشير خليفة حفتر في الكرملين يوم 10 ماي 2025، وذلك حسبما أفاد المكتب الصحفي للكرملين.';
const DATE_EN = 'Russian President Vladimir Putin received the commander of the Libyan National Army, Field Marshal Khalifa Haftar, at the Kremlin on 10 May 2025, according to the Kremlin press office.';
const QUOTE_AR = 'وأكدت وكالة «ريا نوفوستي» أن «الرئيس التقى بالقائد العام للجيش الوطني الليبي، خليفة حفتر».';
const QUOTE_EN = 'The RIA Novosti agency confirmed that “the President met the General Commander of the Libyan National Army, Khalifa Haftar”.';
const HEADING_AR = 'لقاء مع وزير الدفاع الروسي';
const HEADING_EN = 'A Meeting with the Russian Defence Minister';

const para = (text: string): SourceBlock[] => [{ kind: 'paragraph', text }];
const input = (source: SourceBlock[] | string, english: string | string[], extra: Partial<QaRowInput> = {}): QaRowInput => ({
  source: typeof source === 'string' ? para(source) : source,
  paragraphs: typeof english === 'string' ? [english] : english,
  status: 'draft',
  ...extra,
});
const checks = (findings: QaFinding[]) => findings.map((f) => f.check);
const find = (findings: QaFinding[], check: QaFinding['check']) => findings.filter((f) => f.check === check);

function row(source: SourceBlock[] | string, english: string[], status: Row['status'] = 'translated'): Row {
  return {
    id: nextId(),
    rev: 1,
    status,
    source: typeof source === 'string' ? para(source) : source,
    target: english.length ? targetFromText(english) : emptyTarget(),
    updatedAt: AT,
    updatedBy: null,
  };
}

describe('checkRow on good translations', () => {
  it('finds nothing in faithful translations of the seed', () => {
    expect(checkRow(input(DATE_AR, DATE_EN))).toEqual([]);
    expect(checkRow(input(QUOTE_AR, QUOTE_EN))).toEqual([]);
    expect(checkRow(input([{ kind: 'heading', text: HEADING_AR, level: 2 }], HEADING_EN))).toEqual([]);
  });

  it('finds nothing in the translated rows of the seed document', () => {
    const doc = parseDocument(JSON.parse(readFileSync(SEED, 'utf8')), 'document.json');
    const result = checkDocument(doc);
    expect([...result.keys()]).toEqual(doc.rows.map((r) => r.id));
    for (const r of doc.rows) {
      expect(result.get(r.id)).toEqual(r.status === 'untranslated' ? [{ check: 'untranslated', severity: 'warning' }] : []);
    }
  });
});

describe('untranslated', () => {
  it('is the only finding of an empty English, whatever else the Arabic holds', () => {
    expect(checkRow(input(DATE_AR, [''], { status: 'untranslated', missingGlossary: [{ term: 'حفتر', rendering: 'Haftar' }] }))).toEqual([
      { check: 'untranslated', severity: 'warning' },
    ]);
    expect(checkRow(input(DATE_AR, ['  ', '\n'], { status: 'untranslated' }))).toEqual([{ check: 'untranslated', severity: 'warning' }]);
  });

  it('is an error when the row claims to be further along', () => {
    expect(checkRow(input(DATE_AR, [''], { status: 'translated' }))).toEqual([{ check: 'untranslated', severity: 'error' }]);
  });
});

describe('identical', () => {
  it('reports an Arabic copied into the English, and only that', () => {
    expect(checkRow(input(HEADING_AR, HEADING_AR))).toEqual([{ check: 'identical', severity: 'error' }]);
    expect(checkRow(input(HEADING_AR, `  ${HEADING_AR}  `))).toEqual([{ check: 'identical', severity: 'error' }]);
  });

  it('accepts a text without Arabic letters kept as it is', () => {
    expect(checkRow(input('2025', '2025'))).toEqual([]);
    expect(checkRow(input('NATO', 'NATO'))).toEqual([]);
  });
});

describe('arabic-in-target', () => {
  it('names the first run of Arabic script, spaces between words included', () => {
    const findings = checkRow(input(DATE_AR, DATE_EN.replace('Khalifa Haftar', 'خليفة حفتر').replace('press office', 'المكتب')));
    expect(find(findings, 'arabic-in-target')).toEqual([
      { check: 'arabic-in-target', severity: 'error', params: { text: 'خليفة حفتر', count: 2 } },
    ]);
  });

  it('catches an Arabic comma or question mark left behind', () => {
    expect(find(checkRow(input(HEADING_AR, 'A Meeting، with the Minister')), 'arabic-in-target')[0]?.params).toEqual({ text: '،', count: 1 });
  });
});

describe('numbers', () => {
  it('needs both the day and the year of "10 ماي 2025"', () => {
    const findings = checkRow(input(DATE_AR, DATE_EN.replace(' 2025', '')));
    expect(find(findings, 'number-missing')).toEqual([{ check: 'number-missing', severity: 'error', params: { value: '2025', text: '2025' } }]);
    expect(checks(checkRow(input(DATE_AR, DATE_EN.replace('10 May', 'May'))))).toContain('number-missing');
  });

  it('compares by value: Arabic-Indic digits, Arabic separators and percent', () => {
    expect(checkRow(input('ارتفع الإنتاج بنسبة ١٠٫٥٪ في عام ٢٠٢٥.', 'Output rose by 10.5% in 2025.'))).toEqual([]);
    expect(checkRow(input('شارك ١٬٠٠٠ جندي.', '1,000 soldiers took part.'))).toEqual([]);
    expect(checkRow(input('شارك 1000 جندي.', '1,000 soldiers took part.'))).toEqual([]);
    expect(checkRow(input('شارك ۱۰۰۰ جندي.', '1000 soldiers took part.'))).toEqual([]);
  });

  it('reports a mistyped number as missing and extra', () => {
    const findings = checkRow(input(DATE_AR, DATE_EN.replace('2025', '2052')));
    expect(find(findings, 'number-missing').map((f) => f.params)).toEqual([{ value: '2025', text: '2025' }]);
    expect(find(findings, 'number-extra')).toEqual([{ check: 'number-extra', severity: 'warning', params: { value: '2052', text: '2052' } }]);
  });

  it('names the number as written in the Arabic', () => {
    const findings = checkRow(input('في عام ٢٠٢٥ وقعت الدولتان اتفاقيات.', 'The two countries signed agreements.'));
    expect(find(findings, 'number-missing')[0]?.params).toEqual({ value: '2025', text: '٢٠٢٥' });
  });

  it('reads "10th" as 10 and written-out English numbers', () => {
    expect(find(checkRow(input(DATE_AR, DATE_EN.replace('10 May', 'May 10th'))), 'number-missing')).toEqual([]);
    expect(checkRow(input('وقعت الدولتان 4 اتفاقيات.', 'The two countries signed four agreements.'))).toEqual([]);
  });

  it('accepts Arabic number words for English digits', () => {
    expect(checkRow(input('وقعت الدولتان أربع اتفاقيات.', 'The two countries signed 4 agreements.'))).toEqual([]);
    expect(find(checkRow(input('وقعت الدولتان اتفاقيات.', 'The two countries signed 4 agreements.')), 'number-extra')).toHaveLength(1);
  });

  it('reports each value once', () => {
    const findings = checkRow(input('في 2025 و2025 مرة أخرى.', 'Again.'));
    expect(find(findings, 'number-missing')).toHaveLength(1);
  });

  it('finds no number problem when the English holds the Arabic numbers in any digits (property)', () => {
    const toArabicIndic = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    fc.assert(
      fc.property(fc.array(fc.nat(100000), { minLength: 1, maxLength: 5 }), fc.boolean(), (ns, arabicDigits) => {
        const arabic = `وقعت الدولتان ${ns.map((n) => (arabicDigits ? toArabicIndic(String(n)) : String(n))).join(' و ')} اتفاقية.`;
        const english = `The two countries signed ${ns.map((n) => n.toLocaleString('en-US')).join(' and ')} agreements.`;
        const findings = checkRow(input(arabic, english));
        expect(find(findings, 'number-missing')).toEqual([]);
        expect(find(findings, 'number-extra')).toEqual([]);
      }),
    );
  });
});

describe('list-number', () => {
  const item = (number: string): SourceBlock[] => [
    { kind: 'numbered', text: 'اتفاقيات للتنقيب عن النفط والغاز في المياه الإقليمية الليبية', number },
  ];
  const english = 'Agreements for oil and gas exploration in Libyan territorial waters';

  it('accepts a matching leading number by value, or none at all', () => {
    expect(checkRow(input(item('١.'), `1. ${english}`))).toEqual([]);
    expect(checkRow(input(item('1'), `1) ${english}`))).toEqual([]);
    expect(checkRow(input(item('٣)'), `3. ${english}`))).toEqual([]);
    expect(checkRow(input(item('1'), english))).toEqual([]);
    expect(checkRow(input(item('4'), `(4) ${english}`))).toEqual([]);
  });

  it('reports a leading number that differs, and not also as an extra number', () => {
    const findings = checkRow(input(item('١.'), `2. ${english}`));
    expect(findings).toEqual([{ check: 'list-number', severity: 'error', params: { expected: '1', found: '2' } }]);
  });

  it('pairs the items of a merged row with their paragraphs', () => {
    const source: SourceBlock[] = [
      { kind: 'numbered', text: 'مشاريع لإعادة الإعمار', number: '2' },
      { kind: 'numbered', text: 'برامج تدريبية وتسليحية', number: '3' },
    ];
    expect(checkRow(input(source, ['2. Reconstruction projects', '3. Training and arms programmes']))).toEqual([]);
    expect(find(checkRow(input(source, ['2. Reconstruction projects', '4. Training and arms programmes'])), 'list-number')[0]?.params).toEqual({
      expected: '3',
      found: '4',
    });
  });
});

describe('glossary-missing', () => {
  it('turns each missing rendering into a finding', () => {
    const findings = checkRow(
      input(DATE_AR, DATE_EN.replace('Field Marshal', 'General'), {
        missingGlossary: [{ term: 'المشير', rendering: 'Field Marshal' }],
      }),
    );
    expect(findings).toEqual([{ check: 'glossary-missing', severity: 'warning', params: { term: 'المشير', rendering: 'Field Marshal' } }]);
  });
});

describe('brackets and quotes', () => {
  it('finds the first unbalanced bracket or quote', () => {
    expect(findUnbalanced('a challenge to Western (especially Italian) influence')).toBeNull();
    expect(findUnbalanced('a challenge to Western (especially Italian influence')).toBe('(');
    expect(findUnbalanced('especially Italian) influence')).toBe(')');
    expect(findUnbalanced('[a (b] c)')).toBe(']');
    expect(findUnbalanced('“the President met Haftar')).toBe('“');
    expect(findUnbalanced('the President met Haftar”')).toBe('”');
    expect(findUnbalanced('"the President met Haftar')).toBe('"');
    expect(findUnbalanced('‘quoted')).toBe('‘');
    expect(findUnbalanced('{x}')).toBeNull();
    expect(findUnbalanced('«RIA Novosti')).toBe('«');
    expect(findUnbalanced('«RIA Novosti»')).toBeNull();
  });

  it('does not take apostrophes for quotes', () => {
    expect(findUnbalanced("Putin's guest")).toBeNull();
    expect(findUnbalanced('Field Marshal Haftar’s programme and the two countries’ influence')).toBeNull();
    expect(findUnbalanced('‘the Kremlin’s guest’')).toBeNull();
  });

  it('reports an unbalanced English as a warning', () => {
    expect(checkRow(input(QUOTE_AR, QUOTE_EN.replace('”', '')))).toEqual([{ check: 'unbalanced', severity: 'warning', params: { char: '“' } }]);
  });

  it('accepts «» rendered as “” or straight quotes, and reports quotes dropped', () => {
    expect(checkRow(input(QUOTE_AR, QUOTE_EN.replace('“', '"').replace('”', '"')))).toEqual([]);
    expect(checkRow(input(QUOTE_AR, QUOTE_EN.replace('“', '').replace('”', '')))).toEqual([{ check: 'quotes-missing', severity: 'warning' }]);
  });
});

describe('spacing', () => {
  it('reports double, leading and trailing spaces as warnings', () => {
    expect(checkRow(input(HEADING_AR, 'A Meeting with  the Russian  Defence Minister'))).toEqual([
      { check: 'double-space', severity: 'warning', params: { count: 2 } },
    ]);
    expect(checkRow(input(HEADING_AR, ' A Meeting with the Russian Defence Minister'))).toEqual([
      { check: 'leading-space', severity: 'warning', params: { paragraph: 1 } },
    ]);
    expect(checkRow(input(HEADING_AR, ['A Meeting', 'with the Russian Defence Minister ']))).toEqual([
      { check: 'trailing-space', severity: 'warning', params: { paragraph: 2 } },
    ]);
  });

  it('lets the space after the last word be while typing', () => {
    expect(checkRow(input(HEADING_AR, 'A Meeting with the '), { typing: true })).toEqual([]);
    expect(checks(checkRow(input(HEADING_AR, 'A Meeting with the '), { typing: false }))).toEqual(['trailing-space']);
    expect(checks(checkRow(input(HEADING_AR, ['A Meeting ', 'with the ']), { typing: true }))).toEqual(['trailing-space']);
    expect(checks(checkRow(input(HEADING_AR, 'A Meeting with the  '), { typing: true }))).toEqual(['trailing-space']);
  });

  it('does not count the spaces at the ends as double spaces', () => {
    expect(checks(checkRow(input(HEADING_AR, `${HEADING_EN}   `)))).toEqual(['trailing-space']);
  });

  it('treats the sides of a hard break as line ends', () => {
    expect(checks(checkRow(input(HEADING_AR, 'A Meeting \nwith the Russian Defence Minister')))).toEqual(['trailing-space']);
    expect(checks(checkRow(input(HEADING_AR, 'A Meeting\n with the Russian Defence Minister')))).toEqual(['leading-space']);
  });
});

describe('end-punctuation', () => {
  it('maps ؟ to ? and compares the last mark', () => {
    expect(checkRow(input('هل التقى بوتين بحفتر؟', 'Did Putin meet Haftar?'))).toEqual([]);
    expect(checkRow(input('هل التقى بوتين بحفتر؟', 'Did Putin meet Haftar.'))).toEqual([
      { check: 'end-punctuation', severity: 'warning', params: { source: '؟', target: '.' } },
    ]);
    expect(checkRow(input('التقى بوتين بحفتر!', 'Putin met Haftar.'))[0]?.params).toEqual({ source: '!', target: '.' });
    expect(checkRow(input('التقى بوتين بحفتر.', 'Did Putin meet Haftar?'))[0]?.params).toEqual({ source: '.', target: '?' });
  });

  it('maps ، and ؛ and reads through closing quotes', () => {
    expect(checkRow(input('وتتضمن هذه الاتفاقيات:', 'These agreements include:'))).toEqual([]);
    expect(checkRow(input('التقى بوتين بحفتر؛', 'Putin met Haftar;'))).toEqual([]);
    expect(checkRow(input(QUOTE_AR, QUOTE_EN.replace('”.', '.”')))).toEqual([]);
  });

  it('reports a missing end mark', () => {
    expect(checkRow(input(DATE_AR, DATE_EN.slice(0, -1)))).toEqual([
      { check: 'end-punctuation', severity: 'warning', params: { source: '.', target: '' } },
    ]);
  });

  it('does not let a title or heading gain a period, but lets a list item', () => {
    expect(checkRow(input([{ kind: 'heading', text: HEADING_AR, level: 2 }], `${HEADING_EN}.`))).toEqual([
      { check: 'end-punctuation', severity: 'warning', params: { source: '', target: '.' } },
    ]);
    const item: SourceBlock[] = [{ kind: 'numbered', text: 'مشاريع لإعادة الإعمار في المناطق الخاضعة لسيطرة حكومة الوحدة الوطنية', number: '2' }];
    expect(checkRow(input(item, 'Reconstruction projects in areas under the control of the Government of National Unity.'))).toEqual([]);
    expect(checks(checkRow(input(item, 'Reconstruction projects in areas under Government of National Unity control?')))).toEqual(['end-punctuation']);
  });
});

describe('length ratio', () => {
  const norm = 1.37;

  it('counts letters and digits only, not harakat, tatweel, spaces or punctuation', () => {
    expect(countLengthChars('بـــوتين، يَسْتَقْبِلُ!')).toBe(5 + 6);
    expect(countLengthChars('Putin, 2025!')).toBe(9);
    expect(countLengthChars('Élysée ١٠ ۲۰ ک')).toBe(11);
  });

  it('counts as the Unicode letter and digit classes do, tatweel aside (property)', () => {
    const unit = fc.oneof(fc.integer({ min: 0x0600, max: 0x06ff }).map((c) => String.fromCharCode(c)), fc.string({ unit: 'grapheme', maxLength: 1 }));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (s) => {
        let expected = 0;
        for (let i = 0; i < s.length; i++) if (s[i] !== '\u0640' && /[\p{L}\p{N}]/u.test(s[i]!)) expected++;
        expect(countLengthChars(s)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('flags an English far longer or shorter than the norm', () => {
    const doubled = `${DATE_EN} ${DATE_EN}`.replace('office. ', 'office, and ');
    const long = checkRow(input(DATE_AR, `${doubled} ${doubled}`.replace('office. ', 'office, and ')), { norm });
    expect(checks(long)).toContain('length-long');
    const short = checkRow(input(DATE_AR, 'Putin received Haftar on 10 May 2025.', { status: 'translated' }), { norm });
    expect(find(short, 'length-short')).toEqual([
      { check: 'length-short', severity: 'warning', params: { ratio: expect.any(Number), norm: 1.37 } },
    ]);
    expect(find(short, 'length-short')[0]!.params!.ratio).toBeLessThan(norm / LENGTH_RATIO_FACTOR);
  });

  it('does not judge a draft short, nor a short Arabic, nor without a norm', () => {
    expect(checks(checkRow(input(DATE_AR, 'Putin received Haftar on 10 May 2025.'), { norm }))).not.toContain('length-short');
    expect(checkRow(input(HEADING_AR, 'A Meeting with the Russian Defence Minister and a long explanation of who he is', { status: 'translated' }), { norm })).toEqual([]);
    expect(checks(checkRow(input(DATE_AR, 'Putin received Haftar on 10 May 2025.', { status: 'translated' })))).not.toContain('length-short');
  });

  it('computes the norm as the median ratio of done rows, needing enough of them', () => {
    const rows = [1.2, 1.3, 1.4, 1.5, 1.6].map((r) => {
      const arabic = 'ب'.repeat(100);
      return row(arabic, ['e'.repeat(Math.round(100 * r))]);
    });
    expect(getDocumentNorm(rows)).toBeCloseTo(1.4);
    expect(getDocumentNorm(rows.slice(0, LENGTH_MIN_ROWS - 1))).toBeNull();
    const withDrafts = [...rows.slice(0, 4), { ...rows[4]!, status: 'draft' as const }];
    expect(getDocumentNorm(withDrafts)).toBeNull();
    expect(getDocumentNorm([...rows, row('ب'.repeat(100), ['e'.repeat(300)])])).toBeCloseTo(1.45);
  });

  it('takes the seed document’s norm from its translated rows', () => {
    const doc = parseDocument(JSON.parse(readFileSync(SEED, 'utf8')), 'document.json');
    const norm = getDocumentNorm(doc.rows);
    expect(norm).not.toBeNull();
    expect(norm!).toBeGreaterThan(1);
    expect(norm!).toBeLessThan(2);
  });

  it('never flags a row whose ratio is within the thresholds (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 3, noNaN: true }), fc.double({ min: 0.46, max: 2.15, noNaN: true }), fc.integer({ min: 40, max: 400 }), (n, factor, arabicLength) => {
        const english = Math.max(20, Math.round(arabicLength * n * factor));
        const ratio = english / arabicLength;
        const findings = checkRow(input('ب'.repeat(arabicLength), 'e'.repeat(english), { status: 'translated' }), { norm: n });
        const flagged = findings.some((f) => f.check === 'length-long' || f.check === 'length-short');
        expect(flagged).toBe(ratio > n * LENGTH_RATIO_FACTOR || ratio < n / LENGTH_RATIO_FACTOR);
      }),
    );
  });
});

describe('checkDocument and counts', () => {
  it('checks each row with the document norm and the glossary misses of that row', () => {
    const rows = [
      ...[0, 1, 2, 3, 4].map(() => row(DATE_AR, [DATE_EN])),
      row(DATE_AR, ['Putin received Haftar on 10 May 2025.']),
      row(HEADING_AR, [], 'untranslated'),
    ];
    const doc = documentOf(rows, { slug: 'qa', title: 'QA', at: AT });
    const result = checkDocument(doc, new Map([[rows[0]!.id, [{ term: 'المشير', rendering: 'Field Marshal' }]]]));
    expect(checks(result.get(rows[0]!.id)!)).toEqual(['glossary-missing']);
    expect(checks(result.get(rows[5]!.id)!)).toEqual(['length-short']);
    expect(checks(result.get(rows[6]!.id)!)).toEqual(['untranslated']);
    expect(countFindings(result)).toEqual({ errors: 0, warnings: 3 });
  });

  it('orders errors first', () => {
    const findings = checkRow(input(DATE_AR, ` ${DATE_EN.replace('2025', '2052')}`));
    expect(findings.map((f) => f.severity)).toEqual(['error', 'warning', 'warning']);
    expect(countFindings(findings)).toEqual({ errors: 1, warnings: 2 });
  });

  it('reads a stored row', () => {
    const r = row(DATE_AR, [DATE_EN, 'Second paragraph.']);
    expect(qaInputFromRow(r)).toEqual({ source: r.source, paragraphs: [DATE_EN, 'Second paragraph.'], status: 'translated', missingGlossary: undefined });
  });
});

describe('checkRow on any text (property)', () => {
  const unit = fc.constantFrom('ب', 'ت', 'a', 'B', ' ', '  ', '.', '؟', '«', '»', '“', '”', '(', ')', '"', '’', '١', '7', '٫', ',', '\n', 'َ', 'ـ');
  const text = fc.string({ unit, maxLength: 40 });

  it('never throws, reports known checks once each, errors first', () => {
    fc.assert(
      fc.property(text.filter((s) => s.trim() !== ''), fc.array(text, { minLength: 1, maxLength: 3 }), fc.option(fc.double({ min: 0.5, max: 3, noNaN: true })), (arabic, english, norm) => {
        const findings = checkRow(input(arabic, english, { status: 'translated' }), { norm });
        const severities = findings.map((f) => f.severity);
        expect(severities).toEqual([...severities].sort());
        if (english.every((p) => !p.trim())) expect(checks(findings)).toEqual(['untranslated']);
        // One finding per check, except those reported per value or per paragraph, which are once per that.
        const perValue = ['number-missing', 'number-extra', 'list-number', 'leading-space', 'trailing-space'];
        const once = findings.filter((f) => !perValue.includes(f.check)).map((f) => f.check);
        expect(new Set(once).size).toBe(once.length);
        const keys = findings.filter((f) => perValue.includes(f.check)).map((f) => JSON.stringify([f.check, f.params?.value, f.params?.paragraph]));
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });
});
