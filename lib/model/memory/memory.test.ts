import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { targetFromText } from '../target';
import { counterIds, expectModelError } from '../test-support';
import {
  concordance,
  diffSources,
  emptyMemory,
  findMatches,
  parseMemory,
  similarity,
  memoryInputFromRow,
  memoryKey,
  upsertEntries,
  type MemoryEntry,
  type MemoryEntryInput,
} from '.';
import type { Row } from '../schema';

const AT = '2026-05-10T09:00:00.000Z';
const doc = { slug: 'putin-receives-haftar', sourceLang: 'ar', targetLang: 'en' };

function input(source: string, target: string, origin: MemoryEntryInput['origin'] = {}): MemoryEntryInput {
  return { sourceLang: 'ar', targetLang: 'en', source, target, origin };
}

function memoryOf(...pairs: [string, string][]): MemoryEntry[] {
  const ctx = { now: AT, user: 'layla', newId: counterIds('m') };
  return upsertEntries(emptyMemory(), pairs.map(([s, t]) => input(s, t)), ctx).memory.entries;
}

const TITLE = 'بوتين يستقبل الجنرال حفتر في الكرملين';
const MEETING = 'لقاء مع وزير الدفاع الروسي';
const VISIT = 'الزيارة في سياق التوازنات الإقليمية والدولية';

describe('memory file', () => {
  it('accepts the shape written by the store and rejects unknown fields, naming them', () => {
    const entries = memoryOf([TITLE, 'Putin Receives General Haftar in the Kremlin']);
    expect(parseMemory({ schemaVersion: 1, entries }, 'content/memory.json').entries).toHaveLength(1);
    const e = expectModelError(() => parseMemory({ schemaVersion: 1, entries: [{ ...entries[0], extra: 1 }] }, 'content/memory.json'), 'corrupt');
    expect(e.message).toMatch(/^content\/memory.json: entries\[0\]/);
    const empty = expectModelError(() => parseMemory({ schemaVersion: 1, entries: [{ ...entries[0], target: '  ' }] }, 'm.json'), 'corrupt');
    expect(empty.message).toContain('entries[0].target');
  });

  it('rejects two entries for one source (a hand-made duplicate), naming both', () => {
    const [a] = memoryOf([TITLE, 'one']);
    const b = { ...a!, id: 'mzzzzzzzzz', source: 'بُوتِين يستقبل الجنرال حفتر في الكرملين', target: 'two' };
    const e = expectModelError(() => parseMemory({ schemaVersion: 1, entries: [a, b] }, 'm.json'), 'corrupt');
    expect(e.message).toContain('entries[1].source');
    expect(e.message).toContain('entries[0]');
  });
});

