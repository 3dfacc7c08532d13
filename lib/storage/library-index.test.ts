import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOCUMENT_SCHEMA_VERSION, type BilingualDocument } from '@/lib/model';
import { LibraryIndex } from './library-index';

const T0 = '2025-05-01T10:00:00.000Z';

function doc(slug: string, title = 'عنوان'): BilingualDocument {
  return {
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    slug,
    title,
    sourceLang: 'ar',
    targetLang: 'en',
    createdAt: T0,
    updatedAt: T0,
    rows: [{ id: 'aaaaaaaaaa', rev: 1, status: 'untranslated', source: [{ kind: 'paragraph', text: 'نص.' }], target: { type: 'doc', content: [{ type: 'paragraph' }] }, updatedAt: T0, updatedBy: null }],
  };
}

describe('the library index', () => {
  let root: string;
  let reads: string[];
  let index: LibraryIndex;
  const folder = (slug: string) => path.join(root, 'documents', slug);
  const write = (slug: string, d: BilingualDocument) => writeFile(path.join(folder(slug), 'document.json'), JSON.stringify(d));
  const listed = async () => (await index.list()).documents.map((d) => [d.slug, d.title, d.published]);

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'library-index-'));
    reads = [];
    index = new LibraryIndex(root, async (slug) => {
      reads.push(slug);
      return JSON.parse(await readFile(path.join(folder(slug), 'document.json'), 'utf8')) as BilingualDocument;
    });
    for (const slug of ['a', 'b']) {
      await import('node:fs/promises').then((fs) => fs.mkdir(folder(slug), { recursive: true }));
      await write(slug, doc(slug));
    }
  });
  afterEach(async () => {
    await index.close();
    await rm(root, { recursive: true, force: true });
  });

  it('reads each document once, then again only when its file changes, even in place', async () => {
    expect(await listed()).toEqual([
      ['a', 'عنوان', false],
      ['b', 'عنوان', false],
    ]);
    expect(reads.sort()).toEqual(['a', 'b']);
    await listed();
    expect(reads).toHaveLength(2);
    await write('b', doc('b', 'عنوان آخر طويل'));
    expect(await listed()).toContainEqual(['b', 'عنوان آخر طويل', false]);
    expect(reads).toEqual(['a', 'b', 'b']);
  });

  it('sees a published.json put in or taken out by hand, without reading the document again', async () => {
    await listed();
    await writeFile(path.join(folder('a'), 'published.json'), '{}');
    expect(await listed()).toContainEqual(['a', 'عنوان', true]);
    await copyFile(path.join(folder('a'), 'published.json'), path.join(folder('b'), 'published.json'));
    expect(await listed()).toContainEqual(['b', 'عنوان', true]);
    await rm(path.join(folder('a'), 'published.json'));
    expect(await listed()).toEqual([
      ['a', 'عنوان', false],
      ['b', 'عنوان', true],
    ]);
    expect(reads.sort()).toEqual(['a', 'b']);
  });

  it('keeps what it found in its file for the next start, and trusts it only while the files agree', async () => {
    await writeFile(path.join(folder('b'), 'published.json'), '{}');
    await listed();
    await index.close();
    index = new LibraryIndex(root, async (slug) => {
      reads.push(`again ${slug}`);
      return JSON.parse(await readFile(path.join(folder(slug), 'document.json'), 'utf8')) as BilingualDocument;
    });
    expect(await listed()).toEqual([
      ['a', 'عنوان', false],
      ['b', 'عنوان', true],
    ]);
    expect(reads.filter((r) => r.startsWith('again'))).toEqual([]);
    await rm(path.join(folder('b'), 'published.json'));
    expect(await listed()).toContainEqual(['b', 'عنوان', false]);
  });
});
