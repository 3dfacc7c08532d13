import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isModelError, type ModelErrorCode } from '@/lib/model';
import { FileGlossaryStore } from './file-glossary-store';

const META = { now: '2025-05-12T09:00:00.000Z', user: 'layla' };

async function expectModelError(promise: Promise<unknown>, code: ModelErrorCode): Promise<Error> {
  const caught = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isModelError(caught, code), String(caught)).toBe(true);
  return caught as Error;
}

describe('FileGlossaryStore', () => {
  let root: string;
  let store: FileGlossaryStore;
  const file = () => path.join(root, 'glossary.json');

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'glossary-store-'));
    store = new FileGlossaryStore(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads a missing file as an empty glossary', async () => {
    expect(await store.list()).toEqual([]);
  });

  it('adds, updates and deletes entries, writing pretty JSON with a stable key order', async () => {
    const a = await store.add({ term: 'حفتر', rendering: 'Haftar', note: 'the field marshal' }, META);
    expect(a.id).toMatch(/^[a-z0-9]{10}$/);
    const b = await store.add({ term: 'بوتين', rendering: 'Putin' }, META);
    const onDisk = JSON.parse(await readFile(file(), 'utf8'));
    expect(onDisk).toEqual({ schemaVersion: 1, entries: [a, b] });
    expect(Object.keys(onDisk.entries[0])).toEqual(['id', 'term', 'rendering', 'note', 'updatedAt', 'updatedBy']);
    expect(await readFile(file(), 'utf8')).toMatch(/^\{\n {2}"schemaVersion": 1,\n/);

    const changed = await store.update(a.id, { note: '' }, { now: '2025-06-01T00:00:00.000Z', user: 'omar' });
    expect(changed).toEqual({ id: a.id, term: 'حفتر', rendering: 'Haftar', updatedAt: '2025-06-01T00:00:00.000Z', updatedBy: 'omar' });
    await store.delete(b.id);
    // A fresh store reads what the first one wrote.
    expect(await new FileGlossaryStore(root).list()).toEqual([changed]);
  });

  it('refuses duplicates and unknown ids and leaves the file as it was', async () => {
    const a = await store.add({ term: 'الأمم المتحدة', rendering: 'United Nations' }, META);
    const before = await readFile(file(), 'utf8');
    await expectModelError(store.add({ term: 'امم المتحدة', rendering: 'UN' }, META), 'exists');
    await expectModelError(store.update('zzzzzzzzzz', { rendering: 'x' }, META), 'not-found');
    await expectModelError(store.delete('zzzzzzzzzz'), 'not-found');
    expect(await readFile(file(), 'utf8')).toBe(before);
    expect(await store.list()).toEqual([a]);
  });

  it('keeps both of two adds that arrive together', async () => {
    const terms = ['موسكو', 'روسيا', 'ليبيا', 'تركيا', 'طرابلس', 'إيطاليا'];
    await Promise.all(terms.map((term) => store.add({ term, rendering: term }, META)));
    expect((await store.list()).map((e) => e.term).sort()).toEqual([...terms].sort());
  });

  it('picks up a hand edit, and names the field of a broken file', async () => {
    await store.add({ term: 'حفتر', rendering: 'Haftar' }, META);
    const edited = JSON.parse(await readFile(file(), 'utf8'));
    edited.entries[0].rendering = 'Hifter';
    await writeFile(file(), JSON.stringify(edited));
    const later = new Date(Date.now() + 5000);
    await utimes(file(), later, later);
    expect((await store.list())[0]!.rendering).toBe('Hifter');

    edited.entries[0].rendering = '';
    await writeFile(file(), JSON.stringify(edited, null, 2));
    const evenLater = new Date(Date.now() + 10000);
    await utimes(file(), evenLater, evenLater);
    const e = await expectModelError(store.list(), 'corrupt');
    expect(e.message).toContain('content/glossary.json: entries[0].rendering');
    await expectModelError(store.add({ term: 'بوتين', rendering: 'Putin' }, META), 'corrupt');

    await writeFile(file(), '{ "schemaVersion": 1, ');
    await utimes(file(), new Date(Date.now() + 15000), new Date(Date.now() + 15000));
    expect((await expectModelError(store.list(), 'corrupt')).message).toContain('not valid JSON');
  });
});
