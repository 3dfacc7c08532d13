import { diffArrays } from 'diff';
import { distance } from 'fastest-levenshtein';
import { foldArabic } from '../arabic';
import { LIMITS } from '../limits';
import { baseLang, foldKeyText, type MemoryEntry } from './schema';

/**
 * Scores are word-level: 1 − (word edit distance ÷ the longer text's word count), on folded words (diacritics,
 * tatweel, alef/yaa/taa-marbuta forms and Latin case ignored; punctuation is not a word). Word-level because that
 * is what a translator reuses and what the highlighted difference shows — a changed word is one change whatever
 * its length — and because it allows an index: a match of 70% must share 70% of the query's words, so only
 * entries holding one of the query's rarest words are compared at all (prefix filtering), and a memory of 20,000
 * paragraphs answers in a few milliseconds. Texts whose words agree but whose punctuation, diacritics or spacing
 * differ score 0.99, so 100% always means the same text.
 */
/** A word as written: letters, digits, and the marks and tatweel that folding drops. */
const RAW_WORD = /[\p{L}\p{N}\p{M}\u0640]+/gu;
const RAW_WORD_START = /^[\p{L}\p{N}\p{M}\u0640]/u;

/** Folded words, folding each distinct word once: folding character by character is the slow part of indexing. */
const foldCache = new Map<string, string>();
function foldWord(word: string): string {
  let folded = foldCache.get(word);
  if (folded === undefined) {
    if (foldCache.size > 200_000) foldCache.clear();
    folded = foldArabic(word).text;
    foldCache.set(word, folded);
  }
  return folded;
}

/**
 * The folded words a text is matched on: its first LIMITS.memoryMatchWords. Matching is quadratic in words (edit
 * distance, the difference shown), and a 20,000-word row once took 16 s and 1.5 GB a lookup; bounded, a lookup
 * costs the same for any longer text. Texts that agree on those words but differ after them score 99%, not 100%
 * (scoreWords compares the whole texts).
 */
function foldedWords(text: string): string[] {
  const words: string[] = [];
  for (const [raw] of text.matchAll(RAW_WORD)) {
    const folded = foldWord(raw);
    if (folded !== '') words.push(folded);
    if (words.length === LIMITS.memoryMatchWords) break;
  }
  return words;
}

interface MemoryIndex {
  words: string[][];
  /** Word → indices of the entries that hold it (each index once), shortest entries first. */
  postings: Map<string, number[]>;
}

const indexCache = new WeakMap<readonly MemoryEntry[], MemoryIndex>();
/** Folded words of each entry: kept across writes for the entries a write did not touch (upserts reuse them). */
const wordsCache = new WeakMap<MemoryEntry, string[]>();

function entryWords(entry: MemoryEntry): string[] {
  let words = wordsCache.get(entry);
  if (!words) {
    words = foldedWords(entry.source);
    wordsCache.set(entry, words);
  }
  return words;
}

/** The word index of a list of entries, built once per list (the store hands out the same array until a write). */
function getIndex(entries: readonly MemoryEntry[]): MemoryIndex {
  let index = indexCache.get(entries);
  if (index) return index;
  const words = entries.map(entryWords);
  const postings = new Map<string, number[]>();
  words.forEach((list, i) => {
    for (const w of new Set(list)) {
      const p = postings.get(w);
      if (p) p.push(i);
      else postings.set(w, [i]);
    }
  });
  // Sorted by length, so a query reads only the part of a list whose lengths can reach the minimum score.
  for (const list of postings.values()) if (list.length > 1) list.sort((a, b) => words[a]!.length - words[b]!.length);
  index = { words, postings };
  indexCache.set(entries, index);
  return index;
}

/**
 * Word edit distance with fastest-levenshtein: each distinct word of the pair becomes one UTF-16 code unit, so the
 * library's character distance is the word distance.
 */
