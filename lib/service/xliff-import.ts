import { checkRowSize, reanchorNotes, type Role } from '@/lib/model';
import {
  applyXliffImport,
  countOutcomes,
  importXliffNotes,
  parseXliff,
  planXliffImport,
  type XliffFile,
  type XliffUnitReport,
  type XliffVersion,
} from '@/lib/model/xliff';
import { getDocumentStore } from '@/lib/storage';
import { newRowId } from '@/lib/storage/ids';
import { now } from '@/lib/clock';
import { feedRows } from './memory';

/** What an import into an existing document answers: the file's languages and every unit's outcome. */
export interface XliffImportResult {
  preview: boolean;
  version: XliffVersion;
  srcLang: string;
  trgLang: string | null;
  units: XliffUnitReport[];
  counts: ReturnType<typeof countOutcomes>;
  /** How many rows changed (0 for a preview). */
  applied: number;
  /** How many notes and replies the units brought that the document did not have (0 for a preview). */
  notesAdded: number;
}

function result(file: XliffFile, units: XliffUnitReport[], preview: boolean, applied: number, notesAdded: number): XliffImportResult {
  return { preview, version: file.version, srcLang: file.srcLang, trgLang: file.trgLang, units, counts: countOutcomes(units), applied, notesAdded };
}

/** Checks an XLIFF file against a document without changing anything: the per-unit report a person confirms. */
export async function previewXliffImport(slug: string, xml: string, role: Role): Promise<XliffImportResult> {
  const file = parseXliff(xml);
  const doc = await getDocumentStore().get(slug);
  return result(file, planXliffImport(doc, file, role).units, true, 0, 0);
}

/**
 * Applies the units of an XLIFF file that match, in one write of the document (and its notes, re-anchored to
 * the new translations). The check runs again on the document as it is at that moment; with `selection` (unit
 * id → the row revision the person saw in the preview) only those units apply, and a row changed since is
 * reported as a conflict and left alone.
 */
export async function applyXliffImportToDocument(
  slug: string,
  xml: string,
  user: { name: string; role: Role },
  selection?: Map<string, number>,
): Promise<XliffImportResult> {
  const file = parseXliff(xml);
  const at = now();
  let saved: { doc: Parameters<typeof feedRows>[0]; rows: Parameters<typeof feedRows>[1] } | null = null;
  const outcome = await getDocumentStore().transact(slug, ({ doc, notes }) => {
    const plan = planXliffImport(doc, file, user.role);
    const { doc: next, units, applied } = applyXliffImport(doc, plan, { now: now(), user: user.name }, selection);
    // A unit's translation is held to a row's limits like a save: all or nothing.
    for (const row of applied) checkRowSize(row, `row "${row.id}"`);
    if (applied.length) saved = { doc: next, rows: applied };
    // Notes come in with the units that were applied or already matched the row.
    const byLine = new Map(file.units.map((u) => [`${u.line}:${u.id}`, u]));
    const matched = units.flatMap((r) => {
      const unit = (r.status === 'applied' || r.status === 'unchanged') && r.rowId ? byLine.get(`${r.line}:${r.id}`) : undefined;
      return unit ? [{ unit, rowId: r.rowId! }] : [];
    });
    const imported = importXliffNotes(next, reanchorNotes(notes, next), matched, {
      now: now(),
      user: user.name,
      newId: newRowId,
      mayPublish: user.role === 'editor',
    });
    if (!applied.length && !imported.added) return { result: result(file, units, false, 0, 0) };
    return {
      ...(applied.length && { doc: next }),
      notes: imported.notes,
      result: result(file, units, false, applied.length, imported.added),
    };
  }, { kind: 'import', now: at, user: user.name });
  // Once the rows are on disk, those that arrived translated or approved feed the memory, as a save does.
  const fed = saved as { doc: Parameters<typeof feedRows>[0]; rows: Parameters<typeof feedRows>[1] } | null;
  if (fed) await feedRows(fed.doc, fed.rows, user.name);
  return outcome;
}
