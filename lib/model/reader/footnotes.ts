import type { NoteSide } from '../notes';
import type { PublishedNote, PublishedRow, PublishedSnapshot } from '../publish';
import { getParagraphText } from '../target';

/** Where a footnote's mark goes: after the character at `offset` of block (or paragraph) `block` of its side. */
export interface FootnoteMark {
  noteId: string;
  number: number;
  rowId: string;
  side: NoteSide;
  block: number;
  offset: number;
}

/** Moves an offset forward to the end of the word it falls in, so a mark never splits a word's letters. */
function toWordEnd(text: string, offset: number): number {
  let i = Math.min(Math.max(offset, 0), text.length);
  while (i > 0 && i < text.length && /[\p{L}\p{M}\p{N}\u0640]/u.test(text[i]!) && /[\p{L}\p{M}\p{N}\u0640]/u.test(text[i - 1]!)) i++;
  return i;
}

/** The texts a note's offsets count in: one per block (source) or paragraph (target), joined by "\n". */
function getSideBlocks(row: PublishedRow, side: NoteSide): string[] {
  return side === 'source' ? row.source.map((b) => b.text) : row.target.content.map(getParagraphText);
}

function placeMark(blocks: string[], note: PublishedNote): { block: number; offset: number } {
  const lastBlock = Math.max(blocks.length - 1, 0);
  const atEnd = { block: lastBlock, offset: blocks[lastBlock]?.length ?? 0 };
  if (!note.quote) return atEnd;
  const joined = blocks.join('\n');
  let end = -1;
  if (note.position && joined.slice(note.position.start, note.position.end) === note.quote.exact) end = note.position.end;
  else {
    const found = joined.indexOf(note.quote.exact);
    if (found >= 0) end = found + note.quote.exact.length;
  }
  if (end < 0) return atEnd;
  let start = 0;
  for (let i = 0; i < blocks.length; i++) {
    const text = blocks[i]!;
    if (end <= start + text.length) return { block: i, offset: toWordEnd(text, end - start) };
    start += text.length + 1;
  }
  return atEnd;
}

/**
 * The footnotes of a snapshot, numbered in reading order (by row, the original before the translation, then by
 * place in the text), each with where its mark goes.
 */
export function getFootnoteMarks(snapshot: PublishedSnapshot): FootnoteMark[] {
  const rowIndex = new Map(snapshot.rows.map((r, i) => [r.id, i]));
  const marks = snapshot.notes.flatMap((note, order) => {
    const index = rowIndex.get(note.rowId);
    if (index === undefined) return [];
    const row = snapshot.rows[index]!;
    return [{ note, order, index, ...placeMark(getSideBlocks(row, note.side), note) }];
  });
  marks.sort(
    (a, b) =>
      a.index - b.index ||
      (a.note.side === b.note.side ? 0 : a.note.side === 'source' ? -1 : 1) ||
      a.block - b.block ||
      a.offset - b.offset ||
      a.order - b.order,
  );
  return marks.map((m, i) => ({ noteId: m.note.id, number: i + 1, rowId: m.note.rowId, side: m.note.side, block: m.block, offset: m.offset }));
}
