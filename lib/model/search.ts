import { foldArabic } from './arabic';
import { ModelError } from './errors';
import type { BilingualDocument, Row, TargetDoc, TargetParagraph } from './schema';
import { getParagraphText } from './target';

/**
 * Search and replace across a document. Matching folds both the query and the text (foldArabic: harakat and
 * tatweel ignored, أ/إ/آ/ٱ → ا, ى → ي, ة → ه; digits of any Arabic script as ASCII), so "احمد" finds "أَحْمَد";
 * offsets are always into the ORIGINAL text, mapped back through the fold.
 */

export type SearchSide = 'source' | 'target';

export interface SearchOptions {
  /** Which side to search: the Arabic blocks or the English paragraphs. */
  side: SearchSide;
  /** Latin letters must match in case (Arabic has none). Default false. */
  matchCase?: boolean;
  /** The match must not have a letter, mark or digit just before or after it. Default false. */
  wholeWord?: boolean;
}

/** A match in a source block: `text.slice(start, end)` of `row.source[blockIndex]`. */
export interface SourceMatch {
  rowId: string;
  side: 'source';
  blockIndex: number;
  start: number;
  end: number;
}

/**
 * A match in an English paragraph: offsets into `getParagraphText(row.target.content[paragraphIndex])`, where a
 * hard break is one character ("\n") — the same offsets as the paragraph's text in ProseMirror, plus one for the
 * paragraph's opening.
 */
export interface TargetMatch {
  rowId: string;
  side: 'target';
  paragraphIndex: number;
  start: number;
  end: number;
}

export type SearchMatch = SourceMatch | TargetMatch;

/** A range of one paragraph of a translation. */
export interface ParagraphRange {
  paragraphIndex: number;
  start: number;
  end: number;
}

/**
 * The fold of search: foldArabic with digits and the Arabic separators read as ASCII, so "2025" finds "٢٠٢٥";
 * case kept when asked, and when not, non-ASCII letters lower-cased too where that keeps them one code unit.
 */
export function foldForSearch(input: string, matchCase = false): { text: string; map: number[] } {
  return foldArabic(input, { digits: true, matchCase, lowerAll: true });
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** Ranges [start, end) of `query` in `text`, left to right, not overlapping, in original offsets. */
export function findInText(
  text: string,
  query: string,
  options: { matchCase?: boolean; wholeWord?: boolean } = {},
): { start: number; end: number }[] {
  const matchCase = options.matchCase ?? false;
  const q = foldForSearch(query, matchCase).text;
  if (!q) return [];
  const f = foldForSearch(text, matchCase);
  const ranges: { start: number; end: number }[] = [];
  let from = 0;
  for (;;) {
    const at = f.text.indexOf(q, from);
    if (at < 0) break;
    const after = at + q.length;
    if (
      options.wholeWord &&
      ((at > 0 && WORD_CHAR.test(f.text[at - 1]!)) || (after < f.text.length && WORD_CHAR.test(f.text[after]!)))
    ) {
      from = at + 1;
      continue;
    }
    // The end runs up to the next kept character, so harakat on the last letter belong to the match.
    ranges.push({ start: f.map[at]!, end: f.map[after]! });
    from = after;
  }
  return ranges;
}

/** Every match of `query` in the document, on one side, in document order. */
export function findInDocument(
  doc: { rows: readonly Pick<Row, 'id' | 'source' | 'target'>[] },
  query: string,
  options: SearchOptions,
): SearchMatch[] {
  const matches: SearchMatch[] = [];
  for (const row of doc.rows) {
    if (options.side === 'source') {
      row.source.forEach((block, blockIndex) => {
        for (const r of findInText(block.text, query, options)) matches.push({ rowId: row.id, side: 'source', blockIndex, ...r });
      });
    } else {
      row.target.content.forEach((p, paragraphIndex) => {
        for (const r of findInText(getParagraphText(p), query, options)) {
          matches.push({ rowId: row.id, side: 'target', paragraphIndex, ...r });
        }
      });
    }
  }
  return matches;
}

type Inline = NonNullable<TargetParagraph['content']>[number];
type Marks = Extract<Inline, { type: 'text' }>['marks'];

const sameMarks = (a: Marks, b: Marks): boolean =>
  (a ?? []).map((m) => m.type).join() === (b ?? []).map((m) => m.type).join();

/** `text` as inline nodes with `marks`, each "\n" a hard break; no empty text nodes. */
function inlineText(text: string, marks: Marks): Inline[] {
  const nodes: Inline[] = [];
  text.split('\n').forEach((part, i) => {
    if (i > 0) nodes.push({ type: 'hard_break' });
    if (part) nodes.push(marks?.length ? { type: 'text', text: part, marks } : { type: 'text', text: part });
  });
  return nodes;
}

/** Joins neighbouring text nodes with the same marks (as ProseMirror would) and drops empty ones. */
function tidy(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    if (n.type === 'text' && !n.text) continue;
    const last = out[out.length - 1];
    if (n.type === 'text' && last?.type === 'text' && sameMarks(last.marks, n.marks)) {
      out[out.length - 1] = { ...last, text: last.text + n.text };
    } else out.push(n);
  }
  return out;
}

