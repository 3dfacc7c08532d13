import { z } from './zod';
import { ModelError } from './errors';
import anyAscii from 'any-ascii';
import { DOCUMENT_SCHEMA_VERSION, langSchema, slugSchema, type BilingualDocument, type Row } from './schema';
import { LIMITS } from './limits';
import { checkImportRowCount, checkImportSize } from './row-limits';
import { emptyTarget } from './target';
import { runSteps, type Steps } from './steps';
import { checkImportText, parseSourceTextSteps } from './text-import';
import { parseDocumentSteps } from './validate';

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
    // Runs become one hyphen, so trimming one at each end is enough (and `-+$` would be read from every hyphen).
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48)
    .replace(/-$/, '');
  return slug || fallback;
}

/** A new document from imported text: one row per block, nothing translated yet. */
export function createDocumentFromText(request: CreateDocumentRequest, ctx: CreateContext): BilingualDocument {
  return runSteps(createDocumentFromTextSteps(request, ctx));
}

type CreateContext = { now: string; user: string | null; newId: () => string; slug: string };

/**
 * createDocumentFromText in steps (lib/model/steps.ts): parsing, making the rows and validating the document
 * pause every few thousand lines or rows. The document comes out validated (parseDocumentSteps), so the store
 * need not validate it again in one long step.
 */
export function* createDocumentFromTextSteps(request: CreateDocumentRequest, ctx: CreateContext): Steps<BilingualDocument> {
  const text = checkImportText(request.text);
  // Counted while parsing, before any row is made: rows cost far more than the lines they come from.
  const blocks = yield* parseSourceTextSteps(text, { maxBlocks: LIMITS.importRows });
  checkImportRowCount(blocks.length);
  const ids = new Set<string>();
  const rows: Row[] = [];
  for (const block of blocks) {
    let id = ctx.newId();
    while (ids.has(id)) id = ctx.newId();
    ids.add(id);
    rows.push({ id, rev: 1, status: 'untranslated', source: [block], target: emptyTarget(), updatedAt: ctx.now, updatedBy: ctx.user });
    if (rows.length % 1000 === 0) yield;
  }
  checkImportSize({ rows });
  const titleBlock = blocks.find((b) => b.kind === 'title') ?? blocks[0]!;
  const title = request.title ?? (titleBlock.text.length > 300 ? `${titleBlock.text.slice(0, 299)}…` : titleBlock.text);
  if (!slugSchema.safeParse(ctx.slug).success) throw new ModelError('invalid', `slug "${ctx.slug}" is not valid`);
  yield;
  const doc: BilingualDocument = {
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    slug: ctx.slug,
    title,
    sourceLang: request.sourceLang ?? 'ar',
    targetLang: request.targetLang ?? 'en',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    rows,
  };
  return yield* parseDocumentSteps(doc, 'new document', 'invalid');
}
