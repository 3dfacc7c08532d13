import { z } from './zod';
import { foldArabic } from './arabic';
import { ModelError } from './errors';
import { rowIdSchema } from './schema';
import { isSpace } from './text-scan';
import { parseWith } from './validate';

/** Version of glossary.json; bump with a migration when the shape changes. */
export const GLOSSARY_SCHEMA_VERSION = 1;
export const MAX_GLOSSARY_TERM = 200;
export const MAX_GLOSSARY_RENDERING = 500;
export const MAX_GLOSSARY_NOTE = 2000;

export const glossaryIdSchema = rowIdSchema;

/** A term must keep at least one letter or digit once diacritics and tatweel are set aside. */
const termSchema = z
  .string({ error: 'term must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_GLOSSARY_TERM, `must be at most ${MAX_GLOSSARY_TERM} characters`)
  .refine((t) => getTermWords(t).length > 0, { message: 'must contain a letter or a digit' });

const renderingSchema = z
  .string({ error: 'rendering must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_GLOSSARY_RENDERING, `must be at most ${MAX_GLOSSARY_RENDERING} characters`);

const noteSchema = z
  .string({ error: 'note must be a string' })
  .trim()
  .max(MAX_GLOSSARY_NOTE, `must be at most ${MAX_GLOSSARY_NOTE} characters`);

export const glossaryEntrySchema = z.strictObject({
  id: glossaryIdSchema,
  term: termSchema,
  rendering: renderingSchema,
  note: noteSchema.min(1, 'must not be empty (leave it out instead)').optional(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().min(1, 'must not be empty'),
});

export const glossaryFileSchema = z.strictObject({
  schemaVersion: z.literal(GLOSSARY_SCHEMA_VERSION),
  entries: z.array(glossaryEntrySchema),
});

/** Body of `POST /api/glossary`. An empty note is the same as none. */
export const createGlossaryEntryRequestSchema = z.strictObject({
  term: termSchema,
  rendering: renderingSchema,
  note: noteSchema.optional(),
});

/** Body of `PATCH /api/glossary/:id`; an empty `note` removes the note. */
export const updateGlossaryEntryRequestSchema = z
  .strictObject({
    term: termSchema.optional(),
    rendering: renderingSchema.optional(),
    note: noteSchema.optional(),
  })
  .refine((v) => v.term !== undefined || v.rendering !== undefined || v.note !== undefined, {
    message: 'give at least one of term, rendering, note',
  });

export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;
export type GlossaryFile = z.infer<typeof glossaryFileSchema>;
export type CreateGlossaryEntryRequest = z.infer<typeof createGlossaryEntryRequestSchema>;
export type UpdateGlossaryEntryRequest = z.infer<typeof updateGlossaryEntryRequestSchema>;

/** Validates a glossary file read from `source`; duplicate ids are a broken file too. */
export function parseGlossaryFile(input: unknown, source: string, code: 'corrupt' | 'invalid' = 'corrupt'): GlossaryFile {
  const file = parseWith(glossaryFileSchema, input, source, code);
  const seen = new Set<string>();
  file.entries.forEach((entry, i) => {
    if (seen.has(entry.id)) throw new ModelError(code, `${source}: entries[${i}].id: duplicate id "${entry.id}"`);
    seen.add(entry.id);
  });
  return file;
}

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
function getTermWords(term: string): string[] {
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
// Changes
// ---------------------------------------------------------------------------------------------------------------

/** Who changes the glossary and when; ids come from storage. */
export interface GlossaryContext {
  now: string;
  user: string;
  newId: () => string;
}

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

function checkUnique(entries: readonly GlossaryEntry[], term: string, exceptId?: string): void {
  const key = getGlossaryKey(term);
  const other = entries.find((e) => e.id !== exceptId && getGlossaryKey(e.term) === key);
  if (other) {
    throw new ModelError('exists', `the glossary already has "${other.term}" (rendered "${other.rendering}"); edit that entry instead`);
  }
}

function findEntry(entries: readonly GlossaryEntry[], id: string): number {
  const at = entries.findIndex((e) => e.id === id);
  if (at < 0) throw new ModelError('not-found', `glossary entry "${id}" does not exist`);
  return at;
}

/** Adds an entry; a term that folds to one already there is refused with 'exists'. */
export function addGlossaryEntry(
  entries: readonly GlossaryEntry[],
  request: CreateGlossaryEntryRequest,
  ctx: GlossaryContext,
): { entries: GlossaryEntry[]; entry: GlossaryEntry } {
  checkUnique(entries, request.term);
  const ids = new Set(entries.map((e) => e.id));
  let id = ctx.newId();
  while (ids.has(id)) id = ctx.newId();
  const entry: GlossaryEntry = {
    id,
    term: request.term,
    rendering: request.rendering,
    ...(request.note ? { note: request.note } : {}),
    updatedAt: ctx.now,
    updatedBy: ctx.user,
  };
  return { entries: [...entries, entry], entry };
}

/** Changes an entry's term, rendering or note (an empty note removes it). */
export function updateGlossaryEntry(
  entries: readonly GlossaryEntry[],
  id: string,
  request: UpdateGlossaryEntryRequest,
  ctx: Omit<GlossaryContext, 'newId'>,
): { entries: GlossaryEntry[]; entry: GlossaryEntry } {
  const at = findEntry(entries, id);
  if (request.term !== undefined) checkUnique(entries, request.term, id);
  const old = entries[at]!;
  const note = request.note === undefined ? old.note : request.note || undefined;
  const entry: GlossaryEntry = {
    id,
    term: request.term ?? old.term,
    rendering: request.rendering ?? old.rendering,
    ...(note ? { note } : {}),
    updatedAt: ctx.now,
    updatedBy: ctx.user,
  };
  const next = [...entries];
  next[at] = entry;
  return { entries: next, entry };
}

/** Removes an entry. */
export function deleteGlossaryEntry(entries: readonly GlossaryEntry[], id: string): GlossaryEntry[] {
  const at = findEntry(entries, id);
  return entries.filter((_, i) => i !== at);
}
