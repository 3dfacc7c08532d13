import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeWithNext, splitRow, type ChangeContext } from './alignment';
import {
  ROW_STATUSES,
  type BilingualDocument,
  type Row,
  type RowStatus,
  type SourceBlock,
  type TargetDoc,
  type TargetParagraph,
} from './schema';
import { getMergedStatus, getSplitStatus, getStatusError } from './status';
import { emptyTarget, getRowParagraphs, isTargetEmpty, targetFromText } from './target';
import { parseDocument } from './validate';
import { counterIds, documentOf, expectModelError } from './test-support';

const CREATED = '2025-01-01T00:00:00.000Z';
const NOW = '2025-05-10T12:30:00.000Z';

/** Deterministic row ids: `prefix` and a base-36 counter, 10 characters of a-z0-9 in all. */

function ctxWith(newId: () => string = counterIds('n')): ChangeContext {
  return { now: NOW, user: 'editor', newId };
}

function block(text: string, kind: SourceBlock['kind'] = 'paragraph'): SourceBlock {
  return { kind, text };
}

function makeRow(id: string, source: string[], target: string[], status?: RowStatus, rev = 1): Row {
  const t = targetFromText(target);
  return {
    id,
    rev,
    status: status ?? (isTargetEmpty(t) ? 'untranslated' : 'draft'),
    source: source.map((s) => block(s)),
    target: t,
    updatedAt: CREATED,
    updatedBy: null,
  };
}

function makeDoc(rows: Row[]): BilingualDocument {
  return documentOf(rows, { slug: 'test-doc', title: 'Test', at: CREATED });
}


