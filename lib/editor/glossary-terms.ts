import { findGlossaryTerms, type GlossaryEntry, type GlossaryMatch } from '@/lib/model';
import { caretPointAt, domPointToOffset, offsetsToRange } from './dom-text';

const HIGHLIGHT = 'glossary';

/**
 * The glossary in the editor: which terms each row's Arabic holds, underlined with the CSS Custom Highlight API
 * (painted, so Arabic letters keep their joins), and which term is under the pointer. A row is matched when its
 * cell first renders and again only when its text changes, so a 5,000-row document costs nothing up front.
 */
export class GlossaryTerms {
  private list: readonly GlossaryEntry[];
  private readonly byId: Map<string, GlossaryEntry>;
  private readonly matches = new Map<string, { text: string; found: GlossaryMatch[] }>();
  private readonly drawn = new Map<string, Range[]>();
  /** The cells drawn, so a term added while the page is open is underlined where it occurs. */
  private readonly cells = new Map<string, { cell: Element; text: string }>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private highlight: Highlight | null = null;

  constructor(entries: readonly GlossaryEntry[]) {
    this.list = entries;
    this.byId = new Map(entries.map((e) => [e.id, e]));
  }

  /** The glossary's entries. */
  get entries(): readonly GlossaryEntry[] {
    return this.list;
  }

  /** Subscribes to terms being added while the page is open. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A number that changes whenever a term is added. */
  getVersion = (): number => this.version;

  /** Takes a term added from this page (or changed): rows are matched again and the drawn cells redrawn. */
  add(entry: GlossaryEntry): void {
    this.list = [...this.list.filter((e) => e.id !== entry.id), entry];
    this.byId.set(entry.id, entry);
    this.matches.clear();
    for (const [rowId, { cell, text }] of [...this.cells]) this.setCell(rowId, cell, text);
    this.version += 1;
    this.listeners.forEach((l) => l());
  }

  /** The terms in a row's source text (blocks joined by "\n"), cached while the text stays the same. */
  getMatches(rowId: string, text: string): GlossaryMatch[] {
    const cached = this.matches.get(rowId);
    if (cached && cached.text === text) return cached.found;
    const found = findGlossaryTerms(text, this.list);
    this.matches.set(rowId, { text, found });
    return found;
  }

  /** The distinct entries a row's text holds, in order of first occurrence. */
  getRowEntries(rowId: string, text: string): GlossaryEntry[] {
    const seen = new Set<string>();
    const out: GlossaryEntry[] = [];
    for (const m of this.getMatches(rowId, text)) {
      if (seen.has(m.entryId)) continue;
      seen.add(m.entryId);
      out.push(this.byId.get(m.entryId)!);
    }
    return out;
  }

  private getHighlight(): Highlight | null {
    if (this.highlight) return this.highlight;
    if (typeof CSS === 'undefined' || !('highlights' in CSS) || typeof Highlight === 'undefined') return null;
    this.highlight = new Highlight();
    // Under the notes' highlights: a noted word keeps its note colour and still shows the term's underline.
    this.highlight.priority = -1;
    CSS.highlights.set(HIGHLIGHT, this.highlight);
    return this.highlight;
  }

  /** Underlines the terms of one source cell (null: the cell is gone), replacing what was drawn for it. */
  setCell(rowId: string, cell: Element | null, text: string): void {
    if (cell) this.cells.set(rowId, { cell, text });
    else this.cells.delete(rowId);
    if (!this.list.length) return;
    const highlight = this.getHighlight();
    if (!highlight) return;
    for (const range of this.drawn.get(rowId) ?? []) highlight.delete(range);
    this.drawn.delete(rowId);
    if (!cell) return;
    const ranges: Range[] = [];
    for (const m of this.getMatches(rowId, text)) {
      const range = offsetsToRange(cell, m.start, m.end);
      if (range && !range.collapsed) ranges.push(range);
    }
    for (const range of ranges) highlight.add(range);
    if (ranges.length) this.drawn.set(rowId, ranges);
  }

  /** The entry whose term is under the point (x, y) of a row's source cell, if any. */
  entryAtPoint(rowId: string, cell: Element, text: string, x: number, y: number): GlossaryEntry | null {
    const found = this.getMatches(rowId, text);
    if (!found.length) return null;
    const caret = caretPointAt(x, y);
    if (!caret || !cell.contains(caret.node)) return null;
    const offset = domPointToOffset(cell, caret.node, caret.offset);
    if (offset === null) return null;
    // The caret falls between characters and snaps to the nearest even beside the text: of the terms at that
    // offset (its end included, for a point on a term's last letter), the one whose boxes hold the pointer.
    for (const m of found) {
      if (offset < m.start || offset > m.end) continue;
      const range = offsetsToRange(cell, m.start, m.end);
      const over = range && [...range.getClientRects()].some((r) => x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1);
      if (over) return this.byId.get(m.entryId) ?? null;
    }
    return null;
  }

  /** Removes the underlines (the page is leaving). */
  destroy(): void {
    this.drawn.clear();
    this.cells.clear();
    this.matches.clear();
    if (this.highlight && CSS.highlights.get(HIGHLIGHT) === this.highlight) CSS.highlights.delete(HIGHLIGHT);
    this.highlight = null;
  }
}
