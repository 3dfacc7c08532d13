import { foldArabic } from '../arabic';
import type { MemoryEntry } from './schema';

/** Concordance: every entry holding a word or phrase, in either language. */

export interface TextSpan {
  start: number;
  end: number;
}

export interface ConcordanceHit {
  entry: MemoryEntry;
  /** Where the query occurs in the entry's source and target (offsets in the original texts). */
  source: TextSpan[];
  target: TextSpan[];
}

/** Folded source and target of each entry, kept while the entry lives: a search reads every entry. */
const foldedCache = new WeakMap<MemoryEntry, { source: string; target: string }>();

function foldedTexts(entry: MemoryEntry): { source: string; target: string } {
  let folded = foldedCache.get(entry);
  if (!folded) {
    folded = { source: foldArabic(entry.source).text, target: foldArabic(entry.target).text };
    foldedCache.set(entry, folded);
  }
  return folded;
}

/** Occurrences of the folded `needle` in `text`, as ranges of the original text (diacritics of the last letter included). */
function findSpans(text: string, needle: string): TextSpan[] {
  const { text: folded, map } = foldArabic(text);
  const spans: TextSpan[] = [];
  for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + needle.length)) {
    spans.push({ start: map[at]!, end: map[at + needle.length]! });
  }
  return spans;
}

/**
 * Entries whose source or target contains `query`: folded as Arabic (diacritics and letter forms ignored) and
 * case-insensitive for Latin text. Newest first; `total` counts every hit, `hits` holds at most `limit`.
 */
export function concordance(query: string, entries: readonly MemoryEntry[], options: { limit?: number } = {}): { hits: ConcordanceHit[]; total: number } {
  const needle = foldArabic(query.trim().replace(/\s+/g, ' ')).text;
  if (!needle) return { hits: [], total: 0 };
  const limit = options.limit ?? 50;
  const hits: ConcordanceHit[] = [];
  for (const entry of entries) {
    const folded = foldedTexts(entry);
    if (!folded.source.includes(needle) && !folded.target.includes(needle)) continue;
    hits.push({ entry, source: findSpans(entry.source, needle), target: findSpans(entry.target, needle) });
  }
  hits.sort((a, b) => b.entry.updatedAt.localeCompare(a.entry.updatedAt));
  return { hits: hits.slice(0, limit), total: hits.length };
}
