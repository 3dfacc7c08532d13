import { z } from './zod';
import { reanchorNotes } from './anchoring';
import { ModelError } from './errors';
import { noteIdSchema, noteSideSchema, positionSchema, quoteSchema, type Note } from './notes';
import {
  langSchema,
  rowIdSchema,
  slugSchema,
  sourceBlockSchema,
  targetDocSchema,
  type BilingualDocument,
  type SourceBlock,
  type TargetDoc,
} from './schema';
import { getParagraphText, isTargetEmpty } from './target';
import { selectPublishedRows, type PublishSelection } from './publish-preview';

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
    /** The publisher's display name, as the reading page's "published by" line shows it. */
    publishedByName: z.string().min(1).max(100).optional(),
    /** Which rows were published (see PUBLISH_SELECTIONS); absent: every row, as before there was a choice. */
    include: z.enum(['all', 'approved', 'approved-translated']).optional(),
    /** How many rows of the document were left out: the reading page says the translation is partial. */
    leftOut: z.number().int().min(1).optional(),
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
  /**
   * Which rows to publish: `approved` rows only, `approved-translated` (approved and translated), or `all` (every
   * row, untranslated ones in the original only). Absent: `all`, the behaviour before there was a choice.
   */
  include: z.enum(['all', 'approved', 'approved-translated']).optional(),
});
export type PublishRequest = z.infer<typeof publishRequestSchema>;

/** Who publishes, when, the credit to print, which rows, and the names people are shown by. */
export interface PublishContext {
  now: string;
  user: string;
  credit?: string;
  sourceUrl?: string;
  /** Which rows (default `all`). */
  include?: PublishSelection;
  /** Display names by user name: "published by" and the footnotes' authors use them. */
  names?: Readonly<Record<string, string>>;
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
  const include = ctx.include ?? 'all';
  const { included, leftOut } = selectPublishedRows(doc.rows, include);
  if (!included.length) {
    throw new ModelError('invalid', include === 'approved' ? 'cannot publish: no row is approved yet' : 'cannot publish: no row is translated or approved yet');
  }
  const nameOf = (user: string) => ctx.names?.[user] ?? user;
  const rowIds = new Set(included.map((r) => r.id));
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
      author: nameOf(n.author),
    }));
  const credit = pickOptional(ctx.credit, previous?.credit);
  const sourceUrl = pickOptional(ctx.sourceUrl, previous?.sourceUrl);
  const snapshot = {
    schemaVersion: PUBLISHED_SCHEMA_VERSION,
    slug: doc.slug,
    version: (previous?.version ?? 0) + 1,
    publishedAt: ctx.now,
    publishedBy: ctx.user,
    ...(ctx.names?.[ctx.user] && { publishedByName: ctx.names[ctx.user] }),
    ...(include !== 'all' && { include }),
    ...(leftOut.length && { leftOut: leftOut.length }),
    firstPublishedAt: previous?.firstPublishedAt ?? ctx.now,
    title: doc.title,
    targetTitle: getTitleRowText(doc),
    sourceLang: doc.sourceLang,
    targetLang: doc.targetLang,
    ...(credit && { credit }),
    ...(sourceUrl && { sourceUrl }),
    rows: included.map((r) => ({ id: r.id, source: r.source, target: r.target })),
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
  // Compared with the rows the same choice would publish now: rows left out then and now are no change.
  for (const row of selectPublishedRows(doc.rows, snapshot.include ?? 'all').included) {
    const before = published.get(row.id);
    if (!before || sourceKey(before.source) !== sourceKey(row.source) || targetKey(before.target) !== targetKey(row.target)) changed++;
    published.delete(row.id);
  }
  return changed + published.size;
}

/**
 * How many public notes differ between the published snapshot and the document now: notes added, removed (or
 * made internal, resolved away from a published row, detached) and notes whose text changed. Only notes on rows
 * the same choice would publish count.
 */
export function countChangedNotes(snapshot: PublishedSnapshot, doc: BilingualDocument, notes: readonly Note[]): number {
  const rows = new Set(selectPublishedRows(doc.rows, snapshot.include ?? 'all').included.map((r) => r.id));
  const published = new Map(snapshot.notes.map((n) => [n.id, n]));
  let changed = 0;
  for (const n of notes) {
    if (n.visibility !== 'public' || n.detached || !rows.has(n.rowId)) continue;
    const before = published.get(n.id);
    if (!before || before.body !== n.body || before.rowId !== n.rowId || before.quote?.exact !== n.quote?.exact) changed++;
    published.delete(n.id);
  }
  return changed + published.size;
}

/** A published document as the public index lists it. */
export interface PublishedSummary {
  slug: string;
  title: string;
  targetTitle: string;
  sourceLang: string;
  targetLang: string;
  version: number;
  publishedAt: string;
  firstPublishedAt: string;
  rowCount: number;
}
