import { offsetsToRange } from './dom-text';

/** A noted range in a cell, as text offsets. */
export interface NoteRange {
  noteId: string;
  start: number;
  end: number;
}

const NOTE = 'note';
const ACTIVE = 'note-active';

/**
 * Draws noted ranges with the CSS Custom Highlight API: the text is painted, not wrapped in elements, so Arabic
 * letters keep joining across a highlight's edges and the DOM that ProseMirror owns is never touched. Each cell
 * registers its ranges under its own key and replaces them whenever its DOM is rebuilt.
 */
export class NoteHighlighter {
  private readonly byCell = new Map<string, { noteId: string; range: Range }[]>();
  private activeNoteId: string | null = null;
  private readonly supported = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';

  /** Replaces the ranges drawn for one cell (key: rowId + side). */
  setCell(key: string, cell: Element | null, ranges: NoteRange[]): void {
    const drawn: { noteId: string; range: Range }[] = [];
    if (cell) {
      for (const r of ranges) {
        const range = offsetsToRange(cell, r.start, r.end);
        if (range && !range.collapsed) drawn.push({ noteId: r.noteId, range });
      }
    }
    if (drawn.length) this.byCell.set(key, drawn);
    else if (!this.byCell.delete(key)) return;
    this.redraw();
  }

  /** Marks one note's ranges as the focused one. */
  setActive(noteId: string | null): void {
    if (noteId === this.activeNoteId) return;
    this.activeNoteId = noteId;
    this.redraw();
  }

  /** The first range drawn for a note (to scroll to it). */
  getRange(noteId: string): Range | null {
    for (const cell of this.byCell.values()) for (const d of cell) if (d.noteId === noteId) return d.range;
    return null;
  }

  private redraw(): void {
    if (!this.supported) return;
    const all: Range[] = [];
    const active: Range[] = [];
    for (const cell of this.byCell.values()) {
      for (const d of cell) (d.noteId === this.activeNoteId ? active : all).push(d.range);
    }
    CSS.highlights.set(NOTE, new Highlight(...all));
    CSS.highlights.set(ACTIVE, new Highlight(...active));
  }

  /** Removes every highlight (the page is leaving). */
  destroy(): void {
    this.byCell.clear();
    if (!this.supported) return;
    CSS.highlights.delete(NOTE);
    CSS.highlights.delete(ACTIVE);
  }
}
