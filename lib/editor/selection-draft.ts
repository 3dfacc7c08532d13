import { getSideText, makeQuote, type NoteSide, type Row } from '@/lib/model';
import { domPointToOffset } from './dom-text';
import type { NoteDraft } from './notes-state';

/**
 * A note draft from the page's selection, when it lies inside one cell (the original or the translation of one
 * row): its offsets in that side's text, and the quote with context. Null otherwise.
 */
export function getSelectionDraft(selection: Selection | null, getRow: (id: string) => Row | undefined): NoteDraft | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const cellOf = (node: Node) => (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement)?.closest('[data-note-side]');
  const cell = cellOf(range.startContainer);
  if (!cell || cell !== cellOf(range.endContainer)) return null;
  const rowId = cell.getAttribute('data-row-id');
  const side = cell.getAttribute('data-note-side') as NoteSide | null;
  const row = rowId ? getRow(rowId) : undefined;
  if (!row || (side !== 'source' && side !== 'target')) return null;
  const a = domPointToOffset(cell, range.startContainer, range.startOffset);
  const b = domPointToOffset(cell, range.endContainer, range.endOffset);
  if (a === null || b === null) return null;
  const text = getSideText(row, side);
  // Trim the spaces a double-click or a drag picks up at the edges.
  let start = Math.min(a, b);
  let end = Math.min(Math.max(a, b), text.length);
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end <= start) return null;
  return { rowId: row.id, side, position: { start, end }, quote: makeQuote(text, { start, end }) };
}
