import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import {
  getDocumentSummary,
  isModelError,
  ModelError,
  NOTES_SCHEMA_VERSION,
  notesFileSchema,
  parseDocument,
  parseWith,
  publishedSnapshotSchema,
  slugSchema,
  type BilingualDocument,
  type DocumentSummary,
  type Note,
  type PublishedSnapshot,
} from '@/lib/model';
import type { BrokenDocument, DocumentStore } from './document-store';
import { createJsonExclusive, readJsonFile, writeJsonAtomic } from './json-file';
import { KeyedLock } from './keyed-lock';

const DOCUMENT_FILE = 'document.json';
const NOTES_FILE = 'notes.json';
/** The frozen published snapshot the reading page shows. */
const PUBLISHED_FILE = 'published.json';
/** The last snapshot after an unpublish: kept so the next publication's version number counts on. */
const WITHDRAWN_FILE = 'withdrawn.json';

interface CacheEntry<T> {
  mtimeMs: number;
  size: number;
  value: T;
}

/** What a transaction sees and changes: a document and its notes. */
interface State {
  doc: BilingualDocument;
  notes: Note[];
}

type Change<T> = (state: State) => { doc?: BilingualDocument; notes?: Note[]; result: T };

/** A transaction waiting for its document's next write. */
interface Job {
  change: Change<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Settled = { job: Job; ok: true; result: unknown } | { job: Job; ok: false; error: unknown };

/**
 * Documents as JSON files: `<root>/documents/<slug>/document.json`. Parsed documents are cached and checked
 * against the file's mtime and size, so a hand edit is picked up while a save does not re-read 5 MB of JSON.
 */
export class FileDocumentStore implements DocumentStore {
  private readonly lock = new KeyedLock();
  private readonly cache = new Map<string, CacheEntry<BilingualDocument>>();
  private readonly notesCache = new Map<string, CacheEntry<Note[]>>();
  private readonly publishedCache = new Map<string, CacheEntry<PublishedSnapshot>>();
  /** Per document, the transactions that will go into its next write. */
  private readonly waiting = new Map<string, Job[]>();

  constructor(readonly root: string) {}

  private get documentsDir(): string {
    return path.join(this.root, 'documents');
  }

  /** The folder of a slug; the slug is validated first so it can never leave the content folder. */
  private folder(slug: string): string {
    if (!slugSchema.safeParse(slug).success) throw new ModelError('invalid', `"${slug}" is not a valid document slug`);
    return path.join(this.documentsDir, slug);
  }

  private file(slug: string): string {
    return path.join(this.folder(slug), DOCUMENT_FILE);
  }

  /** A label for messages: the file's path inside the content folder. */
  private label(slug: string, name = DOCUMENT_FILE): string {
    return `content/documents/${slug}/${name}`;
  }

