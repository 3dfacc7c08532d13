import { z } from './zod';
import { MAX_NOTE_BODY, QUOTE_CONTEXT } from './note-sides';
import { rowIdSchema } from './schema';

/** Version of notes.json; bump with a migration when the shape changes. */
export const NOTES_SCHEMA_VERSION = 1;

export const noteIdSchema = rowIdSchema;
export const noteSideSchema = z.enum(['source', 'target']);
export const noteStatusSchema = z.enum(['open', 'resolved']);
export const noteVisibilitySchema = z.enum(['internal', 'public']);

const bodySchema = z
  .string({ error: 'body must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_NOTE_BODY, `must be at most ${MAX_NOTE_BODY} characters`);

/** W3C TextQuoteSelector: the quoted text with a little context either side. */
export const quoteSchema = z.strictObject({
  exact: z.string().min(1, 'must not be empty').max(5000),
  prefix: z.string().max(QUOTE_CONTEXT * 4).optional(),
  suffix: z.string().max(QUOTE_CONTEXT * 4).optional(),
});

/** W3C TextPositionSelector over the side's text (blocks or paragraphs joined by "\n"). */
export const positionSchema = z
  .strictObject({ start: z.number().int().min(0), end: z.number().int().min(0) })
  .refine((p) => p.end > p.start, { message: 'end must be after start' });

export const replySchema = z.strictObject({
  id: noteIdSchema,
  body: bodySchema,
  author: z.string().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const noteSchema = z.strictObject({
  id: noteIdSchema,
  rowId: rowIdSchema,
  side: noteSideSchema,
  quote: quoteSchema.optional(),
  position: positionSchema.optional(),
  /** True when the quoted text is gone: the note is kept and shown with its quote, never dropped. */
  detached: z.boolean(),
  body: bodySchema,
  author: z.string().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  status: noteStatusSchema,
  resolvedBy: z.string().optional(),
  resolvedAt: z.iso.datetime().optional(),
  visibility: noteVisibilitySchema,
  replies: z.array(replySchema),
});

export const notesFileSchema = z.strictObject({
  schemaVersion: z.literal(NOTES_SCHEMA_VERSION),
  notes: z.array(noteSchema),
});

/** Body of `POST /notes`. */
export const createNoteRequestSchema = z.strictObject({
  rowId: rowIdSchema,
  side: noteSideSchema,
  quote: quoteSchema.optional(),
  position: positionSchema.optional(),
  body: bodySchema,
  visibility: noteVisibilitySchema.optional(),
});

/** Body of `PATCH /notes/:noteId`. */
export const updateNoteRequestSchema = z
  .strictObject({
    body: bodySchema.optional(),
    status: noteStatusSchema.optional(),
    visibility: noteVisibilitySchema.optional(),
  })
  .refine((v) => v.body !== undefined || v.status !== undefined || v.visibility !== undefined, {
    message: 'give at least one of body, status, visibility',
  });

/** Body of `POST /notes/:noteId/replies`. */
export const replyRequestSchema = z.strictObject({ body: bodySchema });

export type NoteSide = z.infer<typeof noteSideSchema>;
export type Quote = z.infer<typeof quoteSchema>;
export type TextPosition = z.infer<typeof positionSchema>;
export type Reply = z.infer<typeof replySchema>;
export type Note = z.infer<typeof noteSchema>;
export type NotesFile = z.infer<typeof notesFileSchema>;
export type CreateNoteRequest = z.infer<typeof createNoteRequestSchema>;
export type UpdateNoteRequest = z.infer<typeof updateNoteRequestSchema>;