function texts(target: TargetDoc): string[] {
  return getRowParagraphs(target).map((p) => (p.content ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join(''));
}

/** A document of three rows: A (3 source blocks, 2 paragraphs), B (1, 1) and C (2, none). */
function sample(statusA: RowStatus = 'translated'): BilingualDocument {
  return makeDoc([
    makeRow('aaaaaaaaaa', ['a1', 'a2', 'a3'], ['ta1', 'ta2'], statusA, 3),
    makeRow('bbbbbbbbbb', ['b1'], ['tb1'], 'approved', 5),
    makeRow('cccccccccc', ['c1', 'c2'], [], 'untranslated', 2),
  ]);
}

describe('splitRow', () => {
  it('keeps the id for the first part, gives the second a new id, and moves blocks and paragraphs in order', () => {
    const doc = sample();
    const before = structuredClone(doc);
    const { doc: out, rows } = splitRow(doc, 'aaaaaaaaaa', { sourceIndex: 1, targetIndex: 1 }, ctxWith(() => 'newrow0001'), 3);
    const [first, second] = rows;
    expect(first).toEqual({
      id: 'aaaaaaaaaa',
      rev: 4,
      textRev: 4,
      status: 'draft',
      source: [block('a1')],
      target: targetFromText(['ta1']),
      updatedAt: NOW,
      updatedBy: 'editor',
    });
    expect(second).toEqual({
      id: 'newrow0001',
      rev: 1,
      textRev: 1,
      status: 'draft',
      source: [block('a2'), block('a3')],
      target: targetFromText(['ta2']),
      updatedAt: NOW,
      updatedBy: 'editor',
    });
    expect(out.rows.map((r) => r.id)).toEqual(['aaaaaaaaaa', 'newrow0001', 'bbbbbbbbbb', 'cccccccccc']);
    expect(out.rows[0]).toBe(first);
    expect(out.rows[1]).toBe(second);
    // Other rows are carried over as they were.
    expect(out.rows[2]).toBe(doc.rows[1]);
    expect(out.rows[3]).toBe(doc.rows[2]);
    expect(out.updatedAt).toBe(NOW);
    expect(out.createdAt).toBe(CREATED);
    // The input is not changed.
    expect(doc).toEqual(before);
    expect(() => parseDocument(out, 'split result')).not.toThrow();
  });

  it('leaves a part with no paragraphs untranslated, with one empty placeholder paragraph', () => {
    const doc = sample();
    const atStart = splitRow(doc, 'aaaaaaaaaa', { sourceIndex: 2, targetIndex: 0 }, ctxWith());
    expect(atStart.rows[0].target).toEqual(emptyTarget());
    expect(atStart.rows[0].status).toBe('untranslated');
    expect(texts(atStart.rows[1].target)).toEqual(['ta1', 'ta2']);
    expect(atStart.rows[1].status).toBe('draft');

    const atEnd = splitRow(doc, 'aaaaaaaaaa', { sourceIndex: 2, targetIndex: 2 }, ctxWith());
    expect(texts(atEnd.rows[0].target)).toEqual(['ta1', 'ta2']);
    expect(atEnd.rows[1].target).toEqual(emptyTarget());
    expect(atEnd.rows[1].status).toBe('untranslated');
  });

  it('splits a row without a translation into two untranslated rows', () => {
    const { rows } = splitRow(sample(), 'cccccccccc', { sourceIndex: 1, targetIndex: 0 }, ctxWith());
    expect(rows.map((r) => r.status)).toEqual(['untranslated', 'untranslated']);
    expect(rows.map((r) => r.target)).toEqual([emptyTarget(), emptyTarget()]);
    expect(rows.map((r) => r.source.map((b) => b.text))).toEqual([['c1'], ['c2']]);
  });

  it.each<[RowStatus, RowStatus]>([
    ['untranslated', 'draft'],
    ['draft', 'draft'],
    ['needs-changes', 'needs-changes'],
    ['translated', 'draft'],
    ['approved', 'draft'],
  ])('gives the parts of a %s row with text the status %s', (status, expected) => {
    const { rows } = splitRow(sample(status), 'aaaaaaaaaa', { sourceIndex: 1, targetIndex: 1 }, ctxWith());
    expect(rows.map((r) => r.status)).toEqual([expected, expected]);
    for (const r of rows) expect(r.status).toBe(getSplitStatus(status, r.target));
  });

  it.each([
    { sourceIndex: 0, targetIndex: 0 },
    { sourceIndex: 3, targetIndex: 0 },
    { sourceIndex: -1, targetIndex: 0 },
    { sourceIndex: 1.5, targetIndex: 0 },
    { sourceIndex: Number.NaN, targetIndex: 0 },
    { sourceIndex: 1, targetIndex: -1 },
    { sourceIndex: 1, targetIndex: 3 },
    { sourceIndex: 1, targetIndex: 0.5 },
    { sourceIndex: 1, targetIndex: Number.POSITIVE_INFINITY },
  ])('rejects sourceIndex $sourceIndex, targetIndex $targetIndex as invalid', (at) => {
    expectModelError(() => splitRow(sample(), 'aaaaaaaaaa', at, ctxWith()), 'invalid');
  });

  it('rejects splitting a row of one source block, saying why', () => {
    const error = expectModelError(() => splitRow(sample(), 'bbbbbbbbbb', { sourceIndex: 1, targetIndex: 0 }, ctxWith()), 'invalid');
    expect(error.message).toMatch(/only one source block/);
  });

  it('rejects a target index into an empty translation other than 0', () => {
    expectModelError(() => splitRow(sample(), 'cccccccccc', { sourceIndex: 1, targetIndex: 1 }, ctxWith()), 'invalid');
  });

  it('throws not-found for an unknown row', () => {
    expectModelError(() => splitRow(sample(), 'zzzzzzzzzz', { sourceIndex: 1, targetIndex: 0 }, ctxWith()), 'not-found');
  });

  it('throws a conflict carrying the current row when baseRev is stale', () => {
    const doc = sample();
    const error = expectModelError(() => splitRow(doc, 'aaaaaaaaaa', { sourceIndex: 1, targetIndex: 0 }, ctxWith(), 2), 'conflict');
    expect(error.details).toEqual(doc.rows[0]);
    expect(error.message).toMatch(/revision 3/);
  });

  it('never gives the new part an id already in the document', () => {
    const doc = sample();
    const offered = ['aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc', 'freshid001'];
    let calls = 0;
    const { rows } = splitRow(doc, 'aaaaaaaaaa', { sourceIndex: 1, targetIndex: 0 }, ctxWith(() => offered[calls++]!));
    expect(rows[1].id).toBe('freshid001');
    expect(calls).toBe(4);
  });
});

describe('mergeWithNext', () => {
  it('keeps the first id, retires the second, and concatenates in order', () => {
    const doc = sample();
    const before = structuredClone(doc);
    const { doc: out, row, removedId } = mergeWithNext(doc, 'aaaaaaaaaa', ctxWith(), 3, 5);
    expect(removedId).toBe('bbbbbbbbbb');
    expect(row).toEqual({
      id: 'aaaaaaaaaa',
      rev: 4,
      textRev: 4,
      status: 'translated',
      source: [block('a1'), block('a2'), block('a3'), block('b1')],
      target: targetFromText(['ta1', 'ta2', 'tb1']),
      updatedAt: NOW,
      updatedBy: 'editor',
    });
    expect(out.rows.map((r) => r.id)).toEqual(['aaaaaaaaaa', 'cccccccccc']);
    expect(out.rows[1]).toBe(doc.rows[2]);
    expect(out.updatedAt).toBe(NOW);
    expect(doc).toEqual(before);
    expect(() => parseDocument(out, 'merge result')).not.toThrow();
  });

  it('does not ask for a new id', () => {
    let calls = 0;
    mergeWithNext(sample(), 'aaaaaaaaaa', ctxWith(() => `unused${calls++}xxx`));
    expect(calls).toBe(0);
  });

  it('merges two empty translations into one empty placeholder, untranslated', () => {
    const doc = makeDoc([makeRow('aaaaaaaaaa', ['a'], []), makeRow('bbbbbbbbbb', ['b'], [])]);
    const { row } = mergeWithNext(doc, 'aaaaaaaaaa', ctxWith());
    expect(row.target).toEqual(emptyTarget());
    expect(row.status).toBe('untranslated');
  });

  it('drops the placeholder paragraph of an empty row when merging with a translated one', () => {
    const doc = makeDoc([makeRow('aaaaaaaaaa', ['a'], []), makeRow('bbbbbbbbbb', ['b'], ['tb'], 'translated')]);
    const { row } = mergeWithNext(doc, 'aaaaaaaaaa', ctxWith());
    expect(row.target).toEqual(targetFromText(['tb']));
    expect(row.status).toBe('draft');
  });

  it.each<[RowStatus, RowStatus, RowStatus]>([
    ['approved', 'approved', 'approved'],
    ['approved', 'translated', 'translated'],
    ['translated', 'needs-changes', 'needs-changes'],
    ['draft', 'approved', 'draft'],
    ['untranslated', 'approved', 'draft'],
    ['needs-changes', 'draft', 'draft'],
  ])('merges %s and %s into %s', (a, b, expected) => {
    const doc = makeDoc([makeRow('aaaaaaaaaa', ['a'], ['ta'], a), makeRow('bbbbbbbbbb', ['b'], ['tb'], b)]);
    const { row } = mergeWithNext(doc, 'aaaaaaaaaa', ctxWith());
    expect(row.status).toBe(expected);
    expect(row.status).toBe(getMergedStatus(a, b, row.target));
  });

  it('rejects merging the last row as invalid', () => {
    const doc = sample();
    expectModelError(() => mergeWithNext(doc, 'cccccccccc', ctxWith()), 'invalid');
    expectModelError(() => mergeWithNext(makeDoc([doc.rows[0]!]), 'aaaaaaaaaa', ctxWith()), 'invalid');
  });

  it('throws not-found for an unknown row', () => {
    expectModelError(() => mergeWithNext(sample(), 'zzzzzzzzzz', ctxWith()), 'not-found');
  });

  it('throws a conflict carrying the stale row, for either row', () => {
    const doc = sample();
    expect(expectModelError(() => mergeWithNext(doc, 'aaaaaaaaaa', ctxWith(), 1), 'conflict').details).toEqual(doc.rows[0]);
    expect(expectModelError(() => mergeWithNext(doc, 'aaaaaaaaaa', ctxWith(), 3, 4), 'conflict').details).toEqual(doc.rows[1]);
  });
});

describe('split and merge undo each other', () => {
  it('split then merge restores the row at every split point', () => {
    const doc = sample();
    const original = doc.rows[0]!;
    for (let sourceIndex = 1; sourceIndex < original.source.length; sourceIndex++) {
      for (let targetIndex = 0; targetIndex <= 2; targetIndex++) {
        const split = splitRow(doc, original.id, { sourceIndex, targetIndex }, ctxWith());
        const merged = mergeWithNext(split.doc, original.id, ctxWith(), original.rev + 1, 1);
        expect(merged.removedId).toBe(split.rows[1].id);
        expect(merged.row.id).toBe(original.id);
        expect(merged.row.source).toEqual(original.source);
        expect(merged.row.target).toEqual(original.target);
        expect(merged.row.rev).toBe(original.rev + 2);
        expect(merged.doc.rows.map((r) => r.id)).toEqual(doc.rows.map((r) => r.id));
      }
    }
  });

  it('merge then split restores both rows', () => {
    const pairs: [Row, Row][] = [
      [makeRow('aaaaaaaaaa', ['a1', 'a2'], ['ta1', 'ta2']), makeRow('bbbbbbbbbb', ['b1'], ['tb1'])],
      [makeRow('aaaaaaaaaa', ['a1'], []), makeRow('bbbbbbbbbb', ['b1', 'b2'], ['tb1'])],
      [makeRow('aaaaaaaaaa', ['a1'], ['ta1']), makeRow('bbbbbbbbbb', ['b1'], [])],
      [makeRow('aaaaaaaaaa', ['a1'], []), makeRow('bbbbbbbbbb', ['b1'], [])],
    ];
    for (const [a, b] of pairs) {
      const doc = makeDoc([a, b]);
      const merged = mergeWithNext(doc, a.id, ctxWith());
      const { rows } = splitRow(
        merged.doc,
        a.id,
        { sourceIndex: a.source.length, targetIndex: getRowParagraphs(a.target).length },
        ctxWith(),
      );
      expect(rows[0].id).toBe(a.id);
      expect(rows[0].source).toEqual(a.source);
      expect(rows[0].target).toEqual(a.target);
      expect(rows[1].source).toEqual(b.source);
      expect(rows[1].target).toEqual(b.target);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property tests: any sequence of splits and merges keeps all text, in order, exactly once.

interface RowShape {
  sources: number;
  targets: number;
  status: RowStatus;
  /** 0: plain text, 1: bold text, 2: text with a hard break. */
  style: number;
}

const rowShapeArb: fc.Arbitrary<RowShape> = fc.record({
  sources: fc.integer({ min: 1, max: 3 }),
  targets: fc.integer({ min: 0, max: 3 }),
  status: fc.constantFrom(...ROW_STATUSES),
  style: fc.integer({ min: 0, max: 2 }),
});

type Op = { type: 'split'; row: number; source: number; target: number } | { type: 'merge'; row: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant('split' as const), row: fc.nat(), source: fc.nat(), target: fc.nat() }),
  fc.record({ type: fc.constant('merge' as const), row: fc.nat() }),
);

function paragraph(text: string, style: number): TargetParagraph {
  if (style === 1) return { type: 'paragraph', content: [{ type: 'text', text, marks: [{ type: 'bold' }] }] };
  if (style === 2) return { type: 'paragraph', content: [{ type: 'text', text }, { type: 'hard_break' }, { type: 'text', text: `${text}-2` }] };
  return { type: 'paragraph', content: [{ type: 'text', text }] };
}

/** A document from row shapes: every source block and paragraph has a text of its own. */
function buildDoc(shapes: RowShape[], newId: () => string): BilingualDocument {
  let s = 0;
  let t = 0;
  return makeDoc(
    shapes.map((shape, i): Row => {
      const paragraphs = Array.from({ length: shape.targets }, () => paragraph(`target ${t++}`, shape.style));
      return {
        id: newId(),
        rev: 1 + (i % 3),
        status: paragraphs.length ? shape.status : 'untranslated',
        source: Array.from({ length: shape.sources }, (_, j) => block(`source ${s++}`, i === 0 && j === 0 ? 'title' : 'paragraph')),
        target: paragraphs.length ? { type: 'doc', content: paragraphs } : emptyTarget(),
        updatedAt: CREATED,
        updatedBy: null,
      };
    }),
  );
}

function allSource(doc: BilingualDocument): SourceBlock[] {
  return doc.rows.flatMap((r) => r.source);
}

function allParagraphs(doc: BilingualDocument): TargetParagraph[] {
  return doc.rows.flatMap((r) => getRowParagraphs(r.target));
}

/** Applies `op` when it can be applied (picking a valid row and cut); returns null when it cannot. */
function applyOp(doc: BilingualDocument, op: Op, ctx: ChangeContext): BilingualDocument | null {
  if (op.type === 'split') {
    const candidates = doc.rows.filter((r) => r.source.length >= 2);
    if (!candidates.length) return null;
    const row = candidates[op.row % candidates.length]!;
    const sourceIndex = 1 + (op.source % (row.source.length - 1));
    const targetIndex = op.target % (getRowParagraphs(row.target).length + 1);
    const out = splitRow(doc, row.id, { sourceIndex, targetIndex }, ctx, row.rev);
    expect(out.rows[0].id).toBe(row.id);
    expect(out.rows[0].rev).toBe(row.rev + 1);
    expect(doc.rows.some((r) => r.id === out.rows[1].id)).toBe(false);
    return out.doc;
  }
  if (doc.rows.length < 2) return null;
  const index = op.row % (doc.rows.length - 1);
  const row = doc.rows[index]!;
  const next = doc.rows[index + 1]!;
  const out = mergeWithNext(doc, row.id, ctx, row.rev, next.rev);
  expect(out.row.id).toBe(row.id);
  expect(out.removedId).toBe(next.id);
  expect(out.doc.rows).toHaveLength(doc.rows.length - 1);
  return out.doc;
}

function checkInvariants(doc: BilingualDocument, source: SourceBlock[], paragraphs: TargetParagraph[]): void {
  expect(allSource(doc)).toEqual(source);
  expect(allParagraphs(doc)).toEqual(paragraphs);
  const ids = doc.rows.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(() => parseDocument(doc, 'property test')).not.toThrow();
  for (const row of doc.rows) {
    expect(getStatusError(row.status, row.target)).toBeNull();
    if (isTargetEmpty(row.target)) expect(row.target).toEqual(emptyTarget());
  }
}

describe('split and merge properties', () => {
  it('any sequence of splits and merges loses, duplicates and reorders nothing', () => {
    fc.assert(
      fc.property(
        fc.array(rowShapeArb, { minLength: 1, maxLength: 8 }),
        fc.array(opArb, { minLength: 1, maxLength: 40 }),
        (shapes, ops) => {
          // The ids of the document and of new parts come from equal counters, so new ids collide at first.
          const doc0 = buildDoc(shapes, counterIds());
          const ctx = ctxWith(counterIds());
          const source = allSource(doc0);
          const paragraphs = allParagraphs(doc0);
          checkInvariants(doc0, source, paragraphs);
          let doc = doc0;
          for (const op of ops) {
            doc = applyOp(doc, op, ctx) ?? doc;
            checkInvariants(doc, source, paragraphs);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a split followed by a merge of the same row restores it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(rowShapeArb, { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (shapes, rowPick, sourcePick, targetPick) => {
          const doc = buildDoc(shapes, counterIds());
          const candidates = doc.rows.filter((r) => r.source.length >= 2);
          fc.pre(candidates.length > 0);
          const row = candidates[rowPick % candidates.length]!;
          const sourceIndex = 1 + (sourcePick % (row.source.length - 1));
          const targetIndex = targetPick % (getRowParagraphs(row.target).length + 1);
          const split = splitRow(doc, row.id, { sourceIndex, targetIndex }, ctxWith(counterIds()));
          const merged = mergeWithNext(split.doc, row.id, ctxWith(counterIds()));
          expect(merged.row.source).toEqual(row.source);
          expect(merged.row.target).toEqual(row.target);
          expect(merged.doc.rows.map((r) => r.id)).toEqual(doc.rows.map((r) => r.id));
        },
      ),
    );
  });
});
