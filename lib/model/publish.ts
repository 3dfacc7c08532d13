import { z } from './zod';
import { reanchorNotes } from './anchoring';
import { isSpace, trimEndWhere } from './text-scan';
import { ModelError } from './errors';
import { noteIdSchema, noteSideSchema, positionSchema, quoteSchema, type Note, type NoteSide } from './notes';
import {
  langSchema,
  rowIdSchema,
  slugSchema,
  sourceBlockSchema,
  targetDocSchema,
  type BilingualDocument,
  type SourceBlock,
  type TargetDoc,
  type TargetParagraph,
} from './schema';
import { getParagraphText, isTargetEmpty } from './target';

/** Version of published.json; bump it with a migration when the shape changes. */
export const PUBLISHED_SCHEMA_VERSION = 1;
export const MAX_CREDIT_LENGTH = 300;

/** A source link must be a web address: it is printed and followed by readers. */
const sourceUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) address' })
  .max(2000, 'must be at most 2000 characters');

const creditSchema = z.string().trim().max(MAX_CREDIT_LENGTH, `must be at most ${MAX_CREDIT_LENGTH} characters`);

/** One row as published: its id (the permalink), the original's blocks and the translation, frozen. */
export const publishedRowSchema = z.strictObject({
  id: rowIdSchema,
  source: z.array(sourceBlockSchema).min(1, 'a row holds at least one source block'),
  target: targetDocSchema,
});

/** A public note (a translator's note) as published: shown as a numbered footnote. */
export const publishedNoteSchema = z.strictObject({
  id: noteIdSchema,
  rowId: rowIdSchema,
  side: noteSideSchema,
  quote: quoteSchema.optional(),
  /** Where the quote was in the published text, so the footnote mark sits after it. */
  position: positionSchema.optional(),
  body: z.string().min(1, 'must not be empty'),
  author: z.string().min(1, 'must not be empty'),
});

/**
 * The frozen published version of a document (`published.json`): what the public reading page and the static
 * export show, unchanged by later edits until the document is published again.
 */
export const publishedSnapshotSchema = z
  .strictObject({
    schemaVersion: z.literal(PUBLISHED_SCHEMA_VERSION),
    slug: slugSchema,
    /** 1 for the first publication, one more for each publication after it, never reused. */
    version: z.number().int().min(1),
    publishedAt: z.iso.datetime(),
    publishedBy: z.string().min(1).max(100),
    firstPublishedAt: z.iso.datetime(),
    /** The document's title, in the source language. */
    title: z.string().min(1).max(300),
    /** The translation of the title row, '' when there is none. */
    targetTitle: z.string(),
    sourceLang: langSchema,
    targetLang: langSchema,
    /** Who wrote the original, as the reading page credits it ("Al-Wasat, 10 May 2025"). */
    credit: creditSchema.min(1).optional(),
    sourceUrl: sourceUrlSchema.optional(),
    rows: z.array(publishedRowSchema).min(1, 'a published document holds at least one row'),
    notes: z.array(publishedNoteSchema),
  })
  .superRefine((snapshot, ctx) => {
    const ids = new Set<string>();
    snapshot.rows.forEach((row, i) => {
      if (ids.has(row.id)) ctx.addIssue({ code: 'custom', path: ['rows', i, 'id'], message: `duplicate row id "${row.id}"` });
      ids.add(row.id);
    });
    snapshot.notes.forEach((note, i) => {
      if (!ids.has(note.rowId)) ctx.addIssue({ code: 'custom', path: ['notes', i, 'rowId'], message: `no row "${note.rowId}"` });
    });
    if (snapshot.firstPublishedAt > snapshot.publishedAt) {
      ctx.addIssue({ code: 'custom', path: ['firstPublishedAt'], message: 'must not be after publishedAt' });
    }
  });

export type PublishedRow = z.infer<typeof publishedRowSchema>;
export type PublishedNote = z.infer<typeof publishedNoteSchema>;
export type PublishedSnapshot = z.infer<typeof publishedSnapshotSchema>;

/**
 * Body of `POST /api/documents/:slug/publish`: the source credit and link. Left out, they are kept from the last
 * publication; an empty string removes them.
 */
