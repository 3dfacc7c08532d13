import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import {
  describeCommit,
  getRevisions,
  getRowHistory,
  isModelError,
  ModelError,
  NOTES_SCHEMA_VERSION,
  notesFileSchema,
  inTurns,
  parseDocument,
  parseDocumentSteps,
  parseWith,
  publishedSnapshotSchema,
  queryLibrary,
  revisionOf,
  settleDocumentRows,
  settleTextRev,
  slugSchema,
  type BilingualDocument,
  type DocumentSummary,
  type LibraryPage,
  type LibraryQuery,
  type Note,
  type PublishedSnapshot,
  type RowRevision,
  type RowsDiff,
} from '@/lib/model';
import type { BrokenDocument, CommitMeta, DocumentStore, NotesChange, RowChange } from './document-store';
import { MemoryEventBus } from './events';
import { HistoryFile } from './file-history';
import { createJsonExclusive, readJsonFile, writeJsonAtomic } from './json-file';
import { KeyedLock } from './keyed-lock';
import { LibraryIndex } from './library-index';
import { now as clockNow } from '@/lib/clock';

const DOCUMENT_FILE = 'document.json';
const NOTES_FILE = 'notes.json';
/** The frozen published snapshot the reading page shows. */
const PUBLISHED_FILE = 'published.json';
/** The last snapshot after an unpublish: kept so the next publication's version number counts on. */
const WITHDRAWN_FILE = 'withdrawn.json';
/** The rows' history: one revision a line, appended (see lib/storage/file-history.ts). */
export const HISTORY_FILE = 'history.jsonl';

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
  meta: CommitMeta;
  /** The one row a row change may change: its diff looks at that row only. */
  rowId?: string;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Settled =
  | { job: Job; ok: true; result: unknown; rows: RowsDiff; notes: { before: Note[]; after: Note[] } }
  | { job: Job; ok: false; error: unknown };

const NO_ROWS: RowsDiff = { changed: [], added: [], removed: [] };

