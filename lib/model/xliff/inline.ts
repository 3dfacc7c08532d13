import type { TargetDoc, TargetParagraph } from '../schema';
import { emptyTarget } from '../target';
import { childElements, describe, escapeText, formatAttrs, getAttr, parseXml, textContent, xliffError, type XmlElement } from './xml';

/**
 * Inline content of a segment: text with XLIFF inline elements, in one neutral form (XLIFF 2 names and
 * attributes) whichever version it came from. Rows keep it as XLIFF 2 markup (`row.xliff`), so codes survive an
 * import and export; the editor sees only the text.
 */

export const XLIFF2_NS = 'urn:oasis:names:tc:xliff:document:2.0';
export const XLIFF22_NS = 'urn:oasis:names:tc:xliff:document:2.2';
export const XLIFF12_NS = 'urn:oasis:names:tc:xliff:document:1.2';

type Attrs = [string, string][];

/** A placeholder, a start or end code, or a start or end marker: an empty element. */
export interface InlineEmpty {
  kind: 'ph' | 'sc' | 'ec' | 'sm' | 'em';
  attrs: Attrs;
}

/** A paired code or an annotation marker around content. */
export interface InlineSpan {
  kind: 'pc' | 'mrk';
  attrs: Attrs;
  content: Inline[];
}

export type Inline = string | InlineEmpty | InlineSpan;

/** Native code behind `dataRef`s (XLIFF 2 `<originalData>`), by data id. */
export type OriginalData = Record<string, string>;

function attr(attrs: Attrs, name: string): string | undefined {
  return attrs.find(([k]) => k === name)?.[1];
}

/** True when the content holds any inline element (not just text). */
export function hasCodes(inline: Inline[]): boolean {
  return inline.some((n) => typeof n !== 'string');
}

/** Every code and marker id used in the content. */
export function collectIds(inline: Inline[], into = new Set<string>()): Set<string> {
  for (const n of inline) {
    if (typeof n === 'string') continue;
    const id = attr(n.attrs, 'id');
    if (id) into.add(id);
    if ('content' in n) collectIds(n.content, into);
  }
  return into;
}

