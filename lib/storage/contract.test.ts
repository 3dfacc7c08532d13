/**
 * The store contract: the same tests against the JSON-file store and the PostgreSQL store. The PostgreSQL half
 * starts a throwaway cluster (lib/storage/pg/test-cluster.ts); without PostgreSQL's binaries it is skipped with the
 * reason, except under CI, where it fails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createNote,
  DOCUMENT_SCHEMA_VERSION,
  isModelError,
  mergeWithNext,
  patchRow,
  reanchorNotes,
  splitRow,
  targetFromText,
  updateNote,
  addReply,
  deleteNote,
  createSnapshot,
  type BilingualDocument,
  type DocumentEvent,
  type Row,
  type RowPatch,
} from '@/lib/model';
import type { CommitMeta, DocumentStore } from './document-store';
import { openStream } from './events';
import { FileDocumentStore } from './file-store';
import { FileGlossaryStore } from './file-glossary-store';
import type { GlossaryStore } from './glossary-store';
import { FileMemoryStore, type MemoryStore } from './memory-store';
import { Database } from './pg/database';
import { PgDocumentStore } from './pg/pg-document-store';
import { PgGlossaryStore } from './pg/pg-glossary-store';
import { PgMemoryStore } from './pg/pg-memory-store';
import { freshDatabase, postgresMissing, stopTestCluster } from './pg/test-cluster';

const T0 = '2025-05-01T10:00:00.000Z';
const T1 = '2025-05-02T10:00:00.000Z';

interface Stores {
  documents: DocumentStore;
  memory: MemoryStore;
  glossary: GlossaryStore;
  close(): Promise<void>;
}

function rowId(i: number): string {
  return `row${String(i).padStart(7, '0')}`;
}

function makeDoc(slug: string, rows = 4, title = `عنوان ${slug}`): BilingualDocument {
  return {
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    slug,
    title,
    sourceLang: 'ar',
    targetLang: 'en',
    createdAt: T0,
    updatedAt: T0,
    rows: Array.from({ length: rows }, (_, i): Row => ({
      id: rowId(i),
      rev: 1,
      status: 'untranslated',
      source: i === 0 ? [{ kind: 'title', text: title }] : [{ kind: 'paragraph', text: `الفقرة رقم ${i} من النص.` }, { kind: 'paragraph', text: `جملة ثانية ${i}.` }],
      target: { type: 'doc', content: [{ type: 'paragraph' }] },
      updatedAt: T0,
      updatedBy: null,
    })),
  };
}

function meta(kind: CommitMeta['kind'], user = 'layla', now = T1): CommitMeta {
  return { kind, now, user };
}

/** A row save as the service makes it. */
function save(store: DocumentStore, slug: string, id: string, patch: RowPatch, user = 'layla'): Promise<Row> {
  return store.transactRow(slug, id, ({ row, doc, notes }) => {
    const out = patchRow(row, patch, { now: T1, user });
    if (!out.changed) return { result: out.row };
    return { row: out.row, notes: patch.target ? reanchorNotes(notes, { ...doc, rows: [out.row] }) : notes, result: out.row };
  }, meta('save', user));
}

async function conflictOf(promise: Promise<unknown>): Promise<Row> {
  try {
    await promise;
  } catch (e) {
    if (isModelError(e, 'conflict')) return e.details as Row;
    throw e;
  }
  throw new Error('expected a conflict');
}

