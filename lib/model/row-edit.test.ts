import { describe, expect, it } from 'vitest';
import { applyRowPatch, MAX_TARGET_JSON_CHARS, patchRow, rowPatchSchema, type RowPatch } from './row-edit';
import { isBaseCurrent, settleTextRev } from './row-revs';
import { type BilingualDocument, type Row, type RowStatus } from './schema';
import { getStatusAfterEdit } from './status';
import { emptyTarget, targetFromText } from './target';
import { parseDocument } from './validate';
import { documentOf, expectModelError } from './test-support';

const CREATED = '2025-01-01T00:00:00.000Z';
const NOW = '2025-05-10T12:30:00.000Z';
const ctx = { now: NOW, user: 'editor' };

function makeRow(id: string, target: string[], status: RowStatus, rev = 1): Row {
  return {
    id,
    rev,
    status,
    source: [{ kind: 'paragraph', text: `source of ${id}` }],
    target: targetFromText(target),
    updatedAt: CREATED,
    updatedBy: null,
  };
}

function makeDoc(...rows: Row[]): BilingualDocument {
  return documentOf(rows, { slug: 'test-doc', title: 'Test', at: CREATED });
}

function sample(status: RowStatus = 'untranslated', target: string[] = []): BilingualDocument {
  return makeDoc(makeRow('aaaaaaaaaa', ['first'], 'draft', 2), makeRow('bbbbbbbbbb', target, status, 4));
}


