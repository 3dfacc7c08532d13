import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toLatinDigits } from '../digits';
import { AR1, AR2, EN1, makeDoc, note, publish, row, SEED_LIKE } from '../publish.test-support';
import type { Row, SourceBlock, TargetParagraph } from '../schema';
import { emptyTarget, getParagraphText, targetFromText } from '../target';
import { getFootnoteMarks, getLayoutParam, getSnapshotDescription, getTargetKinds, parseReaderLayout, READER_LAYOUTS, splitInlineAt, splitTextAt } from '.';

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
