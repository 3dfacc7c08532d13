import { normalizeDigits } from './digits';
import { canonicalNumber, findNumbers, findNumberWords } from './numbers';
import type { BilingualDocument, BlockKind, Row, RowStatus, SourceBlock } from './schema';
import { getRowTextExcess } from './row-limits';
import { isDoneStatus } from './status';
import { isSpace, trimEndWhere } from './text-scan';
import { getParagraphText } from './target';

/**
 * Quality checks of one row, run as the translator types. Findings carry an id and parameters only: the UI
 * words them in its own locale.
 */

export const QA_CHECKS = [
  /** The English is empty. Params: none. A warning while the row is untranslated, an error if it claims more. */
  'untranslated',
  /** The English is over a row's limits (LIMITS.rowChars, rowWords): the server will refuse it. Params: unit, count, limit. */
  'too-long',
  /** The English is the Arabic, copied. Params: none. */
  'identical',
  /** Arabic script left in the English. Params: text (the first run), count (how many runs). */
  'arabic-in-target',
  /** A number of the Arabic is not in the English. Params: value (canonical, ASCII), text (as written). */
  'number-missing',
  /** A number of the English is not in the Arabic. Params: value, text. */
  'number-extra',
  /** A numbered item's number differs from the English's leading number. Params: expected, found (values). */
  'list-number',
  /** A glossary term of the Arabic whose rendering is not in the English. Params: term, rendering. */
  'glossary-missing',
  /** A bracket or quote of the English is not closed or not opened. Params: char. */
  'unbalanced',
  /** The Arabic quotes something and the English has no quotation marks. Params: none. */
  'quotes-missing',
  /** Two or more spaces in a row in the English. Params: count (how many places). */
  'double-space',
  /** A paragraph of the English starts with a space. Params: paragraph (1-based). */
  'leading-space',
  /** A paragraph of the English ends with a space. Params: paragraph (1-based). */
  'trailing-space',
  /** The English ends with another mark than the Arabic. Params: source, target (the marks, '' for none). */
  'end-punctuation',
  /** The English is much shorter than the document's usual ratio. Params: ratio, norm (2 decimals). */
  'length-short',
  /** The English is much longer than the document's usual ratio. Params: ratio, norm. */
  'length-long',
] as const;
export type QaCheckId = (typeof QA_CHECKS)[number];
export type QaSeverity = 'error' | 'warning';

export interface QaFinding {
  check: QaCheckId;
  severity: QaSeverity;
  params?: Record<string, string | number>;
}

/** A glossary term found in the Arabic whose English rendering the translation lacks (the glossary finds them). */
export interface GlossaryMiss {
  term: string;
  rendering: string;
}

/** What a row's checks look at: plain data, so the editor can run them on what is being typed. */
export interface QaRowInput {
  source: readonly SourceBlock[];
  /** The English, one string per paragraph (hard breaks as "\n"), as getParagraphText gives it. */
  paragraphs: readonly string[];
  status: RowStatus;
  /** Glossary terms whose rendering is missing from the English. */
  missingGlossary?: readonly GlossaryMiss[];
}

export interface QaContext {
  /** The document's usual English/Arabic length ratio (getDocumentNorm); null or absent skips the length check. */
  norm?: number | null;
  /**
   * True while the translator is typing in this row: a space at the very end of the English is where the next
   * word goes, so it is not reported as trailing. Other checks run as they are; the UI may wait for a pause.
   */
  typing?: boolean;
}

/** The input of checkRow for a stored row (or a row being edited, with its target as ProseMirror JSON). */
export function qaInputFromRow(
  row: Pick<Row, 'source' | 'target' | 'status'>,
  missingGlossary?: readonly GlossaryMiss[],
): QaRowInput {
  return { source: row.source, paragraphs: row.target.content.map(getParagraphText), status: row.status, missingGlossary };
}

// ——— length ratio ———

/**
 * Length is counted in letters and digits: spaces, punctuation, harakat and tatweel say little about how much
 * was translated, and Arabic writes short vowels as marks that are often left out.
 */
