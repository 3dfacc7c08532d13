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
 * Letter forms that people type interchangeably and that search, the glossary and the memory treat as one:
 * hamza-carrying and madda alefs and alef wasla → bare alef, alef maqsura and Persian yeh → yaa, taa marbuta → haa,
 * Persian keheh → kaf. Each is one code unit to one, so offsets map back one to one.
 */
const LETTER_FOLDS: Record<string, string> = {
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ى': 'ي',
  'ی': 'ي',
  'ة': 'ه',
  'ک': 'ك',
};

/**
 * Folds text for search-like matching: everything `normalizeForMatch` ignores is dropped, the letter forms above
 * are unified and Latin letters are lower-cased (one code unit each, so the map stays exact). Used by the
 * glossary, the translation memory and search; note anchoring keeps the stricter `normalizeForMatch`.
 */
export function foldArabic(input: string): NormalizedText {
  const { text, map } = normalizeForMatch(input);
  let folded = '';
  for (const ch of text) {
    const fold = LETTER_FOLDS[ch];
    if (fold) folded += fold;
    else if (ch >= 'A' && ch <= 'Z') folded += ch.toLowerCase();
    else folded += ch;
  }
  return { text: folded, map };
}
