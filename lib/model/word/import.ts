import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { ModelError } from '../errors';
import { DOCUMENT_SCHEMA_VERSION, langSchema, slugSchema, type BilingualDocument, type Row, type SourceBlock } from '../schema';
import { emptyTarget } from '../target';
import { MAX_IMPORT_BYTES } from '../text-import';
import { getInlineText, writeInline2, type Inline } from '../xliff/inline';

/**
 * Word files in: the HTML that mammoth makes of a .docx (headings `<h1>`…, paragraphs, `<ol>`/`<ul>` lists,
 * `<strong>`/`<em>`, tables, images, footnote references) mapped to source blocks, one row each. Pure: the
 * server reads the file with mammoth (lib/formats/docx-reader.ts) and hands the HTML here.
 */

/** The class the reader's style map gives Word's Title paragraphs (`<h1 class="word-title">`). */
export const WORD_TITLE_CLASS = 'word-title';

/** What a Word file held that does not become a row. */
export type WordSkippedKind = 'table' | 'image' | 'footnote';

/**
 * Something of the Word file that was not imported, and where it was: in the row `row` (an image or a footnote
 * mark inside a paragraph that was imported), or between rows, after row `afterRow` (0: before the first row).
 * Rows count from 1, in the document's order.
 */
export interface WordSkipped {
  kind: WordSkippedKind;
  afterRow: number;
  row?: number;
  /** The start of a table's text, so a person can find it in the file. */
  text?: string;
}

/** A source block with its bold and italic, as XLIFF 2 inline content (formatting codes around the text). */
export interface WordBlock {
  block: SourceBlock;
  inline: Inline[];
}

type Mark = 'bold' | 'italic';
interface Run {
  text: string;
  marks: Mark[];
}

interface Collected {
  runs: Run[];
  images: number;
  footnotes: number;
}

const HEADING = /^h([1-6])$/;
const FOOTNOTE_REF = /^#(footnote|endnote)-/;
const FOOTNOTE_ITEM = /^(footnote|endnote)-/;

/** Inline content of an element: text runs with marks, leaving out nested lists (they are rows of their own). */
function collectInline(nodes: ChildNode[], marks: Mark[], out: Collected): void {
  for (const node of nodes) {
    if (isText(node)) {
      if (node.data) out.runs.push({ text: node.data, marks });
      continue;
    }
    if (!isTag(node)) continue;
    const name = node.name;
    if (name === 'ol' || name === 'ul' || name === 'table') continue;
    if (name === 'img') {
      out.images++;
      continue;
    }
    if (name === 'br') {
      out.runs.push({ text: '\n', marks });
      continue;
    }
    if (name === 'a' && FOOTNOTE_REF.test(node.attribs.href ?? '')) {
      out.footnotes++;
      continue;
    }
    // A footnote reference arrives as <sup><a href="#footnote-1">[1]</a></sup>: the <sup> holds nothing else.
    const mark: Mark | null = name === 'strong' || name === 'b' ? 'bold' : name === 'em' || name === 'i' ? 'italic' : null;
    collectInline(node.children, mark && !marks.includes(mark) ? [...marks, mark].sort() : marks, out);
  }
}

/**
 * Runs trimmed at both ends and with line breaks kept single (a blank line would split the block in XLIFF and
 * Markdown exports), merged where their marks agree.
 */
function tidyRuns(runs: Run[]): Run[] {
  const merged: Run[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (last && last.marks.join() === run.marks.join()) last.text += run.text;
    else merged.push({ ...run });
  }
  for (const run of merged) run.text = run.text.replace(/\s+/g, (space) => (space.includes('\n') ? '\n' : space));
  // Line breaks next to each other in different runs, and at the ends, are dropped the same way.
  let text = '';
  for (const run of merged) {
    if (text.endsWith('\n')) run.text = run.text.replace(/^\n+/, '');
    text += run.text;
  }
  while (merged.length && !merged[0]!.text.trim()) merged.shift();
  while (merged.length && !merged[merged.length - 1]!.text.trim()) merged.pop();
  if (!merged.length) return merged;
  merged[0]!.text = merged[0]!.text.replace(/^\s+/, '');
  merged[merged.length - 1]!.text = merged[merged.length - 1]!.text.trimEnd();
  return merged.filter((r) => r.text);
}

