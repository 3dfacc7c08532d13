import type { Note } from './notes';
import type { Row, RowStatus } from './schema';
import { STATUS_ORDER, countByStatus } from './status';

/* Which rows a publication holds and what it would make public, with no schema: the editor's publish dialog. */

/** Which rows a publication holds. */
export const PUBLISH_SELECTIONS = ['approved', 'approved-translated', 'all'] as const;
export type PublishSelection = (typeof PUBLISH_SELECTIONS)[number];

/** Statuses each selection publishes. */
const PUBLISHED_STATUSES: Record<PublishSelection, readonly RowStatus[]> = {
  approved: ['approved'],
  'approved-translated': ['approved', 'translated'],
  all: STATUS_ORDER,
};

/** The rows a selection publishes and the rows it leaves out, each in document order. */
export function selectPublishedRows<R extends Pick<Row, 'status'>>(rows: readonly R[], include: PublishSelection): { included: R[]; leftOut: R[] } {
  const statuses = PUBLISHED_STATUSES[include];
  const included: R[] = [];
  const leftOut: R[] = [];
  for (const row of rows) (statuses.includes(row.status) ? included : leftOut).push(row);
  return { included, leftOut };
}

/** What a publication would make public, for the confirmation an editor sees before publishing. */
export interface PublishPreview {
  include: PublishSelection;
  /** Published rows by status. */
  byStatus: Record<RowStatus, number>;
  /** Rows left out: their number in the document (1-based), id and status. */
  leftOut: { id: string; number: number; status: RowStatus }[];
  /** The public notes that would be footnotes (on published rows, with their text still there). */
  notes: { id: string; rowNumber: number; body: string; author: string }[];
}

/** The preview of publishing `doc` with `include` (the notes as the editor has them; detached ones stay out). */
export function getPublishPreview(doc: { rows: readonly Row[] }, notes: readonly Note[], include: PublishSelection): PublishPreview {
  const { included, leftOut } = selectPublishedRows(doc.rows, include);
  const numberOf = new Map(doc.rows.map((r, i) => [r.id, i + 1]));
  const published = new Set(included.map((r) => r.id));
  return {
    include,
    byStatus: countByStatus(included.map((r) => r.status)),
    leftOut: leftOut.map((r) => ({ id: r.id, number: numberOf.get(r.id)!, status: r.status })),
    notes: notes
      .filter((n) => n.visibility === 'public' && !n.detached && published.has(n.rowId))
      .map((n) => ({ id: n.id, rowNumber: numberOf.get(n.rowId)!, body: n.body, author: n.author })),
  };
}