  async list(): Promise<{ documents: DocumentSummary[]; broken: BrokenDocument[] }> {
    let names: string[];
    try {
      names = (await readdir(this.documentsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { documents: [], broken: [] };
      throw e;
    }
    const documents: DocumentSummary[] = [];
    const broken: BrokenDocument[] = [];
    for (const slug of names.sort()) {
      if (!slugSchema.safeParse(slug).success) continue;
      try {
        const doc = await this.get(slug);
        documents.push(getDocumentSummary(doc, await this.exists(path.join(this.folder(slug), PUBLISHED_FILE))));
      } catch (e) {
        if (isModelError(e, 'not-found')) continue;
        broken.push({ slug, error: e instanceof Error ? e.message : String(e) });
      }
    }
    documents.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return { documents, broken };
  }

  private async exists(file: string): Promise<boolean> {
    try {
      await stat(file);
      return true;
    } catch {
      return false;
    }
  }

  async has(slug: string): Promise<boolean> {
    try {
      await stat(this.file(slug));
      return true;
    } catch {
      return false;
    }
  }

  async get(slug: string): Promise<BilingualDocument> {
    const file = this.file(slug);
    let info;
    try {
      info = await stat(file);
    } catch {
      this.cache.delete(slug);
      throw new ModelError('not-found', `document "${slug}" does not exist`);
    }
    const cached = this.cache.get(slug);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.value;
    const doc = parseDocument(await readJsonFile(file, this.label(slug)), this.label(slug));
    if (doc.slug !== slug) {
      throw new ModelError('corrupt', `${this.label(slug)}: slug: is "${doc.slug}" but the folder is "${slug}"`);
    }
    this.cache.set(slug, { mtimeMs: info.mtimeMs, size: info.size, value: doc });
    return doc;
  }

  async getNotes(slug: string): Promise<Note[]> {
    await this.get(slug);
    const file = path.join(this.folder(slug), NOTES_FILE);
    let info;
    try {
      info = await stat(file);
    } catch {
      this.notesCache.delete(slug);
      return [];
    }
    const cached = this.notesCache.get(slug);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.value;
    const label = this.label(slug, NOTES_FILE);
    const { notes } = parseWith(notesFileSchema, await readJsonFile(file, label), label, 'corrupt');
    this.notesCache.set(slug, { mtimeMs: info.mtimeMs, size: info.size, value: notes });
    return notes;
  }

  /**
   * Changes to one document run one after another, each on the result of the one before. Changes that arrive
   * while the document is being written are applied together and written once (group commit): with a 5,000-row
   * document a write (4 MB, fsync) takes about 100 ms, and writing once per change would queue twenty editors'
   * saves for two seconds. Each caller's promise settles only after the write that holds its change.
   */
  transact<T>(slug: string, change: Change<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let batch = this.waiting.get(slug);
      if (!batch) {
        const jobs: Job[] = [];
        batch = jobs;
        this.waiting.set(slug, jobs);
        void this.lock.run(slug, () => this.commit(slug, jobs));
      }
      batch.push({ change, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  /** Applies a batch of changes and writes the outcome once; settles every caller. Never throws. */
  private async commit(slug: string, jobs: Job[]): Promise<void> {
    // Changes that arrive from now on wait for the next write.
    if (this.waiting.get(slug) === jobs) this.waiting.delete(slug);
    let start: State;
    try {
      start = { doc: await this.get(slug), notes: await this.getNotes(slug) };
    } catch (e) {
      for (const job of jobs) job.reject(e);
      return;
    }
    // Validating a large document takes ~20 ms: once per batch, not once per change. Only when the batch's outcome
    // is invalid are the changes applied again one by one, validating each, so that only the change that broke
    // the document is refused.
    let outcome = this.apply(slug, start, jobs, false);
    try {
      outcome.state = this.validate(slug, start, outcome.state);
    } catch {
      outcome = this.apply(slug, start, jobs, true);
    }
    const accepted = outcome.settled.filter((s) => s.ok);
    try {
      if (outcome.state.doc !== start.doc) await this.write(outcome.state.doc);
      if (outcome.state.notes !== start.notes) await this.writeNotes(slug, outcome.state.notes);
    } catch (e) {
      for (const s of accepted) s.job.reject(e);
      for (const s of outcome.settled) if (!s.ok) s.job.reject(s.error);
      return;
    }
    for (const s of outcome.settled) {
      if (s.ok) s.job.resolve(s.result);
      else s.job.reject(s.error);
    }
  }

  /** Runs each change on the state the previous ones left; a change that throws leaves the state as it was. */
  private apply(slug: string, start: State, jobs: Job[], validateEach: boolean): { state: State; settled: Settled[] } {
    let state = start;
    const settled: Settled[] = [];
    for (const job of jobs) {
      try {
        const out = job.change(state);
        if (out.doc && out.doc.slug !== slug) throw new ModelError('invalid', 'a document cannot change its slug');
        const next = { doc: out.doc ?? state.doc, notes: out.notes ?? state.notes };
        state = validateEach ? this.validate(slug, state, next) : next;
        settled.push({ job, ok: true, result: out.result });
      } catch (error) {
        settled.push({ job, ok: false, error });
      }
    }
    return { state, settled };
  }

  /** The changed parts of `next` (document, notes) validated with their schemas, in schema key order. */
  private validate(slug: string, before: State, next: State): State {
    const doc = next.doc === before.doc ? before.doc : parseDocument(next.doc, this.label(slug));
    const notes =
      next.notes === before.notes
        ? before.notes
        : parseWith(notesFileSchema, { schemaVersion: NOTES_SCHEMA_VERSION, notes: next.notes }, this.label(slug, NOTES_FILE)).notes;
    return { doc, notes };
  }

  /** Writes notes already validated by `validate`. */
  private async writeNotes(slug: string, notes: Note[]): Promise<void> {
    const file = path.join(this.folder(slug), NOTES_FILE);
    await writeJsonAtomic(file, { schemaVersion: NOTES_SCHEMA_VERSION, notes });
    const info = await stat(file);
    this.notesCache.set(slug, { mtimeMs: info.mtimeMs, size: info.size, value: notes });
  }

  async create(doc: BilingualDocument): Promise<void> {
    const valid = parseDocument(doc, 'new document', 'invalid');
    await mkdir(this.documentsDir, { recursive: true });
    await this.lock.run(valid.slug, async () => {
      // The folder may exist without a document (an interrupted create, a hand deletion): that does not hold the
      // slug. The document file itself is created exclusively, so of two creates of one slug, even from two
      // processes, exactly one wins.
      await mkdir(this.folder(valid.slug), { recursive: true });
      const file = this.file(valid.slug);
      try {
        await createJsonExclusive(file, valid);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new ModelError('exists', `a document with the slug "${valid.slug}" already exists`);
        }
        throw e;
      }
      const info = await stat(file);
      this.cache.set(valid.slug, { mtimeMs: info.mtimeMs, size: info.size, value: valid });
    });
  }

  update<T>(slug: string, change: (doc: BilingualDocument) => { doc: BilingualDocument; result: T }): Promise<T> {
    return this.transact(slug, ({ doc }) => change(doc));
  }

  private async write(doc: BilingualDocument): Promise<void> {
    const file = this.file(doc.slug);
    await writeJsonAtomic(file, doc);
    const info = await stat(file);
    this.cache.set(doc.slug, { mtimeMs: info.mtimeMs, size: info.size, value: doc });
  }

  /** A snapshot file (published or withdrawn), validated and cached by mtime and size; null when there is none. */
  private async readSnapshot(slug: string, name: string): Promise<PublishedSnapshot | null> {
    const file = path.join(this.folder(slug), name);
    const key = `${slug}/${name}`;
    let info;
    try {
      info = await stat(file);
    } catch {
      this.publishedCache.delete(key);
      return null;
    }
    const cached = this.publishedCache.get(key);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.value;
    const label = this.label(slug, name);
    let snapshot: PublishedSnapshot;
    try {
      snapshot = parseWith(publishedSnapshotSchema, await readJsonFile(file, label), label, 'corrupt');
    } catch (e) {
      // Removed between the stat and the read: an unpublish that just happened.
      if (isModelError(e, 'not-found')) return null;
      throw e;
    }
    if (snapshot.slug !== slug) throw new ModelError('corrupt', `${label}: slug: is "${snapshot.slug}" but the folder is "${slug}"`);
    this.publishedCache.set(key, { mtimeMs: info.mtimeMs, size: info.size, value: snapshot });
    return snapshot;
  }

  getPublished(slug: string): Promise<PublishedSnapshot | null> {
    return this.readSnapshot(slug, PUBLISHED_FILE);
  }

  publish(
    slug: string,
    make: (state: { doc: BilingualDocument; notes: Note[]; previous: PublishedSnapshot | null }) => PublishedSnapshot,
  ): Promise<{ snapshot: PublishedSnapshot; replaced: boolean }> {
    return this.lock.run(slug, async () => {
      const doc = await this.get(slug);
      const notes = await this.getNotes(slug);
      const current = await this.readSnapshot(slug, PUBLISHED_FILE);
      // A withdrawn snapshot that cannot be read only loses the version count: publishing must still work.
      const previous = current ?? (await this.readSnapshot(slug, WITHDRAWN_FILE).catch(() => null));
      const label = this.label(slug, PUBLISHED_FILE);
      const snapshot = parseWith(publishedSnapshotSchema, make({ doc, notes, previous }), label, 'invalid');
      if (snapshot.slug !== slug) throw new ModelError('invalid', 'a published snapshot cannot change its slug');
      const file = path.join(this.folder(slug), PUBLISHED_FILE);
      await writeJsonAtomic(file, snapshot);
      const info = await stat(file);
      this.publishedCache.set(`${slug}/${PUBLISHED_FILE}`, { mtimeMs: info.mtimeMs, size: info.size, value: snapshot });
      await this.removeIfThere(path.join(this.folder(slug), WITHDRAWN_FILE));
      this.publishedCache.delete(`${slug}/${WITHDRAWN_FILE}`);
      return { snapshot, replaced: current !== null };
    });
  }

  unpublish(slug: string): Promise<PublishedSnapshot | null> {
    return this.lock.run(slug, async () => {
      const folder = this.folder(slug);
      let current: PublishedSnapshot | null;
      try {
        current = await this.readSnapshot(slug, PUBLISHED_FILE);
      } catch (e) {
        // A broken published.json must still be removable: the page comes down, the version count restarts.
        if (!isModelError(e, 'corrupt')) throw e;
        await this.removeIfThere(path.join(folder, PUBLISHED_FILE));
        this.publishedCache.delete(`${slug}/${PUBLISHED_FILE}`);
        return null;
      }
      if (!current) return null;
      // One rename: readers see the page either up or down, never half.
      await rename(path.join(folder, PUBLISHED_FILE), path.join(folder, WITHDRAWN_FILE));
      this.publishedCache.delete(`${slug}/${PUBLISHED_FILE}`);
      this.publishedCache.delete(`${slug}/${WITHDRAWN_FILE}`);
      return current;
    });
  }

  private async removeIfThere(file: string): Promise<void> {
    try {
      await unlink(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}
