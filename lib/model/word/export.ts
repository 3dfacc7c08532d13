import type { Note } from '../notes';
import { createSnapshot } from '../publish';
import { getFootnoteMarks, getTargetKinds, splitInlineAt, type FootnoteMark } from '../reader';
import type { BilingualDocument, BlockKind, Row, TargetParagraph } from '../schema';
import { isTargetEmpty } from '../target';
import { getRowContent } from '../xliff/export';
import { inlineToTarget } from '../xliff/inline';
import { isMostlyArabic } from './import';

/**
 * Word files out, the part that needs no Word library: which paragraphs a layout holds, of which kind, with which
 * bold and italic, and where each public note's footnote mark goes. lib/formats/docx-writer.ts turns it into a
 * .docx.
 */

/** `target`: the translation alone, as a document of its own; `bilingual`: a two-column table, a row a row. */
export const WORD_LAYOUTS = ['target', 'bilingual'] as const;
export type WordLayout = (typeof WORD_LAYOUTS)[number];

/** A piece of a paragraph: text with its marks, a line break, or a footnote's mark. */
export type WordRun = { text: string; bold?: true; italic?: true } | { break: true } | { footnote: number };

/** One paragraph to write, with the kind of block it is (list items with their nesting level and number). */
export interface WordParagraph {
  kind: BlockKind;
  /** Heading level, or a list item's nesting (1 when not nested). */
  level: number;
  number?: string;
  runs: WordRun[];
}

/** One row of the document: the original's paragraphs and the translation's (none when it has no translation). */
export interface WordRow {
  source: WordParagraph[];
  target: WordParagraph[];
}

/** A public note as a footnote: its id is the number its mark carries. */
export interface WordFootnote {
  id: number;
  body: string;
  author: string;
  quote?: { text: string; lang: string };
  /** True when the note's text is mostly Arabic script: the footnote reads right to left. */
  rtl: boolean;
}

/** Everything a Word export writes. */
export interface WordExport {
  layout: WordLayout;
  title: string;
  sourceLang: string;
  targetLang: string;
  rows: WordRow[];
  footnotes: WordFootnote[];
}

function paragraphRuns(paragraph: TargetParagraph, marks: { offset: number; id: number }[]): WordRun[] {
  const sorted = [...marks].sort((a, b) => a.offset - b.offset || a.id - b.id);
  const pieces = splitInlineAt(paragraph, sorted.map((m) => m.offset));
  const runs: WordRun[] = [];
  pieces.forEach((piece, i) => {
    for (const node of piece) {
      if (node.type === 'hard_break') runs.push({ break: true });
      else {
        const types = (node.marks ?? []).map((m) => m.type);
        runs.push({ text: node.text, ...(types.includes('bold') && { bold: true }), ...(types.includes('italic') && { italic: true }) });
      }
    }
    if (i < sorted.length) runs.push({ footnote: sorted[i]!.id });
  });
  return runs;
}

/**
 * The original's blocks as paragraphs with their bold and italic: from the formatting codes an import kept
 * (a Word or XLIFF import), while they still match the text; else plain.
 */
export function getSourceParagraphs(row: Row): TargetParagraph[] {
  const plain = row.source.map((b): TargetParagraph => ({ type: 'paragraph', content: textNodes(b.text) }));
  if (!row.xliff?.source) return plain;
  const { source } = getRowContent(row);
  const marked = inlineToTarget(source, false).content;
  return marked.length === row.source.length ? marked : plain;
}

/** A text as paragraph content, its newlines as line breaks. */
function textNodes(text: string): NonNullable<TargetParagraph['content']> {
  const out: NonNullable<TargetParagraph['content']> = [];
  text.split('\n').forEach((line, i) => {
    if (i > 0) out.push({ type: 'hard_break' });
    if (line) out.push({ type: 'text', text: line });
  });
  return out;
}

/**
 * What a Word export of `doc` holds. `target`: the rows that have a translation, each paragraph of the kind of
 * the original block it translates (as the reading page shows them); footnote marks of notes on the original go
 * at the end of their row's translation. `bilingual`: every row, the original's blocks beside the translation.
 * Public notes become footnotes, numbered in reading order; internal notes are left out, as are notes whose text
 * is gone.
 */
export function getWordExport(doc: BilingualDocument, notes: Note[], layout: WordLayout, now: string): WordExport {
  const snapshot = createSnapshot(doc, notes, null, { now, user: 'export' });
  const marks = getFootnoteMarks(snapshot);
  const notesById = new Map(snapshot.notes.map((n) => [n.id, n]));
  const marksByRow = new Map<string, FootnoteMark[]>();
  for (const m of marks) marksByRow.set(m.rowId, [...(marksByRow.get(m.rowId) ?? []), m]);

  const footnotes: WordFootnote[] = [];
  const footnoteOf = (mark: FootnoteMark): number => {
    const note = notesById.get(mark.noteId)!;
    const id = footnotes.length + 1;
    const lang = note.side === 'source' ? doc.sourceLang : doc.targetLang;
    footnotes.push({ id, body: note.body, author: note.author, ...(note.quote && { quote: { text: note.quote.exact, lang } }), rtl: isMostlyArabic(note.body) });
    return id;
  };

  const rows: WordRow[] = [];
  for (const row of doc.rows) {
    const translated = !isTargetEmpty(row.target);
    if (layout === 'target' && !translated) continue;
    const rowMarks = marksByRow.get(row.id) ?? [];
    const targetParagraphs = translated ? row.target.content : [];
    const lastTarget = Math.max(targetParagraphs.length - 1, 0);
    // Numbered in the order the marks are read: the original's before the translation's in a bilingual row.
    // A note on a translation that is not there has no place for its mark (its footnote is left out too).
    const placed = rowMarks.flatMap((m) => {
      if (layout === 'target' && m.side === 'source') return [{ side: 'target' as const, block: lastTarget, offset: Number.MAX_SAFE_INTEGER, mark: m }];
      if (m.side === 'target' && !translated) return [];
      return [{ side: m.side, block: m.block, offset: m.offset, mark: m }];
    });
    placed.sort((a, b) => (a.side === b.side ? 0 : a.side === 'source' ? -1 : 1) || a.block - b.block || a.offset - b.offset);
    const ids = placed.map((p) => ({ ...p, id: footnoteOf(p.mark) }));
    const at = (side: 'source' | 'target', block: number) => ids.filter((p) => p.side === side && p.block === block).map((p) => ({ offset: p.offset, id: p.id }));

    const kinds = getTargetKinds(row.source, row.target);
    const target = targetParagraphs.map((p, i): WordParagraph => {
      const kind = kinds[i] ?? { kind: 'paragraph' };
      return { kind: kind.kind, level: kind.level ?? 1, ...(kind.number !== undefined && { number: kind.number }), runs: paragraphRuns(p, at('target', i)) };
    });
    const source =
      layout === 'bilingual'
        ? getSourceParagraphs(row).map((p, i): WordParagraph => {
            const block = row.source[i]!;
            return { kind: block.kind, level: block.level ?? 1, ...(block.number !== undefined && { number: block.number }), runs: paragraphRuns(p, at('source', i)) };
          })
        : [];
    rows.push({ source, target });
  }
  const title = layout === 'target' && snapshot.targetTitle ? snapshot.targetTitle : doc.title;
  return { layout, title, sourceLang: doc.sourceLang, targetLang: doc.targetLang, rows, footnotes };
}
