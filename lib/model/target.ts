import type { TargetDoc, TargetParagraph } from './schema';

/** A translation with nothing in it: one empty paragraph, as ProseMirror would create. */
export function emptyTarget(): TargetDoc {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}

/** Plain text of one paragraph (hard breaks as newlines). */
export function getParagraphText(p: TargetParagraph): string {
  return (p.content ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join('');
}

/** True when a paragraph holds no visible text. */
export function isParagraphEmpty(p: TargetParagraph): boolean {
  return getParagraphText(p).trim() === '';
}

/** True when the translation holds no visible text at all. */
export function isTargetEmpty(target: TargetDoc): boolean {
  return target.content.every(isParagraphEmpty);
}

/**
 * The paragraphs a row contributes when rows are split or merged: none for an empty translation (its lone
 * empty paragraph is only a place for the caret), otherwise all of them, in order.
 */
export function getRowParagraphs(target: TargetDoc): TargetParagraph[] {
  return isTargetEmpty(target) ? [] : target.content;
}

/** A target doc from paragraphs, never with zero paragraphs (ProseMirror needs one to hold the caret). */
export function targetFromParagraphs(paragraphs: TargetParagraph[]): TargetDoc {
  return paragraphs.length ? { type: 'doc', content: paragraphs } : emptyTarget();
}

/** A target doc from plain-text paragraphs. */
export function targetFromText(paragraphs: string[]): TargetDoc {
  return targetFromParagraphs(
    paragraphs.filter((t) => t.trim()).map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  );
}

/** The translation as plain text, paragraphs separated by blank lines. */
export function getTargetText(target: TargetDoc): string {
  return target.content.map(getParagraphText).join('\n\n');
}

/**
 * Both sides of a conflict in one translation, for merging by hand: the person's paragraphs, then the other
 * version's, each kept whole with its marks. An empty side adds nothing; when both are empty the result is empty.
 */
export function combineTargets(mine: TargetDoc, theirs: TargetDoc): TargetDoc {
  const paragraphs = [...getRowParagraphs(mine), ...getRowParagraphs(theirs)].filter((p) => !isParagraphEmpty(p));
  return paragraphs.length ? targetFromParagraphs(paragraphs) : emptyTarget();
}
