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
