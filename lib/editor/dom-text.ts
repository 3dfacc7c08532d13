/**
 * Text offsets over a cell's DOM. A cell's text is its segments (paragraphs, or source blocks) joined by "\n";
 * inside a segment, text nodes count their characters and a <br> counts as "\n" — the same text the model's
 * `getSideText` builds, so DOM selections become note positions and positions become highlight ranges.
 */

/** Elements inside `cell` that each hold one segment of its text: source blocks' text, else paragraphs. */
function segments(cell: Element): Element[] {
  const blocks = cell.querySelectorAll('.src-text');
  return [...(blocks.length ? blocks : cell.querySelectorAll('p:not(.placeholder)'))];
}

/** Visits the text nodes and <br>s of a segment in order. */
function* leaves(segment: Element): Generator<Text | HTMLBRElement> {
  const walker = segment.ownerDocument.createTreeWalker(segment, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) yield node as Text;
    else if ((node as Element).tagName === 'BR') yield node as HTMLBRElement;
  }
}

/** The DOM point under the pointer: the standard call where there is one, else WebKit's older one. */
export function caretPointAt(x: number, y: number): { node: Node; offset: number } | null {
  if (typeof document.caretPositionFromPoint === 'function') {
    const caret = document.caretPositionFromPoint(x, y);
    return caret ? { node: caret.offsetNode, offset: caret.offset } : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/** The text offset in `cell` of a DOM point (as a selection gives it), or null when it is outside the text. */
export function domPointToOffset(cell: Element, node: Node, offset: number): number | null {
  let base = 0;
  for (const segment of segments(cell)) {
    if (segment === node || segment.contains(node)) {
      const point = segment.ownerDocument.createRange();
      point.setStart(node, offset);
      let length = 0;
      for (const leaf of leaves(segment)) {
        if (leaf === node) return base + length + offset;
        // A leaf that starts before the point (and does not hold it) lies wholly before it.
        const before =
          leaf.nodeType === Node.TEXT_NODE
            ? point.comparePoint(leaf, 0) < 0
            : point.comparePoint(leaf.parentNode!, Array.prototype.indexOf.call(leaf.parentNode!.childNodes, leaf)) < 0;
        if (!before) break;
        length += leaf.nodeType === Node.TEXT_NODE ? (leaf as Text).length : 1;
      }
      return base + length;
    }
    base += segmentLength(segment) + 1;
  }
  return null;
}

function segmentLength(segment: Element): number {
  let n = 0;
  for (const leaf of leaves(segment)) n += leaf.nodeType === Node.TEXT_NODE ? (leaf as Text).length : 1;
  return n;
}

/** The DOM position of text offset `offset` in `cell`. */
function offsetToDomPoint(cell: Element, offset: number): { node: Node; offset: number } | null {
  let remaining = offset;
  for (const segment of segments(cell)) {
    const length = segmentLength(segment);
    if (remaining <= length) {
      for (const leaf of leaves(segment)) {
        const size = leaf.nodeType === Node.TEXT_NODE ? (leaf as Text).length : 1;
        if (remaining <= size && leaf.nodeType === Node.TEXT_NODE) return { node: leaf, offset: remaining };
        if (remaining < size) return { node: leaf.parentNode!, offset: Array.prototype.indexOf.call(leaf.parentNode!.childNodes, leaf) };
        remaining -= size;
      }
      return { node: segment, offset: segment.childNodes.length };
    }
    remaining -= length + 1;
  }
  return null;
}

/** A DOM Range over `[start, end)` of the cell's text, or null when the offsets fall outside it. */
export function offsetsToRange(cell: Element, start: number, end: number): Range | null {
  const a = offsetToDomPoint(cell, start);
  const b = offsetToDomPoint(cell, end);
  if (!a || !b) return null;
  const range = cell.ownerDocument.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}
