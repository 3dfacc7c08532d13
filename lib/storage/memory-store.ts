import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  emptyMemory,
  isModelError,
  parseMemory,
  parseWith,
  tmKey,
  translationMemorySchema,
  upsertEntries,
  type TmEntry,
  type TmEntryInput,
  type TranslationMemory,
  type UpsertResult,
} from '@/lib/model';
import { newRowId } from './ids';
import { readJsonFile, writeJsonAtomic } from './json-file';
import { KeyedLock } from './keyed-lock';

/** What an upsert reports: how many pairs were added, replaced or already there. */
export type MemoryUpsertCounts = Pick<UpsertResult, 'added' | 'replaced' | 'unchanged'>;

/**
 * The translation memory shared by all documents. The file store is the embedded default; every method
 * validates what it reads and writes.
 */
export interface MemoryStore {
  /**
   * Every entry. The same array comes back until the memory changes, so the matching index built over it
   * (lib/model/tm.ts) is reused. A missing file is an empty memory; a broken one throws ModelError 'corrupt'.
   */
  list(): Promise<readonly TmEntry[]>;
  /** Adds or replaces pairs (one entry per folded source and language pair), as one write. */
  upsert(inputs: readonly TmEntryInput[], user: string | null): Promise<MemoryUpsertCounts>;
  /** Replaces the whole memory with these pairs (a rebuild from the documents). */
  replaceAll(inputs: readonly TmEntryInput[], user: string | null): Promise<MemoryUpsertCounts>;
}

const MEMORY_FILE = 'memory.json';
const LABEL = `content/${MEMORY_FILE}`;

/**
 * The memory as one pretty-printed JSON file, `<root>/memory.json`, hand-editable: it is read again when its
 * mtime or size changes. Writes run one after another under a lock and replace the file atomically.
 */
export class FileMemoryStore implements MemoryStore {
  private readonly lock = new KeyedLock();
  private cache: { mtimeMs: number; size: number; memory: TranslationMemory } | null = null;

  constructor(
    readonly root: string,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  private get file(): string {
    return path.join(this.root, MEMORY_FILE);
  }

  private async read(): Promise<TranslationMemory> {
    let info;
    try {
      info = await stat(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return (this.cache = null), emptyMemory();
      throw e;
    }
    if (this.cache && this.cache.mtimeMs === info.mtimeMs && this.cache.size === info.size) return this.cache.memory;
    let raw: unknown;
    try {
      raw = await readJsonFile(this.file, LABEL);
    } catch (e) {
      // Deleted between the stat and the read.
      if (isModelError(e, 'not-found')) return emptyMemory();
      throw e;
    }
    const memory = parseMemory(raw, LABEL);
    this.cache = { mtimeMs: info.mtimeMs, size: info.size, memory };
    return memory;
  }

  async list(): Promise<readonly TmEntry[]> {
    return (await this.read()).entries;
  }

  upsert(inputs: readonly TmEntryInput[], user: string | null): Promise<MemoryUpsertCounts> {
    return this.change((memory) => upsertEntries(memory, inputs, { now: this.now(), user, newId: newRowId }));
  }

  replaceAll(inputs: readonly TmEntryInput[], user: string | null): Promise<MemoryUpsertCounts> {
    return this.change((memory) => {
      // Entries that come back keep their ids (and their dates, when their text is the same); the rest are gone.
      const old = new Map(memory.entries.map((e) => [tmKey(e), e]));
      const fresh = upsertEntries(emptyMemory(), inputs, { now: this.now(), user, newId: newRowId });
      const entries = fresh.memory.entries.map((e) => {
        const was = old.get(tmKey(e));
        if (!was) return e;
        return was.source === e.source && was.target === e.target && was.origin.slug === e.origin.slug && was.origin.rowId === e.origin.rowId ? was : { ...e, id: was.id };
      });
      const replaced = entries.filter((e) => old.has(tmKey(e)) && old.get(tmKey(e)) !== e).length;
      const unchanged = entries.filter((e) => old.get(tmKey(e)) === e).length;
      return {
        memory: { ...fresh.memory, entries },
        added: entries.length - replaced - unchanged,
        replaced,
        unchanged,
        changed: true,
      };
    });
  }

  private change(make: (memory: TranslationMemory) => UpsertResult | Promise<UpsertResult>): Promise<MemoryUpsertCounts> {
    return this.lock.run(MEMORY_FILE, async () => {
      const result = await make(await this.read());
      if (result.changed) {
        // Checked against the schema before it is written (upserts keep one entry per source); the unchanged
        // entries' objects are kept, and with them the matching index's work on them (lib/model/tm.ts).
        const valid = parseWith(translationMemorySchema, result.memory, LABEL, 'invalid');
        await mkdir(this.root, { recursive: true });
        await writeJsonAtomic(this.file, valid);
        const info = await stat(this.file);
        this.cache = { mtimeMs: info.mtimeMs, size: info.size, memory: result.memory };
      }
      return { added: result.added, replaced: result.replaced, unchanged: result.unchanged };
    });
  }
}
