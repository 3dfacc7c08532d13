import { toLatinDigitCode } from './digits';

/**
 * Arabic-aware text normalisation for matching: harakat (fathatan … sukun), superscript alef, Quranic marks and
 * tatweel are ignored. Each normalised character remembers where it came from, so a match in the normalised
 * text maps back to a range of the original.
 */
const IGNORED = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/;

export interface NormalizedText {
  text: string;
  /** map[i] = index in the original of normalised character i; map[text.length] = original length. */
  map: number[];
}

/** Normalises `input` for matching, keeping a map back to original offsets. */
export function normalizeForMatch(input: string): NormalizedText {
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (IGNORED.test(ch)) continue;
    text += ch;
    map.push(i);
  }
  map.push(input.length);
  return { text, map };
}

/** `input` with diacritics and tatweel removed. */
export function stripArabicMarks(input: string): string {
  return normalizeForMatch(input).text;
}

/**
 * Letter forms that people type interchangeably and that search, the glossary and the memory treat as one, by
 * char code: hamza-carrying and madda alefs and alef wasla → bare alef, alef maqsura and Persian yeh → yaa, taa
 * marbuta → haa, Persian keheh → kaf. Each is one code unit to one, so offsets map back one to one.
 */
const LETTER_FOLDS = new Map<number, number>([
  [0x0623, 0x0627], // أ → ا
  [0x0625, 0x0627], // إ → ا
  [0x0622, 0x0627], // آ → ا
  [0x0671, 0x0627], // ٱ → ا
  [0x0649, 0x064a], // ى → ي
  [0x06cc, 0x064a], // ی → ي
  [0x0629, 0x0647], // ة → ه
  [0x06a9, 0x0643], // ک → ك
]);

/** The char-code form of IGNORED, for the one-pass fold. */
const isIgnoredCode = (c: number): boolean =>
  (c >= 0x0610 && c <= 0x061a) || (c >= 0x064b && c <= 0x065f) || c === 0x0670 || (c >= 0x06d6 && c <= 0x06ed) || c === 0x0640;

export interface FoldOptions {
  /** Arabic-Indic and Eastern digits, ٫ ٬ and ٪ read as ASCII (search: "2025" finds "٢٠٢٥"). Default false. */
  digits?: boolean;
  /** Keep the case of Latin letters. Default false: A-Z are lower-cased. */
  matchCase?: boolean;
  /** Without matchCase, lower-case other letters too where that keeps them one code unit (É → é, not İ). */
  lowerAll?: boolean;
}

/**
 * Folds text for search-like matching: everything `normalizeForMatch` ignores is dropped, the letter forms above
 * are unified and Latin letters are lower-cased (one code unit each, so the map stays exact). Used by the
 * glossary, the translation memory and search (with its options); note anchoring keeps the stricter
 * `normalizeForMatch`. One pass over char codes: search folds every text of a document on each query.
 */
export function foldArabic(input: string, options: FoldOptions = {}): NormalizedText {
  const { digits = false, matchCase = false, lowerAll = false } = options;
  const codes: number[] = [];
  const map: number[] = [];
  for (let i = 0; i < input.length; i++) {
    let c = input.charCodeAt(i);
    if (c < 0x80) {
      if (!matchCase && c >= 65 && c <= 90) c += 32;
    } else if (c >= 0x0600 && c <= 0x06ff) {
      if (isIgnoredCode(c)) continue;
      c = LETTER_FOLDS.get(c) ?? c;
      if (digits) c = toLatinDigitCode(c, true);
    } else if (!matchCase && lowerAll) {
      const lower = input[i]!.toLowerCase();
      if (lower.length === 1) c = lower.charCodeAt(0);
    }
    codes.push(c);
    map.push(i);
  }
  map.push(input.length);
  let text = '';
  for (let k = 0; k < codes.length; k += 4096) text += String.fromCharCode(...codes.slice(k, k + 4096));
  return { text, map };
}
