import { stat } from 'node:fs/promises';
import path from 'node:path';
import {
  addGlossaryEntry,
  deleteGlossaryEntry,
  GLOSSARY_SCHEMA_VERSION,
  isModelError,
  parseGlossaryFile,
  updateGlossaryEntry,
  type CreateGlossaryEntryRequest,
  type GlossaryEntry,
  type UpdateGlossaryEntryRequest,
} from '@/lib/model';
import type { GlossaryChangeMeta, GlossaryStore } from './glossary-store';
import { newRowId } from './ids';
import { readJsonFile, writeJsonAtomic } from './json-file';
import { KeyedLock } from './keyed-lock';

const GLOSSARY_FILE = 'glossary.json';
const LOCK_KEY = 'glossary';
/** The file as messages name it, whatever the content folder. */
const LABEL = `content/${GLOSSARY_FILE}`;

/**
 * The glossary as `<root>/glossary.json`. The parsed entries are cached against the file's mtime and size, so a
 * hand edit is picked up and the editor page does not re-parse the file on every load.
 */
export class FileGlossaryStore implements GlossaryStore {
  private readonly lock = new KeyedLock();
  private cache: { mtimeMs: number; size: number; entries: GlossaryEntry[] } | null = null;

  constructor(readonly root: string) {}

  private get file(): string {
    return path.join(this.root, GLOSSARY_FILE);
  }

  async list(): Promise<GlossaryEntry[]> {
    let info;
    try {
      info = await stat(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      this.cache = null;
      return [];
    }
    if (this.cache && this.cache.mtimeMs === info.mtimeMs && this.cache.size === info.size) return this.cache.entries;
    let raw: unknown;
    try {
      raw = await readJsonFile(this.file, LABEL);
    } catch (e) {
      // Removed between the stat and the read.
      if (isModelError(e, 'not-found')) return [];
      throw e;
    }
    const { entries } = parseGlossaryFile(raw, LABEL);
    this.cache = { mtimeMs: info.mtimeMs, size: info.size, entries };
    return entries;
  }

  private change<T>(make: (entries: GlossaryEntry[]) => { entries: GlossaryEntry[]; result: T }): Promise<T> {
    return this.lock.run(LOCK_KEY, async () => {
      const out = make(await this.list());
      const valid = parseGlossaryFile({ schemaVersion: GLOSSARY_SCHEMA_VERSION, entries: out.entries }, LABEL, 'invalid');
      await writeJsonAtomic(this.file, valid);
      const info = await stat(this.file);
      this.cache = { mtimeMs: info.mtimeMs, size: info.size, entries: valid.entries };
      return out.result;
    });
  }

  add(request: CreateGlossaryEntryRequest, meta: GlossaryChangeMeta): Promise<GlossaryEntry> {
    return this.change((entries) => {
      const out = addGlossaryEntry(entries, request, { ...meta, newId: newRowId });
      return { entries: out.entries, result: out.entry };
    });
  }

  update(id: string, request: UpdateGlossaryEntryRequest, meta: GlossaryChangeMeta): Promise<GlossaryEntry> {
    return this.change((entries) => {
      const out = updateGlossaryEntry(entries, id, request, meta);
      return { entries: out.entries, result: out.entry };
    });
  }

  delete(id: string): Promise<void> {
    return this.change((entries) => ({ entries: deleteGlossaryEntry(entries, id), result: undefined }));
  }
}
