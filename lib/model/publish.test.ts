import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelError } from './errors';
import type { Note } from './notes';
import {
  countChangedRows,
  createSnapshot,
  getFootnoteMarks,
  getLayoutParam,
  getSnapshotDescription,
  getTargetKinds,
  parseReaderLayout,
  publishedSnapshotSchema,
  publishRequestSchema,
  READER_LAYOUTS,
  splitInlineAt,
  splitTextAt,
  toLatinDigits,
  type PublishedSnapshot,
} from './publish';
import { type BilingualDocument, type Row, type SourceBlock, type TargetParagraph } from './schema';
import { emptyTarget, getParagraphText, targetFromText } from './target';
import { documentOf } from './test-support';

const CREATED = '2025-05-01T00:00:00.000Z';
const NOW = '2025-05-10T12:30:00.000Z';
const LATER = '2025-05-12T08:00:00.000Z';

const AR_TITLE = 'بوتين يستقبل الجنرال حفتر في الكرملين';
const AR1 = 'استقبل الرئيس الروسي فلاديمير بوتين المشير خليفة حفتر في الكرملين يوم 10 ماي 2025.';
const AR2 = 'لقاء مع وزير الدفاع الروسي';
const EN1 = 'Russian President Vladimir Putin received Field Marshal Khalifa Haftar at the Kremlin on 10 May 2025.';

function row(id: string, source: SourceBlock[] | string, target: string[] = []): Row {
  return {
    id,
    rev: 1,
    status: target.length ? 'translated' : 'untranslated',
    source: typeof source === 'string' ? [{ kind: 'paragraph', text: source }] : source,
    target: targetFromText(target),
    updatedAt: CREATED,
    updatedBy: null,
  };
}

function makeDoc(...rows: Row[]): BilingualDocument {
  return documentOf(rows, { slug: 'putin-haftar', title: AR_TITLE, at: CREATED });
}

const SEED_LIKE = makeDoc(
  row('title00001', [{ kind: 'title', text: AR_TITLE }], ['Putin Receives General Haftar at the Kremlin']),
  row('para000001', AR1, [EN1]),
  row('head000001', [{ kind: 'heading', level: 2, text: AR2 }], ['A Meeting with the Russian Defence Minister']),
  row('item000001', [{ kind: 'numbered', number: '١', text: 'اتفاقيات للتنقيب عن النفط' }]),
);

function note(overrides: Partial<Note> & Pick<Note, 'id' | 'rowId' | 'side'>): Note {
  return {
    detached: false,
    body: 'A translator’s note.',
    author: 'layla',
    createdAt: CREATED,
    updatedAt: CREATED,
    status: 'open',
    visibility: 'public',
    replies: [],
    ...overrides,
  };
}

function publish(doc = SEED_LIKE, notes: Note[] = [], previous: PublishedSnapshot | null = null, at = NOW): PublishedSnapshot {
  return createSnapshot(doc, notes, previous, { now: at, user: 'editor' });
}

