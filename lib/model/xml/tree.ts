/**
 * A small, read-only XML tree: enough for XLIFF, TMX and TBX, where every element is looked up by namespace and
 * local name and every error must name its line. Built only by the bounded reader (read.ts), so its depth is
 * bounded and recursive walks over it are too.
 */

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** An attribute with its resolved namespace ('' for an unprefixed attribute). */
export interface XmlAttr {
  uri: string;
  local: string;
  name: string;
  value: string;
}

/** An element: its resolved name, its attributes, its children in order, and where its start tag is. */
export interface XmlElement {
  uri: string;
  local: string;
  /** The name as written, prefix included ("mda:meta"), for messages. */
  name: string;
  attrs: XmlAttr[];
  children: XmlNode[];
  line: number;
  /** Namespace declarations made on this element (prefix → URI, '' for the default namespace). */
  ns?: Record<string, string>;
}

export type XmlNode = XmlElement | string;

/** The value of an unprefixed attribute (or one in namespace `uri`), or undefined. */
export function getAttr(el: XmlElement, local: string, uri = ''): string | undefined {
  return el.attrs.find((a) => a.local === local && a.uri === uri)?.value;
}

/** Child elements, optionally only those in namespace `uri` named `local`. */
export function childElements(el: XmlElement, uri?: string, local?: string): XmlElement[] {
  return el.children.filter(
    (c): c is XmlElement => typeof c !== 'string' && (uri === undefined || c.uri === uri) && (local === undefined || c.local === local),
  );
}

/** The concatenated text of an element and its descendants (walked with an explicit stack, not recursion). */
export function textContent(el: XmlElement): string {
  let out = '';
  const stack: XmlNode[] = [el];
  while (stack.length) {
    const node = stack.pop()!;
    if (typeof node === 'string') {
      out += node;
      continue;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/** "<unit> on line 12", the way every message names an element. */
export function describe(el: XmlElement): string {
  return `<${el.name}> on line ${el.line}`;
}
