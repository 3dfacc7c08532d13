import { z } from './zod';
import { draftHintSchema, trackDraftOrigin } from './draft-origin';
import { ModelError } from './errors';
import { checkRowSize } from './row-limits';
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

/** The revision at which a row's text last changed (files written before `textRev` was kept: its `rev`). */
export function getTextRev(row: Row): number {
  return row.textRev ?? row.rev;
}

/**
 * Whether a change made on `baseRev` may go onto `row` as it is now. Status and text are separate changes: an edit
 * made on an older revision is accepted when only status changes came after it (the text it was made on is still
 * the row's text); any text change since, or a revision the row never had, is a conflict.
 */
export function isBaseCurrent(row: Row, baseRev: number): boolean {
  return baseRev === row.rev || (baseRev < row.rev && baseRev >= getTextRev(row));
}

/** Equality of JSON values whatever the order of their keys (a hand-edited file, a document read back). */
export function isSameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => isSameJson(x, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => isSameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const sameJson = isSameJson;

/** True when the row's source or translation differs between the two versions. */
export function isTextChanged(before: Row, after: Row): boolean {
  return !sameJson(before.target, after.target) || !sameJson(before.source, after.source);
}

/**
 * Keeps `textRev` true to the row's history whatever code changed the row: a row whose text changed (or that is
 * new) has `textRev` at its new revision; a row whose text did not keeps its old one. Stores apply it to every
 * row they write, so a change made elsewhere (an import, a hand-written tool) cannot leave a stale `textRev`.
 */
export function settleTextRev(before: Row | undefined, after: Row): Row {
  // A new row's text is as new as the row (an absent textRev counts as `rev`).
  if (!before) return after.textRev !== undefined && after.textRev > after.rev ? { ...after, textRev: after.rev } : after;
  if (after === before) return after;
  const textRev = isTextChanged(before, after) ? after.rev : Math.min(getTextRev(before), after.rev);
  return after.textRev === textRev ? after : { ...after, textRev };
}

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
  const targetChanged = patch.target !== undefined && !sameJson(patch.target, row.target);
  let status = row.status;
  if (patch.status !== undefined) {
    const error = getStatusError(patch.status, target);
    if (error) throw new ModelError('invalid', error);
    status = patch.status;
  } else if (targetChanged) {
    status = getStatusAfterEdit(row.status, target);
  }
  const qaIgnored = patch.qaIgnored === undefined ? row.qaIgnored : patch.qaIgnored.length ? [...new Set(patch.qaIgnored)].sort() : undefined;
  const ignoredChanged = !sameJson(qaIgnored ?? [], row.qaIgnored ?? []);
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
