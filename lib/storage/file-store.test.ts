import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyRowPatch,
  DOCUMENT_SCHEMA_VERSION,
  ModelError,
  targetFromText,
  type BilingualDocument,
  type ModelErrorCode,
  type Row,
} from '@/lib/model';
import { FileDocumentStore } from './file-store';

const CREATED = '2025-01-01T00:00:00.000Z';
const NOW = '2025-05-10T12:30:00.000Z';

function rowId(n: number): string {
  return `r${n.toString(36).padStart(9, '0')}`;
}

function makeDoc(slug: string, rowCount = 3, updatedAt = CREATED): BilingualDocument {
  const rows: Row[] = Array.from({ length: rowCount }, (_, i) => ({
    id: rowId(i),
    rev: 1,
    status: 'untranslated',
    source: i === 0 ? [{ kind: 'title', text: `عنوان ${slug}` }] : [{ kind: 'numbered', number: '١', text: `فقرة ${i}` }],
    target: { type: 'doc', content: [{ type: 'paragraph' }] },
    updatedAt: CREATED,
    updatedBy: null,
  }));
  return {
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    slug,
    title: `Title of ${slug}`,
    sourceLang: 'ar',
    targetLang: 'en',
    createdAt: CREATED,
    updatedAt,
    rows,
  };
}

