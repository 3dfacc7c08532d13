import { ModelError } from '../errors';
import { describe, readXml, type ReadXmlOptions, type XmlElement } from '../xml';

/** XLIFF's view of the shared XML reader: the same tree, with XLIFF's label and limits in messages. */

export * from '../xml';

/** Namespace of this app's extension attributes on notes (author, status, quoted words, replies). */
export const NOTES_EXT_NS = 'urn:x-bilingual-editor:xliff:notes';

/** A ModelError ('invalid') about the XLIFF file, naming the element and its line. */
export function xliffError(el: XmlElement, problem: string): ModelError {
  return new ModelError('invalid', `XLIFF: ${describe(el)}: ${problem}`);
}

/**
 * Children of one XLIFF element: a <file> or <group> of the most units a file may bring (20,000) fits; a
 * <source> of 150,000 codes is refused as soon as its 25,001st is read.
 */
export const XLIFF_MAX_CHILDREN = 25_000;

/** Reads XLIFF text (or a fragment of inline markup) with the shared bounded reader. */
export function parseXml(text: string, options: ReadXmlOptions = {}): XmlElement {
  return readXml(text, { label: 'XLIFF', limits: { maxChildren: XLIFF_MAX_CHILDREN }, ...options });
}
