import {
  applyMappedAnchors,
  applyRowPatch,
  checkImportSize,
  createDocumentFromTextSteps,
  isModelError,
  mergeWithNext,
  ModelError,
  reanchorNotes,
  slugify,
  splitRow,
  type BilingualDocument,
  type CreateDocumentRequest,
  type Row,
  type RowPatch,
  type SplitPoint,
  withSlug,
} from '@/lib/model';
import { createDocumentFromXliffFile, importXliffNotes, parseXliff, type SkippedUnit } from '@/lib/model/xliff';
import { getDocumentStore } from '@/lib/storage';
import { newRowId } from '@/lib/storage/ids';
import { feedRow } from './memory';
import { inTurns, nextTurn } from './next-turn';

/** The document use cases the routes, pages and scripts share: each one validated, stored, and returned. */

export function now(): string {
  return new Date().toISOString();
}

/**
 * Creates a document from text. An explicit slug that is taken is a conflict; a derived one gets a number
 * appended until it is free.
 */
export async function createDocument(request: CreateDocumentRequest, user: string | null): Promise<BilingualDocument> {
  // Parsing the text and making and validating the document go a few thousand lines or rows a turn.
  await nextTurn();
  const draft = await inTurns(createDocumentFromTextSteps(request, { now: now(), user, newId: newRowId, slug: 'draft' }));
  await nextTurn();
  return storeWithFreeSlug(draft, request.slug, request.title ?? draft.title);
}

/**
 * Creates a document from an XLIFF file (2.0, 2.1 or 1.2) in the file's language pair; see
 * lib/model/xliff/rows.ts. Returns the units that had no source text and were skipped.
 */
export async function createDocumentFromXliff(
  xml: string,
  request: { title?: string; slug?: string },
  user: string | null,
): Promise<{ doc: BilingualDocument; skipped: SkippedUnit[]; notesAdded: number }> {
  const file = parseXliff(xml);
  const { doc: draft, skipped, rowsOfUnits } = createDocumentFromXliffFile(file, request, { now: now(), user, newId: newRowId, slug: 'draft' });
  checkImportSize(draft);
  const doc = await storeWithFreeSlug(draft, request.slug, draft.title);
  // The units' notes become the document's notes (a second write: the document must exist to hold them).
  const notesAdded = rowsOfUnits.some((m) => m.unit.notes.length)
    ? await getDocumentStore().transact(doc.slug, ({ doc: stored, notes }) => {
        const imported = importXliffNotes(stored, notes, rowsOfUnits, { now: now(), user: user ?? 'XLIFF import', newId: newRowId });
        return imported.added ? { notes: imported.notes, result: imported.added } : { result: 0 };
      })
    : 0;
  return { doc, skipped, notesAdded };
}

/** Stores a new document under `slug`, or under a slug derived from `title`, numbered until it is free. */
async function storeWithFreeSlug(draft: BilingualDocument, slug: string | undefined, title: string): Promise<BilingualDocument> {
  const store = getDocumentStore();
  if (slug) {
    const doc = withSlug(draft, slug);
    await store.create(doc);
    return doc;
  }
  const base = slugify(title, `document-${newRowId().slice(0, 6)}`);
  for (let n = 1; n < 1000; n++) {
    const slug = n === 1 ? base : `${base.slice(0, 60)}-${n}`;
    if (await store.has(slug)) continue;
    try {
      const doc = withSlug(draft, slug);
      await store.create(doc);
      return doc;
    } catch (e) {
      if (!isModelError(e, 'exists')) throw e;
    }
  }
  throw new ModelError('exists', `no free slug near "${base}"; give one explicitly`);
}

/**
 * Saves one row's translation or status; a stale base revision is a conflict carrying the current row. Notes on
 * the row's translation follow the edit: to where the editor mapped them, else found again by their quote.
 */
export async function updateRow(slug: string, rowId: string, patch: RowPatch, user: string | null): Promise<Row> {
  let saved: BilingualDocument | null = null;
  const result = await getDocumentStore().transact(slug, ({ doc, notes }) => {
    const { doc: next, row, changed } = applyRowPatch(doc, rowId, patch, { now: now(), user });
    if (changed) saved = next;
    if (!changed || !patch.target) return { doc: next, result: row };
    const anchors = patch.anchors ?? [];
    const mapped = applyMappedAnchors(notes, next, rowId, anchors);
    const keepDetached = new Set(anchors.filter((a) => a.detached).map((a) => a.noteId));
    return { doc: next, notes: reanchorNotes(mapped, next, { keepDetached }), result: row };
  });
  // Once the row is on disk, a translated or approved row feeds the translation memory (never failing the save).
  const doc = saved as BilingualDocument | null;
  if (doc) await feedRow(doc, result, user);
  return result;
}

/** Splits a row in two at the given source block and target paragraph; notes go with their text. */
export function splitDocumentRow(
  slug: string,
  rowId: string,
  at: SplitPoint,
  baseRev: number,
  user: string | null,
): Promise<{ rows: [Row, Row] }> {
  return getDocumentStore().transact(slug, ({ doc, notes }) => {
    const { doc: next, rows } = splitRow(doc, rowId, at, { now: now(), user, newId: newRowId }, baseRev);
    return { doc: next, notes: reanchorNotes(notes, next, { split: { [rowId]: rows[1].id } }), result: { rows } };
  });
}

/** Merges a row with the next one; the next row's notes move into the merged row. */
export function mergeDocumentRow(
  slug: string,
  rowId: string,
  baseRev: number,
  nextBaseRev: number | undefined,
  user: string | null,
): Promise<{ row: Row; removedId: string }> {
  return getDocumentStore().transact(slug, ({ doc, notes }) => {
    const { doc: next, row, removedId } = mergeWithNext(doc, rowId, { now: now(), user, newId: newRowId }, baseRev, nextBaseRev);
    return { doc: next, notes: reanchorNotes(notes, next, { merged: { [removedId]: rowId } }), result: { row, removedId } };
  });
}
