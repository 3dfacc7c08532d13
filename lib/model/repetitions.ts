import { foldArabic } from './arabic';
import type { Row } from './schema';
import { isDoneStatus } from './status';
import { isTargetEmpty } from './target';

/**
 * Repetitions: rows whose original is the same text once diacritics, tatweel, letter forms, Latin case and
 * spacing are set aside (`foldArabic`). CAT tools translate such a text once and fill the others from it.
 */

/** The text two rows must share to repeat each other; '' for a row with no letters at all. */
export function getRepetitionKey(row: Pick<Row, 'source'>): string {
  return foldArabic(row.source.map((b) => b.text).join('\n')).text.replace(/\s+/g, ' ').trim();
}

/** A set of rows repeating one text, in document order (the first is the first occurrence). */
export interface RepetitionGroup {
  key: string;
  rowIds: string[];
}

/**
 * Every text that occurs in more than one row, in the order of its first occurrence. `keyOf` gives a row's key
 * (getRepetitionKey by default; the editor passes one that remembers the keys it worked out earlier).
 */
export function findRepetitionGroups<R extends Pick<Row, 'id' | 'source'>>(rows: readonly R[], keyOf: (row: R) => string = getRepetitionKey): RepetitionGroup[] {
  const byKey = new Map<string, string[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (!key) continue;
    const ids = byKey.get(key);
    if (ids) ids.push(row.id);
    else byKey.set(key, [row.id]);
  }
  return [...byKey].filter(([, ids]) => ids.length > 1).map(([key, rowIds]) => ({ key, rowIds }));
}

/**
 * The rows a confirmed row's translation may fill: its repetitions that are still untranslated and empty. A row
 * that is not confirmed (translated or approved) fills nothing: only finished work is propagated.
 */
export function getRepetitionsToFill(rows: readonly Row[], fromRowId: string): Row[] {
  const from = rows.find((r) => r.id === fromRowId);
  if (!from || !isDoneStatus(from.status) || isTargetEmpty(from.target)) return [];
  const key = getRepetitionKey(from);
  if (!key) return [];
  return rows.filter((r) => r.id !== fromRowId && r.status === 'untranslated' && isTargetEmpty(r.target) && getRepetitionKey(r) === key);
}
