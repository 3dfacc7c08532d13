import { parseXml, type XmlElement } from '../xliff/xml';

export type { XmlElement };
export { childElements, getAttr, textContent, XML_NS } from '../xliff/xml';

/**
 * The XML reader the glossary's TBX import uses. It is the saxes-based tree of the XLIFF code for now, behind this
 * one function so that it can be switched to the bounded streaming reader (depth and element limits) in one place.
 */
export function readTbxXml(text: string): XmlElement {
  return parseXml(text, { label: 'TBX' });
}