function collect(store: DocumentStore, slug: string): { events: DocumentEvent[]; stop: () => void } {
  const events: DocumentEvent[] = [];
  const stop = store.events.subscribe(slug, (e) => events.push(e));
  return { events, stop };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const missing = postgresMissing();
if (missing) console.warn(`store contract: the PostgreSQL half is skipped: ${missing}`);

const kinds: { name: string; skip: boolean; open: () => Promise<Stores> }[] = [
  {
    name: 'file store',
    skip: false,
    open: async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'contract-'));
      const documents = new FileDocumentStore(root);
      return {
        documents,
        memory: new FileMemoryStore(root),
        glossary: new FileGlossaryStore(root),
        close: async () => {
          await documents.close();
          await rm(root, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'PostgreSQL store',
    skip: missing !== null,
    open: async () => {
      const db = new Database(await freshDatabase('contract'));
      const documents = new PgDocumentStore(db);
      return {
        documents,
        memory: new PgMemoryStore(db),
        glossary: new PgGlossaryStore(db),
        close: async () => {
          await documents.close();
          await db.close();
        },
      };
    },
  },
];

afterAll(() => stopTestCluster(), 30_000);

for (const kind of kinds) {
  describe.skipIf(kind.skip)(kind.name, () => {
    let stores: Stores;
    let store: DocumentStore;
    beforeAll(async () => {
      stores = await kind.open();
      store = stores.documents;
    }, 120_000);
    afterAll(() => stores?.close());

    it('creates, reads, lists and refuses a taken slug', async () => {
      await store.create(makeDoc('basics'), { user: 'editor' });
      expect(await store.has('basics')).toBe(true);
      expect(await store.has('nothing-here')).toBe(false);
      const doc = await store.get('basics');
      expect(doc).toEqual(makeDoc('basics'));
      const { documents } = await store.list();
      expect(documents.find((d) => d.slug === 'basics')).toMatchObject({ rowCount: 4, statusCounts: { untranslated: 4 }, published: false });
      await expect(store.create(makeDoc('basics'))).rejects.toMatchObject({ code: 'exists' });
      await expect(store.get('nothing-here')).rejects.toMatchObject({ code: 'not-found' });
    });

    it('saves one row; a stale text save is a conflict with the current row', async () => {
      await store.create(makeDoc('saves'));
      const saved = await save(store, 'saves', rowId(1), { target: targetFromText(['First draft.']), baseRev: 1 });
      expect(saved).toMatchObject({ rev: 2, status: 'draft', updatedBy: 'layla' });
      const current = await conflictOf(save(store, 'saves', rowId(1), { target: targetFromText(['Mine.']), baseRev: 1 }, 'omar'));
      expect(current).toMatchObject({ id: rowId(1), rev: 2, target: targetFromText(['First draft.']) });
      const doc = await store.get('saves');
      expect(doc.rows[1]).toMatchObject({ rev: 2, target: targetFromText(['First draft.']) });
      expect(doc.rows[2]!.rev).toBe(1);
      const { documents } = await store.list();
      expect(documents.find((d) => d.slug === 'saves')?.statusCounts).toMatchObject({ draft: 1, untranslated: 3 });
    });

    it("a status-only change never makes a later text save conflict; a text change does", async () => {
      await store.create(makeDoc('status-text'));
      await save(store, 'status-text', rowId(1), { target: targetFromText(['Text.']), baseRev: 1 });
      // The reviewer approves revision 2; the translator still types on revision 2.
      await save(store, 'status-text', rowId(1), { status: 'approved', baseRev: 2 }, 'reviewer');
      const mine = await save(store, 'status-text', rowId(1), { target: targetFromText(['Text, improved.']), baseRev: 2 });
      expect(mine).toMatchObject({ rev: 4, textRev: 4, status: 'draft' });
      // A status set on a text that has changed since is refused.
      const current = await conflictOf(save(store, 'status-text', rowId(1), { status: 'approved', baseRev: 3 }, 'reviewer'));
      expect(current.rev).toBe(4);
    });

    it('twenty saves to twenty rows at once all land, and stale saves of one row all conflict', async () => {
      await store.create(makeDoc('many', 30));
      await save(store, 'many', rowId(29), { target: targetFromText(['Taken.']), baseRev: 1 });
      const results = await Promise.allSettled([
        ...Array.from({ length: 20 }, (_, i) => save(store, 'many', rowId(i + 1), { target: targetFromText([`Row ${i + 1}.`]), baseRev: 1 })),
        ...Array.from({ length: 5 }, () => save(store, 'many', rowId(29), { target: targetFromText(['Stale.']), baseRev: 1 })),
      ]);
      expect(results.slice(0, 20).every((r) => r.status === 'fulfilled')).toBe(true);
      expect(results.slice(20).every((r) => r.status === 'rejected' && isModelError(r.reason, 'conflict'))).toBe(true);
      const doc = await store.get('many');
      for (let i = 1; i <= 20; i++) expect(doc.rows[i]).toMatchObject({ rev: 2, target: targetFromText([`Row ${i}.`]) });
      expect(doc.rows[29]!.target).toEqual(targetFromText(['Taken.']));
    });

    it('keeps every change of a row as a revision: text, status, split and merge', async () => {
      await store.create(makeDoc('history'));
      await save(store, 'history', rowId(1), { target: targetFromText(['One.', 'Two.']), baseRev: 1 });
      await save(store, 'history', rowId(1), { status: 'translated', baseRev: 2 }, 'reviewer');
      const { rows } = await store.transact(
        'history',
        ({ doc, notes }) => {
          const out = splitRow(doc, rowId(1), { sourceIndex: 1, targetIndex: 1 }, { now: T1, user: 'layla', newId: () => 'splitrow01' }, 3);
          return { doc: out.doc, notes, result: out };
        },
        meta('split'),
      );
      expect(rows[1].id).toBe('splitrow01');
      const history = await store.getRowHistory('history', rowId(1));
      expect(history.map((r) => [r.rev, r.kind, r.status, r.by])).toEqual([
        [1, 'baseline', 'untranslated', null],
        [2, 'text', 'draft', 'layla'],
        [3, 'status', 'translated', 'reviewer'],
        [4, 'split', 'draft', 'layla'],
      ]);
      expect(history[3]).toMatchObject({ related: 'splitrow01', target: targetFromText(['One.']) });
      expect((await store.getRowHistory('history', 'splitrow01')).map((r) => [r.rev, r.kind, r.related])).toEqual([[1, 'split', rowId(1)]]);

      await store.transact('history', ({ doc }) => ({ doc: mergeWithNext(doc, rowId(1), { now: T1, user: 'omar', newId: () => 'x' }, 4, 1).doc, result: null }), meta('merge', 'omar'));
      const merged = await store.getRowHistory('history', rowId(1));
      expect(merged.at(-1)).toMatchObject({ rev: 5, kind: 'merge', related: 'splitrow01', by: 'omar' });
      const gone = await store.getRowHistory('history', 'splitrow01');
      expect(gone.at(-1)).toMatchObject({ kind: 'merge', removed: true, related: rowId(1) });
      expect(await store.getRowHistory('history', 'neverarow0')).toEqual([]);
      // The whole document's history, in the order recorded, for "changes since my review".
      const all = await store.getDocumentHistory('history');
      expect(all.filter((r) => r.rowId === rowId(1)).map((r) => r.rev)).toEqual([1, 2, 3, 4, 5]);
      expect(all.some((r) => r.rowId === 'splitrow01' && r.removed)).toBe(true);
      await expect(store.getDocumentHistory('no-such-doc')).rejects.toMatchObject({ code: 'not-found' });
    });

    it('publishes events for every commit, with what changed, and replays them from an id', async () => {
      await store.create(makeDoc('events'));
      const seen = collect(store, 'events');
      const start = await store.events.latestId('events');
      const row = await save(store, 'events', rowId(1), { target: targetFromText(['Live.']), baseRev: 1 });
      await save(store, 'events', rowId(1), { status: 'translated', baseRev: row.rev }, 'reviewer');
      const note = await store.transactNotes(
        'events',
        ({ doc, notes }) => {
          const n = createNote(doc, notes, { rowId: rowId(1), side: 'target', body: 'Check this.' }, { now: T1, user: 'reviewer', role: 'reviewer', newId: () => 'note000001' });
          return { notes: [...notes, n], result: n };
        },
        { ...meta('notes', 'reviewer'), rows: [rowId(1)] },
      );
      const ctx = { now: T1, user: 'layla', role: 'translator' as const, newId: () => 'reply00001' };
      await store.transactNotes('events', ({ notes }) => ({ notes: addReply(notes, note.id, 'Done.', ctx).notes, result: null }), meta('notes'));
      await store.transactNotes('events', ({ notes }) => ({ notes: updateNote(notes, note.id, { status: 'resolved' }, ctx).notes, result: null }), meta('notes'));
      await store.transactNotes('events', ({ notes }) => ({ notes: deleteNote(notes, note.id, { ...ctx, user: 'reviewer' }).notes, result: null }), meta('notes', 'reviewer'));
      await store.publish('events', ({ doc, notes, previous }) => createSnapshot(doc, notes, previous, { now: T1, user: 'editor' }), { user: 'editor' });
      await store.unpublish('events', { user: 'editor' });
      const types = ['row-saved', 'row-status', 'note-created', 'note-replied', 'note-resolved', 'note-deleted', 'document-published', 'document-unpublished'];
      await until(() => seen.events.length >= types.length);
      seen.stop();
      expect(seen.events.map((e) => e.type)).toEqual(types);
      const ids = seen.events.map((e) => e.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
      expect(seen.events[0]).toMatchObject({ slug: 'events', by: 'layla', row: { id: rowId(1), rev: 2, target: targetFromText(['Live.']) } });
      expect(seen.events[1]).toMatchObject({ by: 'reviewer', row: { status: 'translated', rev: 3 } });
      expect(seen.events[3]).toMatchObject({ reply: { body: 'Done.' }, note: { id: 'note000001' } });
      expect(seen.events[6]).toMatchObject({ version: 1 });

      const replay = await store.events.since('events', start);
      expect('events' in replay && replay.events.map((e) => e.id)).toEqual(ids);
      const tail = await store.events.since('events', ids[3]!);
      expect('events' in tail && tail.events.map((e) => e.type)).toEqual(types.slice(4));
      expect(await store.events.since('events', ids.at(-1)! + 1000)).toMatchObject({ tooOld: true, latestId: ids.at(-1) });
      expect(await store.events.latestId('events')).toBe(ids.at(-1));

      // A reader reconnecting from the fourth event gets the rest once, then live ones.
      const streamed: DocumentEvent[] = [];
      const stop = await openStream(store.events, 'events', ids[3]!, (e) => streamed.push(e));
      await save(store, 'events', rowId(2), { target: targetFromText(['After.']), baseRev: 1 });
      await until(() => streamed.length === types.length - 4 + 1);
      stop();
      expect(streamed.map((e) => e.type)).toEqual([...types.slice(4), 'row-saved']);
    });

    it('notes follow a row save, and ride on its event', async () => {
      await store.create(makeDoc('anchors'));
      await save(store, 'anchors', rowId(1), { target: targetFromText(['The Kremlin talks.']), baseRev: 1 });
      await store.transactNotes(
        'anchors',
        ({ doc, notes }) => {
          const n = createNote(doc, notes, { rowId: rowId(1), side: 'target', quote: { exact: 'Kremlin' }, body: 'Name?' }, { now: T1, user: 'r', role: 'reviewer', newId: () => 'anchor0001' });
          return { notes: [...notes, n], result: n };
        },
        { ...meta('notes'), rows: [rowId(1)] },
      );
      const seen = collect(store, 'anchors');
      await save(store, 'anchors', rowId(1), { target: targetFromText(['Then the Kremlin talks.']), baseRev: 2 });
      await until(() => seen.events.length >= 1);
      seen.stop();
      const [note] = await store.getNotes('anchors');
      expect(note).toMatchObject({ position: { start: 9, end: 16 }, detached: false });
      expect(seen.events[0]).toMatchObject({ type: 'row-saved', notes: [{ id: 'anchor0001', position: { start: 9, end: 16 } }] });
    });

    it('pages, searches (Arabic folded, either language) and sorts the library', async () => {
      for (let i = 0; i < 55; i++) {
        const doc = makeDoc(`lib-${String(i).padStart(2, '0')}`, 3, i === 7 ? 'مُؤْتَمَرُ الكرملين' : `وثيقة ${i}`);
        await store.create({ ...doc, updatedAt: `2025-06-${String((i % 28) + 1).padStart(2, '0')}T00:00:00.000Z` });
      }
      await save(store, 'lib-03', rowId(0), { target: targetFromText(['Kremlin summit']), baseRev: 1 });
      await save(store, 'lib-03', rowId(0), { status: 'translated', baseRev: 2 });
      const first = await store.findDocuments({ q: 'وثيقة' });
      expect(first.total).toBe(54);
      expect(first.documents).toHaveLength(50);
      const second = await store.findDocuments({ q: 'وثيقة', page: 2 });
      expect(second.documents).toHaveLength(4);
      expect(new Set([...first.documents, ...second.documents].map((d) => d.slug)).size).toBe(54);
      // Harakat fold away; the English title is searched too.
      expect((await store.findDocuments({ q: 'مؤتمر' })).documents.map((d) => d.slug)).toEqual(['lib-07']);
      expect((await store.findDocuments({ q: 'kremlin SUMMIT' })).documents.map((d) => d.slug)).toEqual(['lib-03']);
      const byTitle = await store.findDocuments({ q: 'lib', sort: 'title' });
      expect(byTitle.total).toBe(0);
      const titles = (await store.findDocuments({ q: 'وثيقة', sort: 'title', pageSize: 200 })).documents.map((d) => d.title);
      expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const progress = (await store.findDocuments({ q: 'وثيقة', sort: 'progress', pageSize: 200 })).documents;
      expect(progress.at(-1)?.slug).toBe('lib-03');
      const updated = (await store.findDocuments({ pageSize: 200 })).documents.map((d) => d.updatedAt);
      expect(updated).toEqual([...updated].sort().reverse());
    });

    it('publishes and unpublishes with versions counting on', async () => {
      await store.create(makeDoc('pub'));
      const make = (user: string) => ({ doc, notes, previous }: Parameters<Parameters<DocumentStore['publish']>[1]>[0]) => createSnapshot(doc, notes, previous, { now: T1, user });
      const first = await store.publish('pub', make('editor'));
      expect(first).toMatchObject({ replaced: false, snapshot: { version: 1 } });
      expect((await store.list()).documents.find((d) => d.slug === 'pub')?.published).toBe(true);
      expect((await store.unpublish('pub'))?.version).toBe(1);
      expect(await store.getPublished('pub')).toBeNull();
      expect(await store.unpublish('pub')).toBeNull();
      expect((await store.publish('pub', make('editor'))).snapshot.version).toBe(2);
    });

    it('remembers translations and finds them again: fuzzy matches and concordance', async () => {
      const pair = { sourceLang: 'ar', targetLang: 'en' };
      const counts = await stores.memory.upsert(
        [
          { ...pair, source: 'استقبل الرئيس الروسي فلاديمير بوتين المشير خليفة حفتر في الكرملين', target: 'Russian President Vladimir Putin received Field Marshal Khalifa Haftar in the Kremlin', origin: {} },
          { ...pair, source: 'ناقش الطرفان الوضع في ليبيا', target: 'The two sides discussed the situation in Libya', origin: {} },
        ],
        'layla',
      );
      expect(counts).toEqual({ added: 2, replaced: 0, unchanged: 0 });
      expect(await stores.memory.upsert([{ ...pair, source: 'ناقش الطرفان الوضعَ في ليبيا', target: 'Both sides discussed Libya', origin: {} }], 'omar')).toEqual({ added: 0, replaced: 1, unchanged: 0 });
      const matches = await stores.memory.findMatches('استقبل الرئيس الروسي فلاديمير بوتين المشير خليفة حفتر في موسكو', pair);
      expect(matches).toHaveLength(1);
      expect(matches[0]!.score).toBeCloseTo(9 / 10);
      const found = await stores.memory.concordance('الكرملين', 10);
      expect(found.total).toBe(1);
      expect(found.hits[0]!.entry.target).toContain('Kremlin');
      expect((await stores.memory.list()).map((e) => e.target)).toEqual([
        'Russian President Vladimir Putin received Field Marshal Khalifa Haftar in the Kremlin',
        'Both sides discussed Libya',
      ]);
    });

    it('keeps the glossary', async () => {
      const meta = { now: T1, user: 'layla' };
      const entry = await stores.glossary.add({ term: 'الكرملين', rendering: 'the Kremlin' }, meta);
      await expect(stores.glossary.add({ term: 'الكِرملين', rendering: 'x' }, meta)).rejects.toMatchObject({ code: 'exists' });
      await stores.glossary.update(entry.id, { rendering: 'Kremlin' }, meta);
      expect((await stores.glossary.list()).map((e) => e.rendering)).toEqual(['Kremlin']);
      await stores.glossary.delete(entry.id);
      expect(await stores.glossary.list()).toEqual([]);
    });
  });
}

describe.skipIf(missing !== null)('PostgreSQL only', () => {
  it('answers unavailable (503) with a clear message when the database is away', async () => {
    const { findFreePort } = await import('../../scripts/harness/postgres.mjs');
    const nowhere = new Database(`postgres://postgres@127.0.0.1:${await findFreePort()}/nothing`);
    const store = new PgDocumentStore(nowhere);
    const error = await store.get('anything').catch((e: unknown) => e);
    expect(isModelError(error, 'unavailable')).toBe(true);
    expect((error as Error).message).toMatch(/database is not answering/);
    await nowhere.close();
  });

  it('delivers a save made through one app server to the subscribers of another (LISTEN/NOTIFY)', async () => {
    const url = await freshDatabase('servers');
    const [dbA, dbB] = [new Database(url), new Database(url)];
    const [a, b] = [new PgDocumentStore(dbA), new PgDocumentStore(dbB)];
    try {
      await a.create(makeDoc('shared'));
      expect((await b.get('shared')).rows[1]!.rev).toBe(1);
      const seen = collect(b, 'shared');
      await until(() => b.events.listening);
      await save(a, 'shared', rowId(1), { target: targetFromText(['From server A.']), baseRev: 1 });
      await until(() => seen.events.length === 1);
      seen.stop();
      expect(seen.events[0]).toMatchObject({ type: 'row-saved', row: { target: targetFromText(['From server A.']) } });
      // B's cached copy of the document is not stale: the version moved in the database.
      expect((await b.get('shared')).rows[1]!.rev).toBe(2);
    } finally {
      await a.close();
      await b.close();
      await dbA.close();
      await dbB.close();
    }
  });

  it("carries a commit's events in its NOTIFY when they fit, and reads them from the table when they do not", async () => {
    const pg = (await import('pg')).default;
    const { EVENTS_CHANNEL } = await import('./pg/pg-events');
    const url = await freshDatabase('payloads');
    const [dbA, dbB] = [new Database(url), new Database(url)];
    const [a, b] = [new PgDocumentStore(dbA), new PgDocumentStore(dbB)];
    const listener = new pg.Client({ connectionString: url });
    const payloads: { slug: string; id: number; events?: DocumentEvent[] }[] = [];
    try {
      await listener.connect();
      listener.on('notification', (m) => payloads.push(JSON.parse(m.payload ?? '{}')));
      await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
      await a.create(makeDoc('carried'));
      const seen = collect(b, 'carried');
      await until(() => b.events.listening);
      const long = 'A long translation. '.repeat(500);
      await save(a, 'carried', rowId(1), { target: targetFromText(['Short.']), baseRev: 1 });
      await save(a, 'carried', rowId(2), { target: targetFromText([long]), baseRev: 1 });
      await save(a, 'carried', rowId(1), { target: targetFromText(['Short again.']), baseRev: 2 });
      await until(() => seen.events.length === 3 && payloads.length === 4);
      seen.stop();
      // The first, third: carried; the second is too large for a NOTIFY, so B read it from the table.
      expect(payloads.slice(1).map((p) => p.events?.map((e) => e.id) ?? null)).toEqual([[2], null, [4]]);
      expect(payloads[1]!.events![0]).toMatchObject({ type: 'row-saved', slug: 'carried', row: { target: targetFromText(['Short.']) } });
      expect(seen.events.map((e) => e.id)).toEqual([2, 3, 4]);
      expect(seen.events[1]).toMatchObject({ type: 'row-saved', row: { target: targetFromText([long]) } });
      // What B delivered from a payload is what the table holds.
      const replay = await b.events.since('carried', 1);
      expect('events' in replay && replay.events).toEqual(seen.events);
    } finally {
      await listener.end();
      await a.close();
      await b.close();
      await dbA.close();
      await dbB.close();
    }
  });

  it('migrates idempotently and refuses a database with a newer schema', async () => {
    const { migrate } = await import('./pg/migrate');
    const url = await freshDatabase('migrations');
    expect(await migrate(url)).toEqual([]);
    const db = new Database(url);
    await db.pool.query('INSERT INTO schema_migrations (version, name) VALUES (999, $1)', ['from the future']);
    await expect(migrate(url)).rejects.toThrow(/newer than this app/);
    await expect(new PgDocumentStore(db).list()).rejects.toMatchObject({ code: 'unavailable' });
    await db.close();
  });

  it('imports a content folder and exports the same files', async () => {
    const { cp, mkdtemp: tmp, readdir, readFile: read, rm: remove } = await import('node:fs/promises');
    const { importContent, exportContent } = await import('./pg/content-copy');
    const source = await tmp(path.join(os.tmpdir(), 'copy-in-'));
    const out = path.join(await tmp(path.join(os.tmpdir(), 'copy-out-')), 'content');
    try {
      await cp(path.join(process.cwd(), 'content'), source, { recursive: true });
      // Some history, notes and a publication, written by the file store.
      const files = new FileDocumentStore(source);
      await save(files, 'putin-receives-haftar', (await files.get('putin-receives-haftar')).rows[3]!.id, { target: targetFromText(['Round trip.']), baseRev: 1 }).catch(async () => {
        const row = (await files.get('putin-receives-haftar')).rows[3]!;
        return save(files, 'putin-receives-haftar', row.id, { target: targetFromText(['Round trip.']), baseRev: row.rev });
      });
      await files.publish('putin-receives-haftar', ({ doc, notes, previous }) => createSnapshot(doc, notes, previous, { now: T1, user: 'editor' }));
      await files.close();
      const db = new Database(await freshDatabase('copy'));
      const counts = await importContent(db, source);
      expect(counts).toMatchObject({ documents: 1, published: 1, revisions: 2 });
      await expect(importContent(db, source)).rejects.toMatchObject({ code: 'exists' });
      await exportContent(db, out);
      await db.close();
      const list = async (dir: string): Promise<string[]> =>
        (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.name !== '.library-index.json').map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
      const names = await list(source);
      expect(await list(out)).toEqual(names);
      for (const name of names) expect(await read(path.join(out, name), 'utf8'), name).toBe(await read(path.join(source, name), 'utf8'));
    } finally {
      await remove(source, { recursive: true, force: true });
      await remove(path.dirname(out), { recursive: true, force: true });
    }
  });
});
