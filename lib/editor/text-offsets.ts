import type { Node as PMNode } from 'prosemirror-model';

/**
 * Offsets in a translation's text — paragraphs joined by "\n", a hard break counting as "\n" — converted to and
 * from ProseMirror positions. The same text as `getSideText(row, 'target')` in lib/model/notes.ts, so a note's
 * position means the same on the server and in the editor.
 */

/** The ProseMirror position of text offset `offset` (clamped to the document). */
export function textOffsetToPos(doc: PMNode, offset: number): number {
  let remaining = Math.max(0, offset);
  let pos = 0;
  for (let i = 0; i < doc.childCount; i++) {
    const paragraph = doc.child(i);
    const length = paragraph.content.size; // text chars + 1 per hard break
    if (remaining <= length) return pos + 1 + remaining;
    remaining -= length + 1; // the "\n" between paragraphs
    pos += paragraph.nodeSize;
  }
  return Math.max(0, doc.content.size - 1);
}

/** The text offset of ProseMirror position `pos`. */
export function posToTextOffset(doc: PMNode, pos: number): number {
  let offset = 0;
  let start = 0;
  for (let i = 0; i < doc.childCount; i++) {
    const paragraph = doc.child(i);
    const end = start + paragraph.nodeSize;
    if (pos < end) return offset + Math.min(Math.max(pos - start - 1, 0), paragraph.content.size);
    offset += paragraph.content.size + 1;
    start = end;
  }
  return Math.max(0, offset - 1);
}
