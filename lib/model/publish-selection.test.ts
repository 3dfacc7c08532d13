import { describe, expect, it } from 'vitest';
import { ModelError } from './errors';
import { countChangedNotes, countChangedRows, createSnapshot, publishRequestSchema } from './publish';
import { getPublishPreview, selectPublishedRows } from './publish-preview';
import { AR1, makeDoc, note, NOW, row } from './publish.test-support';
import type { Row, RowStatus } from './schema';

const withStatus = (r: Row, status: RowStatus): Row => ({ ...r, status });

const DOC = makeDoc(
  withStatus(row('title00001', [{ kind: 'title', text: 'عنوان' }], ['Title']), 'approved'),
  withStatus(row('para000001', AR1, ['One.']), 'translated'),
  withStatus(row('para000002', 'فقرة', ['Two.']), 'draft'),
  row('para000003', 'فقرة أخرى'),
);

describe('selectPublishedRows', () => {
  it('keeps the statuses each choice publishes, in document order', () => {
    const ids = (include: 'approved' | 'approved-translated' | 'all') => {
      const { included, leftOut } = selectPublishedRows(DOC.rows, include);
      return [included.map((r) => r.id), leftOut.map((r) => r.id)];
    };
    expect(ids('approved')).toEqual([['title00001'], ['para000001', 'para000002', 'para000003']]);
    expect(ids('approved-translated')).toEqual([['title00001', 'para000001'], ['para000002', 'para000003']]);
    expect(ids('all')).toEqual([DOC.rows.map((r) => r.id), []]);
  });
});

describe('publishing a selection', () => {
  const notes = [
    note({ id: 'note000001', rowId: 'para000001', side: 'source', author: 'layla' }),
    note({ id: 'note000002', rowId: 'para000002', side: 'source', author: 'layla' }),
  ];

  it('freezes only the chosen rows, counts those left out, drops notes on them and uses display names', () => {
    const snapshot = createSnapshot(DOC, notes, null, { now: NOW, user: 'sami', include: 'approved-translated', names: { layla: 'Layla Haddad', sami: 'Sami N.' } });
    expect(snapshot.rows.map((r) => r.id)).toEqual(['title00001', 'para000001']);
    expect(snapshot).toMatchObject({ include: 'approved-translated', leftOut: 2, publishedBy: 'sami', publishedByName: 'Sami N.' });
    expect(snapshot.notes.map((n) => [n.id, n.author])).toEqual([['note000001', 'Layla Haddad']]);
  });

  it('publishes every row without a choice, as before (outside callers)', () => {
    const snapshot = createSnapshot(DOC, notes, null, { now: NOW, user: 'sami' });
    expect(snapshot.rows).toHaveLength(4);
    expect(snapshot).not.toHaveProperty('include');
    expect(snapshot).not.toHaveProperty('leftOut');
    expect(snapshot).not.toHaveProperty('publishedByName');
    expect(publishRequestSchema.parse({})).toEqual({});
    expect(publishRequestSchema.safeParse({ include: 'drafts' }).success).toBe(false);
  });

  it('refuses a choice that publishes nothing, saying why', () => {
    const none = makeDoc(withStatus(row('para000001', AR1, ['One.']), 'draft'));
    expect(() => createSnapshot(none, [], null, { now: NOW, user: 'sami', include: 'approved' })).toThrow(ModelError);
    expect(() => createSnapshot(none, [], null, { now: NOW, user: 'sami', include: 'approved' })).toThrow(/no row is approved/);
  });

  it('previews what will be public: rows by status, rows left out with their numbers, public notes', () => {
    const preview = getPublishPreview(DOC, [...notes, note({ id: 'note000003', rowId: 'para000001', side: 'source', visibility: 'internal' })], 'approved-translated');
    expect(preview.byStatus).toMatchObject({ approved: 1, translated: 1, draft: 0, untranslated: 0 });
    expect(preview.leftOut).toEqual([
      { id: 'para000002', number: 3, status: 'draft' },
      { id: 'para000003', number: 4, status: 'untranslated' },
    ]);
    expect(preview.notes.map((n) => [n.id, n.rowNumber])).toEqual([['note000001', 2]]);
  });

  it('counts changes since against the same choice, and counts notes too', () => {
    const snapshot = createSnapshot(DOC, notes, null, { now: NOW, user: 'sami', include: 'approved-translated' });
    expect(countChangedRows(snapshot, DOC)).toBe(0);
    const promoted = { ...DOC, rows: DOC.rows.map((r) => (r.id === 'para000002' ? withStatus(r, 'translated') : r)) };
    expect(countChangedRows(snapshot, promoted)).toBe(1);
    expect(countChangedNotes(snapshot, DOC, notes)).toBe(0);
    const edited = [{ ...notes[0]!, body: 'A better note.' }, notes[1]!, note({ id: 'note000004', rowId: 'title00001', side: 'source' })];
    expect(countChangedNotes(snapshot, DOC, edited)).toBe(2);
    expect(countChangedNotes(snapshot, DOC, [])).toBe(1);
  });
});