/**
 * Replaces [start, end) of a paragraph. The new text takes the marks of the first replaced character (or of the
 * character before, for an empty range), so replacing a bold word gives a bold word; text around keeps its own.
 */
function replaceInParagraph(p: TargetParagraph, start: number, end: number, replacement: string): TargetParagraph {
  const nodes = p.content ?? [];
  const before: Inline[] = [];
  const after: Inline[] = [];
  let marks: Marks;
  let marksFound = false;
  let pos = 0;
  for (const node of nodes) {
    const len = node.type === 'text' ? node.text.length : 1;
    const nodeEnd = pos + len;
    if (node.type === 'text') {
      if (!marksFound && (pos <= start && start < nodeEnd)) {
        marks = node.marks;
        marksFound = true;
      } else if (!marksFound && start === end && nodeEnd === start) marks = node.marks;
      if (pos < start) before.push({ ...node, text: node.text.slice(0, Math.min(len, start - pos)) });
      if (nodeEnd > end) after.push({ ...node, text: node.text.slice(Math.max(0, end - pos)) });
    } else {
      if (nodeEnd <= start) before.push(node);
      else if (pos >= end) after.push(node);
    }
    pos = nodeEnd;
  }
  const content = tidy([...before, ...inlineText(replacement, marks), ...after]);
  const { content: _old, ...rest } = p;
  return content.length ? { ...rest, content } : rest;
}

/**
 * The translation with `ranges` replaced by `replacement` (a "\n" in it becomes a hard break). Ranges are
 * offsets as findInDocument gives them; they must lie inside their paragraph and not overlap. A range whose text
 * already is the replacement is left alone, so replacing a word by itself changes nothing. Marks of the text
 * around are kept; no empty text node is ever produced.
 */
export function replaceRangesInTarget(
  target: TargetDoc,
  ranges: readonly ParagraphRange[],
  replacement: string,
): TargetDoc {
  const byParagraph = new Map<number, ParagraphRange[]>();
  for (const r of ranges) {
    const p = target.content[r.paragraphIndex];
    if (!p) throw new ModelError('invalid', `paragraph ${r.paragraphIndex} does not exist`);
    const len = getParagraphText(p).length;
    if (!(Number.isInteger(r.start) && Number.isInteger(r.end) && 0 <= r.start && r.start <= r.end && r.end <= len)) {
      throw new ModelError('invalid', `range ${r.start}–${r.end} is outside paragraph ${r.paragraphIndex}`);
    }
    byParagraph.set(r.paragraphIndex, [...(byParagraph.get(r.paragraphIndex) ?? []), r]);
  }
  if (!byParagraph.size) return target;
  const content = target.content.map((p, i) => {
    const list = byParagraph.get(i);
    if (!list) return p;
    const text = getParagraphText(p);
    // Right to left, so each replacement leaves the offsets of the ones before it valid.
    const sorted = [...list].sort((a, b) => b.start - a.start);
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k]!.end > sorted[k - 1]!.start) throw new ModelError('invalid', `ranges overlap in paragraph ${i}`);
    }
    let out = p;
    for (const r of sorted) if (text.slice(r.start, r.end) !== replacement) out = replaceInParagraph(out, r.start, r.end, replacement);
    return out;
  });
  return { ...target, content };
}

/** Replaces every match of `query` in one translation. `count` is how many matches there were. */
export function replaceInTarget(
  target: TargetDoc,
  query: string,
  replacement: string,
  options: { matchCase?: boolean; wholeWord?: boolean } = {},
): { target: TargetDoc; count: number } {
  const ranges = target.content.flatMap((p, paragraphIndex) =>
    findInText(getParagraphText(p), query, options).map((r) => ({ paragraphIndex, ...r })),
  );
  return { target: ranges.length ? replaceRangesInTarget(target, ranges, replacement) : target, count: ranges.length };
}

/**
 * Replace all in the English of a document; the Arabic is never touched. Returns the new translation of each row
 * that changed, in document order (the caller saves them, with their status, as any edit), and how many matches
 * were replaced (a match replaced by the text it already was counts, but its row is not listed for that).
 */
export function replaceAll(
  doc: Pick<BilingualDocument, 'rows'>,
  query: string,
  replacement: string,
  options: { matchCase?: boolean; wholeWord?: boolean } = {},
): { rows: { rowId: string; target: TargetDoc }[]; count: number } {
  const rows: { rowId: string; target: TargetDoc }[] = [];
  let count = 0;
  for (const row of doc.rows) {
    const result = replaceInTarget(row.target, query, replacement, options);
    count += result.count;
    if (result.target !== row.target && JSON.stringify(result.target) !== JSON.stringify(row.target)) {
      rows.push({ rowId: row.id, target: result.target });
    }
  }
  return { rows, count };
}
