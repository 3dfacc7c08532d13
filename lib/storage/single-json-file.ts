import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isModelError } from '@/lib/model';
import { readJsonFile, writeJsonAtomic } from './json-file';
import { KeyedLock } from './keyed-lock';

/** How a store reads, checks and starts its file. */
export interface SingleJsonFileOptions<T> {
  /** The file's path. */
  file: string;
  /** The file as messages name it (`content/glossary.json`), whatever the content folder. */
  label: string;
  /** Validates what was read; throws ModelError 'corrupt' naming the field. */
  parse: (raw: unknown, label: string) => T;
  /** Validates what is about to be written; throws ModelError 'invalid'. Returns what goes on disk. */
  check: (value: T, label: string) => unknown;
  /** The value of a file that does not exist yet. */
  empty: () => T;
}

/**
 * One hand-editable JSON file of the content folder that a store keeps whole (the glossary, the memory). The
 * parsed value is cached against the file's mtime and size, so a hand edit is picked up and a page load does
 * not re-parse it; a missing file is the empty value. Changes run one after another under a lock, are checked,
 * and replace the file atomically; the cache then holds the value as the change made it (its objects kept, so
 * work done on them, like the memory's matching index, carries over).
 */
export class SingleJsonFile<T> {
  private readonly lock = new KeyedLock();
  private cache: { mtimeMs: number; size: number; value: T } | null = null;

  constructor(private readonly options: SingleJsonFileOptions<T>) {}

  async read(): Promise<T> {
    const { file, label, parse, empty } = this.options;
    let info;
    try {
      info = await stat(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      this.cache = null;
      return empty();
    }
    if (this.cache && this.cache.mtimeMs === info.mtimeMs && this.cache.size === info.size) return this.cache.value;
    let raw: unknown;
    try {
      raw = await readJsonFile(file, label);
    } catch (e) {
      // Removed between the stat and the read.
      if (isModelError(e, 'not-found')) return empty();
      throw e;
    }
    const value = parse(raw, label);
    this.cache = { mtimeMs: info.mtimeMs, size: info.size, value };
    return value;
  }

  /** Runs `change` on the current value under the lock; writes `next` when it gives one. */
  change<R>(change: (value: T) => { next?: T; result: R } | Promise<{ next?: T; result: R }>): Promise<R> {
    const { file, label, check } = this.options;
    return this.lock.run(file, async () => {
      const { next, result } = await change(await this.read());
      if (next !== undefined) {
        const onDisk = check(next, label);
        await mkdir(path.dirname(file), { recursive: true });
        await writeJsonAtomic(file, onDisk);
        const info = await stat(file);
        this.cache = { mtimeMs: info.mtimeMs, size: info.size, value: next };
      }
      return result;
    });
  }
}
