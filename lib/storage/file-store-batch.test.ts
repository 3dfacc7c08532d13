import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyRowPatch, DOCUMENT_SCHEMA_VERSION, targetFromText, type BilingualDocument, type Row } from '@/lib/model';
import { FileDocumentStore } from './file-store';

/** Every document write goes through here: counted, and held back while `gate` is set. */
const writes = vi.hoisted(() => ({ documents: 0, gate: null as Promise<void> | null, failNext: false }));

vi.mock('./json-file', async (importOriginal) => {
  const original = await importOriginal<typeof import('./json-file')>();
  return {
    ...original,
    writeJsonAtomic: async (file: string, value: unknown, options?: { mode?: number }) => {
      if (file.endsWith('document.json')) {
        writes.documents++;
        if (writes.gate) await writes.gate;
        if (writes.failNext) {
          writes.failNext = false;
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        }
      }
      return original.writeJsonAtomic(file, value, options);
    },
  };
});

const NOW = '2025-05-10T12:30:00.000Z';

function rowId(n: number): string {
  return `r${n.toString(36).padStart(9, '0')}`;
}

function makeDoc(slug: string, rowCount: number): BilingualDocument {
  const rows: Row[] = Array.from({ length: rowCount }, (_, i) => ({
    id: rowId(i),
    rev: 1,
    status: 'untranslated',
    source: [{ kind: 'paragraph', text: `استقبل الرئيس فلاديمير بوتين المشير خليفة حفتر في الكرملين ${i}` }],
    target: { type: 'doc', content: [{ type: 'paragraph' }] },
    updatedAt: '2025-01-01T00:00:00.000Z',
    updatedBy: null,
  }));
  return {
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    slug,
    title: 'بوتين يستقبل حفتر',
    sourceLang: 'ar',
    targetLang: 'en',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    rows,
  };
}

/** Saves row `i` on revision `baseRev` with `text`, as the row route does; resolves with the new revision. */
function save(store: FileDocumentStore, i: number, text: string, baseRev = 1): Promise<number> {
  return store.update('doc', (doc) => {
    const out = applyRowPatch(doc, rowId(i), { target: targetFromText([text]), baseRev }, { now: NOW, user: 'layla' });
    return { doc: out.doc, result: out.row.rev };
  });
}

let root: string;
let store: FileDocumentStore;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'file-store-batch-'));
  store = new FileDocumentStore(root);
  await store.create(makeDoc('doc', 30));
  writes.documents = 0;
  writes.gate = null;
  writes.failNext = false;
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('FileDocumentStore: changes that arrive together are written together', () => {
  it('writes 20 simultaneous saves of different rows once, and every one is on disk', async () => {
    const revs = await Promise.all(Array.from({ length: 20 }, (_, i) => save(store, i, `The Kremlin, row ${i}`)));
    expect(revs).toEqual(Array(20).fill(2));
    expect(writes.documents).toBe(1);
    const doc = await new FileDocumentStore(root).get('doc');
    for (let i = 0; i < 20; i++) expect(doc.rows[i]!.target).toEqual(targetFromText([`The Kremlin, row ${i}`]));
  });

  it('acknowledges a save only after its write, and writes saves that arrive meanwhile next, on top of it', async () => {
    let open!: () => void;
    writes.gate = new Promise((resolve) => (open = resolve));
    let firstDone = false;
    const first = save(store, 0, 'first').then((rev) => {
      firstDone = true;
      return rev;
    });
    await vi.waitFor(() => expect(writes.documents).toBe(1));
    // The first write is held: these wait for the next one, and see the first save's row.
    const seen: number[] = [];
    const later = [
      store.update('doc', (doc) => {
        seen.push(doc.rows[0]!.rev);
        const out = applyRowPatch(doc, rowId(0), { target: targetFromText(['second']), baseRev: 2 }, { now: NOW, user: null });
        return { doc: out.doc, result: out.row.rev };
      }),
      save(store, 1, 'other row'),
    ];
    await new Promise((r) => setTimeout(r, 20));
    expect(firstDone).toBe(false);
    writes.gate = null;
    open();
    expect(await first).toBe(2);
    expect(await Promise.all(later)).toEqual([3, 2]);
    expect(seen).toEqual([2]);
    expect(writes.documents).toBe(2);
    const doc = await new FileDocumentStore(root).get('doc');
    expect(doc.rows[0]).toMatchObject({ rev: 3, target: targetFromText(['second']) });
    expect(doc.rows[1]).toMatchObject({ rev: 2, target: targetFromText(['other row']) });
  });

  it('refuses only the change that made the document invalid, and writes the others', async () => {
    const results = await Promise.allSettled([
      save(store, 0, 'before the bad change'),
      store.update('doc', (doc) => ({ doc: { ...doc, rows: [] }, result: 0 })),
      save(store, 2, 'after the bad change'),
    ]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 2 });
    expect(results[1]!.status).toBe('rejected');
    expect(String((results[1] as PromiseRejectedResult).reason.message)).toContain('rows');
    expect(results[2]).toEqual({ status: 'fulfilled', value: 2 });
    const doc = await new FileDocumentStore(root).get('doc');
    expect(doc.rows).toHaveLength(30);
    expect(doc.rows[0]!.target).toEqual(targetFromText(['before the bad change']));
    expect(doc.rows[2]!.target).toEqual(targetFromText(['after the bad change']));
  });

  it('keeps a conflict to its own caller: the other saves in the batch go through', async () => {
    const results = await Promise.allSettled([save(store, 3, 'mine'), save(store, 3, 'theirs'), save(store, 4, 'next row')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    const doc = await new FileDocumentStore(root).get('doc');
    expect(doc.rows[3]).toMatchObject({ rev: 2, target: targetFromText(['mine']) });
    expect(doc.rows[4]).toMatchObject({ rev: 2, target: targetFromText(['next row']) });
  });

  it('fails every save of a batch whose write fails, and the next save starts from what is on disk', async () => {
    writes.failNext = true;
    const results = await Promise.allSettled([save(store, 5, 'lost with the disk'), save(store, 6, 'lost too')]);
    for (const r of results) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'ENOSPC' });
    // Nothing was acknowledged, so nothing may be assumed: revision 1 is still current.
    expect(await save(store, 5, 'again')).toBe(2);
    const doc = await new FileDocumentStore(root).get('doc');
    expect(doc.rows[5]).toMatchObject({ rev: 2, target: targetFromText(['again']) });
    expect(doc.rows[6]!.rev).toBe(1);
  });
});