/** Every `dataRef…` the content points at. */
export function collectDataRefs(inline: Inline[], into = new Set<string>()): Set<string> {
  for (const n of inline) {
    if (typeof n === 'string') continue;
    for (const [k, v] of n.attrs) if (k.startsWith('dataRef')) into.add(v);
    if ('content' in n) collectDataRefs(n.content, into);
  }
  return into;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------------------

const EMPTY_KINDS = new Set(['ph', 'sc', 'ec', 'sm', 'em']);

/** Only unprefixed attributes travel: a module's attributes would need their namespace declared again. */
function plainAttrs(el: XmlElement): Attrs {
  return el.attrs.filter((a) => a.uri === '').map((a) => [a.local, a.value]);
}

function codePoint(el: XmlElement): string {
  const hex = getAttr(el, 'hex') ?? '';
  const cp = /^[0-9a-fA-F]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
  if (!Number.isFinite(cp) || cp > 0x10ffff) throw xliffError(el, `hex="${hex}" is not a Unicode code point`);
  return String.fromCodePoint(cp);
}

/** Inline content of an XLIFF 2 `<source>`, `<target>` or inline element. */
export function readInline2(parent: XmlElement, ns: string): Inline[] {
  const out: Inline[] = [];
  for (const child of parent.children) {
    if (typeof child === 'string') {
      out.push(child);
      continue;
    }
    if (child.uri !== ns) {
      // An element of another namespace has no place in core inline content; keep its text, as a reader would.
      for (const n of readInline2(child, ns)) out.push(n);
      continue;
    }
    if (child.local === 'cp') out.push(codePoint(child));
    else if (EMPTY_KINDS.has(child.local)) out.push({ kind: child.local as InlineEmpty['kind'], attrs: plainAttrs(child) });
    else if (child.local === 'pc' || child.local === 'mrk') out.push({ kind: child.local, attrs: plainAttrs(child), content: readInline2(child, ns) });
    else throw xliffError(child, `<${child.local}> is not an XLIFF inline element (inside ${describe(parent)})`);
    const node = out[out.length - 1];
    if (typeof node === 'object' && node.kind !== 'ec' && node.kind !== 'em' && !attr(node.attrs, 'id')) throw xliffError(child, 'an inline element needs an id');
  }
  return mergeText(out);
}

/** Native data of an XLIFF 2 `<originalData>`. */
export function readOriginalData(el: XmlElement, ns: string): OriginalData {
  const data: OriginalData = {};
  for (const d of childElements(el, ns, 'data')) {
    const id = getAttr(d, 'id');
    if (!id) throw xliffError(d, '<data> needs an id');
    data[id] = d.children.map((c) => (typeof c === 'string' ? c : c.local === 'cp' ? codePoint(c) : textContent(c))).join('');
  }
  return data;
}

/** XLIFF 1.2 `ctype` values for formatting, as XLIFF 2 `type`/`subType`. */
const CTYPE_TO_2: Record<string, Attrs> = {
  bold: [['type', 'fmt'], ['subType', 'xlf:b']],
  italic: [['type', 'fmt'], ['subType', 'xlf:i']],
  underlined: [['type', 'fmt'], ['subType', 'xlf:u']],
  link: [['type', 'link']],
  image: [['type', 'image']],
  'x-html-br': [['type', 'fmt'], ['subType', 'xlf:lb']],
  lb: [['type', 'fmt'], ['subType', 'xlf:lb']],
};

/** 1.2 mrk types with an XLIFF 2 counterpart; others travel as `bilingual:<mtype>`. */
function mrkAttrs12(el: XmlElement, id: string): Attrs {
  const mtype = getAttr(el, 'mtype') ?? 'x-generic';
  const attrs: Attrs = [['id', id]];
  if (mtype === 'protected') attrs.push(['translate', 'no']);
  else if (mtype === 'term') attrs.push(['type', 'term']);
  else if (mtype === 'x-comment' || getAttr(el, 'comment') !== undefined) {
    attrs.push(['type', 'comment']);
    const comment = getAttr(el, 'comment');
    if (comment !== undefined) attrs.push(['value', comment]);
  } else if (mtype !== 'x-generic') attrs.push(['type', `bilingual:${mtype.replace(/[^A-Za-z0-9_.-]/g, '-')}`]);
  return attrs;
}

interface Reader12 {
  data: OriginalData;
  nextData: number;
  nextMarker: number;
  /** Start codes by the key (rid, else id) their end code names. */
  starts: Map<string, string>;
}

/** A fresh state for reading one trans-unit's source or target (codes pair within one side). */
export function newReader12(data: OriginalData = {}): Reader12 {
  return { data, nextData: Object.keys(data).length + 1, nextMarker: 1, starts: new Map() };
}

function addData(r: Reader12, native: string): string {
  // The same native code (a target's copy of a source code) shares its data, as the XLIFF 2 code does.
  for (const [existing, value] of Object.entries(r.data)) if (value === native) return existing;
  let id = `d${r.nextData++}`;
  while (id in r.data) id = `d${r.nextData++}`;
  r.data[id] = native;
  return id;
}

/**
 * Inline content of an XLIFF 1.2 `<source>`/`<target>`, converted to XLIFF 2: `<g>`→`<pc>`, `<x/>`→`<ph/>`,
 * `<bx/>`/`<ex/>`→`<sc/>`/`<ec/>`, `<ph>`/`<bpt>`/`<ept>`/`<it>` (which hold native code)→`<ph/>`/`<sc/>`/`<ec/>`
 * pointing at original data, `<mrk>`→`<mrk>`; segmentation marks (`mtype="seg"`) are unwrapped.
 */
export function readInline12(parent: XmlElement, r: Reader12): Inline[] {
  const out: Inline[] = [];
  for (const child of parent.children) {
    if (typeof child === 'string') {
      out.push(child);
      continue;
    }
    if (child.uri !== XLIFF12_NS) {
      for (const n of readInline12(child, r)) out.push(n);
      continue;
    }
    const id = getAttr(child, 'id');
    const needId = () => {
      if (!id) throw xliffError(child, `<${child.local}> needs an id`);
      return id;
    };
    const ctype = CTYPE_TO_2[getAttr(child, 'ctype') ?? ''] ?? [];
    const equiv = getAttr(child, 'equiv-text');
    const pairKey = getAttr(child, 'rid') ?? id;
    switch (child.local) {
      case 'g':
        out.push({ kind: 'pc', attrs: [['id', needId()], ...ctype], content: readInline12(child, r) });
        break;
      case 'x':
        out.push({ kind: 'ph', attrs: [['id', needId()], ...ctype, ...(equiv !== undefined ? [['equiv', equiv] as [string, string]] : [])] });
        break;
      case 'ph':
        out.push({ kind: 'ph', attrs: [['id', needId()], ...ctype, ['dataRef', addData(r, textContent(child))]] });
        break;
      case 'bx':
      case 'bpt': {
        const scId = needId();
        if (pairKey) r.starts.set(pairKey, scId);
        const dataRef: Attrs = child.local === 'bpt' ? [['dataRef', addData(r, textContent(child))]] : [];
        out.push({ kind: 'sc', attrs: [['id', scId], ...ctype, ...dataRef] });
        break;
      }
      case 'ex':
      case 'ept': {
        const start = pairKey ? r.starts.get(pairKey) : undefined;
        const dataRef: Attrs = child.local === 'ept' ? [['dataRef', addData(r, textContent(child))]] : [];
        out.push({ kind: 'ec', attrs: start ? [['startRef', start], ...dataRef] : [['id', needId()], ['isolated', 'yes'], ...dataRef] });
        break;
      }
      case 'it': {
        const open = getAttr(child, 'pos') !== 'close';
        const attrs: Attrs = [['id', needId()], ['isolated', 'yes'], ...ctype, ['dataRef', addData(r, textContent(child))]];
        out.push({ kind: open ? 'sc' : 'ec', attrs });
        break;
      }
      case 'mrk':
        if (getAttr(child, 'mtype') === 'seg') for (const n of readInline12(child, r)) out.push(n);
        else out.push({ kind: 'mrk', attrs: mrkAttrs12(child, `m${getAttr(child, 'mid') ?? r.nextMarker++}`), content: readInline12(child, r) });
        break;
      case 'sub':
        for (const n of readInline12(child, r)) out.push(n);
        break;
      default:
        throw xliffError(child, `<${child.local}> is not an XLIFF 1.2 inline element (inside ${describe(parent)})`);
    }
  }
  return mergeText(out);
}

function mergeText(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    if (typeof n === 'string' && typeof out[out.length - 1] === 'string') out[out.length - 1] += n;
    else if (n !== '') out.push(n);
  }
  return out;
}