function wordDistance(a: readonly string[], b: readonly string[]): number {
  const codes = new Map<string, string>();
  const encode = (list: readonly string[]) =>
    list
      .map((w) => {
        let c = codes.get(w);
        if (c === undefined) {
          // Skip the surrogate range: a lone surrogate is still one code unit, but stay clear of oddities.
          const n = codes.size + 1;
          c = String.fromCharCode(n < 0xd800 ? n : n + 0x800);
          codes.set(w, c);
        }
        return c;
      })
      .join('');
  return distance(encode(a), encode(b));
}

/** A piece of the matched source, for highlighting: shared, only in the row's source, or only in the match's. */
export interface DiffSegment {
  text: string;
  kind: 'same' | 'added' | 'removed';
}

export interface MemoryMatch {
  entry: MemoryEntry;
  /** In [0, 1]; see above. */
  score: number;
  /** From the match's source to the query: `removed` words are in the match only, `added` words in the query only. */
  diff: DiffSegment[];
}

export interface MatchOptions {
  /** Lowest score to return (default 0.7). */
  min?: number;
  /** Most matches to return (default 3). */
  limit?: number;
  /** Only entries of this language pair (compared by primary subtag). */
  sourceLang?: string;
  targetLang?: string;
  /**
   * The row asking: its own entry is left out while its source is the row's source (it is the row's own
   * translation, no help), but shown once the row's source changed (after a merge or split) — then it is a match.
   */
  self?: { slug: string; rowId: string };
}

/** Words, runs of white space and single other characters: the units the highlighted difference is made of. */
const DIFF_TOKEN = /\s+|[\p{L}\p{N}\p{M}\u0640]+|[^\s\p{L}\p{N}\p{M}\u0640]/gu;

/**
 * The difference between a match's source and the query, word by word on the original texts (so the highlight
 * shows the text as written), with words compared folded (a difference of diacritics alone is not marked).
 */
export function diffSources(matched: string, query: string): DiffSegment[] {
  // Both sides up to their LIMITS.memoryMatchWords-th word, as they were scored; the rest of the match is shown unmarked.
  const { tokens: from, rest } = diffTokens(matched);
  const to = diffTokens(query).tokens;
  const fold = (t: string) => (/^\s/.test(t) ? ' ' : foldWord(t));
  // Diffed from the query to the match, folded; the texts shown are taken back from the match as written.
  const changes = diffArrays(to.map(fold), from.map(fold));
  let inFrom = 0;
  let inTo = 0;
  const take = (list: string[], start: number, count: number) => list.slice(start, start + count).join('');
  const segments: DiffSegment[] = [];
  const push = (kind: DiffSegment['kind'], text: string) => {
    const last = segments[segments.length - 1];
    if (last?.kind === kind) last.text += text;
    else if (text) segments.push({ text, kind });
  };
  // Within a run of changes the match's words come first, then the query's: "was X, now Y".
  let removed = '';
  let added = '';
  const flush = () => {
    push('removed', removed);
    push('added', added);
    removed = added = '';
  };
  for (const change of changes) {
    const count = change.value.length;
    if (change.added) {
      removed += take(from, inFrom, count);
      inFrom += count;
    } else if (change.removed) {
      added += take(to, inTo, count);
      inTo += count;
    } else {
      flush();
      push('same', take(from, inFrom, count));
      inFrom += count;
      inTo += count;
    }
  }
  flush();
  if (rest) push('same', rest);
  return segments;
}

/** The diff tokens of `text` up to its LIMITS.memoryMatchWords-th word, and the text after them. */
function diffTokens(text: string): { tokens: string[]; rest: string } {
  const tokens: string[] = [];
  let words = 0;
  for (const m of text.matchAll(DIFF_TOKEN)) {
    if (RAW_WORD_START.test(m[0]) && ++words > LIMITS.memoryMatchWords) return { tokens, rest: text.slice(m.index) };
    tokens.push(m[0]);
  }
  return { tokens, rest: '' };
}

