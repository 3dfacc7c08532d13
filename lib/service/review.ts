import {
  getChangesSinceReview,
  ModelError,
  patchRow,
  reanchorNotes,
  type ReviewChange,
  type Row,
  type RowRevision,
} from '@/lib/model';
import { getDocumentStore } from '@/lib/storage';
import { now } from '@/lib/clock';
import { getDisplayNamesOf } from './people';

/** A row's revisions, oldest first, and the display names of the people who made them. */
export async function getRowHistoryForPeople(slug: string, rowId: string): Promise<{ revisions: RowRevision[]; names: Record<string, string> }> {
  const revisions = await getDocumentStore().getRowHistory(slug, rowId);
  return { revisions, names: await getDisplayNamesOf(revisions.map((r) => r.by)) };
}

/**
 * Restores the English of an earlier revision as a new revision (kind `restore`, naming the revision it came
 * from). `baseRev` is the row's revision the person saw: a row changed since is a conflict, as a save is. The status
 * follows as for any edit (an approved row goes back to draft); notes on the English are found again by their
 * quotes. Restoring the text the row already has changes nothing.
 */
export async function restoreRowRevision(slug: string, rowId: string, request: { rev: number; baseRev: number }, user: string): Promise<Row> {
  const store = getDocumentStore();
  const history = await store.getRowHistory(slug, rowId);
  if (!history.length) throw new ModelError('not-found', `row "${rowId}" does not exist in "${slug}"`);
  const revision = history.find((r) => r.rev === request.rev);
  if (!revision) throw new ModelError('not-found', `row "${rowId}" has no revision ${request.rev}`);
  const at = now();
  return store.transactRow<Row>(
    slug,
    rowId,
    ({ doc, row: current, notes }) => {
      const { row, changed } = patchRow(current, { target: revision.target, baseRev: request.baseRev }, { now: at, user });
      if (!changed) return { result: row };
      return { row, notes: reanchorNotes(notes, { ...doc, rows: [row] }), result: row };
    },
    { kind: 'restore', now: at, user, reason: { kind: 'restore', fromRev: revision.rev } },
  );
}

/** The rows changed since `reviewer` last reviewed them (see lib/model/review-changes.ts), with people's names. */
export async function getReviewChanges(slug: string, reviewer: string): Promise<{ changes: ReviewChange[]; names: Record<string, string> }> {
  const store = getDocumentStore();
  const doc = await store.get(slug);
  const changes = getChangesSinceReview(doc.rows, await store.getDocumentHistory(slug), reviewer);
  return { changes, names: await getDisplayNamesOf(changes.flatMap((c) => [c.since.by, ...c.changedBy])) };
}
