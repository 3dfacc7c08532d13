import { foldArabic } from './arabic';
import { normalizeDigits } from './digits';
import { trimEndOf } from './text-scan';

/** Numbers in Arabic and English text compared by value; digits are read as ASCII by ./digits. */
/** A number found in a text. */
export interface FoundNumber {
  /** The value, canonical: ASCII digits, no thousands separators, no leading zeros, no trailing fraction zeros. */
  value: string;
  /** As written in the text ("٢٠٢٥", "1,000"). */
  text: string;
  start: number;
  end: number;
}

/**
 * Grouped thousands ("1,000,000", a comma followed by exactly three digits) are one number; otherwise a comma
 * separates numbers ("10,20"), so "May 10, 2025" gives 10 and 2025. A point followed by digits is a decimal
 * point; a sentence-ending point is not. Digits glued to letters still count ("10th" is 10, "F-16" holds 16).
 */
const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;

/** Canonical value of a number written with ASCII digits, "." decimals and "," thousands. */
export function canonicalNumber(written: string): string {
  const [intPart = '', frac = ''] = written.replace(/,/g, '').split('.');
  const int = intPart.replace(/^0+(?=\d)/, '');
  // Not `/0+$/`, which reads a long run of zeros once from each of them.
  const fraction = trimEndOf(frac, '0');
  return fraction ? `${int}.${fraction}` : int;
}

/** The numbers written in digits in `text`, in order. */
export function findNumbers(text: string): FoundNumber[] {
  const normalized = normalizeDigits(text);
  const found: FoundNumber[] = [];
  for (const m of normalized.matchAll(NUMBER)) {
    const start = m.index;
    const end = start + m[0].length;
    found.push({ value: canonicalNumber(m[0]), text: text.slice(start, end), start, end });
  }
  return found;
}

const EN_UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_ORDINAL_UNITS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth',
  'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth',
  'eighteenth', 'nineteenth'];
const EN_ORDINAL_TENS = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth',
  'eightieth', 'ninetieth'];

/** English number words: cardinals and ordinals 0-99 (hyphenated compounds as one key), hundred, thousand. */
const EN_WORDS: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  EN_UNITS.forEach((w, i) => m.set(w, i));
  EN_ORDINAL_UNITS.forEach((w, i) => m.set(w, i));
  for (let t = 2; t < 10; t++) {
    m.set(EN_TENS[t]!, t * 10);
    m.set(EN_ORDINAL_TENS[t]!, t * 10);
    for (let u = 1; u < 10; u++) {
      m.set(`${EN_TENS[t]}-${EN_UNITS[u]}`, t * 10 + u);
      m.set(`${EN_TENS[t]}-${EN_ORDINAL_UNITS[u]}`, t * 10 + u);
    }
  }
  m.set('hundred', 100).set('hundredth', 100).set('thousand', 1000).set('thousandth', 1000);
  m.set('dozen', 12);
  return m;
})();

/**
 * Arabic number words, folded (ة→ه, أ→ا…): cardinals 1-10 in their masculine, feminine and case forms, the
 * tens, hundred and thousand, and the ordinals 1-10. Not compounds ("خمسة وعشرون" holds 5 and 20, which is
 * what a translator may write as 25; that pair is then reported, a rare and visible false alarm).
 */
const AR_WORDS: ReadonlyMap<string, number> = foldKeys([
  ['صفر', 0],
  ['واحد', 1], ['واحده', 1], ['احد', 1], ['احدى', 1], ['اول', 1], ['اولى', 1], ['الاول', 1], ['الاولى', 1],
  ['اثنان', 2], ['اثنين', 2], ['اثنتان', 2], ['اثنتين', 2], ['ثاني', 2], ['ثانيه', 2],
  ['ثلاث', 3], ['ثلاثه', 3], ['ثالث', 3], ['ثالثه', 3],
  ['اربع', 4], ['اربعه', 4], ['رابع', 4], ['رابعه', 4],
  ['خمس', 5], ['خمسه', 5], ['خامس', 5], ['خامسه', 5],
  ['ست', 6], ['سته', 6], ['سادس', 6], ['سادسه', 6],
  ['سبع', 7], ['سبعه', 7], ['سابع', 7], ['سابعه', 7],
  ['ثمان', 8], ['ثماني', 8], ['ثمانيه', 8], ['ثامن', 8], ['ثامنه', 8],
  ['تسع', 9], ['تسعه', 9], ['تاسع', 9], ['تاسعه', 9],
  ['عشر', 10], ['عشره', 10], ['عاشر', 10], ['عاشره', 10],
  ['عشرون', 20], ['عشرين', 20], ['ثلاثون', 30], ['ثلاثين', 30], ['اربعون', 40], ['اربعين', 40],
  ['خمسون', 50], ['خمسين', 50], ['ستون', 60], ['ستين', 60], ['سبعون', 70], ['سبعين', 70],
  ['ثمانون', 80], ['ثمانين', 80], ['تسعون', 90], ['تسعين', 90],
  ['مائه', 100], ['مئه', 100], ['الف', 1000],
]);

/** The table as foldArabic spells its keys (ى → ي and so on), the form text is looked up in. */
function foldKeys(entries: [string, number][]): ReadonlyMap<string, number> {
  return new Map(entries.map(([k, v]) => [foldArabic(k).text, v]));
}

/** Proclitics that may be glued to an Arabic number word: و ف ب ل and the article, alone or combined. */
const AR_PREFIXES = ['', 'و', 'ف', 'ب', 'ل', 'ال', 'وال', 'فال', 'بال', 'لل', 'ولل', 'وب', 'ول'];

/** Values (canonical strings) of the number words in `text`, English or Arabic. */
export function findNumberWords(text: string): Set<string> {
  const values = new Set<string>();
  for (const [word] of text.toLowerCase().matchAll(/[a-z]+(?:-[a-z]+)?/g)) {
    const v = EN_WORDS.get(word);
    if (v !== undefined) values.add(String(v));
  }
  for (const [word] of foldArabic(text).text.matchAll(/[\u0621-\u064A]+/g)) {
    for (const prefix of AR_PREFIXES) {
      if (!word.startsWith(prefix)) continue;
      const v = AR_WORDS.get(word.slice(prefix.length));
      if (v !== undefined) {
        values.add(String(v));
        break;
      }
    }
  }
  return values;
}