describe('createSnapshot', () => {
  it('freezes titles, every row, the language pair and who published when, as version 1', () => {
    const snapshot = publish();
    expect(snapshot).toMatchObject({
      schemaVersion: 1,
      slug: 'putin-haftar',
      version: 1,
      publishedAt: NOW,
      firstPublishedAt: NOW,
      publishedBy: 'editor',
      title: AR_TITLE,
      targetTitle: 'Putin Receives General Haftar at the Kremlin',
      sourceLang: 'ar',
      targetLang: 'en',
      notes: [],
    });
    expect(snapshot.rows).toEqual(SEED_LIKE.rows.map((r) => ({ id: r.id, source: r.source, target: r.target })));
    expect(publishedSnapshotSchema.safeParse(snapshot).success).toBe(true);
  });

  it('counts versions on from the previous snapshot and keeps the first publication date and the credit', () => {
    const first = createSnapshot(SEED_LIKE, [], null, { now: NOW, user: 'editor', credit: ' Al-Wasat ', sourceUrl: 'https://example.org/a' });
    expect(first.credit).toBe('Al-Wasat');
    const second = publish(SEED_LIKE, [], first, LATER);
    expect(second).toMatchObject({ version: 2, publishedAt: LATER, firstPublishedAt: NOW, credit: 'Al-Wasat', sourceUrl: 'https://example.org/a' });
    const third = createSnapshot(SEED_LIKE, [], second, { now: LATER, user: 'editor', credit: '', sourceUrl: '' });
    expect(third.version).toBe(3);
    expect(third).not.toHaveProperty('credit');
    expect(third).not.toHaveProperty('sourceUrl');
  });

  it('has no English title when the title row is untranslated or there is no title row', () => {
    expect(publish(makeDoc(row('para000001', AR1))).targetTitle).toBe('');
    expect(publish(makeDoc(row('title00001', [{ kind: 'title', text: AR_TITLE }]))).targetTitle).toBe('');
  });

  it('publishes public notes only, not internal or detached ones, with their quote where it is now', () => {
    const notes = [
      note({ id: 'note000001', rowId: 'para000001', side: 'target', quote: { exact: 'Vladimir Putin' }, position: { start: 0, end: 3 } }),
      note({ id: 'note000002', rowId: 'para000001', side: 'source', visibility: 'internal' }),
      note({ id: 'note000003', rowId: 'para000001', side: 'source', quote: { exact: 'غير موجود' }, detached: true }),
      note({ id: 'note000004', rowId: 'head000001', side: 'source', status: 'resolved' }),
      note({ id: 'note000005', rowId: 'gone000001', side: 'source' }),
    ];
    const snapshot = publish(SEED_LIKE, notes);
    expect(snapshot.notes.map((n) => n.id)).toEqual(['note000001', 'note000004']);
    const start = EN1.indexOf('Vladimir Putin');
    expect(snapshot.notes[0]).toEqual({
      id: 'note000001',
      rowId: 'para000001',
      side: 'target',
      // Found again by its quote, with fresh context either side.
      quote: { exact: 'Vladimir Putin', prefix: 'Russian President ', suffix: expect.stringMatching(/^ received/) },
      position: { start, end: start + 'Vladimir Putin'.length },
      body: 'A translator’s note.',
      author: 'layla',
    });
    expect(snapshot.notes[1]).not.toHaveProperty('quote');
  });

  it('does not change the document or the notes it is given', () => {
    const doc = structuredClone(SEED_LIKE);
    const notes = [note({ id: 'note000001', rowId: 'para000001', side: 'target', quote: { exact: 'Putin' } })];
    const before = structuredClone({ doc, notes });
    publish(doc, notes);
    expect({ doc, notes }).toEqual(before);
  });

  it('refuses a credit that is too long with a ModelError', () => {
    expect(() => createSnapshot(SEED_LIKE, [], null, { now: NOW, user: 'editor', credit: 'x'.repeat(301) })).toThrow(ModelError);
  });
});

