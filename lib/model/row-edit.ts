import { z } from './zod';
import { draftHintSchema, trackDraftOrigin } from './draft-origin';
import { ModelError } from './errors';
import { checkRowSize } from './row-limits';
import { getTextRev, isBaseCurrent, isSameJson } from './row-revs';
import { qaIgnoredSchema, rowIdSchema, rowStatusSchema, targetDocSchema, type BilingualDocument, type Row } from './schema';
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
  /** What filled an empty row (an inserted memory match or machine translation); typed when not said. */
  origin: draftHintSchema.optional(),
  /** The row's whole list of ignored QA findings (see qa-ignore.ts); an empty list ignores none. */
  qaIgnored: qaIgnoredSchema.optional(),
});
export type RowPatch = z.infer<typeof rowPatchSchema>;

/** The largest translation one row may hold, in characters of JSON; a guard against pasted novels. */
export const MAX_TARGET_JSON_CHARS = 200_000;

/**
 * Applies an edit to one row: the row as it is after the edit, and whether anything changed. A base revision that
 * is not current (see isBaseCurrent) throws a conflict carrying the current row, so the caller can show both
 * versions; nothing is merged silently. A status sent with the edit wins over a status someone else set since.
 */
export function patchRow(row: Row, patch: RowPatch, ctx: { now: string; user: string | null }): { row: Row; changed: boolean } {
  if (!isBaseCurrent(row, patch.baseRev)) {
    throw new ModelError('conflict', `row "${row.id}" was changed by someone else (now at revision ${row.rev})`, row);
  }
  const target = patch.target ?? row.target;
  if (patch.target && JSON.stringify(patch.target).length > MAX_TARGET_JSON_CHARS) {
    throw new ModelError('too-large', `a row's translation may hold at most ${MAX_TARGET_JSON_CHARS} characters`);
  }
  if (patch.target) checkRowSize({ source: [], target: patch.target }, `row "${row.id}"`);
  const targetChanged = patch.target !== undefined && !isSameJson(patch.target, row.target);
  let status = row.status;
  if (patch.status !== undefined) {
    const error = getStatusError(patch.status, target);
    if (error) throw new ModelError('invalid', error);
    status = patch.status;
  } else if (targetChanged) {
    status = getStatusAfterEdit(row.status, target);
  }
  const qaIgnored = patch.qaIgnored === undefined ? row.qaIgnored : patch.qaIgnored.length ? [...new Set(patch.qaIgnored)].sort() : undefined;
  const ignoredChanged = !isSameJson(qaIgnored ?? [], row.qaIgnored ?? []);
  if (!targetChanged && status === row.status && !ignoredChanged) return { row, changed: false };
  const rev = row.rev + 1;
  const { qaIgnored: _previous, ...rest } = row;
  const next = trackDraftOrigin(
    row,
    {
      ...rest,
      ...(qaIgnored && { qaIgnored }),
      target,
      status,
      rev,
      textRev: targetChanged ? rev : getTextRev(row),
      updatedAt: ctx.now,
      updatedBy: ctx.user,
    },
    ctx,
    patch.origin,
  );
  return { row: next, changed: true };
}

/** patchRow on a row of a document: the document with the row replaced. */
export function applyRowPatch(
  doc: BilingualDocument,
  rowId: string,
  patch: RowPatch,
  ctx: { now: string; user: string | null },
): { doc: BilingualDocument; row: Row; changed: boolean } {
  const index = doc.rows.findIndex((r) => r.id === rowId);
  if (index < 0) throw new ModelError('not-found', `row "${rowId}" does not exist in "${doc.slug}"`);
  const { row, changed } = patchRow(doc.rows[index]!, patch, ctx);
  if (!changed) return { doc, row, changed };
  const rows = doc.rows.slice();
  rows[index] = row;
  return { doc: { ...doc, rows, updatedAt: ctx.now }, row, changed: true };
}
