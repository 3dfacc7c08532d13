import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { ModelError } from '../errors';

/**
 * A small, read-only XML tree built with saxes (a conforming, namespace-aware parser): enough for XLIFF, where
 * every element we read is looked up by namespace and local name and every error must name its line.
 */

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

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
}

export type XmlNode = XmlElement | string;

/** Namespace of this app's extension attributes on notes (author, status, quoted words, replies). */
export const NOTES_EXT_NS = 'urn:x-bilingual-editor:xliff:notes';

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

/** The concatenated text of an element and its descendants. */
export function textContent(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}

/** "<unit> on line 12", the way every message names an element. */
export function describe(el: XmlElement): string {
  return `<${el.name}> on line ${el.line}`;
}

/** A ModelError ('invalid') about the XLIFF file, naming the element and its line. */
export function xliffError(el: XmlElement, problem: string): ModelError {
  return new ModelError('invalid', `XLIFF: ${describe(el)}: ${problem}`);
}

interface ParseOptions {
  /** Parse a fragment (several top-level nodes) with this default namespace, as for inline content kept in a row. */
  fragmentNamespace?: string;
}

/**
 * Parses XML text into a tree. Not well-formed input throws a ModelError ('invalid') naming the line and column
 * saxes stopped at. Comments, processing instructions and the doctype are dropped; no entity beyond XML's five
 * is expanded (so no entity tricks), and text outside the root is ignored.
 */
export function parseXml(text: string, options: ParseOptions = {}): XmlElement {
  const fragment = options.fragmentNamespace !== undefined;
  const parser = new SaxesParser<{ xmlns: true; position: true }>({
    xmlns: true,
    position: true,
    ...(fragment && { fragment: true, additionalNamespaces: { '': options.fragmentNamespace! } }),
  });
  const root: XmlElement = { uri: '', local: '#root', name: '#root', attrs: [], children: [], line: 1 };
  const stack: XmlElement[] = [root];
  let startLine = 1;
  const top = () => stack[stack.length - 1]!;
  const addText = (t: string) => {
    const parent = top();
    if (parent === root && !fragment) return;
    const last = parent.children[parent.children.length - 1];
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + t;
    else parent.children.push(t);
  };
  parser.on('xmldecl', (decl) => {
    // The body was read as UTF-8: a file in another encoding would be read wrong, character by character.
    if (decl.encoding && !/^(utf-?8|us-ascii)$/i.test(decl.encoding)) {
      throw new ModelError('invalid', `XLIFF: the file declares encoding="${decl.encoding}"; save it as UTF-8 and import it again`);
    }
  });
  parser.on('opentagstart', () => {
    startLine = parser.line;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs = Object.values(tag.attributes)
      .filter((a: SaxesAttributeNS) => a.uri !== XMLNS_NS)
      .map((a: SaxesAttributeNS) => ({ uri: a.uri, local: a.local, name: a.name, value: a.value }));
    const el: XmlElement = { uri: tag.uri, local: tag.local, name: tag.name, attrs, children: [], line: startLine };
    top().children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(text.replace(/^\uFEFF/, '')).close();
  } catch (e) {
    if (e instanceof ModelError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    const at = /^(\d+):(\d+): (.*)$/s.exec(message);
    throw new ModelError(
      'invalid',
      at ? `XLIFF is not well-formed XML: line ${at[1]}, column ${at[2]}: ${at[3]}` : `XLIFF is not well-formed XML: ${message}`,
    );
  }
  if (fragment) return root;
  const element = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!element) throw new ModelError('invalid', 'XLIFF is not well-formed XML: the file has no root element');
  return element;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------------------

/** Characters XML 1.0 cannot hold at all, even escaped (control characters other than tab, LF, CR; lone surrogates). */
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text escaped for element content; characters XML cannot carry are dropped. */
export function escapeText(text: string): string {
  return text.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text escaped for a double-quoted attribute value (newlines and tabs kept as character references). */
export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** ` a="1" b="2"`, skipping undefined values, in the order given. */
export function formatAttrs(attrs: Record<string, string | undefined> | [string, string | undefined][]): string {
  const entries = Array.isArray(attrs) ? attrs : Object.entries(attrs);
  return entries
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
}