describe('publishedSnapshotSchema', () => {
  it('rejects duplicate row ids, notes on missing rows and a first publication after the last', () => {
    const snapshot = publish();
    const dup = { ...snapshot, rows: [...snapshot.rows, snapshot.rows[0]] };
    expect(publishedSnapshotSchema.safeParse(dup).success).toBe(false);
    const orphan = { ...snapshot, notes: [{ id: 'note000001', rowId: 'nowhere001', side: 'source', body: 'x', author: 'a' }] };
    expect(publishedSnapshotSchema.safeParse(orphan).success).toBe(false);
    expect(publishedSnapshotSchema.safeParse({ ...snapshot, firstPublishedAt: LATER }).success).toBe(false);
    expect(publishedSnapshotSchema.safeParse({ ...snapshot, schemaVersion: 2 }).success).toBe(false);
    expect(publishedSnapshotSchema.safeParse({ ...snapshot, extra: true }).success).toBe(false);
  });

  it('accepts only http(s) source links', () => {
    const snapshot = publish();
    expect(publishedSnapshotSchema.safeParse({ ...snapshot, sourceUrl: 'https://example.org/x' }).success).toBe(true);
    expect(publishedSnapshotSchema.safeParse({ ...snapshot, sourceUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(publishRequestSchema.safeParse({ sourceUrl: 'ftp://example.org' }).success).toBe(false);
    expect(publishRequestSchema.safeParse({ sourceUrl: '' }).success).toBe(true);
    expect(publishRequestSchema.safeParse({ other: 1 }).success).toBe(false);
  });
});

describe('countChangedRows', () => {
  const snapshot = publish();

  it('is 0 for the document as published, whatever happened to statuses and revisions', () => {
    expect(countChangedRows(snapshot, SEED_LIKE)).toBe(0);
    const restatused = { ...SEED_LIKE, rows: SEED_LIKE.rows.map((r) => ({ ...r, status: 'approved' as const, rev: 7 })) };
    expect(countChangedRows(snapshot, restatused)).toBe(0);
  });

  it('counts rows whose translation or original changed', () => {
    const rows = SEED_LIKE.rows.map((r) => ({ ...r }));
    rows[1] = { ...rows[1]!, target: targetFromText([`${EN1} More.`]) };
    rows[3] = { ...rows[3]!, source: [{ kind: 'numbered', number: '2', text: 'اتفاقيات للتنقيب عن النفط' }] };
    expect(countChangedRows(snapshot, { ...SEED_LIKE, rows })).toBe(2);
  });

  it('counts a change of marks but not an empty paragraph written differently', () => {
    const bold = SEED_LIKE.rows.map((r, i) =>
      i === 1 ? { ...r, target: { type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: EN1, marks: [{ type: 'bold' as const }] }] }] } } : r,
    );
    expect(countChangedRows(snapshot, { ...SEED_LIKE, rows: bold })).toBe(1);
    const emptied = SEED_LIKE.rows.map((r, i) => (i === 3 ? { ...r, target: { type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [] }] } } : r));
    expect(countChangedRows(snapshot, { ...SEED_LIKE, rows: emptied })).toBe(0);
  });

  it('counts added and removed rows (a merge is one changed and one removed)', () => {
    const added = { ...SEED_LIKE, rows: [...SEED_LIKE.rows, row('new0000001', 'فقرة جديدة.')] };
    expect(countChangedRows(snapshot, added)).toBe(1);
    const [a, b, c, d] = SEED_LIKE.rows as [Row, Row, Row, Row];
    const merged = { ...SEED_LIKE, rows: [a, { ...b, source: [...b.source, ...c.source] }, d] };
    expect(countChangedRows(snapshot, merged)).toBe(2);
  });
});

describe('layouts', () => {
  const langs = { sourceLang: 'ar', targetLang: 'en' };

  it('reads ?layout= values: language tags for one language, anything unknown as side by side', () => {
    expect(parseReaderLayout('ar', langs)).toBe('source');
    expect(parseReaderLayout('EN', langs)).toBe('target');
    expect(parseReaderLayout('interleaved', langs)).toBe('interleaved');
    expect(parseReaderLayout('source', langs)).toBe('source');
    expect(parseReaderLayout('fr', langs)).toBe('side');
    expect(parseReaderLayout(undefined, langs)).toBe('side');
    expect(parseReaderLayout(['ar'], langs)).toBe('side');
  });

  it('writes back what it reads', () => {
    for (const layout of READER_LAYOUTS) expect(parseReaderLayout(getLayoutParam(layout, langs), langs)).toBe(layout);
    expect(getLayoutParam('source', langs)).toBe('ar');
  });
});

describe('getTargetKinds', () => {
  it('gives each translated paragraph the kind of its original block', () => {
    const [, , heading, item] = SEED_LIKE.rows as Row[];
    expect(getTargetKinds(heading!.source, heading!.target)).toEqual([{ kind: 'heading', level: 2 }]);
    expect(getTargetKinds(item!.source, targetFromText(['Oil and gas exploration agreements']))).toEqual([{ kind: 'numbered', number: '1' }]);
  });

  it('pairs kinds block by block, shares one kind, or falls back to paragraphs', () => {
    const mixed: SourceBlock[] = [{ kind: 'heading', text: 'أ' }, { kind: 'paragraph', text: 'ب' }];
    expect(getTargetKinds(mixed, targetFromText(['A', 'B'])).map((k) => k.kind)).toEqual(['heading', 'paragraph']);
    expect(getTargetKinds(mixed, targetFromText(['AB'])).map((k) => k.kind)).toEqual(['paragraph']);
    const bullets: SourceBlock[] = [{ kind: 'bulleted', text: 'أ' }];
    expect(getTargetKinds(bullets, targetFromText(['A', 'B'])).map((k) => k.kind)).toEqual(['bulleted', 'bulleted']);
    const numbered: SourceBlock[] = [{ kind: 'numbered', number: '3', text: 'أ' }];
    expect(getTargetKinds(numbered, targetFromText(['A', 'B']))).toEqual([{ kind: 'numbered', number: '3' }, { kind: 'paragraph' }]);
  });

  it('writes list numbers in Latin digits', () => {
    expect(toLatinDigits('١٢')).toBe('12');
    expect(toLatinDigits('۳')).toBe('3');
    expect(toLatinDigits('7a')).toBe('7a');
  });
});

