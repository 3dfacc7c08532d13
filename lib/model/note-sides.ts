import type { NoteSide } from './notes';
import type { Row } from './schema';
import { getParagraphText } from './target';

/* What the editor's page needs of notes without their schemas (notes.ts): the text a note counts in. */

export const MAX_NOTE_BODY = 10_000;
/** How much context is kept either side of a quote to find it again after edits. */
export const QUOTE_CONTEXT = 32;

/**
 * The text a note's offsets count in: the source blocks, or the translation's paragraphs, joined by "\n".
 * The editor computes offsets the same way (lib/editor/text-offsets.ts).
 */
export function getSideText(row: Row, side: NoteSide): string {
  return side === 'source'
    ? row.source.map((b) => b.text).join('\n')
    : row.target.content.map(getParagraphText).join('\n');
}
