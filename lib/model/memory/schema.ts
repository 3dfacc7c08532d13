import { z } from '../zod';
import { foldArabic } from '../arabic';
import { ModelError } from '../errors';
import { langSchema, rowIdSchema, slugSchema } from '../schema';
import { parseWith } from '../validate';

/**
 * The translation memory: every finished translation (a row marked translated or approved, or a unit brought in
 * from a TMX file) as a pair of plain texts, shared by all documents and stored in `content/memory.json`.
 */

export const MEMORY_SCHEMA_VERSION = 1;
/** A paragraph is far below this; it only keeps a hand-edited file from holding a book in one entry. */
export const MAX_MEMORY_TEXT = 100_000;

export const memoryEntryIdSchema = z.string().regex(/^[a-z0-9]{10}$/, 'must be 10 characters of a-z and 0-9');

export const memoryEntrySchema = z.strictObject({
  id: memoryEntryIdSchema,
  sourceLang: langSchema,
  targetLang: langSchema,
  /** Plain text of the original (a row's source blocks joined by newlines). */
  source: z.string().trim().min(1, 'must not be empty').max(MAX_MEMORY_TEXT),
  /** Plain text of the translation (paragraphs separated by blank lines). */
  target: z.string().trim().min(1, 'must not be empty').max(MAX_MEMORY_TEXT),
  /** Where the pair came from: a document's row, or nothing for an imported unit. */
  origin: z.strictObject({ slug: slugSchema.optional(), rowId: rowIdSchema.optional() }),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().max(100).nullable(),
});

export const translationMemorySchema = z.strictObject({
  schemaVersion: z.literal(MEMORY_SCHEMA_VERSION),
  entries: z.array(memoryEntrySchema),
});

export type MemoryEntry = z.infer<typeof memoryEntrySchema>;
export type TranslationMemory = z.infer<typeof translationMemorySchema>;
/** A pair to remember: an entry before it has an id and a date. */
export type MemoryEntryInput = Pick<MemoryEntry, 'sourceLang' | 'targetLang' | 'source' | 'target' | 'origin'>;

export function emptyMemory(): TranslationMemory {
  return { schemaVersion: MEMORY_SCHEMA_VERSION, entries: [] };
}

/** The primary language subtag, lower-cased: ar-SA, AR-EG and ar are one language to the memory. */
export function baseLang(tag: string): string {
  return tag.split(/[-_]/)[0]!.toLowerCase();
}

/** Folded text with runs of white space as one space: what "the same source" means. */
export function foldKeyText(text: string): string {
  return foldArabic(text).text.replace(/\s+/g, ' ').trim();
}

/**
 * Entries are one per folded source and language pair: a new translation of the same source (diacritics, letter
 * forms and spacing aside) replaces the old one.
 */
export function memoryKey(entry: Pick<MemoryEntry, 'sourceLang' | 'targetLang' | 'source'>): string {
  return `${baseLang(entry.sourceLang)}\u0000${baseLang(entry.targetLang)}\u0000${foldKeyText(entry.source)}`;
}

/**
 * Validates a memory read from `source` (a hand-editable file), also what the schema cannot check: unique ids and
 * one entry per source and language pair. Problems name the entry.
 */
export function parseMemory(input: unknown, source: string): TranslationMemory {
  const memory = parseWith(translationMemorySchema, input, source, 'corrupt');
  const ids = new Map<string, number>();
  const keys = new Map<string, number>();
  memory.entries.forEach((entry, i) => {
    const sameId = ids.get(entry.id);
    if (sameId !== undefined) throw new ModelError('corrupt', `${source}: entries[${i}].id: "${entry.id}" is also the id of entries[${sameId}]`);
    ids.set(entry.id, i);
    const key = memoryKey(entry);
    const sameKey = keys.get(key);
    if (sameKey !== undefined) {
      throw new ModelError('corrupt', `${source}: entries[${i}].source: the same source and languages as entries[${sameKey}]; keep one of them`);
    }
    keys.set(key, i);
  });
  return memory;
}
