import path from 'node:path';
import {
  concordance,
  emptyMemory,
  findMatches,
  parseMemory,
  parseWith,
  memoryKey,
  translationMemorySchema,
  upsertEntries,
  type MemoryEntry,
  type ConcordanceHit,
  type MatchOptions,
  type MemoryEntryInput,
  type MemoryMatch,
  type TranslationMemory,
  type UpsertResult,
} from '@/lib/model';
import { now as clockNow } from '@/lib/clock';
import { newRowId } from './ids';
import { SingleJsonFile } from './single-json-file';

/** What an upsert reports: how many pairs were added, replaced or already there. */
export type MemoryUpsertCounts = Pick<UpsertResult, 'added' | 'replaced' | 'unchanged'>;

/**
 * The translation memory shared by all documents. The file store is the embedded default; every method
 * validates what it reads and writes.
 */
export interface MemoryStore {
  /**
   * Every entry. The same array comes back until the memory changes, so the matching index built over it
   * (lib/model/memory/match.ts) is reused. A missing file is an empty memory; a broken one throws ModelError 'corrupt'.
   */
  list(): Promise<readonly MemoryEntry[]>;
  /** Adds or replaces pairs (one entry per folded source and language pair), as one write. */
  upsert(inputs: readonly MemoryEntryInput[], user: string | null): Promise<MemoryUpsertCounts>;
  /** Replaces the whole memory with these pairs (a rebuild from the documents). */
  replaceAll(inputs: readonly MemoryEntryInput[], user: string | null): Promise<MemoryUpsertCounts>;
  /**
   * The best matches for `query`, scored by lib/model's findMatches; the PostgreSQL store scores only the candidates
   * its trigram index finds.
   */
  findMatches(query: string, options: MatchOptions): Promise<MemoryMatch[]>;
  /** Entries containing `query` in their source or translation (lib/model's concordance): at most `limit`, and the total. */
  concordance(query: string, limit: number): Promise<{ hits: ConcordanceHit[]; total: number }>;
  /** Releases connections (scripts and tests). */
  close(): Promise<void>;
}

const MEMORY_FILE = 'memory.json';
const LABEL = `content/${MEMORY_FILE}`;

/**
 * The memory as one pretty-printed JSON file, `<root>/memory.json`, hand-editable: it is read again when its
 * mtime or size changes. Writes run one after another under a lock and replace the file atomically.
 */
export class FileMemoryStore implements MemoryStore {
  private readonly store: SingleJsonFile<TranslationMemory>;

  constructor(
    readonly root: string,
    private readonly now: () => string = clockNow,
  ) {
    this.store = new SingleJsonFile({
      file: path.join(root, MEMORY_FILE),
      label: LABEL,
      parse: parseMemory,
      // Checked against the schema before it is written (upserts keep one entry per source); the unchanged
      // entries' objects stay in the cache, and with them the matching index's work on them (lib/model/memory/match.ts).
      check: (memory, label) => parseWith(translationMemorySchema, memory, label, 'invalid'),
      empty: emptyMemory,
    });
  }

  async list(): Promise<readonly MemoryEntry[]> {
    return (await this.store.read()).entries;
  }

  async findMatches(query: string, options: MatchOptions): Promise<MemoryMatch[]> {
    return findMatches(query, await this.list(), options);
  }

  async concordance(query: string, limit: number): Promise<{ hits: ConcordanceHit[]; total: number }> {
    return concordance(query, await this.list(), { limit });
  }

  async close(): Promise<void> {}

  upsert(inputs: readonly MemoryEntryInput[], user: string | null): Promise<MemoryUpsertCounts> {
    return this.change((memory) => upsertEntries(memory, inputs, { now: this.now(), user, newId: newRowId }));
  }

  replaceAll(inputs: readonly MemoryEntryInput[], user: string | null): Promise<MemoryUpsertCounts> {
    return this.change((memory) => {
      // Entries that come back keep their ids (and their dates, when their text is the same); the rest are gone.
      const old = new Map(memory.entries.map((e) => [memoryKey(e), e]));
      const fresh = upsertEntries(emptyMemory(), inputs, { now: this.now(), user, newId: newRowId });
      const entries = fresh.memory.entries.map((e) => {
        const was = old.get(memoryKey(e));
        if (!was) return e;
        return was.source === e.source && was.target === e.target && was.origin.slug === e.origin.slug && was.origin.rowId === e.origin.rowId ? was : { ...e, id: was.id };
      });
      const replaced = entries.filter((e) => old.has(memoryKey(e)) && old.get(memoryKey(e)) !== e).length;
      const unchanged = entries.filter((e) => old.get(memoryKey(e)) === e).length;
      return {
        memory: { ...fresh.memory, entries },
        added: entries.length - replaced - unchanged,
        replaced,
        unchanged,
        changed: true,
      };
    });
  }

  private change(make: (memory: TranslationMemory) => UpsertResult): Promise<MemoryUpsertCounts> {
    return this.store.change((memory) => {
      const result = make(memory);
      return {
        ...(result.changed && { next: result.memory }),
        result: { added: result.added, replaced: result.replaced, unchanged: result.unchanged },
      };
    });
  }
}
