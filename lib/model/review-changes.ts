import { getRowHistory, type RowRevision } from './history';
import { isSameJson } from './row-revs';
import type { Row, RowStatus, TargetDoc } from './schema';

/**
 * "Changes since my review": for one reviewer, the rows whose English changed since the row was last approved
 * (by anyone) or since this reviewer last set its status, whichever came later, with the English as it was then,
 * so the editor can show the change as track changes. Pure: it reads the rows and their recorded revisions.
 */

/** One row's English changed since the review it is compared with. */
export interface ReviewChange {
  rowId: string;
  /** The revision of the review: the row as the reviewer last saw it judged. */
  since: { rev: number; at: string; by: string | null; status: RowStatus; why: 'approved' | 'marked' };
  /** The English at that revision. */
  target: TargetDoc;
  /** The row's revision the change was computed at (a later change of the row makes it stale). */
  rev: number;
  /** Who changed the English since, in the order they did, and when the last change was. */
  changedBy: (string | null)[];
  changedAt: string;
}

/** The revision a reviewer's view of a row starts from: the last approval, or the reviewer's last status change. */
function findReviewBase(history: readonly RowRevision[], reviewer: string): { revision: RowRevision; why: 'approved' | 'marked' } | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const r = history[i]!;
    if (r.removed) continue;
    if (r.by === reviewer && r.kind === 'status') return { revision: r, why: r.status === 'approved' ? 'approved' : 'marked' };
    if (r.status === 'approved') return { revision: r, why: 'approved' };
  }
  return null;
}

/** The rows of a document changed since `reviewer` last reviewed them, in document order. */
export function getChangesSinceReview(rows: readonly Row[], revisions: readonly RowRevision[], reviewer: string): ReviewChange[] {
  const byRow = new Map<string, RowRevision[]>();
  for (const r of revisions) {
    const list = byRow.get(r.rowId);
    if (list) list.push(r);
    else byRow.set(r.rowId, [r]);
  }
  const out: ReviewChange[] = [];
  for (const row of rows) {
    const own = byRow.get(row.id);
    if (!own) continue;
    const history = getRowHistory(own, row.id, row);
    const base = findReviewBase(history, reviewer);
    if (!base || base.revision.rev >= row.rev || isSameJson(base.revision.target, row.target)) continue;
    const later = history.filter((r) => r.rev > base.revision.rev && r.kind !== 'status');
    const changedBy: (string | null)[] = [];
    for (const r of later) if (!changedBy.includes(r.by)) changedBy.push(r.by);
    out.push({
      rowId: row.id,
      since: { rev: base.revision.rev, at: base.revision.at, by: base.revision.by, status: base.revision.status, why: base.why },
      target: base.revision.target,
      rev: row.rev,
      changedBy,
      changedAt: later[later.length - 1]?.at ?? row.updatedAt,
    });
  }
  return out;
}