/** Word-level similarity of two texts, as findMatches scores them. */
export function similarity(a: string, b: string): number {
  return scoreWords(foldedWords(a), foldedWords(b), a, b);
}

function scoreWords(qa: readonly string[], qb: readonly string[], a: string, b: string): number {
  const longer = Math.max(qa.length, qb.length);
  if (longer === 0) return foldKeyText(a) === foldKeyText(b) ? 1 : 0;
  const score = 1 - wordDistance(qa, qb) / longer;
  if (score === 1 && a.replace(/\s+/g, ' ').trim() !== b.replace(/\s+/g, ' ').trim()) return 0.99;
  return score;
}

/** How many of `words` the query holds, each counted at most as often as the query has it. */
function sharedWords(queryCounts: ReadonlyMap<string, number>, words: readonly string[]): number {
  const used = new Map<string, number>();
  let shared = 0;
  for (const w of words) {
    const available = queryCounts.get(w);
    if (!available) continue;
    const taken = used.get(w) ?? 0;
    if (taken < available) {
      used.set(w, taken + 1);
      shared++;
    }
  }
  return shared;
}

/** The best matches for `query` among `entries`, best first (ties: the most recently updated first). */
export function findMatches(query: string, entries: readonly MemoryEntry[], options: MatchOptions = {}): MemoryMatch[] {
  const min = options.min ?? 0.7;
  const limit = options.limit ?? 3;
  const queryWords = foldedWords(query);
  const n = queryWords.length;
  if (n === 0 || limit <= 0) return [];
  const index = getIndex(entries);
  // A match shares at least ⌈min·n⌉ of the query's words, so it holds at least one of the n − ⌈min·n⌉ + 1 rarest.
  const needed = Math.max(1, Math.ceil(min * n - 1e-9));
  const byRarity = [...queryWords].sort((a, b) => (index.postings.get(a)?.length ?? 0) - (index.postings.get(b)?.length ?? 0));
  // The distance is at least the difference in length, so only entries of ⌈min·n⌉ to ⌊n/min⌋ words can match.
  const shortest = needed;
  const longest = min > 0 ? Math.floor(n / min + 1e-9) : Infinity;
  const candidates = new Set<number>();
  for (const w of new Set(byRarity.slice(0, n - needed + 1))) {
    const list = index.postings.get(w) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (index.words[list[mid]!]!.length < shortest) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < list.length && index.words[list[k]!]!.length <= longest; k++) candidates.add(list[k]!);
  }

  const sourceLang = options.sourceLang && baseLang(options.sourceLang);
  const targetLang = options.targetLang && baseLang(options.targetLang);
  const selfKey = options.self ? foldKeyText(query) : null;
  const queryCounts = new Map<string, number>();
  for (const w of queryWords) queryCounts.set(w, (queryCounts.get(w) ?? 0) + 1);
  const scored: { entry: MemoryEntry; score: number }[] = [];
  for (const i of candidates) {
    const entry = entries[i]!;
    const words = index.words[i]!;
    const longer = Math.max(n, words.length);
    if (Math.min(n, words.length) < min * longer - 1e-9) continue;
    // Aligned words are shared words, so the score is at most shared ÷ longer: a cheap count before the distance.
    if (sharedWords(queryCounts, words) < min * longer - 1e-9) continue;
    if (sourceLang && baseLang(entry.sourceLang) !== sourceLang) continue;
    if (targetLang && baseLang(entry.targetLang) !== targetLang) continue;
    if (options.self && entry.origin.slug === options.self.slug && entry.origin.rowId === options.self.rowId && foldKeyText(entry.source) === selfKey) continue;
    const score = scoreWords(queryWords, words, query, entry.source);
    if (score >= min - 1e-9) scored.push({ entry, score });
  }
  scored.sort((a, b) => b.score - a.score || b.entry.updatedAt.localeCompare(a.entry.updatedAt));
  return scored.slice(0, limit).map(({ entry, score }) => ({ entry, score, diff: diffSources(entry.source, query) }));
}
