import { describe, expect, it } from 'vitest';
import type { Note } from '../notes';
import type { Row, SourceBlock, TargetDoc } from '../schema';
import { emptyTarget, targetFromText } from '../target';
import { documentOf } from '../test-support';
import { getSourceParagraphs, getWordExport } from './export';

const at = '2025-05-12T09:00:00.000Z';
const row = (id: string, source: SourceBlock[], target: TargetDoc = emptyTarget(), extra: Partial<Row> = {}): Row => ({
  id,
  rev: 1,
  status: 'translated',
  source,
  target,
  updatedAt: at,
  updatedBy: 'layla',
  ...extra,
});
const note = (id: string, rowId: string, side: 'source' | 'target', visibility: 'public' | 'internal', exact?: string): Note => ({
  id,
  rowId,
  side,
  ...(exact && { quote: { exact } }),
  detached: false,
  body: `note ${id}`,
  author: 'layla',
  createdAt: at,
  updatedAt: at,
  status: 'open',
  visibility,
  replies: [],
});

const boldTarget: TargetDoc = {
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Putin ' }, { type: 'text', text: 'received', marks: [{ type: 'bold' }, { type: 'italic' }] }, { type: 'hard_break' }, { type: 'text', text: 'Haftar' }] }],
};

const doc = documentOf(
  [
    row('r000000001', [{ kind: 'title', text: 'بوتين يستقبل حفتر' }], targetFromText(['Putin receives Haftar'])),
    row('r000000002', [{ kind: 'paragraph', text: 'استقبل بوتين حفتر' }], boldTarget, { xliff: { source: 'استقبل <pc id="w1" type="fmt" subType="xlf:b">بوتين</pc> حفتر' } }),
    row('r000000003', [{ kind: 'heading', level: 2, text: 'خلفية' }], targetFromText(['Background'])),
    row('r000000004', [{ kind: 'numbered', number: '١', text: 'أول' }], targetFromText(['First'])),
    row('r000000005', [{ kind: 'bulleted', level: 2, text: 'فرعي' }], targetFromText(['Nested'])),
    row('r000000006', [{ kind: 'paragraph', text: 'لم يترجم' }], emptyTarget(), { status: 'untranslated' }),
    row('r000000007', [{ kind: 'paragraph', text: 'أ' }, { kind: 'paragraph', text: 'ب' }], targetFromText(['A and B'])),
  ],
  { slug: 'putin-haftar', title: 'بوتين يستقبل حفتر', at },
);

describe('getWordExport', () => {
  it('gives the translated rows alone in the target layout, each paragraph of its original kind', () => {
    const out = getWordExport(doc, [], 'target', at);
    expect(out).toMatchObject({ layout: 'target', title: 'Putin receives Haftar', sourceLang: 'ar', targetLang: 'en', footnotes: [] });
    expect(out.rows.map((r) => r.source)).toEqual(out.rows.map(() => []));
    expect(out.rows.map((r) => r.target.map((p) => [p.kind, p.level, p.number ?? null]))).toEqual([
      [['title', 1, null]],
      [['paragraph', 1, null]],
      [['heading', 2, null]],
      [['numbered', 1, '1']],
      [['bulleted', 2, null]],
      [['paragraph', 1, null]],
    ]);
    expect(out.rows[1]!.target[0]!.runs).toEqual([{ text: 'Putin ' }, { text: 'received', bold: true, italic: true }, { break: true }, { text: 'Haftar' }]);
  });

  it('gives every row in the bilingual layout, the original with the bold and italic its import kept', () => {
    const out = getWordExport(doc, [], 'bilingual', at);
    expect(out.title).toBe('بوتين يستقبل حفتر');
    expect(out.rows).toHaveLength(7);
    expect(out.rows[1]!.source[0]!.runs).toEqual([{ text: 'استقبل ' }, { text: 'بوتين', bold: true }, { text: ' حفتر' }]);
    expect(out.rows[3]!.source[0]).toMatchObject({ kind: 'numbered', number: '١' });
    expect(out.rows[5]).toEqual({ source: [{ kind: 'paragraph', level: 1, runs: [{ text: 'لم يترجم' }] }], target: [] });
    expect(out.rows[6]!.source.map((p) => p.runs)).toEqual([[{ text: 'أ' }], [{ text: 'ب' }]]);
  });

  it('puts public notes as footnotes where their quotes end, in reading order, and leaves internal ones out', () => {
    const notes = [
      note('n000000001', 'r000000002', 'target', 'public', 'Putin'),
      note('n000000002', 'r000000002', 'source', 'public', 'بوتين'),
      note('n000000003', 'r000000002', 'source', 'internal'),
      note('n000000004', 'r000000006', 'target', 'public'),
      note('n000000005', 'r000000006', 'source', 'public'),
    ];
    const bilingual = getWordExport(doc, notes, 'bilingual', at);
    expect(bilingual.footnotes.map((f) => [f.id, f.body, f.quote?.text ?? null])).toEqual([
      [1, 'note n000000002', 'بوتين'],
      [2, 'note n000000001', 'Putin'],
      [3, 'note n000000005', null],
    ]);
    expect(bilingual.rows[1]!.source[0]!.runs).toEqual([{ text: 'استقبل ' }, { text: 'بوتين', bold: true }, { footnote: 1 }, { text: ' حفتر' }]);
    expect(bilingual.rows[1]!.target[0]!.runs.slice(0, 2)).toEqual([{ text: 'Putin' }, { footnote: 2 }]);
    expect(bilingual.rows[5]!.source[0]!.runs).toEqual([{ text: 'لم يترجم' }, { footnote: 3 }]);

    // Without the original, a note on it is marked at the end of its row's translation.
    const target = getWordExport(doc, notes, 'target', at);
    expect(target.footnotes.map((f) => f.body)).toEqual(['note n000000001', 'note n000000002']);
    expect(target.rows[1]!.target[0]!.runs).toEqual([
      { text: 'Putin' },
      { footnote: 1 },
      { text: ' ' },
      { text: 'received', bold: true, italic: true },
      { break: true },
      { text: 'Haftar' },
      { footnote: 2 },
    ]);
  });
});

describe('getSourceParagraphs', () => {
  it('takes the kept formatting only while it is the row’s text', () => {
    const changed = { ...doc.rows[1]!, source: [{ kind: 'paragraph' as const, text: 'نص آخر' }] };
    expect(getSourceParagraphs(changed)).toEqual([{ type: 'paragraph', content: [{ type: 'text', text: 'نص آخر' }] }]);
    expect(getSourceParagraphs(row('r000000009', [{ kind: 'paragraph', text: 'سطر\nسطر' }]))).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'سطر' }, { type: 'hard_break' }, { type: 'text', text: 'سطر' }] },
    ]);
  });
});
