import { setRowsStatus, type Row, type RowStatus } from '@/lib/model';
import { getDocumentStore } from '@/lib/storage';
import { now } from '@/lib/clock';
import { feedRows } from './memory';

/**
 * Sets one status on many rows of a document in one commit (see setRowsStatus): all of them or, when one cannot
 * take it, none. Each changed row gets its revision and its event as a single save would; rows now translated or
 * approved feed the translation memory. Answers the rows that changed.
 */
export async function setDocumentRowsStatus(slug: string, rowIds: readonly string[], status: RowStatus, user: string | null): Promise<Row[]> {
  const at = now();
  const { changed, head } = await getDocumentStore().update(
    slug,
    (doc) => {
      const result = setRowsStatus(doc, rowIds, status, { now: at, user });
      return { doc: result.doc, result: { changed: result.changed, head: result.doc } };
    },
    { kind: 'save', now: at, user },
  );
  if (changed.length) await feedRows(head, changed, user);
  return changed;
}