/** XLIFF 2 inline content of runs: bold outside italic, the codes numbered `w1`, `w2`… in document order. */
function runsToInline(runs: Run[]): Inline[] {
  let id = 0;
  return runs.map((run) => {
    const codes = run.marks.map((mark) => ({ id: `w${++id}`, subType: mark === 'bold' ? 'xlf:b' : 'xlf:i' }));
    return codes.reduceRight<Inline>((inner, code) => ({ kind: 'pc', attrs: [['id', code.id], ['type', 'fmt'], ['subType', code.subType]], content: [inner] }), run.text);
  });
}

/** Text of a table, its cells and paragraphs set apart by spaces. */
function plainText(nodes: ChildNode[]): string {
  return nodes.map((n) => (isText(n) ? n.data : isTag(n) ? (BLOCK_TAGS.has(n.name) ? ` ${plainText(n.children)} ` : plainText(n.children)) : '')).join('');
}

const BLOCK_TAGS = new Set(['p', 'td', 'th', 'tr', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'table', 'ol', 'ul']);

/** The mapping's state while it walks the document: blocks so far and what was left out. */
class Walker {
  readonly blocks: WordBlock[] = [];
  readonly skipped: WordSkipped[] = [];

  /** Adds a block from an element's inline content; images and footnote marks in it are reported. */
  add(el: Element, make: (text: string) => SourceBlock): void {
    const collected: Collected = { runs: [], images: 0, footnotes: 0 };
    collectInline(el.children, [], collected);
    const runs = tidyRuns(collected.runs);
    const inline = runsToInline(runs);
    const text = getInlineText(inline);
    if (text) this.blocks.push({ block: make(text), inline });
    const here = text ? { row: this.blocks.length } : {};
    const afterRow = text ? this.blocks.length - 1 : this.blocks.length;
    for (let i = 0; i < collected.images; i++) this.skipped.push({ kind: 'image', afterRow, ...here });
    for (let i = 0; i < collected.footnotes; i++) this.skipped.push({ kind: 'footnote', afterRow, ...here });
  }

  list(el: Element, depth: number): void {
    const kind = el.name === 'ol' ? 'numbered' : 'bulleted';
    let n = 0;
    for (const item of el.children) {
      if (!isTag(item) || item.name !== 'li') continue;
      n++;
      const number = String(n);
      this.add(item, (text) => ({ kind, text, ...(kind === 'numbered' && { number }), ...(depth > 1 && { level: Math.min(depth, 6) }) }));
      for (const child of item.children) {
        if (isTag(child) && (child.name === 'ol' || child.name === 'ul')) this.list(child, depth + 1);
        else if (isTag(child)) this.nested(child);
      }
    }
  }

  /** A table inside a list item is reported like any other (images in it are counted with the item). */
  nested(el: Element): void {
    if (el.name === 'table') this.table(el);
  }

  table(el: Element): void {
    const text = plainText(el.children).replace(/\s+/g, ' ').trim();
    this.skipped.push({ kind: 'table', afterRow: this.blocks.length, ...(text && { text: text.length > 80 ? `${text.slice(0, 79)}…` : text }) });
  }

  element(el: Element): void {
    const heading = HEADING.exec(el.name);
    if (heading) {
      const level = Number(heading[1]);
      const isTitle = (el.attribs.class ?? '').split(/\s+/).includes(WORD_TITLE_CLASS) && !this.blocks.some((b) => b.block.kind === 'title');
      this.add(el, (text) => (isTitle ? { kind: 'title', text } : { kind: 'heading', level, text }));
    } else if (el.name === 'ol' || el.name === 'ul') {
      if (el.children.some((c) => isTag(c) && FOOTNOTE_ITEM.test(c.attribs.id ?? ''))) return; // the footnotes' own text
      this.list(el, 1);
    } else if (el.name === 'table') {
      this.table(el);
    } else if (el.name === 'p') {
      this.add(el, (text) => ({ kind: 'paragraph', text }));
    } else {
      // Anything else mammoth might write at the top (a <div>, a bare <a>): its content in order.
      for (const child of el.children) if (isTag(child)) this.element(child);
    }
  }
}

/**
 * Source blocks of the HTML mammoth makes of a Word file, each with its bold and italic, and what was skipped.
 * Headings keep their level (a Title paragraph, or a first block that is a level-1 heading, is the title, as in a
 * Markdown import); numbered and bulleted list items are blocks of those kinds, numbered from 1 in each list, with
 * `level` 2… when nested; tables and images are not imported but reported with their place; footnote marks are
 * dropped (and reported) and the footnotes' text is left out. Text is kept as written, trimmed.
 */
export function mapWordHtml(html: string): { blocks: WordBlock[]; skipped: WordSkipped[] } {
  const walker = new Walker();
  for (const node of parseDocument(html).children) if (isTag(node)) walker.element(node);
  const first = walker.blocks[0];
  if (first && first.block.kind === 'heading' && first.block.level === 1 && !walker.blocks.some((b) => b.block.kind === 'title')) {
    first.block = { kind: 'title', text: first.block.text };
  }
  return walker;
}

