import { isTargetEmpty } from './target';
import type { RowStatus, TargetDoc } from './schema';

/** Statuses in the order work moves through them; used to order and count. */
export const STATUS_ORDER: readonly RowStatus[] = ['untranslated', 'draft', 'needs-changes', 'translated', 'approved'];

/** Statuses that count as done for progress. */
export function isDoneStatus(status: RowStatus): boolean {
  return status === 'translated' || status === 'approved';
}

/**
 * The status a row takes after its translation changed, when the editor did not set one: text typed into an
 * untranslated row makes it a draft; emptying a row makes it untranslated; a translated or approved row that
 * is edited goes back to draft, since what was approved is no longer what is there.
 */
export function getStatusAfterEdit(previous: RowStatus, target: TargetDoc): RowStatus {
  if (isTargetEmpty(target)) return 'untranslated';
  if (previous === 'untranslated' || previous === 'translated' || previous === 'approved') return 'draft';
  return previous;
}

/** The status a row may be set to explicitly, or a reason it may not. */
export function getStatusError(status: RowStatus, target: TargetDoc): string | null {
  if (status !== 'untranslated' && isTargetEmpty(target)) return `a row with no translation cannot be "${status}"`;
  return null;
}

/** Status of a row made by merging two rows: the less advanced of the two, as the pair must be checked again. */
export function getMergedStatus(a: RowStatus, b: RowStatus, target: TargetDoc): RowStatus {
  if (isTargetEmpty(target)) return 'untranslated';
  if (a === b) return a;
  const least = STATUS_ORDER.indexOf(a) < STATUS_ORDER.indexOf(b) ? a : b;
  return least === 'untranslated' ? 'draft' : least;
}

/** Status of a part of a split row: a re-aligned part is a draft again unless it has no translation. */
export function getSplitStatus(previous: RowStatus, target: TargetDoc): RowStatus {
  return getStatusAfterEdit(previous, target);
}

/** Rows counted by status, every status present (zero when none). */
export function countByStatus(statuses: Iterable<RowStatus>): Record<RowStatus, number> {
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<RowStatus, number>;
  for (const s of statuses) counts[s] += 1;
  return counts;
}