describe('upsertEntries', () => {
  const ctx = () => ({ now: AT, user: 'layla', newId: counterIds('m') });

  it('keys entries by folded source and language pair: a new translation replaces the old one', () => {
    const first = upsertEntries(emptyMemory(), [input(TITLE, 'Putin receives Haftar')], ctx());
    expect(first).toMatchObject({ added: 1, replaced: 0, changed: true });
    // Same words with diacritics, tatweel, a hamza-less alef and extra spaces: the same source.
    const again = upsertEntries(first.memory, [input('بُوتـين  يستقبل الجنرال حفتر في الكرملين', 'Putin Receives General Haftar')], { ...ctx(), now: '2026-05-11T09:00:00.000Z' });
    expect(again).toMatchObject({ added: 0, replaced: 1 });
    expect(again.memory.entries).toHaveLength(1);
    expect(again.memory.entries[0]).toMatchObject({ id: first.memory.entries[0]!.id, target: 'Putin Receives General Haftar', updatedAt: '2026-05-11T09:00:00.000Z' });
  });

  it('keeps pairs of other languages apart, and language tags by their primary subtag', () => {
    const a = upsertEntries(emptyMemory(), [input(TITLE, 'Putin receives Haftar')], ctx());
    const fr = upsertEntries(a.memory, [{ ...input(TITLE, 'Poutine reçoit Haftar'), targetLang: 'fr' }], ctx());
    expect(fr.added).toBe(1);
    const sa = upsertEntries(fr.memory, [{ ...input(TITLE, 'Putin receives Haftar'), sourceLang: 'ar-SA', targetLang: 'en-US' }], ctx());
    expect(sa.added).toBe(0);
  });

  it('writes nothing when the same pair comes again', () => {
    const a = upsertEntries(emptyMemory(), [input(TITLE, 'Putin receives Haftar')], ctx());
    const b = upsertEntries(a.memory, [input(TITLE, 'Putin receives Haftar')], ctx());
    expect(b).toMatchObject({ unchanged: 1, changed: false });
    expect(b.memory).toBe(a.memory);
  });

  it('keeps a row’s claim on its pair when the same pair is imported without one, and moves it to a row that claims it', () => {
    const fromRow = upsertEntries(emptyMemory(), [input(TITLE, 'Putin receives Haftar', { slug: 'a', rowId: 'aaaaaaaaaa' })], ctx());
    const imported = upsertEntries(fromRow.memory, [input(TITLE, 'Putin receives Haftar')], ctx());
    expect(imported).toMatchObject({ unchanged: 1, changed: false });
    const otherRow = upsertEntries(fromRow.memory, [input(TITLE, 'Putin receives Haftar', { slug: 'b', rowId: 'bbbbbbbbbb' })], ctx());
    expect(otherRow).toMatchObject({ unchanged: 1, changed: true });
    expect(otherRow.memory.entries[0]!.origin).toEqual({ slug: 'b', rowId: 'bbbbbbbbbb' });
  });

  it('refuses an empty translation', () => {
    expectModelError(() => upsertEntries(emptyMemory(), [input(TITLE, ' ')], ctx()), 'invalid');
  });
});

describe('memoryInputFromRow', () => {
  const row = (status: Row['status'], text: string[]): Row => ({
    id: 'ts4wa0cwop',
    rev: 3,
    status,
    source: [{ kind: 'heading', text: MEETING, level: 2 }],
    target: targetFromText(text),
    updatedAt: AT,
    updatedBy: null,
  });

  it('gives a translated or approved row with text, as plain text', () => {
    expect(memoryInputFromRow(doc, row('translated', ['A Meeting with the Russian Defence Minister']))).toEqual({
      sourceLang: 'ar',
      targetLang: 'en',
      source: MEETING,
      target: 'A Meeting with the Russian Defence Minister',
      origin: { slug: doc.slug, rowId: 'ts4wa0cwop' },
    });
    expect(memoryInputFromRow(doc, row('approved', ['One.', 'Two.']))?.target).toBe('One.\n\nTwo.');
  });

  it('gives nothing for drafts, rows sent back and empty rows', () => {
    expect(memoryInputFromRow(doc, row('draft', ['A Meeting']))).toBeNull();
    expect(memoryInputFromRow(doc, row('needs-changes', ['A Meeting']))).toBeNull();
    expect(memoryInputFromRow(doc, row('translated', []))).toBeNull();
  });
});

describe('similarity', () => {
  it('is word-level on folded text', () => {
    expect(similarity(TITLE, TITLE)).toBe(1);
    // One word of six changed: 5/6.
    expect(similarity(TITLE, 'بوتين يستقبل المشير حفتر في الكرملين')).toBeCloseTo(5 / 6);
    // One word dropped from six.
    expect(similarity(TITLE, 'بوتين يستقبل حفتر في الكرملين')).toBeCloseTo(5 / 6);
    // Letter forms and diacritics are the same word, but the text is not the same: 0.99, never 100%.
    expect(similarity('إعادة تأكيد الوجود الروسي', 'اعاده تاكيد الوجود الروسي')).toBe(0.99);
    expect(similarity('لقاءٌ مع وزير الدفاع', 'لقاء مع وزير الدفاع')).toBe(0.99);
    expect(similarity(MEETING, VISIT)).toBeLessThan(0.3);
  });

  it('is symmetric and in [0, 1]', () => {
    const words = fc.constantFrom('بوتين', 'حفتر', 'في', 'الكرملين', 'يستقبل', 'ليبيا', 'موسكو', 'الروسي');
    const text = fc.array(words, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const s = similarity(a, b);
        expect(s).toBe(similarity(b, a));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(s === 1).toBe(a === b);
      }),
    );
  });
});