export function countLengthChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // This runs over every row of a document: the ASCII and Arabic blocks by table, the rest by property.
    if (c < FAST_LIMIT) n += FAST_COUNTS[c]!;
    else if (LETTER_OR_DIGIT.test(text[i]!)) n++;
  }
  return n;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const FAST_LIMIT = 0x0700;
/** 1 for a letter or digit below U+0700 (ASCII, Latin-1, Greek, Cyrillic, Arabic), tatweel excepted. */
const FAST_COUNTS = Uint8Array.from({ length: FAST_LIMIT }, (_, c) =>
  c !== 0x0640 && LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 0,
);

/** Rows shorter than this (in Arabic letters) have ratios too noisy to judge: headings, names, list items. */
export const LENGTH_MIN_SOURCE_CHARS = 40;
/** An English shorter than this is not judged for being short: the translator has only begun. */
export const LENGTH_MIN_TARGET_CHARS = 20;
/** The norm needs this many done rows; below it the median says little. */
export const LENGTH_MIN_ROWS = 5;
/**
 * A row is flagged when its ratio is outside [norm / factor, norm × factor]. English runs ~1.2–1.5 times the
 * letters of the Arabic it translates and the seed article's rows stay within 14–23% of their median (1.37); a
 * factor of 2.2 flags only a missing sentence or clause, or a paragraph pasted twice, not ordinary style.
 */
export const LENGTH_RATIO_FACTOR = 2.2;

function sourceText(source: readonly SourceBlock[]): string {
  return source.map((b) => b.text).join('\n\n');
}

/**
 * The document's usual English/Arabic length ratio: the median over rows that are translated or approved (their
 * English is finished) and long enough to judge. Null when fewer than LENGTH_MIN_ROWS such rows exist.
 */
export function getDocumentNorm(rows: readonly Pick<Row, 'source' | 'target' | 'status'>[]): number | null {
  return getNormOfRatios(rows.map(getRowLengthRatio));
}

/**
 * A row's English/Arabic length ratio as the norm counts it: null unless the row is done and long enough to
 * judge. Separate from getDocumentNorm so the editor can cache it per row and find the norm without recounting.
 */
export function getRowLengthRatio(row: Pick<Row, 'source' | 'target' | 'status'>): number | null {
  if (!isDoneStatus(row.status)) return null;
  const src = countLengthChars(sourceText(row.source));
  const tgt = countLengthChars(row.target.content.map(getParagraphText).join('\n\n'));
  return src >= LENGTH_MIN_SOURCE_CHARS && tgt > 0 ? tgt / src : null;
}