/** The same value with the keys of every object in reverse order. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)])) as T;
  }
  return value;
}

async function expectModelError(promise: Promise<unknown>, code: ModelErrorCode): Promise<ModelError> {
  let caught: unknown;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ModelError);
  expect((caught as ModelError).code).toBe(code);
  return caught as ModelError;
}

let root: string;
let store: FileDocumentStore;

const docFile = (slug: string) => path.join(root, 'documents', slug, 'document.json');
const label = (slug: string) => `content/documents/${slug}/document.json`;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'file-store-test-'));
  store = new FileDocumentStore(root);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('FileDocumentStore: create and get', () => {
  it('gives back what was created', async () => {
    const doc = makeDoc('first-doc');
    expect(await store.has('first-doc')).toBe(false);
    await store.create(doc);
    expect(await store.has('first-doc')).toBe(true);
    expect(await store.get('first-doc')).toEqual(doc);
    // A fresh store (no cache) reads the same from disk.
    expect(await new FileDocumentStore(root).get('first-doc')).toEqual(doc);
  });

  it('throws not-found for a document that does not exist', async () => {
    await expectModelError(store.get('missing'), 'not-found');
    await store.create(makeDoc('present'));
    await expectModelError(store.get('missing'), 'not-found');
  });

  it('writes pretty-printed JSON with a newline at the end and keys in schema order', async () => {
    const doc = makeDoc('pretty');
    await store.create(doc);
    const text = await readFile(docFile('pretty'), 'utf8');
    // makeDoc writes `number` before `text`; the file has the schema's order, so compare with a re-serialised parse.
    expect(JSON.parse(text)).toEqual(doc);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(text).not.toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(text.startsWith('{\n  "schemaVersion": 1,\n  "slug": "pretty",\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    for (const line of text.split('\n').slice(1, -2)) expect(line).toMatch(/^( {2})+\S/);
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(['schemaVersion', 'slug', 'title', 'sourceLang', 'targetLang', 'createdAt', 'updatedAt', 'rows']);
    expect(Object.keys(parsed.rows[0])).toEqual(['id', 'rev', 'status', 'source', 'target', 'updatedAt', 'updatedBy']);
    expect(Object.keys(parsed.rows[1].source[0])).toEqual(['kind', 'text', 'number']);
  });

  it('writes the same bytes for the same document, whatever the key order it was given in', async () => {
    const doc = makeDoc('stable');
    await store.create(reverseKeys(doc));
    const first = await readFile(docFile('stable'));

    const otherRoot = await mkdtemp(path.join(os.tmpdir(), 'file-store-test-'));
    try {
      await new FileDocumentStore(otherRoot).create(doc);
      const second = await readFile(path.join(otherRoot, 'documents', 'stable', 'document.json'));
      expect(second.equals(first)).toBe(true);
    } finally {
      await rm(otherRoot, { recursive: true, force: true });
    }

    // An update that hands back an equal document with its keys shuffled writes the same bytes again.
    await store.update('stable', (current) => ({ doc: reverseKeys(structuredClone(current)), result: null }));
    expect((await readFile(docFile('stable'))).equals(first)).toBe(true);
  });

  it("refuses to create a slug that exists, with 'exists', leaving the original untouched", async () => {
    await store.create(makeDoc('taken'));
    const before = await readFile(docFile('taken'));
    const other = { ...makeDoc('taken', 1), title: 'An impostor' };
    await expectModelError(store.create(other), 'exists');
    await expectModelError(new FileDocumentStore(root).create(other), 'exists');
    expect((await readFile(docFile('taken'))).equals(before)).toBe(true);
    expect((await store.get('taken')).title).toBe('Title of taken');
  });

  it('lets exactly one of two simultaneous creates of a slug win', async () => {
    const results = await Promise.allSettled([
      store.create({ ...makeDoc('race'), title: 'A' }),
      new FileDocumentStore(root).create({ ...makeDoc('race'), title: 'B' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'exists' });
    const winner = results[0]!.status === 'fulfilled' ? 'A' : 'B';
    expect((await new FileDocumentStore(root).get('race')).title).toBe(winner);
  });

  it("rejects an invalid new document as 'invalid', writing nothing", async () => {
    const doc = makeDoc('invalid-doc');
    const bad = { ...doc, rows: [{ ...doc.rows[0]!, status: 'bogus' }] } as unknown as BilingualDocument;
    const error = await expectModelError(store.create(bad), 'invalid');
    expect(error.message).toContain('rows[0].status');
    expect(await readdir(root)).toEqual([]);
  });
});

describe('FileDocumentStore: update', () => {
  it('applies a change, writes it and passes on the result', async () => {
    await store.create(makeDoc('doc'));
    const result = await store.update('doc', (doc) => {
      const out = applyRowPatch(doc, rowId(1), { target: targetFromText(['Hello']), baseRev: 1 }, { now: NOW, user: 'u' });
      return { doc: out.doc, result: out.row };
    });
    expect(result).toMatchObject({ id: rowId(1), rev: 2, status: 'draft' });
    const fromDisk = await new FileDocumentStore(root).get('doc');
    expect(fromDisk.rows[1]).toEqual(result);
    expect(fromDisk.updatedAt).toBe(NOW);
  });

  it('does not write when the change hands back the same document', async () => {
    await store.create(makeDoc('doc'));
    const old = new Date('2020-01-01T00:00:00Z');
    await utimes(docFile('doc'), old, old);
    const result = await store.update('doc', (doc) => ({ doc, result: 'unchanged' }));
    expect(result).toBe('unchanged');
    expect((await stat(docFile('doc'))).mtimeMs).toBe(old.getTime());
  });

  it('writes nothing when the change throws, and keeps serving later updates', async () => {
    await store.create(makeDoc('doc'));
    const before = await readFile(docFile('doc'));
    await expectModelError(
      store.update('doc', (doc) => {
        applyRowPatch(doc, rowId(0), { baseRev: 7 }, { now: NOW, user: null });
        return { doc, result: null };
      }),
      'conflict',
    );
    expect((await readFile(docFile('doc'))).equals(before)).toBe(true);
    await expect(store.update('doc', (doc) => ({ doc: { ...doc, title: 'New' }, result: 'ok' }))).resolves.toBe('ok');
    expect((await store.get('doc')).title).toBe('New');
  });

  it('refuses to write a document the change made invalid, naming the field', async () => {
    await store.create(makeDoc('doc'));
    const before = await readFile(docFile('doc'));
    let caught: unknown;
    try {
      await store.update('doc', (doc) => ({ doc: { ...doc, rows: [] }, result: null }));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ModelError);
    expect((caught as ModelError).message).toContain('rows');
    expect((await readFile(docFile('doc'))).equals(before)).toBe(true);
  });

  it('throws not-found when updating a document that does not exist', async () => {
    let called = false;
    await expectModelError(
      store.update('nothing-here', (doc) => {
        called = true;
        return { doc, result: null };
      }),
      'not-found',
    );
    expect(called).toBe(false);
  });

  it('loses none of 50 concurrent edits of different rows', async () => {
    await store.create(makeDoc('busy', 50));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.update('busy', (doc) => {
          const out = applyRowPatch(doc, rowId(i), { target: targetFromText([`translation ${i}`]), baseRev: 1 }, { now: NOW, user: `user${i}` });
          return { doc: out.doc, result: out.row.rev };
        }),
      ),
    );
    expect(results).toEqual(Array(50).fill(2));
    for (const s of [store, new FileDocumentStore(root)]) {
      const doc = await s.get('busy');
      doc.rows.forEach((row, i) => {
        expect(row.rev).toBe(2);
        expect(row.target).toEqual(targetFromText([`translation ${i}`]));
        expect(row.updatedBy).toBe(`user${i}`);
      });
    }
  });

  it('lets exactly one edit per base revision of the same row succeed', async () => {
    await store.create(makeDoc('contested'));
    // Two edits for each of the base revisions 1..25, fired together, in this order.
    const attempts = Array.from({ length: 50 }, (_, i) => ({ baseRev: Math.floor(i / 2) + 1, text: `attempt ${i}` }));
    const settled = await Promise.allSettled(
      attempts.map(({ baseRev, text }) =>
        store.update('contested', (doc) => {
          const out = applyRowPatch(doc, rowId(1), { target: targetFromText([text]), baseRev }, { now: NOW, user: null });
          return { doc: out.doc, result: out.row.rev };
        }),
      ),
    );
    const wins = new Map<number, number>();
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') {
        wins.set(attempts[i]!.baseRev, (wins.get(attempts[i]!.baseRev) ?? 0) + 1);
        expect(s.value).toBe(attempts[i]!.baseRev + 1);
      } else {
        expect(s.reason).toBeInstanceOf(ModelError);
        expect((s.reason as ModelError).code).toBe('conflict');
      }
    });
    expect([...wins.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect([...wins.values()].every((n) => n === 1)).toBe(true);
    const row = (await new FileDocumentStore(root).get('contested')).rows[1]!;
    expect(row.rev).toBe(26);
    expect(row.target).toEqual(targetFromText(['attempt 48']));
  });

  it('lets only one of 50 concurrent edits on the same base revision succeed', async () => {
    await store.create(makeDoc('contested'));
    const settled = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        store.update('contested', (doc) => {
          const out = applyRowPatch(doc, rowId(2), { target: targetFromText([`attempt ${i}`]), baseRev: 1 }, { now: NOW, user: null });
          return { doc: out.doc, result: i };
        }),
      ),
    );
    const fulfilled = settled.filter((s) => s.status === 'fulfilled');
    expect(fulfilled).toHaveLength(1);
    for (const s of settled.filter((x) => x.status === 'rejected')) expect((s as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    const winner = (fulfilled[0] as PromiseFulfilledResult<number>).value;
    const row = (await new FileDocumentStore(root).get('contested')).rows[2]!;
    expect(row.rev).toBe(2);
    expect(row.target).toEqual(targetFromText([`attempt ${winner}`]));
  });

  it('leaves no temporary files behind', async () => {
    await store.create(makeDoc('tidy', 10));
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.update('tidy', (doc) => ({
          doc: applyRowPatch(doc, rowId(i), { target: targetFromText([`t${i}`]), baseRev: 1 }, { now: NOW, user: null }).doc,
          result: null,
        })),
      ),
    );
    expect(await readdir(path.join(root, 'documents'))).toEqual(['tidy']);
    // The document and the rows' history beside it.
    expect(await readdir(path.join(root, 'documents', 'tidy'))).toEqual(['document.json', 'history.jsonl']);
  });
});

describe('FileDocumentStore: broken files', () => {
  async function plant(slug: string, content: string): Promise<void> {
    await mkdir(path.join(root, 'documents', slug), { recursive: true });
    await writeFile(docFile(slug), content);
  }

  beforeEach(async () => {
    await store.create(makeDoc('good-one', 2, '2025-02-01T00:00:00.000Z'));
    await store.create(makeDoc('good-two', 2, '2025-03-01T00:00:00.000Z'));
    await plant('bad-json', '{ "schemaVersion": 1, "slug": ');
    const badField = JSON.parse(JSON.stringify(makeDoc('bad-field')));
    badField.rows[0].status = 'bogus';
    await plant('bad-field', JSON.stringify(badField, null, 2));
  });

  it("throws 'corrupt' for invalid JSON, naming the file", async () => {
    const error = await expectModelError(store.get('bad-json'), 'corrupt');
    expect(error.message).toContain(label('bad-json'));
    expect(error.message).toMatch(/not valid JSON/);
  });

  it("throws 'corrupt' for a bad field, naming the file and the field", async () => {
    const error = await expectModelError(store.get('bad-field'), 'corrupt');
    expect(error.message).toContain(`${label('bad-field')}: rows[0].status: `);
  });

  it("throws 'corrupt' when the document's slug is not its folder's", async () => {
    await plant('moved', JSON.stringify(makeDoc('elsewhere')));
    const error = await expectModelError(store.get('moved'), 'corrupt');
    expect(error.message).toContain(label('moved'));
    expect(error.message).toContain('elsewhere');
  });

  it('lists the good documents, newest first, and reports the broken ones', async () => {
    await mkdir(path.join(root, 'documents', 'empty-folder'));
    await mkdir(path.join(root, 'documents', 'Not_A_Slug'));
    await writeFile(path.join(root, 'documents', 'stray.json'), '{}');
    const { documents, broken } = await store.list();
    expect(documents.map((d) => d.slug)).toEqual(['good-two', 'good-one']);
    expect(documents[0]).toMatchObject({ title: 'Title of good-two', rowCount: 2, progress: 0 });
    expect(broken.map((b) => b.slug)).toEqual(['bad-field', 'bad-json']);
    expect(broken[0]!.error).toContain(`${label('bad-field')}: rows[0].status`);
    expect(broken[1]!.error).toContain(label('bad-json'));
  });

  it('notices when a cached document is broken by hand', async () => {
    await store.get('good-one');
    await writeFile(docFile('good-one'), '[]');
    const error = await expectModelError(store.get('good-one'), 'corrupt');
    expect(error.message).toContain(label('good-one'));
  });

  it('lists nothing when there is no documents folder', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'file-store-test-'));
    try {
      expect(await new FileDocumentStore(empty).list()).toEqual({ documents: [], broken: [] });
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('FileDocumentStore: cache', () => {
  it('serves an unchanged file from its cache', async () => {
    await store.create(makeDoc('cached'));
    const a = await store.get('cached');
    const b = await store.get('cached');
    expect(b).toBe(a);
  });

  /** A whole-second mtime, so that setting it again gives exactly the same mtimeMs. */
  const T = new Date('2025-04-01T10:00:00.000Z');

  it('picks up a hand edit of the same size (new mtime)', async () => {
    await store.create(makeDoc('edited'));
    await utimes(docFile('edited'), T, T);
    const first = await store.get('edited');
    const text = await readFile(docFile('edited'), 'utf8');
    const edited = text.replace('"title": "Title of edited"', '"title": "Eltit of edited"');
    expect(edited.length).toBe(text.length);
    expect(edited).not.toBe(text);
    await writeFile(docFile('edited'), edited);
    const later = new Date(T.getTime() + 5000);
    await utimes(docFile('edited'), later, later);
    const second = await store.get('edited');
    expect(second).not.toBe(first);
    expect(second.title).toBe('Eltit of edited');
  });

  it('picks up a hand edit of another size (same mtime)', async () => {
    await store.create(makeDoc('edited'));
    await utimes(docFile('edited'), T, T);
    await store.get('edited');
    const text = await readFile(docFile('edited'), 'utf8');
    await writeFile(docFile('edited'), text.replace('"title": "Title of edited"', '"title": "A longer title, edited by hand"'));
    await utimes(docFile('edited'), T, T);
    expect((await stat(docFile('edited'))).mtimeMs).toBe(T.getTime());
    expect((await store.get('edited')).title).toBe('A longer title, edited by hand');
  });

  it('updates on top of a hand edit rather than the cached copy', async () => {
    await store.create(makeDoc('edited'));
    await store.get('edited');
    const doc = JSON.parse(await readFile(docFile('edited'), 'utf8'));
    doc.title = 'Changed by hand';
    await writeFile(docFile('edited'), JSON.stringify(doc, null, 2));
    const later = new Date(Date.now() + 10_000);
    await utimes(docFile('edited'), later, later);
    await store.update('edited', (d) => ({ doc: { ...d, updatedAt: NOW }, result: null }));
    const fromDisk = await new FileDocumentStore(root).get('edited');
    expect(fromDisk).toMatchObject({ title: 'Changed by hand', updatedAt: NOW });
  });

  it('forgets a document whose file was deleted', async () => {
    await store.create(makeDoc('gone'));
    await store.get('gone');
    await rm(path.join(root, 'documents', 'gone'), { recursive: true });
    await expectModelError(store.get('gone'), 'not-found');
    expect(await store.has('gone')).toBe(false);
  });
});

describe('FileDocumentStore: slugs', () => {
  const BAD_SLUGS = ['../x', 'a/b', 'A', '', '..', '.', 'x/../y', '/etc', 'a\\b', 'x '];

  it.each(BAD_SLUGS)('rejects the slug %j without touching the disk', async (slug) => {
    // A document that a path escape would reach.
    await mkdir(path.join(root, 'x'));
    await writeFile(path.join(root, 'x', 'document.json'), JSON.stringify(makeDoc('x')));
    await expectModelError(store.get(slug), 'invalid');
    expect(await store.has(slug)).toBe(false);
    let called = false;
    await expectModelError(
      store.update(slug, (doc) => {
        called = true;
        return { doc, result: null };
      }),
      'invalid',
    );
    expect(called).toBe(false);
    await expectModelError(store.create({ ...makeDoc('x'), slug }), 'invalid');
    expect(await readdir(root)).toEqual(['x']);
    expect(await readdir(path.join(root, 'x'))).toEqual(['document.json']);
  });
});
