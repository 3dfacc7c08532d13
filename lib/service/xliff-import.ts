import { reanchorNotes, type Role } from '@/lib/model';
import {
  applyXliffImport,
  countOutcomes,
  parseXliff,
  planXliffImport,
  type XliffFile,
  type XliffUnitReport,
  type XliffVersion,
} from '@/lib/model/xliff';
import { getDocumentStore } from '@/lib/storage';
import { now } from './documents';

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
}

function result(file: XliffFile, units: XliffUnitReport[], preview: boolean, applied: number): XliffImportResult {
  return { preview, version: file.version, srcLang: file.srcLang, trgLang: file.trgLang, units, counts: countOutcomes(units), applied };
}

/** Checks an XLIFF file against a document without changing anything: the per-unit report a person confirms. */
export async function previewXliffImport(slug: string, xml: string, role: Role): Promise<XliffImportResult> {
  const file = parseXliff(xml);
  const doc = await getDocumentStore().get(slug);
  return result(file, planXliffImport(doc, file, role).units, true, 0);
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
  return getDocumentStore().transact(slug, ({ doc, notes }) => {
    const plan = planXliffImport(doc, file, user.role);
    const { doc: next, units, applied } = applyXliffImport(doc, plan, { now: now(), user: user.name }, selection);
    if (!applied.length) return { result: result(file, units, false, 0) };
    return { doc: next, notes: reanchorNotes(notes, next), result: result(file, units, false, applied.length) };
  });
}
