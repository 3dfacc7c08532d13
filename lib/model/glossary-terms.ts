import { foldArabic } from './arabic';
import type { GlossaryEntry } from './glossary';
import { isSpace } from './text-scan';

/**
 * Finding glossary terms in text, with no schema: what the editor's page needs of the glossary (underlining terms,
 * the QA check for renderings, sorting) without the validation the server does (glossary.ts).
 */

export const MAX_GLOSSARY_TERM = 200;
export const MAX_GLOSSARY_RENDERING = 500;

// ---------------------------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------------------------

/** A word: a run of letters, digits and the marks inside them (in folded text there are no marks left). */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** What may stand between the words of a multi-word term: spaces on one line, and at most one quote, dash or bracket. */
const JOINER_MARKS = '“”"\'«»‹›()-‐–—';

/**
 * True when `gap` may join two words of a term. A scan, not `/^\s*[…]?\s*$/`: two space runs around an optional
 * mark can split a long gap in as many ways as it has spaces, which took 6 s in the browser on a long gap.
 */
function isJoiner(gap: string): boolean {
  let marks = 0;
  for (const c of gap) {
    if (c === '\n') return false;
    if (isSpace(c)) continue;
    if (!JOINER_MARKS.includes(c) || ++marks > 1) return false;
  }
  return true;
}
const DEFINITE = 'ال';
/** The conjunctions and prepositions written joined to the next word, in the order they stack (و + ب + ال …). */
const CONJUNCTIONS = ['', 'و', 'ف'];
const PREPOSITIONS = ['', 'ب', 'ك', 'ل'];
/** A stripped stem shorter than this is not a word worth matching (ل + ا …). */
const MIN_STEM = 2;

interface Word {
  text: string;
  start: number;
  end: number;
}