describe('findMatches', () => {
  const entries = memoryOf(
    [TITLE, 'Putin Receives General Haftar in the Kremlin'],
    [MEETING, 'A Meeting with the Russian Defence Minister'],
    [VISIT, 'The Visit in the Context of Regional and International Balances'],
    ['بوتين يستقبل الرئيس التركي في الكرملين', 'Putin Receives the Turkish President in the Kremlin'],
  );

  it('returns matches of 70% and up, best first, with the difference', () => {
    const query = 'بوتين يستقبل المشير حفتر في الكرملين';
    const matches = findMatches(query, entries);
    expect(matches.map((m) => m.entry.target)).toEqual(['Putin Receives General Haftar in the Kremlin']);
    expect(matches[0]!.score).toBeCloseTo(5 / 6);
    expect(matches[0]!.diff).toEqual([
      { kind: 'same', text: 'بوتين يستقبل ' },
      { kind: 'removed', text: 'الجنرال' },
      { kind: 'added', text: 'المشير' },
      { kind: 'same', text: ' حفتر في الكرملين' },
    ]);
    // The Turkish-president entry is 4/7 words away: below 70%.
    expect(findMatches(query, entries, { min: 0.5 }).map((m) => m.entry.target)).toHaveLength(2);
  });

  it('leaves out other language pairs, the row itself while its source is unchanged, and honours limit', () => {
    expect(findMatches(TITLE, entries, { targetLang: 'fr' })).toEqual([]);
    expect(findMatches(TITLE, entries, { sourceLang: 'ar-EG', targetLang: 'en-GB' })).toHaveLength(1);
    const own = upsertEntries(emptyMemory(), [input(MEETING, 'Meeting', { slug: 'doc', rowId: 'aaaaaaaaaa' })], { now: AT, user: null, newId: counterIds('o') }).memory.entries;
    expect(findMatches(MEETING, own, { self: { slug: 'doc', rowId: 'aaaaaaaaaa' } })).toEqual([]);
    expect(findMatches('لقاء مع وزير الدفاع الروسي اليوم', own, { self: { slug: 'doc', rowId: 'aaaaaaaaaa' } })).toHaveLength(1);
    expect(findMatches(MEETING, own, { self: { slug: 'doc', rowId: 'bbbbbbbbbb' } })).toHaveLength(1);
    expect(findMatches(TITLE, entries, { min: 0, limit: 2 })).toHaveLength(2);
  });

  it('finds nothing for a query without words', () => {
    expect(findMatches(' … ', entries)).toEqual([]);
  });

  it('finds every entry a full scan finds (the index never hides a match)', () => {
    const vocabulary = fc.constantFrom('بوتين', 'حفتر', 'في', 'الكرملين', 'يستقبل', 'ليبيا', 'موسكو', 'الروسي', 'وزير', 'الدفاع');
    const text = fc.array(vocabulary, { minLength: 1, maxLength: 9 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.uniqueArray(text, { minLength: 1, maxLength: 25 }), text, fc.constantFrom(0.5, 0.7, 0.9), (sources, query, min) => {
        const list = memoryOf(...sources.map((s, i): [string, string] => [s, `t${i}`]));
        const expected = list.filter((e) => similarity(query, e.source) >= min - 1e-9).map((e) => e.id).sort();
        const found = findMatches(query, list, { min, limit: 1000 }).map((m) => m.entry.id).sort();
        expect(found).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('finds a near copy in a memory of 2,000 paragraphs (time printed, not asserted; npm run bench:memory for 20,000)', () => {
    const words = ['الرئيس', 'الروسي', 'بوتين', 'حفتر', 'ليبيا', 'موسكو', 'الدفاع', 'وزير', 'في', 'من', 'على', 'إلى', 'المنطقة', 'الاتفاقيات'];
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const paragraph = () =>
      Array.from({ length: 10 + Math.floor(random() * 50) }, () =>
        random() < 0.6 ? words[Math.floor(random() * words.length)]! : `كلمة${Math.floor(random() * 30000)}`,
      ).join(' ');
    const big: MemoryEntry[] = Array.from({ length: 2_000 }, (_, i) => ({
      id: `b${i.toString(36).padStart(9, '0')}`,
      ...input(paragraph(), `translation ${i}`),
      updatedAt: AT,
      updatedBy: null,
    }));
    const query = `${big[1234]!.source} إضافة`;
    const indexStart = performance.now();
    findMatches(query, big); // builds the index once
    const indexMs = performance.now() - indexStart;
    const started = performance.now();
    const rounds = 20;
    let found: ReturnType<typeof findMatches> = [];
    for (let i = 0; i < rounds; i++) found = findMatches(i % 2 ? query : big[i * 53]!.source, big);
    const ms = (performance.now() - started) / rounds;
    console.log(`findMatches over ${big.length} entries: ${ms.toFixed(2)} ms per query (index built in ${indexMs.toFixed(0)} ms)`);
    expect(found[0]!.entry.id).toBe(big[1234]!.id);
  }, 60_000);
});

describe('diffSources', () => {
  it('shows the match as written, marking only real word differences', () => {
    expect(diffSources('لقاءٌ مع وزير الدفاع', 'لقاء مع وزير الدفاع')).toEqual([{ kind: 'same', text: 'لقاءٌ مع وزير الدفاع' }]);
    expect(diffSources(MEETING, 'لقاء مع وزير الخارجية الروسي')).toEqual([
      { kind: 'same', text: 'لقاء مع وزير ' },
      { kind: 'removed', text: 'الدفاع' },
      { kind: 'added', text: 'الخارجية' },
      { kind: 'same', text: ' الروسي' },
    ]);
  });

  it('keeps every character of the match in same or removed segments, and of the query in same or added', () => {
    const words = fc.constantFrom('بوتين', 'حفتر', 'في', 'الكرملين', '،', 'ليبيا', 'موسكو');
    const text = fc.array(words, { maxLength: 8 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const diff = diffSources(a, b);
        expect(diff.filter((s) => s.kind !== 'added').map((s) => s.text).join('')).toBe(a);
        expect(diff.filter((s) => s.kind !== 'removed').map((s) => s.text).join('')).toBe(b);
      }),
    );
  });
});

describe('concordance', () => {
  const entries = memoryOf(
    [TITLE, 'Putin Receives General Haftar in the Kremlin'],
    ['وأكد الرئيسُ بوتين دعمه للجيش الوطني الليبي', 'President Putin affirmed his support for the Libyan National Army'],
    [MEETING, 'A Meeting with the Russian Defence Minister'],
  );

  it('finds a word in the Arabic ignoring diacritics and letter forms, with offsets in the original', () => {
    const { hits, total } = concordance('الرئيس', entries);
    expect(total).toBe(1);
    const hit = hits[0]!;
    const span = hit.source[0]!;
    expect(hit.entry.source.slice(span.start, span.end)).toBe('الرئيسُ');
    expect(concordance('الكرملين', entries).hits[0]!.entry.target).toContain('Kremlin');
    expect(concordance('أكد', entries).total).toBe(1); // وأكد, with its hamza folded
  });

  it('finds English case-insensitively', () => {
    const { hits, total } = concordance('putin', entries);
    expect(total).toBe(2);
    for (const hit of hits) for (const s of hit.target) expect(hit.entry.target.slice(s.start, s.end)).toBe('Putin');
    expect(concordance('nothing like this', entries).total).toBe(0);
    expect(concordance('   ', entries).total).toBe(0);
  });
});

describe('memoryKey', () => {
  it('is the same for spellings that fold alike', () => {
    expect(memoryKey(input('إعادة تأكيد', 'x'))).toBe(memoryKey(input('اعاده  تاكيد', 'y')));
    expect(memoryKey(input('إعادة تأكيد', 'x'))).not.toBe(memoryKey({ ...input('إعادة تأكيد', 'x'), targetLang: 'fr' }));
  });
});
