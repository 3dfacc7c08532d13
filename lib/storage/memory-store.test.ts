import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelError, type MemoryEntryInput } from '@/lib/model';
import { FileMemoryStore } from './memory-store';

const NOW = '2026-05-10T09:00:00.000Z';

function pair(source: string, target: string, origin: MemoryEntryInput['origin'] = {}): MemoryEntryInput {
  return { sourceLang: 'ar', targetLang: 'en', source, target, origin };
}

describe('FileMemoryStore', () => {
  let root: string;
  let store: FileMemoryStore;

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'memory-store-'));
    store = new FileMemoryStore(root, () => NOW);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is empty without a file, and writes nothing for nothing', async () => {
    expect(await store.list()).toEqual([]);
    expect(await store.upsert([], null)).toEqual({ added: 0, replaced: 0, unchanged: 0 });
    await expect(readFile(path.join(root, 'memory.json'))).rejects.toThrow();
  });

  it('writes pretty JSON that it reads back, and hands out the same array until a write', async () => {
    expect(await store.upsert([pair('لقاء مع وزير الدفاع الروسي', 'A Meeting with the Russian Defence Minister', { slug: 'doc', rowId: 'aaaaaaaaaa' })], 'layla')).toEqual({
      added: 1,
      replaced: 0,
      unchanged: 0,
    });
    const text = await readFile(path.join(root, 'memory.json'), 'utf8');
    expect(text).toMatch(/^\{\n {2}"schemaVersion": 1,\n {2}"entries": \[\n/);
    const first = await store.list();
    expect(first[0]).toMatchObject({ source: 'لقاء مع وزير الدفاع الروسي', updatedBy: 'layla', updatedAt: NOW, origin: { slug: 'doc', rowId: 'aaaaaaaaaa' } });
    expect(await store.list()).toBe(first);
    // Another process (or a person) reads the same file.
    expect(await new FileMemoryStore(root).list()).toEqual(first);
  });

  it('replaces a translation of the same source', async () => {
    await store.upsert([pair('لقاء مع وزير الدفاع الروسي', 'Meeting')], null);
    expect(await store.upsert([pair('لقاءٌ مع وزير الدفاع الروسي', 'A Meeting with the Russian Defence Minister')], null)).toMatchObject({ replaced: 1 });
    const list = await store.list();
    expect(list).toHaveLength(1);
    expect(list[0]!.target).toBe('A Meeting with the Russian Defence Minister');
  });

  it('loses no write when many arrive together', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.upsert([pair(`فقرة رقم ${i}`, `Paragraph ${i}`)], null)));
    expect(await store.list()).toHaveLength(20);
  });

  it('picks up a hand edit, and names the field of a broken file', async () => {
    await store.upsert([pair('لقاء', 'Meeting')], null);
    const file = path.join(root, 'memory.json');
    const json = JSON.parse(await readFile(file, 'utf8'));
    json.entries[0].target = 'A meeting, edited by hand';
    await writeFile(file, JSON.stringify(json, null, 2));
    expect((await store.list())[0]!.target).toBe('A meeting, edited by hand');

    json.entries[0].sourceLang = 'not a tag!';
    await writeFile(file, JSON.stringify(json));
    const error = await store.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe('corrupt');
    expect((error as ModelError).message).toMatch(/^content\/memory.json: entries\[0\].sourceLang: /);
    // Nothing is written over a broken file.
    await expect(store.upsert([pair('جديد', 'new')], null)).rejects.toThrow(/memory.json/);
    await writeFile(file, '{"schemaVersion": 1, "entries": [');
    await expect(store.list()).rejects.toThrow(/^content\/memory.json: not valid JSON/);
  });

  it('replaceAll keeps the ids of entries that come back and drops the rest', async () => {
    await store.upsert([pair('لقاء', 'Meeting'), pair('زيارة', 'Visit')], null);
    const [meeting] = await store.list();
    expect(await store.replaceAll([pair('لقاء', 'A meeting'), pair('رسالة', 'Message')], null)).toEqual({ added: 1, replaced: 1, unchanged: 0 });
    const list = await store.list();
    expect(list.map((e) => e.target)).toEqual(['A meeting', 'Message']);
    expect(list[0]!.id).toBe(meeting!.id);
  });
});