function words(folded: string): Word[] {
  const out: Word[] = [];
  for (const m of folded.matchAll(WORD)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** The folded words of a term. */
export function getTermWords(term: string): string[] {
  return words(foldArabic(term).text).map((w) => w.text);
}

/** A word without its article: the form a term's first word is looked up by, so "الأمم" and "أمم" meet. */
function withoutArticle(word: string): string {
  return word.startsWith(DEFINITE) && word.length - DEFINITE.length >= MIN_STEM ? word.slice(DEFINITE.length) : word;
}

/**
 * Every form a text word may be a term's first word in: itself, and itself without a leading conjunction (و ف),
 * preposition (ب ك ل) and article, in the order they stack — وبالأمم, فللأمم (ل + ال with the alef dropped).
 * Pushed into `out`, duplicates and all (a match found twice is dropped later): no set per word of the text.
 */
function stems(word: string, out: string[]): string[] {
  out.length = 0;
  out.push(word, withoutArticle(word));
  for (const conj of CONJUNCTIONS) {
    if (!word.startsWith(conj)) continue;
    const afterConj = word.slice(conj.length);
    for (const prep of PREPOSITIONS) {
      if ((!conj && !prep) || !afterConj.startsWith(prep)) continue;
      const rest = afterConj.slice(prep.length);
      if (rest.length < MIN_STEM) continue;
      out.push(rest, withoutArticle(rest));
      // لل: the preposition ل before the article drops the article's alef.
      if (prep === 'ل' && rest.startsWith('ل') && rest.length - 1 >= MIN_STEM) out.push(rest.slice(1));
    }
  }
  return out;
}

/** A term's key: its folded words, the first without its article. Two entries with one key are duplicates. */
export function getGlossaryKey(term: string): string {
  const [first, ...rest] = getTermWords(term);
  return first === undefined ? '' : [withoutArticle(first), ...rest].join(' ');
}

interface IndexedTerm {
  entryId: string;
  /** Words after the first, folded. */
  rest: string[];
  length: number;
}

/** Entries by the key of their first word; built once per entries array. */
type GlossaryIndex = Map<string, IndexedTerm[]>;

const indexes = new WeakMap<readonly GlossaryEntry[], GlossaryIndex>();

function getIndex(entries: readonly GlossaryEntry[]): GlossaryIndex {
  let index = indexes.get(entries);
  if (index) return index;
  index = new Map();
  const keys = new Set<string>();
  for (const entry of entries) {
    const termWords = getTermWords(entry.term);
    const key = getGlossaryKey(entry.term);
    // A hand-edited file may hold one term twice: the first entry is the one shown.
    if (!termWords.length || keys.has(key)) continue;
    keys.add(key);
    const first = withoutArticle(termWords[0]!);
    const list = index.get(first) ?? [];
    list.push({ entryId: entry.id, rest: termWords.slice(1), length: termWords.join(' ').length });
    index.set(first, list);
  }
  indexes.set(entries, index);
  return index;
}

/** Where a glossary term occurs: offsets into the original text, `[start, end)`. */
export interface GlossaryMatch {
  entryId: string;
  start: number;
  end: number;
}

/**
 * The glossary terms in `text`, as non-overlapping ranges of the ORIGINAL text, in text order. Matching ignores
 * diacritics and tatweel and unifies alef, yaa and taa-marbuta forms (`foldArabic`); it is by whole words, and the
 * term's first word may carry the clitics و ف ب ك ل and the article (والأمم، للأمم، وبالأمم). A match covers whole
 * words, prefixes included, with their trailing diacritics. Where matches overlap the one with more words (then
 * more letters) wins, then the earlier one.
 */
export function findGlossaryTerms(text: string, entries: readonly GlossaryEntry[]): GlossaryMatch[] {
  if (!entries.length || !text) return [];
  const index = getIndex(entries);
  const folded = foldArabic(text);
  const ws = words(folded.text);
  const found: { entryId: string; from: number; to: number; words: number; length: number }[] = [];
  const candidates: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    // Most words are no term's first word: the set of stems already tried is made only on a hit.
    let tried: Set<string> | null = null;
    for (const stem of stems(ws[i]!.text, candidates)) {
      const terms = index.get(stem);
      if (!terms || tried?.has(stem)) continue;
      (tried ??= new Set()).add(stem);
      for (const term of terms) {
        if (i + term.rest.length >= ws.length) continue;
        let ok = true;
        for (let k = 0; k < term.rest.length && ok; k++) {
          const prev = ws[i + k]!;
          const next = ws[i + k + 1]!;
          ok = next.text === term.rest[k] && isJoiner(folded.text.slice(prev.end, next.start));
        }
        if (ok) found.push({ entryId: term.entryId, from: i, to: i + term.rest.length, words: term.rest.length + 1, length: term.length });
      }
    }
  }
  found.sort((a, b) => b.words - a.words || b.length - a.length || a.from - b.from);
  const taken = new Uint8Array(ws.length);
  const chosen: GlossaryMatch[] = [];
  for (const f of found) {
    let free = true;
    for (let w = f.from; w <= f.to && free; w++) free = taken[w] === 0;
    if (!free) continue;
    taken.fill(1, f.from, f.to + 1);
    chosen.push({ entryId: f.entryId, start: folded.map[ws[f.from]!.start]!, end: folded.map[ws[f.to]!.end]! });
  }
  return chosen.sort((a, b) => a.start - b.start);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Text as renderings are compared: lower case, one apostrophe, each run of white space one space. */
function foldRenderingText(text: string): string {
  return text.toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ');
}

/**
 * True when `rendering` occurs in `text` as whole words, case-insensitively, however the spaces fall. Curly and
 * straight apostrophes are one ("Haftar’s" and "Haftar's"). Found with `indexOf` on folded text rather than a
 * pattern built from the rendering, so what an entry holds can never shape a regular expression.
 */
export function containsRendering(text: string, rendering: string): boolean {
  const needle = foldRenderingText(rendering.trim());
  if (!needle.trim()) return true;
  const haystack = foldRenderingText(text);
  const isWordAt = (i: number) => i >= 0 && i < haystack.length && LETTER_OR_DIGIT.test(haystack[i]!);
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    if (!isWordAt(at - 1) && !isWordAt(at + needle.length)) return true;
  }
  return false;
}

/**
 * The entries whose term occurs in the Arabic but whose rendering is missing from the English: the QA check that
 * the agreed names and terms were used. Each entry once, in the order of its first occurrence.
 */
export function findMissingRenderings(sourceText: string, targetText: string, entries: readonly GlossaryEntry[]): GlossaryEntry[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const missing: GlossaryEntry[] = [];
  const seen = new Set<string>();
  for (const match of findGlossaryTerms(sourceText, entries)) {
    if (seen.has(match.entryId)) continue;
    seen.add(match.entryId);
    const entry = byId.get(match.entryId)!;
    if (!containsRendering(targetText, entry.rendering)) missing.push(entry);
  }
  return missing;
}

// ---------------------------------------------------------------------------------------------------------------
// Order
// ---------------------------------------------------------------------------------------------------------------

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Entries sorted by term, as the glossary page lists them. Folded Arabic in code-point order is alphabetical order
 * (the letters ا … ي are encoded in it, and the forms that break it are folded away), and unlike a locale's
 * collation it is the same on the server and in every browser, so the page hydrates without a mismatch.
 */
export function sortGlossary(entries: readonly GlossaryEntry[]): GlossaryEntry[] {
  const keyed = entries.map((e) => ({ e, key: foldArabic(e.term).text }));
  keyed.sort((a, b) => compareCodeUnits(a.key, b.key) || compareCodeUnits(a.e.id, b.e.id));
  return keyed.map((k) => k.e);
}