/**
 * Inline content kept in a row (XLIFF 2 markup without the namespace declaration). Returns null when the markup
 * is not usable (a hand-edited document.json): the caller then falls back to the row's text.
 */
export function parseInlineMarkup(markup: string): Inline[] | null {
  try {
    return readInline2(parseXml(markup, { fragmentNamespace: XLIFF2_NS }), XLIFF2_NS);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------------------

/** Characters XML cannot carry but XLIFF 2 can, as `<cp hex="…"/>` (split out, so the capture group is kept). */
// eslint-disable-next-line no-control-regex
const CP_CHAR = /([\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF])/;

function writeText2(text: string): string {
  return text
    .split(CP_CHAR)
    .map((part, i) => (i % 2 ? `<cp hex="${part.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}"/>` : escapeText(part)))
    .join('');
}

/** XLIFF 2 markup of inline content (elements in the default namespace, which the file declares). */
export function writeInline2(inline: Inline[]): string {
  return inline
    .map((n) => {
      if (typeof n === 'string') return writeText2(n);
      if ('content' in n) return `<${n.kind}${formatAttrs(n.attrs)}>${writeInline2(n.content)}</${n.kind}>`;
      return `<${n.kind}${formatAttrs(n.attrs)}/>`;
    })
    .join('');
}

const SUBTYPE_TO_CTYPE: Record<string, string> = { 'xlf:b': 'bold', 'xlf:i': 'italic', 'xlf:u': 'underlined', 'xlf:lb': 'lb' };

function ctype12(attrs: Attrs): string | undefined {
  const type = attr(attrs, 'type');
  if (type === 'fmt') return SUBTYPE_TO_CTYPE[attr(attrs, 'subType') ?? ''];
  if (type === 'link' || type === 'image') return type;
  return undefined;
}

function mtype12(attrs: Attrs): [string, string | undefined][] {
  const type = attr(attrs, 'type');
  if (attr(attrs, 'translate') === 'no') return [['mtype', 'protected']];
  if (type === 'term') return [['mtype', 'term']];
  if (type === 'comment') return [['mtype', 'x-comment'], ['comment', attr(attrs, 'value')]];
  if (type?.startsWith('bilingual:')) return [['mtype', type.slice('bilingual:'.length)]];
  return [['mtype', 'x-generic']];
}

/**
 * XLIFF 1.2 markup of inline content: the reverse of readInline12, so a 1.2 file's `<g>`, `<x/>`, `<bpt>`… come
 * back as they were. Native code comes from `data`; markers without a 1.2 form (`<sm/>`, `<em/>`) are dropped.
 */
export function writeInline12(inline: Inline[], data: OriginalData): string {
  return inline
    .map((n) => {
      if (typeof n === 'string') return escapeText(n);
      const id = attr(n.attrs, 'id');
      const native = (ref: string | undefined) => (ref !== undefined && ref in data ? escapeText(data[ref]!) : '');
      const dataRef = attr(n.attrs, 'dataRef');
      switch (n.kind) {
        case 'pc':
          return `<g${formatAttrs([['id', id], ['ctype', ctype12(n.attrs)]])}>${writeInline12(n.content, data)}</g>`;
        case 'mrk':
          return `<mrk${formatAttrs([...mtype12(n.attrs), ['mid', id?.replace(/^m/, '')]])}>${writeInline12(n.content, data)}</mrk>`;
        case 'ph':
          return dataRef !== undefined
            ? `<ph${formatAttrs([['id', id], ['ctype', ctype12(n.attrs)]])}>${native(dataRef)}</ph>`
            : `<x${formatAttrs([['id', id], ['ctype', ctype12(n.attrs)], ['equiv-text', attr(n.attrs, 'equiv')]])}/>`;
        case 'sc':
          if (attr(n.attrs, 'isolated') === 'yes') return `<it${formatAttrs([['id', id], ['pos', 'open']])}>${native(dataRef)}</it>`;
          return dataRef !== undefined ? `<bpt${formatAttrs([['id', id]])}>${native(dataRef)}</bpt>` : `<bx${formatAttrs([['id', id], ['rid', id]])}/>`;
        case 'ec': {
          if (attr(n.attrs, 'isolated') === 'yes') return `<it${formatAttrs([['id', id], ['pos', 'close']])}>${native(dataRef)}</it>`;
          const start = attr(n.attrs, 'startRef');
          return dataRef !== undefined
            ? `<ept${formatAttrs([['id', start ?? id]])}>${native(dataRef)}</ept>`
            : `<ex${formatAttrs([['id', `${start ?? id}-end`], ['rid', start ?? id]])}/>`;
        }
        case 'sm':
        case 'em':
          return '';
      }
    })
    .join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Text and the editor's translation
// ---------------------------------------------------------------------------------------------------------------

/** The text of inline content: codes contribute nothing (or `codeText`), spans their content. */
export function getInlineText(inline: Inline[], codeText = ''): string {
  return inline.map((n) => (typeof n === 'string' ? n : 'content' in n ? getInlineText(n.content, codeText) : codeText)).join('');
}

/** Paragraphs are separated by a blank line; a single newline inside one is a line break. */
const PARAGRAPH_BREAK = /\n[ \t\r]*\n\s*/;

/**
 * The text of a side split into blocks (paragraphs): on blank lines, each trimmed unless whitespace is
 * preserved, empty ones dropped.
 */
export function splitBlocks(text: string, preserveSpace: boolean): string[] {
  const normalized = text.replace(/\r\n?/g, '\n');
  const blocks = preserveSpace ? normalized.split(PARAGRAPH_BREAK) : normalized.trim().split(PARAGRAPH_BREAK).map((b) => b.trim());
  return blocks.filter((b) => b.trim() !== '');
}

type Mark = 'bold' | 'italic';
type Run = { text: string; marks: Mark[] } | 'br';

function formatMark(attrs: Attrs): Mark | null {
  if (attr(attrs, 'type') !== 'fmt') return null;
  const sub = attr(attrs, 'subType');
  return sub === 'xlf:b' ? 'bold' : sub === 'xlf:i' ? 'italic' : null;
}

function collectRuns(inline: Inline[], marks: Mark[], out: Run[]): void {
  for (const n of inline) {
    if (typeof n === 'string') {
      n.replace(/\r\n?/g, '\n')
        .split('\n')
        .forEach((part, i) => {
          if (i > 0) out.push('br');
          if (part) out.push({ text: part, marks });
        });
    } else if ('content' in n) {
      const mark = n.kind === 'pc' ? formatMark(n.attrs) : null;
      collectRuns(n.content, mark && !marks.includes(mark) ? [...marks, mark].sort() : marks, out);
    } else if (n.kind === 'ph' && attr(n.attrs, 'type') === 'fmt' && attr(n.attrs, 'subType') === 'xlf:lb') {
      out.push('br');
    }
  }
}

/**
 * The editor's translation from inline content: paragraphs on blank lines, line breaks on single newlines (or an
 * `xlf:lb` placeholder), bold and italic from formatting codes (`type="fmt"` with `subType` `xlf:b`/`xlf:i`).
 * Other codes are not shown in the editor; the row keeps them in its markup.
 */
export function inlineToTarget(inline: Inline[], preserveSpace: boolean): TargetDoc {
  const runs: Run[] = [];
  collectRuns(inline, [], runs);
  const paragraphs: Run[][] = [[]];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    if (run !== 'br') {
      paragraphs[paragraphs.length - 1]!.push(run);
      continue;
    }
    // A newline followed, after only blank text, by another newline ends the paragraph.
    let j = i + 1;
    while (j < runs.length && runs[j] !== 'br' && !(runs[j] as { text: string }).text.trim()) j++;
    if (j < runs.length && runs[j] === 'br') {
      while (j + 1 < runs.length && (runs[j + 1] === 'br' || !(runs[j + 1] as { text: string }).text.trim())) j++;
      paragraphs.push([]);
      i = j;
    } else paragraphs[paragraphs.length - 1]!.push('br');
  }
  const content: TargetParagraph[] = [];
  for (const runsOfParagraph of paragraphs) {
    const trimmed = preserveSpace ? runsOfParagraph : trimRuns(runsOfParagraph);
    if (!trimmed.some((r) => r !== 'br' && r.text.trim())) continue;
    const nodes: NonNullable<TargetParagraph['content']> = [];
    for (const r of trimmed) {
      if (r === 'br') {
        nodes.push({ type: 'hard_break' });
        continue;
      }
      const last = nodes[nodes.length - 1];
      const marks = r.marks.length ? r.marks.map((type) => ({ type })) : undefined;
      if (last?.type === 'text' && JSON.stringify(last.marks) === JSON.stringify(marks)) last.text += r.text;
      else nodes.push({ type: 'text', text: r.text, ...(marks && { marks }) });
    }
    content.push({ type: 'paragraph', content: nodes });
  }
  return content.length ? { type: 'doc', content } : emptyTarget();
}

function trimRuns(runs: Run[]): Run[] {
  const out = runs.slice();
  while (out.length && (out[0] === 'br' || !(out[0] as { text: string }).text.trim())) out.shift();
  while (out.length && (out[out.length - 1] === 'br' || !(out[out.length - 1] as { text: string }).text.trim())) out.pop();
  if (!out.length) return out;
  const first = out[0] as { text: string; marks: Mark[] };
  out[0] = { ...first, text: first.text.trimStart() };
  const lastIndex = out.length - 1;
  const last = out[lastIndex] as { text: string; marks: Mark[] };
  out[lastIndex] = { ...last, text: last.text.trimEnd() };
  return out;
}

/**
 * Inline content of the editor's translation: paragraphs joined by a blank line, line breaks as newlines, bold
 * and italic as formatting codes with ids not in `usedIds` (XLIFF allows codes added in the target).
 */
export function targetToInline(target: TargetDoc, usedIds: Set<string> = new Set()): Inline[] {
  let n = 1;
  const nextId = () => {
    while (usedIds.has(`f${n}`)) n++;
    const id = `f${n++}`;
    usedIds.add(id);
    return id;
  };
  const out: Inline[] = [];
  target.content.forEach((p, pi) => {
    if (pi > 0) out.push('\n\n');
    for (const node of p.content ?? []) {
      if (node.type === 'hard_break') {
        out.push('\n');
        continue;
      }
      let inline: Inline = node.text;
      // Bold outside italic, as the editor's schema orders marks; ids numbered from the outside in.
      const codes = (node.marks ?? []).map((mark) => ({ id: nextId(), subType: mark.type === 'bold' ? 'xlf:b' : 'xlf:i' }));
      for (const code of codes.reverse()) {
        inline = { kind: 'pc', attrs: [['id', code.id], ['type', 'fmt'], ['subType', code.subType]], content: [inline] };
      }
      out.push(inline);
    }
  });
  return mergeText(out);
}

/** True when text needs `xml:space="preserve"` to come back as written (newlines, edge or repeated spaces). */
export function needsPreserve(text: string): boolean {
  return /\n|^\s|\s$|\s\s|\t/.test(text);
}
