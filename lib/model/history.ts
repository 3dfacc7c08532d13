import { z } from './zod';
import { isSameJson, isTextChanged, settleTextRev } from './row-revs';
import { rowIdSchema, rowStatusSchema, sourceBlockSchema, targetDocSchema, type BilingualDocument, type Row } from './schema';

/**
 * A row's history: every change of a row is kept as a revision (who, when, the text and the status it left), so
 * reviews, restores and post-editing figures can read what happened. The file store appends revisions to a
 * JSON-lines file beside document.json; the PostgreSQL store keeps them in a table.
 */

/**
 * What made a revision. `baseline` is the state a row had before its first recorded change (written when that
 * change comes, from the row itself, for rows older than their history).
 */
export const REVISION_KINDS = ['baseline', 'text', 'status', 'split', 'merge', 'restore', 'import'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

/**
 * Why a change was made, when it was not typed: a pre-translation run filled the row (or its undo emptied it), a
 * repetition was filled from another row, or an earlier revision was restored.
 */
export const revisionReasonSchema = z.strictObject({
  kind: z.enum(['pretranslation', 'pretranslation-undone', 'repetition', 'restore']),
  runId: z.string().min(1).max(100).optional(),
  fromRowId: rowIdSchema.optional(),
  fromRev: z.number().int().min(1).optional(),
});
export type RevisionReason = z.infer<typeof revisionReasonSchema>;

export const rowRevisionSchema = z.strictObject({
  rowId: rowIdSchema,
  rev: z.number().int().min(1),
  kind: z.enum(REVISION_KINDS),
  at: z.iso.datetime(),
  by: z.string().max(100).nullable(),
  status: rowStatusSchema,
  target: targetDocSchema,
  /** The row's source blocks, when they changed (a split or merge) and in a baseline. */
  source: z.array(sourceBlockSchema).min(1).optional(),
  /** The other row of a split or merge. */
  related: rowIdSchema.optional(),
  /** The row was merged into `related` and is gone. */
  removed: z.literal(true).optional(),
  /** Why the change was made, when a person did not type it (see revisionReasonSchema). */
  reason: revisionReasonSchema.optional(),
});
export type RowRevision = z.infer<typeof rowRevisionSchema>;

/** Body of `POST …/rows/:rowId/restore`: the revision whose English comes back, and the row's revision seen. */
export const restoreRequestSchema = z.strictObject({
  rev: z.number().int().min(1),
  baseRev: z.number().int().min(1),
});

/** What a committed change was, as the caller of a store names it: it decides revision and event kinds. */
export type CommitKind = 'save' | 'split' | 'merge' | 'import' | 'restore' | 'notes' | 'other';

/** The revision recording a row as it is (its own who and when). */
export function revisionOf(row: Row, kind: RevisionKind, extra: Pick<RowRevision, 'related' | 'removed' | 'reason'> = {}): RowRevision {
  const withSource = kind === 'baseline' || kind === 'split' || kind === 'merge';
  return {
    rowId: row.id,
    rev: row.rev,
    kind,
    at: row.updatedAt,
    by: row.updatedBy,
    status: row.status,
    target: row.target,
    ...(withSource && { source: row.source }),
    ...extra,
  };
}

/** How the rows of a document changed in one commit. */
export interface RowsDiff {
  /** Rows present before and after whose content changed, with their earlier version. */
  changed: { before: Row; after: Row }[];
  /** Rows that are new, with the id of the row before each (null at the top). */
  added: { row: Row; after: string | null }[];
  /** Rows that are gone. */
  removed: Row[];
}

/** The difference between two versions of a document's rows (rows are compared by identity, then by content). */
export function diffRows(before: readonly Row[], after: readonly Row[]): RowsDiff {
  if (before === after) return { changed: [], added: [], removed: [] };
  const old = new Map(before.map((r) => [r.id, r]));
  const diff: RowsDiff = { changed: [], added: [], removed: [] };
  const seen = new Set<string>();
  after.forEach((row, i) => {
    seen.add(row.id);
    const was = old.get(row.id);
    if (!was) diff.added.push({ row, after: i ? after[i - 1]!.id : null });
    else if (was !== row && (was.rev !== row.rev || !isSameJson(was, row))) diff.changed.push({ before: was, after: row });
  });
  for (const row of before) if (!seen.has(row.id)) diff.removed.push(row);
  return diff;
}

/**
 * The revisions a commit makes: one for every changed or new row, and one for every row merged away. The kind is
 * the commit's, or for a save, `text` or `status` by what changed.
 */
export function getRevisions(
  diff: RowsDiff,
  kind: CommitKind,
  ctx: { now: string; user: string | null; reason?: RevisionReason },
): RowRevision[] {
  const out: RowRevision[] = [];
  const relatedOf = (id: string): string | undefined => {
    if (kind === 'split') return diff.added.find((a) => a.after === id)?.row.id ?? diff.changed.find((c) => c.after.id !== id)?.after.id;
    if (kind === 'merge') return diff.removed[0]?.id;
    return undefined;
  };
  for (const { before, after } of diff.changed) {
    const textChanged = isTextChanged(before, after);
    const revKind: RevisionKind =
      kind === 'split' || kind === 'merge' || kind === 'restore' || kind === 'import' ? kind : textChanged ? 'text' : 'status';
    const related = relatedOf(after.id);
    out.push({ ...revisionOf(after, revKind, related ? { related } : {}), ...(ctx.reason && { reason: ctx.reason }) });
  }
  for (const { row, after } of diff.added) {
    const revKind: RevisionKind = kind === 'split' ? 'split' : kind === 'import' ? 'import' : 'text';
    const related = kind === 'split' && after ? after : undefined;
    out.push({ ...revisionOf(row, revKind, related ? { related } : {}), source: row.source });
  }
  if (kind === 'merge') {
    const survivor = diff.changed[0]?.after.id;
    for (const row of diff.removed) {
      out.push({
        ...revisionOf(row, 'merge', { removed: true, ...(survivor && { related: survivor }) }),
        rev: row.rev + 1,
        at: ctx.now,
        by: ctx.user,
      });
    }
  }
  return out;
}

/**
 * Reads a history file of JSON lines. A line that is not a valid revision (the torn last line of a write cut off by
 * a crash, or a hand edit) is skipped and counted; for the same row and revision the later line wins.
 */
export function parseHistoryLines(text: string): { revisions: RowRevision[]; skipped: number } {
  const revisions: RowRevision[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    const parsed = rowRevisionSchema.safeParse(json);
    if (parsed.success) revisions.push(parsed.data);
    else skipped++;
  }
  return { revisions, skipped };
}

/**
 * A row's revisions, oldest first, one per revision number (the last recorded wins), ending with the row as it is
 * now when the history does not reach it (a document edited by hand, or a write cut off between the document and
 * its history).
 */
export function getRowHistory(revisions: readonly RowRevision[], rowId: string, current: Row | undefined): RowRevision[] {
  const byRev = new Map<number, RowRevision>();
  for (const r of revisions) if (r.rowId === rowId) byRev.set(r.rev, r);
  if (current) {
    for (const rev of byRev.keys()) if (rev > current.rev) byRev.delete(rev);
    if (!byRev.has(current.rev)) byRev.set(current.rev, revisionOf(current, 'baseline'));
  }
  return [...byRev.values()].sort((a, b) => a.rev - b.rev);
}

/**
 * The rows of a change with their text revisions settled (lib/model/row-edit.ts), and how they differ from before.
 * A row change names its row, so only that row is compared.
 */
export function settleDocumentRows(before: BilingualDocument, after: BilingualDocument, rowId?: string): { doc: BilingualDocument; rows: RowsDiff } {
  if (rowId) {
    const i = after.rows.findIndex((r) => r.id === rowId);
    const was = before.rows[i];
    if (i >= 0 && was?.id === rowId && after.rows.length === before.rows.length && after.rows[i] !== was) {
      const row = settleTextRev(was, after.rows[i]!);
      let doc = after;
      if (row !== after.rows[i]) {
        const rows = after.rows.slice();
        rows[i] = row;
        doc = { ...after, rows };
      }
      return { doc, rows: { changed: [{ before: was, after: row }], added: [], removed: [] } };
    }
  }
  const diff = diffRows(before.rows, after.rows);
  if (!diff.changed.length && !diff.added.length) return { doc: after, rows: diff };
  const settled = new Map<string, Row>();
  for (const c of diff.changed) settled.set(c.after.id, settleTextRev(c.before, c.after));
  for (const a of diff.added) settled.set(a.row.id, settleTextRev(undefined, a.row));
  const rows = after.rows.map((r) => settled.get(r.id) ?? r);
  return {
    doc: { ...after, rows },
    rows: {
      changed: diff.changed.map((c) => ({ before: c.before, after: settled.get(c.after.id)! })),
      added: diff.added.map((a) => ({ ...a, row: settled.get(a.row.id)! })),
      removed: diff.removed,
    },
  };
}

