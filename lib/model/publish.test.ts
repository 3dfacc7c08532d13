import { describe, expect, it } from 'vitest';
import { ModelError } from './errors';
import { countChangedRows, createSnapshot, publishedSnapshotSchema, publishRequestSchema } from './publish';
import { AR1, AR_TITLE, EN1, LATER, makeDoc, note, NOW, publish, row, SEED_LIKE } from './publish.test-support';
import type { Row } from './schema';
import { targetFromText } from './target';

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
