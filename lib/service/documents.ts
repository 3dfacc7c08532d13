import {
  applyMappedAnchors,
  patchRow,
  createDocumentFromText,
  isModelError,
  mergeWithNext,
  ModelError,
  reanchorNotes,
  slugify,
  splitRow,
  type BilingualDocument,
  type BrokenDocument,
  type CreateDocumentRequest,
  type DocumentSummary,
  type LibraryPage,
  type LibraryQuery,
  type Row,
  type RowPatch,
  type RowRevision,
  type SplitPoint,
} from '@/lib/model';
import { createDocumentFromXliffFile, importXliffNotes, parseXliff, type SkippedUnit } from '@/lib/model/xliff';
import { getDocumentStore } from '@/lib/storage';
import { newRowId } from '@/lib/storage/ids';
import { now } from '@/lib/clock';
import { feedRow, feedRows } from './memory';

/** The document use cases the routes, pages and scripts share: each one validated, stored, and returned. */

/** The library: every document's summary, and the documents whose files are broken (named, with the problem). */
export function listDocuments(): Promise<{ documents: DocumentSummary[]; broken: BrokenDocument[] }> {
  return getDocumentStore().list();
}

/** One whole document; 'not-found' when there is none, 'corrupt' naming the file and field when it is broken. */
export function getDocument(slug: string): Promise<BilingualDocument> {
  return getDocumentStore().get(slug);
}

/**
 * Creates a document from text. An explicit slug that is taken is a conflict; a derived one gets a number
 * appended until it is free.
 */
export async function createDocument(request: CreateDocumentRequest, user: string | null): Promise<BilingualDocument> {
  const draft = createDocumentFromText(request, { now: now(), user, newId: newRowId, slug: 'draft' });
  return storeWithFreeSlug(draft, request.slug, request.title ?? draft.title);
}

/**
 * Creates a document from an XLIFF file (2.0, 2.1 or 1.2) in the file's language pair; see
 * lib/model/xliff/rows.ts. Returns the units that had no source text and were skipped.
 */
export async function createDocumentFromXliff(
  xml: string,
  request: { title?: string; slug?: string; targetLang?: string },
  user: string | null,
): Promise<{ doc: BilingualDocument; skipped: SkippedUnit[]; notesAdded: number }> {
  const file = parseXliff(xml);
  const { doc: draft, skipped, rowsOfUnits } = createDocumentFromXliffFile(file, request, { now: now(), user, newId: newRowId, slug: 'draft' });
  const doc = await storeWithFreeSlug(draft, request.slug, draft.title);
  // The units' notes become the document's notes (a second write: the document must exist to hold them).
  const notesAdded = rowsOfUnits.some((m) => m.unit.notes.length)
    ? await getDocumentStore().transactNotes(
        doc.slug,
        ({ doc: stored, notes }) => {
          // Only editors create documents, and editors may publish notes.
          const imported = importXliffNotes(stored, notes, rowsOfUnits, { now: now(), user: user ?? 'XLIFF import', newId: newRowId, mayPublish: true });
          return imported.added ? { notes: imported.notes, result: imported.added } : { result: 0 };
        },
        { kind: 'notes', now: now(), user, rows: [...new Set(rowsOfUnits.map((m) => m.rowId))] },
      )
    : 0;
  // Rows that arrive translated or approved feed the memory, as their save would.
  await feedRows(doc, doc.rows, user);
  return { doc, skipped, notesAdded };
}

/** Stores a new document under `slug`, or under a slug derived from `title`, numbered until it is free. */
export async function storeWithFreeSlug(draft: BilingualDocument, slug: string | undefined, title: string): Promise<BilingualDocument> {
  const store = getDocumentStore();
  const meta = { user: draft.rows[0]?.updatedBy ?? null };
  if (slug) {
    const doc = { ...draft, slug };
    await store.create(doc, meta);
    return doc;
  }
  const base = slugify(title, `document-${newRowId().slice(0, 6)}`);
  for (let n = 1; n < 1000; n++) {
    const slug = n === 1 ? base : `${base.slice(0, 60)}-${n}`;
    if (await store.has(slug)) continue;
    try {
      const doc = { ...draft, slug };
      await store.create(doc, meta);
      return doc;
    } catch (e) {
      if (!isModelError(e, 'exists')) throw e;
    }
  }
  throw new ModelError('exists', `no free slug near "${base}"; give one explicitly`);
}