/** The median of the rows' ratios (nulls skipped), or null when fewer than LENGTH_MIN_ROWS rows have one. */
export function getNormOfRatios(rowRatios: readonly (number | null)[]): number | null {
  const ratios = rowRatios.filter((r): r is number => r !== null);
  if (ratios.length < LENGTH_MIN_ROWS) return null;
  ratios.sort((a, b) => a - b);
  const mid = ratios.length >> 1;
  return ratios.length % 2 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function checkLength(input: QaRowInput, source: string, target: string, norm: number): QaFinding[] {
  const src = countLengthChars(source);
  const tgt = countLengthChars(target);
  if (src < LENGTH_MIN_SOURCE_CHARS) return [];
  const ratio = tgt / src;
  const params = { ratio: round2(ratio), norm: round2(norm) };
  if (ratio > norm * LENGTH_RATIO_FACTOR) return [{ check: 'length-long', severity: 'warning', params }];
  // A draft is expected to be short while it is typed; it is judged once it is marked done or sent back.
  if (ratio < norm / LENGTH_RATIO_FACTOR && tgt >= LENGTH_MIN_TARGET_CHARS && input.status !== 'draft') {
    return [{ check: 'length-short', severity: 'warning', params }];
  }
  return [];
}

// ——— Arabic left in the English ———

const ARABIC_CHAR = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
/** A run of Arabic script, spaces between Arabic words included ("خليفة حفتر" is one run). */
const ARABIC_RUN = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+(?:[ \u00A0\u200C\u200F]+[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+)*/gu;

function checkArabicInTarget(target: string): QaFinding[] {
  const runs = [...target.matchAll(ARABIC_RUN)].map((m) => m[0]);
  if (!runs.length) return [];
  return [{ check: 'arabic-in-target', severity: 'error', params: { text: runs[0]!, count: runs.length } }];
}

// ——— numbers ———

/** A leading list number of an English paragraph: "1. ", "2) ", "(3) ", "٤- ". */
const LEADING_NUMBER = /^\s*\(?([0-9٠-٩۰-۹]+)[.)\-–]?\s/u;

function leadingNumber(paragraph: string): { value: string; end: number } | null {
  const m = LEADING_NUMBER.exec(paragraph);
  if (!m) return null;
  return { value: canonicalNumber(normalizeDigits(m[1]!)), end: m[0].length };
}

/**
 * Numbered items carry their number apart from their text; the English may write it at the start of its
 * paragraph. Items pair with paragraphs in order (the n-th numbered block with the n-th paragraph, when the
 * row holds as many paragraphs as blocks, else all numbered blocks with the first paragraphs in turn). Returns
 * the findings and, per paragraph, how much of its start is a list number to leave out of the number check.
 */
function checkListNumbers(source: readonly SourceBlock[], paragraphs: readonly string[]): {
  findings: QaFinding[];
  skip: number[];
} {
  const skip = paragraphs.map(() => 0);
  const findings: QaFinding[] = [];
  const numbered = source.map((b, i) => ({ b, i })).filter(({ b }) => b.kind === 'numbered' && b.number);
  const sameShape = source.length === paragraphs.length;
  numbered.forEach(({ b, i }, n) => {
    const p = sameShape ? i : n;
    const para = paragraphs[p];
    if (para === undefined) return;
    const lead = leadingNumber(para);
    if (!lead) return;
    skip[p] = lead.end;
    const expected = canonicalNumber(normalizeDigits(b.number!).replace(/[^0-9.]/g, '')) || b.number!;
    if (lead.value !== expected) findings.push({ check: 'list-number', severity: 'error', params: { expected, found: lead.value } });
  });
  return { findings, skip };
}

function checkNumbers(source: string, paragraphs: readonly string[], skip: readonly number[]): QaFinding[] {
  const srcNumbers = findNumbers(source);
  const tgtNumbers = paragraphs.flatMap((p, i) => findNumbers(p.slice(skip[i] ?? 0)));
  const srcValues = new Set(srcNumbers.map((n) => n.value));
  const tgtValues = new Set(tgtNumbers.map((n) => n.value));
  const target = paragraphs.join('\n\n');
  // Written-out numbers excuse digits on the other side ("ten" for 10, "خمسة" for 5), never the other way round.
  const tgtWords = srcNumbers.some((n) => !tgtValues.has(n.value)) ? findNumberWords(target) : new Set<string>();
  const srcWords = tgtNumbers.some((n) => !srcValues.has(n.value)) ? findNumberWords(source) : new Set<string>();
  const findings: QaFinding[] = [];
  const reported = new Set<string>();
  for (const n of srcNumbers) {
    if (tgtValues.has(n.value) || tgtWords.has(n.value) || reported.has(n.value)) continue;
    reported.add(n.value);
    findings.push({ check: 'number-missing', severity: 'error', params: { value: n.value, text: n.text } });
  }
  reported.clear();
  for (const n of tgtNumbers) {
    if (srcValues.has(n.value) || srcWords.has(n.value) || reported.has(n.value)) continue;
    reported.add(n.value);
    findings.push({ check: 'number-extra', severity: 'warning', params: { value: n.value, text: n.text } });
  }
  return findings;
}

// ——— brackets and quotes ———

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '“': '”', '«': '»' };
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{', '”': '“', '»': '«' };

/**
 * Checks (), [], {}, “”, «» by nesting, ‘’ loosely and " by parity. ’ is also the apostrophe ("Haftar’s",
 * "countries’") and ' is only ever read as one, so only an opening ‘ that is never closed is reported.
 * Reports the first offending character.
 */
export function findUnbalanced(text: string): string | null {
  const stack: string[] = [];
  let straight = 0;
  let singleOpen = 0;
  for (const ch of text) {
    if (OPENERS[ch]) stack.push(ch);
    else if (CLOSERS[ch]) {
      if (stack[stack.length - 1] !== CLOSERS[ch]) return ch;
      stack.pop();
    } else if (ch === '"') straight++;
    else if (ch === '‘') singleOpen++;
    else if (ch === '’' && singleOpen > 0) singleOpen--;
  }
  if (stack.length) return stack[0]!;
  if (straight % 2) return '"';
  if (singleOpen) return '‘';
  return null;
}

/** Quotation pairs of the Arabic: «», “”, or "". */
const QUOTE_PAIRS: readonly (readonly [string, string])[] = [['«', '»'], ['“', '”'], ['"', '"']];
const TARGET_QUOTE = /[“”"‘«»]/u;

/**
 * True when the Arabic quotes something: an opening mark with a closing one after it and something between. One
 * `indexOf` per pair, where `/«[^»]+»/` would read on from every « of a long run of them that never closes.
 */
function hasQuotation(text: string): boolean {
  return QUOTE_PAIRS.some(([open, close]) => {
    for (let from = 0; ; ) {
      const at = text.indexOf(open, from);
      if (at < 0) return false;
      const end = text.indexOf(close, at + 1);
      if (end < 0) return false;
      if (end > at + 1) return true;
      // An empty pair: its closing mark may open the next one ("" x").
      from = end;
    }
  });
}

function checkBrackets(source: string, paragraphs: readonly string[]): QaFinding[] {
  const findings: QaFinding[] = [];
  // A list marker such as "1)" opens nothing.
  const target = paragraphs.map((p) => p.slice(leadingNumber(p)?.end ?? 0)).join('\n\n');
  const bad = findUnbalanced(target);
  if (bad) findings.push({ check: 'unbalanced', severity: 'warning', params: { char: bad } });
  if (hasQuotation(source) && !TARGET_QUOTE.test(target)) findings.push({ check: 'quotes-missing', severity: 'warning' });
  return findings;
}

// ——— spacing ———

function checkSpacing(paragraphs: readonly string[], typing: boolean): QaFinding[] {
  const findings: QaFinding[] = [];
  let doubles = 0;
  paragraphs.forEach((paragraph, i) => {
    if (!paragraph.trim()) return;
    const p = typing && i === paragraphs.length - 1 ? paragraph.replace(/[ \u00A0]$/, '') : paragraph;
    // Hard breaks are lines of their own: a space before or after one is trailing or leading too.
    for (const line of p.split('\n')) doubles += [...line.trim().matchAll(/[ \u00A0]{2,}/g)].length;
    if (/^[ \t\u00A0]|\n[ \t\u00A0]/.test(p)) findings.push({ check: 'leading-space', severity: 'warning', params: { paragraph: i + 1 } });
    if (/[ \t\u00A0]$|[ \t\u00A0]\n/.test(p)) findings.push({ check: 'trailing-space', severity: 'warning', params: { paragraph: i + 1 } });
  });
  if (doubles) findings.unshift({ check: 'double-space', severity: 'warning', params: { count: doubles } });
  return findings;
}

// ——— end punctuation ———

/** Arabic marks as their English counterparts; "..." is an ellipsis. */
const MARK_EQUIVALENT: Record<string, string> = { '؟': '?', '،': ',', '؛': ';', '۔': '.', '...': '…' };
/** What may follow the last mark: closing quotes and brackets, and spaces. */
const isClosing = (c: string): boolean => isSpace(c) || `"'”’»)]}`.includes(c);
const END_MARK = /(\.\.\.|[.?!…:;,،؛؟۔])$/u;

/** The sentence-ending mark of a text, as written, and as compared; '' when it ends without one. */
function endMark(text: string): { written: string; kind: string } {
  // A loop from the end: `/[\s"'…]+$/` read a 150,000-space run once from each of its spaces (13 s).
  const m = END_MARK.exec(trimEndWhere(text, isClosing));
  const written = m ? m[1]! : '';
  return { written, kind: MARK_EQUIVALENT[written] ?? written };
}

const UNPUNCTUATED_KINDS: readonly BlockKind[] = ['title', 'heading'];

/**
 * Compares the last mark of the last source block with the last English paragraph's. An Arabic that ends
 * without a mark is a heading, a title or a list item: a title or heading must not gain a period (or colon,
 * semicolon, comma) in English, while an item or paragraph may, as English style often wants; a question or
 * exclamation mark that appears from nowhere is always reported.
 */
function checkEndPunctuation(source: readonly SourceBlock[], paragraphs: readonly string[]): QaFinding[] {
  const lastBlock = source[source.length - 1]!;
  const lastPara = [...paragraphs].reverse().find((p) => p.trim()) ?? '';
  const s = endMark(lastBlock.text);
  const t = endMark(lastPara);
  if (s.kind === t.kind) return [];
  if (!s.kind && t.kind !== '?' && t.kind !== '!' && !UNPUNCTUATED_KINDS.includes(lastBlock.kind)) return [];
  return [{ check: 'end-punctuation', severity: 'warning', params: { source: s.written, target: t.written } }];
}

// ——— the row ———

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

const ORDER = new Map(QA_CHECKS.map((c, i) => [c, i]));

/**
 * Checks one row. An empty English gives only 'untranslated'; an English that copies the Arabic only
 * 'identical' (everything else would follow from the copy). Findings come errors first, then in QA_CHECKS order.
 */
export function checkRow(input: QaRowInput, context: QaContext = {}): QaFinding[] {
  const source = sourceText(input.source);
  const target = input.paragraphs.join('\n\n');
  if (!target.trim()) return [{ check: 'untranslated', severity: input.status === 'untranslated' ? 'warning' : 'error' }];
  if (ARABIC_CHAR.test(source) && collapse(source) === collapse(target)) return [{ check: 'identical', severity: 'error' }];

  const list = checkListNumbers(input.source, input.paragraphs);
  const excess = getRowTextExcess(target);
  const findings: QaFinding[] = [
    ...(excess ? [{ check: 'too-long', severity: 'error', params: { ...excess } } as const] : []),
    ...checkArabicInTarget(target),
    ...checkNumbers(source, input.paragraphs, list.skip),
    ...list.findings,
    ...(input.missingGlossary ?? []).map((g): QaFinding => ({
      check: 'glossary-missing',
      severity: 'warning',
      params: { term: g.term, rendering: g.rendering },
    })),
    ...checkBrackets(source, input.paragraphs),
    ...checkSpacing(input.paragraphs, context.typing ?? false),
    ...checkEndPunctuation(input.source, input.paragraphs),
    ...(context.norm ? checkLength(input, source, target, context.norm) : []),
  ];
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) =>
      a.f.severity !== b.f.severity
        ? a.f.severity === 'error' ? -1 : 1
        : ORDER.get(a.f.check)! - ORDER.get(b.f.check)! || a.i - b.i,
    )
    .map(({ f }) => f);
}

/**
 * Checks every row of a document against the document's own norm. The map holds every row, in document order,
 * clean rows with an empty list. `missingGlossary` gives, by row id, the glossary terms each row lacks.
 */
export function checkDocument(
  doc: Pick<BilingualDocument, 'rows'>,
  missingGlossary?: ReadonlyMap<string, readonly GlossaryMiss[]>,
): Map<string, QaFinding[]> {
  const norm = getDocumentNorm(doc.rows);
  const result = new Map<string, QaFinding[]>();
  for (const row of doc.rows) result.set(row.id, checkRow(qaInputFromRow(row, missingGlossary?.get(row.id)), { norm }));
  return result;
}

/** Errors and warnings of a set of findings (a row's, or all of checkDocument's). */
export function countFindings(findings: Iterable<QaFinding> | ReadonlyMap<string, readonly QaFinding[]>): {
  errors: number;
  warnings: number;
} {
  const list = findings instanceof Map ? [...findings.values()].flat() : [...(findings as Iterable<QaFinding>)];
  const errors = list.filter((f) => f.severity === 'error').length;
  return { errors, warnings: list.length - errors };
}
