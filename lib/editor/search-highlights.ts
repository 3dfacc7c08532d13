import { getParagraphText, type Row, type SearchMatch } from '@/lib/model';
import { offsetsToRange } from './dom-text';

const NAME = 'search';

/** A match's offsets within its cell's text (segments joined by "\n", as dom-text counts them). */
function cellOffsets(row: Row, m: SearchMatch): { start: number; end: number } {
  let base = 0;
  if (m.side === 'source') for (let i = 0; i < m.blockIndex; i++) base += row.source[i]!.text.length + 1;
  else for (let i = 0; i < m.paragraphIndex; i++) base += getParagraphText(row.target.content[i]!).length + 1;
  return { start: base + m.start, end: base + m.end };
}

/**
 * Paints the search's matches in the rows that are in the page, with the CSS Custom Highlight API like notes (no
 * elements in the text, so Arabic keeps its joins). Rows not rendered yet are painted on the next call.
 */
export function drawSearchHighlights(matches: readonly SearchMatch[], getRow: (id: string) => Row | undefined): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS) || typeof Highlight === 'undefined') return;
  const ranges: Range[] = [];
  for (const m of matches) {
    const row = getRow(m.rowId);
    const cell =
      m.side === 'source'
        ? document.getElementById(`row-${m.rowId}-source`)
        : document.getElementById(`row-${m.rowId}-target`)?.querySelector('.pm-editor, .static-target');
    if (!row || !cell) continue;
    const { start, end } = cellOffsets(row, m);
    const range = offsetsToRange(cell, start, end);
    if (range && !range.collapsed) ranges.push(range);
  }
  CSS.highlights.set(NAME, new Highlight(...ranges));
}

/** Removes the search's highlights (the panel closed). */
export function clearSearchHighlights(): void {
  if (typeof CSS !== 'undefined' && 'highlights' in CSS) CSS.highlights.delete(NAME);
}
