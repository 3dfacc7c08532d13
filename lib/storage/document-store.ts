import type {
  BilingualDocument,
  BrokenDocument,
  CommitKind,
  DocumentSummary,
  LibraryPage,
  LibraryQuery,
  Note,
  PublishedSnapshot,
  Row,
  RowRevision,
} from '@/lib/model';
import type { EventBus } from './events';

export type { BrokenDocument };

/**
 * Who makes a change, when, and what kind of change it is: every commit records revisions of the rows it changed
 * and publishes events with these (see lib/model/history.ts and lib/model/events.ts).
 */
export interface CommitMeta {
  kind: CommitKind;
  now: string;
  user: string | null;
}

/** What a whole-document change sees and returns. Only what it returns is written. */
export type DocumentChange<T> = (state: { doc: BilingualDocument; notes: Note[] }) => { doc?: BilingualDocument; notes?: Note[]; result: T };

/**
 * What a one-row change sees: the row, the notes anchored in it, and the document's head with that row as its only
 * row (`doc.rows` is `[row]`: model functions that take a document work on it). It returns the row as it is after
 * the change (omitted: unchanged) and the row's notes (omitted: unchanged; notes can be changed, not added here).
 */
export type RowChange<T> = (state: { doc: BilingualDocument; row: Row; notes: Note[] }) => { row?: Row; notes?: Note[]; result: T };

/**
 * What a change of notes sees: every note, and the document with at least the rows the caller asked for (other
 * rows may be missing). It returns the new list of notes (omitted: unchanged).
 */
export type NotesChange<T> = (state: { doc: BilingualDocument; notes: Note[] }) => { notes?: Note[]; result: T };

/**
 * Where documents live. Route handlers and server components go through services, and services through this
 * interface only; the JSON files are the embedded default, PostgreSQL the store at scale (`DATABASE_URL`). Every
 * method validates what it reads and writes. Every committed change records the revisions of the rows it changed
 * (`getRowHistory`) and publishes its events on `events`.
 */
export interface DocumentStore {
  /** Every document's summary (from the summaries, not the documents), plus the documents that are broken. */
  list(): Promise<{ documents: DocumentSummary[]; broken: BrokenDocument[] }>;
  /** One page of the library: a title search in either language (Arabic folded), a sort and a page; broken ones. */
  findDocuments(query: LibraryQuery): Promise<LibraryPage & { broken: BrokenDocument[] }>;
  /** The whole document; throws ModelError 'not-found' or 'corrupt'. */
  get(slug: string): Promise<BilingualDocument>;
  /** Stores a new document; throws ModelError 'exists' when the slug is taken. */
  create(doc: BilingualDocument, meta?: { user: string | null }): Promise<void>;
  /** True when a document with this slug exists. */
  has(slug: string): Promise<boolean>;
  /**
   * Reads, changes and writes one document as one step: changes to the same document run one after another,
   * so two that arrive together never lose either. `change` returns the new document and a result to pass on.
   */
  update<T>(slug: string, change: (doc: BilingualDocument) => { doc: BilingualDocument; result: T }, meta?: CommitMeta): Promise<T>;
  /** The document's notes (none when it has no notes yet). */
  getNotes(slug: string): Promise<Note[]>;
  /**
   * Like `update`, over the document and its notes together (a split or merge moves the notes anchored in it).
   * Only what `change` returns changed is written. Use `transactRow` for one row and `transactNotes` for notes:
   * this one holds the whole document.
   */
  transact<T>(slug: string, change: DocumentChange<T>, meta?: CommitMeta): Promise<T>;
  /**
   * Changes one row and its notes as one step (a row save): the PostgreSQL store writes that row only, and saves to
   * different rows run side by side. Throws ModelError 'not-found' for an unknown row.
   */
  transactRow<T>(slug: string, rowId: string, change: RowChange<T>, meta: CommitMeta): Promise<T>;
  /** Changes the document's notes as one step; `rows` names the rows `change` needs in `doc` (default: none). */
  transactNotes<T>(slug: string, change: NotesChange<T>, meta: CommitMeta & { rows?: readonly string[] }): Promise<T>;
  /** The published snapshot, or null when the document is not published. */
  getPublished(slug: string): Promise<PublishedSnapshot | null>;
  /**
   * Publishes under the document's lock, so it sees no half of a concurrent save: `make` gets the document, its
   * notes and the last snapshot (the current one, or the one last withdrawn, so versions count on) and returns the
   * new snapshot, which is validated and written atomically. `replaced` says whether the document was published.
   */
  publish(
    slug: string,
    make: (state: { doc: BilingualDocument; notes: Note[]; previous: PublishedSnapshot | null }) => PublishedSnapshot,
    meta?: { user: string | null },
  ): Promise<{ snapshot: PublishedSnapshot; replaced: boolean }>;
  /** Takes the published page down (the snapshot is kept aside for the version count); null when it was not up. */
  unpublish(slug: string, meta?: { user: string | null }): Promise<PublishedSnapshot | null>;
  /**
   * A row's revisions, oldest first, ending with its current state (see lib/model/history.ts); a row merged away
   * keeps its history. 'not-found' when the document does not exist; [] for a row it never had.
   */
  getRowHistory(slug: string, rowId: string): Promise<RowRevision[]>;
  /** The events of this store's commits. */
  readonly events: EventBus;
  /** Releases connections and timers (scripts and tests). */
  close(): Promise<void>;
}
