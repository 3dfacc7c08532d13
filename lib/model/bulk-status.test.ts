import { describe, expect, it } from 'vitest';
import { bulkStatusRequestSchema, setRowsStatus } from './bulk-status';
import { emptyTarget, targetFromText } from './target';
import { expectModelError } from './test-support';
import type { BilingualDocument, Row } from './schema';

const NOW = '2025-05-10T12:30:00.000Z';

function row(id: string, text: string, status: Row['status']): Row {
  return {
    id,
    rev: 3,
    status,
    source: [{ kind: 'paragraph', text: 'نص' }],
    target: text ? targetFromText([text]) : emptyTarget(),
    updatedAt: NOW,
    updatedBy: 'omar',
  } as Row;
}

function doc(rows: Row[]): BilingualDocument {
  return { rows, slug: 'test-doc', updatedAt: NOW } as unknown as BilingualDocument;
}

describe('setRowsStatus', () => {
  const a = row('r000000001', 'One.', 'translated');
  const b = row('r000000002', 'Two.', 'approved');
  const c = row('r000000003', '', 'untranslated');

  it('sets the status of every row named, once each, and answers the rows it changed', () => {
    const { doc: next, changed } = setRowsStatus(doc([a, b, c]), [a.id, b.id], 'approved', { now: '2025-05-11T00:00:00.000Z', user: 'layla' });
    expect(changed.map((r) => r.id)).toEqual([a.id]);
    expect(next.rows.map((r) => r.status)).toEqual(['approved', 'approved', 'untranslated']);
    expect(next.rows[0]).toMatchObject({ rev: 4, updatedBy: 'layla', textRev: 3 });
    expect(next.rows[1]).toBe(b);
  });

  it('changes nothing when one row cannot take the status, and names that row', () => {
    const before = doc([a, b, c]);
    const error = expectModelError(() => setRowsStatus(before, [a.id, c.id], 'approved', { now: NOW, user: null }), 'invalid');
    expect(error.message).toMatch(/^row 3 /);
    expect(before.rows.map((r) => r.status)).toEqual(['translated', 'approved', 'untranslated']);
    expectModelError(() => setRowsStatus(before, ['r00000000z'], 'draft', { now: NOW, user: null }), 'not-found');
  });

  it('accepts a status and distinct row ids only', () => {
    expect(bulkStatusRequestSchema.safeParse({ status: 'approved', rowIds: [a.id] }).success).toBe(true);
    expect(bulkStatusRequestSchema.safeParse({ status: 'approved', rowIds: [] }).success).toBe(false);
    expect(bulkStatusRequestSchema.safeParse({ status: 'approved', rowIds: [a.id, a.id] }).success).toBe(false);
    expect(bulkStatusRequestSchema.safeParse({ status: 'done', rowIds: [a.id] }).success).toBe(false);
    expect(bulkStatusRequestSchema.safeParse({ status: 'approved', rowIds: ['../x'] }).success).toBe(false);
  });
});
