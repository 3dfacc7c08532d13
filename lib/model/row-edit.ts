import { z } from './zod';
import { ModelError } from './errors';
import { checkRowSize } from './row-limits';
import { rowIdSchema, rowStatusSchema, targetDocSchema, type BilingualDocument, type Row } from './schema';
import { getStatusAfterEdit, getStatusError } from './status';

/** The body of `PATCH /rows/:rowId`: what changed, and the revision the change was made on. */
export const rowPatchSchema = z.strictObject({
  target: targetDocSchema.optional(),
  status: rowStatusSchema.optional(),
  baseRev: z.number().int().min(1),
  /** Where the editor's notes on this row's translation ended up after the edit (mapped through each change). */
  anchors: z
    .array(
      z.strictObject({
        noteId: rowIdSchema,
        start: z.number().int().min(0).optional(),
        end: z.number().int().min(0).optional(),
        detached: z.boolean().optional(),
      }),
    )
    .max(1000)
    .optional(),
});
export type RowPatch = z.infer<typeof rowPatchSchema>;

/** The largest translation one row may hold, in characters of JSON; a guard against pasted novels. */
export const MAX_TARGET_JSON_CHARS = 200_000;

/**
 * Applies an edit to one row. A stale `baseRev` throws a conflict carrying the current row, so the caller can
 * show both versions; nothing is merged silently.
 */
export function applyRowPatch(
  doc: BilingualDocument,
  rowId: string,
  patch: RowPatch,
  ctx: { now: string; user: string | null },
): { doc: BilingualDocument; row: Row; changed: boolean } {
  const index = doc.rows.findIndex((r) => r.id === rowId);
  if (index < 0) throw new ModelError('not-found', `row "${rowId}" does not exist in "${doc.slug}"`);
  const row = doc.rows[index]!;
  if (patch.baseRev !== row.rev) {
    throw new ModelError('conflict', `row "${row.id}" was changed by someone else (now at revision ${row.rev})`, row);
  }
  const target = patch.target ?? row.target;
  if (patch.target && JSON.stringify(patch.target).length > MAX_TARGET_JSON_CHARS) {
    throw new ModelError('too-large', `a row's translation may hold at most ${MAX_TARGET_JSON_CHARS} characters`);
  }
  if (patch.target) checkRowSize({ source: [], target: patch.target }, `row "${rowId}"`);
  const targetChanged = patch.target !== undefined && JSON.stringify(patch.target) !== JSON.stringify(row.target);
  let status = row.status;
  if (patch.status !== undefined) {
    const error = getStatusError(patch.status, target);
    if (error) throw new ModelError('invalid', error);
    status = patch.status;
  } else if (targetChanged) {
    status = getStatusAfterEdit(row.status, target);
  }
  if (!targetChanged && status === row.status) return { doc, row, changed: false };
  const next: Row = {
    ...row,
    target,
    status,
    rev: row.rev + 1,
    updatedAt: ctx.now,
    updatedBy: ctx.user,
  };
  const rows = doc.rows.slice();
  rows[index] = next;
  return { doc: { ...doc, rows, updatedAt: ctx.now }, row: next, changed: true };
}