describe('applyRowPatch', () => {
  it('applies a new translation: bumps rev, sets the status, stamps who and when', () => {
    const doc = sample();
    const before = structuredClone(doc);
    const target = targetFromText(['Hello']);
    const out = applyRowPatch(doc, 'bbbbbbbbbb', { target, baseRev: 4 }, ctx);
    expect(out.changed).toBe(true);
    // The row was empty: its first draft is recorded as typed (see draft-origin.test.ts).
    const origin = { kind: 'typed', rev: 5, at: NOW, by: 'editor' };
    expect(out.row).toEqual({ ...doc.rows[1], target, status: 'draft', rev: 5, textRev: 5, updatedAt: NOW, updatedBy: 'editor', origin });
    expect(out.doc.rows[1]).toBe(out.row);
    expect(out.doc.rows[0]).toBe(doc.rows[0]);
    expect(out.doc.updatedAt).toBe(NOW);
    expect(doc).toEqual(before);
    expect(() => parseDocument(out.doc, 'patched')).not.toThrow();
  });

  it.each<[RowStatus, string[], RowStatus]>([
    ['untranslated', ['text'], 'draft'],
    ['draft', ['text'], 'draft'],
    ['needs-changes', ['text'], 'needs-changes'],
    ['translated', ['text'], 'draft'],
    ['approved', ['text'], 'draft'],
    ['draft', [], 'untranslated'],
    ['needs-changes', [], 'untranslated'],
    ['approved', [], 'untranslated'],
  ])('after editing a %s row to %j, the status is %s', (previous, paragraphs, expected) => {
    const doc = sample(previous, ['old text']);
    const target = paragraphs.length ? targetFromText(paragraphs) : emptyTarget();
    const out = applyRowPatch(doc, 'bbbbbbbbbb', { target, baseRev: 4 }, ctx);
    expect(out.row.status).toBe(expected);
    expect(out.row.status).toBe(getStatusAfterEdit(previous, target));
    expect(out.row.rev).toBe(5);
  });

  it('takes an explicit status over the inferred one', () => {
    const out = applyRowPatch(sample(), 'bbbbbbbbbb', { target: targetFromText(['Done']), status: 'translated', baseRev: 4 }, ctx);
    expect(out.row.status).toBe('translated');
    expect(out.row.rev).toBe(5);
  });

  it('changes the status alone, keeping the translation', () => {
    const doc = sample('draft', ['text']);
    const out = applyRowPatch(doc, 'bbbbbbbbbb', { status: 'approved', baseRev: 4 }, ctx);
    expect(out.changed).toBe(true);
    expect(out.row.status).toBe('approved');
    expect(out.row.target).toEqual(doc.rows[1]!.target);
    expect(out.row.rev).toBe(5);
  });

  it('allows marking a row untranslated that has text', () => {
    const out = applyRowPatch(sample('draft', ['text']), 'bbbbbbbbbb', { status: 'untranslated', baseRev: 4 }, ctx);
    expect(out.row.status).toBe('untranslated');
  });

  it.each<RowStatus>(['draft', 'translated', 'needs-changes', 'approved'])('rejects status %s for a row with no translation', (status) => {
    const doc = sample();
    expectModelError(() => applyRowPatch(doc, 'bbbbbbbbbb', { status, baseRev: 4 }, ctx), 'invalid');
    const filled = sample('draft', ['text']);
    expectModelError(() => applyRowPatch(filled, 'bbbbbbbbbb', { status, target: emptyTarget(), baseRev: 4 }, ctx), 'invalid');
  });

  it('throws a conflict carrying the current row when baseRev is stale', () => {
    const doc = sample('draft', ['text']);
    for (const baseRev of [3, 5]) {
      const error = expectModelError(
        () => applyRowPatch(doc, 'bbbbbbbbbb', { target: targetFromText(['other']), baseRev }, ctx),
        'conflict',
      );
      expect(error.details).toBe(doc.rows[1]);
      expect(error.message).toMatch(/revision 4/);
    }
  });

  it('throws not-found for an unknown row', () => {
    expectModelError(() => applyRowPatch(sample(), 'zzzzzzzzzz', { baseRev: 1 }, ctx), 'not-found');
  });

  it('reports an unchanged patch as unchanged, keeping the same doc and rev', () => {
    const doc = sample('translated', ['same']);
    const patches: RowPatch[] = [
      { baseRev: 4 },
      { target: targetFromText(['same']), baseRev: 4 },
      { status: 'translated', baseRev: 4 },
      { target: structuredClone(doc.rows[1]!.target), status: 'translated', baseRev: 4 },
    ];
    for (const patch of patches) {
      const out = applyRowPatch(doc, 'bbbbbbbbbb', patch, ctx);
      expect(out.changed).toBe(false);
      expect(out.doc).toBe(doc);
      expect(out.row).toBe(doc.rows[1]);
      expect(out.row.rev).toBe(4);
    }
  });

  it('rejects a translation larger than the limit as too-large', () => {
    const huge = targetFromText(['x'.repeat(MAX_TARGET_JSON_CHARS)]);
    expectModelError(() => applyRowPatch(sample(), 'bbbbbbbbbb', { target: huge, baseRev: 4 }, ctx), 'too-large');
  });
});

describe('ignored QA findings in a patch', () => {
  it('stores the list sorted, keeps text and status, and takes it away when emptied', () => {
    const row = makeRow('aaaaaaaaaa', ['Hello'], 'translated', 3);
    const ignored = patchRow(row, { qaIgnored: ['number-missing|text=7', 'end-punctuation'], baseRev: 3 }, ctx);
    expect(ignored.changed).toBe(true);
    expect(ignored.row).toMatchObject({ qaIgnored: ['end-punctuation', 'number-missing|text=7'], status: 'translated', rev: 4, textRev: 3 });
    expect(patchRow(ignored.row, { qaIgnored: ['number-missing|text=7', 'end-punctuation'], baseRev: 4 }, ctx).changed).toBe(false);
    const cleared = patchRow(ignored.row, { qaIgnored: [], baseRev: 4 }, ctx);
    expect(cleared.row.qaIgnored).toBeUndefined();
    expect('qaIgnored' in cleared.row).toBe(false);
    // A later edit keeps the list.
    expect(patchRow(ignored.row, { target: targetFromText(['Hi']), baseRev: 4 }, ctx).row.qaIgnored).toEqual(ignored.row.qaIgnored);
  });
});

