import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { targetFromText } from '@/lib/model';

/**
 * The row save feeding the memory, against a real content folder: the services read CONTENT_DIR when the stores
 * are first made, so it is set before they are imported.
 */
let root: string;
let documents: typeof import('./documents');
let memory: typeof import('./memory');
let storage: typeof import('@/lib/storage');

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'memory-service-'));
  process.env.CONTENT_DIR = root;
  documents = await import('./documents');
  memory = await import('./memory');
  storage = await import('@/lib/storage');
});
afterAll(async () => {
  delete process.env.CONTENT_DIR;
  await rm(root, { recursive: true, force: true });
});

const TEXT = 'لقاء مع وزير الدفاع الروسي\n\nوخلال اللقاء، أعرب الوزير بيلوسوف عن تقديره للدور الذي يلعبه حفتر في تعزيز الأمن والاستقرار في ليبيا.';

describe('feeding the memory from row saves', () => {
  it('remembers a row once it is translated, not while it is a draft', async () => {
    const doc = await documents.createDocument({ text: TEXT, slug: 'meeting' }, 'omar');
    const row = doc.rows[1]!;
    const draft = await documents.updateRow('meeting', row.id, { target: targetFromText(['During the meeting, Minister Belousov praised Haftar.']), baseRev: row.rev }, 'layla');
    expect(draft.status).toBe('draft');
    expect(await storage.getMemoryStore().list()).toEqual([]);

    const done = await documents.updateRow('meeting', row.id, { status: 'translated', baseRev: draft.rev }, 'layla');
    const entries = await storage.getMemoryStore().list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ source: row.source[0]!.text, target: 'During the meeting, Minister Belousov praised Haftar.', origin: { slug: 'meeting', rowId: row.id }, updatedBy: 'layla' });

    // Saved again as translated: the new English replaces the old.
    const again = await documents.updateRow(
      'meeting',
      row.id,
      { target: targetFromText(['During the meeting, Defence Minister Belousov praised Haftar’s role.']), status: 'translated', baseRev: done.rev },
      'layla',
    );
    expect((await storage.getMemoryStore().list())[0]!.target).toBe('During the meeting, Defence Minister Belousov praised Haftar’s role.');
    // An edit makes the row a draft again; the memory keeps its last finished translation.
    await documents.updateRow('meeting', row.id, { target: targetFromText(['Half-done']), baseRev: again.rev }, 'layla');
    expect((await storage.getMemoryStore().list())[0]!.target).toBe('During the meeting, Defence Minister Belousov praised Haftar’s role.');

    const { matches } = await memory.matchesForText('وخلال اللقاء، أعرب الجنرال بيلوسوف عن تقديره للدور الذي يلعبه حفتر في تعزيز الأمن والاستقرار في ليبيا.');
    expect(matches[0]!.score).toBeGreaterThan(0.9);
    // The row does not see its own entry while its source is unchanged.
    expect((await memory.matchesForRow('meeting', row.id)).matches).toEqual([]);
  });

  it('saves the row even when the memory file is broken, and leaves the file alone', async () => {
    const file = path.join(root, 'memory.json');
    await writeFile(file, '{"schemaVersion": 1, "entries": [{"id": 3}]}');
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const doc = await storage.getDocumentStore().get('meeting');
    const row = doc.rows[0]!;
    const saved = await documents.updateRow('meeting', row.id, { target: targetFromText(['A Meeting with the Russian Defence Minister']), status: 'translated', baseRev: row.rev }, 'layla');
    expect(saved.status).toBe('translated');
    expect((await storage.getDocumentStore().get('meeting')).rows[0]!.status).toBe('translated');
    expect(error).toHaveBeenCalledOnce();
    expect(String(error.mock.calls[0]![0])).toContain('was saved but not remembered');
    expect(await readFile(file, 'utf8')).toBe('{"schemaVersion": 1, "entries": [{"id": 3}]}');
    error.mockRestore();
  });

  it('rebuilds the memory from every document, and imports TMX with a report', async () => {
    await rm(path.join(root, 'memory.json'));
    // Row 1 is translated (above); row 2 went back to draft.
    const rebuilt = await memory.rebuildMemory(null);
    expect(rebuilt).toMatchObject({ added: 1, documents: 1 });
    const imported = await memory.importMemoryTmx(
      '<tmx version="1.4"><header/><body><tu><tuv xml:lang="ar-SA"><seg>رسالة دولية</seg></tuv><tuv xml:lang="en-GB"><seg>An international message</seg></tuv></tu><tu><tuv xml:lang="fr"><seg>x</seg></tuv></tu></body></tmx>',
      'omar',
    );
    expect(imported).toMatchObject({ units: 2, added: 1, replaced: 0, unchanged: 0 });
    expect(imported.skipped.map((s) => s.reason)).toEqual(['missing-language']);
    const { xml, count } = await memory.exportMemoryTmx();
    expect(count).toBe(2);
    expect(xml).toContain('<seg>An international message</seg>');
    expect((await memory.searchMemory('دولية', 10)).total).toBe(1);
  });
});
