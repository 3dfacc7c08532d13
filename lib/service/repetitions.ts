import { fillRowDraft, getRepetitionsToFill, isDoneStatus, ModelError, type Row } from '@/lib/model';
import { getDocumentStore } from '@/lib/storage';
import { now } from '@/lib/clock';

/**
 * Fills the untranslated repetitions of a confirmed row with its translation, in one write: each becomes a draft
 * recording the row it came from (to be confirmed by a person, as CAT tools leave auto-propagated segments).
 * A row that is not translated or approved fills nothing.
 */
export function fillRepetitions(slug: string, fromRowId: string, user: string): Promise<{ filled: Row[] }> {
  return getDocumentStore().update(slug, (doc) => {
    const from = doc.rows.find((r) => r.id === fromRowId);
    if (!from) throw new ModelError('not-found', `row ${fromRowId} does not exist in ${slug}`);
    if (!isDoneStatus(from.status)) {
      throw new ModelError('invalid', `row ${fromRowId} is "${from.status}": only a translated or approved row fills its repetitions`);
    }
    const targets = new Set(getRepetitionsToFill(doc.rows, fromRowId).map((r) => r.id));
    if (!targets.size) return { doc, result: { filled: [] } };
    const stamp = now();
    const filled: Row[] = [];
    const rows = doc.rows.map((row) => {
      if (!targets.has(row.id)) return row;
      // HISTORY: once rows keep their revisions, this is one (reason "repetition of <fromRowId>").
      const next = fillRowDraft(row, from.target, { kind: 'repetition', fromRowId }, { now: stamp, user });
      filled.push(next);
      return next;
    });
    return { doc: { ...doc, rows, updatedAt: stamp }, result: { filled } };
  });
}