/** Arabic letters (the Arabic blocks, without digits and punctuation that other scripts share). */
const ARABIC_LETTER = /[\u0621-\u064a\u0671-\u06d3\u06fa-\u06fc\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]/g;
const LETTER = /\p{L}/gu;

/** True when most letters of the text are Arabic script. */
export function isMostlyArabic(text: string): boolean {
  const letters = text.match(LETTER)?.length ?? 0;
  const arabic = text.match(ARABIC_LETTER)?.length ?? 0;
  return letters > 0 && arabic * 2 >= letters;
}

/** `?title=&slug=&sourceLang=&targetLang=` of a Word import. */
export interface WordImportRequest {
  title?: string;
  slug?: string;
  sourceLang?: string;
  targetLang?: string;
}

/**
 * The language pair of an imported Word file: as asked, else Arabic (when the text is mostly in Arabic script)
 * into English. A file in another script must say its language.
 */
export function getWordLangs(text: string, request: WordImportRequest): { sourceLang: string; targetLang: string } {
  for (const key of ['sourceLang', 'targetLang'] as const) {
    const value = request[key];
    if (value !== undefined && !langSchema.safeParse(value).success) throw new ModelError('invalid', `${key} "${value}" is not a language tag such as "ar" or "en"`);
  }
  let sourceLang = request.sourceLang;
  if (!sourceLang) {
    if (!isMostlyArabic(text)) {
      throw new ModelError('invalid', 'Word: the text is not in Arabic script; say which language it is in with ?sourceLang= (a tag such as "fr")');
    }
    sourceLang = 'ar';
  }
  const targetLang = request.targetLang ?? (sourceLang.toLowerCase().split('-')[0] === 'en' ? undefined : 'en');
  if (!targetLang) throw new ModelError('invalid', 'Word: the text is in English; say which language to translate it into with ?targetLang=');
  if (targetLang.toLowerCase() === sourceLang.toLowerCase()) throw new ModelError('invalid', `Word: the source and target languages are both "${sourceLang}"`);
  return { sourceLang, targetLang };
}

/**
 * A new document from the HTML of a Word file: one row per block, nothing translated. A block with bold or
 * italic keeps them as XLIFF 2 formatting codes in `row.xliff.source`, as an XLIFF import keeps codes, so the
 * XLIFF and Word exports give them back. Throws when nothing is left to import.
 */
export function createDocumentFromWordHtml(
  html: string,
  request: WordImportRequest,
  ctx: { now: string; user: string | null; newId: () => string; slug: string },
): { doc: BilingualDocument; skipped: WordSkipped[] } {
  const { blocks, skipped } = mapWordHtml(html);
  if (!blocks.length) {
    const what = skipped.length ? ` (only ${[...new Set(skipped.map((s) => `${s.kind}s`))].join(' and ')}, which are not imported)` : '';
    throw new ModelError('invalid', `Word: the document has no text to import${what}`);
  }
  const allText = blocks.map((b) => b.block.text).join('\n');
  if (new TextEncoder().encode(allText).length > MAX_IMPORT_BYTES) {
    throw new ModelError('too-large', `Word: the document's text is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  }
  const langs = getWordLangs(allText, request);
  const ids = new Set<string>();
  const rows: Row[] = blocks.map(({ block, inline }) => {
    let id = ctx.newId();
    while (ids.has(id)) id = ctx.newId();
    ids.add(id);
    const marked = inline.some((n) => typeof n !== 'string');
    return {
      id,
      rev: 1,
      status: 'untranslated',
      source: [block],
      target: emptyTarget(),
      updatedAt: ctx.now,
      updatedBy: ctx.user,
      ...(marked && { xliff: { source: writeInline2(inline) } }),
    };
  });
  const titleBlock = blocks.find((b) => b.block.kind === 'title')?.block ?? blocks[0]!.block;
  const rawTitle = request.title ?? titleBlock.text.replace(/\s+/g, ' ');
  if (!slugSchema.safeParse(ctx.slug).success) throw new ModelError('invalid', `slug "${ctx.slug}" is not valid`);
  return {
    doc: {
      schemaVersion: DOCUMENT_SCHEMA_VERSION,
      slug: ctx.slug,
      title: rawTitle.length > 300 ? `${rawTitle.slice(0, 299)}…` : rawTitle,
      ...langs,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      rows,
    },
    skipped,
  };
}
