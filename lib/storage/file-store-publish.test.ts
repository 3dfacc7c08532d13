import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyRowPatch,
  createSnapshot,
  DOCUMENT_SCHEMA_VERSION,
  isModelError,
  targetFromText,
  type BilingualDocument,
  type PublishedSnapshot,
} from '@/lib/model';
import { FileDocumentStore } from './file-store';

const CREATED = '2025-01-01T00:00:00.000Z';
const NOW = '2025-05-10T12:30:00.000Z';
const LATER = '2025-05-11T09:00:00.000Z';

function makeDoc(slug: string): BilingualDocument {
  return {
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    slug,
    title: 'عنوان',
    sourceLang: 'ar',
    targetLang: 'en',
    createdAt: CREATED,
    updatedAt: CREATED,
    rows: [
      {
        id: 'r000000001',
        rev: 1,
        status: 'translated',
        source: [{ kind: 'title', text: 'عنوان' }],
        target: targetFromText(['Title']),
        updatedAt: CREATED,
        updatedBy: null,
      },
      {
        id: 'r000000002',
        rev: 1,
        status: 'untranslated',
        source: [{ kind: 'paragraph', text: 'فقرة.' }],
        target: targetFromText([]),
        updatedAt: CREATED,
        updatedBy: null,
      },
    ],
  };
}

let root: string;
let store: FileDocumentStore;
const folder = (slug: string) => path.join(root, 'documents', slug);

function publishAt(slug: string, now: string): Promise<{ snapshot: PublishedSnapshot; replaced: boolean }> {
  return store.publish(slug, ({ doc, notes, previous }) => createSnapshot(doc, notes, previous, { now, user: 'editor' }));
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'file-store-publish-'));
  store = new FileDocumentStore(root);
  await store.create(makeDoc('doc'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('FileDocumentStore: publishing', () => {
  it('is not published until published; then published.json holds the snapshot and the library says so', async () => {
    expect(await store.getPublished('doc')).toBeNull();
    expect((await store.list()).documents[0]?.published).toBe(false);
    const { snapshot, replaced } = await publishAt('doc', NOW);
    expect(replaced).toBe(false);
    expect(snapshot.version).toBe(1);
    expect(await store.getPublished('doc')).toEqual(snapshot);
    expect(await new FileDocumentStore(root).getPublished('doc')).toEqual(snapshot);
    const text = await readFile(path.join(folder('doc'), 'published.json'), 'utf8');
    expect(text).toBe(`${JSON.stringify(snapshot, null, 2)}\n`);
    expect((await store.list()).documents[0]?.published).toBe(true);
  });

  it('keeps the published text when the document changes, until published again', async () => {
    await publishAt('doc', NOW);
    await store.update('doc', (doc) => {
      const { doc: next } = applyRowPatch(doc, 'r000000002', { target: targetFromText(['A paragraph.']), baseRev: 1 }, { now: LATER, user: 'x' });
      return { doc: next, result: undefined };
    });
    const published = await store.getPublished('doc');
    expect(published?.rows[1]?.target).toEqual(targetFromText([]));
    const { snapshot, replaced } = await publishAt('doc', LATER);
    expect(replaced).toBe(true);
    expect(snapshot.version).toBe(2);
    expect(snapshot.rows[1]?.target).toEqual(targetFromText(['A paragraph.']));
  });

  it('unpublishes by setting the snapshot aside; the next publication counts versions on', async () => {
    await publishAt('doc', NOW);
    await publishAt('doc', NOW);
    const withdrawn = await store.unpublish('doc');
    expect(withdrawn?.version).toBe(2);
    expect(await store.getPublished('doc')).toBeNull();
    expect(await store.unpublish('doc')).toBeNull();
    expect((await store.list()).documents[0]?.published).toBe(false);
    expect((await readdir(folder('doc'))).sort()).toEqual(['document.json', 'withdrawn.json']);
    const { snapshot, replaced } = await publishAt('doc', LATER);
    expect(replaced).toBe(false);
    expect(snapshot).toMatchObject({ version: 3, firstPublishedAt: NOW });
    expect((await readdir(folder('doc'))).sort()).toEqual(['document.json', 'published.json']);
  });

  it('serializes publications with saves: two at once get versions 1 and 2', async () => {
    const [a, b] = await Promise.all([publishAt('doc', NOW), publishAt('doc', NOW)]);
    expect([a.snapshot.version, b.snapshot.version].sort()).toEqual([1, 2]);
  });

  it('names the file and field of a broken published.json, and unpublish still takes it down', async () => {
    await publishAt('doc', NOW);
    const file = path.join(folder('doc'), 'published.json');
    const broken = JSON.parse(await readFile(file, 'utf8'));
    broken.version = 0;
    await writeFile(file, JSON.stringify(broken));
    const fresh = new FileDocumentStore(root);
    const error = await fresh.getPublished('doc').catch((e: unknown) => e);
    expect(isModelError(error, 'corrupt')).toBe(true);
    expect((error as Error).message).toMatch(/content\/documents\/doc\/published\.json: version/);
    expect(await fresh.unpublish('doc')).toBeNull();
    expect(await fresh.getPublished('doc')).toBeNull();
  });

  it('writes nothing when the snapshot is invalid or the document is missing', async () => {
    const error = await store.publish('doc', ({ doc, notes, previous }) => ({ ...createSnapshot(doc, notes, previous, { now: NOW, user: 'e' }), version: -1 })).catch((e: unknown) => e);
    expect(isModelError(error, 'invalid')).toBe(true);
    expect(await store.getPublished('doc')).toBeNull();
    const missing = await publishAt('nope', NOW).catch((e: unknown) => e);
    expect(isModelError(missing, 'not-found')).toBe(true);
    const bad = await store.getPublished('../etc').catch((e: unknown) => e);
    expect(isModelError(bad, 'invalid')).toBe(true);
  });
});