/**
 * Saves one row's translation or status; a base revision the row's text has moved on from is a conflict carrying
 * the current row (status changes in between are not: see isBaseCurrent in lib/model/row-edit.ts). Notes on the
 * row's translation follow the edit: to where the editor mapped them, else found again by their quote. Only the row
 * and its notes are written.
 */
export async function updateRow(slug: string, rowId: string, patch: RowPatch, user: string | null): Promise<Row> {
  const at = now();
  const { row, head } = await getDocumentStore().transactRow<{ row: Row; head: BilingualDocument | null }>(
    slug,
    rowId,
    ({ doc, row: current, notes }) => {
      const { row, changed } = patchRow(current, patch, { now: at, user });
      if (!changed) return { result: { row, head: null } };
      const next = { ...doc, rows: [row] };
      if (!patch.target) return { row, result: { row, head: next } };
      const anchors = patch.anchors ?? [];
      const mapped = applyMappedAnchors(notes, next, rowId, anchors);
      const keepDetached = new Set(anchors.filter((a) => a.detached).map((a) => a.noteId));
      return { row, notes: reanchorNotes(mapped, next, { keepDetached }), result: { row, head: next } };
    },
    { kind: 'save', now: at, user },
  );
  // Once the row is stored, a translated or approved row feeds the translation memory (never failing the save).
  if (head) await feedRow(head, row, user);
  return row;
}

/**
 * The library from the store's summaries: one page of a search (`query`), or every document when there is no
 * query. Broken documents are listed either way.
 */
export function listLibrary(query: LibraryQuery | null): Promise<(LibraryPage | { documents: DocumentSummary[] }) & { broken: BrokenDocument[] }> {
  const store = getDocumentStore();
  return query ? store.findDocuments(query) : store.list();
}

/** One page of the library (the library page's view): a title search, an order, a page; broken documents too. */
export function findLibraryPage(query: LibraryQuery): Promise<LibraryPage & { broken: BrokenDocument[] }> {
  return getDocumentStore().findDocuments(query);
}

/** A row's revisions, oldest first, ending with the row as it is (see lib/model/history.ts). */
export function getRowHistory(slug: string, rowId: string): Promise<RowRevision[]> {
  return getDocumentStore().getRowHistory(slug, rowId);
}

/** Splits a row in two at the given source block and target paragraph; notes go with their text. */
export function splitDocumentRow(
  slug: string,
  rowId: string,
  at: SplitPoint,
  baseRev: number,
  user: string | null,
): Promise<{ rows: [Row, Row] }> {
  const when = now();
  return getDocumentStore().transact(
    slug,
    ({ doc, notes }) => {
      const { doc: next, rows } = splitRow(doc, rowId, at, { now: when, user, newId: newRowId }, baseRev);
      return { doc: next, notes: reanchorNotes(notes, next, { split: { [rowId]: rows[1].id } }), result: { rows } };
    },
    { kind: 'split', now: when, user },
  );
}

/** Merges a row with the next one; the next row's notes move into the merged row. */
export function mergeDocumentRow(
  slug: string,
  rowId: string,
  baseRev: number,
  nextBaseRev: number | undefined,
  user: string | null,
): Promise<{ row: Row; removedId: string }> {
  const when = now();
  return getDocumentStore().transact(
    slug,
    ({ doc, notes }) => {
      const { doc: next, row, removedId } = mergeWithNext(doc, rowId, { now: when, user, newId: newRowId }, baseRev, nextBaseRev);
      return { doc: next, notes: reanchorNotes(notes, next, { merged: { [removedId]: rowId } }), result: { row, removedId } };
    },
    { kind: 'merge', now: when, user },
  );
}
