import { z } from './zod';

/** Version of the on-disk document format; bump it with a migration when the shape changes. */
export const DOCUMENT_SCHEMA_VERSION = 1;

/** Slugs name folders on disk: lower-case letters, digits and inner hyphens only. */
export const slugSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'may hold only a-z, 0-9 and single inner hyphens');

/** Row ids are fixed-length so they can never collide with other path parts. */
export const ROW_ID_LENGTH = 10;
export const rowIdSchema = z
  .string()
  .regex(new RegExp(`^[a-z0-9]{${ROW_ID_LENGTH}}$`), `must be ${ROW_ID_LENGTH} characters of a-z and 0-9`);

/** BCP 47 language tag, kept simple: "ar", "en", "en-GB", "zh-Hant". */
/** A BCP 47 language tag's shape (primary subtag, then subtags of 1 to 8 letters or digits: "ar", "en-GB", "x-klingon"). */
export const langSchema = z
  .string()
  .max(64)
  .regex(/^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$/, 'must be a language tag such as "ar" or "en"');

export const ROW_STATUSES = ['untranslated', 'draft', 'translated', 'needs-changes', 'approved'] as const;
export const rowStatusSchema = z.enum(ROW_STATUSES);

export const BLOCK_KINDS = ['title', 'heading', 'paragraph', 'numbered', 'bulleted'] as const;

/**
 * One block of the original text, kept exactly as given. Numbered list items keep their number as written
 * (so "١." stays Arabic-Indic), headings their level.
 */
export const sourceBlockSchema = z.strictObject({
  kind: z.enum(BLOCK_KINDS),
  text: z.string().min(1, 'must not be empty'),
  number: z.string().max(16).optional(),
  level: z.number().int().min(1).max(6).optional(),
});

const markSchema = z.strictObject({ type: z.enum(['bold', 'italic']) });

const textNodeSchema = z.strictObject({
  type: z.literal('text'),
  text: z.string().min(1, 'text nodes must not be empty'),
  marks: z.array(markSchema).optional(),
});

const hardBreakSchema = z.strictObject({ type: z.literal('hard_break') });

const paragraphSchema = z.strictObject({
  type: z.literal('paragraph'),
  content: z.array(z.union([textNodeSchema, hardBreakSchema])).optional(),
});

/** A row's translation: the JSON of a ProseMirror doc of paragraphs (see lib/editor/schema.ts). */
export const targetDocSchema = z.strictObject({
  type: z.literal('doc'),
  content: z.array(paragraphSchema).min(1, 'a translation holds at least one paragraph'),
});

/**
 * What an XLIFF import kept of a unit so that an export gives it back to the other tool: the unit's own id
 * (when it could not be the row's), the segment's source and target as XLIFF 2 inline markup (`<ph/>`, `<pc>`,
 * `<mrk>`… which the editor does not show) and the native data they point at. Export uses the markup only while
 * the row's text still matches it (see lib/model/xliff/export.ts).
 */
export const rowXliffSchema = z.strictObject({
  unitId: z.string().min(1).max(200).optional(),
  source: z.string().max(400_000).optional(),
  target: z.string().max(400_000).optional(),
  data: z.record(z.string().max(200), z.string().max(100_000)).optional(),
});

/** Where a row's first draft came from: typed, a memory match, machine translation, or a repeated row's text. */
export const DRAFT_ORIGIN_KINDS = ['typed', 'memory', 'mt', 'repetition'] as const;

/** How far the confirmed text is from the first draft, in words (post-editing effort); set when the row is confirmed. */
export const postEditSchema = z.strictObject({
  /** Word-level edit distance (words inserted, deleted or replaced) from the draft to the confirmed text. */
  distance: z.number().int().min(0),
  draftWords: z.number().int().min(0),
  finalWords: z.number().int().min(0),
  at: z.iso.datetime(),
});

/**
 * The record of a row's first draft (lib/model/draft-origin.ts): what made it, the row revision it made (so a
 * pre-translation run can tell rows nobody edited since), and the draft's text (not kept for typed drafts, whose
 * first save is a few words), from which the post-editing effort is measured once the row is confirmed.
 */
export const draftOriginSchema = z.strictObject({
  kind: z.enum(DRAFT_ORIGIN_KINDS),
  /** A memory match's score, 0..1. */
  score: z.number().min(0).max(1).optional(),
  /** The machine translation provider and model. */
  provider: z.string().min(1).max(40).optional(),
  model: z.string().min(1).max(200).optional(),
  /** The pre-translation run that filled the row. */
  runId: rowIdSchema.optional(),
  /** The confirmed row a repetition was filled from. */
  fromRowId: rowIdSchema.optional(),
  rev: z.number().int().min(1),
  at: z.iso.datetime(),
  by: z.string().max(100).nullable(),
  text: z.string().max(200_000).optional(),
  postEdit: postEditSchema.optional(),
});

/** Keys of QA findings ignored in a row: a short list of short strings. */
export const qaIgnoredSchema = z.array(z.string().min(1).max(300)).max(100, 'at most 100 findings may be ignored in a row');

export const rowSchema = z.strictObject({
  id: rowIdSchema,
  rev: z.number().int().min(1),
  /**
   * The revision at which the row's text (source or target) last changed; absent in files written before it was
   * kept, which counts as `rev`. A save made on an older revision that only status changes followed is not a
   * conflict (see lib/model/row-edit.ts).
   */
  textRev: z.number().int().min(1).optional(),
  status: rowStatusSchema,
  source: z.array(sourceBlockSchema).min(1, 'a row holds at least one source block'),
  target: targetDocSchema,
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().max(100).nullable(),
  /** Only on rows imported from XLIFF with inline codes or a unit id of their own. */
  xliff: rowXliffSchema.optional(),
  /** Where the first draft came from; absent on rows drafted before this was recorded, and on empty rows. */
  origin: draftOriginSchema.optional(),
  /** QA findings someone decided to leave as they are in this row, by key (see lib/model/qa-ignore.ts). */
  qaIgnored: qaIgnoredSchema.optional(),
});

export const documentSchema = z.strictObject({
  schemaVersion: z.literal(DOCUMENT_SCHEMA_VERSION),
  slug: slugSchema,
  title: z.string().min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
  sourceLang: langSchema,
  targetLang: langSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  rows: z.array(rowSchema).min(1, 'a document holds at least one row'),
});

export type RowStatus = z.infer<typeof rowStatusSchema>;
export type BlockKind = (typeof BLOCK_KINDS)[number];
export type SourceBlock = z.infer<typeof sourceBlockSchema>;
export type TargetDoc = z.infer<typeof targetDocSchema>;
export type TargetParagraph = TargetDoc['content'][number];
export type Row = z.infer<typeof rowSchema>;
export type RowXliff = z.infer<typeof rowXliffSchema>;
export type DraftOrigin = z.infer<typeof draftOriginSchema>;
export type DraftOriginKind = DraftOrigin['kind'];
export type PostEdit = z.infer<typeof postEditSchema>;
export type BilingualDocument = z.infer<typeof documentSchema>;