/** The meta of a change whose caller named none (scripts, older callers). */
function defaultMeta(): CommitMeta {
  return { kind: 'other', now: clockNow(), user: null };
}

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
  private readonly histories = new Map<string, HistoryFile>();
  private readonly index: LibraryIndex;
  readonly events = new MemoryEventBus();

  constructor(readonly root: string) {
    this.index = new LibraryIndex(root, (slug) => this.get(slug));
  }

  private history(slug: string): HistoryFile {
    let h = this.histories.get(slug);
    if (!h) this.histories.set(slug, (h = new HistoryFile(path.join(this.folder(slug), HISTORY_FILE), this.label(slug, HISTORY_FILE))));
    return h;
  }

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

  list(): Promise<{ documents: DocumentSummary[]; broken: BrokenDocument[] }> {
    return this.index.list();
  }

  async findDocuments(query: LibraryQuery): Promise<LibraryPage & { broken: BrokenDocument[] }> {
    const { documents, broken } = await this.index.list();
    return { ...queryLibrary(documents, query), broken };
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
  transact<T>(slug: string, change: Change<T>, meta: CommitMeta = defaultMeta(), rowId?: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let batch = this.waiting.get(slug);
      if (!batch) {
        const jobs: Job[] = [];
        batch = jobs;
        this.waiting.set(slug, jobs);
        void this.lock.run(slug, () => this.commit(slug, jobs));
      }
      batch.push({ change, meta, rowId, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  transactRow<T>(slug: string, rowId: string, change: RowChange<T>, meta: CommitMeta): Promise<T> {
    return this.transact(
      slug,
      ({ doc, notes }) => {
        const index = doc.rows.findIndex((r) => r.id === rowId);
        if (index < 0) throw new ModelError('not-found', `row "${rowId}" does not exist in "${slug}"`);
        const row = doc.rows[index]!;
        const own = notes.filter((n) => n.rowId === rowId);
        const out = change({ doc: { ...doc, rows: [row] }, row, notes: own });
        if (out.row && out.row.id !== rowId) throw new ModelError('invalid', 'a row change cannot change the row\'s id');
        let nextDoc: BilingualDocument | undefined;
        if (out.row && out.row !== row) {
          const rows = doc.rows.slice();
          rows[index] = out.row;
          nextDoc = { ...doc, rows, updatedAt: out.row.updatedAt > doc.updatedAt ? out.row.updatedAt : doc.updatedAt };
        }
        let nextNotes: Note[] | undefined;
        if (out.notes && out.notes !== own) {
          const byId = new Map(out.notes.map((n) => [n.id, n]));
          if (out.notes.some((n) => n.rowId !== rowId || !own.some((o) => o.id === n.id))) {
            throw new ModelError('invalid', 'a row change can only change the notes of its row');
          }
          nextNotes = notes.map((n) => byId.get(n.id) ?? n);
        }
        return { ...(nextDoc && { doc: nextDoc }), ...(nextNotes && { notes: nextNotes }), result: out.result };
      },
      meta,
      rowId,
    );
  }

  transactNotes<T>(slug: string, change: NotesChange<T>, meta: CommitMeta & { rows?: readonly string[] }): Promise<T> {
    return this.transact(
      slug,
      (state) => {
        const out = change(state);
        return { ...(out.notes && { notes: out.notes }), result: out.result };
      },
      { kind: meta.kind, now: meta.now, user: meta.user },
    );
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
    // The document is on disk: its history follows (a revision lost to a crash here is recorded later as the
    // row's baseline, from the row itself), then the callers hear, then the events go out.
    const done = outcome.settled.filter((s): s is Extract<Settled, { ok: true }> => s.ok);
    await this.recordHistory(slug, done);
    if (outcome.state.doc !== start.doc) void this.index.record(slug, outcome.state.doc).catch(() => undefined);
    for (const s of outcome.settled) {
      if (s.ok) s.job.resolve(s.result);
      else s.job.reject(s.error);
    }
    for (const s of done) {
      const bodies = describeCommit(s.rows, s.notes, s.job.meta.kind);
      if (bodies.length) this.events.publish(slug, { at: s.job.meta.now, by: s.job.meta.user }, bodies);
    }
  }

  /** Appends the revisions of a batch's changes; a row older than its history gets its baseline first. */
  private async recordHistory(slug: string, done: Extract<Settled, { ok: true }>[]): Promise<void> {
    const history = this.history(slug);
    try {
      const recorded = new Map(await history.getRecorded());
      const revisions: RowRevision[] = [];
      const add = (r: RowRevision) => {
        revisions.push(r);
        recorded.set(r.rowId, Math.max(recorded.get(r.rowId) ?? 0, r.rev));
      };
      for (const s of done) {
        for (const before of [...s.rows.changed.map((c) => c.before), ...s.rows.removed]) {
          if ((recorded.get(before.id) ?? 0) < before.rev) add(revisionOf(before, 'baseline'));
        }
        for (const r of getRevisions(s.rows, s.job.meta.kind, s.job.meta)) add(r);
      }
      await history.append(revisions);
    } catch (e) {
      history.reset();
      console.error(`${this.label(slug, HISTORY_FILE)}: could not record the rows' history:`, e);
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
        const { doc, rows } = out.doc ? settleDocumentRows(state.doc, out.doc, job.rowId) : { doc: state.doc, rows: NO_ROWS };
        const next = { doc, notes: out.notes ?? state.notes };
        const notes = { before: state.notes, after: next.notes };
        state = validateEach ? this.validate(slug, state, next) : next;
        settled.push({ job, ok: true, result: out.result, rows, notes });
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

  async create(doc: BilingualDocument, meta: { user: string | null } = { user: null }): Promise<void> {
    // A new document may have 10,000 rows: validated a few hundred rows a turn, so other requests go on meanwhile.
    const valid = await inTurns(parseDocumentSteps({ ...doc, rows: doc.rows.map((r) => settleTextRev(undefined, r)) }, 'new document', 'invalid'));
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
      // A history left by an earlier document of this slug is not this one's.
      await this.removeIfThere(path.join(this.folder(valid.slug), HISTORY_FILE));
      this.histories.delete(valid.slug);
    });
    await this.index.record(valid.slug, valid);
    this.events.publish(valid.slug, { at: valid.createdAt, by: meta.user }, [{ type: 'document-created', title: valid.title }]);
  }

  update<T>(slug: string, change: (doc: BilingualDocument) => { doc: BilingualDocument; result: T }, meta?: CommitMeta): Promise<T> {
    return this.transact(slug, ({ doc }) => change(doc), meta);
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

  async publish(
    slug: string,
    make: (state: { doc: BilingualDocument; notes: Note[]; previous: PublishedSnapshot | null }) => PublishedSnapshot,
    meta: { user: string | null } = { user: null },
  ): Promise<{ snapshot: PublishedSnapshot; replaced: boolean }> {
    const out = await this.lock.run(slug, async () => {
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
      await this.index.record(slug, doc);
      return { snapshot, replaced: current !== null };
    });
    this.events.publish(slug, { at: out.snapshot.publishedAt, by: meta.user }, [
      { type: 'document-published', version: out.snapshot.version, publishedAt: out.snapshot.publishedAt },
    ]);
    return out;
  }

  async unpublish(slug: string, meta: { user: string | null } = { user: null }): Promise<PublishedSnapshot | null> {
    const withdrawn = await this.lock.run(slug, async () => {
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
      await this.index.record(slug, await this.get(slug));
      return current;
    });
    if (withdrawn) this.events.publish(slug, { at: clockNow(), by: meta.user }, [{ type: 'document-unpublished', version: withdrawn.version }]);
    return withdrawn;
  }

  async getRowHistory(slug: string, rowId: string): Promise<RowRevision[]> {
    const doc = await this.get(slug);
    return getRowHistory(await this.history(slug).read(), rowId, doc.rows.find((r) => r.id === rowId));
  }

  async getDocumentHistory(slug: string): Promise<RowRevision[]> {
    await this.get(slug);
    return this.history(slug).read();
  }

  async close(): Promise<void> {
    await this.index.close();
    await this.events.close();
  }

  private async removeIfThere(file: string): Promise<void> {
    try {
      await unlink(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