export const publishRequestSchema = z.strictObject({
  credit: creditSchema.optional(),
  sourceUrl: z.union([z.literal(''), sourceUrlSchema]).optional(),
});
export type PublishRequest = z.infer<typeof publishRequestSchema>;

/** Who publishes, when, and the credit to print. */
export interface PublishContext {
  now: string;
  user: string;
  credit?: string;
  sourceUrl?: string;
}

function getTitleRowText(doc: { rows: { source: SourceBlock[]; target: TargetDoc }[] }): string {
  const titleRow = doc.rows.find((r) => r.source.some((b) => b.kind === 'title'));
  return titleRow ? titleRow.target.content.map(getParagraphText).join(' ').replace(/\s+/g, ' ').trim() : '';
}

function pickOptional(given: string | undefined, previous: string | undefined): string | undefined {
  if (given === undefined) return previous;
  const trimmed = given.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * A new published snapshot of `doc`: every row's source and translation as they are now, and its public notes
 * (found again by their quotes first, so each footnote mark sits where its text is now). A note whose text is gone
 * (detached) is left out: its mark would have nowhere to go. The version follows `previous` (the last snapshot,
 * current or withdrawn), so a number is never given to two different texts.
 */
export function createSnapshot(
  doc: BilingualDocument,
  notes: Note[],
  previous: PublishedSnapshot | null,
  ctx: PublishContext,
): PublishedSnapshot {
  const rowIds = new Set(doc.rows.map((r) => r.id));
  const anchored = reanchorNotes(notes, doc);
  const publicNotes: PublishedNote[] = anchored
    .filter((n) => n.visibility === 'public' && !n.detached && rowIds.has(n.rowId))
    .map((n) => ({
      id: n.id,
      rowId: n.rowId,
      side: n.side,
      ...(n.quote && { quote: n.quote }),
      ...(n.quote && n.position && { position: n.position }),
      body: n.body,
      author: n.author,
    }));
  const credit = pickOptional(ctx.credit, previous?.credit);
  const sourceUrl = pickOptional(ctx.sourceUrl, previous?.sourceUrl);
  const snapshot = {
    schemaVersion: PUBLISHED_SCHEMA_VERSION,
    slug: doc.slug,
    version: (previous?.version ?? 0) + 1,
    publishedAt: ctx.now,
    publishedBy: ctx.user,
    firstPublishedAt: previous?.firstPublishedAt ?? ctx.now,
    title: doc.title,
    targetTitle: getTitleRowText(doc),
    sourceLang: doc.sourceLang,
    targetLang: doc.targetLang,
    ...(credit && { credit }),
    ...(sourceUrl && { sourceUrl }),
    rows: doc.rows.map((r) => ({ id: r.id, source: r.source, target: r.target })),
    notes: publicNotes,
  };
  const parsed = publishedSnapshotSchema.safeParse(snapshot);
  if (!parsed.success) throw new ModelError('invalid', `cannot publish: ${parsed.error.issues[0]?.message ?? 'invalid snapshot'}`);
  return parsed.data;
}

/** A translation reduced to what a reader sees: paragraphs of text runs with their marks. */
function targetKey(target: TargetDoc): string {
  if (isTargetEmpty(target)) return '';
  return JSON.stringify(
    target.content.map((p) =>
      (p.content ?? []).map((n) => (n.type === 'text' ? [n.text, (n.marks ?? []).map((m) => m.type).sort()] : '\n')),
    ),
  );
}

function sourceKey(source: SourceBlock[]): string {
  return JSON.stringify(source.map((b) => [b.kind, b.text, b.number ?? null, b.level ?? null]));
}

/**
 * How many rows differ between the published snapshot and the document now: rows whose original or translation
 * changed (a change of marks counts, a change of status alone does not), rows added, and rows removed.
 */
export function countChangedRows(snapshot: PublishedSnapshot, doc: BilingualDocument): number {
  const published = new Map(snapshot.rows.map((r) => [r.id, r]));
  let changed = 0;
  for (const row of doc.rows) {
    const before = published.get(row.id);
    if (!before || sourceKey(before.source) !== sourceKey(row.source) || targetKey(before.target) !== targetKey(row.target)) changed++;
    published.delete(row.id);
  }
  return changed + published.size;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading: layouts, the kinds of translated blocks, footnote marks.
// ---------------------------------------------------------------------------------------------------------------

/** The reading page's layouts: both languages side by side or interleaved, or one language alone. */
export const READER_LAYOUTS = ['side', 'interleaved', 'source', 'target'] as const;
export type ReaderLayout = (typeof READER_LAYOUTS)[number];

/**
 * The layout a `?layout=` value asks for. One-language layouts are named by their language tag (`ar`, `en`),
 * as readers share them; `source` and `target` are accepted too. Anything else is the default, side by side.
 */
export function parseReaderLayout(value: unknown, langs: { sourceLang: string; targetLang: string }): ReaderLayout {
  if (typeof value !== 'string') return 'side';
  const v = value.toLowerCase();
  if (v === langs.sourceLang.toLowerCase()) return 'source';
  if (v === langs.targetLang.toLowerCase()) return 'target';
  return (READER_LAYOUTS as readonly string[]).includes(v) ? (v as ReaderLayout) : 'side';
}

/** The `?layout=` value of a layout, the inverse of parseReaderLayout. */
export function getLayoutParam(layout: ReaderLayout, langs: { sourceLang: string; targetLang: string }): string {
  if (layout === 'source') return langs.sourceLang;
  if (layout === 'target') return langs.targetLang;
  return layout;
}

/** Latin digits for a list number written in Arabic-Indic or Persian digits ("١٢" → "12"). */
export function toLatinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

/** How one translated paragraph is shown: with the kind of the original block it translates. */
export interface TargetBlockKind {
  kind: SourceBlock['kind'];
  number?: string;
  level?: number;
}

/**
 * The kinds of a row's translated paragraphs, taken from its original: paragraph by paragraph when the row has
 * as many of each; else every paragraph takes the kind the original's blocks share; else plain paragraphs. A list
 * item's number is given in Latin digits, as English writes it.
 */
export function getTargetKinds(source: SourceBlock[], target: TargetDoc): TargetBlockKind[] {
  const of = (b: SourceBlock): TargetBlockKind => ({
    kind: b.kind,
    ...(b.number !== undefined && { number: toLatinDigits(b.number) }),
    ...(b.level !== undefined && { level: b.level }),
  });
  if (target.content.length === source.length) return source.map(of);
  const first = source[0]!;
  const shared = source.every((b) => b.kind === first.kind);
  return target.content.map((_, i) => {
    if (!shared || (first.kind === 'numbered' && source.length > 1)) return { kind: 'paragraph' };
    // A run of numbered items translated as more paragraphs: only the first carries the number.
    return first.kind === 'numbered' && i > 0 ? { kind: 'paragraph' } : of(first);
  });
}

/** Where a footnote's mark goes: after the character at `offset` of block (or paragraph) `block` of its side. */
export interface FootnoteMark {
  noteId: string;
  number: number;
  rowId: string;
  side: NoteSide;
  block: number;
  offset: number;
}

/** Moves an offset forward to the end of the word it falls in, so a mark never splits a word's letters. */
function toWordEnd(text: string, offset: number): number {
  let i = Math.min(Math.max(offset, 0), text.length);
  while (i > 0 && i < text.length && /[\p{L}\p{M}\p{N}\u0640]/u.test(text[i]!) && /[\p{L}\p{M}\p{N}\u0640]/u.test(text[i - 1]!)) i++;
  return i;
}

/** The texts a note's offsets count in: one per block (source) or paragraph (target), joined by "\n". */
function getSideBlocks(row: PublishedRow, side: NoteSide): string[] {
  return side === 'source' ? row.source.map((b) => b.text) : row.target.content.map(getParagraphText);
}

function placeMark(blocks: string[], note: PublishedNote): { block: number; offset: number } {
  const lastBlock = Math.max(blocks.length - 1, 0);
  const atEnd = { block: lastBlock, offset: blocks[lastBlock]?.length ?? 0 };
  if (!note.quote) return atEnd;
  const joined = blocks.join('\n');
  let end = -1;
  if (note.position && joined.slice(note.position.start, note.position.end) === note.quote.exact) end = note.position.end;
  else {
    const found = joined.indexOf(note.quote.exact);
    if (found >= 0) end = found + note.quote.exact.length;
  }
  if (end < 0) return atEnd;
  let start = 0;
  for (let i = 0; i < blocks.length; i++) {
    const text = blocks[i]!;
    if (end <= start + text.length) return { block: i, offset: toWordEnd(text, end - start) };
    start += text.length + 1;
  }
  return atEnd;
}

/**
 * The footnotes of a snapshot, numbered in reading order (by row, the original before the translation, then by
 * place in the text), each with where its mark goes.
 */
export function getFootnoteMarks(snapshot: PublishedSnapshot): FootnoteMark[] {
  const rowIndex = new Map(snapshot.rows.map((r, i) => [r.id, i]));
  const marks = snapshot.notes.flatMap((note, order) => {
    const index = rowIndex.get(note.rowId);
    if (index === undefined) return [];
    const row = snapshot.rows[index]!;
    return [{ note, order, index, ...placeMark(getSideBlocks(row, note.side), note) }];
  });
  marks.sort(
    (a, b) =>
      a.index - b.index ||
      (a.note.side === b.note.side ? 0 : a.note.side === 'source' ? -1 : 1) ||
      a.block - b.block ||
      a.offset - b.offset ||
      a.order - b.order,
  );
  return marks.map((m, i) => ({ noteId: m.note.id, number: i + 1, rowId: m.note.rowId, side: m.note.side, block: m.block, offset: m.offset }));
}

/**
 * Splits a paragraph's inline content at text offsets (hard breaks count one character, as in getParagraphText),
 * so marks can be put between the pieces. Returns `offsets.length + 1` runs of inline nodes.
 */
export function splitInlineAt(paragraph: TargetParagraph, offsets: number[]): NonNullable<TargetParagraph['content']>[] {
  type Inline = NonNullable<TargetParagraph['content']>[number];
  const sorted = [...offsets].sort((a, b) => a - b);
  const runs: Inline[][] = [[]];
  let pos = 0;
  let next = 0;
  const cut = () => {
    runs.push([]);
    next++;
  };
  for (const node of paragraph.content ?? []) {
    if (node.type === 'hard_break') {
      while (next < sorted.length && sorted[next]! <= pos) cut();
      runs[runs.length - 1]!.push(node);
      pos += 1;
      continue;
    }
    let text = node.text;
    let start = pos;
    while (next < sorted.length && sorted[next]! <= start + text.length) {
      const at = Math.max(sorted[next]! - start, 0);
      if (at > 0) runs[runs.length - 1]!.push({ ...node, text: text.slice(0, at) });
      text = text.slice(at);
      start += at;
      cut();
    }
    if (text) runs[runs.length - 1]!.push({ ...node, text });
    pos += node.text.length;
  }
  while (next < sorted.length) cut();
  return runs;
}

/** Splits a string at offsets: `offsets.length + 1` pieces. */
export function splitTextAt(text: string, offsets: number[]): string[] {
  const sorted = [...offsets].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const at of sorted) {
    const to = Math.min(Math.max(at, from), text.length);
    out.push(text.slice(from, to));
    from = to;
  }
  out.push(text.slice(from));
  return out;
}

/** A short plain-text description of a snapshot: the start of its first translated paragraph, else the original's. */
export function getSnapshotDescription(snapshot: PublishedSnapshot, maxLength = 200): string {
  const bodyRows = snapshot.rows.filter((r) => !r.source.every((b) => b.kind === 'title' || b.kind === 'heading'));
  const english = bodyRows.map((r) => r.target.content.map(getParagraphText).join(' ').trim()).find(Boolean);
  const text = (english ?? bodyRows[0]?.source.map((b) => b.text).join(' ') ?? snapshot.title).replace(/\s+/g, ' ').trim();
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(' ');
  return `${trimEndWhere(space > maxLength * 0.6 ? cut.slice(0, space) : cut, (c) => isSpace(c) || ',.;:،؛'.includes(c))}…`;
}