describe('getFootnoteMarks', () => {
  it('numbers notes in reading order and puts each mark after its quote, at a word end', () => {
    const notes = [
      note({ id: 'note00000c', rowId: 'head000001', side: 'source' }),
      note({ id: 'note00000b', rowId: 'para000001', side: 'target', quote: { exact: 'Vladimir Put' } }),
      note({ id: 'note00000a', rowId: 'para000001', side: 'source', quote: { exact: 'فلاديمير بوتين' } }),
    ];
    const snapshot = publish(SEED_LIKE, notes);
    const marks = getFootnoteMarks(snapshot);
    expect(marks.map((m) => [m.noteId, m.number])).toEqual([
      ['note00000a', 1],
      ['note00000b', 2],
      ['note00000c', 3],
    ]);
    expect(marks[0]).toMatchObject({ side: 'source', block: 0, offset: AR1.indexOf('فلاديمير بوتين') + 'فلاديمير بوتين'.length });
    // "Vladimir Put" ends inside "Putin": the mark goes after the whole word.
    expect(marks[1]).toMatchObject({ side: 'target', block: 0, offset: EN1.indexOf('Putin') + 'Putin'.length });
    // A note on the whole row: after its last block.
    expect(marks[2]).toMatchObject({ block: 0, offset: AR2.length });
  });

  it('finds the block a quote is in across several blocks', () => {
    const doc = makeDoc(row('para000001', [{ kind: 'paragraph', text: 'أول.' }, { kind: 'paragraph', text: 'ثانٍ هنا.' }]));
    const snapshot = publish(doc, [note({ id: 'note000001', rowId: 'para000001', side: 'source', quote: { exact: 'هنا' } })]);
    expect(getFootnoteMarks(snapshot)[0]).toMatchObject({ block: 1, offset: 'ثانٍ هنا'.length });
  });
});

describe('splitting text for marks', () => {
  it('splits inline content at offsets, hard breaks counting one character, keeping marks', () => {
    const p: TargetParagraph = {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Hello ', marks: [{ type: 'bold' }] },
        { type: 'text', text: 'world' },
        { type: 'hard_break' },
        { type: 'text', text: 'again' },
      ],
    };
    const runs = splitInlineAt(p, [3, 11, 17]);
    expect(runs).toHaveLength(4);
    expect(runs[0]).toEqual([{ type: 'text', text: 'Hel', marks: [{ type: 'bold' }] }]);
    expect(runs[1]).toEqual([{ type: 'text', text: 'lo ', marks: [{ type: 'bold' }] }, { type: 'text', text: 'world' }]);
    expect(runs[2]).toEqual([{ type: 'hard_break' }, { type: 'text', text: 'again' }]);
    expect(runs[3]).toEqual([]);
  });

  it('loses and adds no text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }), fc.array(fc.nat(50), { maxLength: 4 }), (texts, offsets) => {
        const p: TargetParagraph = { type: 'paragraph', content: texts.map((text) => ({ type: 'text', text })) };
        const runs = splitInlineAt(p, offsets);
        expect(runs).toHaveLength(offsets.length + 1);
        expect(runs.map((r) => getParagraphText({ type: 'paragraph', content: r })).join('')).toBe(texts.join(''));
        expect(splitTextAt(texts.join(''), offsets).join('')).toBe(texts.join(''));
      }),
    );
  });
});

describe('getSnapshotDescription', () => {
  it('uses the first translated body paragraph, shortened at a word', () => {
    expect(getSnapshotDescription(publish())).toBe(EN1);
    expect(getSnapshotDescription(publish(), 40)).toBe('Russian President Vladimir Putin…');
  });

  it('falls back to the original when nothing is translated', () => {
    const doc = makeDoc(row('para000001', AR1), row('para000002', 'ثانية.'));
    expect(getSnapshotDescription(publish(doc))).toBe(AR1);
    expect(publish(makeDoc(row('para000001', AR1, []))).rows[0]!.target).toEqual(emptyTarget());
  });
});
