import type { BilingualDocument, BrokenDocument, DocumentSummary, Note, PublishedSnapshot } from '@/lib/model';

export type { BrokenDocument };

/**
 * Where documents live. Route handlers and server components go through this interface only; the JSON-file
 * store is the embedded default. Every method validates what it reads and writes.
 */
export interface DocumentStore {
  /** Every document's summary, plus the documents whose files are broken. */
  list(): Promise<{ documents: DocumentSummary[]; broken: BrokenDocument[] }>;
  /** The whole document; throws ModelError 'not-found' or 'corrupt'. */
  get(slug: string): Promise<BilingualDocument>;
  /** Stores a new document; throws ModelError 'exists' when the slug is taken. */
  create(doc: BilingualDocument): Promise<void>;
  /** True when a document with this slug exists. */
  has(slug: string): Promise<boolean>;
  /**
   * Reads, changes and writes one document as one step: changes to the same document run one after another,
   * so two that arrive together never lose either. `change` returns the new document and a result to pass on.
   */
  update<T>(slug: string, change: (doc: BilingualDocument) => { doc: BilingualDocument; result: T }): Promise<T>;
  /** The document's notes (none when it has no notes file yet). */
  getNotes(slug: string): Promise<Note[]>;
  /**
   * Like `update`, over the document and its notes together (a row edit moves the notes anchored in it). Only
   * what `change` returns changed is written: the document first, then the notes.
   */
  transact<T>(
    slug: string,
    change: (state: { doc: BilingualDocument; notes: Note[] }) => { doc?: BilingualDocument; notes?: Note[]; result: T },
  ): Promise<T>;
  /** The published snapshot (published.json), or null when the document is not published. */
  getPublished(slug: string): Promise<PublishedSnapshot | null>;
  /**
   * Publishes under the document's lock, so it sees no half of a concurrent save: `make` gets the document, its
   * notes and the last snapshot (the current one, or the one last withdrawn, so versions count on) and returns the
   * new snapshot, which is validated and written atomically. `replaced` says whether the document was published.
   */
  publish(
    slug: string,
    make: (state: { doc: BilingualDocument; notes: Note[]; previous: PublishedSnapshot | null }) => PublishedSnapshot,
  ): Promise<{ snapshot: PublishedSnapshot; replaced: boolean }>;
  /** Takes the published page down (the snapshot is kept aside for the version count); null when it was not up. */
  unpublish(slug: string): Promise<PublishedSnapshot | null>;
}
