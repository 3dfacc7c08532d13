import { diffWordsWithSpace } from 'diff';
import type { TargetDoc } from './schema';
import { getTargetText } from './target';

/**
 * Word-level differences between two versions of a text, as a reviewer reads track changes: whole words inserted
 * or deleted, never halves of words (a changed letter shows as the old word struck and the new one underlined).
 * Whitespace counts as a token so the parts, put back together, give both texts exactly.
 */

/** A run of text that both versions share, that only the newer one has, or that only the older one had. */
export interface WordDiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * The parts that turn `before` into `after`, in reading order; adjacent parts of one kind are joined, and a
 * deletion comes before the insertion that replaces it. `same` + `removed` parts give `before`; `same` + `added`
 * parts give `after`.
 */
export function getWordDiff(before: string, after: string): WordDiffPart[] {
  if (before === after) return before ? [{ kind: 'same', text: before }] : [];
  const parts: WordDiffPart[] = [];
  for (const change of diffWordsWithSpace(before, after)) {
    if (!change.value) continue;
    const kind: WordDiffPart['kind'] = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += change.value;
    else parts.push({ kind, text: change.value });
  }
  return parts;
}

/** Word differences between two translations, paragraph breaks kept as blank lines (see getTargetText). */
export function getTargetWordDiff(before: TargetDoc, after: TargetDoc): WordDiffPart[] {
  return getWordDiff(getTargetText(before), getTargetText(after));
}

/** True when the diff holds a change that is more than whitespace. */
export function hasWordChanges(parts: readonly WordDiffPart[]): boolean {
  return parts.some((p) => p.kind !== 'same' && p.text.trim() !== '');
}

/** How many words were inserted and deleted (a reviewer's measure of how much changed). */
export function countWordChanges(parts: readonly WordDiffPart[]): { added: number; removed: number } {
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
  let added = 0;
  let removed = 0;
  for (const p of parts) {
    if (p.kind === 'added') added += words(p.text);
    else if (p.kind === 'removed') removed += words(p.text);
  }
  return { added, removed };
}
