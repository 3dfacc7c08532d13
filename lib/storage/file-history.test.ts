import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOCUMENT_SCHEMA_VERSION, patchRow, targetFromText, type BilingualDocument, type RowPatch } from '@/lib/model';
import { FileDocumentStore, HISTORY_FILE } from './file-store';
import { MemoryEventBus } from './events';

const T0 = '2025-05-01T10:00:00.000Z';

function doc(slug: string): BilingualDocument {
  return {
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    slug,
    title: 'عنوان',
    sourceLang: 'ar',
    targetLang: 'en',
    createdAt: T0,
    updatedAt: T0,
    rows: ['aaaaaaaaaa', 'bbbbbbbbbb'].map((id) => ({
      id,
      rev: 1,
      status: 'untranslated' as const,
      source: [{ kind: 'paragraph' as const, text: 'نص.' }],
      target: { type: 'doc' as const, content: [{ type: 'paragraph' as const }] },
      updatedAt: T0,
      updatedBy: null,
    })),
  };
}

describe('the file store: history file and library index', () => {
  let root: string;
  let store: FileDocumentStore;
  const save = (id: string, patch: RowPatch) =>
    store.transactRow('h', id, ({ row }) => ({ row: patchRow(row, patch, { now: T0, user: 'layla' }).row, result: null }), { kind: 'save', now: T0, user: 'layla' });

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'file-history-'));
    store = new FileDocumentStore(root);
    await store.create(doc('h'));
  });
  afterEach(async () => {
    await store.close();
    await rm(root, { recursive: true, force: true });
  });

  it('appends one line per revision and ignores a torn last line, writing the next one on a line of its own', async () => {
    await save('aaaaaaaaaa', { target: targetFromText(['One.']), baseRev: 1 });
    const file = path.join(root, 'documents', 'h', HISTORY_FILE);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(2); // baseline + text
    // A crash cut the last write in the middle of a line.
    await appendFile(file, '{"rowId":"aaaaaaaaaa","rev":3,"ki');
    const fresh = new FileDocumentStore(root);
    expect((await fresh.getRowHistory('h', 'aaaaaaaaaa')).map((r) => r.rev)).toEqual([1, 2]);
    await fresh.transactRow('h', 'aaaaaaaaaa', ({ row }) => ({ row: patchRow(row, { target: targetFromText(['Two.']), baseRev: 2 }, { now: T0, user: 'omar' }).row, result: null }), {
      kind: 'save',
      now: T0,
      user: 'omar',
    });
    expect((await fresh.getRowHistory('h', 'aaaaaaaaaa')).map((r) => [r.rev, r.kind, r.by])).toEqual([
      [1, 'baseline', null],
      [2, 'text', 'layla'],
      [3, 'text', 'omar'],
    ]);
    await fresh.close();
  });

  it('ends a row\'s history with its current state when the file lacks it (an edit by hand)', async () => {
    const file = path.join(root, 'documents', 'h', 'document.json');
    const edited = JSON.parse(await readFile(file, 'utf8')) as BilingualDocument;
    edited.rows[1] = { ...edited.rows[1]!, rev: 5, status: 'draft', target: targetFromText(['By hand.']) };
    await writeFile(file, JSON.stringify(edited, null, 2));
    expect((await store.getRowHistory('h', 'bbbbbbbbbb')).map((r) => [r.rev, r.kind])).toEqual([[5, 'baseline']]);
  });

  it('lists from its index, sees a hand edit and a broken file, and rebuilds a missing index', async () => {
    await save('aaaaaaaaaa', { target: targetFromText(['One.']), status: 'translated', baseRev: 1 });
    expect((await store.list()).documents[0]!.statusCounts.translated).toBe(1);
    await store.create(doc('other'));
    // Hand edit: a later mtime and another size.
    const file = path.join(root, 'documents', 'other', 'document.json');
    const edited = JSON.parse(await readFile(file, 'utf8')) as BilingualDocument;
    edited.title = 'عنوان معدل باليد';
    await new Promise((r) => setTimeout(r, 20));
    await writeFile(file, JSON.stringify(edited, null, 2));
    expect((await store.list()).documents.find((d) => d.slug === 'other')?.title).toBe('عنوان معدل باليد');
    await writeFile(file, '{ "broken": ');
    const listed = await store.list();
    expect(listed.broken).toEqual([{ slug: 'other', error: expect.stringContaining('not valid JSON') }]);
    await store.close();
    const index = JSON.parse(await readFile(path.join(root, '.library-index.json'), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(index.entries).sort()).toEqual(['h', 'other']);
    await rm(path.join(root, '.library-index.json'));
    store = new FileDocumentStore(root);
    expect((await store.list()).documents.map((d) => d.slug)).toEqual(['h']);
  });
});

describe('MemoryEventBus', () => {
  it('replays from an id, says too old when the ring has moved on or the id is not its own', async () => {
    const bus = new MemoryEventBus(3, 1000);
    const start = await bus.latestId('a');
    expect(start).toBe(1000);
    const meta = { at: T0, by: null };
    bus.publish('a', meta, [{ type: 'document-changed' }, { type: 'document-changed' }]);
    expect(await bus.since('a', start)).toEqual({ events: [expect.objectContaining({ id: 1001 }), expect.objectContaining({ id: 1002 })] });
    bus.publish('b', meta, [{ type: 'document-changed' }, { type: 'document-changed' }]);
    expect(await bus.since('a', 1000)).toEqual({ tooOld: true, latestId: 1002 });
    expect(await bus.since('a', 1002)).toEqual({ events: [] });
    expect(await bus.since('a', 17)).toMatchObject({ tooOld: true });
    expect(await bus.since('a', 99_999)).toMatchObject({ tooOld: true });
  });
});
