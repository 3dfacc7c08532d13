import fc from 'fast-check';
import { Node, type Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { getSideText } from '@/lib/model/note-sides';
import { targetDocSchema, type Row, type TargetDoc } from '@/lib/model/schema';
import { targetSchema } from './schema';
import { posToTextOffset, textOffsetToPos } from './text-offsets';

type Inline = { type: 'text'; text: string; marks?: { type: 'bold' | 'italic' }[] } | { type: 'hard_break' };

function paragraph(...content: (string | Inline)[]): { type: 'paragraph'; content?: Inline[] } {
  const inline = content.map((c): Inline => (c === 'BR' ? { type: 'hard_break' } : typeof c === 'string' ? { type: 'text', text: c } : c));
  return inline.length ? { type: 'paragraph', content: inline } : { type: 'paragraph' };
}

function docOf(json: TargetDoc): PMNode {
  return Node.fromJSON(targetSchema, json);
}

/** The server's text of a translation (lib/model/notes.ts), for a ProseMirror doc. */
function serverText(doc: PMNode): string {
  const row: Row = {
    id: 'aaaaaaaaaa',
    rev: 1,
    status: 'draft',
    source: [{ kind: 'paragraph', text: 'استقبل الرئيس الروسي فلاديمير بوتين' }],
    target: targetDocSchema.parse(doc.toJSON()),
    updatedAt: '2025-05-10T12:30:00.000Z',
    updatedBy: null,
  };
  return getSideText(row, 'target');
}

/** The text before `pos`, counted the way the offsets count: paragraphs and hard breaks as "\n". */
function textBefore(doc: PMNode, pos: number): string {
  return doc.textBetween(0, pos, '\n', '\n');
}

const SAMPLE: TargetDoc = {
  type: 'doc',
  content: [
    // Bold on one run, so the text is split over nodes with different marks.
    paragraph('Russian President ', { type: 'text', text: 'Vladimir Putin', marks: [{ type: 'bold' }] }),
    paragraph('received ', 'BR', 'Khalifa Haftar', 'BR'),
    paragraph(),
    paragraph('«ريا نوفوستي»'),
  ],
};

describe('textOffsetToPos / posToTextOffset', () => {
  const doc = docOf(SAMPLE);
  const text = serverText(doc);

  it('count in the same text as getSideText: paragraphs and hard breaks as "\\n"', () => {
    expect(text).toBe('Russian President Vladimir Putin\nreceived \nKhalifa Haftar\n\n\n«ريا نوفوستي»');
  });

  it('map the start of each paragraph and the offsets inside one', () => {
    // <doc><p>Russian President Vladimir Putin</p><p>received <br>Khalifa Haftar<br></p><p></p><p>«ريا نوفوستي»</p></doc>
    const first = 'Russian President Vladimir Putin'.length; // 32
    expect(textOffsetToPos(doc, 0)).toBe(1);
    expect(textOffsetToPos(doc, 8)).toBe(9);
    expect(textOffsetToPos(doc, first)).toBe(first + 1); // end of the first paragraph
    expect(textOffsetToPos(doc, first + 1)).toBe(first + 3); // start of the second, past </p><p>
    const second = first + 3;
    expect(textOffsetToPos(doc, first + 1 + 9)).toBe(second + 9); // just before the hard break
    expect(textOffsetToPos(doc, first + 1 + 10)).toBe(second + 10); // just after it: "K"
    expect(doc.textBetween(second + 10, second + 24)).toBe('Khalifa Haftar');
    const empty = text.indexOf('\n\n\n') + 2; // the empty paragraph
    expect(doc.resolve(textOffsetToPos(doc, empty)).parent.content.size).toBe(0);
    expect(doc.textBetween(textOffsetToPos(doc, text.indexOf('ريا')), textOffsetToPos(doc, text.indexOf('»')))).toBe('ريا نوفوستي');
  });

  it('clamp offsets outside the text', () => {
    expect(textOffsetToPos(doc, -5)).toBe(1);
    expect(textOffsetToPos(doc, text.length)).toBe(doc.content.size - 1);
    expect(textOffsetToPos(doc, text.length + 100)).toBe(doc.content.size - 1);
    expect(posToTextOffset(doc, 0)).toBe(0);
    expect(posToTextOffset(doc, doc.content.size)).toBe(text.length);
    expect(posToTextOffset(doc, doc.content.size + 10)).toBe(text.length);
  });

  it('map a position between two paragraphs to the start of the next one', () => {
    // 33 is the end of the first paragraph's content, 34 between </p> and <p>, 35 the start of the second.
    expect(posToTextOffset(doc, 33)).toBe(32);
    expect(posToTextOffset(doc, 34)).toBe(33);
    expect(posToTextOffset(doc, 35)).toBe(33);
  });

  it('work on a doc of one empty paragraph', () => {
    const empty = docOf({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(serverText(empty)).toBe('');
    expect(textOffsetToPos(empty, 0)).toBe(1);
    expect(textOffsetToPos(empty, 3)).toBe(1);
    expect(posToTextOffset(empty, 0)).toBe(0);
    expect(posToTextOffset(empty, 1)).toBe(0);
    expect(posToTextOffset(empty, 2)).toBe(0);
  });

  const inline = fc.oneof(
    { weight: 4, arbitrary: fc.record({ text: fc.array(fc.constantFrom(...'aZx بوتينحفترـ\u064F،«»09'), { minLength: 1, maxLength: 8 }).map((cs) => cs.join('')), bold: fc.boolean() }) },
    { weight: 1, arbitrary: fc.constant('BR' as const) },
  );
  const docs = fc
    .array(fc.array(inline, { maxLength: 5 }), { minLength: 1, maxLength: 5 })
    .map((paragraphs): TargetDoc => ({
      type: 'doc',
      content: paragraphs.map((items) =>
        items.length
          ? {
              type: 'paragraph',
              content: items.map((i): Inline => (i === 'BR' ? { type: 'hard_break' } : { type: 'text', text: i.text, ...(i.bold && { marks: [{ type: 'bold' }] }) })),
            }
          : { type: 'paragraph' },
      ),
    }));

  it('round-trip every offset, agreeing with getSideText (property)', () => {
    fc.assert(
      fc.property(docs, (json) => {
        const doc = docOf(json);
        const text = serverText(doc);
        for (let offset = 0; offset <= text.length; offset++) {
          const pos = textOffsetToPos(doc, offset);
          // A place where text can go, inside a paragraph.
          expect(doc.resolve(pos).parent.type.name).toBe('paragraph');
          expect(posToTextOffset(doc, pos)).toBe(offset);
          expect(textBefore(doc, pos)).toBe(text.slice(0, offset));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('map every position to an offset in order, and back to the same position inside paragraphs (property)', () => {
    fc.assert(
      fc.property(docs, (json) => {
        const doc = docOf(json);
        const text = serverText(doc);
        let previous = 0;
        for (let pos = 0; pos <= doc.content.size; pos++) {
          const offset = posToTextOffset(doc, pos);
          expect(offset).toBeGreaterThanOrEqual(previous);
          expect(offset).toBeLessThanOrEqual(text.length);
          previous = offset;
          const $pos = doc.resolve(pos);
          if ($pos.parent.type.name === 'paragraph') {
            expect(textOffsetToPos(doc, offset)).toBe(pos);
            expect(textBefore(doc, pos)).toBe(text.slice(0, offset));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('give the quoted text of a range between two offsets (property)', () => {
    fc.assert(
      fc.property(docs, fc.nat(), fc.nat(), (json, x, y) => {
        const doc = docOf(json);
        const text = serverText(doc);
        const a = x % (text.length + 1);
        const b = y % (text.length + 1);
        const [start, end] = a <= b ? [a, b] : [b, a];
        expect(doc.textBetween(textOffsetToPos(doc, start), textOffsetToPos(doc, end), '\n', '\n')).toBe(text.slice(start, end));
      }),
      { numRuns: 300 },
    );
  });
});
