import { z } from 'zod';
import { ModelError } from './errors';
import anyAscii from 'any-ascii';
import { DOCUMENT_SCHEMA_VERSION, langSchema, slugSchema, type BilingualDocument, type Row } from './schema';
import { emptyTarget } from './target';
import { checkImportText, parseSourceText } from './text-import';

/** The body of `POST /api/documents` for a text import. */
export const createDocumentRequestSchema = z.strictObject({
  text: z.string({ error: 'text must be a string' }),
  title: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters').optional(),
  slug: slugSchema.optional(),
  sourceLang: langSchema.optional(),
  targetLang: langSchema.optional(),
});
export type CreateDocumentRequest = z.infer<typeof createDocumentRequestSchema>;

/**
 * A slug from a title: its letters and digits in Latin script, hyphenated. Other scripts are transliterated
 * (an Arabic title gives a readable slug such as `bwtyn-ystqbl-hftr`); a title with nothing left falls back to
 * `fallback`.
 */
export function slugify(title: string, fallback: string): string {
  const slug = anyAscii(title.normalize('NFKC'))
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** A new document from imported text: one row per block, nothing translated yet. */
export function createDocumentFromText(
  request: CreateDocumentRequest,
  ctx: { now: string; user: string | null; newId: () => string; slug: string },
): BilingualDocument {
  const text = checkImportText(request.text);
  const blocks = parseSourceText(text);
  const ids = new Set<string>();
  const rows: Row[] = blocks.map((block) => {
    let id = ctx.newId();
    while (ids.has(id)) id = ctx.newId();
    ids.add(id);
    return {
      id,
      rev: 1,
      status: 'untranslated',
      source: [block],
      target: emptyTarget(),
      updatedAt: ctx.now,
      updatedBy: ctx.user,
    };
  });
  const titleBlock = blocks.find((b) => b.kind === 'title') ?? blocks[0]!;
  const title = request.title ?? (titleBlock.text.length > 300 ? `${titleBlock.text.slice(0, 299)}…` : titleBlock.text);
  if (!slugSchema.safeParse(ctx.slug).success) throw new ModelError('invalid', `slug "${ctx.slug}" is not valid`);
  return {
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    slug: ctx.slug,
    title,
    sourceLang: request.sourceLang ?? 'ar',
    targetLang: request.targetLang ?? 'en',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    rows,
  };
}
