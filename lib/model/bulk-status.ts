import { z } from './zod';
import { ModelError } from './errors';
import { patchRow } from './row-edit';
import { rowIdSchema, rowStatusSchema, type BilingualDocument, type Row, type RowStatus } from './schema';

/** The most rows one bulk status change may name (a whole large document, with room). */
export const MAX_BULK_ROWS = 20_000;

/** `POST /api/documents/:slug/rows/status`: one status for the rows named, all of them or none. */
export const bulkStatusRequestSchema = z.strictObject({
  status: rowStatusSchema,
  rowIds: z
    .array(rowIdSchema)
    .min(1, 'must name at least one row')
    .max(MAX_BULK_ROWS, `may name at most ${MAX_BULK_ROWS} rows`)
    .refine((ids) => new Set(ids).size === ids.length, 'must not name a row twice'),
});
export type BulkStatusRequest = z.infer<typeof bulkStatusRequestSchema>;

/**
 * Sets one status on many rows of a document as one change: every row must exist and may take the status (a
 * row without English cannot be translated or approved), else nothing changes and the error names the first row
 * that failed. Rows already in that status are left as they are. Answers the document and the rows it changed.
 */
export function setRowsStatus(
  doc: BilingualDocument,
  rowIds: readonly string[],
  status: RowStatus,
  ctx: { now: string; user: string | null },
): { doc: BilingualDocument; changed: Row[] } {
  const index = new Map(doc.rows.map((r, i) => [r.id, i]));
  const rows = doc.rows.slice();
  const changed: Row[] = [];
  for (const id of rowIds) {
    const at = index.get(id);
    if (at === undefined) throw new ModelError('not-found', `row "${id}" does not exist in "${doc.slug}"`);
    const current = rows[at]!;
    try {
      const result = patchRow(current, { status, baseRev: current.rev }, ctx);
      if (!result.changed) continue;
      rows[at] = result.row;
      changed.push(result.row);
    } catch (e) {
      if (e instanceof ModelError) throw new ModelError(e.code, `row ${at + 1} ("${id}"): ${e.message}`);
      throw e;
    }
  }
  const next = changed.length ? { ...doc, rows, updatedAt: ctx.now } : doc;
  return { doc: next, changed };
}
