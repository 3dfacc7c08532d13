import { z } from './zod';
import { ModelError } from './errors';
import { getGlossaryKey, getTermWords, MAX_GLOSSARY_RENDERING, MAX_GLOSSARY_TERM } from './glossary-terms';
import { rowIdSchema } from './schema';
import { parseWith } from './validate';

/** Version of glossary.json; bump with a migration when the shape changes. */
export const GLOSSARY_SCHEMA_VERSION = 1;
export const MAX_GLOSSARY_NOTE = 2000;

export const glossaryIdSchema = rowIdSchema;

/** A term must keep at least one letter or digit once diacritics and tatweel are set aside. */
const termSchema = z
  .string({ error: 'term must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_GLOSSARY_TERM, `must be at most ${MAX_GLOSSARY_TERM} characters`)
  .refine((t) => getTermWords(t).length > 0, { message: 'must contain a letter or a digit' });

const renderingSchema = z
  .string({ error: 'rendering must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_GLOSSARY_RENDERING, `must be at most ${MAX_GLOSSARY_RENDERING} characters`);

const noteSchema = z
  .string({ error: 'note must be a string' })
  .trim()
  .max(MAX_GLOSSARY_NOTE, `must be at most ${MAX_GLOSSARY_NOTE} characters`);

export const glossaryEntrySchema = z.strictObject({
  id: glossaryIdSchema,
  term: termSchema,
  rendering: renderingSchema,
  note: noteSchema.min(1, 'must not be empty (leave it out instead)').optional(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().min(1, 'must not be empty'),
});

export const glossaryFileSchema = z.strictObject({
  schemaVersion: z.literal(GLOSSARY_SCHEMA_VERSION),
  entries: z.array(glossaryEntrySchema),
});

/** Body of `POST /api/glossary`. An empty note is the same as none. */
export const createGlossaryEntryRequestSchema = z.strictObject({
  term: termSchema,
  rendering: renderingSchema,
  note: noteSchema.optional(),
});

/** Body of `PATCH /api/glossary/:id`; an empty `note` removes the note. */
export const updateGlossaryEntryRequestSchema = z
  .strictObject({
    term: termSchema.optional(),
    rendering: renderingSchema.optional(),
    note: noteSchema.optional(),
  })
  .refine((v) => v.term !== undefined || v.rendering !== undefined || v.note !== undefined, {
    message: 'give at least one of term, rendering, note',
  });

export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;
export type GlossaryFile = z.infer<typeof glossaryFileSchema>;
export type CreateGlossaryEntryRequest = z.infer<typeof createGlossaryEntryRequestSchema>;
export type UpdateGlossaryEntryRequest = z.infer<typeof updateGlossaryEntryRequestSchema>;

/** Validates a glossary file read from `source`; duplicate ids are a broken file too. */
export function parseGlossaryFile(input: unknown, source: string, code: 'corrupt' | 'invalid' = 'corrupt'): GlossaryFile {
  const file = parseWith(glossaryFileSchema, input, source, code);
  const seen = new Set<string>();
  file.entries.forEach((entry, i) => {
    if (seen.has(entry.id)) throw new ModelError(code, `${source}: entries[${i}].id: duplicate id "${entry.id}"`);
    seen.add(entry.id);
  });
  return file;
}

// ---------------------------------------------------------------------------------------------------------------
// Changes
// ---------------------------------------------------------------------------------------------------------------

/** Who changes the glossary and when; ids come from storage. */
export interface GlossaryContext {
  now: string;
  user: string;
  newId: () => string;
}

function checkUnique(entries: readonly GlossaryEntry[], term: string, exceptId?: string): void {
  const key = getGlossaryKey(term);
  const other = entries.find((e) => e.id !== exceptId && getGlossaryKey(e.term) === key);
  if (other) {
    throw new ModelError('exists', `the glossary already has "${other.term}" (rendered "${other.rendering}"); edit that entry instead`);
  }
}

function findEntry(entries: readonly GlossaryEntry[], id: string): number {
  const at = entries.findIndex((e) => e.id === id);
  if (at < 0) throw new ModelError('not-found', `glossary entry "${id}" does not exist`);
  return at;
}

/** Adds an entry; a term that folds to one already there is refused with 'exists'. */
export function addGlossaryEntry(
  entries: readonly GlossaryEntry[],
  request: CreateGlossaryEntryRequest,
  ctx: GlossaryContext,
): { entries: GlossaryEntry[]; entry: GlossaryEntry } {
  checkUnique(entries, request.term);
  const ids = new Set(entries.map((e) => e.id));
  let id = ctx.newId();
  while (ids.has(id)) id = ctx.newId();
  const entry: GlossaryEntry = {
    id,
    term: request.term,
    rendering: request.rendering,
    ...(request.note ? { note: request.note } : {}),
    updatedAt: ctx.now,
    updatedBy: ctx.user,
  };
  return { entries: [...entries, entry], entry };
}

/** Changes an entry's term, rendering or note (an empty note removes it). */
export function updateGlossaryEntry(
  entries: readonly GlossaryEntry[],
  id: string,
  request: UpdateGlossaryEntryRequest,
  ctx: Omit<GlossaryContext, 'newId'>,
): { entries: GlossaryEntry[]; entry: GlossaryEntry } {
  const at = findEntry(entries, id);
  if (request.term !== undefined) checkUnique(entries, request.term, id);
  const old = entries[at]!;
  const note = request.note === undefined ? old.note : request.note || undefined;
  const entry: GlossaryEntry = {
    id,
    term: request.term ?? old.term,
    rendering: request.rendering ?? old.rendering,
    ...(note ? { note } : {}),
    updatedAt: ctx.now,
    updatedBy: ctx.user,
  };
  const next = [...entries];
  next[at] = entry;
  return { entries: next, entry };
}

/** Removes an entry. */
export function deleteGlossaryEntry(entries: readonly GlossaryEntry[], id: string): GlossaryEntry[] {
  const at = findEntry(entries, id);
  return entries.filter((_, i) => i !== at);
}
