import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { ModelError } from '../errors';
import { XML_LIMITS } from '../limits';
import type { XmlElement } from './tree';

/**
 * The one XML reader of the app (XLIFF, TMX, and TBX later): a conforming, namespace-aware streaming parser
 * (saxes) with limits checked as each start tag is read, before the element is added to the tree. Saxes resolves
 * namespaces by walking the open elements, so nesting costs the square of its depth; refusing at the depth limit
 * keeps that cost small, and keeps every later walk over the tree shallow.
 */

/** The reader's limits live with every other limit of the app. */
export { XML_LIMITS };

export type XmlLimits = { maxDepth: number; maxElements: number; maxChildren: number };

export interface ReadXmlOptions {
  /** Parse a fragment (several top-level nodes) with this default namespace, as for inline content kept in a row. */
  fragmentNamespace?: string;
  /** The format named in error messages (default "XML"). */
  label?: string;
  /** Tighter limits for one format (any not given are XML_LIMITS'). */
  limits?: Partial<XmlLimits>;
}

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/**
 * Parses XML text into a tree. Not well-formed input throws a ModelError ('invalid') naming the line and column
 * the parser stopped at; going past a limit throws at once, naming the limit ('invalid' for depth, 'too-large'
 * for counts). Comments, processing instructions and the doctype are dropped; no entity beyond XML's five is
 * expanded (so no entity tricks), and text outside the root is ignored.
 */
export function readXml(text: string, options: ReadXmlOptions = {}): XmlElement {
  const fragment = options.fragmentNamespace !== undefined;
  const label = options.label ?? 'XML';
  const limits: XmlLimits = { ...XML_LIMITS, ...options.limits };
  const parser = new SaxesParser<{ xmlns: true; position: true }>({
    xmlns: true,
    position: true,
    ...(fragment && { fragment: true, additionalNamespaces: { '': options.fragmentNamespace! } }),
  });
  const root: XmlElement = { uri: '', local: '#root', name: '#root', attrs: [], children: [], line: 1 };
  const stack: XmlElement[] = [root];
  const childCounts: number[] = [0];
  let elements = 0;
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
      throw new ModelError('invalid', `${label}: the file declares encoding="${decl.encoding}"; save it as UTF-8 and import it again`);
    }
  });
  parser.on('opentagstart', (tag) => {
    startLine = parser.line;
    const depth = stack.length;
    if (depth > limits.maxDepth) {
      throw new ModelError('invalid', `${label}: <${tag.name}> on line ${startLine} is nested more than ${limits.maxDepth} elements deep, the most this app reads`);
    }
    if (++elements > limits.maxElements) {
      throw new ModelError('too-large', `${label}: the file holds more than ${limits.maxElements} elements (line ${startLine}), the most this app reads`);
    }
    const siblings = ++childCounts[childCounts.length - 1]!;
    if (siblings > limits.maxChildren) {
      const parent = top();
      const where = parent === root ? 'the file' : `<${parent.name}> on line ${parent.line}`;
      throw new ModelError('too-large', `${label}: ${where} holds more than ${limits.maxChildren} elements, the most this app reads in one element`);
    }
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs = [];
    let ns: Record<string, string> | undefined;
    for (const a of Object.values(tag.attributes) as SaxesAttributeNS[]) {
      if (a.uri === XMLNS_NS) (ns ??= {})[a.prefix === 'xmlns' ? a.local : ''] = a.value;
      else attrs.push({ uri: a.uri, local: a.local, name: a.name, value: a.value });
    }
    const el: XmlElement = { uri: tag.uri, local: tag.local, name: tag.name, attrs, children: [], line: startLine, ...(ns && { ns }) };
    top().children.push(el);
    stack.push(el);
    childCounts.push(0);
  });
  parser.on('closetag', () => {
    stack.pop();
    childCounts.pop();
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
      at ? `${label} is not well-formed XML: line ${at[1]}, column ${at[2]}: ${at[3]}` : `${label} is not well-formed XML: ${message}`,
    );
  }
  if (fragment) return root;
  const element = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!element) throw new ModelError('invalid', `${label} is not well-formed XML: the file has no root element`);
  return element;
}
