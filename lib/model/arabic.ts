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