describe('rowPatchSchema', () => {
  const target = targetFromText(['Hello']);

  it('accepts a full patch', () => {
    const patch = {
      target,
      status: 'draft',
      baseRev: 3,
      anchors: [{ noteId: 'abcdefghij', start: 0, end: 5 }],
    };
    expect(rowPatchSchema.parse(patch)).toEqual(patch);
    expect(rowPatchSchema.parse({ baseRev: 1 })).toEqual({ baseRev: 1 });
  });

  it.each([
    ['an unknown field', { baseRev: 1, rev: 2 }],
    ['an unknown field next to good ones', { target, baseRev: 1, comment: 'hi' }],
    ['an unknown field inside the target', { baseRev: 1, target: { ...target, attrs: {} } }],
    ['an unknown field inside a paragraph', { baseRev: 1, target: { type: 'doc', content: [{ type: 'paragraph', style: 'x' }] } }],
    ['no baseRev', { target }],
    ['baseRev 0', { baseRev: 0 }],
    ['a fractional baseRev', { baseRev: 1.5 }],
    ['a string baseRev', { baseRev: '1' }],
    ['an unknown status', { baseRev: 1, status: 'done' }],
    ['an empty text node', { baseRev: 1, target: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }] } }],
    ['an unknown mark', { baseRev: 1, target: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a', marks: [{ type: 'link' }] }] }] } }],
  ])('rejects %s', (_name, input) => {
    expect(rowPatchSchema.safeParse(input).success).toBe(false);
  });
});

describe('status and text are separate changes', () => {
  const row = (over: Partial<Row> = {}): Row => ({ ...makeRow('bbbbbbbbbb', ['old text'], 'draft', 4), ...over });

  it('accepts a text save made before a status-only change, and keeps the later text revision', () => {
    // Revision 4 had the text; revisions 5 and 6 changed the status only.
    const current = row({ rev: 6, textRev: 4, status: 'approved' });
    const out = patchRow(current, { target: targetFromText(['new text']), baseRev: 4 }, ctx);
    expect(out.changed).toBe(true);
    expect(out.row).toMatchObject({ rev: 7, textRev: 7, status: 'draft' });
  });

  it('refuses a save made before a text change, with the current row', () => {
    const current = row({ rev: 6, textRev: 5 });
    expectModelError(() => patchRow(current, { target: targetFromText(['mine']), baseRev: 4 }, ctx), 'conflict');
    try {
      patchRow(current, { status: 'approved', baseRev: 4 }, ctx);
    } catch (e) {
      expect((e as { details: unknown }).details).toBe(current);
    }
  });

  it('treats a row without textRev as changed at its revision, and a future base as a conflict', () => {
    expect(isBaseCurrent(row({ rev: 6 }), 5)).toBe(false);
    expect(isBaseCurrent(row({ rev: 6 }), 6)).toBe(true);
    expect(isBaseCurrent(row({ rev: 6, textRev: 3 }), 7)).toBe(false);
    expect(isBaseCurrent(row({ rev: 6, textRev: 3 }), 2)).toBe(false);
    expect(isBaseCurrent(row({ rev: 6, textRev: 3 }), 3)).toBe(true);
  });

  it('a status-only change keeps the text revision', () => {
    const out = patchRow(row({ rev: 4 }), { status: 'translated', baseRev: 4 }, ctx);
    expect(out.row).toMatchObject({ rev: 5, textRev: 4, status: 'translated' });
  });

  it('settleTextRev sets the text revision of rows whose text changed, whoever changed them', () => {
    const before = row({ rev: 4, textRev: 2 });
    expect(settleTextRev(before, { ...before, rev: 5, status: 'translated' }).textRev).toBe(2);
    expect(settleTextRev(before, { ...before, rev: 5, target: targetFromText(['x']) }).textRev).toBe(5);
    expect(settleTextRev(undefined, { ...before, textRev: undefined }).textRev).toBeUndefined();
    expect(settleTextRev(undefined, { ...before, textRev: 9 }).textRev).toBe(4);
  });
});
